import { describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { Reports } from '../pages/Reports'
import { FakeReports } from './test/fakeReports'
import { renderReports } from './test/render'
import { prices } from './test/fixtures'
import { tenant } from '../test/fixtures'
import { fmtMoney } from '../format'
import { dayOf, priceOf } from './PriceDialog'

function setup() {
  const f = new FakeReports({
    tenants: [tenant()],
    prices: structuredClone(prices),
    skus: [
      { skuId: 'sku-spb', partNumber: 'SPB', name: 'Microsoft 365 Business Premium' },
      { skuId: 'sku-e3', partNumber: 'ENTERPRISEPACK', name: 'Office 365 E3' },
    ],
  })
  renderReports(f, <Reports initialTab="prices" />)
  return f
}

describe('Price list tab', () => {
  it('shows list prices and tenant overrides with Go’s monthly equivalent', async () => {
    setup()
    const all = await screen.findByTestId('price-all/sku-spb')
    expect(all.textContent).toContain('All tenants')
    expect(within(all).getByTestId('price-monthly').textContent).toBe(fmtMoney(22, 'USD'))
    const own = screen.getByTestId('price-tid-contoso/sku-spb')
    expect(own.textContent).toContain('Contoso Ltd')
    expect(own.textContent).toContain('Annual')
    expect(within(own).getByTestId('price-monthly').textContent).toBe(fmtMoney(20, 'USD'))
  })

  it('adds a tenant price for a SKU seen in the licences', async () => {
    const f = setup()
    await screen.findByTestId('price-table')
    await waitFor(() => expect((screen.getByTestId('price-add') as HTMLButtonElement).disabled).toBe(false))
    fireEvent.click(screen.getByTestId('price-add'))
    const d = await screen.findByTestId('price-dialog')
    const offered = [...within(d).getByTestId('price-sku').querySelectorAll('option')].map((o) => o.textContent)
    expect(offered).toEqual(['Choose a licence…', 'Microsoft 365 Business Premium (SPB)', 'Office 365 E3 (ENTERPRISEPACK)'])
    fireEvent.change(within(d).getByTestId('price-sku'), { target: { value: 'sku-e3' } })
    fireEvent.change(within(d).getByTestId('price-tenant'), { target: { value: 'tid-contoso' } })
    fireEvent.change(within(d).getByTestId('price-unit'), { target: { value: '23,50' } })
    fireEvent.change(within(d).getByTestId('price-currency'), { target: { value: 'eur' } })
    fireEvent.change(within(d).getByTestId('price-billing'), { target: { value: 'annual' } })
    fireEvent.change(within(d).getByTestId('price-term-start'), { target: { value: '2027-01-01' } })
    fireEvent.click(within(d).getByTestId('price-save'))
    await waitFor(() => expect(f.calls.setPrice).toHaveLength(1))
    expect(f.calls.setPrice[0]).toEqual({
      tenantId: 'tid-contoso', skuId: 'sku-e3', partNumber: 'ENTERPRISEPACK', name: 'Office 365 E3',
      unitPrice: 23.5, currency: 'EUR', billing: 'annual', termStart: '2027-01-01', termEnd: '', monthly: 0,
    })
    await waitFor(() => expect(screen.queryByTestId('price-dialog')).toBeNull())
    expect(await screen.findByTestId('price-tid-contoso/sku-e3')).toBeTruthy()
  })

  it('edits a price with its term dates, and shows Go’s validation error', async () => {
    const f = setup()
    f.state.fail.setPrice = 'invalid price: the term of sku-spb ends before it starts'
    fireEvent.click(within(await screen.findByTestId('price-all/sku-spb')).getByRole('button', { name: /Edit the price/ }))
    const d = await screen.findByTestId('price-dialog')
    expect((within(d).getByTestId('price-term-end') as HTMLInputElement).value).toBe('')
    fireEvent.change(within(d).getByTestId('price-term-end'), { target: { value: '2020-01-01' } })
    fireEvent.click(within(d).getByTestId('price-save'))
    expect((await within(d).findByTestId('price-error')).textContent).toBe('invalid price: the term of sku-spb ends before it starts')
    expect(screen.getByTestId('price-dialog')).toBeTruthy()
  })

  it('does not send a price that is not a number', async () => {
    const f = setup()
    await screen.findByTestId('price-table')
    await waitFor(() => expect((screen.getByTestId('price-add') as HTMLButtonElement).disabled).toBe(false))
    fireEvent.click(screen.getByTestId('price-add'))
    const d = await screen.findByTestId('price-dialog')
    fireEvent.change(within(d).getByTestId('price-sku'), { target: { value: 'sku-e3' } })
    fireEvent.change(within(d).getByTestId('price-unit'), { target: { value: 'twelve' } })
    fireEvent.click(within(d).getByTestId('price-save'))
    expect((await within(d).findByTestId('price-error')).textContent).toMatch(/unit price as a number/)
    expect(f.calls.setPrice).toEqual([])
  })

  it('deletes a tenant override after confirming', async () => {
    const f = setup()
    const own = await screen.findByTestId('price-tid-contoso/sku-spb')
    fireEvent.click(within(own).getByRole('button', { name: /Delete the price/ }))
    const d = await screen.findByTestId('price-delete-dialog')
    expect(d.textContent).toContain('Contoso Ltd goes back to the price for all tenants')
    fireEvent.click(within(d).getByTestId('price-delete-confirm'))
    await waitFor(() => expect(f.calls.deletePrice).toEqual([['tid-contoso', 'sku-spb']]))
    await waitFor(() => expect(screen.queryByTestId('price-tid-contoso/sku-spb')).toBeNull())
  })
})

describe('price form helpers', () => {
  it('takes the day of Go’s RFC 3339 times', () => {
    expect(dayOf('2027-06-30T00:00:00Z')).toBe('2027-06-30')
    expect(dayOf('')).toBe('')
  })
  it('requires a SKU', () => {
    expect(priceOf({ tenantId: '', skuId: '', unitPrice: '1', currency: 'USD', billing: 'monthly', termStart: '', termEnd: '' }, [])).toMatch(/Choose a licence/)
  })
})
