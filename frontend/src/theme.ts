import { useEffect, useState } from 'react'

export type ColorScheme = 'light' | 'dark'

const query = '(prefers-color-scheme: dark)'

/** Follows the operating system's light/dark setting, live. */
export function useColorScheme(): ColorScheme {
  const get = (): ColorScheme =>
    typeof window !== 'undefined' && window.matchMedia?.(query).matches ? 'dark' : 'light'
  const [scheme, setScheme] = useState<ColorScheme>(get)
  useEffect(() => {
    const mq = window.matchMedia?.(query)
    if (!mq) return
    const on = () => setScheme(mq.matches ? 'dark' : 'light')
    mq.addEventListener('change', on)
    return () => mq.removeEventListener('change', on)
  }, [])
  return scheme
}
