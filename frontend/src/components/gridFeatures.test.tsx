// Saved views, copy as TSV, dark theme and the quick filter/inactive default
// on the real Users page over the fake backend (AG Grid renders in jsdom).
import { beforeEach, describe, expect, it } from 'vitest'
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { Users } from '../pages/Users'
import { FakeBackend } from '../test/fakeBackend'
import { renderWith } from '../test/render'
import { contoso, user, usersView } from '../test/fixtures'
import { deleteView, loadViews, saveView } from './gridViews'
import { toTSV, tsvCell } from './gridCopy'
import { gridLayout, AUTO_MAX_ROWS } from './Grid'
import { getThemePref, resetThemeForTests, resolveScheme, setThemePref, THEME_KEY } from '../theme'
import { filterUsers, haystack, inactiveDefault, inactiveOn, noFilters } from '../users/filters'

const count = async () => (await screen.findByTestId('user-count')).textContent

function fake(threshold = 90) {
  return new FakeBackend({ tenants: [contoso], users: { '': { ...usersView, notes: [], inactiveDays: threshold } } })
}

beforeEach(() => {
  window.localStorage.clear()
  resetThemeForTests()
})

describe('saved views (localStorage per grid)', () => {
  it('adds, replaces by name and deletes, per grid', () => {
    saveView('users', { name: 'Finance', hidden: ['mail'], columns: [], filters: { d: 'Finance' } })
    saveView('users', { name: 'Admins', hidden: [], columns: [{ colId: 'admin', sort: 'desc' }], filters: {} })
    const replaced = saveView('users', { name: ' finance ', hidden: ['upn'], columns: [], filters: {} })
    expect(replaced.map((v) => v.name)).toEqual(['Admins', 'finance'])
    expect(loadViews('users').find((v) => v.name === 'finance')?.hidden).toEqual(['upn'])
    expect(loadViews('mfa')).toEqual([])
    expect(deleteView('users', 'Admins').map((v) => v.name)).toEqual(['finance'])
    expect(() => saveView('users', { name: '  ', hidden: [], columns: [], filters: {} })).toThrow(/name/)
  })

  it('saves the Users page columns and filters under a name and puts them back', async () => {
    renderWith(fake(), <Users />)
    expect(await count()).toBe('3 users')
    fireEvent.change(screen.getByTestId('filter-mfa'), { target: { value: 'Disabled' } })
    expect(await count()).toBe('2 of 3 users')
    fireEvent.click(screen.getByTestId('views-button'))
    fireEvent.click(await screen.findByTestId('view-save'))
    fireEvent.change(await screen.findByTestId('view-name'), { target: { value: 'No MFA' } })
    fireEvent.click(screen.getByTestId('view-save-confirm'))
    await waitFor(() => expect(loadViews('users').map((v) => v.name)).toEqual(['No MFA']))
    const saved = loadViews<{ filters: { mfa: string } }>('users')[0]
    expect(saved.filters.filters.mfa).toBe('Disabled')
    expect(saved.columns.some((c) => c.colId === 'displayName')).toBe(true)
    // Clear, then apply the view: the filter comes back.
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }))
    expect(await count()).toBe('3 users')
    fireEvent.click(screen.getByTestId('views-button'))
    fireEvent.click(await screen.findByTestId('view-No MFA'))
    expect(await count()).toBe('2 of 3 users')
    expect(screen.getByTestId('views-button').textContent).toContain('No MFA')
  }, 20_000)
})

describe('copy', () => {
  it('TSV keeps one line per row and one cell per tab', () => {
    expect(tsvCell('a\tb\nc')).toBe('a b c')
    expect(tsvCell(null)).toBe('')
    expect(toTSV([['Name', 'Dept'], ['Ada', 'Finance'], ['Bob', '']])).toBe('Name\tDept\nAda\tFinance\nBob\t')
  })

  it('copies the selected rows with the shown columns through the copy facade', async () => {
    const f = fake()
    renderWith(f, <Users />)
    const grid = await screen.findByTestId('users-grid')
    const cell = await within(grid).findByText('Ada Lovelace')
    fireEvent.click(cell)
    await waitFor(() => expect(grid.querySelector('.ag-row-selected')).not.toBeNull())
    fireEvent.click(screen.getByTestId('copy-rows'))
    await waitFor(() => expect(f.state.copied.length).toBe(1))
    const lines = f.state.copied[0].split('\n')
    expect(lines.length).toBe(2)
    const header = lines[0].split('\t')
    const row = lines[1].split('\t')
    expect(header).toContain('Display Name')
    expect(row[header.indexOf('Display Name')]).toBe('Ada Lovelace')
    expect(row[header.indexOf('Department')]).toBe('Finance')
    expect(header).not.toContain('Job Title') // hidden by default: not copied
    expect((await screen.findByTestId('copy-status')).textContent).toBe('Copied 1 rows')
  })
})

describe('quick filter and the inactive default', () => {
  it('matches every word, case-insensitively, and caches each row’s text', () => {
    const rows = usersView.rows
    const got = filterUsers(rows, { ...noFilters, search: 'ADA  finance' })
    expect(got.map((u) => u.displayName)).toEqual(['Ada Lovelace'])
    expect(filterUsers(rows, noFilters)).toBe(rows)
    const u = rows[0]
    expect(haystack(u)).toBe(haystack(u))
    expect(haystack(u)).toContain(u.displayName.toLowerCase())
  })

  it('starts the days box at Go’s Settings threshold with the filter off; the checkbox applies it', async () => {
    renderWith(fake(150), <Users />)
    expect(await count()).toBe('3 users')
    const days = screen.getByTestId('filter-inactive') as HTMLInputElement
    expect(days.value).toBe('150')
    const on = screen.getByRole('checkbox', { name: 'Inactive only' }) as HTMLInputElement
    expect(on.checked).toBe(false)
    fireEvent.click(on)
    // Bob Guest: 200 days inactive > 150; Ada: 2 days; the room's activity is unknown.
    expect(await count()).toBe('1 of 3 users')
    await waitFor(() => expect(within(screen.getByTestId('users-grid')).queryByText('Ada Lovelace')).toBeNull())
    fireEvent.click(on)
    expect(await count()).toBe('3 users')
  }, 20_000)

  it('inactiveDefault/inactiveOn read the threshold, a typed number wins', () => {
    expect(inactiveDefault(90)).toBe('90')
    expect(inactiveDefault(0)).toBe('')
    expect(inactiveOn('', 90)).toBe(90)
    expect(inactiveOn('30', 90)).toBe(30)
    expect(inactiveOn('x', undefined)).toBeNull()
  })
})

describe('theme and virtualisation', () => {
  it('remembers the choice; system follows the OS', () => {
    expect(getThemePref()).toBe('system')
    act(() => setThemePref('dark'))
    expect(window.localStorage.getItem(THEME_KEY)).toBe('dark')
    resetThemeForTests()
    expect(getThemePref()).toBe('dark')
    expect(resolveScheme('system', true)).toBe('dark')
    expect(resolveScheme('light', true)).toBe('light')
    act(() => setThemePref('system'))
    expect(window.localStorage.getItem(THEME_KEY)).toBeNull()
  })

  it('never lays out a large grid at full height', () => {
    expect(gridLayout('auto', AUTO_MAX_ROWS).domLayout).toBe('autoHeight')
    expect(gridLayout('auto', 50_000)).toEqual({ domLayout: 'normal', height: 520 })
    expect(gridLayout(400, 50_000)).toEqual({ domLayout: 'normal', height: 400 })
  })

  it('the Users grid keeps a screenful of rows in the DOM, not all of them', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => user({ id: `u${i}`, displayName: `User ${i}` }))
    renderWith(new FakeBackend({ tenants: [contoso], users: { '': { ...usersView, notes: [], rows } } }), <Users />)
    expect(await count()).toBe('2,000 users')
    const grid = screen.getByTestId('users-grid')
    await waitFor(() => expect(grid.querySelectorAll('.ag-row').length).toBeGreaterThan(0))
    const drawn = new Set([...grid.querySelectorAll('.ag-row')].map((r) => r.getAttribute('row-index'))).size
    expect(drawn).toBeLessThan(200)
  })
})
