// Typed access to the Reports service (backend/bridge/reports.go) and the
// export:progress event. Every figure — KPI values, their changes, monthly
// price equivalents — comes from Go; the UI only shows it.
import * as ReportsAPI from '../../wailsjs/go/bridge/Reports'
import * as TenantsAPI from '../../wailsjs/go/bridge/Tenants'
import * as DataAPI from '../../wailsjs/go/bridge/Data'
import { bridge } from '../../wailsjs/go/models'
import { on } from './index'
import type { Plain, TenantRow } from './types'

export type ColumnSetting = { key: string; label: string; visible: boolean }
export type PartSettings = { kind: string; label: string; enabled: boolean; columns: ColumnSetting[] }
export type TemplateView = Omit<Plain<bridge.TemplateView>, 'parts'> & { parts: PartSettings[] }
export type ColumnView = Plain<bridge.ColumnView>
export type PartTypeView = Plain<bridge.PartTypeView>
export type VersionRow = Plain<bridge.VersionRow>
export type ReportRow = Plain<bridge.ReportRow>
export type KPIView = Plain<bridge.KPIView>
export type VersionView = Plain<bridge.VersionView>
export type ExportInput = Plain<bridge.ExportInput>
export type ExportOutcome = Plain<bridge.ExportOutcome>
export type PriceRow = Plain<bridge.PriceRow>

export type ExportFormat = 'xlsx' | 'csv' | 'html'
export type Billing = 'monthly' | 'annual'

/** Go: events.ExportProgress / ExportProgressPayload. */
export const EXPORT_PROGRESS = 'export:progress'
export interface ExportProgress {
  done: number
  total: number
}

/** A SKU seen in a tenant's licences, for the price-list editor. */
export interface SkuOption {
  skuId: string
  partNumber: string
  name: string
}

export type Unsubscribe = () => void

/** Everything the Reports page asks of Go. */
export interface ReportsBackend {
  templates(): Promise<TemplateView[]>
  partTypes(): Promise<PartTypeView[]>
  saveTemplate(t: TemplateView): Promise<TemplateView>
  applyPartToDrafts(templateId: number, kind: string): Promise<number>
  list(tenantId: string): Promise<ReportRow[]>
  create(tenantId: string, name: string, templateId: number): Promise<ReportRow>
  newVersion(reportId: number): Promise<VersionRow>
  refreshDraft(versionId: number): Promise<VersionRow>
  finalize(versionId: number): Promise<void>
  version(versionId: number): Promise<VersionView>
  export(input: ExportInput): Promise<ExportOutcome>
  showInFolder(path: string): Promise<void>
  prices(): Promise<PriceRow[]>
  setPrice(p: PriceRow): Promise<void>
  deletePrice(tenantId: string, skuId: string): Promise<void>
  /** The tenants every page lists (bridge.Tenants.List()). */
  tenants(): Promise<TenantRow[]>
  /** SKUs seen in any tenant's licences (bridge.Data.Licenses("")), one per skuId. */
  skus(): Promise<SkuOption[]>
  onExportProgress(fn: (p: ExportProgress) => void): Unsubscribe
}

// Go marshals nil slices as null; the page always gets arrays.
const arr = <T,>(a: T[] | null | undefined): T[] => a ?? []

export function normPart(p: PartSettings): PartSettings {
  return { kind: p.kind, label: p.label, enabled: p.enabled, columns: arr(p.columns).map((c) => ({ ...c })) }
}

export function normTemplate(t: TemplateView): TemplateView {
  return { ...t, parts: arr(t.parts).map(normPart) }
}

export function normPartType(p: PartTypeView): PartTypeView {
  return { ...p, columns: arr(p.columns) }
}

export function normVersion(v: VersionRow): VersionRow {
  return { ...v, runIds: arr(v.runIds) }
}

export function normReport(r: ReportRow): ReportRow {
  return { ...r, versions: arr(r.versions).map(normVersion) }
}

export function normVersionView(v: VersionView): VersionView {
  return { ...v, version: normVersion(v.version), kpis: arr(v.kpis), notes: arr(v.notes) }
}

export function normOutcome(o: ExportOutcome): ExportOutcome {
  return { ...o, files: arr(o.files) }
}

/** One option per skuId, in name order. */
export function uniqueSkus(rows: SkuOption[]): SkuOption[] {
  const by = new Map<string, SkuOption>()
  for (const r of rows) {
    if (r.skuId && !by.has(r.skuId)) by.set(r.skuId, { skuId: r.skuId, partNumber: r.partNumber, name: r.name })
  }
  return [...by.values()].sort((a, b) => (a.name || a.partNumber).localeCompare(b.name || b.partNumber))
}

/** The real backend: the generated Wails bindings. */
export function wailsReports(): ReportsBackend {
  return {
    templates: async () => arr(await ReportsAPI.Templates()).map(normTemplate),
    partTypes: async () => arr(await ReportsAPI.PartTypes()).map(normPartType),
    saveTemplate: async (t) => normTemplate(await ReportsAPI.SaveTemplate(bridge.TemplateView.createFrom(t))),
    applyPartToDrafts: (id, kind) => ReportsAPI.ApplyPartToDrafts(id, kind),
    list: async (tenantId) => arr(await ReportsAPI.List(tenantId)).map(normReport),
    create: async (tenantId, name, templateId) => normReport(await ReportsAPI.Create(tenantId, name, templateId)),
    newVersion: async (id) => normVersion(await ReportsAPI.NewVersion(id)),
    refreshDraft: async (id) => normVersion(await ReportsAPI.RefreshDraft(id)),
    finalize: (id) => ReportsAPI.Finalize(id),
    version: async (id) => normVersionView(await ReportsAPI.Version(id)),
    export: async (input) => normOutcome(await ReportsAPI.Export(bridge.ExportInput.createFrom(input))),
    showInFolder: (path) => ReportsAPI.ShowInFolder(path),
    prices: async () => arr(await ReportsAPI.Prices()),
    setPrice: (p) => ReportsAPI.SetPrice(bridge.PriceRow.createFrom(p)),
    deletePrice: (tenantId, skuId) => ReportsAPI.DeletePrice(tenantId, skuId),
    tenants: async () =>
      arr(await TenantsAPI.List()).map((t) => ({ ...t, roleWarnings: arr(t.roleWarnings), notes: arr(t.notes) })),
    skus: async () => uniqueSkus(arr((await DataAPI.Licenses('')).rows)),
    onExportProgress: (fn) => on<ExportProgress>(EXPORT_PROGRESS, fn),
  }
}
