import { beforeEach, describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { Reports } from '../pages/Reports'
import { FakeReports } from './test/fakeReports'
import { renderReports } from './test/render'
import { quarterly, report, versionView11, versionView12 } from './test/fixtures'
import { tenant } from '../test/fixtures'
import { fmtMoney, fmtPct, fmtInt } from '../format'
import { PICK_KEY } from '../tenantPick'

const contoso = tenant({ hasSnapshot: true })
const fabrikam = tenant({ id: 'tid-fabrikam', displayName: 'Fabrikam', hasSnapshot: true })

function fake() {
  return new FakeReports({
    tenants: [contoso, fabrikam],
    templates: [quarterly, { ...quarterly, id: 2, name: 'Board pack', isDefault: false }],
    reports: [structuredClone(report)],
    versions: { 11: versionView11, 12: versionView12 },
  })
}

describe('Reports tab', () => {
  beforeEach(() => window.localStorage.clear())

  it('lists reports with their versions and opens the newest version with Go’s KPIs and deltas', async () => {
    renderReports(fake(), <Reports />)
    const card = await screen.findByTestId('report-7')
    expect(within(card).getByText('Quarterly review Q4 2026')).toBeTruthy()
    expect(within(screen.getByTestId('version-11')).getByTestId('status-badge').textContent).toBe('Final')
    expect(within(screen.getByTestId('version-12')).getByTestId('status-badge').textContent).toBe('Draft')
    // Only the draft can be refreshed or finalized.
    expect(within(screen.getByTestId('version-11')).queryByTestId('finalize')).toBeNull()
    expect(within(screen.getByTestId('version-12')).getByTestId('finalize')).toBeTruthy()

    const panel = await screen.findByTestId('version-panel')
    expect(within(panel).getByTestId('kpi-users-value').textContent).toBe(fmtInt(52))
    expect(within(panel).getByTestId('kpi-mfa-coverage-value').textContent).toBe(fmtPct(81.5))
    expect(within(panel).getByTestId('kpi-monthly-waste-value').textContent).toBe(fmtMoney(80, 'USD'))
    expect(within(panel).getByTestId('kpi-monthly-waste-prev').textContent).toBe(`was ${fmtMoney(130.5, 'USD')}`)
    const waste = within(panel).getByTestId('kpi-monthly-waste-change')
    expect([waste.dataset.direction, waste.dataset.tone]).toEqual(['down', 'good'])
    expect(waste.textContent).toContain('▼')
    const unused = within(panel).getByTestId('kpi-unused-licences-change')
    expect([unused.dataset.direction, unused.dataset.tone]).toEqual(['up', 'bad'])
    const mfa = within(panel).getByTestId('kpi-mfa-coverage-change')
    expect([mfa.dataset.direction, mfa.dataset.tone]).toEqual(['up', 'good'])
    const users = within(panel).getByTestId('kpi-users-change')
    expect(users.dataset.tone).toBe('neutral')
    expect(within(panel).getByTestId('kpi-monthly-spend-change').textContent).toContain('no change')
    // Good and bad get different colours.
    expect(waste.className).not.toBe(unused.className)
    expect(within(panel).getByTestId('version-dates').textContent).toMatch(/compared with the previous version/)
    expect(within(panel).getByTestId('version-notes').textContent).toContain('anonymised')
  })

  it('opens an older version on click; a first version has nothing to compare with', async () => {
    renderReports(fake(), <Reports />)
    await screen.findByTestId('version-panel')
    fireEvent.click(within(screen.getByTestId('version-11')).getByTestId('open-version'))
    await waitFor(() => expect(screen.getByTestId('kpi-users-prev').textContent).toBe('no previous version'))
    expect(screen.queryByTestId('kpi-users-change')).toBeNull()
    expect(screen.getByTestId('version-dates').textContent).toMatch(/first version/)
  })

  it('creates a report with an empty name (Go names it) and the chosen template, then opens its version', async () => {
    const f = fake()
    renderReports(f, <Reports />)
    await screen.findByTestId('report-7')
    fireEvent.click(screen.getByTestId('new-report'))
    const dialog = await screen.findByTestId('new-report-dialog')
    fireEvent.change(within(dialog).getByTestId('new-report-tenant'), { target: { value: 'tid-fabrikam' } })
    fireEvent.change(within(dialog).getByTestId('new-report-template'), { target: { value: '2' } })
    f.state.versions[1001] = { ...versionView11, tenantName: 'Fabrikam', version: { ...versionView11.version, id: 1001, reportId: 1000, status: 'draft' } }
    fireEvent.click(within(dialog).getByTestId('new-report-create'))
    await waitFor(() => expect(f.calls.create).toEqual([['tid-fabrikam', '', 2]]))
    await waitFor(() => expect(screen.queryByTestId('new-report-dialog')).toBeNull())
    const card = await screen.findByTestId('report-1000')
    expect(within(card).getByText('Quarterly review Q1 2027')).toBeTruthy()
    await waitFor(() => expect(screen.getByTestId('version-panel').textContent).toContain('Fabrikam · version 1'))
  })

  it('still creates a report with the default template when the templates cannot be listed', async () => {
    const f = fake()
    f.state.fail.templates = 'database is locked'
    renderReports(f, <Reports />)
    expect((await screen.findByTestId('templates-error')).textContent).toContain('database is locked')
    fireEvent.click(screen.getByTestId('new-report'))
    const dialog = await screen.findByTestId('new-report-dialog')
    fireEvent.change(within(dialog).getByTestId('new-report-name'), { target: { value: 'QBR' } })
    fireEvent.click(within(dialog).getByTestId('new-report-create'))
    await waitFor(() => expect(f.calls.create).toEqual([['tid-contoso', 'QBR', 0]]))
  })

  it('finalizes a draft only after the confirmation that its numbers are frozen', async () => {
    const f = fake()
    renderReports(f, <Reports />)
    fireEvent.click(within(await screen.findByTestId('version-12')).getByTestId('finalize'))
    const dialog = await screen.findByTestId('finalize-dialog')
    expect(dialog.textContent).toMatch(/a final version always shows exactly these numbers/i)
    expect(f.calls.finalize).toEqual([])
    fireEvent.click(within(dialog).getByTestId('finalize-confirm'))
    await waitFor(() => expect(f.calls.finalize).toEqual([12]))
    await waitFor(() => expect(within(screen.getByTestId('version-12')).getByTestId('status-badge').textContent).toBe('Final'))
  })

  it('adds a new version and refreshes a draft', async () => {
    const f = fake()
    f.state.versions[1000] = { ...versionView12, version: { ...versionView12.version, id: 1000, number: 3 } }
    renderReports(f, <Reports />)
    fireEvent.click(within(await screen.findByTestId('report-7')).getByTestId('new-version'))
    await waitFor(() => expect(f.calls.newVersion).toEqual([7]))
    await screen.findByTestId('version-1000')
    fireEvent.click(within(screen.getByTestId('version-12')).getByTestId('refresh-draft'))
    await waitFor(() => expect(f.calls.refresh).toEqual([12]))
  })

  it('shows Go’s error when an action fails', async () => {
    const f = fake()
    f.state.fail.newVersion = 'Contoso Ltd has not been synced yet'
    renderReports(f, <Reports />)
    fireEvent.click(within(await screen.findByTestId('report-7')).getByTestId('new-version'))
    expect((await screen.findByTestId('reports-error')).textContent).toBe('Contoso Ltd has not been synced yet')
  })

  it('lists one tenant’s reports and offers its current data for export', async () => {
    window.localStorage.setItem(PICK_KEY, 'tid-fabrikam')
    const f = fake()
    renderReports(f, <Reports />)
    expect(await screen.findByText('No reports yet')).toBeTruthy()
    expect(f.calls.list).toContain('tid-fabrikam')
    fireEvent.click(screen.getByTestId('export-current'))
    const dialog = await screen.findByTestId('export-dialog')
    expect(dialog.textContent).toContain('Export current data of Fabrikam')
    fireEvent.click(within(dialog).getByTestId('export-start'))
    await waitFor(() => expect(f.calls.export).toEqual([expect.objectContaining({ tenantId: 'tid-fabrikam', versionId: 0 })]))
  })

  it('exports a version from its row', async () => {
    const f = fake()
    renderReports(f, <Reports />)
    fireEvent.click(within(await screen.findByTestId('version-11')).getByTestId('export-version'))
    fireEvent.click(within(await screen.findByTestId('export-dialog')).getByTestId('export-start'))
    await waitFor(() => expect(f.calls.export).toEqual([expect.objectContaining({ versionId: 11, tenantId: '', allTenants: false })]))
  })
})
