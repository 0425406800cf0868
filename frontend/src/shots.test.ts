import { describe, expect, it } from 'vitest'
import { FakeBackend } from './test/fakeBackend'
import { contoso } from './test/fixtures'
import { clientRow } from './clients/test/fixtures'
import { snap } from './history/test/fixtures'
import { parseShot, prepareDemoShots, resolveRoute } from './shots'

describe('screenshot tour', () => {
  it('reads "route@theme" steps and fills in the first alternative whose names resolve', () => {
    expect(parseShot('users@dark')).toEqual({ route: 'users', theme: 'dark' })
    expect(parseShot('users')).toBeNull()
    expect(parseShot('users@sepia')).toBeNull()
    expect(resolveRoute('client/{client}|tenant/{tenant}', { tenant: 't 1' })).toBe('tenant/t%201')
    expect(resolveRoute('client/{client}|tenant/{tenant}', { client: '7', tenant: 't' })).toBe('client/7')
    expect(resolveRoute('client/{client}', {})).toBeNull()
  })

  it('prepares the demo: maps tenants, lets weeks pass on one client tenant (change + sync), starts a finished review', async () => {
    const f = new FakeBackend({ tenants: [{ ...contoso, cooldownS: 0 }] })
    f.state.info = { ...f.state.info, demo: true }
    f.clients.state.rows = [clientRow({ id: 7, tenantIds: [], tenants: 0, synced: 0 })]
    f.clients.state.autoMap = [{ tenantId: contoso.id, tenantName: contoso.displayName, mapped: true, clientId: 7, clientName: 'Contoso', confidence: 0.93, reason: 'name' }]
    f.reports.state.tenants = [contoso]
    f.history.choices[`tenant:${contoso.id}`] = { snapshots: [snap(1, contoso.lastSyncAt)], days: [] }
    const b = f.backend()
    const syncNow = b.tenants.syncNow
    b.tenants.syncNow = async (id) => {
      await syncNow(id)
      f.state.tenants = [{ ...contoso, lastSyncAt: '2026-03-04T10:05:00Z' }] // Go's sync finishes
    }
    const names = await prepareDemoShots(b, 10_000)
    expect(names).toEqual({ client: '7', tenant: contoso.id })
    expect(f.clients.calls.autoMap).toEqual([0.8])
    expect(f.history.calls).toContain(`demoChangeDirectory(${contoso.id})`)
    expect(f.state.synced).toEqual([contoso.id])
    expect(f.reports.calls.create).toEqual([[contoso.id, '', 0]])
    expect(f.reports.calls.newVersion).toEqual([]) // its first draft is finalised
    expect(f.reports.calls.finalize).toHaveLength(1)
    expect(f.reports.state.reports[0].versions.map((v) => v.status)).toEqual(['final'])
  })

  it('changes nothing that is already there: mapped clients, two snapshots, a report', async () => {
    const f = new FakeBackend({ tenants: [contoso] })
    f.state.info = { ...f.state.info, demo: true }
    f.clients.state.rows = [clientRow({ id: 3, tenantIds: [contoso.id] })]
    f.history.choices[`tenant:${contoso.id}`] = { snapshots: [snap(2, '2026-03-04T10:05:00Z'), snap(1, contoso.lastSyncAt)], days: [] }
    f.reports.state.tenants = [contoso]
    await f.backend().reports.create(contoso.id, 'Q1', 0)
    f.reports.calls.create = []
    const names = await prepareDemoShots(f.backend(), 10_000)
    expect(names).toEqual({ client: '3', tenant: contoso.id })
    expect(f.clients.calls.autoMap).toEqual([])
    expect(f.history.calls.some((c) => c.startsWith('demoChangeDirectory'))).toBe(false)
    expect(f.state.synced).toEqual([])
    expect(f.reports.calls.create).toEqual([])
  })
})
