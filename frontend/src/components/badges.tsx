import { Badge, Tooltip } from '@fluentui/react-components'
import type { TenantRow } from '../api/types'

const access: Record<string, { label: string; color: 'success' | 'warning' | 'danger' }> = {
  ready: { label: 'Ready', color: 'success' },
  needs_consent: { label: 'Needs consent', color: 'warning' },
  no_access: { label: 'No access', color: 'danger' },
  reconnect_needed: { label: 'Reconnect needed', color: 'danger' },
}

export function accessLabel(a: string): string {
  return access[a]?.label ?? (a || 'Unknown')
}

export function AccessBadge({ row }: { row: Pick<TenantRow, 'access' | 'accessDetail'> }) {
  const a = access[row.access] ?? { label: row.access || 'Unknown', color: 'informative' as const }
  const badge = (
    <Badge appearance="tint" color={a.color as 'success'} data-testid="access-badge" style={{ whiteSpace: 'nowrap' }}>
      {a.label}
    </Badge>
  )
  return row.accessDetail ? (
    <Tooltip content={row.accessDetail} relationship="description">
      {badge}
    </Tooltip>
  ) : (
    badge
  )
}

const sync: Record<string, { label: string; color: 'success' | 'danger' | 'warning' | 'brand' }> = {
  succeeded: { label: 'Synced', color: 'success' },
  failed: { label: 'Failed', color: 'danger' },
  interrupted: { label: 'Interrupted', color: 'warning' },
  running: { label: 'Syncing', color: 'brand' },
}

export function SyncBadge({ status }: { status: string }) {
  if (!status) return <Badge appearance="tint" color="informative" style={{ whiteSpace: 'nowrap' }}>Never synced</Badge>
  const s = sync[status] ?? { label: status, color: 'brand' as const }
  return (
    <Badge appearance="tint" color={s.color} data-testid="sync-badge" style={{ whiteSpace: 'nowrap' }}>
      {s.label}
    </Badge>
  )
}
