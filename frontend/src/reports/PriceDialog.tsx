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
import type { Billing, PriceRow, SkuOption } from '../api/types'
import { ALL_TENANTS } from '../tenantPick'
import { tenantLabel } from './tenants'

/** The form's fields as typed; Go validates and stores them. */
export interface PriceForm {
  tenantId: string
  skuId: string
  unitPrice: string
  currency: string
  billing: Billing
  termStart: string
  termEnd: string
}

/** YYYY-MM-DD of an RFC 3339 time from Go ("" stays ""). */
export function dayOf(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : ''
}

export function formOf(p: PriceRow | null, currency: string): PriceForm {
  if (!p) return { tenantId: ALL_TENANTS, skuId: '', unitPrice: '', currency, billing: 'monthly', termStart: '', termEnd: '' }
  return {
    tenantId: p.tenantId,
    skuId: p.skuId,
    unitPrice: String(p.unitPrice),
    currency: p.currency,
    billing: p.billing === 'annual' ? 'annual' : 'monthly',
    termStart: dayOf(p.termStart),
    termEnd: dayOf(p.termEnd),
  }
}

/** The PriceRow SetPrice receives, or the reason the form is incomplete. */
export function priceOf(f: PriceForm, skus: SkuOption[]): PriceRow | string {
  if (!f.skuId) return 'Choose a licence.'
  const text = f.unitPrice.trim().replace(',', '.')
  const unit = Number(text)
  if (text === '' || !Number.isFinite(unit)) return 'Enter the unit price as a number, e.g. 22.00.'
  const sku = skus.find((x) => x.skuId === f.skuId)
  return {
    tenantId: f.tenantId,
    skuId: f.skuId,
    partNumber: sku?.partNumber ?? '',
    name: sku?.name ?? '',
    unitPrice: unit,
    currency: f.currency.trim().toUpperCase(),
    billing: f.billing,
    termStart: f.termStart,
    termEnd: f.termEnd,
    monthly: 0,
  }
}

/** Adds or edits one price; `editing` fixes its SKU and tenant. */
export function PriceDialog({
  editing,
  skus,
  tenants,
  currency,
  onClose,
}: {
  editing: PriceRow | null
  skus: SkuOption[]
  tenants: TenantRow[]
  currency: string
  onClose: (saved: boolean) => void
}) {
  const api = useBackend().reports
  const [f, setF] = useState<PriceForm>(() => formOf(editing, currency))
  const [busy, setBusy] = useState(false)
  const [err, setErr] = useState('')
  const set = <K extends keyof PriceForm>(k: K, v: PriceForm[K]) => setF((x) => ({ ...x, [k]: v }))
  // Editing a price whose SKU no tenant has any more still shows it.
  const options = editing && !skus.some((x) => x.skuId === editing.skuId) ? [{ skuId: editing.skuId, partNumber: editing.partNumber, name: editing.name }, ...skus] : skus
  const save = async () => {
    const p = priceOf(f, options)
    if (typeof p === 'string') {
      setErr(p)
      return
    }
    setBusy(true)
    setErr('')
    try {
      await api.setPrice(p)
      onClose(true)
    } catch (e) {
      setErr(errorText(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && !busy && onClose(false)}>
      <DialogSurface data-testid="price-dialog">
        <DialogBody>
          <DialogTitle>{editing ? `Price of ${editing.name || editing.partNumber}` : 'Add a price'}</DialogTitle>
          <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
            <Field label="Licence" required>
              <Select value={f.skuId} disabled={!!editing} onChange={(_, d) => set('skuId', d.value)} data-testid="price-sku">
                <option value="">Choose a licence…</option>
                {options.map((x) => (
                  <option key={x.skuId} value={x.skuId}>
                    {x.name || x.partNumber} ({x.partNumber})
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Applies to" hint="A tenant's own price overrides the price for all tenants.">
              <Select value={f.tenantId} disabled={!!editing} onChange={(_, d) => set('tenantId', d.value)} data-testid="price-tenant">
                <option value={ALL_TENANTS}>All tenants</option>
                {tenants.map((t) => (
                  <option key={t.id} value={t.id}>
                    {tenantLabel(t)}
                  </option>
                ))}
              </Select>
            </Field>
            <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 96px 140px', gap: 12 }}>
              <Field label="Unit price" required hint={f.billing === 'annual' ? 'per licence per year' : 'per licence per month'}>
                <Input value={f.unitPrice} inputMode="decimal" onChange={(_, d) => set('unitPrice', d.value)} data-testid="price-unit" style={{ width: '100%', minWidth: 0 }} />
              </Field>
              <Field label="Currency">
                <Input value={f.currency} maxLength={3} onChange={(_, d) => set('currency', d.value)} data-testid="price-currency" style={{ width: '100%', minWidth: 0 }} />
              </Field>
              <Field label="Billing">
                <Select value={f.billing} onChange={(_, d) => set('billing', d.value as Billing)} data-testid="price-billing" style={{ minWidth: 0 }}>
                  <option value="monthly">Monthly</option>
                  <option value="annual">Annual</option>
                </Select>
              </Field>
            </div>
            <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: 12 }}>
              <Field label="Term start">
                <Input type="date" value={f.termStart} onChange={(_, d) => set('termStart', d.value)} data-testid="price-term-start" style={{ width: '100%', minWidth: 0 }} />
              </Field>
              <Field label="Term end">
                <Input type="date" value={f.termEnd} onChange={(_, d) => set('termEnd', d.value)} data-testid="price-term-end" style={{ width: '100%', minWidth: 0 }} />
              </Field>
            </div>
            {err && (
              <MessageBar intent="error" data-testid="price-error">
                <MessageBarBody>{err}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button disabled={busy} onClick={() => onClose(false)}>
              Cancel
            </Button>
            <Button appearance="primary" disabled={busy} onClick={save} data-testid="price-save">
              {busy ? <Spinner size="tiny" label="Saving…" /> : 'Save'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  )
}
