import { useMemo } from 'react'
import {
  Caption1,
  Card,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  Title2,
  Title3,
  tokens,
} from '@fluentui/react-components'
import { useBackend } from '../api'
import type { MFAView } from '../api/types'
import { useLoad } from '../hooks/useLoad'
import { useSyncFinished } from '../hooks/useSyncEvents'
import { TenantPicker, usePickedTenant } from '../components/TenantPicker'
import { EmptyState, ErrorState, Loading } from '../components/States'
import { Grid } from '../components/Grid'
import { Chart, palette } from '../components/Chart'
import { Kpi, KpiRow } from '../components/Kpi'
import { applyHidden, userColumns } from '../users/columns'
import { ALL_TENANTS } from '../tenantPick'
import { fmtDateTime, fmtInt, fmtPct } from '../format'
import { withEnforcement } from '../security/columns'
import { CombinedChart } from '../security/CombinedChart'
import { PostureCard } from '../security/PostureCard'

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  grow: { flexGrow: 1 },
  charts: { display: 'grid', gridTemplateColumns: 'minmax(260px, 1fr) minmax(320px, 2fr)', gap: tokens.spacingHorizontalM },
  big: { fontSize: tokens.fontSizeHero900, lineHeight: tokens.lineHeightHero900, fontWeight: tokens.fontWeightSemibold },
})

const shownCols = new Set(['tenant', 'displayName', 'upn', 'userType', 'mfaStatus', 'mfaSource', 'mfaMethods', 'mfaDefault', 'admin', 'enabled'])

export function MFA() {
  const s = useStyles()
  const b = useBackend()
  const pick = usePickedTenant()
  const ready = pick.tenants !== null
  const view = useLoad(() => (ready ? b.data.mfa(pick.tenantId) : new Promise<never>(() => {})), `${ready}:${pick.tenantId}`)
  useSyncFinished((p) => {
    if (pick.tenantId === ALL_TENANTS || p.tenantId === pick.tenantId) view.reload()
  })
  const v = view.data
  const hasData = !!v && (v.eligible > 0 || v.rows.length > 0 || !v.available)

  return (
    <div className={s.page} data-testid="page-mfa">
      <div className={s.head}>
        <Title2 className={s.grow}>MFA</Title2>
        <TenantPicker pick={pick} />
      </div>
      {view.error && <ErrorState error={view.error} onRetry={view.reload} />}
      {!v && !view.error && <Loading />}
      {v && !v.available && (
        <MessageBar intent="warning" data-testid="mfa-unavailable">
          <MessageBarBody>
            <MessageBarTitle>Unavailable</MessageBarTitle>
            <span style={{ whiteSpace: 'pre-line' }}>{v.reason}</span>
          </MessageBarBody>
        </MessageBar>
      )}
      {v && !hasData && <EmptyState title="No MFA data yet">Sync this tenant to see its MFA coverage.</EmptyState>}
      {v && hasData && <Coverage v={v} allTenants={pick.tenantId === ALL_TENANTS} />}
      {v && v.securityNotes.length > 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="mfa-security-notes">
          <MessageBarBody>
            <MessageBarTitle>Enforcement could not be read everywhere</MessageBarTitle>
            <ul style={{ margin: '4px 0 0', paddingLeft: '1.2em' }}>
              {v.securityNotes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {ready && pick.tenantId !== ALL_TENANTS && <PostureCard tenantId={pick.tenantId} />}
      {ready && pick.tenantId === ALL_TENANTS && v && hasData && (
        <Caption1 data-testid="posture-pick-tenant">Pick a tenant to see its security posture and Secure Score.</Caption1>
      )}
    </div>
  )
}

function Coverage({ v, allTenants }: { v: MFAView; allTenants: boolean }) {
  const s = useStyles()
  const donut = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          name: 'MFA',
          radius: ['55%', '80%'],
          center: ['50%', '45%'],
          label: { show: false },
          data: [
            { name: 'Registered', value: v.registered, itemStyle: { color: palette.good } },
            { name: 'Not registered', value: v.unregistered, itemStyle: { color: palette.bad } },
          ],
        },
      ],
    }),
    [v.registered, v.unregistered],
  )
  const methods = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 40, top: 8, bottom: 8, outerBoundsMode: 'same' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: v.byMethod.map((c) => c.label) },
      series: [
        {
          type: 'bar',
          name: 'Users',
          data: v.byMethod.map((c) => c.value),
          itemStyle: { color: palette.brand },
          label: { show: true, position: 'right' },
        },
      ],
    }),
    [v.byMethod],
  )
  const columns = useMemo(
    () => withEnforcement(applyHidden(userColumns().filter((c) => shownCols.has(c.colId)), new Set(), { tenant: !allTenants })),
    [allTenants],
  )
  return (
    <>
      <KpiRow>
        <Card style={{ flex: '1 1 200px', padding: 16 }} data-testid="kpi-coverage">
          <Caption1>MFA coverage</Caption1>
          <Text className={s.big} data-testid="kpi-coverage-value">
            {v.eligible > 0 ? fmtPct(v.coveragePct) : 'Unavailable'}
          </Text>
          <Caption1 data-testid="mfa-registered">
            {fmtInt(v.registered)} of {fmtInt(v.eligible)} users registered
          </Caption1>
        </Card>
        <Kpi id="unregistered" label="Without MFA" value={fmtInt(v.unregistered)} danger={v.unregistered > 0} />
        <Kpi id="admins" label="Admins without MFA" value={fmtInt(v.adminsWithout)} danger={v.adminsWithout > 0} />
      </KpiRow>
      {(v.sourceNote || v.dataDate) && (
        <div className={s.head}>
          {v.sourceNote && <Caption1 className={s.grow}>{v.sourceNote}</Caption1>}
          {v.dataDate && <Caption1>Data from {fmtDateTime(v.dataDate)}</Caption1>}
        </div>
      )}
      {v.eligible > 0 && (
        <div className={s.charts}>
          <Card>
            <Title3>Registered</Title3>
            <Chart option={donut} height={240} testId="mfa-donut" label="MFA registered and not registered" />
          </Card>
          <Card>
            <Title3>Methods</Title3>
            {v.byMethod.length > 0 ? (
              <Chart option={methods} height={Math.max(160, v.byMethod.length * 30 + 30)} testId="mfa-methods" label="Users by MFA method" />
            ) : (
              <Text>No method details for this tenant.</Text>
            )}
          </Card>
        </div>
      )}
      {v.combined.some((c) => c.value > 0) && (
        <Card data-testid="mfa-protection">
          <Title3>MFA protection</Title3>
          <Caption1>Registration together with who requires MFA (Conditional Access, security defaults or per-user MFA)</Caption1>
          <CombinedChart counts={v.combined} />
        </Card>
      )}
      <Title3>Users, without MFA first</Title3>
      <Grid rows={v.rows} columns={columns} height={480} testId="mfa-grid" getRowId={(p) => `${p.data.tenantId}/${p.data.id}`} />
    </>
  )
}
