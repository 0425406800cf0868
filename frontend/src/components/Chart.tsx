// ECharts with only the parts the pages use, SVG-rendered (crisp, and it
// works without a canvas). Colours follow the Fluent theme.
import { useEffect, useRef } from 'react'
import * as echarts from 'echarts/core'
import { BarChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { SVGRenderer } from 'echarts/renderers'
import type { EChartsCoreOption } from 'echarts/core'
import { useColorScheme } from '../theme'

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer])

export function Chart({ option, height = 260, testId, label }: { option: EChartsCoreOption; height?: number; testId?: string; label: string }) {
  const el = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)
  const scheme = useColorScheme()
  const optRef = useRef(option)
  optRef.current = option

  useEffect(() => {
    if (!el.current) return
    const c = echarts.init(el.current, scheme === 'dark' ? 'dark' : undefined, { renderer: 'svg', height })
    c.setOption({ backgroundColor: 'transparent', ...optRef.current }, true)
    chart.current = c
    let ro: ResizeObserver | null = null
    if (typeof ResizeObserver !== 'undefined') {
      ro = new ResizeObserver(() => c.resize())
      ro.observe(el.current)
    }
    return () => {
      ro?.disconnect()
      c.dispose()
      chart.current = null
    }
  }, [height, scheme])

  useEffect(() => {
    chart.current?.setOption({ backgroundColor: 'transparent', ...option }, true)
  }, [option])

  return <div ref={el} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height }} />
}

/** Fluent palette colours for series. */
export const palette = {
  brand: '#0f6cbd',
  good: '#107c10',
  bad: '#d13438',
  warn: '#f7630c',
  neutral: '#8a8886',
  series: ['#0f6cbd', '#8764b8', '#00b7c3', '#ca5010', '#498205', '#c239b3', '#038387', '#986f0b'],
}
