import { useEffect, useReducer, useState } from 'react'
import { Badge, Button, Caption1, makeStyles, mergeClasses, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components'
import { ArrowReset20Regular, Copy20Regular, Save20Regular } from '@fluentui/react-icons'
import { errorText, useBackend } from '../api'
import type { PartTypeView, TemplateView } from '../api/types'
import { fmtDateTime } from '../format'
import { useLoad } from '../hooks/useLoad'
import { ErrorState, Loading } from '../components/States'
import { TemplateEditor, type ApplyState } from './TemplateEditor'
import { copyOf, editorReducer, emptyDraft, toTemplateView } from './templateEditor'

const useStyles = makeStyles({
  tab: { display: 'flex', gap: tokens.spacingHorizontalXL, alignItems: 'flex-start' },
  list: { flex: '0 0 220px', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { justifyContent: 'flex-start', textAlign: 'left', width: '100%' },
  main: { flexGrow: 1, minWidth: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  bar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  grow: { flexGrow: 1 },
  chosen: { fontWeight: tokens.fontWeightSemibold },
})

export function TemplatesTab() {
  const s = useStyles()
  const api = useBackend().reports
  const data = useLoad(() => Promise.all([api.templates(), api.partTypes()]), 'templates')
  const [draft, dispatch] = useReducer(editorReducer, emptyDraft)
  const [chosen, setChosen] = useState<number | null>(null) // template id; 0 = a new, unsaved copy
  const [editorKey, setEditorKey] = useState(0)
  const [saving, setSaving] = useState(false)
  const [err, setErr] = useState('')
  const [saved, setSaved] = useState(false)
  const [apply, setApply] = useState<ApplyState>({ busy: '', done: {}, error: '' })

  const templates: TemplateView[] = data.data?.[0] ?? []
  const partTypes: PartTypeView[] = data.data?.[1] ?? []

  const load = (t: TemplateView) => {
    dispatch({ type: 'load', template: t, partTypes })
    setChosen(t.id)
    setEditorKey((k) => k + 1)
    setErr('')
    setSaved(false)
    setApply({ busy: '', done: {}, error: '' })
  }
  // Open the default template first.
  useEffect(() => {
    if (chosen === null && data.data && templates.length > 0) load(templates.find((t) => t.isDefault) ?? templates[0])
  }, [data.data, chosen])

  const copy = () => {
    if (draft.parts.length === 0) return
    const names = new Set(templates.map((t) => t.name))
    const base = draft.name.trim() || 'template'
    let name = `Copy of ${base}`
    for (let n = 2; names.has(name); n++) name = `Copy of ${base} (${n})`
    load(copyOf(toTemplateView(draft), name))
  }
  const save = async () => {
    setSaving(true)
    setErr('')
    setSaved(false)
    try {
      const t = await api.saveTemplate(toTemplateView(draft))
      dispatch({ type: 'load', template: t, partTypes })
      setChosen(t.id)
      setSaved(true)
      data.reload()
    } catch (e) {
      setErr(errorText(e))
    } finally {
      setSaving(false)
    }
  }
  const discard = () => {
    const t = templates.find((x) => x.id === chosen)
    if (t) load(t)
    else if (templates[0]) load(templates.find((x) => x.isDefault) ?? templates[0])
  }
  const applyPart = async (kind: string) => {
    setApply((a) => ({ ...a, busy: kind, error: '' }))
    try {
      const n = await api.applyPartToDrafts(draft.id, kind)
      setApply((a) => ({ busy: '', done: { ...a.done, [kind]: n }, error: '' }))
    } catch (e) {
      setApply((a) => ({ ...a, busy: '', error: errorText(e) }))
    }
  }

  if (data.error) return <ErrorState error={data.error} onRetry={data.reload} />
  if (!data.data) return <Loading />
  return (
    <div className={s.tab} data-testid="templates-tab">
      <div className={s.list} data-testid="template-list">
        {templates.map((t) => (
          <Button
            key={t.id}
            className={mergeClasses(s.item, t.id === chosen && s.chosen)}
            appearance={t.id === chosen ? 'primary' : 'subtle'}
            disabled={draft.dirty && t.id !== chosen}
            onClick={() => load(t)}
            data-testid={`template-${t.id}`}
          >
            {t.name}
            {t.isDefault ? ' (default)' : ''}
          </Button>
        ))}
        {chosen === 0 && (
          <Button className={mergeClasses(s.item, s.chosen)} appearance="primary" data-testid="template-new">
            {draft.name || 'New template'} (unsaved)
          </Button>
        )}
        <Button icon={<Copy20Regular />} disabled={draft.dirty} onClick={copy} data-testid="template-copy">
          New template (copy)
        </Button>
        {draft.dirty && <Caption1>Save or discard the changes to switch templates.</Caption1>}
      </div>
      <div className={s.main}>
        <div className={s.bar}>
          <Text className={s.grow} size={500} weight="semibold">
            {chosen === 0 ? 'New template' : draft.name}
          </Text>
          {draft.dirty && (
            <Badge appearance="tint" color="warning" data-testid="template-dirty">
              Unsaved changes
            </Badge>
          )}
          {saved && !draft.dirty && (
            <Badge appearance="tint" color="success" data-testid="template-saved">
              Saved
            </Badge>
          )}
          <Button icon={<ArrowReset20Regular />} disabled={!draft.dirty || saving} onClick={discard}>
            Discard
          </Button>
          <Button appearance="primary" icon={<Save20Regular />} disabled={(!draft.dirty && chosen !== 0) || saving} onClick={save} data-testid="template-save">
            Save
          </Button>
        </div>
        {chosen !== 0 && templates.find((t) => t.id === chosen)?.updatedAt && (
          <Caption1>Last saved {fmtDateTime(templates.find((t) => t.id === chosen)!.updatedAt)}. Existing report versions keep their own layout.</Caption1>
        )}
        {(err || apply.error) && (
          <MessageBar intent="error" data-testid="template-error">
            <MessageBarBody>{err || apply.error}</MessageBarBody>
          </MessageBar>
        )}
        {chosen !== null && <TemplateEditor key={editorKey} draft={draft} dispatch={dispatch} partTypes={partTypes} apply={apply} onApply={applyPart} />}
      </div>
    </div>
  )
}
