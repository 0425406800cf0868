// Secure Score: the newest day (current / max / percent), its change and
// trend over the stored days, and the top improvement actions by points.
// Every figure is Go's (review.SecureScoreView, review.ImprovementAction).
import { useMemo } from 'react'
import * as echarts from 'echarts/core'
import { LineChart } from 'echarts/charts'
import {
  Caption1,
  Link,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components'
import type { ImprovementAction, SecureScoreView } from '../api/security'
import { Chart, palette } from '../components/Chart'
import { Kpi, KpiRow } from '../components/Kpi'
import { fmtDate, fmtPct } from '../format'
import { fmtChange, fmtPoints } from './labels'

// Chart.tsx registers bar and pie; the trend needs the line series too.
echarts.use([LineChart])

const useStyles = makeStyles({
  col: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  up: { color: tokens.colorPaletteGreenForeground1 },
  down: { color: tokens.colorPaletteRedForeground1 },
})

/** The trend's option: Go's percent per stored day, oldest first. */
export function scoreTrendOption(s: SecureScoreView) {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmtPct(v) },
    grid: { left: 8, right: 16, top: 16, bottom: 8, outerBoundsMode: 'same' },
    xAxis: { type: 'category', boundaryGap: false, data: s.trend.map((p) => p.day) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
    series: [
      {
        type: 'line',
        name: 'Secure Score',
        showSymbol: false,
        data: s.trend.map((p) => p.percent),
        lineStyle: { color: palette.brand },
        itemStyle: { color: palette.brand },
        areaStyle: { opacity: 0.08 },
      },
    ],
  }
}

export function SecureScorePanel({ score, actions }: { score: SecureScoreView; actions: ImprovementAction[] }) {
  const s = useStyles()
  const option = useMemo(() => scoreTrendOption(score), [score])
  if (!score.available) {
    return (
      <Text data-testid="secure-score-none">
        No Secure Score stored for this tenant yet: sync it (Secure Score needs the SecurityEvents.Read.All permission; the notes say
        what could not be read).
      </Text>
    )
  }
  return (
    <div className={s.col} data-testid="secure-score">
      <KpiRow>
        <Kpi id="score-percent" label="Secure Score" value={fmtPct(score.percent)} raw={score.percent} hint={`on ${fmtDate(score.day)}`} />
        <Kpi id="score-points" label="Points" value={`${fmtPoints(score.current)} / ${fmtPoints(score.max)}`} raw={score.current} />
        <Kpi id="score-change" label={`Change since ${fmtDate(score.since)}`} value={fmtChange(score.change)} raw={score.change} danger={score.change < 0} />
        <Kpi id="score-change30" label="Change over 30 days" value={fmtChange(score.change30)} raw={score.change30} danger={score.change30 < 0} />
      </KpiRow>
      {score.trend.length > 1 && <Chart option={option} height={200} testId="secure-score-trend" label="Secure Score trend" />}
      <Caption1>Top improvement actions by points still to gain</Caption1>
      {actions.length === 0 ? (
        <Text data-testid="score-actions-none">No improvement action with points left.</Text>
      ) : (
        <Table size="small" aria-label="Top improvement actions" data-testid="score-actions">
          <TableHeader>
            <TableRow>
              <TableHeaderCell style={{ width: '55%' }}>Action</TableHeaderCell>
              <TableHeaderCell>Category</TableHeaderCell>
              <TableHeaderCell>Points</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {actions.map((a) => (
              <TableRow key={a.id} data-testid={`score-action-${a.id}`}>
                <TableCell>
                  {a.actionUrl ? (
                    <Link href={a.actionUrl} target="_blank" rel="noreferrer">
                      {a.title || a.id}
                    </Link>
                  ) : (
                    a.title || a.id
                  )}
                </TableCell>
                <TableCell>{[a.category, a.service].filter(Boolean).join(' · ')}</TableCell>
                <TableCell>
                  +{fmtPoints(a.points)} of {fmtPoints(a.maxScore)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  )
}

/** A tenant's Secure Score in a table cell: percent, points and its change since the oldest stored day. */
export function ScoreFigure({ score }: { score: SecureScoreView | null | undefined }) {
  const s = useStyles()
  if (!score || !score.available) {
    return (
      <Text size={200} data-testid="score-none">
        —
      </Text>
    )
  }
  return (
    <span data-testid="score-figure" style={{ whiteSpace: 'nowrap' }}>
      <Text data-testid="score-percent">{fmtPct(score.percent)}</Text>{' '}
      <Text size={200} data-testid="score-points">
        ({fmtPoints(score.current)}/{fmtPoints(score.max)})
      </Text>
      <br />
      <Text
        size={200}
        className={score.change > 0 ? s.up : score.change < 0 ? s.down : undefined}
        data-testid="score-change"
        title={`since ${fmtDate(score.since)}`}
      >
        {fmtChange(score.change)} since {fmtDate(score.since)}
      </Text>
    </span>
  )
}
