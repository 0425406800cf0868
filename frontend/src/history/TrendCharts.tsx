// Trend lines over a tenant's or client's stored runs (Go's Trend): MFA
// coverage, licensed users, unused licences and monthly cost, with a range
// switch. Each chart has its values as a table beside it (screen readers,
// and the tests read the figures there); every value is Go's.
import { useMemo } from 'react'
import { Caption1, Card, makeStyles, Tab, TabList, Text, Title3, tokens } from '@fluentui/react-components'
import * as echarts from 'echarts/core'
import { LineChart } from 'echarts/charts'
import { Chart, palette } from '../components/Chart'
import { fmtDate, fmtInt, fmtMoney, fmtPct, MIXED } from '../format'
import type { Trend, TrendPoint, TrendRange } from '../api/history'

echarts.use([LineChart])

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(380px, 1fr))', gap: tokens.spacingHorizontalL },
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  values: { fontSize: tokens.fontSizeBase200 },
  table: { borderCollapse: 'collapse', '& td, & th': { padding: '2px 8px', textAlign: 'right' }, '& th:first-child, & td:first-child': { textAlign: 'left' } },
})

export type MetricKey = 'mfa' | 'licensed' | 'unused' | 'cost'

export interface Metric {
  key: MetricKey
  label: string
  /** Go's figure at a point; null when Go has none (MFA unreadable, no price list). */
  value: (p: TrendPoint, t: Trend) => number | null
  fmt: (v: number, t: Trend) => string
  color: string
}

export const metrics: Metric[] = [
  { key: 'mfa', label: 'MFA coverage', value: (p) => (p.mfaAvailable ? p.mfaCoveragePct : null), fmt: (v) => fmtPct(v), color: palette.brand },
  { key: 'licensed', label: 'Licensed users', value: (p) => p.licensed, fmt: (v) => fmtInt(v), color: palette.series[1] },
  { key: 'unused', label: 'Unused licences', value: (p) => p.unusedLicenses, fmt: (v) => fmtInt(v), color: palette.warn },
  {
    key: 'cost',
    label: 'Monthly cost',
    value: (p, t) => (t.currency && t.currency !== MIXED && p.currency === t.currency ? p.monthlyCost : null),
    fmt: (v, t) => fmtMoney(v, t.currency),
    color: palette.good,
  },
]

export const rangeLabels: Record<TrendRange, string> = { quarter: 'Quarter', year: 'Year', all: 'All' }

export function RangeSwitch({ value, onChange }: { value: TrendRange; onChange: (r: TrendRange) => void }) {
  return (
    <TabList size="small" selectedValue={value} onTabSelect={(_, d) => onChange(d.value as TrendRange)} aria-label="Trend range">
      {(Object.keys(rangeLabels) as TrendRange[]).map((r) => (
        <Tab key={r} value={r} data-testid={`trend-range-${r}`}>
          {rangeLabels[r]}
        </Tab>
      ))}
    </TabList>
  )
}

/** The chart option for one metric (exported for tests: the series equal Go's points). */
export function trendOption(t: Trend, m: Metric) {
  const pts = t.points
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => (v == null ? '—' : m.fmt(v, t)) },
    grid: { left: 8, right: 24, top: 16, bottom: 8, outerBoundsMode: 'same' },
    xAxis: { type: 'category', boundaryGap: false, data: pts.map((p) => fmtDate(p.at || p.day)) },
    yAxis: {
      type: 'value',
      scale: m.key !== 'mfa',
      max: m.key === 'mfa' ? 100 : undefined,
      min: m.key === 'mfa' ? 0 : undefined,
      axisLabel: { formatter: (v: number) => m.fmt(v, t) },
    },
    series: [
      {
        type: 'line',
        name: m.label,
        data: pts.map((p) => m.value(p, t)),
        connectNulls: false,
        showSymbol: pts.length <= 60,
        itemStyle: { color: m.color },
        lineStyle: { color: m.color },
      },
    ],
  }
}

function TrendCard({ t, m }: { t: Trend; m: Metric }) {
  const s = useStyles()
  const option = useMemo(() => trendOption(t, m), [t, m])
  const values = t.points.map((p) => m.value(p, t))
  const last = [...values].reverse().find((v) => v != null)
  const noMoney = m.key === 'cost' && (!t.currency || t.currency === MIXED)
  return (
    <Card className={s.card} data-testid={`trend-${m.key}`}>
      <Title3>{m.label}</Title3>
      {noMoney ? (
        <Text data-testid={`trend-${m.key}-none`}>
          {t.currency === MIXED ? 'The prices are in several currencies, so no cost line is drawn.' : 'No price list: enter prices under Reports › Prices to see the cost.'}
        </Text>
      ) : (
        <>
          {last != null && <Caption1>Latest: {m.fmt(last, t)}</Caption1>}
          <Chart option={option} height={200} testId={`trend-${m.key}-chart`} label={`${m.label} over the stored syncs`} />
        </>
      )}
      <details className={s.values}>
        <summary>Values</summary>
        <table className={s.table} data-testid={`trend-${m.key}-values`}>
          <thead>
            <tr>
              <th>Sync</th>
              <th>{m.label}</th>
            </tr>
          </thead>
          <tbody>
            {t.points.map((p, i) => (
              <tr key={`${p.day}-${i}`} data-day={p.day} data-value={values[i] ?? ''}>
                <td>{fmtDate(p.at || p.day)}</td>
                <td>{values[i] == null ? '—' : m.fmt(values[i]!, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </Card>
  )
}

export function TrendCharts({ trend, range, onRange }: { trend: Trend; range: TrendRange; onRange: (r: TrendRange) => void }) {
  const s = useStyles()
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS }} data-testid="trends" data-points={trend.points.length}>
      <div style={{ display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' }}>
        <Title3>Over the stored syncs</Title3>
        <RangeSwitch value={range} onChange={onRange} />
        <Caption1 data-testid="trend-count">
          {fmtInt(trend.points.length)} {trend.points.length === 1 ? 'point' : 'points'}
          {trend.since ? ` since ${fmtDate(trend.since)}` : ''}
        </Caption1>
      </div>
      {trend.notes.length > 0 && (
        <Caption1 data-testid="trend-notes">{trend.notes.join(' · ')}</Caption1>
      )}
      <div className={s.grid}>
        {metrics.map((m) => (
          <TrendCard key={m.key} t={trend} m={m} />
        ))}
      </div>
    </div>
  )
}
