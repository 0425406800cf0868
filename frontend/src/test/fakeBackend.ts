// An in-memory Backend over fixture data, with an event bus the test can
// fire. Calls behave like Go's: data or a rejected promise with a message.
import type { Backend } from '../api/backend'
import { FakeReports } from '../reports/test/fakeReports'
import { FakeClients } from '../clients/test/fakeClients'
import { FakeLicensing } from '../licensing/test/fakeLicensing'
import { FakeSecurity } from '../security/test/fakeSecurity'
import { FakePSA } from '../psa/test/fakePSA'
import { FakeHistory } from '../history/test/fakeHistory'
import type {
  AppInfo,
  AppRegistration,
  DoctorReport,
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
  UsersView,
} from '../api/types'

type Handler<T> = (p: T) => void

class Bus<T> {
  private hs = new Set<Handler<T>>()
  on(fn: Handler<T>) {
    this.hs.add(fn)
    return () => void this.hs.delete(fn)
  }
  fire(p: T) {
    for (const h of [...this.hs]) h(p)
  }
}

export interface FakeState {
  tenants: TenantRow[]
  overview: OverviewData
  users: Record<string, UsersView>
  licenses: Record<string, LicensesView>
  mfa: Record<string, MFAView>
  runs: Record<string, RunRow[]>
  logs: Record<number, LogLine[]>
  /** Message to reject a call with, by method name. */
  fail: Partial<Record<string, string>>
  /** Connect resolves with this after `connectScript` events are fired. */
  connectResult: ConnectResult | null
  connectScript: ConnectStatus[]
  disconnected: string[]
  synced: string[]
  copied: string[]
  demoLaunched: boolean
  info: AppInfo
  doctor: DoctorReport
  /** What app.locale() answers (Go: Settings.Locale). */
  locale: string
  settings: SettingsView
  /** Each settings.save() argument, in order. */
  saves: Record<string, string>[]
  /** Values a saved "" returns to, by key. */
  settingDefaults: Record<string, string>
  clientIds: string[]
  /** Set when createAppRegistration() was called; settle it by hand. */
  pendingAppReg: { tenant: string; resolve: (r: AppRegistration) => void; reject: (e: Error) => void } | null
  /** Set when connect() was called; resolve/reject it by hand with these. */
  pendingConnect: { req: ConnectRequest; resolve: (r: ConnectResult) => void; reject: (e: Error) => void } | null
}

export class FakeBackend {
  progress = new Bus<SyncProgress>()
  finished = new Bus<SyncFinished>()
  connect = new Bus<ConnectStatus>()
  state: FakeState
  /** The Reports part of the facade (fixtures, calls, export:progress). */
  reports: FakeReports
  /** The Clients part of the facade (clients, import, mapping). */
  clients: FakeClients
  /** The licensing part of the facade (renewals, reclaim, audit, reclaim:progress). */
  licensing = new FakeLicensing()
  /** The Security part of the facade (posture by tenant). */
  security = new FakeSecurity()
  /** The PSA card's part of the facade. */
  psa = new FakePSA()
  /** The history part: trends, compare, clients overview, connectivity. */
  history = new FakeHistory()

  constructor(init: Partial<FakeState> = {}, reports: FakeReports = new FakeReports(), clients: FakeClients = new FakeClients()) {
    this.reports = reports
    this.clients = clients
    this.state = {
      tenants: [],
      overview: { tenants: 0, synced: 0, failing: 0, users: 0, licensed: 0, mfaCoveragePct: 0, unusedLicenses: 0, monthlyWaste: 0, currency: '', wasteByCurrency: [], inactive: 0, inactiveLicensed: 0, inactiveDays: 90, rows: [] },
      users: {},
      licenses: {},
      mfa: {},
      runs: {},
      logs: {},
      fail: {},
      connectResult: null,
      connectScript: [],
      disconnected: [],
      synced: [],
      copied: [],
      demoLaunched: false,
      info: { version: 'test', demo: false, dataDir: '/data', startErr: '' },
      doctor: { checks: [], ok: true },
      locale: 'en-US',
      pendingConnect: null,
      settings: { values: [], clouds: [], demo: false, dataDir: '', locale: 'en-US', systemLocale: 'en-US' },
      saves: [],
      settingDefaults: {},
      clientIds: [],
      pendingAppReg: null,
      ...init,
    }
  }

  private call<T>(name: string, v: () => T): Promise<T> {
    const msg = this.state.fail[name]
    return msg ? Promise.reject(msg) : Promise.resolve().then(v)
  }

  private view<T>(m: Record<string, T>, id: string, name: string): Promise<T> {
    return this.call(name, () => {
      const v = m[id]
      if (!v) throw new Error(`no fixture for ${name}(${id})`)
      return v
    })
  }

  backend(): Backend {
    const s = this.state
    return {
      app: {
        info: () => this.call('info', () => s.info),
        doctor: () => this.call('doctor', () => s.doctor),
        locale: () => this.call('locale', () => s.locale),
        launchDemo: () => this.call('launchDemo', () => void (s.demoLaunched = true)),
        copyText: async (t) => {
          s.copied.push(t)
          return true
        },
        textProbe: () => this.call('textProbe', () => []),
        reportText: () => this.call('reportText', () => undefined),
      },
      tenants: {
        list: () => this.call('list', () => s.tenants),
        overview: () => this.call('overview', () => s.overview),
        connect: (req) =>
          this.call('connect', () => undefined).then(
            () =>
              new Promise<ConnectResult>((resolve, reject) => {
                s.pendingConnect = { req, resolve, reject }
                for (const ev of s.connectScript) this.connect.fire(ev)
                if (s.connectResult) resolve(s.connectResult)
              }),
          ),
        cancelConnect: () =>
          this.call('cancelConnect', () => {
            s.pendingConnect?.reject(new Error('The sign-in was cancelled.'))
          }),
        disconnect: (id) =>
          this.call('disconnect', () => {
            s.disconnected.push(id)
            s.tenants = s.tenants.filter((t) => t.id !== id)
          }),
        disconnectPartner: (id) =>
          this.call('disconnectPartner', () => {
            s.disconnected.push('partner:' + id)
            s.tenants = s.tenants.filter((t) => t.connectionId !== id)
          }),
        syncNow: (id) => this.call('syncNow', () => void s.synced.push(id)),
        syncAll: () => this.call('syncAll', () => s.tenants.filter((t) => t.access === 'ready').length),
        cancelSync: (id) => this.call('cancelSync', () => this.finished.fire({ tenantId: id, status: 'interrupted', error: '' })),
        runs: (id) => this.call('runs', () => s.runs[id] ?? []),
        runLog: (id) => this.call('runLog', () => s.logs[id] ?? []),
      },
      data: {
        users: (id) => this.view(s.users, id, 'users'),
        licenses: (id) => this.view(s.licenses, id, 'licenses'),
        mfa: (id) => this.view(s.mfa, id, 'mfa'),
      },
      settings: {
        get: () => this.call('settingsGet', () => s.settings),
        save: (values) =>
          this.call('save', () => {
            s.saves.push({ ...values })
            s.settings = {
              ...s.settings,
              values: s.settings.values.map((v) => {
                if (!(v.key in values) || v.source === 'environment' || v.source === 'demo') return v
                const nv = values[v.key].trim()
                return nv === '' ? { ...v, value: s.settingDefaults[v.key] ?? '', source: 'default' } : { ...v, value: nv, source: 'setting' }
              }),
            }
            // Go's effective locale: the ui.locale setting, else the system's.
            const loc = s.settings.values.find((v) => v.key === 'ui.locale')
            if (loc) s.settings = { ...s.settings, locale: loc.value || s.settings.systemLocale }
            s.locale = s.settings.locale
            return s.settings
          }),
        setClientId: (id) =>
          this.call('setClientId', () => {
            s.clientIds.push(id)
            s.settings = {
              ...s.settings,
              values: s.settings.values.map((v) => (v.key === 'client_id' && v.source !== 'environment' ? { ...v, value: id.trim(), source: 'setting' } : v)),
            }
            return s.settings
          }),
        createAppRegistration: (tenant) =>
          this.call('createAppRegistration', () => undefined).then(
            () =>
              new Promise<AppRegistration>((resolve, reject) => {
                s.pendingAppReg = { tenant, resolve, reject }
              }),
          ),
      },
      reports: this.reports.backend(),
      clients: this.clients.backend(),
      licensing: this.licensing.backend(),
      security: this.security.backend(),
      psa: this.psa.backend(),
      history: this.history.backend(),
      events: {
        onSyncProgress: (fn) => this.progress.on(fn),
        onSyncFinished: (fn) => this.finished.on(fn),
        onConnectStatus: (fn) => this.connect.on(fn),
        onExportProgress: (fn) => this.reports.onExportProgress(fn),
      },
    }
  }
}
