import type { TenantRow } from '../api/types'

export function tenantLabel(t: Pick<TenantRow, 'displayName' | 'defaultDomain' | 'id'>): string {
  return t.displayName || t.defaultDomain || t.id
}

/** Tenant names by id, for rows that carry only the id. */
export function tenantNames(ts: readonly TenantRow[]): Map<string, string> {
  return new Map(ts.map((t) => [t.id, tenantLabel(t)]))
}
