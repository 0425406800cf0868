// The Overview's clients part: the attention cards and the clients table,
// from Go's ClientsOverview (asked again for another sort, and after a sync).
import { useState } from 'react'
import { tokens } from '@fluentui/react-components'
import { useBackend } from '../api'
import { useLoad } from '../hooks/useLoad'
import { useSyncFinished } from '../hooks/useSyncEvents'
import { ErrorState, Loading } from '../components/States'
import { AttentionCards } from './AttentionCards'
import { OverviewClients, type SortState } from './OverviewClients'

export function ClientsPanel() {
  const b = useBackend()
  const [sort, setSort] = useState<SortState>({ key: 'worst', desc: false })
  const ov = useLoad(() => b.history.clientsOverview(sort.key, sort.desc), `${sort.key}:${sort.desc}`)
  useSyncFinished(() => ov.reload())
  if (ov.error && !ov.data) return <ErrorState error={ov.error} onRetry={ov.reload} />
  if (!ov.data) return <Loading />
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL }} data-testid="overview-clients-panel">
      <AttentionCards attention={ov.data.attention} />
      <OverviewClients data={ov.data} sort={sort} onSort={setSort} />
    </div>
  )
}
