// Posture fixtures shaped like Go's review.Posture / SecureScoreView.
import type { ImprovementAction, Posture, SecureScoreView } from '../../api/security'

/** Secure Score over `days` stored days, as Go sends it (percent computed by Go; here fixed values). */
export function score(o: Partial<SecureScoreView> = {}): SecureScoreView {
  return {
    available: true,
    day: '2026-03-04',
    current: 41.5,
    max: 66,
    percent: 62.88,
    since: '2026-03-01',
    change: 7.55,
    change30: 0,
    trend: [
      { day: '2026-03-01', current: 36.52, max: 66, percent: 55.33 },
      { day: '2026-03-02', current: 38, max: 66, percent: 57.58 },
      { day: '2026-03-03', current: 39.5, max: 66, percent: 59.85 },
      { day: '2026-03-04', current: 41.5, max: 66, percent: 62.88 },
    ],
    ...o,
  }
}

export function action(o: Partial<ImprovementAction> = {}): ImprovementAction {
  return { id: 'AdminMFAV2', title: 'Ensure multifactor authentication is enabled for all users in administrative roles', category: 'Identity',
    service: 'AzureAD', points: 10, maxScore: 10, actionUrl: 'https://security.microsoft.com/', ...o }
}

export function posture(o: Partial<Posture> = {}): Posture {
  return {
    tenantId: 'tid-contoso',
    tenantName: 'Contoso Ltd',
    dataDate: '2026-03-04T10:00:00Z',
    available: true,
    findings: [
      '1 privileged-role holder without registered MFA: Adele Admin (Global Administrator)',
      '3 users neither registered for MFA nor required to use it (at risk)',
    ],
    privilegedWithoutMfa: [
      { id: 'u-adele', displayName: 'Adele Admin', userPrincipalName: 'adele@contoso.com', roles: ['Global Administrator'], mfaStatus: 'Disabled', mfaEnforcement: 'conditionalAccess' },
    ],
    privileged: 3,
    securityDefaults: 'off',
    conditionalAccess: 'known',
    mfaPolicies: [
      { name: 'Require MFA for all users', state: 'enabled', excludedUsers: ['Break Glass One'], excludedGroups: ['group g-svc (Svc Account)'], partial: false, partialReasons: [] },
      { name: 'MFA for Exchange only', state: 'enabled', excludedUsers: [], excludedGroups: [], partial: true, partialReasons: ['applications: Office 365 Exchange Online'] },
    ],
    reportOnlyPolicies: [
      { name: 'Pilot: MFA for guests', state: 'enabledForReportingButNotEnforced', excludedUsers: [], excludedGroups: [], partial: false, partialReasons: [] },
    ],
    breakGlass: ['Break Glass One'],
    legacyAuth: 'blocked',
    legacyAuthBy: 'Block legacy authentication',
    enforcement: [],
    combined: [],
    secureScore: score(),
    topActions: [action(), action({ id: 'MailboxAudit', title: 'Turn on mailbox auditing', category: 'Data', service: 'EXO', points: 4.5, maxScore: 5, actionUrl: '' })],
    notes: ['Per-user MFA states could not be read: grant TenantLens the Authentication Policy Administrator role (GDAP) and sync again.'],
    ...o,
  }
}
