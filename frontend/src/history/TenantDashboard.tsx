// A tenant's dashboard (#/tenant/<id>): Go's tenant line (Overview), its
// MFA view for the donut, its licences, and the trends over its runs.
import { Button, Caption1, Title2, tokens } from '@fluentui/react-components'
import { ArrowLeft20Regular } from '@fluentui/react-icons'
import { useBackend } from '../api'
import { useLoad } from '../hooks/useLoad'
import { useSyncFinished } from '../hooks/useSyncEvents'
import { ErrorState, Loading } from '../components/States'
import { fmtDateTime } from '../format'
import { DashKpiRow, HistoryPanels, type MfaFigures } from './Dashboard'
import { openHash } from './route'
import { RenewalSummary } from '../licensing/RenewalSummary'

export function TenantDashboard({ tenantId }: { tenantId: string }) {
  const b = useBackend()
  const view = useLoad(async () => {
    const [ov, lic, mfa, change] = await Promise.all([
      b.tenants.overview(),
      b.data.licenses(tenantId),
      b.data.mfa(tenantId).catch(() => null),
      b.history.quarterChange({ kind: 'tenant', id: tenantId }).catch(() => null),
    ])
    const row = ov.rows.find((r) => r.id === tenantId)
    if (!row) throw new Error('This tenant is not connected any more: pick another on the Overview.')
    return { row, lic, mfa, change }
  }, tenantId)
  useSyncFinished(() => view.reload())
  const v = view.data
  const mfa: MfaFigures | null = v?.mfa
    ? { available: v.mfa.available, registered: v.mfa.registered, unregistered: v.mfa.unregistered, coveragePct: v.mfa.coveragePct }
    : v
      ? { available: false, registered: 0, unregistered: 0, coveragePct: 0 }
      : null
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL }} data-testid="page-tenant-dashboard">
      <div style={{ display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM }}>
        <Button appearance="subtle" icon={<ArrowLeft20Regular />} onClick={() => openHash('#/overview')} data-testid="dash-back">
          Overview
        </Button>
        <Title2 data-testid="dash-name">{v ? v.row.displayName || v.row.defaultDomain : ''}</Title2>
      </div>
      {view.error && <ErrorState error={view.error} onRetry={view.reload} />}
      {!v && !view.error && <Loading />}
      {v && (
        <>
          <Caption1>
            {v.row.defaultDomain}
            {v.row.dataDate && ` · data from ${fmtDateTime(v.row.dataDate)}`}
          </Caption1>
          <DashKpiRow
            prefix="dash"
            k={{
              users: v.row.users,
              licensed: v.row.licensed,
              mfaAvailable: v.row.mfaAvailable,
              mfaCoveragePct: v.row.mfaCoveragePct,
              unused: v.row.unusedLicenses,
              monthlyCost: v.lic.monthlyTotal,
              monthlyWaste: v.row.monthlyWaste,
              currency: v.row.currency || v.lic.currency,
              change: v.change,
            }}
          />
          <HistoryPanels scope={{ kind: 'tenant', id: tenantId }} tenantIds={[tenantId]} mfa={mfa} />
          <RenewalSummary tenantId={tenantId} />
        </>
      )}
    </div>
  )
}
