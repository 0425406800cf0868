import { beforeEach, describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import { MFA } from './MFA'
import { FakeBackend } from '../test/fakeBackend'
import { renderWith } from '../test/render'
import { contoso, mfaView, user } from '../test/fixtures'
import { fmtPct } from '../format'

describe('MFA page', () => {
  beforeEach(() => window.localStorage.clear())

  it('shows coverage, registered of eligible and admins without MFA', async () => {
    renderWith(new FakeBackend({ tenants: [contoso], mfa: { '': mfaView } }), <MFA />)
    expect((await screen.findByTestId('kpi-coverage-value')).textContent).toBe(fmtPct(81.25))
    expect(screen.getByTestId('mfa-registered').textContent).toBe('13 of 16 users registered')
    expect(screen.getByTestId('kpi-unregistered-value').textContent).toBe('3')
    expect(screen.getByTestId('kpi-admins-value').textContent).toBe('1')
    expect(screen.getByRole('img', { name: 'MFA registered and not registered' })).toBeTruthy()
    expect(screen.getByRole('img', { name: 'Users by MFA method' })).toBeTruthy()
    expect(screen.queryByTestId('mfa-unavailable')).toBeNull()
  })

  it('keeps Go order (without MFA first) and styles Disabled in red', async () => {
    renderWith(new FakeBackend({ tenants: [contoso], mfa: { '': mfaView } }), <MFA />)
    const grid = await screen.findByTestId('mfa-grid')
    await waitFor(() => expect(within(grid).getByText('Xavier NoMFA')).toBeTruthy())
    const names = within(grid)
      .getAllByRole('gridcell')
      .filter((c) => c.getAttribute('col-id') === 'displayName')
      .map((c) => c.textContent)
    expect(names).toEqual(['Xavier NoMFA', 'Yvonne Secure'])
    const disabled = within(grid).getByText('Disabled').closest('[role="gridcell"]') as HTMLElement
    const enabled = within(grid).getByText('Enabled').closest('[role="gridcell"]') as HTMLElement
    expect(disabled.style.color).not.toBe('')
    expect(enabled.style.color).toBe('')
  })

  it('shows the Unavailable banner with the reason', async () => {
    const reason = 'MFA registration data cannot be read: grant TenantLens the Reports Reader role in this tenant.'
    const v = { ...mfaView, available: false, reason, registered: 0, eligible: 0, unregistered: 0, coveragePct: 0, byMethod: [], rows: [user({ mfaStatus: 'Unavailable' })] }
    renderWith(new FakeBackend({ tenants: [contoso], mfa: { '': v } }), <MFA />)
    const banner = await screen.findByTestId('mfa-unavailable')
    expect(banner.textContent).toContain('Unavailable')
    expect(banner.textContent).toContain(reason)
    expect(screen.getByTestId('kpi-coverage-value').textContent).toBe('Unavailable')
    expect(screen.queryByRole('img', { name: 'MFA registered and not registered' })).toBeNull()
  })

  it('prompts a sync when there is no data', async () => {
    const v = { ...mfaView, registered: 0, eligible: 0, unregistered: 0, adminsWithout: 0, byMethod: [], rows: [] }
    renderWith(new FakeBackend({ tenants: [contoso], mfa: { '': v } }), <MFA />)
    expect(await screen.findByText('Sync this tenant to see its MFA coverage.')).toBeTruthy()
  })
})

describe('MFA page across tenants', () => {
  beforeEach(() => window.localStorage.clear())
  it('keeps the coverage of the readable tenants and lists why the others are unavailable', async () => {
    const reason = 'Fabrikam: MFA registration data could not be read\nNorthwind: needs Reports Reader'
    renderWith(new FakeBackend({ tenants: [contoso], mfa: { '': { ...mfaView, available: false, reason } } }), <MFA />)
    expect((await screen.findByTestId('kpi-coverage-value')).textContent).toBe(fmtPct(81.25))
    const banner = screen.getByTestId('mfa-unavailable')
    expect(banner.textContent).toContain('Fabrikam: MFA registration data could not be read')
    expect(banner.textContent).toContain('Northwind: needs Reports Reader')
  })
})
