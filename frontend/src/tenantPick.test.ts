import { describe, expect, it } from 'vitest'
import { ALL_TENANTS, loadPick, resolvePick, savePick, type KV } from './tenantPick'

function memory(): KV & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) }
}

describe('tenant pick', () => {
  it('defaults to all tenants and remembers a pick', () => {
    const kv = memory()
    expect(loadPick(kv)).toBe(ALL_TENANTS)
    savePick('t1', kv)
    expect(loadPick(kv)).toBe('t1')
  })
  it('falls back to all tenants when the remembered tenant is gone', () => {
    expect(resolvePick('t1', [{ id: 't1' }, { id: 't2' }])).toBe('t1')
    expect(resolvePick('gone', [{ id: 't1' }])).toBe(ALL_TENANTS)
    // While the list is loading the pick stands.
    expect(resolvePick('t1', null)).toBe('t1')
  })
})
