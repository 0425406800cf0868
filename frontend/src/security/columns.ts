// The MFA grid's enforcement columns (issue 15), beside the unchanged MFA
// Status column: who requires MFA of the user, the policies (Go's detail),
// and the combined state with registration.
import type { CellClassParams, CellStyle, ValueGetterParams } from 'ag-grid-community'
import { tokens } from '@fluentui/react-components'
import type { UserRow } from '../api/types'
import type { UserColumn } from '../users/columns'
import { combinedLabel, enforcementLabel } from './labels'

/** "MFA required by": Go's source, with the partial marker. */
export function requiredByText(r: Pick<UserRow, 'mfaEnforcement' | 'mfaEnforcementPartial'>): string {
  const l = enforcementLabel(r.mfaEnforcement)
  return r.mfaEnforcementPartial ? `${l} (partial)` : l
}

function combinedStyle(p: CellClassParams<UserRow>): CellStyle | null {
  switch (p.data?.mfaCombined) {
    case 'atRisk':
      return { color: tokens.colorPaletteRedForeground1, fontWeight: 600 }
    case 'requiredNotRegistered':
      return { color: tokens.colorPaletteDarkOrangeForeground1 }
    case 'notApplicable':
    case 'unknown':
      return { color: tokens.colorNeutralForeground3 }
  }
  return null
}

export function enforcementColumns(): UserColumn[] {
  return [
    {
      colId: 'mfaRequiredBy',
      headerName: 'MFA Required By',
      valueGetter: (p: ValueGetterParams<UserRow>) => (p.data ? requiredByText(p.data) : ''),
      width: 190,
    },
    { colId: 'mfaEnforcementDetail', headerName: 'Enforcement Detail', field: 'mfaEnforcementDetail', width: 300, tooltipField: 'mfaEnforcementDetail' },
    {
      colId: 'mfaCombined',
      headerName: 'MFA Protection',
      valueGetter: (p: ValueGetterParams<UserRow>) => (p.data ? combinedLabel(p.data.mfaCombined) : ''),
      cellStyle: combinedStyle,
      width: 300,
    },
  ]
}

/** Inserts the enforcement columns right after MFA Status. */
export function withEnforcement<T extends UserColumn>(cols: T[]): UserColumn[] {
  const i = cols.findIndex((c) => c.colId === 'mfaStatus')
  const at = i < 0 ? cols.length : i + 1
  return [...cols.slice(0, at), ...enforcementColumns(), ...cols.slice(at)]
}
