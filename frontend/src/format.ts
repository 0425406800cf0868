// Display formatting only: numbers, money, percentages and dates. Nothing
// here derives a business figure.
//
// Every Intl call gets an explicit BCP 47 tag: the locale Go names (the
// system's, or the Settings' override; bridge.Settings.Locale). The web
// view's own default differs between engines — WebKitGTK under a bare X
// session printed "2827" where Chromium printed "2,827" — so nothing here
// ever leaves the locale to the engine.

type Loc = string | undefined

/** Until Go names one (and in unit tests): a fixed tag, never the engine's default. */
export const FALLBACK_LOCALE = 'en-US'

let current = FALLBACK_LOCALE

/** The tag all formatting uses now. */
export function currentLocale(): string {
  return current
}

/**
 * Sets the formatting locale; a tag the engine cannot use keeps the fallback.
 * Returns the tag in effect.
 */
export function setLocale(tag: string | null | undefined): string {
  current = usableLocale(tag)
  return current
}

/** `tag` canonicalised if the engine knows it, else FALLBACK_LOCALE. */
export function usableLocale(tag: string | null | undefined): string {
  if (!tag) return FALLBACK_LOCALE
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? FALLBACK_LOCALE
  } catch {
    return FALLBACK_LOCALE
  }
}

const loc = (l: Loc): string => l ?? current

export const DASH = '—'

export function fmtInt(n: number | null | undefined, locale?: Loc): string {
  if (n == null || !Number.isFinite(n)) return DASH
  return new Intl.NumberFormat(loc(locale), { maximumFractionDigits: 0 }).format(n)
}

/** A count where Go uses -1 for "unknown". */
export function fmtCount(n: number, locale?: Loc): string {
  return n < 0 ? 'unknown' : fmtInt(n, locale)
}

/** A percentage Go already computed (0–100), one decimal at most. */
export function fmtPct(p: number | null | undefined, locale?: Loc): string {
  if (p == null || !Number.isFinite(p)) return DASH
  return new Intl.NumberFormat(loc(locale), { maximumFractionDigits: 1 }).format(p) + ' %'
}

/** Go's marker for totals across tenants billed in different currencies. */
export const MIXED = 'MIXED'

/** Money in the given ISO currency; plain two decimals when Go gave none. */
export function fmtMoney(v: number | null | undefined, currency: string, locale?: Loc): string {
  if (v == null || !Number.isFinite(v)) return DASH
  if (currency === MIXED) {
    return new Intl.NumberFormat(loc(locale), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v) + ' (mixed currencies)'
  }
  if (currency) {
    try {
      return new Intl.NumberFormat(loc(locale), { style: 'currency', currency }).format(v)
    } catch {
      /* unknown currency code: fall through */
    }
  }
  const num = new Intl.NumberFormat(loc(locale), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v)
  return currency ? `${num} ${currency}` : num
}

function parse(iso: string): Date | null {
  if (!iso) return null
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() <= 1 ? null : d
}

export function fmtDate(iso: string, locale?: Loc): string {
  const d = parse(iso)
  return d ? new Intl.DateTimeFormat(loc(locale), { dateStyle: 'medium' }).format(d) : DASH
}

export function fmtDateTime(iso: string, locale?: Loc): string {
  const d = parse(iso)
  return d ? new Intl.DateTimeFormat(loc(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(d) : DASH
}

/** fmtDateTime with seconds: for moments that share a minute (two syncs a minute apart). */
export function fmtDateTimeSeconds(iso: string, locale?: Loc): string {
  const d = parse(iso)
  return d ? new Intl.DateTimeFormat(loc(locale), { dateStyle: 'medium', timeStyle: 'medium' }).format(d) : DASH
}

/** "5 minutes ago", "in 2 hours", … relative to now. */
export function fmtAgo(iso: string, now: Date = new Date(), locale?: Loc): string {
  const d = parse(iso)
  if (!d) return DASH
  const s = Math.round((d.getTime() - now.getTime()) / 1000)
  const rtf = new Intl.RelativeTimeFormat(loc(locale), { numeric: 'auto' })
  const abs = Math.abs(s)
  if (abs < 60) return rtf.format(s, 'second')
  if (abs < 3600) return rtf.format(Math.round(s / 60), 'minute')
  if (abs < 86400) return rtf.format(Math.round(s / 3600), 'hour')
  return rtf.format(Math.round(s / 86400), 'day')
}

/** Lists as the workbook shows them: "; "-joined. */
export function fmtList(items: string[] | null | undefined): string {
  return (items ?? []).join('; ')
}

export function fmtBool(b: boolean): string {
  return b ? 'Yes' : 'No'
}

/** Sample figures the Settings page shows in the chosen locale (and the e2e suite compares across engines). */
export function localePreview(locale?: Loc): string {
  return [fmtInt(2827, locale), fmtMoney(17819.5, 'USD', locale), fmtPct(81.5, locale), fmtDate('2027-01-31T12:00:00Z', locale)].join(' · ')
}
