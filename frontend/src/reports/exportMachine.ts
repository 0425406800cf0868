// The export dialog as a state machine:
//   choose ──start──► running ──success──► done
//      ▲                 │  └──cancelled (save dialog dismissed)──► closed
//      └────fail─────────┘
// Progress events only move the bar while running; a late event from a
// finished export changes nothing.
import type { ExportFormat, ExportOutcome, ExportProgress } from '../api/types'

export type Phase = 'choose' | 'running' | 'done' | 'closed'

export interface ExportState {
  phase: Phase
  format: ExportFormat
  /** Template name for a tenant's current data ("" = the default template). */
  template: string
  done: number
  total: number
  files: string[]
  rows: number
  error: string
}

export type ExportAction =
  | { type: 'open'; format?: ExportFormat }
  | { type: 'format'; format: ExportFormat }
  | { type: 'template'; template: string }
  | { type: 'start' }
  | { type: 'progress'; p: ExportProgress }
  | { type: 'success'; outcome: ExportOutcome }
  | { type: 'fail'; error: string }
  | { type: 'close' }

export const initialExport: ExportState = { phase: 'closed', format: 'xlsx', template: '', done: 0, total: 0, files: [], rows: 0, error: '' }

export function exportReducer(s: ExportState, a: ExportAction): ExportState {
  switch (a.type) {
    case 'open':
      return { ...initialExport, phase: 'choose', format: a.format ?? s.format, template: s.template }
    case 'format':
      return s.phase === 'choose' ? { ...s, format: a.format } : s
    case 'template':
      return s.phase === 'choose' ? { ...s, template: a.template } : s
    case 'start':
      return s.phase === 'choose' ? { ...s, phase: 'running', done: 0, total: 0, error: '', files: [], rows: 0 } : s
    case 'progress':
      return s.phase === 'running' ? { ...s, done: a.p.done, total: a.p.total } : s
    case 'success':
      if (s.phase !== 'running') return s
      if (a.outcome.cancelled) return { ...s, phase: 'closed' }
      return { ...s, phase: 'done', files: a.outcome.files, rows: a.outcome.rows }
    case 'fail':
      return s.phase === 'running' ? { ...s, phase: 'choose', error: a.error } : s
    case 'close':
      // An export in flight cannot be stopped; the dialog stays until it ends.
      return s.phase === 'running' ? s : { ...s, phase: 'closed' }
  }
}

/** The bar's value 0..1, or undefined (indeterminate) before the first event. */
export function progressValue(s: Pick<ExportState, 'done' | 'total'>): number | undefined {
  return s.total > 0 ? Math.min(1, s.done / s.total) : undefined
}
