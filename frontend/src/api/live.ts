// Pure reducers over the Go → UI events: sync progress per tenant and the
// steps of a connection. They hold what the events say; no arithmetic.
import type { ConnectStatus, SyncFinished, SyncProgress, TenantRow } from './types'

export interface LiveSync {
  phase: string
  done: number
  total: number
}

/** Running syncs by tenant ID, as the last sync:progress event said. */
export type LiveSyncs = Record<string, LiveSync>

export type SyncEvent = { kind: 'progress'; p: SyncProgress } | { kind: 'finished'; p: SyncFinished }

export function syncReducer(state: LiveSyncs, ev: SyncEvent): LiveSyncs {
  const id = ev.p.tenantId
  if (ev.kind === 'progress') {
    const { phase, done, total } = ev.p
    return { ...state, [id]: { phase, done, total } }
  }
  if (!(id in state)) return state
  const next = { ...state }
  delete next[id]
  return next
}

/** A tenant's sync state for display: live events win over the listed row. */
export function syncStateOf(row: TenantRow, live: LiveSyncs): LiveSync | null {
  const l = live[row.id]
  if (l) return l
  if (row.syncing) return { phase: row.phase, done: row.done, total: row.total }
  return null
}

/** Progress bar value in 0..1, or undefined for an indeterminate bar. */
export function progressValue(s: LiveSync): number | undefined {
  if (s.total <= 0) return undefined
  return Math.min(1, Math.max(0, s.done / s.total))
}

export type StepState = 'active' | 'done' | 'error'

export interface ConnectStep {
  step: string
  message: string
  state: StepState
  signInUrl?: string
}

/**
 * Folds connect:status events into an ordered steps list. A repeated step
 * name updates that step; a new step completes the one before it; an event
 * with error=true marks its step failed.
 */
export function connectReducer(steps: ConnectStep[], ev: ConnectStatus | 'reset' | 'finished'): ConnectStep[] {
  if (ev === 'reset') return []
  if (ev === 'finished') return steps.map((s) => (s.state === 'active' ? { ...s, state: 'done' } : s))
  const state: StepState = ev.error ? 'error' : 'active'
  const i = steps.findIndex((s) => s.step === ev.step)
  if (i >= 0) {
    return steps.map((s, j) =>
      j === i ? { ...s, message: ev.message || s.message, state, signInUrl: ev.signInUrl || s.signInUrl } : s,
    )
  }
  const closed = steps.map((s) => (s.state === 'active' ? { ...s, state: 'done' as const } : s))
  return [...closed, { step: ev.step, message: ev.message, state, signInUrl: ev.signInUrl || undefined }]
}

/** The sign-in link to offer for copying: the latest step that carried one, while connecting. */
export function signInLink(steps: ConnectStep[]): string {
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i].signInUrl) return steps[i].signInUrl!
  return ''
}

/** The first failed step's message (Go puts the remedy in it). */
export function connectError(steps: ConnectStep[]): string {
  return steps.find((s) => s.state === 'error')?.message ?? ''
}

/** When each tenant's cooldown ends (ms since epoch), from CooldownS at fetch time. */
export function cooldownDeadlines(rows: Pick<TenantRow, 'id' | 'cooldownS'>[], fetchedAt: number): Record<string, number> {
  const out: Record<string, number> = {}
  for (const r of rows) if (r.cooldownS > 0) out[r.id] = fetchedAt + r.cooldownS * 1000
  return out
}

/** Whole seconds left until `deadline` (0 when passed), for "try again in N s". */
export function secondsLeft(deadline: number | undefined, now: number): number {
  if (!deadline) return 0
  return Math.max(0, Math.ceil((deadline - now) / 1000))
}
