import { useState } from 'react'
import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components'
import { Add20Regular, Delete20Regular, Edit20Regular } from '@fluentui/react-icons'
import { errorText, useBackend } from '../api'
import type { PriceRow } from '../api/types'
import { fmtDate, fmtMoney } from '../format'
import { useLoad } from '../hooks/useLoad'
import { EmptyState, ErrorState, Loading } from '../components/States'
import { PriceDialog } from './PriceDialog'
import { tenantNames } from './tenants'

const useStyles = makeStyles({
  tab: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  bar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  grow: { flexGrow: 1 },
  num: { textAlign: 'right', whiteSpace: 'nowrap' },
  code: { wordBreak: 'break-all' },
  table: { backgroundColor: tokens.colorNeutralBackground1 },
})

const priceKey = (p: Pick<PriceRow, 'tenantId' | 'skuId'>) => `${p.tenantId || 'all'}/${p.skuId}`

export function PricesTab() {
  const s = useStyles()
  const b = useBackend()
  const api = b.reports
  const prices = useLoad(() => api.prices(), 'prices')
  const extra = useLoad(() => Promise.all([b.tenants.list(), api.skus()]), 'price-extra')
  const [editing, setEditing] = useState<PriceRow | null | 'new'>(null)
  const [deleting, setDeleting] = useState<PriceRow | null>(null)
  const [busy, setBusy] = useState(false)
  const [err, setErr] = useState('')

  const tenants = extra.data?.[0] ?? []
  const skus = extra.data?.[1] ?? []
  const names = tenantNames(tenants)
  const rows = prices.data

  const remove = async (p: PriceRow) => {
    setBusy(true)
    setErr('')
    try {
      await api.deletePrice(p.tenantId, p.skuId)
      setDeleting(null)
      prices.reload()
    } catch (e) {
      setErr(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className={s.tab} data-testid="prices-tab">
      <div className={s.bar}>
        <Text className={s.grow}>
          Unit prices per licence. Costs, unused-licence waste and the reclaim list use them; a tenant's own price overrides the price for all tenants.
        </Text>
        <Button appearance="primary" icon={<Add20Regular />} disabled={!extra.data} onClick={() => setEditing('new')} data-testid="price-add">
          Add price
        </Button>
      </div>
      {err && !deleting && (
        <MessageBar intent="error">
          <MessageBarBody>{err}</MessageBarBody>
        </MessageBar>
      )}
      {prices.error && <ErrorState error={prices.error} onRetry={prices.reload} />}
      {extra.error && (
        <MessageBar intent="warning">
          <MessageBarBody>Could not list the tenants and licences to price: {extra.error}</MessageBarBody>
        </MessageBar>
      )}
      {!rows && !prices.error && <Loading />}
      {rows && rows.length === 0 && <EmptyState title="No prices yet">Add the prices you charge so reports show monthly spend and waste.</EmptyState>}
      {rows && rows.length > 0 && (
        <Table size="small" className={s.table} aria-label="Price list" data-testid="price-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell style={{ width: '21%' }}>Licence</TableHeaderCell>
              <TableHeaderCell style={{ width: '18%' }}>Part number</TableHeaderCell>
              <TableHeaderCell style={{ width: '13%' }}>Applies to</TableHeaderCell>
              <TableHeaderCell className={s.num} style={{ width: '9%' }}>Unit price</TableHeaderCell>
              <TableHeaderCell style={{ width: '7%' }}>Currency</TableHeaderCell>
              <TableHeaderCell style={{ width: '8%' }}>Billing</TableHeaderCell>
              <TableHeaderCell style={{ width: '9%' }}>Term start</TableHeaderCell>
              <TableHeaderCell style={{ width: '9%' }}>Term end</TableHeaderCell>
              <TableHeaderCell className={s.num} style={{ width: '9%' }}>Per month</TableHeaderCell>
              <TableHeaderCell style={{ width: 80 }} />
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((p) => (
              <TableRow key={priceKey(p)} data-testid={`price-${priceKey(p)}`}>
                <TableCell>{p.name || p.partNumber || p.skuId}</TableCell>
                <TableCell className={s.code}>{p.partNumber}</TableCell>
                <TableCell>{p.tenantId ? (names.get(p.tenantId) ?? p.tenantId) : 'All tenants'}</TableCell>
                <TableCell className={s.num}>{fmtMoney(p.unitPrice, p.currency)}</TableCell>
                <TableCell>{p.currency}</TableCell>
                <TableCell>{p.billing === 'annual' ? 'Annual' : 'Monthly'}</TableCell>
                <TableCell>{p.termStart ? fmtDate(p.termStart) : ''}</TableCell>
                <TableCell>{p.termEnd ? fmtDate(p.termEnd) : ''}</TableCell>
                <TableCell className={s.num} data-testid="price-monthly">
                  {fmtMoney(p.monthly, p.currency)}
                </TableCell>
                <TableCell>
                  <Button size="small" appearance="subtle" icon={<Edit20Regular />} aria-label={`Edit the price of ${p.name || p.partNumber}`} onClick={() => setEditing(p)} />
                  <Button
                    size="small"
                    appearance="subtle"
                    icon={<Delete20Regular />}
                    aria-label={`Delete the price of ${p.name || p.partNumber}`}
                    onClick={() => {
                      setErr('')
                      setDeleting(p)
                    }}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {rows && rows.length > 0 && <Caption1>“Per month” is the monthly equivalent TenantLens uses for costs (annual prices spread over twelve months).</Caption1>}
      {editing && (
        <PriceDialog
          editing={editing === 'new' ? null : editing}
          skus={skus}
          tenants={tenants}
          currency={rows?.[0]?.currency || 'USD'}
          onClose={(saved) => {
            setEditing(null)
            if (saved) prices.reload()
          }}
        />
      )}
      <Dialog open={!!deleting} onOpenChange={(_, d) => !d.open && !busy && setDeleting(null)}>
        <DialogSurface data-testid="price-delete-dialog">
          <DialogBody>
            <DialogTitle>Delete this price?</DialogTitle>
            <DialogContent>
              <Text>
                {deleting?.tenantId
                  ? `${names.get(deleting.tenantId) ?? deleting.tenantId} goes back to the price for all tenants of ${deleting.name || deleting.partNumber}.`
                  : `${deleting?.name || deleting?.partNumber} will have no list price; tenants without their own price show no cost for it.`}{' '}
                Final report versions keep the prices they were built with.
              </Text>
              {err && (
                <MessageBar intent="error" style={{ marginTop: 12 }}>
                  <MessageBarBody>{err}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button disabled={busy} onClick={() => setDeleting(null)}>
                Cancel
              </Button>
              <Button appearance="primary" disabled={busy} onClick={() => deleting && remove(deleting)} data-testid="price-delete-confirm">
                Delete
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  )
}
