import { useEffect, useMemo, useState } from 'react'
import {
  Badge,
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title2,
  tokens,
  Tooltip,
} from '@fluentui/react-components'
import {
  ArrowSync20Regular,
  Dismiss20Regular,
  DocumentText20Regular,
  PlugConnected24Regular,
  PlugDisconnected20Regular,
  Warning16Filled,
} from '@fluentui/react-icons'
import { errorText, useBackend } from '../api'
import type { TenantRow } from '../api/types'
import { cooldownDeadlines, progressValue, secondsLeft, syncStateOf, type LiveSync } from '../api/live'
import { useLoad } from '../hooks/useLoad'
import { useLiveSyncs, useSyncFinished } from '../hooks/useSyncEvents'
import { EmptyState, ErrorState, Loading } from '../components/States'
import { AccessBadge, SyncBadge } from '../components/badges'
import { fmtAgo, fmtDateTime } from '../format'
import { ConnectDialog } from './ConnectDialog'
import { DisconnectDialog, tenantName } from './DisconnectDialog'
import { LogDrawer } from './LogDrawer'
import { MfaFigure } from '../components/MfaFigure'
import { LicenceChangesToggle } from '../licensing/LicenceChangesToggle'

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  grow: { flexGrow: 1 },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, paddingTop: '6px', paddingBottom: '6px' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1, display: 'flex', gap: '4px', alignItems: 'flex-start' },
  err: { color: tokens.colorPaletteRedForeground1 },
  note: { color: tokens.colorNeutralForeground3 },
})

export function Tenants() {
  const s = useStyles()
  const b = useBackend()
  const list = useLoad(async () => ({ rows: await b.tenants.list(), at: Date.now() }), 'tenants')
  const live = useLiveSyncs()
  const [connecting, setConnecting] = useState(false)
  const [logFor, setLogFor] = useState<TenantRow | null>(null)
  const [removing, setRemoving] = useState<TenantRow | null>(null)
  const [rowErr, setRowErr] = useState<Record<string, string>>({})
  const [banner, setBanner] = useState<{ intent: 'success' | 'error'; text: string } | null>(null)
  const [tick, setNow] = useState(() => Date.now())

  useSyncFinished(() => list.reload())

  // The clock never runs behind the moment the list was fetched.
  const now = Math.max(tick, list.data?.at ?? 0)
  const deadlines = useMemo(() => (list.data ? cooldownDeadlines(list.data.rows, list.data.at) : {}), [list.data])
  const cooling = Object.values(deadlines).some((d) => d > now)
  useEffect(() => {
    if (!cooling) return
    const t = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(t)
  }, [cooling])

  const act = async (id: string, fn: () => Promise<void>) => {
    setRowErr((e) => ({ ...e, [id]: '' }))
    try {
      await fn()
    } catch (e) {
      setRowErr((x) => ({ ...x, [id]: errorText(e) }))
    }
    list.reload()
  }
  const syncAll = async () => {
    setBanner(null)
    try {
      const n = await b.tenants.syncAll()
      setBanner({ intent: 'success', text: n === 1 ? 'Started 1 sync.' : `Started ${n} syncs.` })
    } catch (e) {
      setBanner({ intent: 'error', text: errorText(e) })
    }
    list.reload()
  }

  const rows = list.data?.rows ?? []
  const partnerCount = (t: TenantRow) => rows.filter((r) => r.connectionId === t.connectionId).length

  return (
    <div className={s.page} data-testid="page-tenants">
      <div className={s.head}>
        <Title2 className={s.grow}>Tenants</Title2>
        <Button icon={<ArrowSync20Regular />} onClick={syncAll} disabled={rows.length === 0} data-testid="sync-all">
          Sync all
        </Button>
        <Button appearance="primary" icon={<PlugConnected24Regular />} onClick={() => setConnecting(true)} data-testid="connect-tenant">
          Connect a tenant
        </Button>
      </div>
      {banner && (
        <MessageBar intent={banner.intent} data-testid="tenants-banner">
          <MessageBarBody>{banner.text}</MessageBarBody>
        </MessageBar>
      )}
      {list.error && <ErrorState error={list.error} onRetry={list.reload} />}
      {!list.data && !list.error && <Loading />}
      {list.data && rows.length === 0 && (
        <EmptyState title="No tenants connected">Connect a tenant, or every GDAP customer at once as a partner.</EmptyState>
      )}
      {rows.length > 0 && (
        <Table aria-label="Connected tenants" data-testid="tenants-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell style={{ width: '26%' }}>Tenant</TableHeaderCell>
              <TableHeaderCell style={{ width: '22%' }}>Access</TableHeaderCell>
              <TableHeaderCell style={{ width: '26%' }}>Last sync</TableHeaderCell>
              <TableHeaderCell>Actions</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TenantLine
                key={r.id}
                row={r}
                sync={syncStateOf(r, live)}
                cooldown={secondsLeft(deadlines[r.id], now)}
                error={rowErr[r.id] ?? ''}
                onSync={() => act(r.id, () => b.tenants.syncNow(r.id))}
                onCancel={() => act(r.id, () => b.tenants.cancelSync(r.id))}
                onLog={() => setLogFor(r)}
                onDisconnect={() => setRemoving(r)}
              />
            ))}
          </TableBody>
        </Table>
      )}
      <ConnectDialog
        open={connecting}
        onClose={() => {
          setConnecting(false)
          list.reload()
        }}
      />
      <LogDrawer tenant={logFor} onClose={() => setLogFor(null)} />
      <DisconnectDialog
        tenant={removing}
        partnerTenants={removing ? partnerCount(removing) : 0}
        onClose={(removed) => {
          setRemoving(null)
          if (removed) list.reload()
        }}
      />
    </div>
  )
}

function TenantLine({
  row,
  sync,
  cooldown,
  error,
  onSync,
  onCancel,
  onLog,
  onDisconnect,
}: {
  row: TenantRow
  sync: LiveSync | null
  cooldown: number
  error: string
  onSync: () => void
  onCancel: () => void
  onLog: () => void
  onDisconnect: () => void
}) {
  const s = useStyles()
  const name = tenantName(row)
  return (
    <TableRow data-testid={`tenant-row-${row.id}`}>
      <TableCell>
        <div className={s.stack}>
          <Text weight="semibold">{name}</Text>
          <Caption1>{row.defaultDomain}</Caption1>
          <div className={s.actions}>
            <Badge appearance="outline" size="small">{row.connectionKind === 'partner' ? 'GDAP' : 'Direct'}</Badge>
            {row.demo && <Badge appearance="outline" size="small" color="warning">Demo</Badge>}
          </div>
          <LicenceChangesToggle tenantId={row.id} partner={row.connectionKind === 'partner'} />
        </div>
      </TableCell>
      <TableCell>
        <div className={s.stack}>
          <div>
            <AccessBadge row={row} />
          </div>
          {row.access !== 'ready' && row.accessDetail && <Caption1>{row.accessDetail}</Caption1>}
          {row.roleWarnings.map((w) => (
            <Caption1 key={w} className={s.warn} data-testid="role-warning">
              <Warning16Filled /> {w}
            </Caption1>
          ))}
        </div>
      </TableCell>
      <TableCell>
        <div className={s.stack}>
          {sync ? (
            <div data-testid="sync-progress">
              <Caption1>
                {sync.phase || 'Syncing'}
                {sync.total > 0 ? ` (${sync.done} of ${sync.total})` : '…'}
              </Caption1>
              <ProgressBar value={progressValue(sync)} thickness="large" aria-label={`Sync of ${name}`} />
            </div>
          ) : (
            <div>
              <SyncBadge status={row.lastSyncStatus} />{' '}
              {row.lastSyncAt && (
                <Tooltip content={fmtDateTime(row.lastSyncAt)} relationship="description">
                  <Caption1 data-testid="last-sync">{fmtAgo(row.lastSyncAt)}</Caption1>
                </Tooltip>
              )}
            </div>
          )}
          {row.lastError && !sync && (
            <Caption1 className={s.err} data-testid="last-error">
              {row.lastError}
            </Caption1>
          )}
          {row.dataDate && <Caption1 className={s.note}>Data from {fmtDateTime(row.dataDate)}</Caption1>}
          {row.hasSnapshot && (
            <div data-testid="tenant-mfa">
              <MfaFigure row={row} prefix="MFA coverage: " size={200} />
            </div>
          )}
          {row.notes.map((n) => (
            <Caption1 key={n} className={s.note} data-testid="tenant-note">
              {n}
            </Caption1>
          ))}
        </div>
      </TableCell>
      <TableCell>
        <div className={s.stack}>
          <div className={s.actions}>
            {sync ? (
              <Button size="small" icon={<Dismiss20Regular />} onClick={onCancel} data-testid="cancel-sync">
                Cancel
              </Button>
            ) : (
              <Button
                size="small"
                icon={<ArrowSync20Regular />}
                onClick={onSync}
                disabled={cooldown > 0 || row.access !== 'ready'}
                data-testid="sync-now"
              >
                {cooldown > 0 ? `Try again in ${cooldown} s` : 'Sync now'}
              </Button>
            )}
            <Button size="small" icon={<DocumentText20Regular />} onClick={onLog} data-testid="view-log">
              Log
            </Button>
            <Button size="small" appearance="subtle" icon={<PlugDisconnected20Regular />} onClick={onDisconnect} data-testid="disconnect">
              Disconnect
            </Button>
          </div>
          {error && (
            <Caption1 className={s.err} role="alert" data-testid="row-error">
              {error}
            </Caption1>
          )}
        </div>
      </TableCell>
    </TableRow>
  )
}
