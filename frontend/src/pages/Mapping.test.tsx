import { describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { Mapping } from './Mapping'
import { FakeBackend } from '../test/fakeBackend'
import { FakeClients } from '../clients/test/fakeClients'
import { renderWith } from '../test/render'
import { clientRow, mappingRow } from '../clients/test/fixtures'

function fake() {
  const tenants = [
    mappingRow(),
    mappingRow({ tenantId: 't2', tenantName: 'Fabrikam', suggestions: [{ clientId: 2, clientName: 'Fabrikam Inc', score: 0.61, nameScore: 0.7, domainScore: 0, reasons: ['similar name'] }], autoMap: false, autoReason: 'best suggestion 0.61 is below 0.80' }),
    mappingRow({ tenantId: 't3', tenantName: 'Northwind', clientId: 3, clientName: 'Northwind Traders', mappedBy: 'auto', confidence: 0.97, suggestions: [] }),
  ]
  const clients = new FakeClients({
    rows: [clientRow(), clientRow({ id: 2, name: 'Fabrikam Inc' }), clientRow({ id: 3, name: 'Northwind Traders' })],
    mapping: { total: 3, mapped: 1, unmapped: 2, threshold: 0.8, tenants },
    autoMap: [
      { tenantId: 'tid-contoso', tenantName: 'Contoso Ltd', mapped: true, clientId: 1, clientName: 'Contoso', confidence: 0.93, reason: '' },
      { tenantId: 't2', tenantName: 'Fabrikam', mapped: false, clientId: 2, clientName: 'Fabrikam Inc', confidence: 0.61, reason: 'best suggestion 0.61 is below 0.80' },
    ],
  })
  return { clients, fake: new FakeBackend({}, undefined, clients) }
}

const kpi = (id: string) => screen.getByTestId(`kpi-mapping-${id}-value`).textContent

describe('Tenant mapping page', () => {
  it('shows Go’s counts and each tenant’s client or top suggestion with its reasons', async () => {
    renderWith(fake().fake, <Mapping />)
    await screen.findByTestId('mapping-table')
    expect([kpi('total'), kpi('mapped'), kpi('unmapped')]).toEqual(['3', '1', '2'])
    const row = screen.getByTestId('mapping-row-tid-contoso')
    expect(within(row).getByTestId('mapping-suggestion').textContent).toContain('Contoso')
    expect(within(row).getByTestId('mapping-confidence').textContent).toBe('0.93')
    expect(within(row).getAllByTestId('mapping-reason').map((r) => r.textContent)).toEqual(['name matches "Contoso"', 'contacts use contoso.com'])
    expect(within(screen.getByTestId('mapping-row-t2')).getByTestId('mapping-auto-reason').textContent).toBe('best suggestion 0.61 is below 0.80')
    expect(within(screen.getByTestId('mapping-row-t3')).getByTestId('mapping-client').textContent).toBe('Northwind Traders')
  })

  it('maps by suggestion, by a picked client, and unmaps', async () => {
    const { clients, fake: f } = fake()
    renderWith(f, <Mapping />)
    await screen.findByTestId('mapping-table')
    fireEvent.click(within(screen.getByTestId('mapping-row-tid-contoso')).getByTestId('mapping-map-suggested'))
    await waitFor(() => expect(kpi('mapped')).toBe('2'))
    expect(clients.calls.map).toEqual([['tid-contoso', 1]])
    fireEvent.change(within(screen.getByTestId('mapping-row-t2')).getByTestId('mapping-pick'), { target: { value: '3' } })
    await waitFor(() => expect(kpi('mapped')).toBe('3'))
    expect(clients.calls.map[1]).toEqual(['t2', 3])
    fireEvent.click(within(screen.getByTestId('mapping-row-t3')).getByTestId('mapping-unmap'))
    await waitFor(() => expect(kpi('unmapped')).toBe('1'))
    expect(clients.calls.unmap).toEqual(['t3'])
  })

  it('maps the selected tenants to their top suggestions', async () => {
    const { clients, fake: f } = fake()
    renderWith(f, <Mapping />)
    await screen.findByTestId('mapping-table')
    fireEvent.click(screen.getByTestId('mapping-select-all'))
    expect(screen.getByTestId('mapping-map-selected').textContent).toBe('Map selected (2)')
    fireEvent.click(screen.getByTestId('mapping-map-selected'))
    await screen.findByTestId('mapping-banner')
    expect(clients.calls.mapSelected).toEqual([[{ tenantId: 'tid-contoso', clientId: 1 }, { tenantId: 't2', clientId: 2 }]])
    await waitFor(() => expect(kpi('unmapped')).toBe('0'))
  })

  it('auto-maps at the typed threshold and lists the tenants it left, with the reason', async () => {
    const { clients, fake: f } = fake()
    renderWith(f, <Mapping />)
    await screen.findByTestId('mapping-table')
    fireEvent.change(screen.getByTestId('mapping-threshold'), { target: { value: '0.9' } })
    await waitFor(() => expect(clients.calls.mapping).toContain(0.9))
    fireEvent.click(screen.getByTestId('mapping-auto'))
    const banner = await screen.findByTestId('mapping-banner')
    expect(clients.calls.autoMap).toEqual([0.9])
    expect(banner.textContent).toContain('mapped 1, left 1 for you')
    expect(within(banner).getAllByTestId('mapping-banner-line').map((l) => l.textContent)).toEqual([
      'Contoso Ltd → Contoso (0.93)',
      'Fabrikam: left — best suggestion 0.61 is below 0.80',
    ])
  })

  it('refuses a threshold outside 0–1 and shows Go’s errors', async () => {
    const clients = new FakeClients({ fail: { mapping: 'clients are not available in this window: restart TenantLens' } })
    renderWith(new FakeBackend({}, undefined, clients), <Mapping />)
    expect((await screen.findByTestId('error-state')).textContent).toContain('restart TenantLens')
    fireEvent.change(screen.getByTestId('mapping-threshold'), { target: { value: '2' } })
    expect(await screen.findByText('A number from 0 to 1, e.g. 0.8')).toBeTruthy()
    expect((screen.getByTestId('mapping-auto') as HTMLButtonElement).disabled).toBe(true)
  })
})
