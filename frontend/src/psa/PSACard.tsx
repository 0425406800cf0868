// Settings › PSA: connect the MSP's ConnectWise PSA (site, company id,
// clientId, an API member's keys — Go checks them with ConnectWise before it
// saves anything, and keeps keys and clientId in the OS keychain), read its
// companies and contacts with progress and Cancel, disconnect.
import { useCallback, useEffect, useState } from 'react'
import {
  Badge,
  Button,
  Card,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Text,
  Title3,
  tokens,
} from '@fluentui/react-components'
import { errorText, useBackend } from '../api'
import type { ContactImport, PSAConnectInput, PSAProgress, PSAStatus } from '../api/psa'
import { fmtDateTime, fmtInt } from '../format'
import { useLocale } from '../locale'

const useStyles = makeStyles({
  card: { gap: tokens.spacingVerticalM },
  form: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
})

const empty: PSAConnectInput = { site: '', companyId: '', clientId: '', publicKey: '', privateKey: '' }

/** The outcome of one PSA read as one sentence (Go's counts, as they are). */
export function importSentence(r: ContactImport, locale?: string): string {
  return (
    `Read ${fmtInt(r.rows, locale)} contacts: ${fmtInt(r.added, locale)} added, ${fmtInt(r.updated, locale)} updated, ` +
    `${fmtInt(r.unchanged, locale)} unchanged, ${fmtInt(r.deactivated, locale)} marked inactive; ` +
    `${fmtInt(r.clientsAdded, locale)} new clients.`
  )
}

export function PSACard() {
  const s = useStyles()
  const b = useBackend()
  const { locale } = useLocale()
  const [status, setStatus] = useState<PSAStatus | null>(null)
  const [form, setForm] = useState<PSAConnectInput>(empty)
  const [busy, setBusy] = useState<'' | 'connect' | 'sync' | 'disconnect'>('')
  const [error, setError] = useState('')
  const [result, setResult] = useState<ContactImport | null>(null)
  const [progress, setProgress] = useState<PSAProgress | null>(null)

  const load = useCallback(() => {
    b.psa
      .status()
      .then(setStatus)
      .catch((e) => setError(errorText(e)))
  }, [b])
  useEffect(load, [load])
  useEffect(() => b.psa.onProgress(setProgress), [b])

  const set = (k: keyof PSAConnectInput) => (_: unknown, d: { value: string }) => setForm((f) => ({ ...f, [k]: d.value }))
  const complete = Object.values(form).every((v) => v.trim() !== '')

  const connect = async () => {
    setBusy('connect')
    setError('')
    try {
      setStatus(await b.psa.connect(form))
      setForm(empty) // the keys leave the page once Go has them
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy('')
    }
  }
  const sync = async () => {
    setBusy('sync')
    setError('')
    setResult(null)
    setProgress(null)
    try {
      setResult(await b.psa.sync())
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy('')
      setProgress(null)
      load()
    }
  }
  const disconnect = async () => {
    setBusy('disconnect')
    setError('')
    try {
      setStatus(await b.psa.disconnect())
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy('')
    }
  }

  return (
    <Card className={s.card} data-testid="psa-card">
      <Title3>PSA</Title3>
      {!status && !error && <Text>Loading…</Text>}
      {status?.connected && (
        <>
          <div className={s.row}>
            <Badge appearance="tint" color="success">
              Connected
            </Badge>
            <Text data-testid="psa-site">
              ConnectWise PSA at {status.site} (company {status.companyId})
            </Text>
          </div>
          <Text data-testid="psa-last">
            {status.lastSync ? `Last read ${fmtDateTime(status.lastSync, locale)}.` : 'Not read yet.'}
          </Text>
          {status.lastError && (
            <MessageBar intent="warning">
              <MessageBarBody data-testid="psa-last-error">Last read failed: {status.lastError}</MessageBarBody>
            </MessageBar>
          )}
          <div className={s.row}>
            <Button appearance="primary" disabled={busy !== ''} onClick={sync} data-testid="psa-sync">
              Read companies and contacts
            </Button>
            {busy === 'sync' && (
              <Button onClick={() => void b.psa.cancel()} data-testid="psa-cancel">
                Cancel
              </Button>
            )}
            <Button disabled={busy !== ''} onClick={disconnect} data-testid="psa-disconnect">
              Disconnect
            </Button>
          </div>
          {busy === 'sync' && (
            <div data-testid="psa-progress">
              <ProgressBar />
              <Text size={200}>
                {progress ? `Reading ${progress.phase}: ${fmtInt(progress.done, locale)}` : 'Contacting the PSA…'}
              </Text>
            </div>
          )}
        </>
      )}
      {status && !status.connected && (
        <>
          <Text>
            Connect ConnectWise PSA to bring in your clients (companies) and their contacts. The keys and the clientId
            are checked with ConnectWise, then kept in the OS keychain only. No PSA? Import a contacts CSV on the Clients
            page.
          </Text>
          <div className={s.form}>
            <Field label="Site" hint="na.myconnectwise.net, eu.…, au.…, or your server's https:// address">
              <Input value={form.site} onChange={set('site')} data-testid="psa-in-site" />
            </Field>
            <Field label="Company id" hint="as typed at the ConnectWise login">
              <Input value={form.companyId} onChange={set('companyId')} data-testid="psa-in-company" />
            </Field>
            <Field label="Client ID" hint="your integration's clientId (developer.connectwise.com)">
              <Input type="password" value={form.clientId} onChange={set('clientId')} data-testid="psa-in-clientid" />
            </Field>
            <span />
            <Field label="Public key" hint="of an API member with Companies and Contacts inquiry rights">
              <Input value={form.publicKey} onChange={set('publicKey')} data-testid="psa-in-public" />
            </Field>
            <Field label="Private key">
              <Input type="password" value={form.privateKey} onChange={set('privateKey')} data-testid="psa-in-private" />
            </Field>
          </div>
          <div className={s.row}>
            <Button appearance="primary" disabled={!complete || busy !== ''} onClick={connect} data-testid="psa-connect">
              {busy === 'connect' ? 'Checking with ConnectWise…' : 'Connect'}
            </Button>
          </div>
        </>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody data-testid="psa-error">{error}</MessageBarBody>
        </MessageBar>
      )}
      {result && (
        <MessageBar intent="success">
          <MessageBarBody data-testid="psa-result">{importSentence(result, locale)}</MessageBarBody>
        </MessageBar>
      )}
    </Card>
  )
}
