// Column definitions shared by the Users and MFA grids. Labels follow the
// workbook's Users sheet so the UI and the export read the same.
import type { ColDef, ValueFormatterParams, CellStyle, CellClassParams } from 'ag-grid-community'
import { tokens } from '@fluentui/react-components'
import type { UserRow } from '../api/types'
import { currentLocale, fmtBool, fmtCount, fmtDate, fmtInt, fmtList } from '../format'

type Col = ColDef<UserRow>

const date = (p: ValueFormatterParams<UserRow, string>) => fmtDate(p.value ?? '')
const list = (p: ValueFormatterParams<UserRow, string[]>) => fmtList(p.value)
const bool = (p: ValueFormatterParams<UserRow, boolean>) => fmtBool(!!p.value)
const count = (p: ValueFormatterParams<UserRow, number>) => fmtCount(p.value ?? -1)
const bytes = (p: ValueFormatterParams<UserRow, number>) => fmtBytes(p.value ?? -1)

/** Storage Go reports in bytes (-1 unknown), in binary units. */
export function fmtBytes(n: number): string {
  if (n < 0) return 'unknown'
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let v = n
  let i = 0
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return `${i === 0 ? fmtInt(v) : fmtDecimal(v)} ${units[i]}`
}

const fmtDecimal = (v: number) => new Intl.NumberFormat(currentLocale(), { maximumFractionDigits: 1 }).format(v)

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
    ...licensingColumns(),
  ]
}

/** Where each licence comes from and per-service use (Go: review.UserLicensing). */
export function licensingColumns(): UserColumn[] {
  return [
    { colId: 'licenseSources', headerName: 'License Source', field: 'licenseSources', valueFormatter: list, width: 220 },
    { colId: 'assignmentErrors', headerName: 'Assignment Errors', field: 'assignmentErrors', valueFormatter: list, width: 320 },
    { colId: 'exchangeLast', headerName: 'Exchange Last Activity', field: 'exchangeLast', valueFormatter: date, width: 160 },
    { colId: 'oneDriveLast', headerName: 'OneDrive Last Activity', field: 'oneDriveLast', valueFormatter: date, width: 160 },
    { colId: 'sharePointLast', headerName: 'SharePoint Last Activity', field: 'sharePointLast', valueFormatter: date, width: 170 },
    { colId: 'teamsLast', headerName: 'Teams Last Activity', field: 'teamsLast', valueFormatter: date, width: 150 },
    { colId: 'yammerLast', headerName: 'Viva Engage Last Activity', field: 'yammerLast', valueFormatter: date, width: 180 },
    { colId: 'skypeLast', headerName: 'Skype Last Activity', field: 'skypeLast', valueFormatter: date, width: 150 },
    { colId: 'oneDriveBytes', headerName: 'OneDrive Storage Used', field: 'oneDriveBytes', valueFormatter: bytes, width: 160, type: 'rightAligned' },
    { colId: 'oneDriveFiles', headerName: 'OneDrive Files', field: 'oneDriveFiles', valueFormatter: count, width: 120, type: 'rightAligned' },
    { colId: 'teamsChatMessages', headerName: 'Teams Chat Messages (30 d)', field: 'teamsChatMessages', valueFormatter: count, width: 190, type: 'rightAligned' },
    { colId: 'teamsPrivateMessages', headerName: 'Teams Private Messages (30 d)', field: 'teamsPrivateMessages', valueFormatter: count, width: 200, type: 'rightAligned' },
    { colId: 'teamsCalls', headerName: 'Teams Calls (30 d)', field: 'teamsCalls', valueFormatter: count, width: 140, type: 'rightAligned' },
    { colId: 'teamsMeetings', headerName: 'Teams Meetings (30 d)', field: 'teamsMeetings', valueFormatter: count, width: 160, type: 'rightAligned' },
  ]
}

/** Columns hidden until the user shows them. */
export const defaultHidden = [
  'licenseParts',
  'mfaDefault',
  'mfaSource',
  'jobTitle',
  'emailsRead',
  ...licensingColumns()
    .map((c) => c.colId)
    .filter((id) => id !== 'licenseSources'),
]

export function applyHidden<T extends UserColumn>(cols: T[], hidden: Set<string>, extra: Partial<Record<string, boolean>> = {}): T[] {
  return cols.map((c) => ({ ...c, hide: hidden.has(c.colId) || !!extra[c.colId] }))
}

/**
 * Columns added after a user saved their choice start hidden too: `seen`
 * lists the colIds the saved choice knew (null: nothing saved). Returns the
 * hidden set to use.
 */
export function hideUnseen(hidden: Set<string>, seen: string[] | null, all: string[], defaults: string[] = defaultHidden): Set<string> {
  if (!seen) return hidden
  const known = new Set(seen)
  const out = new Set(hidden)
  for (const id of all) if (!known.has(id) && defaults.includes(id)) out.add(id)
  return out
}
