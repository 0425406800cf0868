// First run (no tenant yet): two guided paths — try the demo, or set up the
// app registration and connect the first tenant. What the app registration
// is set to comes from Go (Settings.Get); nothing is assumed.
import { useState } from 'react'
import {
  Badge,
  Button,
  Card,
  Caption1,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  Title2,
  Title3,
  tokens,
} from '@fluentui/react-components'
import { Beaker24Regular, PlugConnected24Regular, Settings24Regular } from '@fluentui/react-icons'
import { errorText, useBackend, type AppInfo } from '../api'
import { useLoad } from '../hooks/useLoad'
import type { PageKey } from '../nav'

const useStyles = makeStyles({
  root: { maxWidth: '880px', margin: '6vh auto', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  paths: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(300px, 1fr))', gap: tokens.spacingHorizontalL },
  path: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalL },
  steps: { margin: 0, paddingLeft: '1.4em', lineHeight: '1.7', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', marginTop: 'auto' },
  code: { fontFamily: tokens.fontFamilyMonospace, backgroundColor: tokens.colorNeutralBackground3, padding: '0 4px', borderRadius: tokens.borderRadiusSmall },
})

/** Shows Settings › App registration (scrolled into view once it renders). */
export function openAppRegistration(onNavigate: (k: PageKey) => void) {
  onNavigate('settings')
  let tries = 0
  const look = () => {
    const el = document.querySelector<HTMLElement>('[data-testid="app-registration"]')
    if (el) {
      el.scrollIntoView?.({ block: 'start' })
      el.querySelector<HTMLElement>('button')?.focus()
    } else if (++tries < 40) setTimeout(look, 100)
  }
  setTimeout(look, 0)
}

export function FirstRun({ info, onConnect, onNavigate }: { info: AppInfo | null; onConnect: () => void; onNavigate: (k: PageKey) => void }) {
  const s = useStyles()
  const b = useBackend()
  const settings = useLoad(() => b.settings.get(), 'first-run-settings')
  const [demo, setDemo] = useState<{ intent: 'success' | 'error'; text: string } | null>(null)
  const clientId = settings.data?.values.find((v) => v.key === 'client_id')
  const launch = async () => {
    try {
      await b.app.launchDemo()
      setDemo({ intent: 'success', text: 'The demo opens in a new window, on its own data — this one stays as it is.' })
    } catch (e) {
      setDemo({ intent: 'error', text: errorText(e) })
    }
  }
  return (
    <div className={s.root} data-testid="empty-state">
      <Title2>Quarterly Microsoft 365 reviews for every client, from your desktop</Title2>
      <Text>
        TenantLens connects your clients' Microsoft 365 tenants — one at a time, or every GDAP customer at once — and keeps a
        local history of who has which licence, what it costs, what sits unused and who still has no MFA. Tokens stay in your
        system keychain; data stays on this computer; reviews go out as Excel workbooks. Choose how to start:
      </Text>
      <div className={s.paths}>
        <Card className={s.path} data-testid="first-run-demo">
          <Title3>1 · Try the demo</Title3>
          <Text>
            A made-up MSP with its customer tenants, served by an emulated Microsoft cloud and ConnectWise PSA, synced like real
            ones. Nothing touches a real tenant or your own data.
          </Text>
          <ul className={s.steps}>
            <li>From here: a second window opens on the demo's own data folder.</li>
            <li>
              From a terminal: <span className={s.code}>tenantlens demo</span> (or <span className={s.code}>make demo</span> in a
              checkout).
            </li>
          </ul>
          <div className={s.actions}>
            {info?.demo ? (
              <Badge appearance="filled" color="warning" data-testid="first-run-in-demo">
                This window already shows the demo
              </Badge>
            ) : (
              <Button appearance="primary" icon={<Beaker24Regular />} onClick={launch} data-testid="try-demo">
                Try the demo
              </Button>
            )}
          </div>
          {demo && (
            <MessageBar intent={demo.intent} data-testid="demo-message">
              <MessageBarBody>{demo.text}</MessageBarBody>
            </MessageBar>
          )}
        </Card>
        <Card className={s.path} data-testid="first-run-connect">
          <Title3>2 · Connect your first tenant</Title3>
          <ol className={s.steps}>
            <li>
              <Text weight="semibold">Set up the app registration</Text> — TenantLens can create it in your partner tenant for
              you, or you paste the Application (client) ID of one you made.{' '}
              <Caption1 data-testid="first-run-client-id">
                {settings.error
                  ? `Could not read the settings: ${settings.error}`
                  : !settings.data
                    ? 'Checking…'
                    : clientId?.value
                      ? `Now: ${clientId.value} (${clientId.source})`
                      : 'Not set yet.'}
              </Caption1>
            </li>
            <li>
              <Text weight="semibold">Connect a tenant</Text> — one customer by its domain, or as partner to reach every GDAP
              customer; you sign in once in your browser and consent to read-only access.
            </li>
            <li>
              <Text weight="semibold">The first sync</Text> starts by itself; the Overview fills in as it finishes.
            </li>
          </ol>
          <div className={s.actions}>
            <Button icon={<Settings24Regular />} onClick={() => openAppRegistration(onNavigate)} data-testid="first-run-app-reg">
              App registration…
            </Button>
            <Button appearance="primary" icon={<PlugConnected24Regular />} onClick={onConnect} data-testid="connect-tenant">
              Connect a tenant
            </Button>
          </div>
        </Card>
      </div>
      <Caption1>
        Press <Text weight="semibold">Ctrl+K</Text> anywhere to jump to a page, client, tenant or user.{' '}
        <Link onClick={() => onNavigate('settings')}>Settings</Link> holds the inactivity threshold, currency and locale.
      </Caption1>
    </div>
  )
}
