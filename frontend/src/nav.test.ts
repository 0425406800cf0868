import { describe, expect, it } from 'vitest'
import { navItems, pageFromHash } from './nav'

describe('navigation', () => {
  it('lists the pages in the order the design asks for', () => {
    expect(navItems.map((n) => n.label)).toEqual([
      'Overview', 'Clients', 'Tenant mapping', 'Tenants', 'Users', 'Licenses', 'MFA', 'Reports', 'Settings',
    ])
  })
  it('maps hashes to pages and unknown hashes to Overview', () => {
    expect(pageFromHash('#/mfa')).toBe('mfa')
    expect(pageFromHash('#licenses')).toBe('licenses')
    expect(pageFromHash('#/clients')).toBe('clients')
    expect(pageFromHash('#/mapping')).toBe('mapping')
    expect(pageFromHash('#/nope')).toBe('overview')
    expect(pageFromHash('')).toBe('overview')
  })
})
