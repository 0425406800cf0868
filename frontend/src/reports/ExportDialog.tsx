import { useEffect, useReducer, useState } from 'react'
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
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Radio,
  RadioGroup,
  Select,
  Text,
  tokens,
} from '@fluentui/react-components'
import { FolderOpen20Regular } from '@fluentui/react-icons'
import { errorText, useBackend } from '../api'
import type { ExportFormat, ExportInput, TemplateView } from '../api/types'
import { fmtInt } from '../format'
import { exportReducer, initialExport, progressValue } from './exportMachine'

/** What is exported. */
export type ExportTarget =
  | { kind: 'version'; versionId: number; title: string }
  | { kind: 'tenant'; tenantId: string; title: string }
  | { kind: 'all' }

const formats: { value: ExportFormat; label: string; hint: string }[] = [
  { value: 'xlsx', label: 'Excel workbook (.xlsx)', hint: 'One sheet per part, with tables, charts and real dates.' },
  { value: 'csv', label: 'CSV', hint: 'One UTF-8 file per part, for any spreadsheet.' },
  { value: 'html', label: 'HTML client report', hint: 'A single page that prints cleanly to PDF.' },
]

export function exportInput(t: ExportTarget, format: ExportFormat, template: string): ExportInput {
  const base: ExportInput = { versionId: 0, tenantId: '', allTenants: false, template: '', format, outPath: '' }
  switch (t.kind) {
    case 'version':
      return { ...base, versionId: t.versionId }
    case 'tenant':
      return { ...base, tenantId: t.tenantId, template }
    case 'all':
      return { ...base, allTenants: true }
  }
}

function titleOf(t: ExportTarget): string {
  switch (t.kind) {
    case 'version':
      return `Export ${t.title}`
    case 'tenant':
      return `Export current data of ${t.title}`
    case 'all':
      return 'All tenants workbook'
  }
}

function baseName(p: string): string {
  return p.split(/[\\/]/).pop() || p
}

/**
 * Format choice, Go's save dialog, a progress bar, then the files written.
 * Mount it (with a fresh key) for each export; it calls onClose when done.
 */
export function ExportDialog({ target, templates, onClose }: { target: ExportTarget; templates: TemplateView[]; onClose: () => void }) {
  const b = useBackend()
  const api = b.reports
  const [s, dispatch] = useReducer(exportReducer, initialExport, (i) => exportReducer(i, { type: 'open' }))
  const [folderErr, setFolderErr] = useState('')

  // The reducer ignores events unless an export is running.
  useEffect(() => b.events.onExportProgress((p) => dispatch({ type: 'progress', p })), [b])

  const closed = s.phase === 'closed'
  useEffect(() => {
    if (closed) onClose()
  }, [closed, onClose])

  const start = async () => {
    dispatch({ type: 'start' })
    try {
      const outcome = await api.export(exportInput(target, s.format, s.template))
      dispatch({ type: 'success', outcome })
    } catch (e) {
      dispatch({ type: 'fail', error: errorText(e) })
    }
  }
  const showInFolder = async (path: string) => {
    setFolderErr('')
    try {
      await api.showInFolder(path)
    } catch (e) {
      setFolderErr(errorText(e))
    }
  }
  const running = s.phase === 'running'
  return (
    <Dialog open={!closed} onOpenChange={(_, d) => !d.open && dispatch({ type: 'close' })}>
      <DialogSurface data-testid="export-dialog">
        <DialogBody>
          <DialogTitle>{titleOf(target)}</DialogTitle>
          <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM }}>
            {s.phase !== 'done' && (
              <>
                <Field label="Format">
                  <RadioGroup
                    value={s.format}
                    disabled={running}
                    onChange={(_, d) => dispatch({ type: 'format', format: d.value as ExportFormat })}
                    data-testid="export-format"
                  >
                    {formats.map((f) => (
                      <Radio key={f.value} value={f.value} label={`${f.label} — ${f.hint}`} />
                    ))}
                  </RadioGroup>
                </Field>
                {target.kind === 'tenant' && templates.length > 0 && (
                  <Field label="Template">
                    <Select
                      value={s.template}
                      disabled={running}
                      data-testid="export-template"
                      onChange={(_, d) => dispatch({ type: 'template', template: d.value })}
                    >
                      <option value="">Default template</option>
                      {templates.map((t) => (
                        <option key={t.id} value={t.name}>
                          {t.name}
                        </option>
                      ))}
                    </Select>
                  </Field>
                )}
                {target.kind === 'version' && <Caption1>A version exports with its own layout and the data it was built from.</Caption1>}
              </>
            )}
            {running && (
              <Field
                label={s.total > 0 ? `Writing ${fmtInt(s.done)} of ${fmtInt(s.total)} rows` : 'Choose where to save; writing starts then…'}
                validationState="none"
              >
                <ProgressBar value={progressValue(s)} data-testid="export-progress" />
              </Field>
            )}
            {s.error && (
              <MessageBar intent="error" data-testid="export-error">
                <MessageBarBody>{s.error}</MessageBarBody>
              </MessageBar>
            )}
            {s.phase === 'done' && (
              <div data-testid="export-done" style={{ display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS }}>
                <Text>
                  Exported {fmtInt(s.rows)} rows to {s.files.length === 1 ? 'one file' : `${fmtInt(s.files.length)} files`}:
                </Text>
                {s.files.map((f) => (
                  <div key={f} style={{ display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS }} data-testid="export-file">
                    <Text title={f} style={{ flexGrow: 1, wordBreak: 'break-all' }}>
                      {baseName(f)}
                    </Text>
                    <Button size="small" icon={<FolderOpen20Regular />} onClick={() => showInFolder(f)}>
                      Show in folder
                    </Button>
                  </div>
                ))}
                {folderErr && (
                  <MessageBar intent="warning">
                    <MessageBarBody>{folderErr}</MessageBarBody>
                  </MessageBar>
                )}
              </div>
            )}
          </DialogContent>
          <DialogActions>
            {s.phase === 'done' ? (
              <Button appearance="primary" onClick={() => dispatch({ type: 'close' })}>
                Close
              </Button>
            ) : (
              <>
                <Button disabled={running} onClick={() => dispatch({ type: 'close' })}>
                  Cancel
                </Button>
                <Button appearance="primary" disabled={running} onClick={start} data-testid="export-start">
                  {running ? 'Exporting…' : 'Export…'}
                </Button>
              </>
            )}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  )
}
