// How a version's KPI change reads: the arrow follows the sign of Go's
// KPIView.change; the colour is Go's KPIView.tone (whether that change is
// good news is a business rule, decided in backend/bridge). Nothing is
// computed here — value, previous, change and tone all come from Go.
import type { KPITone, KPIView } from '../api/types'
import { DASH, fmtInt, fmtMoney, fmtPct } from '../format'

export type Direction = 'up' | 'down' | 'flat'
export type Tone = KPITone

export function direction(change: number): Direction {
  if (change > 0) return 'up'
  if (change < 0) return 'down'
  return 'flat'
}

/** Go's verdict on the change; anything unexpected reads as neutral. */
export function tone(k: Pick<KPIView, 'tone'>): Tone {
  return k.tone === 'good' || k.tone === 'bad' ? k.tone : 'neutral'
}

export const arrows: Record<Direction, string> = { up: '▲', down: '▼', flat: '▬' }

/** A KPI value as its kind says (count, percent 0–100, money). */
export function fmtKpi(kind: string, v: number, currency: string): string {
  switch (kind) {
    case 'percent':
      return fmtPct(v)
    case 'money':
      return fmtMoney(v, currency)
    default:
      return fmtInt(v)
  }
}

/** Go's change with its sign: "+3", "−1.5 pts", "+$12.00". */
export function fmtChange(kind: string, change: number, currency: string): string {
  if (!Number.isFinite(change)) return DASH
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±'
  const abs = Math.abs(change)
  if (kind === 'percent') return sign + fmtPct(abs).replace(' %', ' pts')
  return sign + fmtKpi(kind, abs, currency)
}

/** data-testid slug of a KPI label: "Unused licences" → "unused-licences". */
export function kpiSlug(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}
