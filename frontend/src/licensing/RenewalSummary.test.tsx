import { describe, expect, it } from 'vitest'
import { screen } from '@testing-library/react'
import { RenewalSummary } from './RenewalSummary'
import { FakeBackend } from '../test/fakeBackend'
import { renderWith } from '../test/render'
import { renewalsView, TID } from './test/fixtures'

describe('RenewalSummary (dashboard)', () => {
  it("shows Go's window counts, trials, attention and the next dates", async () => {
    const f = new FakeBackend()
    f.licensing.state.renewals[TID] = renewalsView()
    renderWith(f, <RenewalSummary tenantId={TID} />)
    await screen.findByTestId(`renewal-summary-${TID}`)
    // Go's counts (the fixture's are deliberately not the rows' count).
    expect(screen.getByTestId('kpi-sum-renew-30').textContent).toContain('7')
    expect(screen.getByTestId('kpi-sum-renew-90').textContent).toContain('11')
    expect(screen.getByTestId('kpi-sum-renew-365').textContent).toContain('19')
    expect(screen.getByTestId('kpi-sum-trials').textContent).toContain('1')
    expect(screen.getByTestId('kpi-sum-unused-until-renewal').textContent).toContain('213.04')
    expect(screen.getByTestId('renewal-summary-attention').textContent).toContain('Power BI Pro (Suspended)')
    const next = screen.getByTestId('renewal-summary-next').querySelectorAll('li')
    expect(next).toHaveLength(3)
    expect(next[0].textContent).toContain('Power BI Pro')
  })

  it("says why when Go has no subscription data", async () => {
    const f = new FakeBackend()
    f.licensing.state.renewals[TID] = renewalsView({ available: false, notes: ['Subscriptions: needs Directory.Read.All'] })
    renderWith(f, <RenewalSummary tenantId={TID} />)
    expect((await screen.findByTestId('renewal-summary-none')).textContent).toBe('Subscriptions: needs Directory.Read.All')
  })
})
