// The "Right-size" list (Go: review.RightSize): users whose licence carries
// services they did not use in the window, with Go's cheaper suite and the
// monthly saving. Suggestions never drop a service used in the window (Go);
// each row shows Go's reason and the services kept because no report
// measures their use (desktop apps, security features).
import {
  Caption1,
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
import { useBackend } from '../api'
import { useLoad } from '../hooks/useLoad'
import { EmptyState, ErrorState, Loading } from '../components/States'
import { Kpi, KpiRow } from '../components/Kpi'
import { Notes } from '../components/Notes'
import { ALL_TENANTS } from '../tenantPick'
import { fmtInt, fmtList, fmtMoney } from '../format'

const useStyles = makeStyles({
  col: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
})

/** days <= 0: Go uses the Settings inactivity threshold. */
export function RightSizeList({ tenantId, days = 0 }: { tenantId: string; days?: number }) {
  const s = useStyles()
  const b = useBackend()
  const view = useLoad(() => b.licensing.rightSize(tenantId, days), `rightsize:${tenantId}:${days}`)
  const v = view.data
  const all = tenantId === ALL_TENANTS

  if (view.error) return <ErrorState error={view.error} onRetry={view.reload} />
  if (!v) return <Loading label="Loading right-size suggestions…" />
  return (
    <div className={s.col} data-testid="right-size">
      <Notes notes={v.notes} />
      <KpiRow>
        <Kpi id="rightsize-users" label="Users to right-size" value={fmtInt(v.rows.length)} raw={v.rows.length} />
        <Kpi id="rightsize-monthly" label="Saving each month" value={fmtMoney(v.monthlySaving, v.currency)} raw={v.monthlySaving} />
        <Kpi id="rightsize-annual" label="Saving each year" value={fmtMoney(v.annualSaving, v.currency)} raw={v.annualSaving} />
      </KpiRow>
      <Caption1>Services not used in the last {fmtInt(v.windowDays)} days.</Caption1>
      {v.rows.length === 0 ? (
        <EmptyState title="Nothing to right-size">Every licensed user uses the services their licence is for.</EmptyState>
      ) : (
        <Table size="small" aria-label="Right-size suggestions" data-testid="right-size-table">
          <TableHeader>
            <TableRow>
              {all && <TableHeaderCell>Tenant</TableHeaderCell>}
              <TableHeaderCell>User</TableHeaderCell>
              <TableHeaderCell>Current licence</TableHeaderCell>
              <TableHeaderCell>Suggested</TableHeaderCell>
              <TableHeaderCell>Services used</TableHeaderCell>
              <TableHeaderCell>Kept (use not measured)</TableHeaderCell>
              <TableHeaderCell>Monthly saving</TableHeaderCell>
              <TableHeaderCell>Reason</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {v.rows.map((r) => (
              <TableRow key={`${r.tenantId}/${r.userId}/${r.currentSkuId}`} data-testid={`rightsize-${r.userId}`}>
                {all && <TableCell>{r.tenantName}</TableCell>}
                <TableCell>
                  <Text weight="semibold">{r.displayName || r.userPrincipalName}</Text>
                  <br />
                  <Caption1>{r.userPrincipalName}</Caption1>
                </TableCell>
                <TableCell>
                  {r.currentName} <Caption1>({fmtMoney(r.currentPrice, r.currency)})</Caption1>
                  {r.source && (
                    <>
                      <br />
                      <Caption1 data-testid="rightsize-source">{r.source}</Caption1>
                    </>
                  )}
                </TableCell>
                <TableCell>
                  {r.suggestedName} <Caption1>({fmtMoney(r.suggestedPrice, r.currency)})</Caption1>
                </TableCell>
                <TableCell data-testid="rightsize-used">{r.used.length > 0 ? fmtList(r.used) : 'none'}</TableCell>
                <TableCell data-testid="rightsize-kept">{r.kept && r.kept.length > 0 ? fmtList(r.kept) : 'none'}</TableCell>
                <TableCell data-testid="rightsize-saving">{fmtMoney(r.monthlySaving, r.currency)}</TableCell>
                <TableCell data-testid="rightsize-reason">
                  <Caption1>{r.reason}</Caption1>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  )
}
