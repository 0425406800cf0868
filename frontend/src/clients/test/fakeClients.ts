// An in-memory ClientsBackend: fixture data, a record of calls, and the
// behaviour of Go's Clients service that the pages rely on (mapping moves a
// tenant to Mapped, a rejected file imports nothing).
import type { ClientsBackend } from '../../api/clients'
import type {
  AutoMapResult,
  ClientDetail,
  ClientExportInput,
  ClientRef,
  ClientRow,
  ImportInput,
  ImportView,
  MapPair,
  MappingView,
} from '../../api/clientTypes'
import type { ExportOutcome } from '../../api/types'

export interface FakeClientsState {
  rows: ClientRow[]
  details: Record<number, ClientDetail>
  mapping: MappingView
  /** What PreviewImport / CommitImport answer for an input (default: `preview`). */
  importResult: (input: ImportInput, commit: boolean) => ImportView
  autoMap: AutoMapResult[]
  exportOutcome: ExportOutcome
  chooseFile: string
  fail: Partial<Record<keyof ClientsBackend, string>>
}

export interface ClientCalls {
  detail: [number, string][]
  preview: ImportInput[]
  commit: ImportInput[]
  map: [string, number][]
  mapSelected: MapPair[][]
  unmap: string[]
  autoMap: number[]
  mapping: number[]
  exportWorkbook: ClientExportInput[]
  create: string[]
  rename: [number, string][]
  merge: [number, number][]
  remove: number[]
}

export class FakeClients {
  state: FakeClientsState
  calls: ClientCalls = {
    detail: [], preview: [], commit: [], map: [], mapSelected: [], unmap: [], autoMap: [], mapping: [],
    exportWorkbook: [], create: [], rename: [], merge: [], remove: [],
  }
  /** An export held open: settle it by hand (set holdExport first). */
  holdExport = false
  pendingExport: { resolve: (o: ExportOutcome) => void; reject: (e: unknown) => void } | null = null

  constructor(init: Partial<FakeClientsState> = {}) {
    this.state = {
      rows: [],
      details: {},
      mapping: { total: 0, mapped: 0, unmapped: 0, threshold: 0.8, tenants: [] },
      importResult: () => {
        throw new Error('no import fixture')
      },
      autoMap: [],
      exportOutcome: { files: [], rows: 0, cancelled: false },
      chooseFile: '',
      fail: {},
      ...init,
    }
  }

  private call<T>(name: keyof ClientsBackend, v: () => T): Promise<T> {
    const msg = this.state.fail[name]
    return msg ? Promise.reject(msg) : Promise.resolve().then(v)
  }

  private setMapped(tenantId: string, clientId: number) {
    const s = this.state
    const ref = s.rows.find((r) => r.id === clientId)
    if (!ref) throw new Error(`client ${clientId} no longer exists: reload the Clients page`)
    const tenants = s.mapping.tenants.map((t) =>
      t.tenantId === tenantId ? { ...t, clientId, clientName: ref.name, mappedBy: 'user', confidence: 1, suggestions: [] } : t,
    )
    const mapped = tenants.filter((t) => t.clientId !== 0).length
    s.mapping = { ...s.mapping, tenants, mapped, unmapped: tenants.length - mapped }
    // A tenant belongs to one client at most: it leaves any other.
    s.rows = s.rows.map((r) => {
      const ids = r.tenantIds.filter((id) => id !== tenantId).concat(r.id === clientId ? [tenantId] : [])
      return { ...r, tenantIds: ids, tenants: ids.length }
    })
  }

  backend(): ClientsBackend {
    const s = this.state
    const c = this.calls
    return {
      list: () => this.call('list', () => s.rows),
      refs: () => this.call('refs', (): ClientRef[] => s.rows.map((r) => ({ id: r.id, name: r.name }))),
      detail: (id, from) =>
        this.call('detail', () => {
          c.detail.push([id, from])
          const d = s.details[id]
          if (!d) throw new Error(`client ${id} no longer exists: reload the Clients page`)
          return d
        }),
      create: (name) =>
        this.call('create', () => {
          c.create.push(name)
          const id = 1 + Math.max(0, ...s.rows.map((r) => r.id))
          return { id, name }
        }),
      rename: (id, name) => this.call('rename', () => void c.rename.push([id, name])),
      merge: (into, from) => this.call('merge', () => void c.merge.push([into, from])),
      remove: (id) =>
        this.call('remove', () => {
          c.remove.push(id)
          s.rows = s.rows.filter((r) => r.id !== id)
        }),
      previewImport: (i) =>
        this.call('previewImport', () => {
          c.preview.push(i)
          return s.importResult(i, false)
        }),
      commitImport: (i) =>
        this.call('commitImport', () => {
          c.commit.push(i)
          return s.importResult(i, true)
        }),
      chooseFile: () => this.call('chooseFile', () => s.chooseFile),
      mapping: (t) =>
        this.call('mapping', () => {
          c.mapping.push(t)
          return s.mapping
        }),
      map: (tenantId, clientId) =>
        this.call('map', () => {
          c.map.push([tenantId, clientId])
          this.setMapped(tenantId, clientId)
        }),
      mapSelected: (pairs) =>
        this.call('mapSelected', () => {
          c.mapSelected.push(pairs)
          for (const p of pairs) this.setMapped(p.tenantId, p.clientId)
          return { mapped: pairs.length, failed: [] }
        }),
      unmap: (tenantId) =>
        this.call('unmap', () => {
          c.unmap.push(tenantId)
          const tenants = s.mapping.tenants.map((t) => (t.tenantId === tenantId ? { ...t, clientId: 0, clientName: '', mappedBy: '' } : t))
          const mapped = tenants.filter((t) => t.clientId !== 0).length
          s.mapping = { ...s.mapping, tenants, mapped, unmapped: tenants.length - mapped }
        }),
      autoMap: (t) =>
        this.call('autoMap', () => {
          c.autoMap.push(t)
          for (const r of s.autoMap) if (r.mapped) this.setMapped(r.tenantId, r.clientId)
          return s.autoMap
        }),
      exportWorkbook: (i) =>
        this.call('exportWorkbook', () => void c.exportWorkbook.push(i)).then(() =>
          this.holdExport
            ? new Promise<ExportOutcome>((resolve, reject) => {
                this.pendingExport = { resolve, reject }
              })
            : s.exportOutcome,
        ),
    }
  }
}
