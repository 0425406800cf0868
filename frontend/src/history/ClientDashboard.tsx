// The client's Dashboard tab: KPI cards (Go's client KPIs, change since
// last quarter when Go gives it), MFA donut, licence utilisation of its
// tenants' SKUs and the client's trends (one point per day, Go's sums).
import { tokens } from '@fluentui/react-components'
import { useBackend } from '../api'
import type { ClientDetail } from '../api/clientTypes'
import { useLoad } from '../hooks/useLoad'
import { DashKpiRow, HistoryPanels, type MfaFigures } from './Dashboard'
import { RenewalSummary } from '../licensing/RenewalSummary'

export function ClientDashboard({ d }: { d: ClientDetail }) {
  const b = useBackend()
  const change = useLoad(() => b.history.quarterChange({ kind: 'client', id: d.client.id }).catch(() => null), `qc:${d.client.id}`)
  const k = d.kpis
  const mfa: MfaFigures = {
    available: k.mfaAvailable,
    registered: k.mfaRegistered,
    unregistered: k.mfaEligible - k.mfaRegistered,
    coveragePct: k.mfaCoveragePct,
  }
  const synced = d.tenants.filter((t) => t.synced).map((t) => t.tenantId)
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL }} data-testid="client-dashboard">
      <DashKpiRow
        prefix="cdash"
        k={{
          users: k.users,
          licensed: k.licensed,
          mfaAvailable: k.mfaAvailable,
          mfaCoveragePct: k.mfaCoveragePct,
          unused: k.unused,
          monthlyCost: k.monthlySpend,
          monthlyWaste: k.monthlyWaste,
          currency: k.hasMoney ? k.currency : '',
          change: change.data,
        }}
      />
      <HistoryPanels scope={{ kind: 'client', id: d.client.id }} tenantIds={synced} mfa={mfa} />
      {d.tenants
        .filter((t) => t.synced)
        .map((t) => (
          <RenewalSummary key={t.tenantId} tenantId={t.tenantId} title={`Renewals — ${t.tenantName}`} />
        ))}
    </div>
  )
}
