// An in-memory ReportsBackend: fixture data, a record of calls, and hooks
// to hold an export open while the test fires export:progress events.
import type { Backend } from '../../api/backend'
import type {
  ExportInput,
  ExportOutcome,
  ExportProgress,
  PartTypeView,
  PriceRow,
  ReportRow,
  SkuOption,
  TemplateView,
  VersionRow,
  VersionView,
  TenantRow,
} from '../../api/types'

type ReportsBackend = Backend['reports']

type Handler = (p: ExportProgress) => void

export interface Calls {
  create: [string, string, number][]
  newVersion: number[]
  refresh: number[]
  finalize: number[]
  saveTemplate: TemplateView[]
  apply: [number, string][]
  export: ExportInput[]
  showInFolder: string[]
  setPrice: PriceRow[]
  deletePrice: [string, string][]
  list: string[]
}

export interface FakeReportsState {
  tenants: TenantRow[]
  templates: TemplateView[]
  partTypes: PartTypeView[]
  reports: ReportRow[]
  versions: Record<number, VersionView>
  prices: PriceRow[]
  skus: SkuOption[]
  /** Drafts ApplyPartToDrafts says it changed. */
  applied: number
  /** Message to reject a call with, by method name. */
  fail: Partial<Record<keyof ReportsBackend, string>>
}

export class FakeReports {
  state: FakeReportsState
  calls: Calls = { create: [], newVersion: [], refresh: [], finalize: [], saveTemplate: [], apply: [], export: [], showInFolder: [], setPrice: [], deletePrice: [], list: [] }
  private handlers = new Set<Handler>()
  /** The export in flight: resolve or reject it by hand. */
  pendingExport: { input: ExportInput; resolve: (o: ExportOutcome) => void; reject: (e: unknown) => void } | null = null
  private nextId = 1000

  constructor(init: Partial<FakeReportsState> = {}) {
    this.state = { tenants: [], templates: [], partTypes: [], reports: [], versions: {}, prices: [], skus: [], applied: 0, fail: {}, ...init }
  }

  /** Backend.events.onExportProgress: the test fires with fireProgress. */
  onExportProgress(fn: Handler): () => void {
    this.handlers.add(fn)
    return () => void this.handlers.delete(fn)
  }

  fireProgress(p: ExportProgress) {
    for (const h of [...this.handlers]) h(p)
  }

  get listeners(): number {
    return this.handlers.size
  }

  private call<T>(name: keyof ReportsBackend, v: () => T): Promise<T> {
    const msg = this.state.fail[name]
    return msg ? Promise.reject(msg) : Promise.resolve().then(v)
  }

  private version(reportId: number): VersionRow {
    const r = this.state.reports.find((x) => x.id === reportId)
    if (!r) throw new Error(`report ${reportId} not found`)
    const v: VersionRow = { id: this.nextId++, reportId, number: r.versions.length + 1, status: 'draft', createdAt: '2027-01-10T09:00:00Z', finalizedAt: '', dataDate: '2027-01-10T08:00:00Z', runIds: [] }
    r.versions = [...r.versions, v]
    return v
  }

  backend(): ReportsBackend {
    const s = this.state
    const c = this.calls
    return {
      templates: () => this.call('templates', () => s.templates),
      partTypes: () => this.call('partTypes', () => s.partTypes),
      saveTemplate: (t) =>
        this.call('saveTemplate', () => {
          c.saveTemplate.push(t)
          const saved = { ...t, id: t.id || this.nextId++, updatedAt: '2027-01-10T10:00:00Z' }
          s.templates = [...s.templates.filter((x) => x.id !== saved.id), saved]
          return saved
        }),
      applyPartToDrafts: (id, kind) =>
        this.call('applyPartToDrafts', () => {
          c.apply.push([id, kind])
          return s.applied
        }),
      list: (tenantId) =>
        this.call('list', () => {
          c.list.push(tenantId)
          return s.reports.filter((r) => !tenantId || r.tenantId === tenantId)
        }),
      create: (tenantId, name, templateId) =>
        this.call('create', () => {
          c.create.push([tenantId, name, templateId])
          const t = s.tenants.find((x) => x.id === tenantId)
          const r: ReportRow = {
            id: this.nextId++,
            tenantId,
            tenantName: t?.displayName ?? '',
            name: name || 'Quarterly review Q1 2027',
            templateId,
            templateName: s.templates.find((x) => x.id === templateId)?.name ?? '',
            createdAt: '2027-01-10T09:00:00Z',
            versions: [],
          }
          s.reports = [r, ...s.reports]
          this.version(r.id)
          return r
        }),
      newVersion: (id) =>
        this.call('newVersion', () => {
          c.newVersion.push(id)
          return this.version(id)
        }),
      refreshDraft: (id) =>
        this.call('refreshDraft', () => {
          c.refresh.push(id)
          const v = s.reports.flatMap((r) => r.versions).find((x) => x.id === id)
          if (!v) throw new Error('no version')
          return v
        }),
      finalize: (id) =>
        this.call('finalize', () => {
          c.finalize.push(id)
          for (const r of s.reports) r.versions = r.versions.map((v) => (v.id === id ? { ...v, status: 'final', finalizedAt: '2027-01-11T09:00:00Z' } : v))
        }),
      version: (id) =>
        this.call('version', () => {
          const v = s.versions[id]
          if (!v) throw new Error(`no fixture for version ${id}`)
          return v
        }),
      export: (input) =>
        this.call('export', () => undefined).then(
          () =>
            new Promise<ExportOutcome>((resolve, reject) => {
              c.export.push(input)
              this.pendingExport = { input, resolve, reject }
            }),
        ),
      showInFolder: (path) => this.call('showInFolder', () => void c.showInFolder.push(path)),
      prices: () => this.call('prices', () => s.prices),
      setPrice: (p) =>
        this.call('setPrice', () => {
          c.setPrice.push(p)
          s.prices = [...s.prices.filter((x) => x.tenantId !== p.tenantId || x.skuId !== p.skuId), p]
        }),
      deletePrice: (tenantId, skuId) =>
        this.call('deletePrice', () => {
          c.deletePrice.push([tenantId, skuId])
          s.prices = s.prices.filter((x) => x.tenantId !== tenantId || x.skuId !== skuId)
        }),
      skus: () => this.call('skus', () => s.skus),
    }
  }
}
