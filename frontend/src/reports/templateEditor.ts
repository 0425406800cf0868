// The template editor's state: a template being edited, changed only
// through actions, so hide/show, rename and reorder are testable without a
// screen. Go normalises the layout again on save (Registry.Resolve).
import type { ColumnSetting, PartSettings, PartTypeView, TemplateView } from '../api/types'

/** The merge directions Go accepts (bridge.TemplateView.mergeFrom). */
export type MergeFrom = 'accounts' | 'contacts'

function mergeFromOf(v: string): MergeFrom {
  return v === 'contacts' ? 'contacts' : 'accounts'
}

export interface TemplateDraft {
  id: number
  name: string
  isDefault: boolean
  inactiveDays: number
  /** A client report's contacts merge: from Microsoft 365 accounts or from the PSA's contacts. */
  mergeFrom: MergeFrom
  parts: PartSettings[]
  /** Changed since loaded or saved. */
  dirty: boolean
}

export type EditorAction =
  | { type: 'load'; template: TemplateView; partTypes: PartTypeView[] }
  | { type: 'name'; name: string }
  | { type: 'inactiveDays'; days: number }
  | { type: 'mergeFrom'; from: MergeFrom }
  | { type: 'partEnabled'; kind: string; enabled: boolean }
  | { type: 'partLabel'; kind: string; label: string }
  | { type: 'movePart'; from: number; to: number }
  | { type: 'columnVisible'; kind: string; key: string; visible: boolean }
  | { type: 'columnLabel'; kind: string; key: string; label: string }
  | { type: 'moveColumn'; kind: string; from: number; to: number }

/** Moves item `from` to index `to` (both clamped); a new array. */
export function move<T>(list: readonly T[], from: number, to: number): T[] {
  const out = list.slice()
  if (from < 0 || from >= out.length) return out
  const dest = Math.max(0, Math.min(out.length - 1, to))
  const [item] = out.splice(from, 1)
  out.splice(dest, 0, item)
  return out
}

/**
 * The template's parts with every part and column the registry knows:
 * the template's own order and settings first; columns it lacks follow as
 * hidden with their default label (so newly added columns can be shown);
 * parts it lacks follow disabled.
 */
export function mergeLayout(parts: readonly PartSettings[], types: readonly PartTypeView[]): PartSettings[] {
  const byKind = new Map(types.map((t) => [t.kind, t]))
  const seen = new Set<string>()
  const out: PartSettings[] = []
  const fill = (p: PartSettings): PartSettings => {
    const pt = byKind.get(p.kind)
    const cols: ColumnSetting[] = []
    const used = new Set<string>()
    for (const c of p.columns) {
      if (used.has(c.key)) continue
      used.add(c.key)
      cols.push({ key: c.key, label: c.label, visible: c.visible })
    }
    for (const c of pt?.columns ?? []) {
      if (!used.has(c.key)) cols.push({ key: c.key, label: c.label, visible: false })
    }
    return { kind: p.kind, label: p.label || pt?.label || p.kind, enabled: p.enabled, columns: cols }
  }
  for (const p of parts) {
    if (seen.has(p.kind)) continue
    seen.add(p.kind)
    out.push(fill(p))
  }
  for (const t of types) {
    if (!seen.has(t.kind)) out.push(fill({ kind: t.kind, label: t.label, enabled: false, columns: [] }))
  }
  return out
}

export function draftOf(t: TemplateView, types: readonly PartTypeView[]): TemplateDraft {
  return {
    id: t.id, name: t.name, isDefault: t.isDefault, inactiveDays: t.inactiveDays, mergeFrom: mergeFromOf(t.mergeFrom),
    parts: mergeLayout(t.parts, types), dirty: false,
  }
}

/** A new, unsaved template laid out like `t`. */
export function copyOf(t: TemplateView, name: string): TemplateView {
  return { ...t, id: 0, name, isDefault: false, updatedAt: '', parts: t.parts.map((p) => ({ ...p, columns: p.columns.map((c) => ({ ...c })) })) }
}

/** What SaveTemplate receives. */
export function toTemplateView(d: TemplateDraft): TemplateView {
  return {
    id: d.id,
    name: d.name.trim(),
    isDefault: d.isDefault,
    inactiveDays: d.inactiveDays,
    mergeFrom: d.mergeFrom,
    updatedAt: '',
    parts: d.parts.map((p) => ({ kind: p.kind, label: p.label.trim(), enabled: p.enabled, columns: p.columns.map((c) => ({ key: c.key, label: c.label.trim(), visible: c.visible })) })),
  }
}

function mapPart(d: TemplateDraft, kind: string, f: (p: PartSettings) => PartSettings): TemplateDraft {
  let hit = false
  const parts = d.parts.map((p) => {
    if (p.kind !== kind) return p
    hit = true
    return f(p)
  })
  return hit ? { ...d, parts, dirty: true } : d
}

function mapColumn(d: TemplateDraft, kind: string, key: string, f: (c: ColumnSetting) => ColumnSetting): TemplateDraft {
  const p = d.parts.find((x) => x.kind === kind)
  if (!p || !p.columns.some((c) => c.key === key)) return d
  return mapPart(d, kind, (p) => ({ ...p, columns: p.columns.map((c) => (c.key === key ? f(c) : c)) }))
}

// inactiveDays 0: the template follows the Settings threshold
export const emptyDraft: TemplateDraft = { id: 0, name: '', isDefault: false, inactiveDays: 0, mergeFrom: 'accounts', parts: [], dirty: false }

export function editorReducer(d: TemplateDraft, a: EditorAction): TemplateDraft {
  switch (a.type) {
    case 'load':
      return draftOf(a.template, a.partTypes)
    case 'name':
      return { ...d, name: a.name, dirty: true }
    case 'inactiveDays':
      return Number.isFinite(a.days) ? { ...d, inactiveDays: a.days, dirty: true } : d
    case 'mergeFrom':
      return a.from === d.mergeFrom ? d : { ...d, mergeFrom: a.from, dirty: true }
    case 'partEnabled':
      return mapPart(d, a.kind, (p) => ({ ...p, enabled: a.enabled }))
    case 'partLabel':
      return mapPart(d, a.kind, (p) => ({ ...p, label: a.label }))
    case 'movePart':
      if (a.from === a.to || a.from < 0 || a.from >= d.parts.length) return d
      return { ...d, parts: move(d.parts, a.from, a.to), dirty: true }
    case 'columnVisible':
      return mapColumn(d, a.kind, a.key, (c) => ({ ...c, visible: a.visible }))
    case 'columnLabel':
      return mapColumn(d, a.kind, a.key, (c) => ({ ...c, label: a.label }))
    case 'moveColumn': {
      const p = d.parts.find((x) => x.kind === a.kind)
      if (!p || a.from === a.to || a.from < 0 || a.from >= p.columns.length) return d
      return mapPart(d, a.kind, (p) => ({ ...p, columns: move(p.columns, a.from, a.to) }))
    }
  }
}
