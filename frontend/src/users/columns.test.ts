import { describe, expect, it } from 'vitest'
import { applyHidden, defaultHidden, fmtBytes, hideUnseen, licensingColumns, userColumns } from './columns'

describe('Users grid licensing columns', () => {
  it('are in the column chooser; all but the licence source start hidden', () => {
    const ids = userColumns().map((c) => c.colId)
    for (const c of licensingColumns()) expect(ids).toContain(c.colId)
    const shown = applyHidden(userColumns(), new Set(defaultHidden)).filter((c) => !c.hide).map((c) => c.colId)
    expect(shown).toContain('licenseSources')
    for (const id of ['assignmentErrors', 'exchangeLast', 'oneDriveLast', 'sharePointLast', 'teamsLast', 'yammerLast', 'skypeLast', 'oneDriveBytes', 'oneDriveFiles', 'teamsChatMessages', 'teamsPrivateMessages', 'teamsCalls', 'teamsMeetings']) {
      expect(shown).not.toContain(id)
    }
  })

  it("read Go's fields, one column per field", () => {
    const fields = licensingColumns().map((c) => c.field)
    expect(new Set(fields).size).toBe(fields.length)
    expect(fields).toEqual(expect.arrayContaining(['licenseSources', 'oneDriveBytes', 'teamsMeetings', 'yammerLast']))
  })

  it("formats OneDrive storage from Go's bytes, -1 as unknown", () => {
    expect(fmtBytes(-1)).toBe('unknown')
    expect(fmtBytes(512)).toBe('512 B')
    expect(fmtBytes(1536)).toBe(`${(1.5).toLocaleString('en-US')} KB`)
    expect(fmtBytes(5 * 1024 ** 3)).toBe('5 GB')
  })
})

describe('hideUnseen', () => {
  it('keeps a saved choice, and hides columns the saved choice did not know when they default to hidden', () => {
    const all = ['a', 'b', 'newHidden', 'newShown']
    const saved = new Set(['b'])
    expect([...hideUnseen(saved, null, all, ['newHidden'])]).toEqual(['b'])
    expect([...hideUnseen(saved, ['a', 'b'], all, ['newHidden'])].sort()).toEqual(['b', 'newHidden'])
    // a column the user already saw and chose to show stays shown
    expect([...hideUnseen(saved, ['a', 'b', 'newHidden'], all, ['newHidden'])]).toEqual(['b'])
  })
})
