import { useEffect, useReducer, useRef } from 'react'
import { useBackend } from '../api'
import { syncReducer, type LiveSyncs } from '../api/live'
import type { SyncFinished } from '../api/types'

/** Calls `fn` whenever a tenant's sync finishes (pages reload their data). */
export function useSyncFinished(fn: (p: SyncFinished) => void): void {
  const b = useBackend()
  const ref = useRef(fn)
  ref.current = fn
  useEffect(() => b.events.onSyncFinished((p) => ref.current(p)), [b])
}

/** Live sync progress per tenant, from sync:progress / sync:finished. */
export function useLiveSyncs(): LiveSyncs {
  const b = useBackend()
  const [live, dispatch] = useReducer(syncReducer, {})
  useEffect(() => {
    const a = b.events.onSyncProgress((p) => dispatch({ kind: 'progress', p }))
    const z = b.events.onSyncFinished((p) => dispatch({ kind: 'finished', p }))
    return () => {
      a()
      z()
    }
  }, [b])
  return live
}
