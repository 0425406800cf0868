// The licence audit log: every change TenantLens made (who signed in, when,
// tenant, user, licence, result, error and remedy), a tenant filter, CSV
// export (Go writes it) and Undo where Go says it is allowed.
import { useState } from 'react'
import {
  Button,
  Caption1,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
  Tooltip,
} from '@fluentui/react-components'
import { ArrowUndo16Regular, ArrowDownload20Regular } from '@fluentui/react-icons'
import { errorText, useBackend } from '../api'
import type { TenantRow } from '../api/types'
import { useLoad } from '../hooks/useLoad'
import { EmptyState, ErrorState, Loading } from '../components/States'
import { ALL_TENANTS } from '../tenantPick'
import { fmtDateTime, fmtMoney } from '../format'
import { resultBadge } from './results'

const useStyles = makeStyles({
  col: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  head: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  grow: { flexGrow: 1 },
  err: { color: tokens.colorPaletteRedForeground1 },
})

export function AuditLog({ tenants, initialTenant = ALL_TENANTS }: { tenants: TenantRow[]; initialTenant?: string }) {
  const s = useStyles()
  const b = useBackend()
  const [tenantId, setTenantId] = useState(initialTenant)
  const view = useLoad(() => b.licensing.audit(tenantId), `audit:${tenantId}`)
  const [msg, setMsg] = useState<{ intent: 'success' | 'error'; text: string } | null>(null)
  const [busy, setBusy] = useState<number | null>(null)

  const exportCsv = async () => {
    setMsg(null)
    try {
      const r = await b.licensing.exportAudit(tenantId, '')
      if (r.path) setMsg({ intent: 'success', text: `Saved ${r.rows} rows to ${r.path}` })
    } catch (e) {
      setMsg({ intent: 'error', text: errorText(e) })
    }
  }
  const undo = async (id: number) => {
    setMsg(null)
    setBusy(id)
    try {
      const r = await b.licensing.undo(id)
      const e = r.entries[0]
      setMsg(
        e && e.result !== 'done'
          ? { intent: 'error', text: `Undo ${e.result}: ${e.error} ${e.remedy}`.trim() }
          : { intent: 'success', text: `Licence added back${e ? ` to ${e.userPrincipalName}` : ''}.` },
      )
    } catch (e) {
      setMsg({ intent: 'error', text: errorText(e) })
    } finally {
      setBusy(null)
      view.reload()
    }
  }

  const rows = view.data ?? []
  return (
    <div className={s.col} data-testid="audit-log">
      <div className={s.head}>
        <Field label="Tenant" className={s.grow}>
          <Select value={tenantId} onChange={(_, d) => setTenantId(d.value)} data-testid="audit-tenant" style={{ maxWidth: 320 }}>
            <option value={ALL_TENANTS}>All tenants</option>
            {tenants.map((t) => (
              <option key={t.id} value={t.id}>
                {t.displayName || t.defaultDomain}
              </option>
            ))}
          </Select>
        </Field>
        <Button icon={<ArrowDownload20Regular />} onClick={exportCsv} disabled={rows.length === 0} data-testid="audit-export">
          Export CSV
        </Button>
      </div>
      {msg && (
        <MessageBar intent={msg.intent} data-testid="audit-message">
          <MessageBarBody>{msg.text}</MessageBarBody>
        </MessageBar>
      )}
      {view.error && <ErrorState error={view.error} onRetry={view.reload} />}
      {!view.data && !view.error && <Loading label="Loading the audit log…" />}
      {view.data && rows.length === 0 && <EmptyState title="No licence changes yet">Every licence TenantLens removes or adds back is recorded here.</EmptyState>}
      {rows.length > 0 && (
        <Table size="small" aria-label="Licence audit log" data-testid="audit-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>When</TableHeaderCell>
              <TableHeaderCell>Signed in as</TableHeaderCell>
              <TableHeaderCell>Tenant</TableHeaderCell>
              <TableHeaderCell>User</TableHeaderCell>
              <TableHeaderCell>Licence</TableHeaderCell>
              <TableHeaderCell>Action</TableHeaderCell>
              <TableHeaderCell>Result</TableHeaderCell>
              <TableHeaderCell style={{ width: '24%' }}>Error</TableHeaderCell>
              <TableHeaderCell>Monthly</TableHeaderCell>
              <TableHeaderCell />
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map(({ entry: e, canUndo, undoBlocker }) => (
              <TableRow key={e.id} data-testid={`audit-row-${e.id}`}>
                <TableCell>{fmtDateTime(e.createdAt)}</TableCell>
                <TableCell>{e.actor}</TableCell>
                <TableCell>{e.tenantName}</TableCell>
                <TableCell>{e.userPrincipalName}</TableCell>
                <TableCell>{e.skuName}</TableCell>
                <TableCell>{e.action === 'add' ? `Added back${e.undoOf ? ` (undo of ${e.undoOf})` : ''}` : 'Removed'}</TableCell>
                <TableCell>{resultBadge(e.result)}</TableCell>
                <TableCell>
                  {e.error && <Text className={s.err}>{e.error}</Text>}
                  {e.remedy && (
                    <>
                      <br />
                      <Caption1>{e.remedy}</Caption1>
                    </>
                  )}
                </TableCell>
                <TableCell>{fmtMoney(e.monthlySaving, e.currency)}</TableCell>
                <TableCell>
                  {canUndo ? (
                    <Button size="small" icon={<ArrowUndo16Regular />} disabled={busy !== null} onClick={() => undo(e.id)} data-testid={`audit-undo-${e.id}`}>
                      Undo
                    </Button>
                  ) : (
                    undoBlocker && (
                      <Tooltip content={undoBlocker} relationship="description">
                        <Caption1 data-testid={`audit-noundo-${e.id}`}>No undo</Caption1>
                      </Tooltip>
                    )
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  )
}
