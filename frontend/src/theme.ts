// Light, dark or the system's setting: the user's choice is remembered in
// localStorage (a display preference of this machine's window, like the
// column choice) and every part follows it — Fluent (Root.tsx), AG Grid
// (components/Grid.tsx) and ECharts (components/Chart.tsx).
import { useEffect, useState, useSyncExternalStore } from 'react'

export type ColorScheme = 'light' | 'dark'
export type ThemePref = ColorScheme | 'system'

export const THEME_KEY = 'tenantlens.theme'
export const themePrefs: { value: ThemePref; label: string }[] = [
  { value: 'system', label: 'Same as the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
]

const query = '(prefers-color-scheme: dark)'
const listeners = new Set<() => void>()

function isPref(v: unknown): v is ThemePref {
  return v === 'light' || v === 'dark' || v === 'system'
}

/** The remembered choice ('system' when none or unreadable). */
export function getThemePref(): ThemePref {
  try {
    const v = window.localStorage.getItem(THEME_KEY)
    if (isPref(v)) return v
  } catch {
    /* storage unavailable */
  }
  return 'system'
}

/** Remembers the choice and repaints every themed part at once. */
export function setThemePref(p: ThemePref): void {
  try {
    if (p === 'system') window.localStorage.removeItem(THEME_KEY)
    else window.localStorage.setItem(THEME_KEY, p)
  } catch {
    /* not remembered, still applied for this session */
  }
  current = p
  for (const l of listeners) l()
}

let current: ThemePref | null = null

function snapshot(): ThemePref {
  return (current ??= getThemePref())
}

function subscribe(fn: () => void): () => void {
  listeners.add(fn)
  return () => listeners.delete(fn)
}

/** The theme choice, live across components. */
export function useThemePref(): ThemePref {
  return useSyncExternalStore(subscribe, snapshot, () => 'system' as ThemePref)
}

/** What a choice means given the system's setting. */
export function resolveScheme(pref: ThemePref, systemDark: boolean): ColorScheme {
  if (pref === 'system') return systemDark ? 'dark' : 'light'
  return pref
}

/** The scheme to paint in: the user's choice, or the system's setting (followed live). */
export function useColorScheme(): ColorScheme {
  const pref = useThemePref()
  const get = () => typeof window !== 'undefined' && !!window.matchMedia?.(query).matches
  const [systemDark, setSystemDark] = useState<boolean>(get)
  useEffect(() => {
    const mq = window.matchMedia?.(query)
    if (!mq) return
    const on = () => setSystemDark(mq.matches)
    mq.addEventListener('change', on)
    return () => mq.removeEventListener('change', on)
  }, [])
  return resolveScheme(pref, systemDark)
}

/** Tests: forget the cached choice so the next read comes from storage. */
export function resetThemeForTests(): void {
  current = null
}
