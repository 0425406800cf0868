// History fixtures shaped like Go's review views (trends.go, compare.go,
// overview_clients.go, attention.go).
import type { AttentionItem, ClientOverviewRow, Comparison, StoredSnapshot, Trend, TrendPoint, UserChange } from '../../api/history'

export function point(o: Partial<TrendPoint> = {}): TrendPoint {
  return {
    day: '2026-01-05',
    at: '2026-01-05T10:00:00Z',
    runIds: [1],
    tenants: 1,
    users: 100,
    licensed: 90,
    mfaRegistered: 70,
    mfaEligible: 95,
    mfaAvailable: true,
    mfaCoveragePct: 73.68,
    unusedLicenses: 12,
    monthlyCost: 2050.5,
    currency: 'USD',
    ...o,
  }
}

export function trend(o: Partial<Trend> = {}): Trend {
  return {
    scope: 'tenant',
    tenantId: 'tid-contoso',
    clientId: 0,
    name: 'Contoso Ltd',
    range: 'quarter',
    since: '2025-12-04',
    currency: 'USD',
    points: [
      point(),
      point({ day: '2026-02-02', at: '2026-02-02T10:00:00Z', runIds: [2], licensed: 94, mfaRegistered: 80, mfaCoveragePct: 82.47, unusedLicenses: 8, monthlyCost: 2110.25 }),
      point({ day: '2026-03-04', at: '2026-03-04T10:00:00Z', runIds: [3], licensed: 97, mfaAvailable: false, mfaCoveragePct: 0, unusedLicenses: 5, monthlyCost: 2172 }),
    ],
    notes: ["costs use today's price list"],
    ...o,
  }
}

export function snap(runId: number, date: string, o: Partial<StoredSnapshot> = {}): StoredSnapshot {
  return { runId, tenantId: 'tid-contoso', date, day: date.slice(0, 10), kept: '', current: false, ...o }
}

export function userChange(o: Partial<UserChange> = {}): UserChange {
  return {
    tenantId: 'tid-contoso',
    tenantName: 'Contoso Ltd',
    userId: 'u-1',
    userPrincipalName: 'new.hire@contoso.com',
    displayName: 'New Hire',
    licenses: ['Microsoft 365 E3'],
    monthlyCost: 36,
    currency: 'USD',
    ...o,
  }
}

export function comparison(o: Partial<Comparison> = {}): Comparison {
  return {
    scope: 'tenant',
    tenantId: 'tid-contoso',
    clientId: 0,
    name: 'Contoso Ltd',
    from: '2026-01-05T10:00:00Z',
    to: '2026-03-04T10:00:00Z',
    sides: [],
    added: [userChange(), userChange({ userId: 'u-2', userPrincipalName: 'second@contoso.com', displayName: 'Second Hire', licenses: [], monthlyCost: 0, currency: '' })],
    removed: [userChange({ userId: 'u-9', userPrincipalName: 'leaver@contoso.com', displayName: 'Leaver', licenses: ['Visio Plan 2'], monthlyCost: 15 })],
    licencesGained: [
      { tenantId: 'tid-contoso', tenantName: 'Contoso Ltd', userId: 'u-5', userPrincipalName: 'ada@contoso.com', displayName: 'Ada', skuId: 'sku-e5', partNumber: 'SPE_E5', name: 'Microsoft 365 E5', monthlyCost: 57, currency: 'USD' },
    ],
    licencesLost: [],
    mfaRegistered: [{ tenantId: 'tid-contoso', tenantName: 'Contoso Ltd', userId: 'u-6', userPrincipalName: 'bob@contoso.com', displayName: 'Bob', from: 'Disabled', to: 'Enabled' }],
    mfaLost: [],
    disabled: [userChange({ userId: 'u-7', userPrincipalName: 'gone@contoso.com', displayName: 'Gone Soon' })],
    reenabled: [],
    totals: {
      usersAdded: 2,
      usersRemoved: 1,
      licencesGained: 1,
      licencesLost: 0,
      mfaRegistered: 1,
      mfaLost: 0,
      disabled: 1,
      reenabled: 0,
      costGained: 93,
      costLost: 15,
      costChange: 78,
      costAdded: 36,
      costRemoved: 15,
      costLicencesGained: 57,
      costLicencesLost: 0,
      currency: 'USD',
    },
    notes: [],
    ...o,
  }
}

export function overviewRow(o: Partial<ClientOverviewRow> = {}): ClientOverviewRow {
  return {
    kind: 'client',
    clientId: 1,
    tenantId: '',
    name: 'Contoso',
    tenantIds: ['tid-contoso'],
    tenants: 1,
    synced: 1,
    users: 1234,
    licensed: 1100,
    mfaAvailable: true,
    mfaCoveragePct: 81.25,
    unusedLicenses: 9,
    monthlyWaste: 1980.5,
    currency: 'USD',
    lastSync: '2026-03-04T10:00:00Z',
    dataDate: '2026-03-04T10:00:00Z',
    status: 'ok',
    statusDetail: '',
    ...o,
  }
}

export function attentionItem(o: Partial<AttentionItem> = {}): AttentionItem {
  return {
    kind: 'failed',
    tenantId: 'tid-fabrikam',
    tenantName: 'Fabrikam',
    clientId: 0,
    clientName: '',
    detail: 'Graph answered 503 three times',
    remedy: 'Sync again later',
    at: '2026-03-04T09:00:00Z',
    skuId: '',
    skuName: '',
    assigned: 0,
    purchased: 0,
    fromPct: 0,
    toPct: 0,
    ...o,
  }
}
