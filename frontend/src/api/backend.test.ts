import { describe, expect, it } from 'vitest'
import { subscriber } from './backend'
import type { EventNames } from './types'

// Names as Go's events.AllNames() gives them; the facade must subscribe to
// whatever Go says, never to a string of its own.
const goNames: EventNames = {
  syncProgress: 'go:sync-progress',
  syncFinished: 'go:sync-finished',
  connectStatus: 'go:connect-status',
  exportProgress: 'go:export-progress',
  syncCancel: 'go:sync-cancel',
  psaProgress: 'go:psa-progress',
  psaCancel: 'go:psa-cancel',
}

function bus() {
  const subs: { name: string; fn: (p: unknown) => void }[] = []
  return {
    subs,
    listen: (name: string, fn: (p: unknown) => void) => {
      const s = { name, fn }
      subs.push(s)
      return () => void subs.splice(subs.indexOf(s), 1)
    },
    emit: (name: string, p: unknown) => subs.filter((s) => s.name === name).forEach((s) => s.fn(p)),
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0))

describe('event subscriptions use the names Go gives', () => {
  it('export progress, like every event, subscribes under Go’s name', async () => {
    const b = bus()
    const sub = subscriber(() => Promise.resolve(goNames), b.listen)
    const got: unknown[] = []
    const off = sub('exportProgress', (p) => got.push(p))
    sub('syncProgress', () => {})
    await tick()
    expect(b.subs.map((s) => s.name)).toEqual(['go:export-progress', 'go:sync-progress'])
    b.emit('export:progress', { done: 1, total: 2 })
    b.emit('go:export-progress', { done: 2, total: 2 })
    expect(got).toEqual([{ done: 2, total: 2 }])
    off()
    expect(b.subs.map((s) => s.name)).toEqual(['go:sync-progress'])
  })

  it('unsubscribing before Go answers never subscribes', async () => {
    const b = bus()
    let answer: (n: EventNames) => void = () => {}
    const sub = subscriber(() => new Promise<EventNames>((r) => (answer = r)), b.listen)
    const off = sub('syncFinished', () => {})
    off()
    answer(goNames)
    await tick()
    expect(b.subs).toEqual([])
  })

  it('without a backend nothing subscribes and nothing throws', async () => {
    const b = bus()
    const sub = subscriber(() => Promise.reject(new Error('no window.go')), b.listen)
    const off = sub('connectStatus', () => {})
    await tick()
    expect(b.subs).toEqual([])
    off()
  })
})
