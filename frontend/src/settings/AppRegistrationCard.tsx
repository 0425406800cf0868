// First-run setup: TenantLens needs a multi-tenant app registration before
// it can connect anything. "Create the app registration for me" signs in a
// Global Administrator of the MSP's own tenant (live steps and the sign-in
// link as in the Connect dialog); "I already have one" takes a client ID.
import { useState } from 'react'
import {
  Badge,
  Button,
  Card,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  Title3,
  tokens,
} from '@fluentui/react-components'
import { errorText, useBackend } from '../api'
import { connectError } from '../api/live'
import type { AppRegistration, SettingsView } from '../api/types'
import { ConnectProgress, useConnectSteps } from '../components/ConnectProgress'

const useStyles = makeStyles({
  card: { gap: tokens.spacingVerticalM },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  choices: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  id: { fontFamily: tokens.fontFamilyMonospace },
  scopes: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, marginTop: tokens.spacingVerticalXS },
})

export const CLIENT_ID_KEY = 'client_id'

type Mode = 'none' | 'create' | 'paste'
type Phase = 'form' | 'running' | 'done' | 'failed'

/** The granted delegated permissions, as Go returned them (space-separated). */
export function scopeList(granted: string): string[] {
  return granted.split(/\s+/).filter(Boolean)
}

export function AppRegistrationCard({ view, onChanged }: { view: SettingsView; onChanged: (v: SettingsView | null) => void }) {
  const s = useStyles()
  const cur = view.values.find((v) => v.key === CLIENT_ID_KEY)
  const [mode, setMode] = useState<Mode>('none')
  const [busy, setBusy] = useState(false)

  return (
    <Card className={s.card} data-testid="app-registration">
      <Title3>App registration</Title3>
      <Text>
        Application (client) ID:{' '}
        <Text className={s.id} weight="semibold" data-testid="app-client-id">
          {cur?.value || 'not set'}
        </Text>
      </Text>
      {view.demo ? (
        <Text data-testid="app-reg-demo">The demo uses its own pre-registered app.</Text>
      ) : (
        <>
          {cur?.source === 'environment' && (
            <MessageBar intent="info">
              <MessageBarBody>
                {cur.envVar} is set in the environment; it wins over an app registration set up here.
              </MessageBarBody>
            </MessageBar>
          )}
          <Text>
            TenantLens signs in to your clients' tenants through a multi-tenant app registration with read-only
            permissions. Let TenantLens create it in your own tenant, or use one you already have.
          </Text>
          <div className={s.choices}>
            <Button
              appearance={mode === 'create' ? 'primary' : 'secondary'}
              disabled={busy}
              onClick={() => setMode('create')}
              data-testid="app-reg-create"
            >
              Create the app registration for me
            </Button>
            <Button
              appearance={mode === 'paste' ? 'primary' : 'secondary'}
              disabled={busy}
              onClick={() => setMode('paste')}
              data-testid="app-reg-paste"
            >
              I already have one
            </Button>
          </div>
          {mode === 'create' && <CreateForm onBusy={setBusy} onCreated={() => onChanged(null)} />}
          {mode === 'paste' && <PasteForm initial={cur?.source === 'setting' ? cur.value : ''} onSaved={onChanged} />}
        </>
      )}
    </Card>
  )
}

function CreateForm({ onBusy, onCreated }: { onBusy: (b: boolean) => void; onCreated: () => void }) {
  const s = useStyles()
  const b = useBackend()
  const [tenant, setTenant] = useState('')
  const [phase, setPhase] = useState<Phase>('form')
  const { steps, dispatch, running } = useConnectSteps(true)
  const [callErr, setCallErr] = useState('')
  const [result, setResult] = useState<AppRegistration | null>(null)

  const start = async () => {
    dispatch('reset')
    setCallErr('')
    setResult(null)
    setPhase('running')
    onBusy(true)
    running.current = true
    try {
      const r = await b.settings.createAppRegistration(tenant.trim())
      dispatch('finished')
      setResult(r)
      setPhase('done')
      onCreated()
    } catch (e) {
      setCallErr(errorText(e))
      setPhase('failed')
    } finally {
      running.current = false
      onBusy(false)
    }
  }
  const err = connectError(steps) || callErr

  return (
    <div className={s.section} data-testid="app-reg-create-form">
      {(phase === 'form' || phase === 'failed') && (
        <>
          <Text>
            A Global Administrator of your own (MSP) tenant signs in once. TenantLens then creates a multi-tenant public
            client app there (redirect http://localhost, read-only Microsoft Graph permissions) and consents it.
          </Text>
          <Field label="Your tenant (optional)" hint="Your MSP's domain or tenant ID; leave empty to use the administrator's home tenant.">
            <Input value={tenant} onChange={(_, d) => setTenant(d.value)} placeholder="yourmsp.onmicrosoft.com" data-testid="app-reg-tenant" />
          </Field>
          <div>
            <Button appearance="primary" onClick={start} data-testid="app-reg-start">
              {phase === 'failed' ? 'Try again' : 'Sign in and create'}
            </Button>
          </div>
        </>
      )}
      <ConnectProgress steps={steps} running={phase === 'running'} />
      {err && (phase === 'running' || phase === 'failed') && (
        <MessageBar intent="error" data-testid="app-reg-error">
          <MessageBarBody>
            <MessageBarTitle>Could not create the app registration</MessageBarTitle>
            {err}
          </MessageBarBody>
        </MessageBar>
      )}
      {phase === 'done' && result && (
        <MessageBar intent="success" data-testid="app-reg-result">
          <MessageBarBody>
            <MessageBarTitle>App registration created</MessageBarTitle>
            Client ID <span className={s.id}>{result.clientId}</span> in tenant <span className={s.id}>{result.tenantId}</span>.
            New sign-ins use it at once. Permissions granted:
            <span className={s.scopes} data-testid="app-reg-scopes">
              {scopeList(result.grantedScopes).map((sc) => (
                <Badge key={sc} appearance="outline" size="small">
                  {sc}
                </Badge>
              ))}
            </span>
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  )
}

function PasteForm({ initial, onSaved }: { initial: string; onSaved: (v: SettingsView) => void }) {
  const s = useStyles()
  const b = useBackend()
  const [id, setId] = useState(initial)
  const [busy, setBusy] = useState(false)
  const [msg, setMsg] = useState<{ intent: 'success' | 'error'; text: string } | null>(null)
  const save = async () => {
    setBusy(true)
    setMsg(null)
    try {
      onSaved(await b.settings.setClientId(id.trim()))
      setMsg({ intent: 'success', text: 'Saved: new sign-ins use this app registration.' })
    } catch (e) {
      setMsg({ intent: 'error', text: errorText(e) })
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className={s.section} data-testid="app-reg-paste-form">
      <Field
        label="Application (client) ID"
        hint="From Microsoft Entra admin center › App registrations › your app › Overview. The app must be multi-tenant, a public client, with redirect URI http://localhost."
      >
        <Input
          value={id}
          onChange={(_, d) => setId(d.value)}
          placeholder="00000000-0000-0000-0000-000000000000"
          data-testid="app-reg-client-id"
        />
      </Field>
      <div>
        <Button appearance="primary" disabled={busy || id.trim() === ''} onClick={save} data-testid="app-reg-save">
          Save client ID
        </Button>
      </div>
      {msg && (
        <MessageBar intent={msg.intent} data-testid="app-reg-paste-message">
          <MessageBarBody>{msg.text}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  )
}
