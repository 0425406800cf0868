import { useMemo, useState } from 'react'
import {
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
  Link,
  MessageBar,
  MessageBarBody,
  Title2,
  tokens,
} from '@fluentui/react-components'
import { Add20Regular, ArrowUpload20Regular, PlugConnected20Regular } from '@fluentui/react-icons'
import type { ColDef, ICellRendererParams } from 'ag-grid-community'
import { errorText, useBackend } from '../api'
import type { ClientRow } from '../api/clientTypes'
import type { PageKey } from '../nav'
import { useLoad } from '../hooks/useLoad'
import { useSyncFinished } from '../hooks/useSyncEvents'
import { EmptyState, ErrorState, Loading } from '../components/States'
import { Grid } from '../components/Grid'
import { fmtInt, fmtMoney, fmtPct, MIXED } from '../format'
import { ImportWizard } from '../clients/ImportWizard'
import { ClientDetail } from '../clients/ClientDetail'

/** Clients: PSA companies (or made by hand), each with its tenants' figures; a row opens the client. */
export function Clients({ onNavigate }: { onNavigate?: (k: PageKey) => void }) {
  const b = useBackend()
  const list = useLoad(() => b.clients.list(), 'clients')
  useSyncFinished(() => list.reload())
  const [open, setOpen] = useState<number | null>(null)
  const [importing, setImporting] = useState(false)
  const [creating, setCreating] = useState(false)
  const [banner, setBanner] = useState('')

  const columns = useMemo<ColDef<ClientRow>[]>(
    () => [
      {
        headerName: 'Client',
        field: 'name',
        flex: 1,
        minWidth: 200,
        cellRenderer: (p: ICellRendererParams<ClientRow>) =>
          p.data ? (
            <Link onClick={() => setOpen(p.data!.id)} data-testid={`client-open-${p.data.id}`}>
              {p.data.name}
            </Link>
          ) : null,
      },
      { headerName: 'Tenants', field: 'tenants', width: 100, valueFormatter: (p) => fmtInt(p.value) },
      { headerName: 'Contacts', field: 'contacts', width: 110, valueFormatter: (p) => fmtInt(p.value) },
      { headerName: 'Users', field: 'users', width: 100, valueFormatter: (p) => fmtInt(p.value) },
      { headerName: 'Licensed', field: 'licensed', width: 110, valueFormatter: (p) => fmtInt(p.value) },
      {
        headerName: 'MFA coverage',
        field: 'mfaCoveragePct',
        width: 130,
        valueFormatter: (p) => (p.data?.mfaAvailable ? fmtPct(p.value) : 'N/A'),
      },
      { headerName: 'Unused licences', field: 'unusedLicenses', width: 140, valueFormatter: (p) => fmtInt(p.value) },
      {
        headerName: 'Monthly waste',
        field: 'monthlyWaste',
        width: 140,
        valueFormatter: (p) =>
          !p.data?.currency ? 'No price list' : p.data.currency === MIXED ? 'Mixed currencies' : fmtMoney(p.value, p.data.currency),
      },
      { headerName: 'Findings', field: 'findings', width: 110, valueFormatter: (p) => fmtInt(p.value) },
    ],
    [],
  )

  if (open != null) {
    return (
      <div data-testid="page-clients">
        <ClientDetail
          clientId={open}
          onBack={() => {
            setOpen(null)
            list.reload()
          }}
          onChanged={list.reload}
        />
      </div>
    )
  }
  const rows = list.data ?? []
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM }} data-testid="page-clients">
      <div style={{ display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM }}>
        <Title2 style={{ flexGrow: 1 }}>Clients</Title2>
        {onNavigate && (
          <Button icon={<PlugConnected20Regular />} onClick={() => onNavigate('mapping')} data-testid="open-mapping">
            Tenant mapping
          </Button>
        )}
        <Button icon={<Add20Regular />} onClick={() => setCreating(true)} data-testid="client-new">
          New client
        </Button>
        <Button appearance="primary" icon={<ArrowUpload20Regular />} onClick={() => setImporting(true)} data-testid="import-contacts">
          Import contacts
        </Button>
      </div>
      {banner && (
        <MessageBar intent="success" data-testid="clients-banner">
          <MessageBarBody>{banner}</MessageBarBody>
        </MessageBar>
      )}
      {list.error && <ErrorState error={list.error} onRetry={list.reload} />}
      {!list.data && !list.error && <Loading />}
      {list.data && rows.length === 0 && (
        <EmptyState title="No clients yet">
          Import your PSA’s contacts (CSV from ConnectWise PSA, Autotask or HaloPSA, or any spreadsheet), or create a client by hand; then map tenants to them.
        </EmptyState>
      )}
      {rows.length > 0 && (
        <>
          <Caption1 data-testid="clients-count">{rows.length === 1 ? '1 client' : `${fmtInt(rows.length)} clients`}</Caption1>
          <Grid rows={rows} columns={columns} height="calc(100vh - 220px)" testId="clients-grid" getRowId={(p) => String(p.data.id)} />
        </>
      )}
      <ImportWizard
        open={importing}
        onClose={(imported) => {
          setImporting(false)
          if (imported) {
            setBanner('Contacts imported. Map tenants to their clients on the Tenant mapping page.')
            list.reload()
          }
        }}
      />
      {creating && (
        <NewClientDialog
          onClose={(id) => {
            setCreating(false)
            if (id) {
              list.reload()
              setOpen(id)
            }
          }}
        />
      )}
    </div>
  )
}

function NewClientDialog({ onClose }: { onClose: (id: number | null) => void }) {
  const b = useBackend()
  const [name, setName] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const create = async () => {
    setBusy(true)
    setError('')
    try {
      const r = await b.clients.create(name)
      onClose(r.id)
    } catch (e) {
      setError(errorText(e))
      setBusy(false)
    }
  }
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && !busy && onClose(null)}>
      <DialogSurface data-testid="client-new-dialog">
        <DialogBody>
          <DialogTitle>New client</DialogTitle>
          <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM }}>
            <Field label="Name">
              <Input value={name} onChange={(_, d) => setName(d.value)} data-testid="client-new-name" />
            </Field>
            {error && (
              <MessageBar intent="error" data-testid="client-new-error">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button disabled={busy} onClick={() => onClose(null)}>
              Cancel
            </Button>
            <Button appearance="primary" disabled={busy} onClick={create} data-testid="client-new-create">
              Create
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  )
}
