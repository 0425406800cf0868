import { useState } from 'react'
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
} from '@fluentui/react-components'
import { errorText, useBackend } from '../api'
import type { TenantRow } from '../api/types'
import type { ReportRow, TemplateView } from '../api/types'
import { tenantLabel } from './tenants'

/** Name (Go fills "Quarterly review Qn YYYY" when empty), tenant and template. */
export function NewReportDialog({
  tenantId,
  tenants,
  templates,
  onClose,
}: {
  tenantId: string
  tenants: TenantRow[]
  templates: TemplateView[]
  onClose: (created: ReportRow | null) => void
}) {
  const api = useBackend().reports
  const [tenant, setTenant] = useState(tenantId || tenants.find((t) => t.hasSnapshot)?.id || tenants[0]?.id || '')
  const [name, setName] = useState('')
  const [templateId, setTemplateId] = useState<number>(() => templates.find((t) => t.isDefault)?.id ?? templates[0]?.id ?? 0)
  const [busy, setBusy] = useState(false)
  const [err, setErr] = useState('')
  const create = async () => {
    setBusy(true)
    setErr('')
    try {
      onClose(await api.create(tenant, name.trim(), templateId))
    } catch (e) {
      setErr(errorText(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && !busy && onClose(null)}>
      <DialogSurface data-testid="new-report-dialog">
        <DialogBody>
          <DialogTitle>New report</DialogTitle>
          <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
            <Field label="Tenant" required>
              <Select value={tenant} onChange={(_, d) => setTenant(d.value)} data-testid="new-report-tenant">
                {tenants.map((t) => (
                  <option key={t.id} value={t.id}>
                    {tenantLabel(t)}
                    {t.hasSnapshot ? '' : ' (not synced yet)'}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Name" hint="Leave empty for “Quarterly review” with this quarter, e.g. Quarterly review Q1 2027.">
              <Input value={name} onChange={(_, d) => setName(d.value)} placeholder="Quarterly review Qn YYYY" data-testid="new-report-name" />
            </Field>
            <Field label="Template">
              <Select value={String(templateId)} onChange={(_, d) => setTemplateId(Number(d.value))} data-testid="new-report-template">
                {templates.length === 0 && <option value="0">Default template</option>}
                {templates.map((t) => (
                  <option key={t.id} value={String(t.id)}>
                    {t.name}
                    {t.isDefault ? ' (default)' : ''}
                  </option>
                ))}
              </Select>
            </Field>
            {err && (
              <MessageBar intent="error" data-testid="new-report-error">
                <MessageBarBody>{err}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button disabled={busy} onClick={() => onClose(null)}>
              Cancel
            </Button>
            <Button appearance="primary" disabled={busy || !tenant} onClick={create} data-testid="new-report-create">
              {busy ? <Spinner size="tiny" label="Creating…" /> : 'Create'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  )
}
