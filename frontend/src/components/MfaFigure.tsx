// A tenant's MFA coverage as a figure, or "Unavailable" when Go could not
// read its MFA registration data (then the 0 it sends is not a figure).
import { Text, Tooltip } from '@fluentui/react-components'
import type { TenantRow } from '../api/types'
import { fmtPct } from '../format'

type Row = Pick<TenantRow, 'hasSnapshot' | 'mfaAvailable' | 'mfaCoveragePct' | 'notes'>

/** Why a tenant's MFA figure is missing: its notes from Go. */
export function mfaUnavailableReason(row: Pick<TenantRow, 'notes'>): string {
  return row.notes.length > 0 ? row.notes.join('\n') : 'MFA registration data could not be read for this tenant.'
}

/** Tenants whose MFA coverage is a real figure (synced and readable). */
export function withMfa<T extends Pick<TenantRow, 'hasSnapshot' | 'mfaAvailable'>>(rows: T[]): T[] {
  return rows.filter((r) => r.hasSnapshot && r.mfaAvailable)
}

export function MfaFigure({ row, prefix = '', size = 300 }: { row: Row; prefix?: string; size?: 200 | 300 }) {
  if (!row.hasSnapshot) return <>—</>
  if (!row.mfaAvailable) {
    return (
      <Tooltip content={<span style={{ whiteSpace: 'pre-line' }}>{mfaUnavailableReason(row)}</span>} relationship="description">
        <Text size={size} tabIndex={0} data-testid="mfa-unavailable" style={{ whiteSpace: 'nowrap' }}>
          {prefix}Unavailable
        </Text>
      </Tooltip>
    )
  }
  return (
    <Text size={size} data-testid="mfa-figure" style={{ whiteSpace: 'nowrap' }}>
      {prefix}
      {fmtPct(row.mfaCoveragePct)}
    </Text>
  )
}
