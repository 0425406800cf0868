import { useEffect, useState, type ReactElement } from "react"
import {
  Badge,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Tab,
  TabList,
  Text,
  tokens,
} from '@fluentui/react-components'
import {
  Board24Regular,
  Building24Regular,
  BranchFork24Regular,
  Cloud24Regular,
  People24Regular,
  Key24Regular,
  ShieldCheckmark24Regular,
  DocumentTable24Regular,
  Settings24Regular,
} from '@fluentui/react-icons'
import { navItems, pageFromHash, type PageKey } from './nav'
import { errorText, hasBackend, useBackend, type AppInfo } from './api'
import { runTextProbe } from './probe'
import { Overview } from './pages/Overview'
import { Settings } from './pages/Settings'
import { Tenants } from './pages/Tenants'
import { Users } from './pages/Users'
import { Licenses } from './pages/Licenses'
import { MFA } from './pages/MFA'
import { Reports } from './pages/Reports'
import { Clients } from './pages/Clients'
import { Mapping } from './pages/Mapping'
import { HistoryOutlet, useHistoryRoute } from './history/Outlet'

const icons: Record<PageKey, ReactElement> = {
  overview: <Board24Regular />,
  clients: <Building24Regular />,
  mapping: <BranchFork24Regular />,
  tenants: <Cloud24Regular />,
  users: <People24Regular />,
  licenses: <Key24Regular />,
  mfa: <ShieldCheckmark24Regular />,
  reports: <DocumentTable24Regular />,
  settings: <Settings24Regular />,
}

const useStyles = makeStyles({
  // Labels start where their icons end: a tab is a button (text centred) whose
  // label cell is as wide as the label in bold, so a regular label sat indented.
  navLabel: { textAlign: 'start' },
  root: { display: 'flex', height: '100%', backgroundColor: tokens.colorNeutralBackground2 },
  nav: {
    width: '208px',
    flexShrink: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalS}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  brand: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, padding: `0 ${tokens.spacingHorizontalM}` },
  main: { flexGrow: 1, overflow: 'auto', padding: tokens.spacingHorizontalXXL },
})

export function Shell() {
  const s = useStyles()
  const [page, setPage] = useState<PageKey>(() => pageFromHash(window.location.hash))
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [err, setErr] = useState<string>('')
  const b = useBackend()
  const hist = useHistoryRoute()

  useEffect(() => {
    const onHash = () => setPage(pageFromHash(window.location.hash))
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  useEffect(() => {
    if (!hasBackend()) {
      setErr('The TenantLens backend is not connected. Start the app with `make demo` or `tenantlens`.')
      return
    }
    b.app
      .info()
      .then(setInfo)
      .catch((e: unknown) => setErr(errorText(e)))
    void runTextProbe(b)
  }, [b])

  const go = (k: PageKey) => {
    window.location.hash = '/' + k
    setPage(k)
  }

  return (
    <div className={s.root}>
      <nav className={s.nav} aria-label="Main">
        <div className={s.brand}>
          <Text weight="semibold" size={500}>TenantLens</Text>
          {info?.demo && <Badge appearance="filled" color="warning" data-testid="demo-badge">Demo data</Badge>}
        </div>
        <TabList vertical selectedValue={page} onTabSelect={(_, d) => go(d.value as PageKey)}>
          {navItems.map((n) => (
            <Tab key={n.key} value={n.key} icon={icons[n.key]} content={{ className: s.navLabel }} data-testid={`nav-${n.key}`}>
              {n.label}
            </Tab>
          ))}
        </TabList>
      </nav>
      <main className={s.main}>
        {(err || info?.startErr) && (
          <MessageBar intent="error" style={{ marginBottom: 16 }}>
            <MessageBarBody>{info?.startErr || err}</MessageBarBody>
          </MessageBar>
        )}
        <HistoryOutlet route={hist} />
        {!hist && page === 'overview' && <Overview info={info} onNavigate={go} />}
        {page === 'settings' && <Settings info={info} />}
        {page === 'tenants' && <Tenants />}
        {page === 'users' && <Users />}
        {page === 'licenses' && <Licenses />}
        {page === 'mfa' && <MFA />}
        {page === 'clients' && <Clients onNavigate={go} />}
        {page === 'mapping' && <Mapping onNavigate={go} />}
        {page === 'reports' && <Reports />}
      </main>
    </div>
  )
}
