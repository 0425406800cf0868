import { useCallback, useEffect, useRef, useState } from 'react'
import {
  Button,
  Caption1,
  Card,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
  tokens,
  Tooltip,
} from '@fluentui/react-components'
import {
  Add20Regular,
  ArrowDownload20Regular,
  ArrowSync20Regular,
  DocumentAdd20Regular,
  LockClosed20Regular,
  TableSimple20Regular,
} from '@fluentui/react-icons'
import { errorText, useBackend } from '../api'
import type { ReportRow, TemplateView, VersionRow } from '../api/types'
import { fmtDate, fmtDateTime } from '../format'
import { useLoad } from '../hooks/useLoad'
import { EmptyState, ErrorState, Loading } from '../components/States'
import { ALL_TENANTS, loadPick, resolvePick, savePick } from '../tenantPick'
import { ExportDialog, type ExportTarget } from './ExportDialog'
import { NewReportDialog } from './NewReportDialog'
import { StatusBadge, VersionPanel } from './VersionPanel'
import { tenantLabel } from './tenants'

const useStyles = makeStyles({
  tab: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  bar: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  grow: { flexGrow: 1 },
  body: { display: 'flex', gap: tokens.spacingHorizontalL, alignItems: 'flex-start', flexWrap: 'wrap' },
  list: { flex: '0 1 400px', minWidth: '340px', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  detail: { flex: '1 1 440px', minWidth: '360px' },
  card: { padding: tokens.spacingHorizontalM, gap: tokens.spacingVerticalS },
  cardHead: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  version: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  selected: { backgroundColor: tokens.colorBrandBackground2 },
  vname: { minWidth: '44px' },
})

/** Latest version of a report (versions come oldest first). */
function latest(r: ReportRow): VersionRow | undefined {
  return r.versions[r.versions.length - 1]
}

export function ReportsTab() {
  const s = useStyles()
  const b = useBackend()
  const api = b.reports
  const tenants = useLoad(() => b.tenants.list(), 'tenants')
  const templates = useLoad(() => api.templates(), 'templates')
  const [stored, setStored] = useState(() => loadPick())
  const tenantId = resolvePick(stored, tenants.data)
  const ready = tenants.data !== null || tenants.error !== ''
  const reports = useLoad(() => (ready ? api.list(tenantId) : new Promise<never>(() => {})), `${ready}:${tenantId}`)
  const [selected, setSelected] = useState<number>(0)
  const [stamp, setStamp] = useState(0)
  const [newOpen, setNewOpen] = useState(false)
  const [finalizing, setFinalizing] = useState<VersionRow | null>(null)
  const [exporting, setExporting] = useState<{ target: ExportTarget; key: number } | null>(null)
  const [busy, setBusy] = useState('')
  const [err, setErr] = useState('')

  const rows = reports.data
  // A version just created is selected before the reloaded list has it.
  const awaited = useRef(0)
  const select = (id: number, fresh = false) => {
    awaited.current = fresh ? id : 0
    setSelected(id)
  }
  // Keep a selection that exists; else open the newest version of the first report.
  useEffect(() => {
    if (!rows) return
    if (rows.some((r) => r.versions.some((v) => v.id === selected))) {
      if (awaited.current === selected) awaited.current = 0
      return
    }
    if (awaited.current !== 0 && awaited.current === selected) return
    setSelected(rows.length > 0 ? (latest(rows[0])?.id ?? 0) : 0)
  }, [rows, selected])

  const pickTenant = (id: string) => {
    savePick(id)
    setStored(id)
  }
  const run = async (key: string, f: () => Promise<unknown>) => {
    setBusy(key)
    setErr('')
    try {
      await f()
    } catch (e) {
      setErr(errorText(e))
    } finally {
      setBusy('')
    }
  }
  const exportOf = (target: ExportTarget) => setExporting({ target, key: Date.now() })
  const closeExport = useCallback(() => setExporting(null), [])

  const newVersion = (r: ReportRow) =>
    run(`new:${r.id}`, async () => {
      const v = await api.newVersion(r.id)
      select(v.id, true)
      reports.reload()
    })
  const refresh = (v: VersionRow) =>
    run(`refresh:${v.id}`, async () => {
      await api.refreshDraft(v.id)
      setSelected(v.id)
      setStamp((n) => n + 1)
      reports.reload()
    })
  const finalize = (v: VersionRow) =>
    run(`finalize:${v.id}`, async () => {
      await api.finalize(v.id)
      setFinalizing(null)
      setStamp((n) => n + 1)
      reports.reload()
    })

  const tenantList = tenants.data ?? []
  const tenantName = tenantList.find((t) => t.id === tenantId)
  const selReport = rows?.find((r) => r.versions.some((v) => v.id === selected))
  const selVersion = selReport?.versions.find((v) => v.id === selected)
  const tpls: TemplateView[] = templates.data ?? []

  return (
    <div className={s.tab} data-testid="reports-tab">
      <div className={s.bar}>
        <Field label="Tenant" orientation="horizontal" style={{ minWidth: 320 }}>
          <Select data-testid="tenant-picker" value={tenantId} onChange={(_, d) => pickTenant(d.value)}>
            <option value={ALL_TENANTS}>All tenants</option>
            {tenantList.map((t) => (
              <option key={t.id} value={t.id}>
                {tenantLabel(t)}
              </option>
            ))}
          </Select>
        </Field>
        <div className={s.grow} />
        <Button appearance="primary" icon={<Add20Regular />} disabled={tenantList.length === 0} onClick={() => setNewOpen(true)} data-testid="new-report">
          New report
        </Button>
        {tenantName && (
          <Button icon={<ArrowDownload20Regular />} onClick={() => exportOf({ kind: 'tenant', tenantId, title: tenantLabel(tenantName) })} data-testid="export-current">
            Export current data
          </Button>
        )}
        <Button icon={<TableSimple20Regular />} disabled={tenantList.length === 0} onClick={() => exportOf({ kind: 'all' })} data-testid="export-all">
          All tenants workbook
        </Button>
      </div>
      {err && (
        <MessageBar intent="error" data-testid="reports-error">
          <MessageBarBody>{err}</MessageBarBody>
        </MessageBar>
      )}
      {(reports.error || tenants.error) && <ErrorState error={reports.error || tenants.error} onRetry={reports.reload} />}
      {templates.error && (
        <MessageBar intent="warning" data-testid="templates-error">
          <MessageBarBody>Could not list the templates ({templates.error}); new reports use the default template.</MessageBarBody>
        </MessageBar>
      )}
      {!rows && !reports.error && <Loading />}
      {rows && rows.length === 0 && (
        <EmptyState title="No reports yet">
          A report freezes a tenant's synced data as versions you can reopen any time. Start one with “New report”.
        </EmptyState>
      )}
      {rows && rows.length > 0 && (
        <div className={s.body}>
          <div className={s.list} data-testid="report-list">
            {rows.map((r) => (
              <Card key={r.id} className={s.card} data-testid={`report-${r.id}`}>
                <div className={s.cardHead}>
                  <div className={s.grow}>
                    <Text weight="semibold" block>
                      {r.name}
                    </Text>
                    <Caption1 block>
                      {tenantId === ALL_TENANTS ? `${r.tenantName} · ` : ''}
                      {r.templateName || 'template removed'} · started {fmtDate(r.createdAt)}
                    </Caption1>
                  </div>
                  <Tooltip content="A new draft built from the latest syncs" relationship="description">
                    <Button size="small" icon={<DocumentAdd20Regular />} disabled={busy !== ''} onClick={() => newVersion(r)} data-testid="new-version">
                      New version
                    </Button>
                  </Tooltip>
                </div>
                {r.versions.map((v) => (
                  <div key={v.id} className={mergeClasses(s.version, v.id === selected && s.selected)} data-testid={`version-${v.id}`}>
                    <Button
                      size="small"
                      appearance={v.id === selected ? 'primary' : 'subtle'}
                      className={s.vname}
                      aria-pressed={v.id === selected}
                      onClick={() => select(v.id)}
                      data-testid="open-version"
                    >
                      v{v.number}
                    </Button>
                    <StatusBadge status={v.status} />
                    <Caption1 className={s.grow} title={`Created ${fmtDateTime(v.createdAt)}`}>
                      data {fmtDateTime(v.dataDate)} · created {fmtDate(v.createdAt)}
                    </Caption1>
                    {v.status === 'draft' && (
                      <>
                        <Tooltip content="Refresh: move this draft to the latest syncs and prices" relationship="label">
                          <Button size="small" appearance="subtle" icon={<ArrowSync20Regular />} disabled={busy !== ''} onClick={() => refresh(v)} data-testid="refresh-draft" />
                        </Tooltip>
                        <Tooltip content="Finalize: freeze these numbers" relationship="label">
                          <Button size="small" appearance="subtle" icon={<LockClosed20Regular />} disabled={busy !== ''} onClick={() => setFinalizing(v)} data-testid="finalize" />
                        </Tooltip>
                      </>
                    )}
                    <Tooltip content="Export this version" relationship="label">
                      <Button
                        size="small"
                        appearance="subtle"
                        icon={<ArrowDownload20Regular />}
                        onClick={() => exportOf({ kind: 'version', versionId: v.id, title: `${r.name} v${v.number}` })}
                        data-testid="export-version"
                      />
                    </Tooltip>
                  </div>
                ))}
              </Card>
            ))}
          </div>
          <div className={s.detail}>
            {selVersion && selReport ? (
              <VersionPanel
                versionId={selVersion.id}
                stamp={`${stamp}:${selVersion.status}:${selVersion.dataDate}`}
                onExport={() => exportOf({ kind: 'version', versionId: selVersion.id, title: `${selReport.name} v${selVersion.number}` })}
              />
            ) : (
              <Caption1>Choose a version to see its numbers.</Caption1>
            )}
          </div>
        </div>
      )}
      {newOpen && tenants.data && (
        <NewReportDialog
          tenantId={tenantId}
          tenants={tenants.data}
          templates={tpls}
          onClose={(created) => {
            setNewOpen(false)
            if (!created) return
            select(latest(created)?.id ?? 0, true)
            if (tenantId !== ALL_TENANTS && created.tenantId !== tenantId) pickTenant(created.tenantId)
            reports.reload()
          }}
        />
      )}
      <Dialog open={!!finalizing} onOpenChange={(_, d) => !d.open && busy === '' && setFinalizing(null)}>
        <DialogSurface data-testid="finalize-dialog">
          <DialogBody>
            <DialogTitle>Finalize version {finalizing?.number}?</DialogTitle>
            <DialogContent>
              <Text>
                A final version always shows exactly these numbers: it can no longer be refreshed, and reopening it a year from now shows what it shows
                today. For newer data, create a new version.
              </Text>
              {err && (
                <MessageBar intent="error" style={{ marginTop: 12 }}>
                  <MessageBarBody>{err}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button disabled={busy !== ''} onClick={() => setFinalizing(null)}>
                Cancel
              </Button>
              <Button appearance="primary" disabled={busy !== ''} onClick={() => finalizing && finalize(finalizing)} data-testid="finalize-confirm">
                Finalize
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      {exporting && <ExportDialog key={exporting.key} target={exporting.target} templates={tpls} onClose={closeExport} />}
    </div>
  )
}
