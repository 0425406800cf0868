// The reclaim list (Go: review's rules via Licensing.ReclaimList): licensed
// users who are disabled, inactive or hold duplicate licences. Select rows →
// the Reclaim dialog (dry run, confirm, apply).
import { useMemo, useState } from 'react'
import {
  Button,
  Caption1,
  Checkbox,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components'
import { Delete20Regular } from '@fluentui/react-icons'
import { useBackend } from '../api'
import type { ReclaimRequest } from '../api/licensingTypes'
import { useLoad } from '../hooks/useLoad'
import { EmptyState, ErrorState, Loading } from '../components/States'
import { Kpi, KpiRow } from '../components/Kpi'
import { ALL_TENANTS } from '../tenantPick'
import { DASH, fmtDate, fmtInt, fmtMoney } from '../format'
import { ReclaimDialog } from './ReclaimDialog'

const useStyles = makeStyles({
  col: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  grow: { flexGrow: 1 },
})

export function ReclaimList({ tenantId, onChanged }: { tenantId: string; onChanged?: () => void }) {
  const s = useStyles()
  const b = useBackend()
  const view = useLoad(() => b.licensing.reclaimList(tenantId, 0), `reclaim:${tenantId}`)
  const [picked, setPicked] = useState<Set<string>>(new Set())
  const [request, setRequest] = useState<ReclaimRequest | null>(null)
  const v = view.data
  const all = tenantId === ALL_TENANTS
  const rows = useMemo(() => v?.rows ?? [], [v])
  const allPicked = rows.length > 0 && rows.every((r) => picked.has(r.userId))

  if (view.error) return <ErrorState error={view.error} onRetry={view.reload} />
  if (!v) return <Loading label="Loading the reclaim list…" />
  const toggle = (id: string, on: boolean) =>
    setPicked((p) => {
      const n = new Set(p)
      if (on) n.add(id)
      else n.delete(id)
      return n
    })
  const chosen = rows.filter((r) => picked.has(r.userId))
  return (
    <div className={s.col} data-testid="reclaim-list">
      <KpiRow>
        <Kpi id="reclaim-users" label="Users to reclaim from" value={fmtInt(rows.length)} raw={rows.length} />
        <Kpi id="reclaim-monthly" label="Reclaimable each month" value={fmtMoney(v.monthlyCost, v.currency)} raw={v.monthlyCost} danger={v.monthlyCost > 0} />
      </KpiRow>
      {rows.length === 0 ? (
        <EmptyState title="Nothing to reclaim">No licensed user is disabled, inactive for more than {fmtInt(v.inactiveDays)} days or holds duplicate licences.</EmptyState>
      ) : (
        <>
          <div className={s.head}>
            <Caption1 className={s.grow}>
              {all ? 'Pick one tenant to reclaim its licences.' : `Select users, then check with a dry run what would be removed. Inactive: more than ${fmtInt(v.inactiveDays)} days.`}
            </Caption1>
            <Button
              appearance="primary"
              icon={<Delete20Regular />}
              disabled={all || chosen.length === 0}
              onClick={() => setRequest({ tenantId, inactiveDays: 0, users: chosen.map((r) => r.userPrincipalName || r.userId) })}
              data-testid="reclaim-selected"
            >
              Reclaim selected ({fmtInt(chosen.length)})
            </Button>
          </div>
          <Table size="small" aria-label="Reclaim list" data-testid="reclaim-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell style={{ width: 40 }}>
                  <Checkbox
                    aria-label="Select every row"
                    disabled={all}
                    checked={allPicked}
                    onChange={(_, d) => setPicked(d.checked ? new Set(rows.map((r) => r.userId)) : new Set())}
                    data-testid="reclaim-pick-all"
                  />
                </TableHeaderCell>
                {all && <TableHeaderCell>Tenant</TableHeaderCell>}
                <TableHeaderCell>User</TableHeaderCell>
                <TableHeaderCell>Reason</TableHeaderCell>
                <TableHeaderCell>Licences</TableHeaderCell>
                <TableHeaderCell>Last active</TableHeaderCell>
                <TableHeaderCell>Monthly cost</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={`${r.tenantId}/${r.userId}`} data-testid={`reclaim-row-${r.userId}`}>
                  <TableCell>
                    <Checkbox
                      aria-label={`Select ${r.userPrincipalName}`}
                      disabled={all}
                      checked={picked.has(r.userId)}
                      onChange={(_, d) => toggle(r.userId, !!d.checked)}
                      data-testid={`reclaim-pick-${r.userId}`}
                    />
                  </TableCell>
                  {all && <TableCell>{r.tenantName}</TableCell>}
                  <TableCell>
                    <Text weight="semibold">{r.displayName}</Text>
                    <br />
                    <Caption1>{r.userPrincipalName}</Caption1>
                  </TableCell>
                  <TableCell>
                    {r.reason}
                    <br />
                    <Caption1>{r.detail}</Caption1>
                  </TableCell>
                  <TableCell>{r.licenses}</TableCell>
                  <TableCell>{r.lastActive ? fmtDate(r.lastActive) : DASH}</TableCell>
                  <TableCell>{fmtMoney(r.monthlyCost, r.currency)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
      <ReclaimDialog
        request={request}
        onClose={(changed) => {
          setRequest(null)
          if (changed) {
            setPicked(new Set())
            view.reload()
            onChanged?.()
          }
        }}
      />
    </div>
  )
}
