import { beforeEach, describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { Users } from './Users'
import { FakeBackend } from '../test/fakeBackend'
import { renderWith } from '../test/render'
import { contoso, fabrikam, user, usersView } from '../test/fixtures'
import { PICK_KEY } from '../tenantPick'

function fake() {
  return new FakeBackend({
    tenants: [contoso, fabrikam],
    users: {
      '': usersView,
      [contoso.id]: { ...usersView, notes: [], rows: [user({ id: 'only', displayName: 'Only Contoso' })] },
      [fabrikam.id]: { dataDate: '', notes: [], rows: [], inactiveDays: 90 },
    },
  })
}

const count = async () => (await screen.findByTestId('user-count')).textContent

describe('Users page', () => {
  beforeEach(() => window.localStorage.clear())

  it('shows every tenant by default with the row count and Go notes', async () => {
    renderWith(fake(), <Users />)
    expect(await count()).toBe('3 users')
    expect(screen.getByText(/Usage reports are anonymised/)).toBeTruthy()
    const grid = screen.getByTestId('users-grid')
    await waitFor(() => expect(within(grid).getByText('Ada Lovelace')).toBeTruthy())
    expect(within(grid).getByText('Bob Guest')).toBeTruthy()
  })

  it('filters by MFA status, resource accounts and inactivity, and counts what is shown', async () => {
    renderWith(fake(), <Users />)
    await count()
    fireEvent.change(screen.getByTestId('filter-mfa'), { target: { value: 'Disabled' } })
    expect(await count()).toBe('2 of 3 users')
    fireEvent.change(screen.getByTestId('filter-resource'), { target: { value: 'exclude' } })
    expect(await count()).toBe('1 of 3 users')
    await waitFor(() => expect(within(screen.getByTestId('users-grid')).queryByText('Meeting Room')).toBeNull())
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }))
    fireEvent.change(screen.getByTestId('filter-inactive'), { target: { value: '100' } })
    expect(await count()).toBe('1 of 3 users')
    expect(screen.getByText(/users with unknown activity are not counted/)).toBeTruthy()
    fireEvent.change(screen.getByTestId('filter-inactive'), { target: { value: '' } })
    fireEvent.change(screen.getByTestId('user-search'), { target: { value: 'ada' } })
    expect(await count()).toBe('1 of 3 users')
  })

  it('remembers the picked tenant and shows the sync prompt for a tenant without data', async () => {
    const { unmount } = renderWith(fake(), <Users />)
    await count()
    fireEvent.change(screen.getByTestId('tenant-picker'), { target: { value: fabrikam.id } })
    expect(await screen.findByText('Sync this tenant to see its users.')).toBeTruthy()
    expect(window.localStorage.getItem(PICK_KEY)).toBe(fabrikam.id)
    unmount()
    // Another page (or a restart) starts on the same tenant.
    renderWith(fake(), <Users />)
    expect(await screen.findByText('Sync this tenant to see its users.')).toBeTruthy()
    expect((screen.getByTestId('tenant-picker') as HTMLSelectElement).value).toBe(fabrikam.id)
  })

  it('falls back to all tenants when the remembered tenant is gone', async () => {
    window.localStorage.setItem(PICK_KEY, 'disconnected-tenant')
    renderWith(fake(), <Users />)
    expect(await count()).toBe('3 users')
  })

  it('shows the error when Go rejects', async () => {
    renderWith(new FakeBackend({ tenants: [], fail: { users: 'not available in this build yet' } }), <Users />)
    expect((await screen.findByTestId('error-state')).textContent).toContain('not available in this build yet')
  })

  it('shows where each licence comes from, and per-service columns only once chosen', async () => {
    const f = new FakeBackend({
      tenants: [contoso],
      users: { '': { ...usersView, notes: [], rows: [user({ id: 'src', displayName: 'Sourced', licenseNames: ['Microsoft 365 E3'], licenseSources: ['Group: Sales licences'], teamsCalls: 7 })] } },
    })
    renderWith(f, <Users />)
    const grid = await screen.findByTestId('users-grid')
    await waitFor(() => expect(within(grid).getByText('Group: Sales licences')).toBeTruthy())
    expect(within(grid).queryByText('Teams Calls (30 d)')).toBeNull()
  })

  it('keeps the licensing columns hidden for someone who saved a column choice before they existed', async () => {
    window.localStorage.setItem('tenantlens.columns.users', JSON.stringify(['jobTitle']))
    const f = new FakeBackend({ tenants: [contoso], users: { '': { ...usersView, notes: [], rows: [user({ id: 'x', displayName: 'X', teamsCalls: 7 })] } } })
    renderWith(f, <Users />)
    const grid = await screen.findByTestId('users-grid')
    await waitFor(() => expect(within(grid).getByText('X')).toBeTruthy())
    expect(within(grid).queryByText('Teams Calls (30 d)')).toBeNull()
    expect(within(grid).queryByText('Department')).toBeTruthy()
    expect(within(grid).queryByText('Job Title')).toBeNull()
  })
})
