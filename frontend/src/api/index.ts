// The UI's access to Go: one typed facade (backend.ts) provided through
// BackendContext. Every number the UI shows comes from there; the UI
// computes none itself.

/** True inside the Wails window or `wails dev` (bindings injected). */
export function hasBackend(): boolean {
  return typeof window !== 'undefined' && !!(window as unknown as { go?: { main?: { App?: unknown } } }).go?.main?.App
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
