import { describe, expect, it } from 'vitest'
import { screen } from '@testing-library/react'
import * as echarts from 'echarts/core'
import { CombinedChart, combinedOption } from './CombinedChart'
import { FakeBackend } from '../test/fakeBackend'
import { renderWith } from '../test/render'

type Opt = { yAxis: { data: string[] }[]; series: { data: { value: number }[] }[] }

// Go's counts (MFAView.combined) in Go's order, unknown included.
const counts = [
  { label: 'protected', value: 7 },
  { label: 'registeredNotRequired', value: 4 },
  { label: 'requiredNotRegistered', value: 2 },
  { label: 'atRisk', value: 3 },
  { label: 'notApplicable', value: 1 },
  { label: 'unknown', value: 0 },
]

describe('CombinedChart', () => {
  it('draws the five combined states with Go’s counts', async () => {
    renderWith(new FakeBackend(), <CombinedChart counts={counts} />)
    const el = await screen.findByRole('img', { name: 'Users by MFA protection' })
    const opt = echarts.getInstanceByDom(el)!.getOption() as Opt
    expect(opt.yAxis[0].data).toEqual(['Protected', 'Registered but not required', 'Required but not registered', 'At risk', 'Not applicable'])
    expect(opt.series[0].data.map((d) => d.value)).toEqual([7, 4, 2, 3, 1])
  })

  it('adds Unknown only when Go counted some, and reads counts by label, not position', () => {
    const shuffled = [{ label: 'atRisk', value: 9 }, { label: 'unknown', value: 5 }, { label: 'protected', value: 2 }]
    const opt = combinedOption(shuffled)
    expect(opt.yAxis.data).toEqual(['Protected', 'Registered but not required', 'Required but not registered', 'At risk', 'Not applicable', 'Unknown'])
    expect(opt.series[0].data.map((d) => d.value)).toEqual([2, 0, 0, 9, 0, 5])
  })
})
