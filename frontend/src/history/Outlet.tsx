// What the shell mounts for the history views: the offline banner and the
// Ctrl+K palette always, and a dashboard or compare page for a history
// route (route.ts) in place of the Overview.
import { useEffect, useState } from 'react'
import { ClientDetail } from '../clients/ClientDetail'
import { CommandPalette } from './CommandPalette'
import { Compare } from './Compare'
import { OfflineBanner } from './OfflineBanner'
import { TenantDashboard } from './TenantDashboard'
import { historyRoute, openHash, type HistoryRoute } from './route'

export function useHistoryRoute(): HistoryRoute | null {
  const [r, setR] = useState(() => historyRoute(window.location.hash))
  useEffect(() => {
    const on = () => setR(historyRoute(window.location.hash))
    window.addEventListener('hashchange', on)
    return () => window.removeEventListener('hashchange', on)
  }, [])
  return r
}

export function HistoryOutlet({ route }: { route: HistoryRoute | null }) {
  return (
    <>
      <OfflineBanner />
      <CommandPalette />
      {route?.view === 'compare' && <Compare key={`${route.scope.kind}:${route.scope.id}`} scope={route.scope} />}
      {route?.view === 'dashboard' && route.scope.kind === 'tenant' && <TenantDashboard key={route.scope.id} tenantId={route.scope.id} />}
      {route?.view === 'dashboard' && route.scope.kind === 'client' && (
        <ClientDetail key={route.scope.id} clientId={route.scope.id} initialTab="dashboard" onBack={() => openHash('#/overview')} onChanged={() => {}} />
      )}
    </>
  )
}
