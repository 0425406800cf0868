import { describe, expect, it } from 'vitest'
import { exportReducer, initialExport, progressValue, type ExportAction, type ExportState } from './exportMachine'

const run = (s: ExportState, ...as: ExportAction[]) => as.reduce(exportReducer, s)
const opened = run(initialExport, { type: 'open' })

describe('export dialog state machine', () => {
  it('opens on the format choice', () => {
    expect(opened.phase).toBe('choose')
    expect(run(opened, { type: 'format', format: 'csv' }).format).toBe('csv')
  })

  it('runs, follows progress and ends with the files', () => {
    const s = run(opened, { type: 'start' }, { type: 'progress', p: { done: 40, total: 100 } })
    expect([s.phase, s.done, s.total]).toEqual(['running', 40, 100])
    expect(progressValue(s)).toBe(0.4)
    const done = run(s, { type: 'success', outcome: { files: ['/t/a.xlsx'], rows: 100, cancelled: false } })
    expect([done.phase, done.files, done.rows]).toEqual(['done', ['/t/a.xlsx'], 100])
  })

  it('a cancelled save dialog closes quietly', () => {
    const s = run(opened, { type: 'start' }, { type: 'success', outcome: { files: [], rows: 0, cancelled: true } })
    expect(s.phase).toBe('closed')
    expect(s.error).toBe('')
  })

  it('an error returns to the choice with the message, and a new start clears it', () => {
    const s = run(opened, { type: 'format', format: 'html' }, { type: 'start' }, { type: 'fail', error: 'disk full' })
    expect([s.phase, s.error, s.format]).toEqual(['choose', 'disk full', 'html'])
    expect(run(s, { type: 'start' }).error).toBe('')
  })

  it('ignores progress outside a run and late progress after it', () => {
    expect(run(opened, { type: 'progress', p: { done: 5, total: 10 } })).toBe(opened)
    const done = run(opened, { type: 'start' }, { type: 'success', outcome: { files: ['x'], rows: 1, cancelled: false } })
    expect(run(done, { type: 'progress', p: { done: 1, total: 1 } })).toBe(done)
  })

  it('cannot be closed or changed while running', () => {
    const s = run(opened, { type: 'start' })
    expect(run(s, { type: 'close' })).toBe(s)
    expect(run(s, { type: 'format', format: 'csv' })).toBe(s)
    expect(run(s, { type: 'start' })).toBe(s)
  })

  it('shows an indeterminate bar until the first event, and never past full', () => {
    expect(progressValue({ done: 0, total: 0 })).toBeUndefined()
    expect(progressValue({ done: 12, total: 10 })).toBe(1)
  })
})
