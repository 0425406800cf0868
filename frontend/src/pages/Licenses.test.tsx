import { beforeEach, describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { Licenses, flagText } from './Licenses'
import { FakeBackend } from '../test/fakeBackend'
import { renderWith } from '../test/render'
import { contoso, license, licensesView } from '../test/fixtures'
import { reclaimView, renewalsView, rightSizeView } from '../licensing/test/fixtures'
import { DASH, fmtInt, fmtMoney } from '../format'

describe('Licenses page', () => {
  beforeEach(() => window.localStorage.clear())

  it('shows the totals Go computed and a row per SKU', async () => {
    renderWith(new FakeBackend({ tenants: [contoso], licenses: { '': licensesView } }), <Licenses />)
    expect((await screen.findByTestId('kpi-monthly-value')).textContent).toBe(fmtMoney(3470, 'USD'))
    expect(screen.getByTestId('kpi-unused-cost-value').textContent).toBe(fmtMoney(506, 'USD'))
    expect(screen.getByTestId('kpi-flagged-value').textContent).toBe(fmtInt(1))
    expect(screen.getByTestId('license-count').textContent).toBe('2 SKUs')
    const grid = screen.getByTestId('licenses-grid')
    await waitFor(() => expect(within(grid).getByText('Microsoft 365 Business Premium')).toBeTruthy())
    expect(within(grid).getByText('VISIOCLIENT')).toBeTruthy()
  })

  it('highlights a flagged row with its reason', async () => {
    renderWith(new FakeBackend({ tenants: [contoso], licenses: { '': licensesView } }), <Licenses />)
    const grid = await screen.findByTestId('licenses-grid')
    const reason = await within(grid).findByText(flagText('over-assigned'))
    const row = reason.closest('[role="row"]') as HTMLElement
    expect(row.style.backgroundColor).not.toBe('')
    const plain = within(grid).getAllByText('SPB')[0].closest('[role="row"]') as HTMLElement
    expect(plain.style.backgroundColor).toBe('')
  })

  it('shows no price for SKUs Go could not price', async () => {
    const v = { ...licensesView, rows: [license({ priced: false, unitPrice: 0, monthlyCost: 0, unusedCost: 0 })] }
    renderWith(new FakeBackend({ tenants: [contoso], licenses: { '': v } }), <Licenses />)
    const grid = await screen.findByTestId('licenses-grid')
    await waitFor(() => expect(within(grid).getAllByText(DASH).length).toBe(3))
  })

  it('prompts a sync when there are no licences', async () => {
    const v = { ...licensesView, rows: [] }
    renderWith(new FakeBackend({ tenants: [contoso], licenses: { '': v } }), <Licenses />)
    expect(await screen.findByText('Sync this tenant to see its licences.')).toBeTruthy()
  })

  it('names every flag', () => {
    expect(flagText('')).toBe('')
    expect(flagText('suspended')).toMatch(/Suspended/)
    expect(flagText('warning')).toMatch(/warning/)
    expect(flagText('something-new')).toBe('something-new')
  })

  it("opens the renewal calendar with Go's counts, and reclaim beside right-size", async () => {
    const f = new FakeBackend({ tenants: [contoso], licenses: { [contoso.id]: licensesView } })
    window.localStorage.setItem('tenantlens.tenant', contoso.id)
    f.licensing.state.renewals[contoso.id] = renewalsView()
    f.licensing.state.reclaim[contoso.id] = reclaimView()
    f.licensing.state.rightSize[contoso.id] = rightSizeView()
    renderWith(f, <Licenses />)
    await screen.findByTestId('licenses-grid')
    fireEvent.click(screen.getByTestId('tab-renewals'))
    expect((await screen.findByTestId('kpi-renew-90-value')).textContent).toBe(fmtInt(11))
    expect(screen.queryByTestId('licenses-grid')).toBeNull()
    fireEvent.click(screen.getByTestId('tab-reclaim'))
    expect(await screen.findByTestId('reclaim-row-u-dis')).toBeTruthy()
    expect(await screen.findByTestId('rightsize-u-mail')).toBeTruthy()
  })
})
