// Words for Go's security codes (review.UserRow mfaEnforcement/mfaCombined,
// review.Posture). Labels only: every figure comes from Go.
import { palette } from '../components/Chart'
import { currentLocale } from '../format'

/** "MFA required by" for Go's mfaEnforcement. */
export const enforcementLabels: Record<string, string> = {
  securityDefaults: 'Security defaults',
  conditionalAccess: 'Conditional Access',
  perUser: 'Per-user',
  none: 'None',
  unknown: 'Unknown',
}

export function enforcementLabel(code: string): string {
  return enforcementLabels[code] ?? (code || 'Unknown')
}

/** The combined states (registration × enforcement), in Go's order. */
export const combinedStates: { key: string; label: string; color: string; hint: string }[] = [
  { key: 'protected', label: 'Protected', color: palette.good, hint: 'registered and required' },
  { key: 'registeredNotRequired', label: 'Registered but not required', color: palette.brand, hint: 'can use MFA, nothing forces it' },
  { key: 'requiredNotRegistered', label: 'Required but not registered', color: palette.warn, hint: 'will be asked at next sign-in' },
  { key: 'atRisk', label: 'At risk', color: palette.bad, hint: 'neither registered nor required' },
  { key: 'notApplicable', label: 'Not applicable', color: palette.neutral, hint: 'disabled or deleted account' },
]

export function combinedLabel(code: string): string {
  if (code === 'unknown' || !code) return 'Unknown'
  const s = combinedStates.find((c) => c.key === code)
  if (!s) return code
  return code === 'requiredNotRegistered' ? `${s.label} (${s.hint})` : s.label
}

/** Secure Score points, two decimals at most. */
export function fmtPoints(v: number): string {
  return new Intl.NumberFormat(currentLocale(), { maximumFractionDigits: 2 }).format(v)
}

/** A signed change in percentage points ("+5.2 pts", "−1 pts", "no change"). */
export function fmtChange(v: number): string {
  if (v === 0) return 'no change'
  return new Intl.NumberFormat(currentLocale(), { maximumFractionDigits: 2, signDisplay: 'always' }).format(v) + ' pts'
}

/** What Go's posture codes mean on the card. */
export const securityDefaultsText: Record<string, string> = { on: 'On', off: 'Off', unknown: 'Unknown (could not be read)' }
export const legacyAuthText: Record<string, string> = { blocked: 'Blocked', notBlocked: 'Not blocked', unknown: 'Unknown' }
export const caText: Record<string, string> = {
  known: 'Read',
  notLicensed: 'Not available (no Entra ID P1)',
  unknown: 'Could not be read',
}
