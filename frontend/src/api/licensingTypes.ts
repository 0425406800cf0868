// Plain data shapes of the bound Licensing and Reclaim services
// (backend/bridge/licensing.go, reclaim.go), from the generated models.
// Every figure comes from Go (review.Renewals, review.LicenseStates,
// review.RightSize, services.ReclaimDryRun/Apply); the pages compute none.
import type { bridge, review, services, store } from '../../wailsjs/go/models'
import type { Plain } from './types'

export type RenewalRow = Plain<review.RenewalRow>
export type UnusedSeatsRow = Plain<review.UnusedSeatsRow>
export type RenewalsView = Plain<review.RenewalsView>
export type LicenseStateRow = Plain<review.LicenseStateRow>
export type LicenseStatesView = Plain<review.LicenseStatesView>
export type RightSizeRow = Plain<review.RightSizeRow>
export type RightSizeView = Plain<review.RightSizeView>
export type ReclaimListRow = Plain<bridge.ReclaimRow>
export type ReclaimListView = Plain<bridge.ReclaimListView>
export type ReclaimRequest = Plain<services.ReclaimRequest>
export type ReclaimItem = Plain<services.ReclaimItem>
export type ReclaimPlan = Plain<services.ReclaimPlan>
/** Go's time.Time fields arrive as RFC 3339 strings (null when unset). */
export type AuditEntry = Omit<Plain<store.AuditEntry>, 'createdAt' | 'sentAt' | 'finishedAt'> & {
  createdAt: string
  sentAt?: string | null
  finishedAt?: string | null
}
export type ReclaimResult = Omit<Plain<services.ReclaimResult>, 'entries' | 'plan'> & { entries: AuditEntry[]; plan: ReclaimPlan }
export type AuditRow = { entry: AuditEntry; canUndo: boolean; undoBlocker: string }
export type AuditExport = Plain<bridge.AuditExport>
export type LicenceChanges = Omit<Plain<store.LicenceChanges>, 'consentedAt' | 'updatedAt'> & {
  consentedAt?: string | null
  updatedAt: string
}
export type LicensingEvents = Plain<bridge.LicensingEvents>

/** One finished change of an apply (Go: services.ReclaimProgress, the reclaim:progress event). */
export interface ReclaimProgress {
  tenantId: string
  done: number
  total: number
  entry: AuditEntry
}

/** Audit results (Go: store.Audit*). */
export type AuditResult = 'queued' | 'pending' | 'done' | 'failed' | 'not_done'
