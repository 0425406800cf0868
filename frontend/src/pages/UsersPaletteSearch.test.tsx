import { afterEach, describe, expect, it } from 'vitest'
import { screen, waitFor } from '@testing-library/react'
import { Users } from './Users'
import { FakeBackend } from '../test/fakeBackend'
import { renderWith } from '../test/render'
import { contoso, usersView } from '../test/fixtures'
import { USER_SEARCH_KEY } from '../history/palette'

const fake = () => new FakeBackend({ tenants: [contoso], users: { '': usersView, [contoso.id]: usersView } })

describe('Users page after the command palette’s user jump', () => {
  afterEach(() => window.sessionStorage.clear())

  it('pre-fills the quick filter with the palette’s search once, and filters by it', { timeout: 20_000 }, async () => {
    window.sessionStorage.setItem(USER_SEARCH_KEY, 'Ada Lovelace')
    const first = renderWith(fake(), <Users />)
    const box = (await screen.findByTestId('user-search')) as HTMLInputElement
    expect(box.value).toBe('Ada Lovelace')
    await waitFor(() => expect(screen.getByTestId('user-count').textContent).toBe(`1 of ${usersView.rows.length} users`))
    expect(window.sessionStorage.getItem(USER_SEARCH_KEY)).toBeNull()
    first.unmount()
    // Read once: the next visit starts empty.
    renderWith(fake(), <Users />)
    expect(((await screen.findByTestId('user-search')) as HTMLInputElement).value).toBe('')
    expect(screen.getByTestId('user-count').textContent).toBe(`${usersView.rows.length} users`)
  })
})
