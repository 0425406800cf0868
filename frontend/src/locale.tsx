// The formatting locale for the whole UI: Go names it (the system's, or the
// Settings' override; bridge.Settings.Locale), format.ts uses it for every
// Intl call. A change re-mounts the pages so every figure is re-formatted.
import { createContext, Fragment, useCallback, useContext, useEffect, useState, type ReactNode } from 'react'
import { useBackend } from './api'
import { currentLocale, setLocale } from './format'

interface LocaleState {
  /** The tag in effect. */
  locale: string
  /** Applies a tag Go returned (e.g. SettingsView.locale after a save). */
  apply(tag: string): void
}

const LocaleContext = createContext<LocaleState>({ locale: currentLocale(), apply: (t) => void setLocale(t) })

export function LocaleProvider({ children }: { children: ReactNode }) {
  const b = useBackend()
  const [locale, setState] = useState<string | null>(null)
  const apply = useCallback((tag: string) => setState(setLocale(tag)), [])
  useEffect(() => {
    let live = true
    b.app
      .locale()
      .then((t) => live && setState(setLocale(t)))
      // No backend (a plain browser): the fixed fallback, never the engine's default.
      .catch(() => live && setState(setLocale(null)))
    return () => {
      live = false
    }
  }, [b])
  // Nothing is formatted before Go has named the locale (one quick call).
  if (locale === null) return null
  return (
    <LocaleContext.Provider value={{ locale, apply }}>
      <Fragment key={locale}>{children}</Fragment>
    </LocaleContext.Provider>
  )
}

export function useLocale(): LocaleState {
  return useContext(LocaleContext)
}
