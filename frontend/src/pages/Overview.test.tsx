import { describe, expect, it } from 'vitest'
import { fireEvent, screen, within } from '@testing-library/react'
import { Overview } from './Overview'
import { FakeBackend } from '../test/fakeBackend'
import { renderWith } from '../test/render'
import { contoso, overview, tenant } from '../test/fixtures'
import * as echarts from 'echarts/core'
import { fmtInt, fmtMoney, fmtPct } from '../format'

const noop = () => {}

describe('Overview page', () => {
  it('shows the welcome empty state when no tenant is connected', async () => {
    renderWith(new FakeBackend(), <Overview info={null} onNavigate={noop} />)
    expect(await screen.findByTestId('empty-state')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Connect a tenant' })).toBeTruthy()
  })

  it('shows the KPIs Go computed and a row per tenant', async () => {
    renderWith(new FakeBackend({ overview }), <Overview info={null} onNavigate={noop} />)
    const users = await screen.findByTestId('kpi-users-value')
    expect(users.textContent).toBe(fmtInt(1234))
    expect(screen.getByTestId('kpi-licensed-value').textContent).toBe(fmtInt(1100))
    expect(screen.getByTestId('kpi-mfa-value').textContent).toBe(fmtPct(81.25))
    expect(screen.getByTestId('kpi-unused-value').textContent).toBe(fmtInt(9))
    expect(screen.getByTestId('kpi-waste-value').textContent).toBe(fmtMoney(1980.5, 'USD'))
    expect(screen.getByTestId('kpi-tenants-value').textContent).toBe('2')
    expect(screen.queryByTestId('empty-state')).toBeNull()
    const row = screen.getByTestId('overview-row-tid-fabrikam')
    expect(within(row).getByText('Needs consent')).toBeTruthy()
    // A tenant without a snapshot shows no figures rather than zeros.
    expect(within(row).queryByText(fmtPct(0))).toBeNull()
    expect(screen.getByRole('img', { name: 'MFA coverage per tenant' })).toBeTruthy()
  })

  it('names both inactivity figures with the threshold Go used, and shows waste per currency when currencies are mixed', async () => {
    const mixed = { ...overview, inactiveDays: 45, currency: 'MIXED', monthlyWaste: 0,
      wasteByCurrency: [{ currency: 'EUR', amount: 120.5 }, { currency: 'USD', amount: 80 }] }
    renderWith(new FakeBackend({ overview: mixed }), <Overview info={null} onNavigate={noop} />)
    expect((await screen.findByTestId('kpi-inactive-value')).textContent).toBe(fmtInt(12))
    expect(screen.getByTestId('kpi-inactive').textContent).toContain('no activity for 45 days')
    expect(screen.getByTestId('kpi-inactive-licensed-value').textContent).toBe(fmtInt(7))
    expect(screen.getByTestId('kpi-inactive-licensed').textContent).toContain('reclaim candidates, 45 days')
    expect(screen.getByTestId('kpi-waste-value').textContent).toBe('Several currencies')
    expect(screen.getByTestId('kpi-waste').textContent).toContain(fmtMoney(120.5, 'EUR') + ' + ' + fmtMoney(80, 'USD'))
    expect(screen.getByText('Inactive accounts (45 d)')).toBeTruthy()
  })

  it('shows Unavailable instead of 0 % for a tenant whose MFA data could not be read, and leaves it out of the chart', async () => {
    const note = 'MFA registration data needs Entra ID P1 or the Reports Reader role. Fix: grant Reports Reader.'
    const blind = tenant({ id: 'tid-blind', displayName: 'Blind Co', hasSnapshot: true, users: 40, licensed: 30, mfaAvailable: false, mfaCoveragePct: 0, notes: [note] })
    renderWith(new FakeBackend({ overview: { ...overview, tenants: 3, synced: 2, rows: [contoso, blind, overview.rows[1]] } }), <Overview info={null} onNavigate={noop} />)
    const row = within(await screen.findByTestId('overview-row-tid-blind'))
    expect(row.getByTestId('mfa-unavailable').textContent).toBe('Unavailable')
    expect(row.queryByText(fmtPct(0))).toBeNull()
    expect(within(screen.getByTestId('overview-row-tid-contoso')).getByTestId('mfa-figure').textContent).toBe(fmtPct(81.25))
    // The reason is the tenant's note, as a tooltip.
    fireEvent.pointerEnter(row.getByTestId('mfa-unavailable'))
    fireEvent.focus(row.getByTestId('mfa-unavailable'))
    expect((await screen.findByRole('tooltip')).textContent).toBe(note)
    expect(screen.getByTestId('overview-mfa-unavailable').textContent).toContain('Blind Co')
    expect(screen.getByTestId('kpi-mfa').textContent).toContain('1 tenant unavailable')
    const chart = echarts.getInstanceByDom(screen.getByTestId('overview-mfa-chart'))!
    const y = (chart.getOption() as { yAxis: { data: string[] }[] }).yAxis[0].data
    expect(y).toEqual(['Contoso Ltd'])
  })

  it('says Unavailable for the MFA KPI when no synced tenant has MFA data', async () => {
    const blind = tenant({ hasSnapshot: true, mfaAvailable: false })
    renderWith(new FakeBackend({ overview: { ...overview, tenants: 1, synced: 1, mfaCoveragePct: 0, rows: [blind] } }), <Overview info={null} onNavigate={noop} />)
    expect((await screen.findByTestId('kpi-mfa-value')).textContent).toBe('Unavailable')
    expect(screen.queryByTestId('overview-mfa-chart')).toBeNull()
    expect(within(screen.getByTestId('overview-row-tid-contoso')).getByTestId('mfa-unavailable').textContent).toBe('Unavailable')
  })

  it('opens the Connect dialog from the Connect a tenant button', async () => {
    renderWith(new FakeBackend({ overview }), <Overview info={null} onNavigate={noop} />)
    fireEvent.click(await screen.findByRole('button', { name: 'Connect a tenant' }))
    expect(await screen.findByTestId('connect-dialog')).toBeTruthy()
    expect(screen.getByLabelText('Connect as partner (all GDAP customers)')).toBeTruthy()
  })

  it('still offers Connect when the backend cannot answer', async () => {
    renderWith(new FakeBackend({ fail: { overview: 'not available in this build yet' } }), <Overview info={null} onNavigate={noop} />)
    expect(await screen.findByTestId('empty-state')).toBeTruthy()
  })
})

describe('Try the demo', () => {
  it('starts the demo beside this window, or says why not', async () => {
    const fake = new FakeBackend()
    renderWith(fake, <Overview info={null} onNavigate={noop} />)
    fireEvent.click(await screen.findByTestId('try-demo'))
    expect((await screen.findByTestId('demo-message')).textContent).toMatch(/new window/)
    expect(fake.state.demoLaunched).toBe(true)
  })
  it('shows the error from Go', async () => {
    const fake = new FakeBackend({ fail: { launchDemo: 'this window already shows the demo' } })
    renderWith(fake, <Overview info={null} onNavigate={noop} />)
    fireEvent.click(await screen.findByTestId('try-demo'))
    expect((await screen.findByTestId('demo-message')).textContent).toBe('this window already shows the demo')
  })
})
