// The Security part of the facade over the generated bindings (issue 15):
// a tenant's posture card (review.Posture through bridge Data.Posture).
// Every figure, finding and note comes from Go; the pages present only.
import * as DataAPI from '../../wailsjs/go/bridge/Data'
import type { review } from '../../wailsjs/go/models'
import { arr } from './normalize'
import type { Plain } from './types'

export type Posture = Plain<review.Posture>
export type PosturePolicy = Plain<review.PosturePolicy>
export type PrivilegedUser = Plain<review.PrivilegedUser>
export type SecureScoreView = Plain<review.SecureScoreView>
export type ScorePoint = Plain<review.ScorePoint>
export type ImprovementAction = Plain<review.ImprovementAction>

export interface SecurityBackend {
  /** One tenant's posture card; rejects for "" (posture is per tenant). */
  posture(tenantId: string): Promise<Posture>
}

/** Go marshals nil slices as null; the components always get arrays. */
export function normScore(s: SecureScoreView | null | undefined): SecureScoreView {
  const v = s ?? { available: false, day: '', current: 0, max: 0, percent: 0, since: '', change: 0, change30: 0, trend: [] }
  return { ...v, trend: arr(v.trend) }
}

function normPolicy(p: PosturePolicy): PosturePolicy {
  return { ...p, excludedUsers: arr(p.excludedUsers), excludedGroups: arr(p.excludedGroups), partialReasons: arr(p.partialReasons) }
}

export function normPosture(p: Posture): Posture {
  return {
    ...p,
    findings: arr(p.findings),
    privilegedWithoutMfa: arr(p.privilegedWithoutMfa).map((u) => ({ ...u, roles: arr(u.roles) })),
    mfaPolicies: arr(p.mfaPolicies).map(normPolicy),
    reportOnlyPolicies: arr(p.reportOnlyPolicies).map(normPolicy),
    breakGlass: arr(p.breakGlass),
    enforcement: arr(p.enforcement),
    combined: arr(p.combined),
    secureScore: normScore(p.secureScore),
    topActions: arr(p.topActions),
    notes: arr(p.notes),
  }
}

export function wailsSecurity(): SecurityBackend {
  return {
    posture: async (id) => normPosture(await DataAPI.Posture(id)),
  }
}
