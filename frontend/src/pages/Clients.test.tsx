import { describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { Clients } from './Clients'
import { FakeBackend } from '../test/fakeBackend'
import { FakeClients } from '../clients/test/fakeClients'
import { renderWith } from '../test/render'
import { clientRow, detail } from '../clients/test/fixtures'

function fake(init: ConstructorParameters<typeof FakeClients>[0] = {}) {
  const clients = new FakeClients({ rows: [clientRow()], details: { 1: detail() }, ...init })
  return { clients, fake: new FakeBackend({}, undefined, clients) }
}

async function openContoso() {
  const link = await screen.findByTestId('client-open-1')
  fireEvent.click(link)
  await screen.findByTestId('client-detail')
  await waitFor(() => expect(screen.getByTestId('client-name').textContent).toBe('Contoso'))
}

describe('Clients page', () => {
  it('lists Go’s client rows', async () => {
    renderWith(fake().fake, <Clients />)
    const grid = await screen.findByTestId('clients-grid')
    await waitFor(() => expect(within(grid).getByText('Contoso')).toBeTruthy())
    expect(within(grid).getByText('75 %')).toBeTruthy()
    expect(within(grid).getByText('$24.50')).toBeTruthy()
    expect(screen.getByTestId('clients-count').textContent).toBe('1 client')
  })

  it('opens a client: Go’s totals, per-tenant figures, and findings', async () => {
    const { clients, fake: f } = fake()
    renderWith(f, <Clients />)
    await openContoso()
    expect(clients.calls.detail).toEqual([[1, 'accounts']])
    expect(screen.getByTestId('kpi-client-users-value').textContent).toBe('12')
    expect(screen.getByTestId('kpi-client-mfa-value').textContent).toBe('75 %')
    expect(screen.getByTestId('kpi-client-waste-value').textContent).toBe('$24.50')
    expect(within(screen.getByTestId('client-tenant-tid-contoso')).getByTestId('client-tenant-users').textContent).toBe('12')
    fireEvent.click(screen.getByTestId('client-tab-findings'))
    const findings = await screen.findAllByTestId('finding')
    expect(findings.map((x) => x.getAttribute('data-kind'))).toEqual(['licensed_account_without_contact', 'contact_without_account'])
    expect(findings[1].textContent).toContain('Ghost Contact (ghost@contoso.com) has no account.')
  })

  it('filters the merged contacts by category and asks Go for the other direction', async () => {
    const { clients, fake: f } = fake()
    renderWith(f, <Clients />)
    await openContoso()
    fireEvent.click(screen.getByTestId('client-tab-contacts'))
    const grid = await screen.findByTestId('contacts-grid')
    await waitFor(() => expect(within(grid).getByText('Ghost Contact')).toBeTruthy())
    expect(screen.getByTestId('contacts-counts').textContent).toBe('2 matched · 1 contact only · 10 account only')
    fireEvent.change(screen.getByTestId('contacts-match'), { target: { value: 'contact_only' } })
    await waitFor(() => expect(within(grid).queryByText('ada@contoso.com')).toBeNull())
    expect(within(grid).getByText('ghost@contoso.com')).toBeTruthy()
    fireEvent.change(screen.getByTestId('contacts-from'), { target: { value: 'contacts' } })
    await waitFor(() => expect(clients.calls.detail).toContainEqual([1, 'contacts']))
  })

  it('exports the client’s workbook, and shows Go’s error with its remedy', async () => {
    const { clients, fake: f } = fake({ exportOutcome: { files: ['/tmp/Contoso review.xlsx'], rows: 40, cancelled: false } })
    renderWith(f, <Clients />)
    await openContoso()
    clients.holdExport = true
    fireEvent.click(screen.getByTestId('client-export'))
    await screen.findByTestId('client-export-progress')
    await waitFor(() => expect(clients.pendingExport).not.toBeNull())
    clients.pendingExport!.resolve({ files: ['/tmp/Contoso review.xlsx'], rows: 40, cancelled: false })
    expect((await screen.findByTestId('client-export-result')).textContent).toBe('Saved /tmp/Contoso review.xlsx')
    expect(clients.calls.exportWorkbook).toEqual([{ clientId: 1, template: '', format: 'xlsx', outPath: '' }])
    clients.holdExport = false
    clients.state.fail.exportWorkbook = 'client workbooks are not in this build yet: export each of the client’s tenants from the Reports page meanwhile'
    fireEvent.click(screen.getByTestId('client-export'))
    await waitFor(() => expect(screen.getByTestId('client-export-result').textContent).toContain('from the Reports page'))
  })

  it('renames a client and shows Go’s refusal', async () => {
    const { clients, fake: f } = fake()
    renderWith(f, <Clients />)
    await openContoso()
    clients.state.fail.rename = 'a client with this name already exists: "Fabrikam" — pick another name or merge the two clients'
    fireEvent.click(screen.getByTestId('client-rename'))
    fireEvent.change(await screen.findByTestId('client-dialog-name'), { target: { value: 'Fabrikam' } })
    fireEvent.click(screen.getByTestId('client-dialog-ok'))
    expect((await screen.findByTestId('client-dialog-error')).textContent).toContain('merge the two clients')
    expect(clients.calls.rename).toEqual([])
  })

  it('shows the empty state with what to do', async () => {
    renderWith(new FakeBackend({}, undefined, new FakeClients()), <Clients />)
    expect((await screen.findByTestId('page-empty')).textContent).toContain('Import your PSA')
  })
})
