// Licensing fixtures shaped like Go's views (review.Renewals, LicenseStates,
// RightSize; bridge.ReclaimList; services.ReclaimPlan; store.AuditEntry).
import type {
  AuditEntry,
  AuditRow,
  LicenseStateRow,
  LicenseStatesView,
  ReclaimItem,
  ReclaimListRow,
  ReclaimListView,
  ReclaimPlan,
  RenewalRow,
  RenewalsView,
  RightSizeRow,
  RightSizeView,
} from '../../api/licensingTypes'

export const TID = 'tid-contoso'
export const TNAME = 'Contoso Ltd'

export function renewal(o: Partial<RenewalRow> = {}): RenewalRow {
  return {
    tenantId: TID, tenantName: TNAME, subscriptionId: 'sub-1', skuId: 'sku-spb', partNumber: 'SPB', name: 'Microsoft 365 Business Premium',
    status: 'Enabled', isTrial: false, totalLicenses: 20, date: '2025-07-01T00:00:00Z', daysLeft: 20, bucket: 30, attention: false, ...o,
  }
}

export function renewalsView(o: Partial<RenewalsView> = {}): RenewalsView {
  const soon = renewal()
  const mid = renewal({ subscriptionId: 'sub-2', skuId: 'sku-e3', partNumber: 'SPE_E3', name: 'Microsoft 365 E3', daysLeft: 60, bucket: 90, date: '2025-08-10T00:00:00Z' })
  const late = renewal({ subscriptionId: 'sub-3', skuId: 'sku-visio', partNumber: 'VISIOCLIENT', name: 'Visio Plan 2', daysLeft: 200, bucket: 365, date: '2026-01-01T00:00:00Z' })
  const susp = renewal({ subscriptionId: 'sub-4', skuId: 'sku-pbi', partNumber: 'POWER_BI_PRO', name: 'Power BI Pro', status: 'Suspended', attention: true, daysLeft: 10, bucket: 30, date: '2025-06-21T00:00:00Z' })
  const trial = renewal({ subscriptionId: 'sub-5', skuId: 'sku-copilot', partNumber: 'COPILOT', name: 'Copilot', isTrial: true, status: 'Enabled', daysLeft: 25, bucket: 30, date: '2025-07-06T00:00:00Z' })
  return {
    dataDate: '2025-06-11T08:00:00Z', available: true,
    events: [susp, soon, trial, mid, late], trials: [trial], attention: [susp],
    unused: [
      { tenantId: TID, tenantName: TNAME, skuId: 'sku-e3', partNumber: 'SPE_E3', name: 'Microsoft 365 E3', purchased: 10, consumed: 7, unused: 3, renewsAt: '2025-08-10T00:00:00Z', daysLeft: 60, priced: true, unitPrice: 36, costUntilRenewal: 213.04, currency: 'USD' },
      { tenantId: TID, tenantName: TNAME, skuId: 'sku-visio', partNumber: 'VISIOCLIENT', name: 'Visio Plan 2', purchased: 5, consumed: 4, unused: 1, renewsAt: '', daysLeft: 0, priced: false, unitPrice: 0, costUntilRenewal: 0, currency: '' },
    ],
    // Go's counts: deliberately not what counting the rows above would give,
    // so a test proves the page shows Go's figure.
    within30: 7, within90: 11, within365: 19,
    unusedCostTotal: 213.04, currency: 'USD', notes: [],
    ...o,
  }
}

export function stateRow(o: Partial<LicenseStateRow> = {}): LicenseStateRow {
  return {
    tenantId: TID, tenantName: TNAME, userId: 'u-ann', userPrincipalName: 'ann@contoso.com', displayName: 'Ann Lee', skuId: 'sku-e3',
    name: 'Microsoft 365 E3', partNumber: 'SPE_E3', source: 'Group: Sales licences', direct: false, groupId: 'g-sales', groupName: 'Sales licences',
    disabledPlans: [], state: 'Error', error: 'CountViolation', errorText: 'not enough licences: buy more seats or free some, then reprocess the user',
    lastUpdated: '2025-06-01T00:00:00Z', ...o,
  }
}

export function statesView(o: Partial<LicenseStatesView> = {}): LicenseStatesView {
  const err = stateRow()
  return { rows: [err, stateRow({ userId: 'u-bob', error: 'None', errorText: '', state: 'Active', source: 'Direct', direct: true })], errors: [err], direct: 41, inherited: 12, dataDate: '2025-06-11T08:00:00Z', available: true, notes: [], ...o }
}

export function rightSizeRow(o: Partial<RightSizeRow> = {}): RightSizeRow {
  return {
    tenantId: TID, tenantName: TNAME, userId: 'u-mail', userPrincipalName: 'mail.only@contoso.com', displayName: 'Mail Only', currentSkuId: 'sku-e3',
    currentName: 'Microsoft 365 E3', suggestedSkuId: 'sku-exch', suggestedName: 'Exchange Online (Plan 1)', used: ['Exchange'], needs: [],
    kept: [], reason: 'Used in the last 90 days: Exchange. The current licence carries no desktop apps or security features whose use cannot be measured.',
    currentPrice: 36, suggestedPrice: 4, monthlySaving: 32, annualSaving: 384, currency: 'USD', source: 'Direct', ...o,
  }
}

export function rightSizeView(o: Partial<RightSizeView> = {}): RightSizeView {
  return { rows: [rightSizeRow()], windowDays: 90, dataDate: '2025-06-11T08:00:00Z', monthlySaving: 32, annualSaving: 384, currency: 'USD', notes: [], ...o }
}

export function reclaimRow(o: Partial<ReclaimListRow> = {}): ReclaimListRow {
  return {
    tenantId: TID, tenantName: TNAME, userId: 'u-dis', userPrincipalName: 'gone@contoso.com', displayName: 'Gone User', reason: 'Account disabled',
    detail: 'Sign-in is blocked but licenses are still assigned', licenses: 'Microsoft 365 E3', skuIds: ['sku-e3'], lastActive: '', daysInactive: -1,
    monthlyCost: 36, currency: 'USD', ...o,
  }
}

export function reclaimView(o: Partial<ReclaimListView> = {}): ReclaimListView {
  return {
    rows: [reclaimRow(), reclaimRow({ userId: 'u-grp', userPrincipalName: 'grp@contoso.com', displayName: 'Group User', reason: 'Inactive', detail: 'No sign-in or activity for 120 days', lastActive: '2025-02-10T00:00:00Z', daysInactive: 120 })],
    inactiveDays: 90, monthlyCost: 72, currency: 'USD', dataDate: '2025-06-11T08:00:00Z', ...o,
  }
}

export function item(o: Partial<ReclaimItem> = {}): ReclaimItem {
  return {
    userId: 'u-dis', userPrincipalName: 'gone@contoso.com', displayName: 'Gone User', reason: 'Account disabled', detail: '', skuId: 'sku-e3',
    skuName: 'Microsoft 365 E3', removable: true, blocker: '', blockReason: '', group: '', remedy: '', monthlySaving: 36, annualSaving: 432, ...o,
  }
}

export function plan(o: Partial<ReclaimPlan> = {}): ReclaimPlan {
  return {
    tenantId: TID, tenantName: TNAME, currency: 'USD', inactiveDays: 90,
    items: [
      item(),
      item({
        userId: 'u-grp', userPrincipalName: 'grp@contoso.com', displayName: 'Group User', removable: false, monthlySaving: 0, annualSaving: 0,
        blocker: 'Inherited from the group “Sales licences”: remove from group Sales licences', blockReason: 'inherited', group: 'Sales licences',
        remedy: 'Remove the user from the group Sales licences in Entra ID; the licence then goes with it.',
      }),
    ],
    removable: 1, users: 1, monthlySaving: 36, annualSaving: 432, canApply: true, blocker: '', remedy: '', consentedBy: 'admin@msp.example', ...o,
  }
}

export function entry(o: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: 1, batch: 'b1', tenantId: TID, tenantName: TNAME, actor: 'admin@msp.example', userId: 'u-dis', userPrincipalName: 'gone@contoso.com',
    skuId: 'sku-e3', skuName: 'Microsoft 365 E3', action: 'remove', result: 'done', reason: '', error: '', remedy: '', monthlySaving: 36,
    currency: 'USD', undoOf: 0, undoneBy: 0, createdAt: '2025-06-11T09:00:00Z', sentAt: '2025-06-11T09:00:01Z', finishedAt: '2025-06-11T09:00:02Z', ...o,
  }
}

export function auditRow(e: AuditEntry, canUndo: boolean, undoBlocker = ''): AuditRow {
  return { entry: e, canUndo, undoBlocker }
}
