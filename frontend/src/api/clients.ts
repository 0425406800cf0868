// The Clients part of the facade over the generated bindings: the Clients
// page, the contacts import wizard and the tenant mapping page.
import * as ClientsAPI from '../../wailsjs/go/bridge/Clients'
import { bridge } from '../../wailsjs/go/models'
import { arr, normOutcome } from './normalize'
import type { ExportOutcome } from './types'
import type {
  AutoMapResult,
  ClientDetail,
  ClientExportInput,
  ClientRef,
  ClientRow,
  ImportInput,
  ImportView,
  MapPair,
  MappingRow,
  MappingView,
  MapSelectedResult,
  MergeFrom,
} from './clientTypes'

export interface ClientsBackend {
  list(): Promise<ClientRow[]>
  refs(): Promise<ClientRef[]>
  detail(clientId: number, from: MergeFrom): Promise<ClientDetail>
  create(name: string): Promise<ClientRef>
  rename(clientId: number, name: string): Promise<void>
  /** Moves every tenant, contact and report of `from` into `into`, then deletes `from`. */
  merge(into: number, from: number): Promise<void>
  remove(clientId: number): Promise<void>
  /** A dry run: what importing the file would do; nothing is stored. */
  previewImport(input: ImportInput): Promise<ImportView>
  commitImport(input: ImportInput): Promise<ImportView>
  /** The system's open dialog ("" when cancelled). */
  chooseFile(): Promise<string>
  mapping(threshold: number): Promise<MappingView>
  map(tenantId: string, clientId: number): Promise<void>
  mapSelected(pairs: MapPair[]): Promise<MapSelectedResult>
  unmap(tenantId: string): Promise<void>
  autoMap(threshold: number): Promise<AutoMapResult[]>
  /** Progress arrives as export:progress events; outPath "" opens Go's save dialog. */
  exportWorkbook(input: ClientExportInput): Promise<ExportOutcome>
}

export function normClientRow(r: ClientRow): ClientRow {
  return { ...r, tenantIds: arr(r.tenantIds) }
}

export function normDetail(d: ClientDetail): ClientDetail {
  return {
    ...d,
    client: normClientRow(d.client),
    tenants: arr(d.tenants),
    rows: arr(d.rows).map((r) => ({ ...r, conflicts: arr(r.conflicts) })),
    findings: arr(d.findings),
    notes: arr(d.notes),
  }
}

export function normImport(v: ImportView): ImportView {
  return {
    ...v,
    headers: arr(v.headers),
    columns: arr(v.columns),
    problems: arr(v.problems).map((p) => ({ ...p, lines: arr(p.lines) })),
    sample: arr(v.sample).map((s) => ({ ...s, emails: arr(s.emails) })),
  }
}

function normMappingRow(r: MappingRow): MappingRow {
  return { ...r, suggestions: arr(r.suggestions).map((s) => ({ ...s, reasons: arr(s.reasons) })) }
}

export function normMapping(v: MappingView): MappingView {
  return { ...v, tenants: arr(v.tenants).map(normMappingRow) }
}

export function wailsClients(): ClientsBackend {
  const input = (i: ImportInput) => bridge.ImportInput.createFrom(i)
  return {
    list: async () => arr(await ClientsAPI.List()).map(normClientRow),
    refs: async () => arr(await ClientsAPI.Refs()),
    detail: async (id, from) => normDetail(await ClientsAPI.Detail(id, from)),
    create: (name) => ClientsAPI.Create(name),
    rename: (id, name) => ClientsAPI.Rename(id, name),
    merge: (into, from) => ClientsAPI.Merge(into, from),
    remove: (id) => ClientsAPI.Delete(id),
    previewImport: async (i) => normImport(await ClientsAPI.PreviewImport(input(i))),
    commitImport: async (i) => normImport(await ClientsAPI.CommitImport(input(i))),
    chooseFile: () => ClientsAPI.ChooseFile(),
    mapping: async (t) => normMapping(await ClientsAPI.Mapping(t)),
    map: (tenantId, clientId) => ClientsAPI.Map(tenantId, clientId),
    mapSelected: async (pairs) => {
      const r = await ClientsAPI.MapSelected(pairs.map((p) => bridge.MapPair.createFrom(p)))
      return { ...r, failed: arr(r.failed) }
    },
    unmap: (tenantId) => ClientsAPI.Unmap(tenantId),
    autoMap: async (t) => arr(await ClientsAPI.AutoMap(t)),
    exportWorkbook: async (i) => normOutcome(await ClientsAPI.ExportWorkbook(bridge.ClientExportInput.createFrom(i))),
  }
}
