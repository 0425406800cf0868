// A tenant's or client's dashboard: KPI cards with the change since last
// quarter, an MFA coverage donut, licence utilisation by SKU and trend
// lines over the stored runs. All figures are Go's: the MFA view and the
// licences view per tenant, and the trend (review.Trend).
import { useMemo, useState } from 'react'
import { Button, Caption1, Card, makeStyles, Text, Title3, tokens } from '@fluentui/react-components'
import { BranchCompare20Regular } from '@fluentui/react-icons'
import { useBackend } from '../api'
import type { LicenseRow } from '../api/types'
import type { Trend, TrendRange } from '../api/history'
import { useLoad } from '../hooks/useLoad'
import { useSyncFinished } from '../hooks/useSyncEvents'
import { ErrorState, Loading } from '../components/States'
import { Kpi, KpiRow } from '../components/Kpi'
import { Chart, palette } from '../components/Chart'
import { fmtDate, fmtInt, fmtMoney, fmtPct, MIXED } from '../format'
import { TrendCharts } from './TrendCharts'
import { compareHash, openHash, type Scope } from './route'

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  charts: { display: 'grid', gridTemplateColumns: 'minmax(280px, 1fr) minmax(380px, 2fr)', gap: tokens.spacingHorizontalL, '@media (max-width: 900px)': { gridTemplateColumns: '1fr' } },
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
})

/** The MFA figures a donut draws (Go's: MFA view per tenant, or the client's KPIs). */
export interface MfaFigures {
  available: boolean
  registered: number
  unregistered: number
  coveragePct: number
}

export function donutOption(m: MfaFigures) {
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    title: { text: fmtPct(m.coveragePct), left: 'center', top: 'center' },
    series: [
      {
        type: 'pie',
        name: 'MFA',
        radius: ['55%', '80%'],
        avoidLabelOverlap: true,
        label: { show: false },
        data: [
          { name: 'Registered', value: m.registered, itemStyle: { color: palette.good } },
          { name: 'Not registered', value: m.unregistered, itemStyle: { color: palette.bad } },
        ],
      },
    ],
  }
}

/** One bar per SKU (and tenant, for a client): assigned and available seats, Go's counts. */
export function utilisationOption(rows: LicenseRow[], multi: boolean) {
  const label = (r: LicenseRow) => (multi ? `${r.name || r.partNumber} · ${r.tenantName}` : r.name || r.partNumber)
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 28, bottom: 8, outerBoundsMode: 'same' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: rows.map(label), axisLabel: { width: 220, overflow: 'truncate' } },
    series: [
      { type: 'bar', stack: 'seats', name: 'Assigned', data: rows.map((r) => r.assigned), itemStyle: { color: palette.brand } },
      { type: 'bar', stack: 'seats', name: 'Unused', data: rows.map((r) => r.available), itemStyle: { color: palette.warn } },
    ],
  }
}

/** The SKUs a utilisation chart shows: bought seats only (free and trial-less SKUs with none bought stay out). */
export function chartedSkus(rows: LicenseRow[]): LicenseRow[] {
  return rows.filter((r) => r.purchased > 0)
}

export function MfaDonut({ m }: { m: MfaFigures }) {
  const s = useStyles()
  const option = useMemo(() => donutOption(m), [m])
  return (
    <Card className={s.card} data-testid="dash-mfa" data-registered={m.registered} data-unregistered={m.unregistered}>
      <Title3>MFA coverage</Title3>
      {m.available ? (
        <>
          <Chart option={option} height={240} testId="dash-mfa-chart" label="MFA coverage: registered and not registered" />
          <Caption1>
            {fmtInt(m.registered)} registered · {fmtInt(m.unregistered)} not registered
          </Caption1>
        </>
      ) : (
        <Text data-testid="dash-mfa-unavailable">MFA registration data could not be read for this sync.</Text>
      )}
    </Card>
  )
}

export function Utilisation({ rows, multi }: { rows: LicenseRow[]; multi: boolean }) {
  const s = useStyles()
  const shown = useMemo(() => chartedSkus(rows), [rows])
  const option = useMemo(() => utilisationOption(shown, multi), [shown, multi])
  return (
    <Card className={s.card} data-testid="dash-util" data-skus={shown.length}>
      <Title3>Licence utilisation by SKU</Title3>
      {shown.length === 0 ? (
        <Text>No bought licences in the last sync.</Text>
      ) : (
        <Chart option={option} height={Math.max(180, shown.length * 30 + 60)} testId="dash-util-chart" label="Assigned and unused seats per SKU" />
      )}
    </Card>
  )
}

/** Change since last quarter: Go's figure when it gives one, as "+n" / "−n". */
export function changeHint(v: number | null | undefined, fmt: (n: number) => string): string | undefined {
  if (v == null) return undefined
  if (v === 0) return 'no change since last quarter'
  return `${v > 0 ? '+' : '−'}${fmt(Math.abs(v))} since last quarter`
}

export interface DashKpis {
  users: number
  licensed: number
  mfaAvailable: boolean
  mfaCoveragePct: number
  unused: number
  monthlyCost: number
  monthlyWaste: number
  currency: string
  /** Go's changes since last quarter (absent: none known). */
  change?: { since?: string; users?: number; licensed?: number; mfaCoveragePct?: number; unused?: number; monthlyCost?: number } | null
}

export function DashKpiRow({ k, prefix }: { k: DashKpis; prefix: string }) {
  const money = (v: number) => (k.currency && k.currency !== MIXED ? fmtMoney(v, k.currency) : 'No price list')
  const c = k.change ?? {}
  return (
    <>
      <KpiRow>
        <Kpi id={`${prefix}-users`} label="Users" value={fmtInt(k.users)} raw={k.users} hint={changeHint(c.users, fmtInt)} />
        <Kpi id={`${prefix}-licensed`} label="Licensed users" value={fmtInt(k.licensed)} raw={k.licensed} hint={changeHint(c.licensed, fmtInt)} />
        <Kpi
          id={`${prefix}-mfa`}
          label="MFA coverage"
          value={k.mfaAvailable ? fmtPct(k.mfaCoveragePct) : 'Unavailable'}
          raw={k.mfaCoveragePct}
          hint={changeHint(c.mfaCoveragePct, (n) => `${fmtPct(n).replace(/\s*%$/, '')} pts`)}
        />
        <Kpi id={`${prefix}-unused`} label="Unused licences" value={fmtInt(k.unused)} raw={k.unused} hint={changeHint(c.unused, fmtInt)} />
        <Kpi id={`${prefix}-cost`} label="Monthly cost" value={money(k.monthlyCost)} raw={k.monthlyCost} hint={changeHint(c.monthlyCost, money)} />
        <Kpi id={`${prefix}-waste`} label="Monthly waste" value={money(k.monthlyWaste)} raw={k.monthlyWaste} danger={k.monthlyWaste > 0} />
      </KpiRow>
      {c.since && (
        <Caption1 data-testid={`${prefix}-change-since`} data-since={c.since}>
          Changes since last quarter compare with the sync of {fmtDate(c.since)}, the latest at least 90 days old.
        </Caption1>
      )}
    </>
  )
}

/** Donut, utilisation and trends for a scope; `tenantIds` are the tenants whose licences to chart. */
export function HistoryPanels({ scope, tenantIds, mfa }: { scope: Scope; tenantIds: string[]; mfa: MfaFigures | null }) {
  const s = useStyles()
  const b = useBackend()
  const [range, setRange] = useState<TrendRange>('quarter')
  const key = `${scope.kind}:${scope.id}`
  const trend = useLoad<Trend>(() => b.history.trend(scope, range), `${key}:${range}`)
  const lic = useLoad(async () => (await Promise.all(tenantIds.map((id) => b.data.licenses(id)))).flatMap((v) => v.rows), `${key}:${tenantIds.join(',')}`)
  useSyncFinished(() => {
    trend.reload()
    lic.reload()
  })
  return (
    <div className={s.page}>
      <div style={{ display: 'flex', gap: tokens.spacingHorizontalM }}>
        <Button icon={<BranchCompare20Regular />} onClick={() => openHash(compareHash(scope))} data-testid="dash-compare">
          Compare two dates…
        </Button>
      </div>
      <div className={s.charts}>
        {mfa ? <MfaDonut m={mfa} /> : <Loading />}
        {lic.error ? <ErrorState error={lic.error} onRetry={lic.reload} /> : lic.data ? <Utilisation rows={lic.data} multi={scope.kind === 'client'} /> : <Loading />}
      </div>
      {trend.error && <ErrorState error={trend.error} onRetry={trend.reload} />}
      {trend.data ? <TrendCharts trend={trend.data} range={range} onRange={setRange} /> : !trend.error && <Loading />}
    </div>
  )
}
