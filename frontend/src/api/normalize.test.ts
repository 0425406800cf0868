import { describe, expect, it } from 'vitest'
import { normConnect, normMFA, normOutcome, normOverview, normReport, normTemplate, normUsers, uniqueSkus } from './normalize'
import { mfaView, tenant, user } from '../test/fixtures'

// Go marshals nil slices as null; the pages index into them freely.
const nulled = <T,>(o: T, ...keys: (keyof T)[]): T => {
  const c = { ...o }
  for (const k of keys) (c as Record<keyof T, unknown>)[k] = null
  return c
}

describe('normalising Go nulls', () => {
  it('turns null lists into empty ones, deep in tenants and users', () => {
    const ov = normOverview({ tenants: 1, synced: 0, failing: 0, users: 0, licensed: 0, mfaCoveragePct: 0, unusedLicenses: 0, monthlyWaste: 0, currency: '', wasteByCurrency: null as unknown as [], inactive: 0, inactiveLicensed: 0, inactiveDays: 90, rows: [nulled(tenant(), 'roleWarnings', 'notes')] })
    expect(ov.wasteByCurrency).toEqual([])
    expect(ov.rows[0].roleWarnings).toEqual([])
    expect(ov.rows[0].notes).toEqual([])
    expect(normOverview(nulled(ov, 'rows')).rows).toEqual([])
    const uv = normUsers({ rows: [nulled(user(), 'licenseNames', 'licenseParts', 'mfaMethods')], dataDate: '', notes: null as unknown as string[], inactiveDays: 90 })
    expect(uv.notes).toEqual([])
    expect(uv.rows[0].licenseNames).toEqual([])
    expect(uv.rows[0].mfaMethods).toEqual([])
    const mv = normMFA(nulled(mfaView, 'byMethod', 'rows'))
    expect(mv.byMethod).toEqual([])
    expect(mv.rows).toEqual([])
    const cr = normConnect({ connectionId: 'c', tenants: null as unknown as [], warnings: null as unknown as [] })
    expect(cr).toEqual({ connectionId: 'c', tenants: [], warnings: [] })
  })
  it('keeps the data as it is otherwise', () => {
    const u = user({ licenseNames: ['E3'], mfaMethods: ['phone'] })
    expect(normUsers({ rows: [u], dataDate: 'd', notes: ['n'], inactiveDays: 30 })).toEqual({ rows: [u], dataDate: 'd', notes: ['n'], inactiveDays: 30 })
  })
})

describe('normalising report results', () => {
  it('fills null lists in templates, reports and versions', () => {
    const t = normTemplate({ id: 1, name: 'T', isDefault: true, inactiveDays: 90, updatedAt: '', parts: null as unknown as [] } as unknown as Parameters<typeof normTemplate>[0])
    expect(t.parts).toEqual([])
    const r = normReport({ id: 1, tenantId: 't', tenantName: '', name: 'R', templateId: 1, templateName: '', createdAt: '', versions: [{ id: 2, reportId: 1, number: 1, status: 'draft', createdAt: '', finalizedAt: '', dataDate: '', runIds: null as unknown as number[] }] })
    expect(r.versions[0].runIds).toEqual([])
    expect(normOutcome({ files: null as unknown as string[] } as Parameters<typeof normOutcome>[0]).files).toEqual([])
  })
  it('lists each SKU once, by name', () => {
    const rows = [
      { skuId: 'b', partNumber: 'SPB', name: 'Business Premium' },
      { skuId: 'a', partNumber: 'E3', name: 'Office 365 E3' },
      { skuId: 'b', partNumber: 'SPB', name: 'Business Premium' },
      { skuId: '', partNumber: 'X', name: 'no id' },
    ]
    expect(uniqueSkus(rows, 'en-US').map((r) => r.skuId)).toEqual(['b', 'a'])
  })
})
