import { useState } from 'react'
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
} from '@fluentui/react-components'
import { errorText, useBackend } from '../api'
import { connectError } from '../api/live'
import type { ConnectResult } from '../api/types'
import { AccessBadge } from '../components/badges'
import { ConnectProgress, useConnectSteps } from '../components/ConnectProgress'

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  step: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  found: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
})

/** Go's services.ErrNoClientID starts with this: the fix is in Settings. */
export const NO_APP_REGISTRATION = 'TenantLens has no app registration yet'

type Phase = 'form' | 'running' | 'done' | 'failed'

export function ConnectDialog({ open, onClose }: { open: boolean; onClose: (connected: boolean) => void }) {
  const s = useStyles()
  const b = useBackend()
  const [tenant, setTenant] = useState('')
  const [partner, setPartner] = useState(false)
  const [phase, setPhase] = useState<Phase>('form')
  const { steps, dispatch, running } = useConnectSteps(open)
  const [callErr, setCallErr] = useState('')
  const [result, setResult] = useState<ConnectResult | null>(null)

  const reset = () => {
    setPhase('form')
    dispatch('reset')
    setCallErr('')
    setResult(null)
  }

  const start = async () => {
    reset()
    setPhase('running')
    running.current = true
    try {
      const r = await b.tenants.connect({ partner, tenant: partner ? '' : tenant.trim() })
      dispatch('finished')
      setResult(r)
      setPhase('done')
    } catch (e) {
      setCallErr(errorText(e))
      setPhase('failed')
    } finally {
      running.current = false
    }
  }

  const cancel = async () => {
    if (phase === 'running') {
      try {
        await b.tenants.cancelConnect()
      } catch {
        /* the Connect call itself reports how it ended */
      }
      return
    }
    const connected = phase === 'done'
    reset()
    onClose(connected)
  }

  // Before any app registration exists, connecting cannot work: send the
  // user to Settings, where TenantLens can create one.
  const setUp = () => {
    reset()
    onClose(false)
    window.location.hash = '/settings'
  }

  const canStart = partner || tenant.trim() !== ''
  const err = connectError(steps) || callErr
  const noAppReg = err.startsWith(NO_APP_REGISTRATION) || callErr.startsWith(NO_APP_REGISTRATION)

  return (
    <Dialog open={open} modalType="alert" onOpenChange={(_, d) => !d.open && cancel()}>
      <DialogSurface aria-label="Connect a tenant" data-testid="connect-dialog">
        <DialogBody>
          <DialogTitle>Connect a tenant</DialogTitle>
          <DialogContent className={s.body}>
            {phase === 'form' && (
              <>
                <Text>
                  Sign in with an administrator of the tenant. TenantLens asks only for read-only permissions; tokens stay in
                  your system keychain.
                </Text>
                <Field label="Tenant ID or domain" hint="For example contoso.onmicrosoft.com or the tenant's GUID">
                  <Input
                    value={tenant}
                    disabled={partner}
                    onChange={(_, d) => setTenant(d.value)}
                    placeholder="contoso.onmicrosoft.com"
                    data-testid="connect-tenant-input"
                  />
                </Field>
                <Checkbox
                  checked={partner}
                  onChange={(_, d) => setPartner(!!d.checked)}
                  label="Connect as partner (all GDAP customers)"
                  data-testid="connect-partner"
                />
              </>
            )}
            <ConnectProgress steps={steps} running={phase === 'running'} />
            {err && (phase === 'running' || phase === 'failed') && (
              <MessageBar intent="error" data-testid="connect-error">
                <MessageBarBody>
                  <MessageBarTitle>Could not connect</MessageBarTitle>
                  {err}
                </MessageBarBody>
                {noAppReg && (
                  <MessageBarActions>
                    <Button appearance="primary" onClick={setUp} data-testid="setup-app-registration">
                      Set up the app registration
                    </Button>
                  </MessageBarActions>
                )}
              </MessageBar>
            )}
            {phase === 'done' && result && <Found result={result} />}
          </DialogContent>
          <DialogActions>
            {phase === 'form' && (
              <Button appearance="primary" disabled={!canStart} onClick={start} data-testid="connect-start">
                Connect
              </Button>
            )}
            {phase === 'failed' && (
              <Button appearance="primary" onClick={reset}>
                Try again
              </Button>
            )}
            <Button onClick={cancel} data-testid="connect-close">
              {phase === 'running' ? 'Cancel' : 'Close'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  )
}

function Found({ result }: { result: ConnectResult }) {
  const s = useStyles()
  return (
    <div className={s.body} data-testid="connect-result">
      <MessageBar intent="success">
        <MessageBarBody>
          Connected — {result.tenants.length === 1 ? '1 tenant' : `${result.tenants.length} tenants`} found. The first sync
          starts on its own.
        </MessageBarBody>
      </MessageBar>
      <ul className={s.found}>
        {result.tenants.map((t) => (
          <li key={t.id} className={s.step}>
            <AccessBadge row={t} />
            <Text weight="semibold">{t.displayName || t.defaultDomain || t.id}</Text>
            <Text size={200}>{t.defaultDomain}</Text>
            {t.access !== 'ready' && t.accessDetail && <Text size={200}>— {t.accessDetail}</Text>}
          </li>
        ))}
      </ul>
      {result.warnings.map((w) => (
        <MessageBar key={w} intent="warning">
          <MessageBarBody>{w}</MessageBarBody>
        </MessageBar>
      ))}
    </div>
  )
}
