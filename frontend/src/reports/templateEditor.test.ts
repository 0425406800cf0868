import { describe, expect, it } from 'vitest'
import { copyOf, draftOf, editorReducer, mergeLayout, move, toTemplateView, type EditorAction, type TemplateDraft } from './templateEditor'
import { partTypes, quarterly } from './test/fixtures'

const run = (d: TemplateDraft, ...as: EditorAction[]) => as.reduce(editorReducer, d)
const part = (d: TemplateDraft, kind: string) => d.parts.find((p) => p.kind === kind)!
const keys = (d: TemplateDraft, kind: string) => part(d, kind).columns.map((c) => c.key)

describe('move', () => {
  it('moves an item and clamps the destination', () => {
    expect(move(['a', 'b', 'c', 'd'], 0, 2)).toEqual(['b', 'c', 'a', 'd'])
    expect(move(['a', 'b', 'c', 'd'], 3, 0)).toEqual(['d', 'a', 'b', 'c'])
    expect(move(['a', 'b', 'c'], 1, 99)).toEqual(['a', 'c', 'b'])
    expect(move(['a', 'b', 'c'], 1, -5)).toEqual(['b', 'a', 'c'])
    expect(move(['a', 'b'], 5, 0)).toEqual(['a', 'b'])
  })
})

describe('mergeLayout', () => {
  it('keeps the template order and appends columns it lacks as hidden with their default label', () => {
    const parts = mergeLayout(quarterly.parts, partTypes)
    const users = parts.find((p) => p.kind === 'users')!
    expect(users.columns.map((c) => c.key)).toEqual(['displayName', 'upn', 'mail', 'department', 'givenName'])
    expect(users.columns[4]).toEqual({ key: 'givenName', label: 'First Name', visible: false })
  })

  it('appends parts the template lacks, disabled, and keeps a shuffled order', () => {
    const parts = mergeLayout([{ ...quarterly.parts[2] }, { ...quarterly.parts[0] }], partTypes)
    expect(parts.map((p) => [p.kind, p.enabled])).toEqual([
      ['licenses', true],
      ['summary', true],
      ['users', false],
    ])
    expect(parts[2].columns.every((c) => !c.visible)).toBe(true)
    expect(parts[2].columns.map((c) => c.key)).toEqual(partTypes[1].columns.map((c) => c.key))
  })

  it('drops a duplicated column key', () => {
    const dup = { ...quarterly.parts[2], columns: [...quarterly.parts[2].columns, { key: 'name', label: 'Again', visible: false }] }
    expect(mergeLayout([dup], partTypes)[0].columns.map((c) => c.label)).toEqual(['License Name', 'SKU Part Number'])
  })
})

describe('editorReducer', () => {
  const d0 = draftOf(quarterly, partTypes)

  it('loads clean and marks any change dirty', () => {
    expect(d0.dirty).toBe(false)
    expect(run(d0, { type: 'name', name: 'x' }).dirty).toBe(true)
  })

  it('hides a column, renames another and reorders, producing the PartSettings Go receives', () => {
    const d = run(
      d0,
      { type: 'columnVisible', kind: 'users', key: 'mail', visible: false },
      { type: 'columnLabel', kind: 'users', key: 'displayName', label: ' Name ' },
      { type: 'moveColumn', kind: 'users', from: 3, to: 0 },
      { type: 'columnVisible', kind: 'users', key: 'givenName', visible: true },
    )
    const out = toTemplateView(d).parts.find((p) => p.kind === 'users')!
    expect(out).toEqual({
      kind: 'users',
      label: 'Users',
      enabled: true,
      columns: [
        { key: 'department', label: 'Department', visible: true },
        { key: 'displayName', label: 'Name', visible: true },
        { key: 'upn', label: 'User Principal Name', visible: true },
        { key: 'mail', label: 'Email', visible: false },
        { key: 'givenName', label: 'First Name', visible: true },
      ],
    })
    // Other parts are untouched.
    expect(toTemplateView(d).parts.find((p) => p.kind === 'licenses')).toEqual(quarterly.parts[2])
  })

  it('reorders, renames and disables parts', () => {
    const d = run(d0, { type: 'movePart', from: 2, to: 0 }, { type: 'partLabel', kind: 'users', label: 'People' }, { type: 'partEnabled', kind: 'summary', enabled: false })
    expect(d.parts.map((p) => [p.kind, p.label, p.enabled])).toEqual([
      ['licenses', 'Licenses', true],
      ['summary', 'Summary', false],
      ['users', 'People', true],
    ])
  })

  it('ignores actions on unknown parts or columns and no-op moves', () => {
    expect(run(d0, { type: 'columnVisible', kind: 'users', key: 'nope', visible: false })).toBe(d0)
    expect(run(d0, { type: 'partLabel', kind: 'contacts', label: 'x' })).toBe(d0)
    expect(run(d0, { type: 'moveColumn', kind: 'users', from: 1, to: 1 })).toBe(d0)
    expect(run(d0, { type: 'movePart', from: 7, to: 0 })).toBe(d0)
    expect(run(d0, { type: 'inactiveDays', days: NaN })).toBe(d0)
  })

  it('moves a column up and down one step like the arrow buttons', () => {
    const down = run(d0, { type: 'moveColumn', kind: 'users', from: 0, to: 1 })
    expect(keys(down, 'users').slice(0, 2)).toEqual(['upn', 'displayName'])
    const up = run(down, { type: 'moveColumn', kind: 'users', from: 1, to: 0 })
    expect(keys(up, 'users')).toEqual(keys(d0, 'users'))
  })

  it('switches the client contacts merge direction and saves it; the same choice is no change', () => {
    expect(d0.mergeFrom).toBe('accounts')
    expect(run(d0, { type: 'mergeFrom', from: 'accounts' })).toBe(d0)
    const d = run(d0, { type: 'mergeFrom', from: 'contacts' })
    expect([d.mergeFrom, d.dirty]).toEqual(['contacts', true])
    expect(toTemplateView(d).mergeFrom).toBe('contacts')
    expect(draftOf({ ...quarterly, mergeFrom: 'nonsense' }, []).mergeFrom).toBe('accounts')
  })

  it('keeps the reclaim threshold and name in the saved view, trimmed', () => {
    const v = toTemplateView(run(d0, { type: 'name', name: '  Board pack ' }, { type: 'inactiveDays', days: 60 }))
    expect([v.id, v.name, v.inactiveDays, v.isDefault]).toEqual([1, 'Board pack', 60, true])
  })
})

describe('copyOf', () => {
  it('is a new, non-default template with the same layout and no shared objects', () => {
    const c = copyOf(quarterly, 'Copy of Quarterly review')
    expect([c.id, c.name, c.isDefault]).toEqual([0, 'Copy of Quarterly review', false])
    expect(c.parts).toEqual(quarterly.parts)
    c.parts[1].columns[0].visible = false
    expect(quarterly.parts[1].columns[0].visible).toBe(true)
  })
})
