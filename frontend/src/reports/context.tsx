import { createContext, useContext, useMemo, type ReactNode } from 'react'
import { wailsReports, type ReportsBackend } from '../api/reports'

const ReportsContext = createContext<ReportsBackend | null>(null)

/** Provides the Reports service; without `value`, the Wails bindings. */
export function ReportsProvider({ value, children }: { value?: ReportsBackend; children: ReactNode }) {
  const r = useMemo(() => value ?? wailsReports(), [value])
  return <ReportsContext.Provider value={r}>{children}</ReportsContext.Provider>
}

export function useReports(): ReportsBackend {
  const r = useContext(ReportsContext)
  if (!r) throw new Error('useReports outside ReportsProvider')
  return r
}
