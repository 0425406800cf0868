// The tenant picked on Users/Licenses/MFA, shared and remembered.
import type { TenantRow } from './api/types'

export const ALL_TENANTS = ''
export const PICK_KEY = 'tenantlens.tenant'

export interface KV {
  getItem(k: string): string | null
  setItem(k: string, v: string): void
}

function store(): KV | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null
  } catch {
    return null
  }
}

export function loadPick(kv: KV | null = store()): string {
  return kv?.getItem(PICK_KEY) ?? ALL_TENANTS
}

export function savePick(id: string, kv: KV | null = store()): void {
  try {
    kv?.setItem(PICK_KEY, id)
  } catch {
    /* storage full or disabled: the pick is just not remembered */
  }
}

/** The stored pick if that tenant still exists, else "All tenants". */
export function resolvePick(stored: string, tenants: Pick<TenantRow, 'id'>[] | null): string {
  if (stored === ALL_TENANTS || tenants == null) return stored
  return tenants.some((t) => t.id === stored) ? stored : ALL_TENANTS
}
