import { useCallback, useEffect, useRef, useState } from 'react'
import { errorText } from '../api'

export interface Loaded<T> {
  data: T | null
  error: string
  loading: boolean
  /** Loads again; the current data stays on screen meanwhile. */
  reload: () => void
}

/** Runs `fn` when `key` changes (and on reload); the latest call wins. */
export function useLoad<T>(fn: () => Promise<T>, key: string): Loaded<T> {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState('')
  const [loading, setLoading] = useState(true)
  const [tick, setTick] = useState(0)
  const seq = useRef(0)
  const fnRef = useRef(fn)
  fnRef.current = fn
  const lastKey = useRef(key)

  useEffect(() => {
    const my = ++seq.current
    if (lastKey.current !== key) {
      lastKey.current = key
      setData(null)
    }
    setLoading(true)
    fnRef
      .current()
      .then((d) => {
        if (my !== seq.current) return
        setData(d)
        setError('')
      })
      .catch((e) => {
        if (my !== seq.current) return
        setError(errorText(e))
      })
      .finally(() => {
        if (my === seq.current) setLoading(false)
      })
  }, [key, tick])

  const reload = useCallback(() => setTick((t) => t + 1), [])
  return { data, error, loading, reload }
}
