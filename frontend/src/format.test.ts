import { describe, expect, it } from 'vitest'
import { DASH, fmtAgo, fmtCount, fmtDate, fmtDateTime, fmtInt, fmtList, fmtMoney, fmtPct } from './format'

describe('format', () => {
  it('formats integers in the given locale', () => {
    expect(fmtInt(1234567, 'en-US')).toBe('1,234,567')
    expect(fmtInt(1234567, 'de-DE')).toBe('1.234.567')
    expect(fmtInt(NaN, 'en-US')).toBe(DASH)
  })
  it('shows -1 counts as unknown', () => {
    expect(fmtCount(-1, 'en-US')).toBe('unknown')
    expect(fmtCount(0, 'en-US')).toBe('0')
    expect(fmtCount(42, 'en-US')).toBe('42')
  })
  it('formats a Go percentage with at most one decimal', () => {
    expect(fmtPct(87.456, 'en-US')).toBe('87.5 %')
    expect(fmtPct(100, 'en-US')).toBe('100 %')
    expect(fmtPct(0, 'en-US')).toBe('0 %')
  })
  it('formats money with the currency when Go gives one', () => {
    expect(fmtMoney(1234.5, 'USD', 'en-US')).toBe('$1,234.50')
    expect(fmtMoney(12, 'EUR', 'de-DE')).toMatch(/^12,00\s€$/)
    expect(fmtMoney(12, '', 'en-US')).toBe('12.00')
    expect(fmtMoney(12, 'NOTACODE', 'en-US')).toBe('12.00 NOTACODE')
    expect(fmtMoney(1234.5, 'MIXED', 'en-US')).toBe('1,234.50 (mixed currencies)')
  })
  it('formats dates in the locale and treats empty or zero dates as unknown', () => {
    expect(fmtDate('2026-03-04T10:00:00Z', 'en-US')).toBe('Mar 4, 2026')
    expect(fmtDate('2026-03-04T10:00:00Z', 'en-GB')).toBe('4 Mar 2026')
    expect(fmtDate('', 'en-US')).toBe(DASH)
    expect(fmtDate('0001-01-01T00:00:00Z', 'en-US')).toBe(DASH)
    expect(fmtDate('garbage', 'en-US')).toBe(DASH)
    expect(fmtDateTime('2026-03-04T10:05:00Z', 'en-US')).toContain('2026')
  })
  it('formats relative times', () => {
    const now = new Date('2026-03-04T12:00:00Z')
    expect(fmtAgo('2026-03-04T11:55:00Z', now, 'en-US')).toBe('5 minutes ago')
    expect(fmtAgo('2026-03-04T09:00:00Z', now, 'en-US')).toBe('3 hours ago')
    expect(fmtAgo('2026-03-02T12:00:00Z', now, 'en-US')).toBe('2 days ago')
    expect(fmtAgo('', now, 'en-US')).toBe(DASH)
  })
  it('joins lists as the workbook does', () => {
    expect(fmtList(['A', 'B'])).toBe('A; B')
    expect(fmtList(null)).toBe('')
  })
})
