// Fixture data shaped like the Go views (backend/review, backend/bridge).
import type { LicenseRow, LicensesView, MFAView, OverviewData, SettingsView, TenantRow, UserRow, UsersView } from '../api/types'

export function tenant(o: Partial<TenantRow> = {}): TenantRow {
  return {
    id: 'tid-contoso',
    displayName: 'Contoso Ltd',
    defaultDomain: 'contoso.onmicrosoft.com',
    connectionId: 'conn-1',
    connectionKind: 'direct',
    access: 'ready',
    accessDetail: '',
    roleWarnings: [],
    demo: false,
    lastSyncAt: '',
    lastSyncStatus: '',
    lastError: '',
    hasSnapshot: false,
    dataDate: '',
    users: 0,
    licensed: 0,
    mfaCoveragePct: 0,
    mfaAvailable: true,
    inactive: -1,
    inactiveLicensed: -1,
    inactiveDays: 90,
    unusedLicenses: 0,
    monthlyWaste: 0,
    currency: '',
    notes: [],
    syncing: false,
    phase: '',
    done: 0,
    total: 0,
    cooldownS: 0,
    secureScore: noScore(),
    ...o,
  }
}

/** A tenant's Secure Score when none is stored (Go: review.SecureScoreView). */
export function noScore(): TenantRow['secureScore'] {
  return { available: false, day: '', current: 0, max: 0, percent: 0, since: '', change: 0, change30: 0, trend: [] }
}

export function user(o: Partial<UserRow> = {}): UserRow {
  return {
    tenantId: 'tid-contoso',
    tenantName: 'Contoso Ltd',
    id: 'u1',
    displayName: 'User',
    userPrincipalName: 'user@contoso.com',
    mail: '',
    department: '',
    jobTitle: '',
    userType: 'Member',
    accountEnabled: true,
    deleted: false,
    resourceAccount: false,
    recipientType: '',
    licenseNames: [],
    licenseParts: [],
    mfaStatus: 'Enabled',
    mfaSource: 'userRegistrationDetails',
    mfaMethods: [],
    mfaDefaultMethod: '',
    mfaReason: '',
    isAdmin: false,
    lastSignIn: '',
    lastActivity: '',
    lastSeen: '',
    daysInactive: -1,
    emailsSent: -1,
    emailsRead: -1,
    created: '',
    mfaEnforcement: 'none',
    mfaEnforcementDetail: '',
    mfaEnforcementPartial: false,
    mfaCombined: 'protected',
    licenseSources: [],
    assignmentErrors: [],
    exchangeLast: '',
    oneDriveLast: '',
    sharePointLast: '',
    teamsLast: '',
    yammerLast: '',
    skypeLast: '',
    oneDriveBytes: -1,
    oneDriveFiles: -1,
    teamsChatMessages: -1,
    teamsPrivateMessages: -1,
    teamsCalls: -1,
    teamsMeetings: -1,
    ...o,
  }
}

export function license(o: Partial<LicenseRow> = {}): LicenseRow {
  return {
    tenantId: 'tid-contoso',
    tenantName: 'Contoso Ltd',
    skuId: 'sku-1',
    name: 'Microsoft 365 Business Premium',
    partNumber: 'SPB',
    status: 'Enabled',
    purchased: 10,
    suspended: 0,
    warning: 0,
    assigned: 8,
    available: 2,
    flag: '',
    unitPrice: 22,
    currency: 'USD',
    monthlyCost: 220,
    unusedCost: 44,
    priced: true,
    ...o,
  }
}

export const contoso = tenant({
  hasSnapshot: true,
  lastSyncAt: '2026-03-04T10:00:00Z',
  lastSyncStatus: 'succeeded',
  dataDate: '2026-03-04T10:00:00Z',
  users: 1234,
  licensed: 1100,
  mfaCoveragePct: 81.25,
  inactive: 17,
  unusedLicenses: 9,
  notes: ['Sign-in data needs Entra ID P1'],
})

export const fabrikam = tenant({
  id: 'tid-fabrikam',
  displayName: 'Fabrikam',
  defaultDomain: 'fabrikam.onmicrosoft.com',
  connectionId: 'conn-p',
  connectionKind: 'partner',
  access: 'needs_consent',
  accessDetail: 'Admin consent is required in Fabrikam: ask its Global Administrator to approve TenantLens.',
  roleWarnings: ['Reports Reader missing: usage reports will be unavailable'],
})

export const overview: OverviewData = {
  tenants: 2,
  synced: 1,
  failing: 0,
  users: 1234,
  licensed: 1100,
  mfaCoveragePct: 81.25,
  unusedLicenses: 9,
  monthlyWaste: 1980.5,
  currency: 'USD',
  wasteByCurrency: [{ currency: 'USD', amount: 1980.5 }],
  inactive: 12,
  inactiveLicensed: 7,
  inactiveDays: 90,
  rows: [contoso, fabrikam],
}

export const usersView: UsersView = {
  dataDate: '2026-03-04T10:00:00Z',
  inactiveDays: 90,
  notes: ['Usage reports are anonymised in this tenant; turn off "Display concealed names" in the Microsoft 365 admin center.'],
  rows: [
    user({ id: 'a', displayName: 'Ada Lovelace', department: 'Finance', licenseNames: ['Microsoft 365 E3'], daysInactive: 2, mfaStatus: 'Enabled' }),
    user({ id: 'b', displayName: 'Bob Guest', userType: 'Guest', mfaStatus: 'Disabled', daysInactive: 200 }),
    user({ id: 'c', displayName: 'Meeting Room', resourceAccount: true, mfaStatus: 'Disabled' }),
  ],
}

export const licensesView: LicensesView = {
  dataDate: '2026-03-04T10:00:00Z',
  monthlyTotal: 3470,
  unusedTotal: 506,
  currency: 'USD',
  flaggedCount: 1,
  catalogUpdatedAt: '',
  rows: [
    license(),
    license({ skuId: 'sku-2', name: 'Visio Plan 2', partNumber: 'VISIOCLIENT', purchased: 5, assigned: 7, available: -2, flag: 'over-assigned', monthlyCost: 75, unusedCost: 0, unitPrice: 15 }),
  ],
}

export const mfaView: MFAView = {
  dataDate: '2026-03-04T10:00:00Z',
  available: true,
  reason: '',
  registered: 13,
  eligible: 16,
  coveragePct: 81.25,
  unregistered: 3,
  adminsWithout: 1,
  sourceNote: 'From userRegistrationDetails (Entra ID P1).',
  byMethod: [
    { label: 'Microsoft Authenticator', value: 11 },
    { label: 'Phone', value: 4 },
  ],
  rows: [
    user({ id: 'x', displayName: 'Xavier NoMFA', mfaStatus: 'Disabled', isAdmin: true }),
    user({ id: 'y', displayName: 'Yvonne Secure', mfaStatus: 'Enabled', mfaMethods: ['Microsoft Authenticator'] }),
  ],
  enforcement: [],
  combined: [],
  securityNotes: [],
}

/** Settings as Go's Settings.Get returns them (backend/bridge/settings.go). */
export function settingsView(o: Partial<SettingsView> = {}): SettingsView {
  return {
    demo: false,
    dataDir: '/home/msp/.local/share/tenantlens',
    locale: 'en-US',
    systemLocale: 'en-US',
    clouds: [
      { name: 'public', label: 'Global', missing: [], authority: 'https://login.microsoftonline.com', graph: 'https://graph.microsoft.com' },
      { name: 'usgov', label: 'US Government (GCC High)', missing: [], authority: 'https://login.microsoftonline.us', graph: 'https://graph.microsoft.us' },
      { name: 'china', label: 'China', missing: [], authority: 'https://login.chinacloudapi.cn', graph: 'https://microsoftgraph.chinacloudapi.cn' },
    ],
    values: [
      { key: 'client_id', label: 'Application (client) ID', value: '', source: 'default', envVar: 'TENANTLENS_CLIENT_ID', help: 'Your multi-tenant app registration.' },
      { key: 'cloud', label: 'Cloud', value: 'public', source: 'default', envVar: '', help: 'public, usgov or china' },
      { key: 'authority', label: 'Sign-in authority', value: 'https://login.microsoftonline.com', source: 'default', envVar: 'TENANTLENS_AUTHORITY', help: 'Microsoft identity platform base URL' },
      { key: 'sync.concurrency', label: 'Tenants synced at once', value: '4', source: 'default', envVar: '', help: '1–64' },
      { key: 'review.inactive_days', label: 'Inactive after (days)', value: '45', source: 'setting', envVar: '', help: 'Used by the Users filter and the reclaim list' },
      { key: 'ui.locale', label: 'Number and date format', value: 'en-US', source: 'default', envVar: '', help: 'A locale such as en-US, en-GB or de-DE; empty follows the system (en-US)' },
    ],
    ...o,
  }
}

export const settingDefaults: Record<string, string> = {
  'ui.locale': 'en-US',
  client_id: '',
  cloud: 'public',
  authority: 'https://login.microsoftonline.com',
  'sync.concurrency': '4',
  'review.inactive_days': '90',
}
