// The Backend interface is everything the pages ask of Go. The real one
// calls the generated Wails bindings; component tests pass a fake with
// fixture data through BackendContext.
import * as TenantsAPI from '../../wailsjs/go/bridge/Tenants'
import * as DataAPI from '../../wailsjs/go/bridge/Data'
import * as SettingsAPI from '../../wailsjs/go/bridge/Settings'
import * as App from '../../wailsjs/go/main/App'
import { ClipboardSetText, EventsOn } from '../../wailsjs/runtime/runtime'
import type {
  AppRegistration,
  ConnectRequest,
  ConnectResult,
  ConnectStatus,
  LicensesView,
  LogLine,
  MFAView,
  OverviewData,
  RunRow,
  SettingsView,
  SyncFinished,
  SyncProgress,
  TenantRow,
  UserRow,
  UsersView,
} from './types'

export type Unsubscribe = () => void

export interface Backend {
  tenants: {
    list(): Promise<TenantRow[]>
    overview(): Promise<OverviewData>
    connect(req: ConnectRequest): Promise<ConnectResult>
    cancelConnect(): Promise<void>
    disconnect(tenantId: string): Promise<void>
    disconnectPartner(connectionId: string): Promise<void>
    syncNow(tenantId: string): Promise<void>
    syncAll(): Promise<number>
    cancelSync(tenantId: string): Promise<void>
    runs(tenantId: string): Promise<RunRow[]>
    runLog(runId: number): Promise<LogLine[]>
  }
  data: {
    users(tenantId: string): Promise<UsersView>
    licenses(tenantId: string): Promise<LicensesView>
    mfa(tenantId: string): Promise<MFAView>
  }
  settings: {
    get(): Promise<SettingsView>
    /** Stores the given keys only; "" returns a key to its default. Go validates. */
    save(values: Record<string, string>): Promise<SettingsView>
    /** "I already have one": Go checks the GUID. */
    setClientId(clientId: string): Promise<SettingsView>
    /** "Create the app registration for me"; steps arrive as connect:status events. */
    createAppRegistration(tenant: string): Promise<AppRegistration>
  }
  events: {
    onSyncProgress(fn: (p: SyncProgress) => void): Unsubscribe
    onSyncFinished(fn: (p: SyncFinished) => void): Unsubscribe
    onConnectStatus(fn: (p: ConnectStatus) => void): Unsubscribe
  }
  copyText(text: string): Promise<boolean>
  /** Opens a second TenantLens window on the built-in demo MSP. */
  launchDemo(): Promise<void>
}

// Go marshals nil slices as null; the pages always get arrays.
const arr = <T,>(a: T[] | null | undefined): T[] => a ?? []

export function normTenant(t: TenantRow): TenantRow {
  return { ...t, roleWarnings: arr(t.roleWarnings), notes: arr(t.notes) }
}

export function normUser(u: UserRow): UserRow {
  return { ...u, licenseNames: arr(u.licenseNames), licenseParts: arr(u.licenseParts), mfaMethods: arr(u.mfaMethods) }
}

export function normOverview(o: OverviewData): OverviewData {
  return { ...o, rows: arr(o.rows).map(normTenant) }
}

export function normUsers(v: UsersView): UsersView {
  return { ...v, rows: arr(v.rows).map(normUser), notes: arr(v.notes) }
}

export function normLicenses(v: LicensesView): LicensesView {
  return { ...v, rows: arr(v.rows) }
}

export function normMFA(v: MFAView): MFAView {
  return { ...v, byMethod: arr(v.byMethod), rows: arr(v.rows).map(normUser) }
}

export function normConnect(r: ConnectResult): ConnectResult {
  return { ...r, tenants: arr(r.tenants).map(normTenant), warnings: arr(r.warnings) }
}

export function normSettings(v: SettingsView): SettingsView {
  return { ...v, values: arr(v.values), clouds: arr(v.clouds) }
}

type NameKey = 'syncProgress' | 'syncFinished' | 'connectStatus'

/** Subscribes once the event names are known (they come from Go). */
function subscriber(names: () => Promise<Record<NameKey, string>>) {
  return <T,>(key: NameKey, fn: (p: T) => void): Unsubscribe => {
    let off: Unsubscribe | null = null
    let cancelled = false
    names()
      .then((n) => {
        if (!cancelled) off = EventsOn(n[key], (p: T) => fn(p))
      })
      .catch(() => {
        /* no backend: nothing will ever be emitted */
      })
    return () => {
      cancelled = true
      off?.()
    }
  }
}

/** The real backend: the generated Wails bindings. */
export function wailsBackend(): Backend {
  let names: Promise<Record<NameKey, string>> | null = null
  const getNames = () => (names ??= App.EventNames())
  const sub = subscriber(getNames)
  return {
    tenants: {
      list: async () => arr(await TenantsAPI.List()).map(normTenant),
      overview: async () => normOverview(await TenantsAPI.Overview()),
      connect: async (req) => normConnect(await TenantsAPI.Connect(req)),
      cancelConnect: () => TenantsAPI.CancelConnect(),
      disconnect: (id) => TenantsAPI.Disconnect(id),
      disconnectPartner: (id) => TenantsAPI.DisconnectPartner(id),
      syncNow: (id) => TenantsAPI.SyncNow(id),
      syncAll: () => TenantsAPI.SyncAll(),
      cancelSync: (id) => TenantsAPI.CancelSync(id),
      runs: async (id) => arr(await TenantsAPI.Runs(id)),
      runLog: async (id) => arr(await TenantsAPI.RunLog(id)),
    },
    data: {
      users: async (id) => normUsers(await DataAPI.Users(id)),
      licenses: async (id) => normLicenses(await DataAPI.Licenses(id)),
      mfa: async (id) => normMFA(await DataAPI.MFA(id)),
    },
    settings: {
      get: async () => normSettings(await SettingsAPI.Get()),
      save: async (values) => normSettings(await SettingsAPI.Save(values)),
      setClientId: async (id) => normSettings(await SettingsAPI.SetClientID(id)),
      createAppRegistration: (tenant) => SettingsAPI.CreateAppRegistration(tenant),
    },
    events: {
      onSyncProgress: (fn) => sub('syncProgress', fn),
      onSyncFinished: (fn) => sub('syncFinished', fn),
      onConnectStatus: (fn) => sub('connectStatus', fn),
    },
    launchDemo: () => App.LaunchDemo(),
    copyText: async (text) => {
      try {
        if (await ClipboardSetText(text)) return true
      } catch {
        /* fall through to the browser clipboard (wails dev in Chromium) */
      }
      try {
        await navigator.clipboard.writeText(text)
        return true
      } catch {
        return false
      }
    },
  }
}
