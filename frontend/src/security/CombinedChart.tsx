// The five combined MFA states (registration × enforcement) as a bar
// chart; the counts are Go's (MFAView.combined / Posture.combined).
import { useMemo } from 'react'
import type { Count } from '../api/types'
import { Chart } from '../components/Chart'
import { combinedStates } from './labels'

/** The chart's option: one bar per state, Go's count for each (Unknown only when Go counted some). */
export function combinedOption(counts: Count[]) {
  const by = new Map(counts.map((c) => [c.label, c.value]))
  const states = [...combinedStates]
  if ((by.get('unknown') ?? 0) > 0) states.push({ key: 'unknown', label: 'Unknown', color: '#c8c6c4', hint: 'could not be derived' })
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 40, top: 8, bottom: 8, outerBoundsMode: 'same' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: states.map((s) => s.label) },
    series: [
      {
        type: 'bar',
        name: 'Users',
        data: states.map((s) => ({ value: by.get(s.key) ?? 0, itemStyle: { color: s.color } })),
        label: { show: true, position: 'right' },
      },
    ],
  }
}

export function CombinedChart({ counts, testId = 'mfa-combined-chart' }: { counts: Count[]; testId?: string }) {
  const option = useMemo(() => combinedOption(counts), [counts])
  const rows = option.yAxis.data.length
  return <Chart option={option} height={Math.max(170, rows * 32 + 30)} testId={testId} label="Users by MFA protection" />
}
