// The Overview's clients table: one row per client and per tenant not yet
// mapped, in Go's order (worst problems first by default; a header sorts
// through Go), each row opening its dashboard. Go's figures only.
import { useState } from 'react'
import {
  Badge,
  Caption1,
  Card,
  Link,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title3,
  Tooltip,
} from '@fluentui/react-components'
import type { ClientOverviewRow, ClientsOverview, OverviewSort } from '../api/history'
import { fmtAgo, fmtInt, fmtMoney, fmtPct, MIXED } from '../format'
import { dashboardHash, openHash } from './route'

export const statusLabels: Record<string, { label: string; color: 'danger' | 'warning' | 'informative' | 'success' }> = {
  reconnect: { label: 'Reconnect needed', color: 'danger' },
  no_access: { label: 'No access', color: 'danger' },
  failed: { label: 'Sync failed', color: 'danger' },
  not_synced: { label: 'Not synced yet', color: 'informative' },
  ok: { label: 'OK', color: 'success' },
}

export function StatusBadge({ status, detail }: { status: string; detail: string }) {
  const s = statusLabels[status] ?? { label: status, color: 'informative' as const }
  const b = (
    <Badge appearance="tint" color={s.color} data-testid="overview-status" data-status={status} style={{ whiteSpace: 'nowrap' }}>
      {s.label}
    </Badge>
  )
  return detail ? (
    <Tooltip content={detail} relationship="description">
      {b}
    </Tooltip>
  ) : (
    b
  )
}

const columns: { key: OverviewSort; label: string }[] = [
  { key: 'name', label: 'Client' },
  { key: 'users', label: 'Users' },
  { key: 'licensed', label: 'Licensed' },
  { key: 'mfa', label: 'MFA coverage' },
  { key: 'unused', label: 'Unused licences' },
  { key: 'waste', label: 'Monthly waste' },
  { key: 'lastSync', label: 'Last sync' },
  { key: 'status', label: 'Status' },
]

export function rowHash(r: ClientOverviewRow): string {
  return r.kind === 'client' ? dashboardHash({ kind: 'client', id: r.clientId }) : dashboardHash({ kind: 'tenant', id: r.tenantId })
}

function waste(r: ClientOverviewRow) {
  if (!r.currency) return 'No price list'
  if (r.currency === MIXED) return 'Several currencies'
  return fmtMoney(r.monthlyWaste, r.currency)
}

export interface SortState {
  key: OverviewSort
  desc: boolean
}

/** The table; `sort` is what Go was asked for, `onSort` asks again. */
export function OverviewClients({ data, sort, onSort }: { data: ClientsOverview; sort: SortState; onSort: (s: SortState) => void }) {
  const [now] = useState(() => new Date())
  const dir = (k: OverviewSort) => (sort.key === k ? (sort.desc ? 'descending' : 'ascending') : undefined)
  const click = (k: OverviewSort) => onSort(sort.key === k ? { key: k, desc: !sort.desc } : { key: k, desc: k !== 'name' && k !== 'mfa' })
  return (
    <Card>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 12, flexWrap: 'wrap' }}>
        <Title3>Clients</Title3>
        <Caption1 data-testid="overview-clients-sort">
          {sort.key === 'worst' ? 'Worst problems first' : `Sorted by ${columns.find((c) => c.key === sort.key)?.label.toLowerCase()}`}
        </Caption1>
        {sort.key !== 'worst' && (
          <Link onClick={() => onSort({ key: 'worst', desc: false })} data-testid="overview-sort-worst">
            Worst problems first
          </Link>
        )}
      </div>
      <Table aria-label="Clients" data-testid="overview-clients" size="small" sortable>
        <TableHeader>
          <TableRow>
            {columns.map((c) => (
              <TableHeaderCell key={c.key} sortDirection={dir(c.key)} onClick={() => click(c.key)} data-testid={`overview-sort-${c.key}`}>
                {c.label}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.rows.map((r) => {
            const id = r.kind === 'client' ? `client-${r.clientId}` : `tenant-${r.tenantId}`
            const synced = r.synced > 0
            return (
              <TableRow key={id} data-testid={`overview-client-${id}`} data-kind={r.kind}>
                <TableCell>
                  <Link href={rowHash(r)} onClick={(e) => (e.preventDefault(), openHash(rowHash(r)))} data-testid="overview-open">
                    {r.name}
                  </Link>
                  <br />
                  <Caption1>
                    {r.kind === 'tenant' ? 'Tenant not mapped to a client' : `${fmtInt(r.tenants)} ${r.tenants === 1 ? 'tenant' : 'tenants'}`}
                  </Caption1>
                </TableCell>
                <TableCell data-value={r.users}>{synced ? fmtInt(r.users) : '—'}</TableCell>
                <TableCell data-value={r.licensed}>{synced ? fmtInt(r.licensed) : '—'}</TableCell>
                <TableCell data-value={r.mfaCoveragePct}>{!synced ? '—' : r.mfaAvailable ? fmtPct(r.mfaCoveragePct) : 'Unavailable'}</TableCell>
                <TableCell data-value={r.unusedLicenses}>{synced ? fmtInt(r.unusedLicenses) : '—'}</TableCell>
                <TableCell data-value={r.monthlyWaste}>{synced ? waste(r) : '—'}</TableCell>
                <TableCell>
                  <Text size={200}>{r.lastSync ? fmtAgo(r.lastSync, now) : 'Never'}</Text>
                </TableCell>
                <TableCell>
                  <StatusBadge status={r.status} detail={r.statusDetail} />
                </TableCell>
              </TableRow>
            )
          })}
        </TableBody>
      </Table>
    </Card>
  )
}
