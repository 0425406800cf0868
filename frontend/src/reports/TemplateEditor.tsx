import { useRef, useState, type Dispatch, type DragEvent } from 'react'
import {
  Badge,
  Button,
  Caption1,
  Checkbox,
  Dropdown,
  Field,
  Input,
  Option,
  makeStyles,
  mergeClasses,
  Subtitle2,
  Text,
  tokens,
  Tooltip,
} from '@fluentui/react-components'
import { ArrowDown20Regular, ArrowUp20Regular, ReOrderDotsVertical20Regular } from '@fluentui/react-icons'
import type { PartTypeView } from '../api/types'
import type { EditorAction, MergeFrom, TemplateDraft } from './templateEditor'

const mergeLabels: Record<MergeFrom, string> = {
  accounts: 'From Microsoft 365, adding contacts',
  contacts: 'From PSA contacts, adding accounts',
}

const useStyles = makeStyles({
  editor: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, flexGrow: 1, minWidth: 0 },
  fields: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
  panes: { display: 'flex', gap: tokens.spacingHorizontalL, alignItems: 'flex-start', flexWrap: 'wrap' },
  parts: { flex: '0 1 380px', minWidth: '320px', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  columns: { flex: '1 1 420px', minWidth: '360px', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  row: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  current: { border: `1px solid ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  over: { boxShadow: `inset 0 3px 0 ${tokens.colorBrandStroke1}` },
  off: { opacity: 0.6 },
  handle: { cursor: 'grab', color: tokens.colorNeutralForeground3, display: 'flex' },
  label: { flexGrow: 1, minWidth: '120px' },
  muted: { color: tokens.colorNeutralForeground3 },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  grow: { flexGrow: 1 },
})

type Drag = { what: 'part' } | { what: 'column'; kind: string }

/** HTML5 drag and drop within one list; up/down buttons do the same from the keyboard. */
function useDragList(drag: { current: (Drag & { from: number }) | null }, what: Drag, onMove: (from: number, to: number) => void) {
  const [over, setOver] = useState(-1)
  const same = () => {
    const d = drag.current
    return !!d && d.what === what.what && (d.what === 'part' || (what.what === 'column' && d.kind === what.kind))
  }
  const end = () => {
    drag.current = null
    setOver(-1)
  }
  return {
    over,
    /** The grip: only it starts a drag, so the row's inputs stay selectable. */
    handle: (i: number) => ({
      draggable: true,
      onDragStart: (e: DragEvent<HTMLElement>) => {
        drag.current = { ...what, from: i }
        e.dataTransfer.effectAllowed = 'move'
        e.dataTransfer.setData('text/plain', String(i))
        const row = e.currentTarget.closest('[data-dragrow]')
        if (row) e.dataTransfer.setDragImage(row, 12, 12)
        e.stopPropagation()
      },
      onDragEnd: end,
    }),
    /** The row: where a dragged item of the same list lands. */
    row: (i: number) => ({
      'data-dragrow': true,
      onDragOver: (e: DragEvent<HTMLElement>) => {
        if (!same()) return
        e.preventDefault()
        e.dataTransfer.dropEffect = 'move'
        if (over !== i) setOver(i)
      },
      onDragLeave: () => setOver((o) => (o === i ? -1 : o)),
      onDrop: (e: DragEvent<HTMLElement>) => {
        if (!same()) return
        e.preventDefault()
        const from = drag.current!.from
        end()
        onMove(from, i)
      },
    }),
  }
}

function MoveButtons({ name, index, count, onMove }: { name: string; index: number; count: number; onMove: (from: number, to: number) => void }) {
  return (
    <>
      <Button size="small" appearance="subtle" icon={<ArrowUp20Regular />} aria-label={`Move ${name} up`} disabled={index === 0} onClick={() => onMove(index, index - 1)} />
      <Button
        size="small"
        appearance="subtle"
        icon={<ArrowDown20Regular />}
        aria-label={`Move ${name} down`}
        disabled={index === count - 1}
        onClick={() => onMove(index, index + 1)}
      />
    </>
  )
}

export interface ApplyState {
  busy: string
  done: Record<string, number>
  error: string
}

/** Name, reclaim threshold, parts (order, on/off, label) and the picked part's columns. */
export function TemplateEditor({
  draft,
  dispatch,
  partTypes,
  apply,
  onApply,
}: {
  draft: TemplateDraft
  dispatch: Dispatch<EditorAction>
  partTypes: PartTypeView[]
  apply: ApplyState
  onApply: (kind: string) => void
}) {
  const s = useStyles()
  const drag = useRef<(Drag & { from: number }) | null>(null)
  const [current, setCurrent] = useState(draft.parts[0]?.kind ?? '')
  const part = draft.parts.find((p) => p.kind === current) ?? draft.parts[0]
  const defaults = new Map(partTypes.map((t) => [t.kind, t]))
  const defaultLabel = (kind: string, key?: string) => {
    const t = defaults.get(kind)
    if (key === undefined) return t?.label ?? kind
    return t?.columns.find((c) => c.key === key)?.label ?? key
  }
  const partDrag = useDragList(drag, { what: 'part' }, (from, to) => dispatch({ type: 'movePart', from, to }))
  const colKind = part?.kind ?? ''
  const colDrag = useDragList(drag, { what: 'column', kind: colKind }, (from, to) => dispatch({ type: 'moveColumn', kind: colKind, from, to }))
  const canApply = draft.id !== 0 && !draft.dirty

  return (
    <div className={s.editor} data-testid="template-editor">
      <div className={s.fields}>
        <Field label="Template name" required style={{ minWidth: 280 }}>
          <Input value={draft.name} onChange={(_, d) => dispatch({ type: 'name', name: d.value })} data-testid="template-name" />
        </Field>
        <Field
          label="Inactive after (days)"
          hint="Accounts without sign-in or activity for longer count as inactive in this template's reports; licensed ones are reclaim candidates. Leave empty to follow Settings."
        >
          <Input
            type="number"
            min={0}
            placeholder="Settings"
            value={draft.inactiveDays > 0 ? String(draft.inactiveDays) : ''}
            onChange={(_, d) => dispatch({ type: 'inactiveDays', days: Number(d.value) })}
            data-testid="template-inactive-days"
            style={{ maxWidth: 120 }}
          />
        </Field>
        <Field
          label="Client contacts"
          hint="In a client's report: list every Microsoft 365 account and add its PSA contact, or list every PSA contact and add its account."
        >
          <Dropdown
            value={mergeLabels[draft.mergeFrom]}
            selectedOptions={[draft.mergeFrom]}
            onOptionSelect={(_, d) => d.optionValue && dispatch({ type: 'mergeFrom', from: d.optionValue as MergeFrom })}
            data-testid="template-merge-from"
            style={{ minWidth: 260 }}
          >
            <Option value="accounts">{mergeLabels.accounts}</Option>
            <Option value="contacts">{mergeLabels.contacts}</Option>
          </Dropdown>
        </Field>
      </div>
      <div className={s.panes}>
        <div className={s.parts} data-testid="template-parts" aria-label="Parts, in sheet order">
          <Subtitle2>Parts (sheets, in order)</Subtitle2>
          {draft.parts.map((p, i) => (
            <div
              key={p.kind}
              className={mergeClasses(s.row, p.kind === part?.kind && s.current, partDrag.over === i && s.over, !p.enabled && s.off)}
              data-testid={`part-${p.kind}`}
              {...partDrag.row(i)}
            >
              <span className={s.handle} aria-hidden title="Drag to reorder" {...partDrag.handle(i)}>
                <ReOrderDotsVertical20Regular />
              </span>
              <Checkbox
                checked={p.enabled}
                aria-label={`Include ${defaultLabel(p.kind)}`}
                onChange={(_, d) => dispatch({ type: 'partEnabled', kind: p.kind, enabled: !!d.checked })}
                data-testid="part-enabled"
              />
              <Input
                className={s.label}
                size="small"
                value={p.label}
                placeholder={defaultLabel(p.kind)}
                aria-label={`Sheet name of ${defaultLabel(p.kind)}`}
                onFocus={() => setCurrent(p.kind)}
                onChange={(_, d) => dispatch({ type: 'partLabel', kind: p.kind, label: d.value })}
                data-testid="part-label"
              />
              <MoveButtons name={p.label || defaultLabel(p.kind)} index={i} count={draft.parts.length} onMove={(from, to) => dispatch({ type: 'movePart', from, to })} />
              <Button size="small" appearance={p.kind === part?.kind ? 'primary' : 'secondary'} onClick={() => setCurrent(p.kind)} data-testid="part-columns">
                {p.columns.filter((c) => c.visible).length}/{p.columns.length}
              </Button>
            </div>
          ))}
          <Caption1 className={s.muted}>Drag a part or use the arrows to reorder. The number shows visible columns; click it to edit them.</Caption1>
        </div>
        {part && (
          <div className={s.columns} data-testid={`columns-${part.kind}`}>
            <div className={s.head}>
              <Subtitle2 className={s.grow}>
                {part.kind === 'summary' ? 'Metrics' : 'Columns'} of {part.label || defaultLabel(part.kind)}
              </Subtitle2>
              <Tooltip
                content={canApply ? 'Copy this part’s layout to every open draft made from this template' : 'Save the template first'}
                relationship="description"
              >
                <Button size="small" disabled={!canApply || apply.busy !== ''} onClick={() => onApply(part.kind)} data-testid="apply-drafts">
                  Apply part settings to all drafts
                </Button>
              </Tooltip>
              {apply.done[part.kind] !== undefined && (
                <Badge appearance="tint" color="success" data-testid="apply-result">
                  {apply.done[part.kind] === 1 ? '1 draft updated' : `${apply.done[part.kind]} drafts updated`}
                </Badge>
              )}
            </div>
            {part.columns.map((c, i) => {
              const def = defaultLabel(part.kind, c.key)
              return (
                <div key={c.key} className={mergeClasses(s.row, colDrag.over === i && s.over, !c.visible && s.off)} data-testid={`column-${c.key}`} {...colDrag.row(i)}>
                  <span className={s.handle} aria-hidden title="Drag to reorder" {...colDrag.handle(i)}>
                    <ReOrderDotsVertical20Regular />
                  </span>
                  <Checkbox
                    checked={c.visible}
                    aria-label={`Show ${def}`}
                    onChange={(_, d) => dispatch({ type: 'columnVisible', kind: part.kind, key: c.key, visible: !!d.checked })}
                    data-testid="column-visible"
                  />
                  <Input
                    className={s.label}
                    size="small"
                    value={c.label}
                    placeholder={def}
                    aria-label={`Label of ${def}`}
                    onChange={(_, d) => dispatch({ type: 'columnLabel', kind: part.kind, key: c.key, label: d.value })}
                    data-testid="column-label"
                  />
                  {c.label.trim() !== '' && c.label.trim() !== def && <Caption1 className={s.muted}>was {def}</Caption1>}
                  <MoveButtons name={c.label || def} index={i} count={part.columns.length} onMove={(from, to) => dispatch({ type: 'moveColumn', kind: part.kind, from, to })} />
                </div>
              )
            })}
            {part.columns.length === 0 && <Text>This part has no columns to lay out.</Text>}
          </div>
        )}
      </div>
    </div>
  )
}
