import { describe, expect, it } from 'vitest'
import { betterDirection, direction, fmtChange, fmtKpi, kpiSlug, tone } from './kpi'
import { fmtInt, fmtMoney, fmtPct } from '../format'

const k = (label: string, change: number, hasPrev = true) => ({ label, change, hasPrev })

describe('KPI change colouring', () => {
  it('fewer unused licences, less waste and fewer reclaimable users are good; more are bad', () => {
    for (const label of ['Unused licences', 'Monthly waste', 'Reclaimable users']) {
      expect(betterDirection(label)).toBe('down')
      expect(tone(k(label, -3))).toBe('good')
      expect(tone(k(label, 2))).toBe('bad')
    }
  })

  it('more MFA coverage is good; less is bad', () => {
    expect(tone(k('MFA coverage', 4.5))).toBe('good')
    expect(tone(k('MFA coverage', -0.5))).toBe('bad')
  })

  it('users, licensed users and spend are neither good nor bad', () => {
    for (const label of ['Users', 'Licensed users', 'Monthly spend']) {
      expect(tone(k(label, 5))).toBe('neutral')
      expect(tone(k(label, -5))).toBe('neutral')
    }
  })

  it('no change, or no previous version, is neutral', () => {
    expect(tone(k('Monthly waste', 0))).toBe('neutral')
    expect(tone(k('Monthly waste', -10, false))).toBe('neutral')
  })

  it('the arrow follows the sign of Go’s change', () => {
    expect(direction(0.01)).toBe('up')
    expect(direction(-0.01)).toBe('down')
    expect(direction(0)).toBe('flat')
  })
})

describe('KPI formatting', () => {
  it('formats by kind', () => {
    expect(fmtKpi('count', 1234, 'USD')).toBe(fmtInt(1234))
    expect(fmtKpi('percent', 81.5, 'USD')).toBe(fmtPct(81.5))
    expect(fmtKpi('money', 80, 'EUR')).toBe(fmtMoney(80, 'EUR'))
  })

  it('signs the change; percentages are points', () => {
    expect(fmtChange('count', 2, '')).toBe('+' + fmtInt(2))
    expect(fmtChange('money', -50.5, 'USD')).toBe('−' + fmtMoney(50.5, 'USD'))
    expect(fmtChange('percent', 6.5, '')).toBe('+' + fmtPct(6.5).replace(' %', ' pts'))
    expect(fmtChange('count', 0, '')).toBe('±' + fmtInt(0))
  })

  it('slugs labels for test ids', () => {
    expect(kpiSlug('Unused licences')).toBe('unused-licences')
    expect(kpiSlug('MFA coverage')).toBe('mfa-coverage')
  })
})
