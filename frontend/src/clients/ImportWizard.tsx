import { useRef, useState } from 'react'
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
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components'
import { DocumentArrowUp20Regular, FolderOpen20Regular } from '@fluentui/react-icons'
import { errorText, useBackend } from '../api'
import type { ImportInput, ImportView } from '../api/clientTypes'
import { fmtInt } from '../format'
import {
  choiceFromColumns,
  fileToBase64,
  mappingFields,
  mappingOf,
  mappingProblem,
  noChoice,
  presetLabel,
  presets,
  type MappingChoice,
} from './logic'

type Step = 'file' | 'mapping' | 'preview' | 'done'

/** The file as the bridge takes it: a path from the system dialog, or the bytes of a picked file. */
type Source = { path: string; content: string; fileName: string }

const encodings: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 with BOM',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252',
}
const delimiters: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' }

/**
 * Choose file → preset (detected, overridable; generic asks for the
 * columns) → preview (a dry run: nothing stored) → Import → result.
 * A rejected file shows its line, the reason and the remedy; Import stays
 * disabled, so nothing is imported.
 */
export function ImportWizard({ open, onClose }: { open: boolean; onClose: (imported: boolean) => void }) {
  const b = useBackend()
  const [step, setStep] = useState<Step>('file')
  const [src, setSrc] = useState<Source | null>(null)
  const [preset, setPreset] = useState('')
  const [choice, setChoice] = useState<MappingChoice>(noChoice)
  const [view, setView] = useState<ImportView | null>(null)
  const [busy, setBusy] = useState('')
  const [error, setError] = useState('')
  const fileInput = useRef<HTMLInputElement>(null)

  const reset = () => {
    setStep('file')
    setSrc(null)
    setPreset('')
    setChoice(noChoice)
    setView(null)
    setBusy('')
    setError('')
  }
  const close = () => {
    const imported = step === 'done'
    reset()
    onClose(imported)
  }

  const input = (s: Source, p: string, c: MappingChoice | null): ImportInput => ({
    path: s.path,
    content: s.content,
    fileName: s.fileName,
    preset: p,
    mapping: p === 'generic' && c ? mappingOf(c) : undefined,
  })

  /** Runs a preview; generic without a mapping yet goes to the mapping step with the file's headers. */
  const preview = async (s: Source, p: string, c: MappingChoice | null) => {
    setError('')
    setBusy('Reading the file…')
    try {
      const v = await b.clients.previewImport(input(s, p, c))
      setView(v)
      if (p === 'generic' && !c) {
        setChoice(choiceFromColumns(v.columns))
        setStep('mapping')
      } else {
        setStep('preview')
      }
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy('')
    }
  }

  const pickFile = async (f: File | undefined) => {
    if (!f) return
    setError('')
    setBusy('Reading the file…')
    try {
      const s = { path: '', content: await fileToBase64(f), fileName: f.name }
      setSrc(s)
      await preview(s, preset, null)
    } catch (e) {
      setError(errorText(e))
      setBusy('')
    }
  }
  const browse = async () => {
    setError('')
    try {
      const path = await b.clients.chooseFile()
      if (!path) return
      const s = { path, content: '', fileName: path.split(/[\\/]/).pop() || path }
      setSrc(s)
      await preview(s, preset, null)
    } catch (e) {
      setError(errorText(e))
    }
  }
  const commit = async () => {
    if (!src) return
    setError('')
    setBusy('Importing…')
    try {
      const v = await b.clients.commitImport(input(src, preset, choice))
      setView(v)
      if (!v.failure) setStep('done')
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy('')
    }
  }

  const changePreset = (p: string) => {
    setPreset(p)
    if (src) void preview(src, p, null)
  }
  const missing = mappingProblem(choice)
  const headers = view?.headers ?? []
  const failed = !!view?.failure

  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && !busy && close()}>
      <DialogSurface data-testid="import-wizard" style={{ maxWidth: 880 }}>
        <DialogBody>
          <DialogTitle>Import contacts</DialogTitle>
          <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM }}>
            <Caption1 data-testid="import-step">
              {step === 'file' && 'Step 1 of 3: choose the CSV export of your PSA’s contacts.'}
              {step === 'mapping' && 'Step 2 of 3: tell TenantLens which column holds what.'}
              {step === 'preview' && 'Step 3 of 3: check what the import will do. Nothing is stored until you import.'}
              {step === 'done' && 'Imported.'}
            </Caption1>
            {step !== 'done' && (
              <div style={{ display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', flexWrap: 'wrap' }}>
                <Field label="File">
                  <div style={{ display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' }}>
                    <input
                      ref={fileInput}
                      type="file"
                      accept=".csv,.txt,text/csv"
                      style={{ display: 'none' }}
                      data-testid="import-file"
                      onChange={(e) => void pickFile(e.target.files?.[0])}
                    />
                    <Button icon={<DocumentArrowUp20Regular />} disabled={!!busy} onClick={() => fileInput.current?.click()} data-testid="import-pick">
                      Choose file…
                    </Button>
                    <Button appearance="subtle" icon={<FolderOpen20Regular />} disabled={!!busy} onClick={browse} data-testid="import-browse">
                      System dialog…
                    </Button>
                    {src && <Text data-testid="import-filename">{src.fileName}</Text>}
                  </div>
                </Field>
                <Field label="Preset">
                  <Select value={preset} disabled={!!busy} onChange={(_, d) => changePreset(d.value)} data-testid="import-preset">
                    {presets.map((p) => (
                      <option key={p.value} value={p.value}>
                        {p.label}
                      </option>
                    ))}
                  </Select>
                </Field>
              </div>
            )}
            {busy && (
              <Field label={busy} validationState="none">
                <ProgressBar data-testid="import-progress" />
              </Field>
            )}
            {error && (
              <MessageBar intent="error" data-testid="import-error">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
            {step === 'mapping' && (
              <div data-testid="import-mapping" style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: tokens.spacingHorizontalM }}>
                {mappingFields.map((f) => (
                  <Field key={f.key} label={f.label} required={f.required}>
                    <Select
                      value={choice[f.key]}
                      onChange={(_, d) => setChoice((c) => ({ ...c, [f.key]: d.value }))}
                      data-testid={`map-${f.key}`}
                    >
                      <option value="">(not in the file)</option>
                      {headers.map((h) => (
                        <option key={h} value={h}>
                          {h}
                        </option>
                      ))}
                    </Select>
                  </Field>
                ))}
                {missing && (
                  <Caption1 style={{ gridColumn: '1 / -1', color: tokens.colorPaletteDarkOrangeForeground1 }}>{missing}</Caption1>
                )}
              </div>
            )}
            {(step === 'preview' || step === 'done') && view && <PreviewPanel view={view} />}
          </DialogContent>
          <DialogActions>
            {step === 'done' ? (
              <Button appearance="primary" onClick={close} data-testid="import-close">
                Close
              </Button>
            ) : (
              <>
                <Button disabled={!!busy} onClick={close}>
                  Cancel
                </Button>
                {step === 'mapping' && src && (
                  <Button appearance="primary" disabled={!!busy || !!missing} onClick={() => void preview(src, 'generic', choice)} data-testid="import-preview">
                    Preview
                  </Button>
                )}
                {step === 'preview' && view && headers.length > 0 && (view.preset === 'generic' || view.failure) && (
                  <Button
                    disabled={!!busy}
                    onClick={() => {
                      setPreset('generic')
                      setChoice(choiceFromColumns(view.columns))
                      setStep('mapping')
                    }}
                    data-testid="import-map-columns"
                  >
                    Map the columns…
                  </Button>
                )}
                {step === 'preview' && (
                  <Button appearance="primary" disabled={!!busy || failed || !src} onClick={commit} data-testid="import-commit">
                    {busy === 'Importing…' ? 'Importing…' : 'Import'}
                  </Button>
                )}
              </>
            )}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  )
}

function Figure({ id, label, value }: { id: string; label: string; value: number }) {
  return (
    <div data-testid={`import-${id}`} style={{ display: 'flex', flexDirection: 'column' }}>
      <Caption1>{label}</Caption1>
      <Text weight="semibold" data-value={value}>
        {fmtInt(value)}
      </Text>
    </div>
  )
}

/** The file as read and the outcome of the (dry) run, or why the file was rejected. */
export function PreviewPanel({ view }: { view: ImportView }) {
  if (view.failure) {
    const f = view.failure
    return (
      <MessageBar intent="error" data-testid="import-failure" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Line {fmtInt(f.line)}: nothing was imported</MessageBarTitle>
          <div data-testid="import-failure-reason">{f.reason}</div>
          <div data-testid="import-failure-remedy">What to do: {f.remedy}</div>
        </MessageBarBody>
      </MessageBar>
    )
  }
  return (
    <div data-testid="import-preview-panel" style={{ display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM }}>
      <div style={{ display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' }}>
        <Badge appearance="tint" data-testid="import-preset-read">
          {presetLabel(view.preset)}
          {view.detected ? ' (detected)' : ''}
        </Badge>
        <Badge appearance="outline" data-testid="import-encoding">
          {encodings[view.encoding] ?? view.encoding}
        </Badge>
        <Badge appearance="outline">{delimiters[view.delimiter] ?? view.delimiter}-separated</Badge>
        {view.committed && (
          <Badge appearance="filled" color="success" data-testid="import-committed">
            Imported
          </Badge>
        )}
      </div>
      <div style={{ display: 'flex', gap: tokens.spacingHorizontalXXL, flexWrap: 'wrap' }}>
        <Figure id="rows" label="Rows" value={view.rows} />
        <Figure id="contacts" label="Contacts" value={view.contacts} />
        <Figure id="added" label={view.committed ? 'Added' : 'Will be added'} value={view.added} />
        <Figure id="updated" label={view.committed ? 'Updated' : 'Will be updated'} value={view.updated} />
        <Figure id="unchanged" label="Unchanged" value={view.unchanged} />
        <Figure id="deactivated" label={view.committed ? 'Marked inactive' : 'Will be marked inactive'} value={view.deactivated} />
        <Figure id="clients-added" label="New clients" value={view.clientsAdded} />
      </div>
      {(view.noEmail > 0 || view.duplicates > 0) && (
        <Caption1>
          {fmtInt(view.noEmail)} without email (kept, cannot match an account) · {fmtInt(view.duplicates)} duplicates
        </Caption1>
      )}
      {view.problems.length > 0 && (
        <div data-testid="import-problems" style={{ maxHeight: 160, overflow: 'auto' }}>
          <Text weight="semibold">Problems</Text>
          {view.problems.map((p, i) => (
            <Caption1 key={i} as="p" data-testid="import-problem" style={{ margin: 0 }}>
              Line {fmtInt(p.line)}: {p.message}
            </Caption1>
          ))}
        </div>
      )}
      {!view.committed && view.sample.length > 0 && (
        <div style={{ maxHeight: 200, overflow: 'auto' }}>
          <Table size="extra-small" aria-label="Contacts in the file" data-testid="import-sample">
            <TableHeader>
              <TableRow>
                <TableHeaderCell style={{ width: 60 }}>Line</TableHeaderCell>
                <TableHeaderCell>Company</TableHeaderCell>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Email</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {view.sample.map((s) => (
                <TableRow key={s.line}>
                  <TableCell>{s.line}</TableCell>
                  <TableCell>{s.company}</TableCell>
                  <TableCell>{s.name}</TableCell>
                  <TableCell>{s.emails.join(', ')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {view.contacts > view.sample.length && (
            <Caption1>
              First {fmtInt(view.sample.length)} of {fmtInt(view.contacts)} contacts.
            </Caption1>
          )}
        </div>
      )}
    </div>
  )
}
