import { useEffect, useReducer, useRef, useState } from 'react'
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
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components'
import { CheckmarkCircle20Filled, Copy20Regular, DismissCircle20Filled } from '@fluentui/react-icons'
import { errorText, useBackend } from '../api'
import { connectError, connectReducer, signInLink, type ConnectStep } from '../api/live'
import type { ConnectResult } from '../api/types'
import { AccessBadge } from '../components/badges'

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  steps: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  step: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  link: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  url: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all', flexGrow: 1 },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  bad: { color: tokens.colorPaletteRedForeground1 },
  found: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
})

type Phase = 'form' | 'running' | 'done' | 'failed'

export function ConnectDialog({ open, onClose }: { open: boolean; onClose: (connected: boolean) => void }) {
  const s = useStyles()
  const b = useBackend()
  const [tenant, setTenant] = useState('')
  const [partner, setPartner] = useState(false)
  const [phase, setPhase] = useState<Phase>('form')
  const [steps, dispatch] = useReducer(connectReducer, [])
  const [callErr, setCallErr] = useState('')
  const [result, setResult] = useState<ConnectResult | null>(null)
  const [copied, setCopied] = useState('')
  const running = useRef(false)

  useEffect(() => {
    if (!open) return
    return b.events.onConnectStatus((p) => {
      if (running.current) dispatch(p)
    })
  }, [b, open])

  const reset = () => {
    setPhase('form')
    dispatch('reset')
    setCallErr('')
    setResult(null)
    setCopied('')
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

  const copy = async (url: string) => {
    setCopied((await b.copyText(url)) ? 'Copied' : 'Copy failed — select the link and copy it')
  }

  const canStart = partner || tenant.trim() !== ''
  const link = phase === 'running' ? signInLink(steps) : ''
  const err = connectError(steps) || callErr

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
            {steps.length > 0 && (
              <ol className={s.steps} aria-label="Connection steps" data-testid="connect-steps">
                {steps.map((st) => (
                  <Step key={st.step} st={st} />
                ))}
              </ol>
            )}
            {phase === 'running' && steps.length === 0 && <Spinner size="tiny" label="Starting…" />}
            {link && (
              <div className={s.body} data-testid="signin-link">
                <Text>If your browser did not open, open this link yourself:</Text>
                <div className={s.link}>
                  <Link className={s.url} href={link} target="_blank" rel="noreferrer">
                    {link}
                  </Link>
                  <Button icon={<Copy20Regular />} onClick={() => copy(link)} data-testid="copy-signin">
                    Copy
                  </Button>
                </div>
                {copied && <Text size={200}>{copied}</Text>}
              </div>
            )}
            {err && (phase === 'running' || phase === 'failed') && (
              <MessageBar intent="error" data-testid="connect-error">
                <MessageBarBody>
                  <MessageBarTitle>Could not connect</MessageBarTitle>
                  {err}
                </MessageBarBody>
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

function Step({ st }: { st: ConnectStep }) {
  const s = useStyles()
  const icon =
    st.state === 'done' ? (
      <CheckmarkCircle20Filled className={s.ok} aria-label="done" />
    ) : st.state === 'error' ? (
      <DismissCircle20Filled className={s.bad} aria-label="failed" />
    ) : (
      <Spinner size="extra-tiny" aria-label="in progress" />
    )
  return (
    <li className={s.step} data-state={st.state}>
      {icon}
      <Text>{st.message || st.step}</Text>
    </li>
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
