// The licensing part of the facade over the generated bindings: the renewal
// calendar, licence sources and assignment errors, right-sizing, the reclaim
// list and dialog (dry run → confirm → apply with reclaim:progress → undo),
// the audit log and a tenant's "Allow licence changes".
import * as LicensingAPI from '../../wailsjs/go/bridge/Licensing'
import * as ReclaimAPI from '../../wailsjs/go/bridge/Reclaim'
import { services } from '../../wailsjs/go/models'
import { EventsOn } from '../../wailsjs/runtime/runtime'
import { arr } from './normalize'
import type {
  AuditEntry,
  AuditExport,
  AuditRow,
  LicenceChanges,
  LicenseStatesView,
  ReclaimListView,
  ReclaimPlan,
  ReclaimProgress,
  ReclaimRequest,
  ReclaimResult,
  RenewalRow,
  RenewalsView,
  RightSizeView,
} from './licensingTypes'

export type Unsubscribe = () => void

export interface LicensingBackend {
  renewals(tenantId: string): Promise<RenewalsView>
  licenseStates(tenantId: string): Promise<LicenseStatesView>
  /** days <= 0: the Settings inactivity threshold. */
  rightSize(tenantId: string, days: number): Promise<RightSizeView>
  reclaimList(tenantId: string, days: number): Promise<ReclaimListView>
  /** What would be removed from whom; read-only Graph calls, nothing changes. */
  dryRun(req: ReclaimRequest): Promise<ReclaimPlan>
  /** confirm must be the tenant's name; progress arrives through onReclaimProgress. */
  apply(req: ReclaimRequest, confirm: string): Promise<ReclaimResult>
  cancel(): Promise<void>
  undo(auditId: number): Promise<ReclaimResult>
  audit(tenantId: string): Promise<AuditRow[]>
  /** path "" opens Go's save dialog (path "" back when cancelled). */
  exportAudit(tenantId: string, path: string): Promise<AuditExport>
  licenceChanges(tenantId: string): Promise<LicenceChanges>
  /** Turning it on runs the incremental consent in the browser (connect:status events). */
  setLicenceChanges(tenantId: string, allow: boolean): Promise<LicenceChanges>
  onReclaimProgress(fn: (p: ReclaimProgress) => void): Unsubscribe
}

const rows = (r: RenewalRow[] | null | undefined) => arr(r)

export function normRenewals(v: RenewalsView): RenewalsView {
  return { ...v, events: rows(v.events), trials: rows(v.trials), attention: rows(v.attention), unused: arr(v.unused), notes: arr(v.notes) }
}

export function normStates(v: LicenseStatesView): LicenseStatesView {
  const row = (r: LicenseStatesView['rows'][number]) => ({ ...r, disabledPlans: arr(r.disabledPlans) })
  return { ...v, rows: arr(v.rows).map(row), errors: arr(v.errors).map(row), notes: arr(v.notes) }
}

export function normRightSize(v: RightSizeView): RightSizeView {
  return { ...v, rows: arr(v.rows).map((r) => ({ ...r, used: arr(r.used), needs: arr(r.needs) })), notes: arr(v.notes) }
}

export function normReclaimList(v: ReclaimListView): ReclaimListView {
  return { ...v, rows: arr(v.rows).map((r) => ({ ...r, skuIds: arr(r.skuIds) })) }
}

export function normPlan(p: ReclaimPlan): ReclaimPlan {
  return { ...p, items: arr(p.items) }
}

export function normResult(r: ReclaimResult): ReclaimResult {
  return { ...r, entries: arr(r.entries), plan: normPlan(r.plan ?? ({ items: [] } as unknown as ReclaimPlan)) }
}

export function wailsLicensing(listen: (name: string, fn: (p: unknown) => void) => Unsubscribe = EventsOn): LicensingBackend {
  let names: ReturnType<typeof LicensingAPI.Events> | null = null
  const req = (r: ReclaimRequest) => services.ReclaimRequest.createFrom(r)
  return {
    renewals: async (id) => normRenewals(await LicensingAPI.Renewals(id)),
    licenseStates: async (id) => normStates(await LicensingAPI.LicenseStates(id)),
    rightSize: async (id, days) => normRightSize(await LicensingAPI.RightSize(id, days)),
    reclaimList: async (id, days) => normReclaimList(await LicensingAPI.ReclaimList(id, days)),
    dryRun: async (r) => normPlan(await ReclaimAPI.DryRun(req(r))),
    apply: async (r, confirm) => normResult((await ReclaimAPI.Apply(req(r), confirm)) as unknown as ReclaimResult),
    cancel: () => ReclaimAPI.Cancel(),
    undo: async (id) => normResult((await ReclaimAPI.Undo(id)) as unknown as ReclaimResult),
    audit: async (id) => arr((await LicensingAPI.AuditRows(id)) as unknown as AuditRow[]),
    exportAudit: (id, path) => ReclaimAPI.ExportAudit(id, path),
    licenceChanges: async (id) => (await ReclaimAPI.LicenceChanges(id)) as unknown as LicenceChanges,
    setLicenceChanges: async (id, allow) => (await ReclaimAPI.SetLicenceChanges(id, allow)) as unknown as LicenceChanges,
    onReclaimProgress: (fn) => {
      let off: Unsubscribe | null = null
      let cancelled = false
      ;(names ??= LicensingAPI.Events())
        .then((n) => {
          if (!cancelled) off = listen(n.reclaimProgress, (p) => fn(p as ReclaimProgress))
        })
        .catch(() => {
          /* no backend: nothing will ever be emitted */
        })
      return () => {
        cancelled = true
        off?.()
      }
    },
  }
}

export type { AuditEntry }
