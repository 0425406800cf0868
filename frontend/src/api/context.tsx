import { createContext, useContext, useMemo, type ReactNode } from 'react'
import { wailsBackend, type Backend } from './backend'

const BackendContext = createContext<Backend | null>(null)

/** Provides the backend to the pages; without `value`, the Wails bindings. */
export function BackendProvider({ value, children }: { value?: Backend; children: ReactNode }) {
  const b = useMemo(() => value ?? wailsBackend(), [value])
  return <BackendContext.Provider value={b}>{children}</BackendContext.Provider>
}

export function useBackend(): Backend {
  const b = useContext(BackendContext)
  if (!b) throw new Error('useBackend outside BackendProvider')
  return b
}
