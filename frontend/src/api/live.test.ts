import { describe, expect, it } from 'vitest'
import {
  connectError,
  connectReducer,
  cooldownDeadlines,
  progressValue,
  secondsLeft,
  signInLink,
  syncReducer,
  syncStateOf,
  type ConnectStep,
  type LiveSyncs,
} from './live'
import { tenant } from '../test/fixtures'

describe('sync events', () => {
  it('tracks progress per tenant and drops a tenant when its sync finishes', () => {
    let s: LiveSyncs = {}
    s = syncReducer(s, { kind: 'progress', p: { tenantId: 'a', phase: 'users', done: 1, total: 6 } })
    s = syncReducer(s, { kind: 'progress', p: { tenantId: 'b', phase: 'skus', done: 0, total: 0 } })
    s = syncReducer(s, { kind: 'progress', p: { tenantId: 'a', phase: 'mfa', done: 3, total: 6 } })
    expect(s).toEqual({ a: { phase: 'mfa', done: 3, total: 6 }, b: { phase: 'skus', done: 0, total: 0 } })
    const after = syncReducer(s, { kind: 'finished', p: { tenantId: 'a', status: 'succeeded', error: '' } })
    expect(Object.keys(after)).toEqual(['b'])
    // An unknown tenant finishing leaves the state as it was.
    expect(syncReducer(after, { kind: 'finished', p: { tenantId: 'zz', status: 'failed', error: 'x' } })).toBe(after)
  })
  it('prefers live events over the listed row, and uses the row while a sync runs without events', () => {
    const row = tenant({ id: 'a', syncing: true, phase: 'users', done: 1, total: 4 })
    expect(syncStateOf(row, {})).toEqual({ phase: 'users', done: 1, total: 4 })
    expect(syncStateOf(row, { a: { phase: 'mfa', done: 2, total: 4 } })).toEqual({ phase: 'mfa', done: 2, total: 4 })
    expect(syncStateOf(tenant({ id: 'a', syncing: false }), {})).toBeNull()
  })
  it('gives an indeterminate bar when the total is unknown', () => {
    expect(progressValue({ phase: 'x', done: 0, total: 0 })).toBeUndefined()
    expect(progressValue({ phase: 'x', done: 2, total: 8 })).toBe(0.25)
    expect(progressValue({ phase: 'x', done: 9, total: 8 })).toBe(1)
  })
  it('counts the cooldown down from the time the list was fetched', () => {
    const d = cooldownDeadlines([tenant({ id: 'a', cooldownS: 30 }), tenant({ id: 'b', cooldownS: 0 })], 1_000_000)
    expect(d).toEqual({ a: 1_030_000 })
    expect(secondsLeft(d.a, 1_000_000)).toBe(30)
    expect(secondsLeft(d.a, 1_029_001)).toBe(1)
    expect(secondsLeft(d.a, 1_030_000)).toBe(0)
    expect(secondsLeft(d.b, 1_000_000)).toBe(0)
  })
})

describe('connect steps', () => {
  it('completes a step when the next begins and updates a repeated step in place', () => {
    let s: ConnectStep[] = []
    s = connectReducer(s, { step: 'resolve', message: 'Finding the tenant' })
    s = connectReducer(s, { step: 'sign-in', message: 'Sign in in your browser', signInUrl: 'https://login.example/authorize?x=1' })
    s = connectReducer(s, { step: 'sign-in', message: 'Waiting for the browser' })
    expect(s.map((x) => [x.step, x.state])).toEqual([
      ['resolve', 'done'],
      ['sign-in', 'active'],
    ])
    expect(s[1].message).toBe('Waiting for the browser')
    expect(signInLink(s)).toBe('https://login.example/authorize?x=1')
    s = connectReducer(s, { step: 'organization', message: 'Reading the organization' })
    s = connectReducer(s, 'finished')
    expect(s.every((x) => x.state === 'done')).toBe(true)
    expect(connectError(s)).toBe('')
  })
  it('marks a failed step with the remedy text from Go', () => {
    let s: ConnectStep[] = []
    s = connectReducer(s, { step: 'consent', message: 'Waiting for consent' })
    s = connectReducer(s, { step: 'consent', message: 'Admin consent is required: ask a Global Administrator.', error: true })
    expect(s[0].state).toBe('error')
    expect(connectError(s)).toBe('Admin consent is required: ask a Global Administrator.')
    expect(connectReducer(s, 'reset')).toEqual([])
  })
})
