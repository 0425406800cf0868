import { describe, expect, it } from 'vitest'
import { buildEntries, filterEntries, isPaletteKey } from './palette'
import { historyRoute, dashboardHash, compareHash } from './route'

const src = {
  clients: [{ id: 7, name: 'Northwind Traders' }],
  tenants: [{ id: 'tid-c', displayName: 'Contoso Ltd', defaultDomain: 'contoso.onmicrosoft.com' }],
  users: [{ tenantId: 'tid-c', tenantName: 'Contoso Ltd', userPrincipalName: 'ada@contoso.com', displayName: 'Ada Lovelace' }],
}

describe('command palette list', () => {
  it('holds every page, client, tenant and user with where each goes', () => {
    const e = buildEntries(src)
    expect(e.find((x) => x.key === 'page:users')?.hash).toBe('#/users')
    expect(e.find((x) => x.kind === 'client')).toMatchObject({ label: 'Northwind Traders', hash: '#/client/7' })
    expect(e.find((x) => x.kind === 'tenant')).toMatchObject({ label: 'Contoso Ltd', hash: '#/tenant/tid-c' })
    expect(e.find((x) => x.kind === 'user')).toMatchObject({ label: 'Ada Lovelace', tenantId: 'tid-c', search: 'ada@contoso.com', hash: '#/users' })
  })

  it('filters by every word, label prefixes first, and hides users until asked', () => {
    const e = buildEntries(src)
    expect(filterEntries(e, '').some((x) => x.kind === 'user')).toBe(false)
    expect(filterEntries(e, 'contoso').map((x) => x.kind)).toEqual(['tenant', 'user'])
    expect(filterEntries(e, 'ada contoso').map((x) => x.key)).toEqual(['user:tid-c:ada@contoso.com'])
    expect(filterEntries(e, 'north').map((x) => x.label)).toEqual(['Northwind Traders'])
    expect(filterEntries(e, 'zzz')).toEqual([])
    expect(filterEntries(e, 'client').every((x) => x.kind === 'client' || x.label.toLowerCase().includes('client'))).toBe(true)
  })

  it('opens on Ctrl+K and Cmd+K only', () => {
    const k = (o: Partial<KeyboardEvent>) => isPaletteKey({ key: 'k', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...o })
    expect(k({ ctrlKey: true })).toBe(true)
    expect(k({ metaKey: true, key: 'K' })).toBe(true)
    expect(k({})).toBe(false)
    expect(k({ ctrlKey: true, shiftKey: true })).toBe(false)
  })
})

describe('history routes', () => {
  it('reads dashboards and compare pages from the hash, and nothing else', () => {
    expect(historyRoute('#/client/12')).toEqual({ view: 'dashboard', scope: { kind: 'client', id: 12 } })
    expect(historyRoute(dashboardHash({ kind: 'tenant', id: 'a/b' }))).toEqual({ view: 'dashboard', scope: { kind: 'tenant', id: 'a/b' } })
    expect(historyRoute(compareHash({ kind: 'client', id: 3 }))).toEqual({ view: 'compare', scope: { kind: 'client', id: 3 } })
    expect(historyRoute('#/client/x')).toBeNull()
    expect(historyRoute('#/users')).toBeNull()
    expect(historyRoute('')).toBeNull()
  })
})
