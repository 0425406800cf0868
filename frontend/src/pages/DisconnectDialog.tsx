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
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
} from '@fluentui/react-components'
import { errorText, useBackend } from '../api'
import type { TenantRow } from '../api/types'

export function tenantName(t: Pick<TenantRow, 'displayName' | 'defaultDomain' | 'id'>): string {
  return t.displayName || t.defaultDomain || t.id
}

/** Confirms a disconnect, saying exactly what goes. */
export function DisconnectDialog({
  tenant,
  partnerTenants,
  onClose,
}: {
  tenant: TenantRow | null
  partnerTenants: number // tenants found through the same partner connection
  onClose: (removed: boolean) => void
}) {
  const b = useBackend()
  const [wholePartner, setWholePartner] = useState(false)
  const [busy, setBusy] = useState(false)
  const [err, setErr] = useState('')
  const close = (removed: boolean) => {
    setWholePartner(false)
    setErr('')
    onClose(removed)
  }
  const go = async () => {
    if (!tenant) return
    setBusy(true)
    setErr('')
    try {
      if (wholePartner) await b.tenants.disconnectPartner(tenant.connectionId)
      else await b.tenants.disconnect(tenant.id)
      close(true)
    } catch (e) {
      setErr(errorText(e))
    } finally {
      setBusy(false)
    }
  }
  const name = tenant ? tenantName(tenant) : ''
  const partner = tenant?.connectionKind === 'partner'
  return (
    <Dialog open={!!tenant} onOpenChange={(_, d) => !d.open && !busy && close(false)}>
      <DialogSurface data-testid="disconnect-dialog">
        <DialogBody>
          <DialogTitle>Disconnect {name}?</DialogTitle>
          <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
            <Text data-testid="disconnect-what">
              {wholePartner
                ? `This removes the tokens, synced data, mappings and logs of the partner connection and all ${partnerTenants} tenants found through it.`
                : `This removes the tokens, synced data, mappings and logs of ${name}.`}
            </Text>
            <Text>Nothing is changed in Microsoft 365. You can connect again later; history already removed does not come back.</Text>
            {partner && partnerTenants > 1 && (
              <Checkbox
                checked={wholePartner}
                onChange={(_, d) => setWholePartner(!!d.checked)}
                label={`Disconnect the whole partner connection (${partnerTenants} tenants)`}
              />
            )}
            {err && (
              <MessageBar intent="error">
                <MessageBarBody>{err}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={go} disabled={busy} data-testid="disconnect-confirm">
              {busy ? <Spinner size="tiny" /> : 'Disconnect'}
            </Button>
            <Button onClick={() => close(false)} disabled={busy}>
              Cancel
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  )
}
