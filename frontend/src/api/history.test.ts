import { beforeEach, describe, expect, it, vi } from 'vitest'

// The generated History bindings, replaced by recorders: the facade must
// pass the scope to Go as Go's methods take it and hand Go's answers on.
const calls: { fn: string; args: unknown[] }[] = []
let quarterAnswer: unknown = null
vi.mock('../../wailsjs/go/bridge/History', () => ({
  QuarterChange: (...args: unknown[]) => {
    calls.push({ fn: 'QuarterChange', args })
    return Promise.resolve(quarterAnswer)
  },
  ExportComparison: (...args: unknown[]) => {
    calls.push({ fn: 'ExportComparison', args })
    return Promise.resolve({ files: ['/x/What changed.xlsx'], rows: 7, cancelled: false })
  },
}))

import { wailsHistory } from './history'

beforeEach(() => {
  calls.length = 0
  quarterAnswer = null
})

describe('History facade: change since last quarter and the What changed export', () => {
  it('asks Go for a tenant’s or a client’s change and passes Go’s deltas on; unknown MFA and cost stay absent', async () => {
    const h = wailsHistory()
    quarterAnswer = { since: '2025-04-01T11:00:00Z', users: 20, licensed: 5, mfaCoveragePct: 30, unused: -2, monthlyCost: 500, currency: 'EUR' }
    expect(await h.quarterChange({ kind: 'tenant', id: 'tid-a' })).toEqual({
      since: '2025-04-01T11:00:00Z',
      users: 20,
      licensed: 5,
      mfaCoveragePct: 30,
      unused: -2,
      monthlyCost: 500,
    })
    quarterAnswer = { since: '2025-03-01T00:00:00Z', users: -1, licensed: 0, unused: 3, currency: 'MIXED' }
    const c = await h.quarterChange({ kind: 'client', id: 42 })
    expect(c).toEqual({ since: '2025-03-01T00:00:00Z', users: -1, licensed: 0, unused: 3, mfaCoveragePct: undefined, monthlyCost: undefined })
    expect(calls.map((x) => [x.fn, ...x.args])).toEqual([
      ['QuarterChange', 'tid-a', 0],
      ['QuarterChange', '', 42],
    ])
  })

  it('is null when Go keeps no run 90 days old', async () => {
    expect(await wailsHistory().quarterChange({ kind: 'tenant', id: 'tid-a' })).toBeNull()
  })

  it('offers the export and sends the compare query and path to Go’s ExportComparison', async () => {
    const h = wailsHistory()
    expect(await h.canExportChanges()).toBe(true)
    const o = await h.exportChanges({ kind: 'tenant', id: 'tid-a' }, '2025-01-01', '2025-02-01', '/tmp/out.xlsx')
    expect(o.files).toEqual(['/x/What changed.xlsx'])
    expect(calls).toHaveLength(1)
    const [q, path] = calls[0].args as [Record<string, unknown>, string]
    expect({ ...q }).toEqual({ tenantId: 'tid-a', clientId: 0, from: '2025-01-01', to: '2025-02-01', fromRunId: 0, toRunId: 0 })
    expect(path).toBe('/tmp/out.xlsx')
  })
})
