// The offline banner: Go's Connectivity status, asked at start, every
// `pollMs` and after every sync. While Microsoft cannot be reached the app
// keeps showing the last synced data and says so.
import { useEffect, useState } from 'react'
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components'
import { useBackend } from '../api'
import type { Connectivity } from '../api/history'
import { useSyncFinished } from '../hooks/useSyncEvents'
import { fmtDateTime } from '../format'

export function OfflineBanner({ pollMs = 30_000 }: { pollMs?: number }) {
  const b = useBackend()
  const [c, setC] = useState<Connectivity | null>(null)
  const [tick, setTick] = useState(0)
  useSyncFinished(() => setTick((t) => t + 1))
  useEffect(() => {
    let live = true
    const ask = () =>
      b.history
        .connectivity()
        .then((v) => live && setC(v))
        .catch(() => {
          /* no history service in this build: no banner */
        })
    ask()
    const id = setInterval(ask, pollMs)
    return () => {
      live = false
      clearInterval(id)
    }
  }, [b, pollMs, tick])
  if (!c || !c.offline) return null
  return (
    <MessageBar intent="warning" layout="multiline" style={{ marginBottom: 16 }} data-testid="offline-banner" role="status">
      <MessageBarBody>
        <MessageBarTitle>Offline</MessageBarTitle>
        {c.reason}
        {c.lastSuccess ? ` Last successful sync: ${fmtDateTime(c.lastSuccess)}.` : ''}
        {c.lastAttemptOffline && c.tenantName ? ` The latest sync attempt (${c.tenantName}, ${fmtDateTime(c.since)}) could not reach Microsoft.` : ''}
      </MessageBarBody>
    </MessageBar>
  )
}
