export type PageKey =
  | 'overview'
  | 'clients'
  | 'mapping'
  | 'tenants'
  | 'users'
  | 'licenses'
  | 'mfa'
  | 'reports'
  | 'settings'

export interface NavItem {
  key: PageKey
  label: string
}

/** The shell's navigation, in order. */
export const navItems: NavItem[] = [
  { key: 'overview', label: 'Overview' },
  { key: 'clients', label: 'Clients' },
  { key: 'mapping', label: 'Tenant mapping' },
  { key: 'tenants', label: 'Tenants' },
  { key: 'users', label: 'Users' },
  { key: 'licenses', label: 'Licenses' },
  { key: 'mfa', label: 'MFA' },
  { key: 'reports', label: 'Reports' },
  { key: 'settings', label: 'Settings' },
]

export function pageFromHash(hash: string): PageKey {
  const k = hash.replace(/^#\/?/, '') as PageKey
  return navItems.some((n) => n.key === k) ? k : 'overview'
}
