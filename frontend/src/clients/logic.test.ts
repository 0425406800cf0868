import { describe, expect, it } from 'vitest'
import { choiceFromColumns, fileToBase64, filterRows, mappingOf, mappingProblem, noChoice, parseThreshold, topPairs } from './logic'
import { detail, mappingRow } from './test/fixtures'

describe('clients display helpers', () => {
  it('filters the merged rows by Go’s category', () => {
    const rows = detail().rows
    expect(filterRows(rows, '').length).toBe(4)
    expect(filterRows(rows, 'matched').map((r) => r.email)).toEqual(['ada@contoso.com', 'grace@contoso.com'])
    expect(filterRows(rows, 'contact_only').map((r) => r.contactName)).toEqual(['Ghost Contact'])
    expect(filterRows(rows, 'account_only').map((r) => r.displayName)).toEqual(['Bob Builder'])
  })

  it('maps selected tenants to their top suggestion and says why others are skipped', () => {
    const rows = [
      mappingRow(),
      mappingRow({ tenantId: 't2', tenantName: 'Fabrikam', suggestions: [] }),
      mappingRow({ tenantId: 't3', tenantName: 'Mapped Co', clientId: 7, clientName: 'Mapped', suggestions: [] }),
      mappingRow({ tenantId: 't4', tenantName: 'Not selected' }),
    ]
    const { pairs, skipped } = topPairs(rows, new Set(['tid-contoso', 't2', 't3']))
    expect(pairs).toEqual([{ tenantId: 'tid-contoso', clientId: 1 }])
    expect(skipped).toEqual([
      { tenantName: 'Fabrikam', reason: 'no suggested client: pick one by hand' },
      { tenantName: 'Mapped Co', reason: 'already mapped to Mapped' },
    ])
  })

  it('turns Go’s column report into the mapping step’s choice and back into a mapping', () => {
    const c = choiceFromColumns([
      { field: 'email', header: 'Mail' },
      { field: 'email', header: 'Mail 2' },
      { field: 'firstName', header: 'Given' },
      { field: 'phone', header: 'Tel' },
    ])
    expect(c.email).toBe('Mail')
    expect(c.email2).toBe('Mail 2')
    expect(mappingOf(c)).toEqual({ emails: ['Mail', 'Mail 2'], firstName: 'Given', phones: ['Tel'] })
    expect(mappingProblem(noChoice)).toMatch(/email/)
    expect(mappingProblem({ ...noChoice, email: 'Mail' })).toMatch(/name column/)
    expect(mappingProblem(c)).toBe('')
  })

  it('accepts thresholds from 0 to 1 (empty: Go’s default)', () => {
    expect(parseThreshold('')).toBe(0)
    expect(parseThreshold('0.85')).toBe(0.85)
    expect(parseThreshold('0,7')).toBe(0.7)
    expect(parseThreshold('1.2')).toBeNull()
    expect(parseThreshold('abc')).toBeNull()
  })

  it('encodes a file’s bytes, BOM and non-ASCII included', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xe9, 0x00, 0xff])
    const b64 = await fileToBase64(new Blob([bytes]))
    expect(Array.from(atob(b64), (ch) => ch.charCodeAt(0))).toEqual(Array.from(bytes))
  })
})
