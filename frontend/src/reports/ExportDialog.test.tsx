import { describe, expect, it, vi } from 'vitest'
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { ExportDialog, exportInput } from './ExportDialog'
import { FakeReports } from './test/fakeReports'
import { renderReports } from './test/render'
import { quarterly } from './test/fixtures'

function open(target: Parameters<typeof ExportDialog>[0]['target'], fake = new FakeReports()) {
  const onClose = vi.fn()
  renderReports(fake, <ExportDialog target={target} templates={[quarterly, { ...quarterly, id: 2, name: 'Board pack', isDefault: false }]} onClose={onClose} />)
  return { fake, onClose }
}

describe('exportInput', () => {
  it('asks for exactly one of version, tenant and all tenants, with an empty path for the save dialog', () => {
    expect(exportInput({ kind: 'version', versionId: 12, title: '' }, 'csv', 'ignored')).toEqual({
      versionId: 12, tenantId: '', allTenants: false, template: '', format: 'csv', outPath: '',
    })
    expect(exportInput({ kind: 'tenant', tenantId: 't1', title: '' }, 'html', 'Board pack')).toEqual({
      versionId: 0, tenantId: 't1', allTenants: false, template: 'Board pack', format: 'html', outPath: '',
    })
    expect(exportInput({ kind: 'all' }, 'xlsx', '')).toMatchObject({ allTenants: true, versionId: 0, tenantId: '' })
  })
})

describe('ExportDialog', () => {
  it('exports a version, moves the bar with export:progress and lists the files with Show in folder', async () => {
    const { fake } = open({ kind: 'version', versionId: 12, title: 'Q1 v2' })
    fireEvent.click(screen.getByLabelText(/^CSV/))
    fireEvent.click(screen.getByTestId('export-start'))
    await waitFor(() => expect(fake.pendingExport).not.toBeNull())
    expect(fake.calls.export[0]).toMatchObject({ versionId: 12, format: 'csv', outPath: '' })
    const bar = screen.getByRole('progressbar')
    expect(bar.getAttribute('aria-valuenow')).toBeNull() // indeterminate while the save dialog is up
    act(() => fake.fireProgress({ done: 30, total: 120 }))
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('0.25')
    expect(screen.getByText(/Writing 30 of 120 rows/)).toBeTruthy()
    expect((screen.getByTestId('export-start') as HTMLButtonElement).disabled).toBe(true)

    await act(async () => fake.pendingExport!.resolve({ files: ['/home/me/Contoso - Users.csv', '/home/me/Contoso - Licenses.csv'], rows: 120, cancelled: false }))
    const done = await screen.findByTestId('export-done')
    expect(within(done).getAllByTestId('export-file').map((e) => e.textContent)).toEqual([
      'Contoso - Users.csvShow in folder',
      'Contoso - Licenses.csvShow in folder',
    ])
    fireEvent.click(within(done).getAllByRole('button', { name: 'Show in folder' })[1])
    await waitFor(() => expect(fake.calls.showInFolder).toEqual(['/home/me/Contoso - Licenses.csv']))
    expect(screen.queryByRole('progressbar')).toBeNull()
  })

  it('passes the chosen template for a tenant’s current data', async () => {
    const { fake } = open({ kind: 'tenant', tenantId: 'tid-contoso', title: 'Contoso' })
    fireEvent.change(screen.getByTestId('export-template'), { target: { value: 'Board pack' } })
    fireEvent.click(screen.getByTestId('export-start'))
    await waitFor(() => expect(fake.calls.export).toHaveLength(1))
    expect(fake.calls.export[0]).toMatchObject({ tenantId: 'tid-contoso', template: 'Board pack', format: 'xlsx', versionId: 0, allTenants: false })
  })

  it('closes quietly when the save dialog is cancelled', async () => {
    const { fake, onClose } = open({ kind: 'all' })
    fireEvent.click(screen.getByTestId('export-start'))
    await waitFor(() => expect(fake.pendingExport).not.toBeNull())
    expect(fake.calls.export[0].allTenants).toBe(true)
    await act(async () => fake.pendingExport!.resolve({ files: [], rows: 0, cancelled: true }))
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1))
    expect(screen.queryByTestId('export-error')).toBeNull()
  })

  it('shows Go’s error and lets the user try again', async () => {
    const { fake } = open({ kind: 'version', versionId: 12, title: 'v2' })
    fireEvent.click(screen.getByTestId('export-start'))
    await waitFor(() => expect(fake.pendingExport).not.toBeNull())
    await act(async () => fake.pendingExport!.reject('export Contoso.xlsx: permission denied'))
    expect((await screen.findByTestId('export-error')).textContent).toBe('export Contoso.xlsx: permission denied')
    expect((screen.getByTestId('export-start') as HTMLButtonElement).disabled).toBe(false)
  })

  it('stops listening to export:progress when it unmounts', () => {
    const fake = new FakeReports()
    const onClose = vi.fn()
    const r = renderReports(fake, <ExportDialog target={{ kind: 'all' }} templates={[]} onClose={onClose} />)
    expect(fake.listeners).toBe(1)
    r.unmount()
    expect(fake.listeners).toBe(0)
  })
})
