// The Licenses page's "Assignment errors" (Go: review.LicenseStates): who,
// which licence, from which group, Microsoft's error and what to do (Go's
// text), with the direct/inherited counts.
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
import { Notes } from '../components/Notes'
import { ALL_TENANTS } from '../tenantPick'
import { fmtInt } from '../format'

const useStyles = makeStyles({
  col: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  err: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
})

export function AssignmentErrors({ tenantId }: { tenantId: string }) {
  const s = useStyles()
  const b = useBackend()
  const view = useLoad(() => b.licensing.licenseStates(tenantId), `states:${tenantId}`)
  const v = view.data
  const all = tenantId === ALL_TENANTS

  if (view.error) return <ErrorState error={view.error} onRetry={view.reload} />
  if (!v) return <Loading label="Loading licence sources…" />
  return (
    <div className={s.col} data-testid="assignment-errors">
      <Notes notes={v.notes} />
      {v.available && (
        <Caption1 data-testid="source-counts">
          {fmtInt(v.direct)} assigned directly, {fmtInt(v.inherited)} inherited from groups
        </Caption1>
      )}
      {!v.available ? (
        <EmptyState title="Licence sources not known yet">Sync this tenant to see where its licences come from.</EmptyState>
      ) : v.errors.length === 0 ? (
        <EmptyState title="No assignment errors">Every licence Microsoft assigned is active.</EmptyState>
      ) : (
        <Table size="small" aria-label="Assignment errors" data-testid="assignment-errors-table">
          <TableHeader>
            <TableRow>
              {all && <TableHeaderCell>Tenant</TableHeaderCell>}
              <TableHeaderCell>User</TableHeaderCell>
              <TableHeaderCell>Licence</TableHeaderCell>
              <TableHeaderCell>From</TableHeaderCell>
              <TableHeaderCell>Error</TableHeaderCell>
              <TableHeaderCell style={{ width: '34%' }}>What to do</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {v.errors.map((r) => (
              <TableRow key={`${r.tenantId}/${r.userId}/${r.skuId}/${r.groupId}`} data-testid={`assignment-error-${r.userId}`}>
                {all && <TableCell>{r.tenantName}</TableCell>}
                <TableCell>
                  <Text weight="semibold">{r.displayName}</Text>
                  <br />
                  <Caption1>{r.userPrincipalName}</Caption1>
                </TableCell>
                <TableCell>{r.name}</TableCell>
                <TableCell data-testid="error-source">{r.source}</TableCell>
                <TableCell className={s.err} data-testid="error-code">
                  {r.error}
                  {r.state ? <Caption1> ({r.state})</Caption1> : null}
                </TableCell>
                <TableCell data-testid="error-remedy">{r.errorText}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  )
}
