// Column definitions shared by the Users and MFA grids. Labels follow the
// workbook's Users sheet so the UI and the export read the same.
import type { ColDef, ValueFormatterParams, CellStyle, CellClassParams } from 'ag-grid-community'
import { tokens } from '@fluentui/react-components'
import type { UserRow } from '../api/types'
import { fmtBool, fmtCount, fmtDate, fmtList } from '../format'

type Col = ColDef<UserRow>

const date = (p: ValueFormatterParams<UserRow, string>) => fmtDate(p.value ?? '')
const list = (p: ValueFormatterParams<UserRow, string[]>) => fmtList(p.value)
const bool = (p: ValueFormatterParams<UserRow, boolean>) => fmtBool(!!p.value)
const count = (p: ValueFormatterParams<UserRow, number>) => fmtCount(p.value ?? -1)

/** MFA "Disabled" in red, "Unavailable" muted. */
export function mfaStyle(p: CellClassParams<UserRow, string>): CellStyle | null {
  if (p.value === 'Disabled') return { color: tokens.colorPaletteRedForeground1, fontWeight: 600 }
  if (p.value === 'Unavailable' || p.value === 'N/A') return { color: tokens.colorNeutralForeground3 }
  return null
}

export interface UserColumn extends Col {
  colId: string
  headerName: string
}

export function userColumns(): UserColumn[] {
  return [
    { colId: 'tenant', headerName: 'Tenant', field: 'tenantName', width: 170 },
    { colId: 'displayName', headerName: 'Display Name', field: 'displayName', pinned: 'left', width: 200 },
    { colId: 'upn', headerName: 'User Principal Name', field: 'userPrincipalName', width: 260 },
    { colId: 'mail', headerName: 'Email', field: 'mail', width: 240 },
    { colId: 'department', headerName: 'Department', field: 'department', width: 140 },
    { colId: 'jobTitle', headerName: 'Job Title', field: 'jobTitle', width: 160 },
    { colId: 'userType', headerName: 'User Type', field: 'userType', width: 110 },
    { colId: 'enabled', headerName: 'Account Enabled', field: 'accountEnabled', valueFormatter: bool, width: 130 },
    { colId: 'resource', headerName: 'Resource Account', field: 'resourceAccount', valueFormatter: bool, width: 140 },
    { colId: 'licenseNames', headerName: 'License Names', field: 'licenseNames', valueFormatter: list, width: 260 },
    { colId: 'licenseParts', headerName: 'License Values', field: 'licenseParts', valueFormatter: list, width: 220 },
    { colId: 'mfaStatus', headerName: 'MFA Status', field: 'mfaStatus', cellStyle: mfaStyle, width: 120 },
    { colId: 'mfaMethods', headerName: 'MFA Methods', field: 'mfaMethods', valueFormatter: list, width: 220 },
    { colId: 'mfaDefault', headerName: 'Default MFA Method', field: 'mfaDefaultMethod', width: 160 },
    { colId: 'mfaSource', headerName: 'MFA Source', field: 'mfaSource', width: 180 },
    { colId: 'admin', headerName: 'Admin', field: 'isAdmin', valueFormatter: bool, width: 90 },
    { colId: 'lastSignIn', headerName: 'Last Sign-In', field: 'lastSignIn', valueFormatter: date, width: 130 },
    { colId: 'lastActivity', headerName: 'Last Activity', field: 'lastActivity', valueFormatter: date, width: 130 },
    { colId: 'daysInactive', headerName: 'Days Inactive', field: 'daysInactive', valueFormatter: count, width: 120, type: 'rightAligned' },
    { colId: 'emailsSent', headerName: 'Emails Sent (30 d)', field: 'emailsSent', valueFormatter: count, width: 140, type: 'rightAligned' },
    { colId: 'emailsRead', headerName: 'Emails Read (30 d)', field: 'emailsRead', valueFormatter: count, width: 140, type: 'rightAligned' },
    { colId: 'created', headerName: 'Created', field: 'created', valueFormatter: date, width: 120 },
  ]
}

/** Columns hidden until the user shows them. */
export const defaultHidden = ['licenseParts', 'mfaDefault', 'mfaSource', 'jobTitle', 'emailsRead']

export function applyHidden<T extends UserColumn>(cols: T[], hidden: Set<string>, extra: Partial<Record<string, boolean>> = {}): T[] {
  return cols.map((c) => ({ ...c, hide: hidden.has(c.colId) || !!extra[c.colId] }))
}
