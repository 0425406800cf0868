import { useEffect, useMemo, useState } from 'react'
import {
  Badge,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Select,
  Tab,
  TabList,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title2,
  tokens,
} from '@fluentui/react-components'
import { ArrowLeft20Regular, ArrowDownload20Regular, Delete20Regular, Edit20Regular, Merge20Regular } from '@fluentui/react-icons'
import type { ColDef } from 'ag-grid-community'
import { errorText, useBackend } from '../api'
import type { ClientDetail as Detail, ClientRef, ContactRow, MatchKind, MergeFrom } from '../api/clientTypes'
import { useLoad } from '../hooks/useLoad'
import { ErrorState, Loading } from '../components/States'
import { Kpi, KpiRow } from '../components/Kpi'
import { Grid } from '../components/Grid'
import { Notes } from '../components/Notes'
import { fmtDateTime, fmtInt, fmtMoney, fmtPct } from '../format'
import { filterRows, matchLabels } from './logic'
import { TenantScores } from '../security/TenantScores'
import { ClientDashboard } from '../history/ClientDashboard'

type TabKey = 'dashboard' | 'tenants' | 'contacts' | 'findings'

const contactColumns: ColDef<ContactRow>[] = [
  { headerName: 'Match', field: 'match', width: 130, valueFormatter: (p) => matchLabels[p.value as MatchKind] ?? String(p.value) },
  { headerName: 'Email', field: 'email', flex: 1, minWidth: 200 },
  { headerName: 'Contact', field: 'contactName', minWidth: 150 },
  { headerName: 'Account (UPN)', field: 'userPrincipalName', flex: 1, minWidth: 200 },
  { headerName: 'Tenant', field: 'tenantName', minWidth: 130 },
  { headerName: 'Licences', field: 'licenses', minWidth: 150 },
  { headerName: 'MFA', field: 'mfaStatus', width: 110 },
  {
    headerName: 'Account',
    colId: 'account',
    width: 110,
    valueGetter: (p) => (p.data?.deleted ? 'Deleted' : p.data?.accountEnabled == null ? '' : p.data.accountEnabled ? 'Enabled' : 'Disabled'),
  },
  { headerName: 'Conflicts', colId: 'conflicts', minWidth: 120, valueGetter: (p) => (p.data?.conflicts ?? []).join(', ') },
]

/** One client: its totals, tenants, the contacts merge and its findings. */
export function ClientDetail({
  clientId,
  onBack,
  onChanged,
  initialTab = 'tenants',
}: {
  clientId: number
  onBack: () => void
  onChanged: () => void
  initialTab?: TabKey
}) {
  const b = useBackend()
  const [from, setFrom] = useState<MergeFrom>('accounts')
  const view = useLoad(() => b.clients.detail(clientId, from), `${clientId}:${from}`)
  const [tab, setTab] = useState<TabKey>(initialTab)
  const [match, setMatch] = useState<MatchKind | ''>('')
  const [dialog, setDialog] = useState<'rename' | 'merge' | 'delete' | null>(null)
  const d = view.data

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM }} data-testid="client-detail">
      <div style={{ display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' }}>
        <Button appearance="subtle" icon={<ArrowLeft20Regular />} onClick={onBack} data-testid="client-back">
          Clients
        </Button>
        <Title2 style={{ flexGrow: 1 }} data-testid="client-name">
          {d?.client.name ?? ''}
        </Title2>
        {d && <ExportButton clientId={clientId} />}
        <Button icon={<Edit20Regular />} disabled={!d} onClick={() => setDialog('rename')} data-testid="client-rename">
          Rename
        </Button>
        <Button icon={<Merge20Regular />} disabled={!d} onClick={() => setDialog('merge')} data-testid="client-merge">
          Merge…
        </Button>
        <Button appearance="subtle" icon={<Delete20Regular />} disabled={!d} onClick={() => setDialog('delete')} data-testid="client-delete">
          Delete
        </Button>
      </div>
      {view.error && <ErrorState error={view.error} onRetry={view.reload} />}
      {!d && !view.error && <Loading />}
      {d && (
        <>
          <Caption1>
            {d.client.source === 'manual' ? 'Made by hand' : `From ${d.client.source === 'csv' ? 'a CSV import' : 'ConnectWise PSA'}`}
            {d.website && ` · ${d.website}`}
            {d.client.dataDate && ` · data from ${fmtDateTime(d.client.dataDate)}`}
          </Caption1>
          <KpiRow>
            <Kpi id="client-tenants" label="Tenants" value={fmtInt(d.client.tenants)} raw={d.client.tenants} />
            <Kpi id="client-contacts" label="Contacts" value={fmtInt(d.client.contacts)} raw={d.client.contacts} />
            <Kpi id="client-users" label="Users" value={fmtInt(d.kpis.users)} raw={d.kpis.users} />
            <Kpi id="client-licensed" label="Licensed" value={fmtInt(d.kpis.licensed)} raw={d.kpis.licensed} />
            <Kpi id="client-mfa" label="MFA coverage" value={d.kpis.mfaAvailable ? fmtPct(d.kpis.mfaCoveragePct) : 'N/A'} raw={d.kpis.mfaCoveragePct} />
            <Kpi id="client-unused" label="Unused licences" value={fmtInt(d.kpis.unused)} raw={d.kpis.unused} />
            <Kpi
              id="client-waste"
              label="Monthly waste"
              value={d.kpis.hasMoney ? fmtMoney(d.kpis.monthlyWaste, d.kpis.currency) : 'No price list'}
              raw={d.kpis.monthlyWaste}
            />
            <Kpi id="client-findings" label="Findings" value={fmtInt(d.client.findings)} raw={d.client.findings} danger={d.client.findings > 0} />
          </KpiRow>
          <Notes notes={d.notes} />
          <TabList selectedValue={tab} onTabSelect={(_, x) => setTab(x.value as TabKey)}>
            <Tab value="dashboard" data-testid="client-tab-dashboard">
              Dashboard
            </Tab>
            <Tab value="tenants" data-testid="client-tab-tenants">
              Tenants ({fmtInt(d.tenants.length)})
            </Tab>
            <Tab value="contacts" data-testid="client-tab-contacts">
              Contacts ({fmtInt(d.rows.length)})
            </Tab>
            <Tab value="findings" data-testid="client-tab-findings">
              Findings ({fmtInt(d.findings.length)})
            </Tab>
          </TabList>
          {tab === 'dashboard' && <ClientDashboard d={d} />}
          {tab === 'tenants' && <TenantsTab d={d} />}
          {tab === 'tenants' && <TenantScores tenants={d.tenants} />}
          {tab === 'contacts' && (
            <ContactsTab d={d} match={match} setMatch={setMatch} from={from} setFrom={setFrom} />
          )}
          {tab === 'findings' && <FindingsTab d={d} />}
        </>
      )}
      {d && dialog && (
        <ClientDialog
          kind={dialog}
          client={{ id: d.client.id, name: d.client.name }}
          onClose={(changed) => {
            setDialog(null)
            if (!changed) return
            onChanged()
            if (dialog === 'rename') view.reload()
            else onBack()
          }}
        />
      )}
    </div>
  )
}

function TenantsTab({ d }: { d: Detail }) {
  if (d.tenants.length === 0) {
    return <Text data-testid="client-no-tenants">No tenant is mapped to this client yet: map one on the Tenant mapping page.</Text>
  }
  return (
    <Table aria-label="The client's tenants" data-testid="client-tenants">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Tenant</TableHeaderCell>
          <TableHeaderCell>Users</TableHeaderCell>
          <TableHeaderCell>Licensed</TableHeaderCell>
          <TableHeaderCell>MFA coverage</TableHeaderCell>
          <TableHeaderCell>Unused licences</TableHeaderCell>
          <TableHeaderCell>Monthly waste</TableHeaderCell>
          <TableHeaderCell>Data from</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {d.tenants.map((t) => (
          <TableRow key={t.tenantId} data-testid={`client-tenant-${t.tenantId}`}>
            <TableCell>
              <Text weight="semibold">{t.tenantName}</Text> <Caption1>{t.defaultDomain}</Caption1>
            </TableCell>
            {t.synced ? (
              <>
                <TableCell data-testid="client-tenant-users">{fmtInt(t.users)}</TableCell>
                <TableCell>{fmtInt(t.licensed)}</TableCell>
                <TableCell>{t.mfaAvailable ? fmtPct(t.mfaCoveragePct) : 'N/A'}</TableCell>
                <TableCell>{fmtInt(t.unusedLicenses)}</TableCell>
                <TableCell>{t.hasMoney ? fmtMoney(t.monthlyWaste, t.currency) : 'No price list'}</TableCell>
                <TableCell>{fmtDateTime(t.dataDate)}</TableCell>
              </>
            ) : (
              <TableCell colSpan={6}>Not synced yet, so it is not in the figures.</TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}

function ContactsTab({
  d,
  match,
  setMatch,
  from,
  setFrom,
}: {
  d: Detail
  match: MatchKind | ''
  setMatch: (m: MatchKind | '') => void
  from: MergeFrom
  setFrom: (f: MergeFrom) => void
}) {
  const shown = useMemo(() => filterRows(d.rows, match), [d.rows, match])
  const counts: Record<MatchKind, number> = { matched: d.client.matched, contact_only: d.client.contactOnly, account_only: d.client.accountOnly }
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS }}>
      <div style={{ display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', flexWrap: 'wrap' }}>
        <Field label="Show">
          <Select value={match} onChange={(_, x) => setMatch(x.value as MatchKind | '')} data-testid="contacts-match">
            <option value="">Every record ({fmtInt(d.rows.length)})</option>
            {(Object.keys(matchLabels) as MatchKind[]).map((k) => (
              <option key={k} value={k}>
                {matchLabels[k]} ({fmtInt(counts[k])})
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Build from">
          <Select value={from} onChange={(_, x) => setFrom(x.value as MergeFrom)} data-testid="contacts-from">
            <option value="accounts">Microsoft 365, adding contact data</option>
            <option value="contacts">Contacts, adding Microsoft 365 data</option>
          </Select>
        </Field>
        <Caption1 data-testid="contacts-counts">
          {fmtInt(d.client.matched)} matched · {fmtInt(d.client.contactOnly)} contact only · {fmtInt(d.client.accountOnly)} account only
        </Caption1>
      </div>
      <Grid rows={shown} columns={contactColumns} height="calc(100vh - 430px)" testId="contacts-grid" />
    </div>
  )
}

function FindingsTab({ d }: { d: Detail }) {
  if (d.findings.length === 0) return <Text data-testid="findings-none">No findings: contacts and accounts agree.</Text>
  return (
    <div data-testid="client-findings" style={{ display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS }}>
      {d.findings.map((f, i) => (
        <div key={i} data-testid="finding" data-kind={f.kind} style={{ display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'baseline' }}>
          <Badge appearance="tint" style={{ flexShrink: 0, whiteSpace: 'nowrap' }} color={f.kind === 'contact_without_account' || f.kind === 'licensed_account_without_contact' ? 'warning' : 'danger'}>
            {f.label}
          </Badge>
          <Text>{f.sentence}</Text>
          {f.tenantName && <Caption1>{f.tenantName}</Caption1>}
        </div>
      ))}
    </div>
  )
}

/** Export workbook: Go's save dialog, then the workbook with export:progress. */
function ExportButton({ clientId }: { clientId: number }) {
  const b = useBackend()
  const [running, setRunning] = useState(false)
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  const [msg, setMsg] = useState<{ intent: 'success' | 'error'; text: string } | null>(null)
  useEffect(() => b.events.onExportProgress((p) => setProgress(p)), [b])
  const run = async () => {
    setRunning(true)
    setProgress(null)
    setMsg(null)
    try {
      const o = await b.clients.exportWorkbook({ clientId, template: '', format: 'xlsx', outPath: '' })
      if (!o.cancelled) setMsg({ intent: 'success', text: `Saved ${o.files.join(', ')}` })
    } catch (e) {
      setMsg({ intent: 'error', text: errorText(e) })
    } finally {
      setRunning(false)
    }
  }
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 4, minWidth: 180 }}>
      <Button appearance="primary" icon={<ArrowDownload20Regular />} disabled={running} onClick={run} data-testid="client-export">
        {running ? 'Exporting…' : 'Export workbook'}
      </Button>
      {running && (
        <ProgressBar
          data-testid="client-export-progress"
          value={progress && progress.total > 0 ? progress.done / progress.total : undefined}
          aria-label="Export progress"
        />
      )}
      {msg && (
        <MessageBar intent={msg.intent} data-testid="client-export-result">
          <MessageBarBody style={{ wordBreak: 'break-all' }}>{msg.text}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  )
}

/** Rename, merge into another client, or delete. */
function ClientDialog({ kind, client, onClose }: { kind: 'rename' | 'merge' | 'delete'; client: ClientRef; onClose: (changed: boolean) => void }) {
  const b = useBackend()
  const [name, setName] = useState(client.name)
  const refs = useLoad(() => (kind === 'merge' ? b.clients.refs() : Promise.resolve([])), kind)
  const [into, setInto] = useState(0)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const others = (refs.data ?? []).filter((r) => r.id !== client.id)
  const go = async () => {
    setBusy(true)
    setError('')
    try {
      if (kind === 'rename') await b.clients.rename(client.id, name)
      else if (kind === 'merge') await b.clients.merge(into, client.id)
      else await b.clients.remove(client.id)
      onClose(true)
    } catch (e) {
      setError(errorText(e))
      setBusy(false)
    }
  }
  const title = kind === 'rename' ? `Rename ${client.name}` : kind === 'merge' ? `Merge ${client.name} into another client` : `Delete ${client.name}?`
  return (
    <Dialog open onOpenChange={(_, x) => !x.open && !busy && onClose(false)}>
      <DialogSurface data-testid="client-dialog">
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM }}>
            {kind === 'rename' && (
              <Field label="Name">
                <Input value={name} onChange={(_, x) => setName(x.value)} data-testid="client-dialog-name" />
              </Field>
            )}
            {kind === 'merge' && (
              <Field label="Merge into" hint="Its tenants, contacts and reports move there; this client is then removed.">
                <Select value={String(into)} onChange={(_, x) => setInto(Number(x.value))} data-testid="client-dialog-into">
                  <option value="0">Choose a client…</option>
                  {others.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name}
                    </option>
                  ))}
                </Select>
              </Field>
            )}
            {kind === 'delete' && (
              <Text>Its tenants become unmapped (they keep syncing), its contacts stay unattached, and its reports are removed.</Text>
            )}
            {busy && <ProgressBar />}
            {error && (
              <MessageBar intent="error" data-testid="client-dialog-error">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button disabled={busy} onClick={() => onClose(false)}>
              Cancel
            </Button>
            <Button appearance="primary" disabled={busy || (kind === 'merge' && into === 0)} onClick={go} data-testid="client-dialog-ok">
              {kind === 'rename' ? 'Rename' : kind === 'merge' ? 'Merge' : 'Delete'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  )
}
