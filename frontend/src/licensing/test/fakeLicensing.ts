// An in-memory LicensingBackend: fixture views, a record of calls, and the
// behaviour of Go's Reclaim service the dialog relies on (an apply needs
// licence changes allowed and the tenant's name typed exactly; each finished
// change arrives as a reclaim:progress event; Cancel stops before the next).
import type { LicensingBackend } from '../../api/licensing'
import type {
  AuditEntry,
  AuditRow,
  LicenceChanges,
  LicenseStatesView,
  ReclaimListView,
  ReclaimPlan,
  ReclaimProgress,
  ReclaimRequest,
  ReclaimResult,
  RenewalsView,
  RightSizeView,
} from '../../api/licensingTypes'

export interface FakeLicensingState {
  renewals: Record<string, RenewalsView>
  states: Record<string, LicenseStatesView>
  rightSize: Record<string, RightSizeView>
  reclaim: Record<string, ReclaimListView>
  /** The dry run's answer per tenant (Go checks each row live). */
  plans: Record<string, ReclaimPlan>
  /** The entries an apply finishes, in order (one reclaim:progress each). */
  applyEntries: Record<string, AuditEntry[]>
  audit: AuditRow[]
  licenceChanges: Record<string, LicenceChanges>
  /** Message to reject a call with, by method name. */
  fail: Partial<Record<keyof LicensingBackend, string>>
}

export interface LicensingCalls {
  dryRun: ReclaimRequest[]
  apply: [ReclaimRequest, string][]
  cancel: number
  undo: number[]
  audit: string[]
  exportAudit: [string, string][]
  setLicenceChanges: [string, boolean][]
  rightSize: [string, number][]
}

type Handler = (p: ReclaimProgress) => void

export class FakeLicensing {
  state: FakeLicensingState
  calls: LicensingCalls = { dryRun: [], apply: [], cancel: 0, undo: [], audit: [], exportAudit: [], setLicenceChanges: [], rightSize: [] }
  /** When set, apply() sends one change and waits for step() (or cancel()) before each next one. */
  stepwise = false
  private next: (() => void) | null = null
  private cancelled = false
  private hs = new Set<Handler>()

  constructor(init: Partial<FakeLicensingState> = {}) {
    this.state = { renewals: {}, states: {}, rightSize: {}, reclaim: {}, plans: {}, applyEntries: {}, audit: [], licenceChanges: {}, fail: {}, ...init }
  }

  /** Lets a stepwise apply send its next change. */
  step() {
    const n = this.next
    this.next = null
    n?.()
  }

  private call<T>(name: keyof LicensingBackend, v: () => T | Promise<T>): Promise<T> {
    const msg = this.state.fail[name]
    return msg ? Promise.reject(msg) : Promise.resolve().then(v)
  }

  private view<T>(m: Record<string, T>, id: string, name: keyof LicensingBackend): Promise<T> {
    return this.call(name, () => {
      const v = m[id]
      if (!v) throw new Error(`no fixture for ${name}(${id})`)
      return v
    })
  }

  private consented(tenantId: string): boolean {
    const lc = this.state.licenceChanges[tenantId]
    return !!lc && lc.allowed
  }

  private async apply(req: ReclaimRequest, confirm: string): Promise<ReclaimResult> {
    const plan = this.state.plans[req.tenantId]
    if (!plan) throw new Error(`no fixture for dryRun(${req.tenantId})`)
    if (!this.consented(req.tenantId)) throw new Error('enable licence changes for this tenant: Open Settings › Allow licence changes. Nothing was sent.')
    if (confirm.trim() !== plan.tenantName.trim()) throw new Error(`type the tenant's name exactly (“${plan.tenantName}”) to confirm; nothing was sent`)
    const entries = this.state.applyEntries[req.tenantId] ?? []
    const done: AuditEntry[] = []
    this.cancelled = false
    for (const e of entries) {
      if (this.cancelled) break
      done.push(e)
      for (const h of [...this.hs]) h({ tenantId: req.tenantId, done: done.length, total: entries.length, entry: e })
      if (this.stepwise && done.length < entries.length) await new Promise<void>((r) => (this.next = r))
    }
    const notDone = entries.slice(done.length).map((e) => ({ ...e, result: 'not_done', error: 'cancelled before it was sent', remedy: 'Apply again to remove it.' }))
    const all = [...done, ...notDone]
    const removed = all.filter((e) => e.result === 'done')
    const failed = all.filter((e) => e.result === 'failed').length
    const monthly = removed.reduce((a, e) => a + e.monthlySaving, 0)
    return { batch: 'b1', tenantId: req.tenantId, entries: all, removed: removed.length, failed, notDone: notDone.length, monthlySaving: monthly, annualSaving: monthly * 12, plan, resync: removed.length > 0 ? 'succeeded' : '', resyncError: '' }
  }

  backend(): LicensingBackend {
    const s = this.state
    return {
      renewals: (id) => this.view(s.renewals, id, 'renewals'),
      licenseStates: (id) => this.view(s.states, id, 'licenseStates'),
      rightSize: (id, days) => {
        this.calls.rightSize.push([id, days])
        return this.view(s.rightSize, id, 'rightSize')
      },
      reclaimList: (id) => this.view(s.reclaim, id, 'reclaimList'),
      dryRun: (req) => {
        this.calls.dryRun.push(req)
        return this.view(s.plans, req.tenantId, 'dryRun')
      },
      apply: (req, confirm) => {
        this.calls.apply.push([req, confirm])
        return this.call('apply', () => this.apply(req, confirm))
      },
      cancel: () =>
        this.call('cancel', () => {
          this.calls.cancel++
          this.cancelled = true
          this.step()
        }),
      undo: (id) =>
        this.call('undo', () => {
          this.calls.undo.push(id)
          const row = s.audit.find((r) => r.entry.id === id)
          if (!row) throw new Error(`no audit entry ${id}`)
          const add: AuditEntry = { ...row.entry, id: 1000 + id, action: 'add', result: 'done', undoOf: id, monthlySaving: -row.entry.monthlySaving }
          s.audit = [...s.audit.map((r) => (r.entry.id === id ? { entry: { ...r.entry, undoneBy: add.id }, canUndo: false, undoBlocker: `already undone (entry ${add.id})` } : r)), { entry: add, canUndo: false, undoBlocker: 'only a licence removal can be undone' }]
          return { batch: 'u1', tenantId: row.entry.tenantId, entries: [add], removed: 1, failed: 0, notDone: 0, monthlySaving: add.monthlySaving, annualSaving: add.monthlySaving * 12, plan: { items: [] } as unknown as ReclaimPlan, resync: 'succeeded', resyncError: '' }
        }),
      audit: (id) =>
        this.call('audit', () => {
          this.calls.audit.push(id)
          return id ? s.audit.filter((r) => r.entry.tenantId === id) : s.audit
        }),
      exportAudit: (id, path) =>
        this.call('exportAudit', () => {
          this.calls.exportAudit.push([id, path])
          const n = id ? s.audit.filter((r) => r.entry.tenantId === id).length : s.audit.length
          return { path: path || '/exports/TenantLens licence audit.csv', rows: n }
        }),
      licenceChanges: (id) => this.call('licenceChanges', () => s.licenceChanges[id] ?? { tenantId: id, allowed: false, consentedBy: '', updatedAt: '' }),
      setLicenceChanges: (id, allow) =>
        this.call('setLicenceChanges', () => {
          this.calls.setLicenceChanges.push([id, allow])
          const lc: LicenceChanges = allow
            ? { tenantId: id, allowed: true, consentedBy: 'admin@msp.example', consentedAt: '2025-06-01T10:00:00Z', updatedAt: '2025-06-01T10:00:00Z' }
            : { tenantId: id, allowed: false, consentedBy: '', updatedAt: '2025-06-01T10:00:00Z' }
          s.licenceChanges = { ...s.licenceChanges, [id]: lc }
          return lc
        }),
      onReclaimProgress: (fn) => {
        this.hs.add(fn)
        return () => void this.hs.delete(fn)
      },
    }
  }
}
