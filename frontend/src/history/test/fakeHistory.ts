// The history part of the fake backend: trends, compare choices and
// comparisons by scope, the clients overview, connectivity; the calls made,
// and failures by method name (rejected like Go's errors).
import type {
  ClientsOverview,
  CompareChoices,
  Comparison,
  Connectivity,
  DemoChanges,
  HistoryBackend,
  HistoryScope,
  OverviewSort,
  QuarterChange,
  Trend,
  TrendRange,
} from '../../api/history'
import type { ExportOutcome } from '../../api/types'

export const scopeKey = (s: HistoryScope) => `${s.kind}:${s.id}`

export class FakeHistory {
  /** By `${scopeKey}:${range}`. */
  trends: Record<string, Trend> = {}
  choices: Record<string, CompareChoices> = {}
  /** By `${scopeKey}|${from}|${to}`. */
  comparisons: Record<string, Comparison> = {}
  overview: ClientsOverview = { rows: [], sort: 'worst', attention: { failedSyncs: [], reconnect: [], licences: [], mfaDropped: [], total: 0 } }
  /** Go's order for a sort key other than worst (by key); absent: the overview's rows. */
  sorted: Partial<Record<OverviewSort, ClientsOverview['rows']>> = {}
  connectivity: Connectivity = { offline: false, reason: '', lastAttemptOffline: false, since: '', tenantId: '', tenantName: '', detail: '', offlineTenants: 0, probed: true, reachable: true, lastSuccess: '' }
  changes: Record<string, QuarterChange> = {}
  canExport = true
  exportOutcome: ExportOutcome = { files: [], rows: 0, cancelled: false }
  /** What demoChangeDirectory answers (Go refuses outside the demo: set `fail`). */
  demoChanges: DemoChanges = { tenantId: '', tenantName: '', added: [], removed: [], disabled: [], licencesGained: [], licencesLost: [], mfaRegistered: [], mfaLost: [], notes: [] }
  fail: Partial<Record<keyof HistoryBackend, string>> = {}
  calls: string[] = []

  private call<T>(name: keyof HistoryBackend, arg: string, v: () => T): Promise<T> {
    this.calls.push(`${name}(${arg})`)
    const msg = this.fail[name]
    return msg ? Promise.reject(msg) : Promise.resolve().then(v)
  }

  private need<T>(m: Record<string, T>, k: string, what: string): T {
    const v = m[k]
    if (!v) throw new Error(`no ${what} fixture for ${k}`)
    return v
  }

  backend(): HistoryBackend {
    return {
      trend: (s, r: TrendRange) => this.call('trend', `${scopeKey(s)}:${r}`, () => this.need(this.trends, `${scopeKey(s)}:${r}`, 'trend')),
      choices: (s) => this.call('choices', scopeKey(s), () => this.need(this.choices, scopeKey(s), 'choices')),
      compare: (s, from, to) =>
        this.call('compare', `${scopeKey(s)}|${from}|${to}`, () => this.need(this.comparisons, `${scopeKey(s)}|${from}|${to}`, 'comparison')),
      clientsOverview: (sort, desc) =>
        this.call('clientsOverview', `${sort}:${desc}`, () => {
          const rows = sort === 'worst' ? this.overview.rows : this.sorted[sort] ?? this.overview.rows
          return { ...this.overview, sort, rows: desc && sort !== 'worst' ? [...rows].reverse() : rows }
        }),
      connectivity: () => this.call('connectivity', '', () => this.connectivity),
      quarterChange: (s) => this.call('quarterChange', scopeKey(s), () => this.need(this.changes, scopeKey(s), 'quarter change')),
      canExportChanges: () => this.call('canExportChanges', '', () => this.canExport),
      exportChanges: (s, from, to, out) => this.call('exportChanges', `${scopeKey(s)}|${from}|${to}|${out}`, () => this.exportOutcome),
      demoChangeDirectory: (t) => this.call('demoChangeDirectory', t, () => ({ ...this.demoChanges, tenantId: this.demoChanges.tenantId || t })),
    }
  }
}
