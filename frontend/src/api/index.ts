// Typed access to the Go services. Every number the UI shows comes from
// here; the UI computes none itself.
import * as App from '../../wailsjs/go/main/App'
import { EventsOn } from '../../wailsjs/runtime/runtime'
import type { doctor, events, main } from '../../wailsjs/go/models'

export type AppInfo = main.AppInfo
export type DoctorReport = doctor.Report
export type EventNames = events.Names

/** True inside the Wails window or `wails dev` (bindings injected). */
export function hasBackend(): boolean {
  return typeof window !== 'undefined' && !!(window as unknown as { go?: { main?: { App?: unknown } } }).go?.main?.App
}

export const api = {
  info: (): Promise<AppInfo> => App.Info(),
  doctor: (): Promise<DoctorReport> => App.Doctor(),
  eventNames: (): Promise<EventNames> => App.EventNames(),
}

/** Subscribe to a Go → UI event; returns the unsubscribe function. */
export function on<T>(name: string, fn: (payload: T) => void): () => void {
  return EventsOn(name, (p: T) => fn(p))
}

/** A readable message from a rejected binding call. */
export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message
  if (typeof e === 'string') return e
  return JSON.stringify(e)
}

export * from './types'
export { wailsBackend, type Backend, type Unsubscribe } from './backend'
export { BackendProvider, useBackend } from './context'
