import { describe, expect, it } from 'vitest'
import { direction, fmtChange, fmtKpi, kpiSlug, tone } from './kpi'
import { fmtInt, fmtMoney, fmtPct } from '../format'

describe('KPI change colouring', () => {
  it('colours by Go’s tone, whatever the label says', () => {
    // The UI holds no table of labels: a "Users" KPI Go calls good is good.
    expect(tone({ tone: 'good' })).toBe('good')
    expect(tone({ tone: 'bad' })).toBe('bad')
    expect(tone({ tone: 'neutral' })).toBe('neutral')
  })

  it('an unknown tone from Go reads as neutral', () => {
    expect(tone({ tone: '' })).toBe('neutral')
    expect(tone({ tone: 'great' })).toBe('neutral')
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
