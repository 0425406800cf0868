// Go marshals nil slices as null; the pages always get arrays. One place
// for every bound result's normalisation.
import type {
  ConnectResult,
  ExportOutcome,
  LicensesView,
  MFAView,
  OverviewData,
  PartSettings,
  PartTypeView,
  ReportRow,
  SettingsView,
  SkuOption,
  TemplateView,
  TenantRow,
  UserRow,
  UsersView,
  VersionRow,
  VersionView,
} from './types'

export const arr = <T,>(a: T[] | null | undefined): T[] => a ?? []

export function normTenant(t: TenantRow): TenantRow {
  return { ...t, roleWarnings: arr(t.roleWarnings), notes: arr(t.notes) }
}

export function normUser(u: UserRow): UserRow {
  return { ...u, licenseNames: arr(u.licenseNames), licenseParts: arr(u.licenseParts), mfaMethods: arr(u.mfaMethods) }
}

export function normOverview(o: OverviewData): OverviewData {
  return { ...o, wasteByCurrency: arr(o.wasteByCurrency), rows: arr(o.rows).map(normTenant) }
}

export function normUsers(v: UsersView): UsersView {
  return { ...v, rows: arr(v.rows).map(normUser), notes: arr(v.notes) }
}

export function normLicenses(v: LicensesView): LicensesView {
  return { ...v, rows: arr(v.rows) }
}

export function normMFA(v: MFAView): MFAView {
  return { ...v, byMethod: arr(v.byMethod), rows: arr(v.rows).map(normUser), enforcement: arr(v.enforcement), combined: arr(v.combined), securityNotes: arr(v.securityNotes) }
}

export function normConnect(r: ConnectResult): ConnectResult {
  return { ...r, tenants: arr(r.tenants).map(normTenant), warnings: arr(r.warnings) }
}

export function normSettings(v: SettingsView): SettingsView {
  return { ...v, values: arr(v.values), clouds: arr(v.clouds) }
}

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
export function uniqueSkus(rows: SkuOption[], locale?: string): SkuOption[] {
  const by = new Map<string, SkuOption>()
  for (const r of rows) {
    if (r.skuId && !by.has(r.skuId)) by.set(r.skuId, { skuId: r.skuId, partNumber: r.partNumber, name: r.name })
  }
  return [...by.values()].sort((a, b) => (a.name || a.partNumber).localeCompare(b.name || b.partNumber, locale))
}
