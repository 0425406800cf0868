import { describe, expect, it } from 'vitest'
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import * as echarts from 'echarts/core'
import { FakeBackend } from '../test/fakeBackend'
import { renderWith } from '../test/render'
import { contoso, licensesView, mfaView, overview, settingsView } from '../test/fixtures'
import { fmtDate, fmtDateTime, fmtDateTimeSeconds, fmtInt, fmtMoney, fmtPct } from '../format'
import { attentionItem, comparison, overviewRow, snap, trend } from './test/fixtures'
import { TenantDashboard } from './TenantDashboard'
import { Compare, dateLabeller } from './Compare'
import { ClientsPanel } from './ClientsPanel'
import { OfflineBanner } from './OfflineBanner'
import { CommandPalette } from './CommandPalette'
import { FirstRun } from './FirstRun'
import { metrics, trendOption } from './TrendCharts'
import type { Entry } from './palette'
import { clientRow } from '../clients/test/fixtures'
import { user } from '../test/fixtures'

type Opt = { series: { data: unknown[] }[]; xAxis: { data: string[] }[] }
const optionOf = (id: string) => echarts.getInstanceByDom(screen.getByTestId(id))!.getOption() as unknown as Opt

function dashFake() {
  const f = new FakeBackend({ overview, licenses: { 'tid-contoso': licensesView }, mfa: { 'tid-contoso': mfaView } })
  f.history.trends['tenant:tid-contoso:quarter'] = trend()
  f.history.trends['tenant:tid-contoso:year'] = trend({ range: 'year', points: trend().points.slice(0, 1) })
  f.history.changes['tenant:tid-contoso'] = { since: '2025-12-04', users: 34, licensed: -3, mfaCoveragePct: 7.5, unused: -4, monthlyCost: 121.5 }
  return f
}

describe('tenant dashboard', () => {
  it('draws Go’s trend points, the MFA donut and utilisation from Go’s views, and KPI changes from Go', async () => {
    const f = dashFake()
    renderWith(f, <TenantDashboard tenantId="tid-contoso" />)
    await screen.findByTestId('trend-mfa-chart')
    const t = trend()
    // Every trend line is Go's points, in order; unreadable MFA is a gap, not 0.
    expect(optionOf('trend-mfa-chart').series[0].data).toEqual([73.68, 82.47, null])
    expect(optionOf('trend-licensed-chart').series[0].data).toEqual([90, 94, 97])
    expect(optionOf('trend-unused-chart').series[0].data).toEqual([12, 8, 5])
    expect(optionOf('trend-cost-chart').series[0].data).toEqual([2050.5, 2110.25, 2172])
    expect(optionOf('trend-cost-chart').xAxis[0].data).toEqual(t.points.map((p) => fmtDate(p.at)))
    const rows = within(screen.getByTestId('trend-licensed-values')).getAllByRole('row').slice(1)
    expect(rows.map((r) => r.getAttribute('data-value'))).toEqual(['90', '94', '97'])
    // Donut: the MFA view's registered / unregistered.
    const donut = optionOf('dash-mfa-chart').series[0].data as { value: number }[]
    expect(donut.map((d) => d.value)).toEqual([mfaView.registered, mfaView.unregistered])
    // Utilisation: assigned and unused seats per SKU, Go's counts.
    const util = optionOf('dash-util-chart')
    expect(util.series[0].data).toEqual(licensesView.rows.map((r) => r.assigned))
    expect(util.series[1].data).toEqual(licensesView.rows.map((r) => r.available))
    // KPIs: Go's tenant line, cost from the licences view, change from Go.
    expect(screen.getByTestId('kpi-dash-users-value').textContent).toBe(fmtInt(contoso.users))
    expect(screen.getByTestId('kpi-dash-cost-value').textContent).toBe(fmtMoney(licensesView.monthlyTotal, 'USD'))
    expect(screen.getByTestId('kpi-dash-users').textContent).toContain(`+${fmtInt(34)} since last quarter`)
    expect(screen.getByTestId('kpi-dash-licensed').textContent).toContain(`−${fmtInt(3)} since last quarter`)
    expect(f.history.calls).toContain('quarterChange(tenant:tid-contoso)')
    // The date Go compared with is said once under the cards.
    expect(screen.getByTestId('dash-change-since').getAttribute('data-since')).toBe('2025-12-04')
    expect(screen.getByTestId('dash-change-since').textContent).toContain(fmtDate('2025-12-04'))
  })

  it('shows no change hints when Go keeps no run 90 days old', async () => {
    const f = dashFake()
    delete f.history.changes['tenant:tid-contoso']
    renderWith(f, <TenantDashboard tenantId="tid-contoso" />)
    await screen.findByTestId('trend-licensed-chart')
    expect(f.history.calls).toContain('quarterChange(tenant:tid-contoso)')
    expect(screen.getByTestId('kpi-dash-users').textContent).not.toContain('since last quarter')
    expect(screen.queryByTestId('dash-change-since')).toBeNull()
  })

  it('asks Go for the year when the range switches', async () => {
    const f = dashFake()
    renderWith(f, <TenantDashboard tenantId="tid-contoso" />)
    await screen.findByTestId('trend-licensed-chart')
    fireEvent.click(screen.getByTestId('trend-range-year'))
    await waitFor(() => expect(screen.getByTestId('trends').getAttribute('data-points')).toBe('1'))
    expect(f.history.calls).toContain('trend(tenant:tid-contoso:year)')
    expect(optionOf('trend-licensed-chart').series[0].data).toEqual([90])
  })

  it('says why there is no cost line when prices are missing or mixed', () => {
    const m = metrics.find((x) => x.key === 'cost')!
    const t = trend({ currency: 'MIXED' })
    expect(trendOption(t, m).series[0].data).toEqual([null, null, null])
  })
})

describe('compare two dates', () => {
  function cmpFake() {
    const f = new FakeBackend()
    const a = '2026-01-05T10:00:00Z', b = '2026-02-02T10:00:00Z', c = '2026-03-04T10:00:00Z'
    f.history.choices['tenant:tid-contoso'] = { snapshots: [snap(3, c, { current: true }), snap(2, b), snap(1, a)], days: [] }
    f.history.comparisons[`tenant:tid-contoso|${a}|${c}`] = comparison()
    f.history.comparisons[`tenant:tid-contoso|${b}|${c}`] = comparison({ added: [], totals: { ...comparison().totals, usersAdded: 0 } })
    return { f, a, b, c }
  }

  it('compares the oldest with the newest stored snapshot and lists Go’s changes', async () => {
    const { f, a, c } = cmpFake()
    renderWith(f, <Compare scope={{ kind: 'tenant', id: 'tid-contoso' }} />)
    await screen.findByTestId('compare-result')
    expect(f.history.calls).toContain(`compare(tenant:tid-contoso|${a}|${c})`)
    const cmp = comparison()
    const upns = (id: string) => within(screen.getByTestId(`compare-${id}`)).queryAllByTestId(`compare-${id}-row`).map((r) => r.getAttribute('data-upn'))
    expect(upns('added')).toEqual(cmp.added.map((u) => u.userPrincipalName))
    expect(upns('removed')).toEqual(['leaver@contoso.com'])
    expect(upns('gained')).toEqual(['ada@contoso.com'])
    expect(upns('mfa-registered')).toEqual(['bob@contoso.com'])
    expect(upns('disabled')).toEqual(['gone@contoso.com'])
    expect(screen.getByTestId('compare-lost-none')).toBeTruthy()
    expect(screen.getByTestId('kpi-cmp-cost-value').textContent).toBe(fmtMoney(78, 'USD'))
    expect(screen.getByTestId('kpi-cmp-added-value').textContent).toBe(fmtInt(2))
    // Each count beside its own money (Go's parts): the gained licences' 57, the new users' 36.
    expect(within(screen.getByTestId('compare-gained')).getByText(`+${fmtMoney(57, 'USD')} a month`)).toBeTruthy()
    expect(screen.getByTestId('kpi-cmp-added').textContent).toContain(`+${fmtMoney(36, 'USD')} a month`)
    expect(screen.getByTestId('kpi-cmp-removed').textContent).toContain(`−${fmtMoney(15, 'USD')} a month`)
  })

  it('lists dates to the second when two share a minute, and a one-tenant client has no tenant column', async () => {
    const a = '2026-03-04T10:00:05Z'
    const c = '2026-03-04T10:00:50Z'
    expect(dateLabeller([c, a])(a)).toBe(fmtDateTimeSeconds(a))
    expect(dateLabeller(['2026-03-05T10:00:00Z', a])(a)).toBe(fmtDateTime(a))
    const f = new FakeBackend()
    f.history.choices['client:4'] = { snapshots: [snap(2, c), snap(1, a)], days: [] }
    const side = { tenantId: 'tid-contoso', tenantName: 'Contoso Ltd', fromRunId: 1, toRunId: 2, fromDate: a, toDate: c }
    f.history.comparisons[`client:4|${a}|${c}`] = comparison({ scope: 'client', clientId: 4, sides: [side] })
    renderWith(f, <Compare scope={{ kind: 'client', id: 4 }} />)
    await screen.findByTestId('compare-result')
    expect(within(screen.getByTestId('compare-from')).getAllByRole('option').map((o) => o.textContent)).toEqual([fmtDateTimeSeconds(c), fmtDateTimeSeconds(a)])
    expect(within(screen.getByTestId('compare-added-table')).queryByText('Tenant')).toBeNull()
    expect(screen.getByTestId('compare-sides').textContent).toBe(`Contoso Ltd: ${fmtDateTimeSeconds(a)} → ${fmtDateTimeSeconds(c)}`)
  })

  it('asks Go again for another date, and exports “What changed” through Go', async () => {
    const { f, b, c } = cmpFake()
    f.history.exportOutcome = { files: ['/tmp/changes.xlsx'], rows: 5, cancelled: false }
    renderWith(f, <Compare scope={{ kind: 'tenant', id: 'tid-contoso' }} />)
    await screen.findByTestId('compare-result')
    fireEvent.change(screen.getByTestId('compare-from'), { target: { value: b } })
    await waitFor(() => expect(screen.getByTestId('kpi-cmp-added-value').textContent).toBe('0'))
    expect(f.history.calls).toContain(`compare(tenant:tid-contoso|${b}|${c})`)
    fireEvent.click(screen.getByTestId('compare-export'))
    expect((await screen.findByTestId('compare-export-result')).textContent).toBe('Saved /tmp/changes.xlsx')
    expect(f.history.calls).toContain(`exportChanges(tenant:tid-contoso|${b}|${c}|)`)
  })

  it('explains that one snapshot is not enough', async () => {
    const f = new FakeBackend()
    f.history.choices['tenant:t'] = { snapshots: [snap(1, '2026-01-05T10:00:00Z', { tenantId: 't' })], days: [] }
    renderWith(f, <Compare scope={{ kind: 'tenant', id: 't' }} />)
    expect((await screen.findByTestId('compare-too-few')).textContent).toContain('Only one snapshot')
    expect(f.history.calls.some((c) => c.startsWith('compare('))).toBe(false)
    expect(screen.queryByTestId('compare-demo-simulate')).toBeNull() // not the demo: no simulate button
  })

  it('in the demo, simulates changes: Go changes the directory, the tenant syncs again, the compare opens', async () => {
    const f = new FakeBackend({ tenants: [{ ...contoso, cooldownS: 0 }] })
    f.state.info = { ...f.state.info, demo: true }
    const one = snap(1, '2026-03-04T10:00:00Z')
    f.history.choices['tenant:tid-contoso'] = { snapshots: [one], days: [] }
    renderWith(f, <Compare scope={{ kind: 'tenant', id: 'tid-contoso' }} />)
    fireEvent.click(await screen.findByTestId('compare-demo-simulate'))
    await waitFor(() => expect(f.state.synced).toEqual(['tid-contoso']))
    expect(f.history.calls).toContain('demoChangeDirectory(tid-contoso)')
    expect(screen.getByTestId('compare-demo-busy').textContent).toContain('Syncing')
    // Go's sync finishes: a newer last sync, and a second snapshot to compare.
    const two = snap(2, '2026-03-04T10:05:00Z', { current: true })
    f.history.choices['tenant:tid-contoso'] = { snapshots: [two, one], days: [] }
    f.history.comparisons[`tenant:tid-contoso|${one.date}|${two.date}`] = comparison()
    f.state.tenants = [{ ...contoso, lastSyncAt: two.date }]
    await screen.findByTestId('compare-result', undefined, { timeout: 3000 })
    expect(screen.queryByTestId('compare-too-few')).toBeNull()
  })

  it('in the demo, a failed sync after the change says so', async () => {
    const f = new FakeBackend({ tenants: [{ ...contoso, cooldownS: 0 }] })
    f.state.info = { ...f.state.info, demo: true }
    f.history.choices['tenant:tid-contoso'] = { snapshots: [snap(1, '2026-03-04T10:00:00Z')], days: [] }
    renderWith(f, <Compare scope={{ kind: 'tenant', id: 'tid-contoso' }} />)
    fireEvent.click(await screen.findByTestId('compare-demo-simulate'))
    await waitFor(() => expect(f.state.synced).toEqual(['tid-contoso']))
    f.state.tenants = [{ ...contoso, lastSyncAt: '2026-03-04T10:05:00Z', lastSyncStatus: 'failed', lastError: 'Microsoft cannot be reached' }]
    const err = await screen.findByTestId('compare-demo-error', undefined, { timeout: 3000 })
    expect(err.textContent).toContain('Microsoft cannot be reached')
    expect(screen.getByTestId('compare-demo-simulate')).toBeTruthy() // it can be tried again
  })
})

describe('overview clients and attention', () => {
  it('shows Go’s rows in Go’s order, sorts through Go, and the attention cards', async () => {
    const f = new FakeBackend()
    const bad = overviewRow({ clientId: 2, name: 'Bad Co', status: 'reconnect', statusDetail: 'Bad Tenant: the sign-in expired' })
    const unmapped = overviewRow({ kind: 'tenant', clientId: 0, tenantId: 'tid-x', name: 'Loose Tenant', monthlyWaste: 0 })
    const good = overviewRow()
    f.history.overview = {
      rows: [bad, good, unmapped],
      sort: 'worst',
      attention: { failedSyncs: [attentionItem()], reconnect: [], licences: [attentionItem({ kind: 'over-assigned', skuId: 's', skuName: 'Visio Plan 2', assigned: 7, purchased: 5, detail: 'Visio Plan 2: 7 assigned, 5 purchased' })], mfaDropped: [attentionItem({ kind: 'mfa-dropped', fromPct: 90, toPct: 85.5 })], total: 3 },
    }
    f.history.sorted.users = [unmapped, good, bad]
    renderWith(f, <ClientsPanel />)
    const table = await screen.findByTestId('overview-clients')
    const names = () => within(screen.getByTestId('overview-clients')).getAllByTestId('overview-open').map((e) => e.textContent)
    expect(names()).toEqual(['Bad Co', 'Contoso', 'Loose Tenant'])
    expect(within(table).getAllByTestId('overview-open').map((e) => e.getAttribute('href'))).toEqual(['#/client/2', '#/client/1', '#/tenant/tid-x'])
    expect(within(screen.getByTestId('overview-client-client-1')).getByText(fmtMoney(1980.5, 'USD'))).toBeTruthy()
    expect(within(screen.getByTestId('overview-client-client-1')).getByText(fmtPct(81.25))).toBeTruthy()
    expect(screen.getByTestId('attention-failedSyncs').getAttribute('data-count')).toBe('1')
    expect(screen.getByTestId('attention-reconnect').getAttribute('data-count')).toBe('0')
    // Go's sentence once, after the badge (the UI writes none of its own).
    expect(screen.getByTestId('attention-licence').textContent).toBe('Over-assigned Visio Plan 2: 7 assigned, 5 purchased')
    expect(screen.getByTestId('attention-mfa').textContent).toBe(`${fmtPct(90)} → ${fmtPct(85.5)}`)
    fireEvent.click(screen.getByTestId('overview-sort-users'))
    await waitFor(() => expect(f.history.calls).toContain('clientsOverview(users:true)'))
    await waitFor(() => expect(names()).toEqual(['Bad Co', 'Contoso', 'Loose Tenant']))
    fireEvent.click(screen.getByTestId('overview-sort-users'))
    await waitFor(() => expect(names()).toEqual(['Loose Tenant', 'Contoso', 'Bad Co']))
    expect(f.history.calls).toContain('clientsOverview(users:false)')
  }, 20_000)
})

describe('offline banner', () => {
  it('shows Go’s reason and the last sync while offline, and nothing online; asks again after a sync', async () => {
    const f = new FakeBackend()
    f.history.connectivity = { ...f.history.connectivity, offline: true, reason: 'Microsoft cannot be reached: check the network connection; the last synced data is still shown.', lastSuccess: '2026-03-04T10:00:00Z' }
    renderWith(f, <OfflineBanner />)
    const banner = await screen.findByTestId('offline-banner')
    expect(banner.textContent).toContain('Microsoft cannot be reached: check the network connection')
    f.history.connectivity = { ...f.history.connectivity, offline: false }
    act(() => f.finished.fire({ tenantId: 't', status: 'succeeded', error: '' }))
    await waitFor(() => expect(screen.queryByTestId('offline-banner')).toBeNull())
    expect(f.history.calls.filter((c) => c === 'connectivity()').length).toBeGreaterThanOrEqual(2)
  })
})

describe('command palette', () => {
  it('opens on Ctrl+K with Go’s clients, tenants and users, goes with Enter, closes on Esc', async () => {
    const f = new FakeBackend({ tenants: [contoso], users: { '': { dataDate: '', inactiveDays: 90, notes: [], rows: [user({ tenantId: 'tid-contoso', tenantName: 'Contoso Ltd', userPrincipalName: 'ada@contoso.com', displayName: 'Ada Lovelace' })] } } })
    f.clients.state.rows = [clientRow({ id: 4, name: 'Northwind' })]
    const went: Entry[] = []
    renderWith(f, <CommandPalette onGo={(e) => went.push(e)} />)
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true })
    const input = await screen.findByTestId('palette-input')
    await waitFor(() => expect(screen.getAllByTestId('palette-item').some((i) => i.getAttribute('data-key') === 'client:4')).toBe(true))
    fireEvent.change(input.querySelector('input') ?? input, { target: { value: 'ada' } })
    await waitFor(() => expect(screen.getAllByTestId('palette-item').map((i) => i.getAttribute('data-key'))).toEqual(['user:tid-contoso:ada@contoso.com']))
    fireEvent.keyDown(input.querySelector('input') ?? input, { key: 'Enter' })
    expect(went.map((e) => e.key)).toEqual(['user:tid-contoso:ada@contoso.com'])
    await waitFor(() => expect(screen.queryByTestId('palette')).toBeNull())
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true })
    const again = await screen.findByTestId('palette')
    fireEvent.change(screen.getByTestId('palette-input').querySelector('input') ?? screen.getByTestId('palette-input'), { target: { value: 'contoso' } })
    await waitFor(() => expect(screen.getAllByTestId('palette-item')[0].getAttribute('data-key')).toBe('tenant:tid-contoso'))
    fireEvent.keyDown(again, { key: 'Escape' })
    await waitFor(() => expect(screen.queryByTestId('palette')).toBeNull())
  })
})

describe('first run', () => {
  it('offers the demo and the app registration path, with Go’s client ID', async () => {
    const f = new FakeBackend({ settings: settingsView() })
    const pages: string[] = []
    renderWith(f, <FirstRun info={null} onConnect={() => pages.push('connect')} onNavigate={(k) => pages.push(k)} />)
    expect(await screen.findByTestId('first-run-demo')).toBeTruthy()
    const cid = settingsView().values.find((v) => v.key === 'client_id')
    await waitFor(() => expect(screen.getByTestId('first-run-client-id').textContent).toBe(cid?.value ? `Now: ${cid.value} (${cid.source})` : 'Not set yet.'))
    fireEvent.click(screen.getByTestId('first-run-app-reg'))
    fireEvent.click(screen.getByTestId('connect-tenant'))
    expect(pages).toEqual(['settings', 'connect'])
  })
})
