import { describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { RenewalCalendar } from './RenewalCalendar'
import { FakeBackend } from '../test/fakeBackend'
import { renderWith } from '../test/render'
import { renewalsView, TID } from './test/fixtures'
import { fmtInt, fmtMoney } from '../format'

function fake(v = renewalsView()) {
  const f = new FakeBackend()
  f.licensing.state.renewals[TID] = v
  return f
}

describe('RenewalCalendar', () => {
  it("shows Go's counts per window and its unused-until-renewal total", async () => {
    renderWith(fake(), <RenewalCalendar tenantId={TID} />)
    expect((await screen.findByTestId('kpi-renew-30-value')).textContent).toBe(fmtInt(7))
    expect(screen.getByTestId('kpi-renew-90-value').textContent).toBe(fmtInt(11))
    expect(screen.getByTestId('kpi-renew-365-value').textContent).toBe(fmtInt(19))
    expect(screen.getByTestId('kpi-unused-until-renewal-value').textContent).toBe(fmtMoney(213.04, 'USD'))
    expect(screen.getByTestId('window-30').textContent).toContain(fmtInt(7))
  })

  it("lists the events of the chosen window by Go's bucket", async () => {
    renderWith(fake(), <RenewalCalendar tenantId={TID} />)
    const t90 = await screen.findByTestId('renewals-table')
    // default window 90: buckets 30 and 90, not 365
    expect(within(t90).getByTestId('renewal-sub-2')).toBeTruthy()
    expect(within(t90).queryByTestId('renewal-sub-3')).toBeNull()
    fireEvent.click(screen.getByTestId('window-30'))
    await waitFor(() => expect(within(screen.getByTestId('renewals-table')).queryByTestId('renewal-sub-2')).toBeNull())
    expect(within(screen.getByTestId('renewals-table')).getByTestId('renewal-sub-1')).toBeTruthy()
    fireEvent.click(screen.getByTestId('window-365'))
    await waitFor(() => expect(within(screen.getByTestId('renewals-table')).getByTestId('renewal-sub-3')).toBeTruthy())
    expect(within(screen.getByTestId('renewal-sub-3')).getByTestId('days-left').textContent).toBe(fmtInt(200))
  })

  it('makes suspended subscriptions stand out and lists trials ending', async () => {
    renderWith(fake(), <RenewalCalendar tenantId={TID} />)
    const bar = await screen.findByTestId('renewal-attention')
    expect(bar.textContent).toContain('Power BI Pro — Suspended')
    const row = within(screen.getByTestId('renewals-table')).getByTestId('renewal-sub-4')
    expect(row.className).not.toBe(within(screen.getByTestId('renewals-table')).getByTestId('renewal-sub-1').className)
    expect(within(screen.getByTestId('trials-table')).getByTestId('renewal-sub-5').textContent).toContain('trial')
  })

  it('shows per SKU unused seats and their cost until renewal, a dash when unpriced', async () => {
    renderWith(fake(), <RenewalCalendar tenantId={TID} />)
    const e3 = await screen.findByTestId('unused-sku-e3')
    expect(within(e3).getByTestId('unused-count').textContent).toBe(fmtInt(3))
    expect(within(e3).getByTestId('unused-cost').textContent).toBe(fmtMoney(213.04, 'USD'))
    expect(within(screen.getByTestId('unused-sku-visio')).getByTestId('unused-cost').textContent).toBe('—')
  })

  it("says why there is no calendar with Go's note, and shows load errors with Retry", async () => {
    const note = 'Renewals: the Global Reader role is missing; grant it and sync again'
    const { unmount } = renderWith(fake(renewalsView({ available: false, events: [], notes: [note] })), <RenewalCalendar tenantId={TID} />)
    expect((await screen.findByTestId('data-notes')).textContent).toContain(note)
    expect(screen.getByText('No subscription data')).toBeTruthy()
    unmount()
    const f = fake()
    f.licensing.state.fail.renewals = 'TenantLens is still starting'
    renderWith(f, <RenewalCalendar tenantId={TID} />)
    expect((await screen.findByTestId('error-state')).textContent).toContain('TenantLens is still starting')
    delete f.licensing.state.fail.renewals
    fireEvent.click(screen.getByText('Retry'))
    expect(await screen.findByTestId('renewal-calendar')).toBeTruthy()
  })

  it('says so when nothing renews in the window', async () => {
    renderWith(fake(renewalsView({ events: [], attention: [], trials: [], within30: 0, within90: 0, within365: 0 })), <RenewalCalendar tenantId={TID} />)
    expect((await screen.findByTestId('renewals-none')).textContent).toContain('90 days')
  })
})
