import { useState } from 'react'
import {
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  makeStyles,
  OverlayDrawer,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components'
import { ArrowLeft20Regular, Dismiss24Regular } from '@fluentui/react-icons'
import { useBackend } from '../api'
import type { RunRow, TenantRow } from '../api/types'
import { useLoad } from '../hooks/useLoad'
import { EmptyState, ErrorState, Loading } from '../components/States'
import { SyncBadge } from '../components/badges'
import { fmtDateTime } from '../format'

const useStyles = makeStyles({
  log: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    margin: 0,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
  },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1 },
  error: { color: tokens.colorPaletteRedForeground1 },
  err: { color: tokens.colorPaletteRedForeground1 },
})

/** Sync runs of one tenant and, on click, a run's stored log. */
export function LogDrawer({ tenant, onClose }: { tenant: TenantRow | null; onClose: () => void }) {
  const [run, setRun] = useState<RunRow | null>(null)
  const close = () => {
    setRun(null)
    onClose()
  }
  return (
    <OverlayDrawer position="end" size="large" open={!!tenant} onOpenChange={(_, d) => !d.open && close()}>
      <DrawerHeader>
        <DrawerHeaderTitle
          action={<Button appearance="subtle" aria-label="Close" icon={<Dismiss24Regular />} onClick={close} />}
        >
          Sync log — {tenant?.displayName || tenant?.defaultDomain}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody data-testid="log-drawer">
        {tenant && !run && <Runs tenantId={tenant.id} onOpen={setRun} />}
        {tenant && run && <RunLogView run={run} onBack={() => setRun(null)} />}
      </DrawerBody>
    </OverlayDrawer>
  )
}

function Runs({ tenantId, onOpen }: { tenantId: string; onOpen: (r: RunRow) => void }) {
  const b = useBackend()
  const s = useStyles()
  const runs = useLoad(() => b.tenants.runs(tenantId), tenantId)
  if (runs.error) return <ErrorState error={runs.error} onRetry={runs.reload} />
  if (!runs.data) return <Loading />
  if (runs.data.length === 0) return <EmptyState title="No sync runs yet">Sync this tenant to see its log.</EmptyState>
  return (
    <Table aria-label="Sync runs" size="small" data-testid="runs-table">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Run</TableHeaderCell>
          <TableHeaderCell style={{ width: '40%' }}>Status</TableHeaderCell>
          <TableHeaderCell style={{ width: 110 }} />
        </TableRow>
      </TableHeader>
      <TableBody>
        {runs.data.map((r) => (
          <TableRow key={r.id}>
            <TableCell>
              <Text>{fmtDateTime(r.startedAt)}</Text>
              <br />
              <Text size={200}>
                {r.trigger}
                {r.finishedAt ? ` · finished ${fmtDateTime(r.finishedAt)}` : ''}
              </Text>
            </TableCell>
            <TableCell>
              <SyncBadge status={r.status} />
              {r.error && (
                <>
                  <br />
                  <Text size={200} className={s.err}>
                    {r.error}
                  </Text>
                </>
              )}
            </TableCell>
            <TableCell>
              <Button size="small" onClick={() => onOpen(r)}>
                View log
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}

function RunLogView({ run, onBack }: { run: RunRow; onBack: () => void }) {
  const b = useBackend()
  const s = useStyles()
  const lines = useLoad(() => b.tenants.runLog(run.id), String(run.id))
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <div>
        <Button appearance="subtle" icon={<ArrowLeft20Regular />} onClick={onBack}>
          All runs
        </Button>
        <Text>
          Run of {fmtDateTime(run.startedAt)} — <SyncBadge status={run.status} />
        </Text>
      </div>
      {lines.error && <ErrorState error={lines.error} onRetry={lines.reload} />}
      {!lines.data && !lines.error && <Loading />}
      {lines.data && (
        <pre className={s.log} data-testid="run-log">
          {lines.data.length === 0 && 'This run wrote no log lines.'}
          {lines.data.map((l, i) => (
            <div key={i} className={l.level === 'error' ? s.error : l.level === 'warn' ? s.warn : undefined}>
              {fmtDateTime(l.at)} {l.level.toUpperCase().padEnd(5)} {l.message}
            </div>
          ))}
        </pre>
      )}
    </div>
  )
}
