// How a version's KPI change reads: the arrow follows the sign of Go's
// KPIView.change; the colour says whether that direction is good news.
// Nothing is computed here — value, previous and change all come from Go.
import type { KPIView } from '../api/reports'
import { DASH, fmtInt, fmtMoney, fmtPct } from '../format'

export type Direction = 'up' | 'down' | 'flat'
export type Tone = 'good' | 'bad' | 'neutral'

/** Which way is better, by KPI label (bridge.kpiViews). Others are neutral. */
const better: Record<string, 'up' | 'down'> = {
  'MFA coverage': 'up',
  'Unused licences': 'down',
  'Monthly waste': 'down',
  'Reclaimable users': 'down',
}

export function betterDirection(label: string): 'up' | 'down' | null {
  return better[label] ?? null
}

export function direction(change: number): Direction {
  if (change > 0) return 'up'
  if (change < 0) return 'down'
  return 'flat'
}

export function tone(k: Pick<KPIView, 'label' | 'change' | 'hasPrev'>): Tone {
  const dir = direction(k.change)
  const want = betterDirection(k.label)
  if (!k.hasPrev || dir === 'flat' || !want) return 'neutral'
  return dir === want ? 'good' : 'bad'
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
