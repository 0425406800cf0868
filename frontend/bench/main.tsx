// The users grid benchmark page (make bench-grid): the real Users page, in
// Fluent, over a fake backend serving generated users. Like the app, the
// page is loaded first and the Users page is then navigated to; the users
// reach the page as JSON text parsed on arrival, as Go's answer does over
// the Wails bridge. measure.ts times it; users-grid.mjs drives Chromium.
import { useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { FluentProvider, webLightTheme } from '@fluentui/react-components'
import { BackendProvider } from '../src/api'
import type { UsersView } from '../src/api/types'
import { FakeBackend } from '../src/test/fakeBackend'
import { tenant } from '../src/test/fixtures'
import { Users } from '../src/pages/Users'
import { benchTenants, usersView } from './users'
import { installBench } from './measure'

const n = Number(new URLSearchParams(window.location.search).get('users') ?? 50000)
const wire = JSON.stringify(usersView(n))
const fake = new FakeBackend({
  tenants: benchTenants.map((t) => tenant({ id: t.id, displayName: t.name, defaultDomain: t.domain, hasSnapshot: true })),
})
const backend = fake.backend()
// Go's answer arrives as text and is parsed on each call.
backend.data.users = async () => JSON.parse(wire) as UsersView
installBench(10, n)

function App() {
  const [page, setPage] = useState(window.location.hash)
  useEffect(() => {
    const on = () => setPage(window.location.hash)
    window.addEventListener('hashchange', on)
    return () => window.removeEventListener('hashchange', on)
  }, [])
  return page === '#/users' ? <Users /> : <p data-testid="bench-idle">Loaded; open #/users.</p>
}

createRoot(document.getElementById('root')!).render(
  <FluentProvider theme={webLightTheme} style={{ height: '100vh', padding: 24, boxSizing: 'border-box' }}>
    <BackendProvider value={backend}>
      <App />
    </BackendProvider>
  </FluentProvider>,
)
