// A tenant's "Allow licence changes" (off by default). Turning it on runs
// Go's incremental consent for the licence-assignment permission in the
// browser; turning it off forgets that sign-in. Go stores the state.
import { useEffect, useState } from 'react'
import { Button, Caption1, Spinner, Switch, tokens } from '@fluentui/react-components'
import { errorText, useBackend } from '../api'
import type { LicenceChanges } from '../api/licensingTypes'
import { fmtDateTime } from '../format'

export function LicenceChangesToggle({ tenantId, partner }: { tenantId: string; partner?: boolean }) {
  const b = useBackend()
  const [lc, setLc] = useState<LicenceChanges | null>(null)
  const [busy, setBusy] = useState(false)
  const [err, setErr] = useState('')

  useEffect(() => {
    let live = true
    b.licensing
      .licenceChanges(tenantId)
      .then((v) => live && setLc(v))
      .catch((e) => live && setErr(errorText(e)))
    return () => {
      live = false
    }
  }, [tenantId, b])

  const set = async (allow: boolean) => {
    setBusy(true)
    setErr('')
    try {
      setLc(await b.licensing.setLicenceChanges(tenantId, allow))
    } catch (e) {
      setErr(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div data-testid={`licence-changes-${tenantId}`}>
      <Switch
        label="Allow licence changes"
        checked={!!lc?.allowed}
        disabled={!lc || busy}
        onChange={(_, d) => void set(d.checked)}
        data-testid="licence-changes-switch"
      />
      {busy && (
        <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <Spinner size="tiny" label="Sign in in your browser to grant the licence-assignment permission…" />
          <Button size="small" onClick={() => void b.licensing.cancel()} data-testid="licence-changes-cancel">
            Cancel
          </Button>
        </div>
      )}
      {lc?.allowed && lc.consentedBy && (
        <Caption1 data-testid="licence-changes-by">
          Consented by {lc.consentedBy}
          {lc.consentedAt ? ` on ${fmtDateTime(lc.consentedAt)}` : ''}
        </Caption1>
      )}
      {!lc?.allowed && partner && !busy && (
        <Caption1 style={{ display: 'block', color: tokens.colorNeutralForeground3 }}>
          Through GDAP the relationship needs License Administrator or User Administrator.
        </Caption1>
      )}
      {err && (
        <Caption1 role="alert" style={{ display: 'block', color: tokens.colorPaletteRedForeground1 }} data-testid="licence-changes-error">
          {err}
        </Caption1>
      )}
    </div>
  )
}
