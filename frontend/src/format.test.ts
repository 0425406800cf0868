import { afterEach, describe, expect, it } from 'vitest'
import { currentLocale, DASH, FALLBACK_LOCALE, fmtAgo, fmtCount, fmtDate, fmtDateTime, fmtInt, fmtList, fmtMoney, fmtPct, localePreview, setLocale, usableLocale } from './format'

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

describe('the formatting locale is always explicit', () => {
  afterEach(() => setLocale(FALLBACK_LOCALE))

  it('uses the fallback tag before Go names one, never the engine default', () => {
    expect(currentLocale()).toBe('en-US')
    expect(fmtInt(2827)).toBe('2,827')
    expect(fmtMoney(17819.5, 'USD')).toBe('$17,819.50')
  })

  it('formats everything in the tag Go gave', () => {
    expect(setLocale('de-DE')).toBe('de-DE')
    expect(fmtInt(2827)).toBe('2.827')
    expect(fmtMoney(17819.5, 'EUR')).toMatch(/^17\.819,50\s€$/)
    expect(fmtPct(81.5)).toBe('81,5 %')
    expect(fmtDate('2027-01-31T12:00:00Z')).toBe('31.01.2027')
    expect(localePreview()).toBe(localePreview('de-DE'))
    setLocale('en-GB')
    expect(fmtDate('2027-01-31T12:00:00Z')).toBe('31 Jan 2027')
  })

  it('a tag the engine cannot use falls back to en-US; case is canonicalised', () => {
    expect(usableLocale('en-gb')).toBe('en-GB')
    expect(usableLocale('not a tag')).toBe(FALLBACK_LOCALE)
    expect(usableLocale('')).toBe(FALLBACK_LOCALE)
    expect(setLocale('!!')).toBe(FALLBACK_LOCALE)
    expect(fmtInt(1000)).toBe('1,000')
  })
})
