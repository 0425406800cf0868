import { createContext, useContext, useMemo, type ReactNode } from 'react'
import { wailsReports, type ReportsBackend } from '../api/reports'

const ReportsContext = createContext<ReportsBackend | null>(null)

/** Provides the Reports service; without `value`, an outer provider's or the Wails bindings. */
export function ReportsProvider({ value, children }: { value?: ReportsBackend; children: ReactNode }) {
  const outer = useContext(ReportsContext)
  const r = useMemo(() => value ?? outer ?? wailsReports(), [value, outer])
  return <ReportsContext.Provider value={r}>{children}</ReportsContext.Provider>
}

export function useReports(): ReportsBackend {
  const r = useContext(ReportsContext)
  if (!r) throw new Error('useReports outside ReportsProvider')
  return r
}
