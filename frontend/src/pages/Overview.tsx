import { useMemo, useState } from 'react'
import {
  Button,
  Card,
  Link,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title2,
  Title3,
  tokens,
} from '@fluentui/react-components'
import { PlugConnected24Regular } from '@fluentui/react-icons'
import { useBackend, type AppInfo } from '../api'
import type { OverviewData } from '../api/types'
import type { PageKey } from '../nav'
import { useLoad } from '../hooks/useLoad'
import { useSyncFinished } from '../hooks/useSyncEvents'
import { ErrorState, Loading } from '../components/States'
import { Kpi, KpiRow } from '../components/Kpi'
import { AccessBadge, SyncBadge } from '../components/badges'
import { Chart, palette } from '../components/Chart'
import { ConnectDialog } from './ConnectDialog'
import { MfaFigure, withMfa } from '../components/MfaFigure'
import { fmtAgo, fmtCount, fmtInt, fmtMoney, fmtPct } from '../format'
import { ScoreFigure } from '../security/SecureScore'
import { FirstRun } from '../history/FirstRun'
import { ClientsPanel } from '../history/ClientsPanel'
import { dashboardHash, openHash } from '../history/route'

const useStyles = makeStyles({
  empty: { maxWidth: '720px', margin: '8vh auto', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, marginTop: tokens.spacingVerticalM },
  list: { margin: 0, paddingLeft: '1.2em', lineHeight: '1.8' },
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  head: { display: 'flex', alignItems: 'center', justifyContent: 'space-between' },
})

export function Overview({ info, onNavigate }: { info: AppInfo | null; onNavigate: (k: PageKey) => void }) {
  const b = useBackend()
  const ov = useLoad(() => b.tenants.overview(), 'overview')
  const [connecting, setConnecting] = useState(false)
  useSyncFinished(() => ov.reload())
  const done = () => {
    setConnecting(false)
    ov.reload()
  }
  const dialog = <ConnectDialog open={connecting} onClose={done} />

  if (ov.loading && !ov.data && !ov.error) return <Loading />
  // No tenants (or the backend cannot tell yet): the welcome card.
  if (!ov.data || ov.data.tenants === 0) {
    return (
      <>
        <FirstRun info={info} onConnect={() => setConnecting(true)} onNavigate={onNavigate} />
        {dialog}
      </>
    )
  }
  return (
    <>
      <Dashboard data={ov.data} onConnect={() => setConnecting(true)} onNavigate={onNavigate} />
      {ov.error && <ErrorState error={ov.error} onRetry={ov.reload} />}
      {dialog}
    </>
  )
}

function Dashboard({ data, onConnect, onNavigate }: { data: OverviewData; onConnect: () => void; onNavigate: (k: PageKey) => void }) {
  const s = useStyles()
  const synced = data.rows.filter((r) => r.hasSnapshot)
  // Tenants whose MFA data could not be read have no coverage figure: they
  // stay out of the chart (named under it) rather than showing 0 %.
  const charted = useMemo(() => withMfa(data.rows), [data.rows])
  const noMfa = synced.filter((r) => !r.mfaAvailable)
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmtPct(v) },
      grid: { left: 8, right: 56, top: 8, bottom: 8, outerBoundsMode: 'same' },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
      yAxis: { type: 'category', inverse: true, data: charted.map((r) => r.displayName || r.defaultDomain) },
      series: [
        {
          type: 'bar',
          name: 'MFA coverage',
          data: charted.map((r) => ({
            value: r.mfaCoveragePct,
            itemStyle: { color: palette.brand },
          })),
          label: { show: true, position: 'right', formatter: (p: { value: number }) => fmtPct(p.value) },
        },
      ],
    }),
    [charted],
  )
  return (
    <div className={s.page} data-testid="page-overview">
      <div className={s.head}>
        <Title2>Overview</Title2>
        <Button appearance="primary" icon={<PlugConnected24Regular />} onClick={onConnect} data-testid="connect-tenant">
          Connect a tenant
        </Button>
      </div>
      <KpiRow>
        <Kpi id="tenants" label="Tenants" value={fmtInt(data.tenants)} hint={`${fmtInt(data.synced)} synced · ${fmtInt(data.failing)} failing`} />
        <Kpi id="users" label="Users" value={fmtInt(data.users)} raw={data.users} />
        <Kpi id="licensed" label="Licensed users" value={fmtInt(data.licensed)} raw={data.licensed} />
        <Kpi
          id="mfa"
          label="MFA coverage"
          value={synced.length > 0 && charted.length === 0 ? 'Unavailable' : fmtPct(data.mfaCoveragePct)}
          hint={noMfa.length > 0 ? `${fmtInt(noMfa.length)} ${noMfa.length === 1 ? 'tenant' : 'tenants'} unavailable` : undefined}
        />
        <Kpi
          id="inactive"
          label="Inactive accounts"
          value={fmtCount(data.inactive)}
          raw={data.inactive}
          hint={`enabled, no activity for ${fmtInt(data.inactiveDays)} days`}
        />
        <Kpi
          id="inactive-licensed"
          label="Inactive licensed accounts"
          value={fmtCount(data.inactiveLicensed)}
          raw={data.inactiveLicensed}
          hint={`reclaim candidates, ${fmtInt(data.inactiveDays)} days`}
        />
        <Kpi id="unused" label="Unused licences" value={fmtInt(data.unusedLicenses)} />
        {data.currency === 'MIXED' ? (
          <Kpi
            id="waste"
            label="Monthly waste"
            value="Several currencies"
            hint={(data.wasteByCurrency ?? []).map((m) => fmtMoney(m.amount, m.currency)).join(' + ')}
            danger={(data.wasteByCurrency ?? []).some((m) => m.amount > 0)}
          />
        ) : (
          <Kpi id="waste" label="Monthly waste" value={fmtMoney(data.monthlyWaste, data.currency)} raw={data.monthlyWaste} danger={data.monthlyWaste > 0} />
        )}
      </KpiRow>
      <ClientsPanel />
      {synced.length > 0 && (
        <Card>
          <Title3>MFA coverage per tenant</Title3>
          {charted.length > 0 && (
            <Chart option={option} height={Math.max(160, charted.length * 34 + 40)} testId="overview-mfa-chart" label="MFA coverage per tenant" />
          )}
          {noMfa.length > 0 && (
            <Text size={200} data-testid="overview-mfa-unavailable">
              MFA data unavailable, not charted: {noMfa.map((r) => r.displayName || r.defaultDomain).join(', ')}
            </Text>
          )}
        </Card>
      )}
      <Card>
        <div className={s.head}>
          <Title3>Tenants</Title3>
          <Button appearance="subtle" onClick={() => onNavigate('tenants')}>Manage tenants</Button>
        </div>
        <Table aria-label="Tenants" data-testid="overview-tenants" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell style={{ width: '24%' }}>Tenant</TableHeaderCell>
              <TableHeaderCell>Access</TableHeaderCell>
              <TableHeaderCell>Last sync</TableHeaderCell>
              <TableHeaderCell>Users</TableHeaderCell>
              <TableHeaderCell>Licensed</TableHeaderCell>
              <TableHeaderCell>MFA</TableHeaderCell>
              <TableHeaderCell>Secure Score</TableHeaderCell>
              <TableHeaderCell>Inactive accounts ({fmtInt(data.inactiveDays)} d)</TableHeaderCell>
              <TableHeaderCell>Unused licences</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.rows.map((r) => (
              <TableRow key={r.id} data-testid={`overview-row-${r.id}`}>
                <TableCell>
                  <Link
                    href={dashboardHash({ kind: 'tenant', id: r.id })}
                    onClick={(e) => (e.preventDefault(), openHash(dashboardHash({ kind: 'tenant', id: r.id })))}
                    data-testid="overview-tenant-open"
                  >
                    <Text weight="semibold">{r.displayName || r.defaultDomain}</Text>
                  </Link>
                  <br />
                  <Text size={200} style={{ wordBreak: 'break-all' }}>{r.defaultDomain}</Text>
                </TableCell>
                <TableCell>
                  <AccessBadge row={r} />
                </TableCell>
                <TableCell>
                  <SyncBadge status={r.syncing ? 'running' : r.lastSyncStatus} /> <Text size={200}>{fmtAgo(r.lastSyncAt)}</Text>
                </TableCell>
                <TableCell>{r.hasSnapshot ? fmtInt(r.users) : '—'}</TableCell>
                <TableCell>{r.hasSnapshot ? fmtInt(r.licensed) : '—'}</TableCell>
                <TableCell>
                  <MfaFigure row={r} />
                </TableCell>
                <TableCell>
                  <ScoreFigure score={r.secureScore} />
                </TableCell>
                <TableCell>{r.hasSnapshot ? fmtCount(r.inactive) : '—'}</TableCell>
                <TableCell>{r.hasSnapshot ? fmtInt(r.unusedLicenses) : '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
    </div>
  )
}
