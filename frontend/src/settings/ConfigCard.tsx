// The Configuration card: every setting with its effective value and where
// it comes from. Save sends only the changed keys; Go validates them all.
import { useState } from 'react'
import {
  Badge,
  Button,
  Card,
  Dropdown,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Option,
  Text,
  Title3,
  tokens,
} from '@fluentui/react-components'
import { ArrowReset20Regular } from '@fluentui/react-icons'
import { errorText, useBackend } from '../api'
import type { SettingValue, SettingsView } from '../api/types'

const useStyles = makeStyles({
  card: { gap: tokens.spacingVerticalM },
  rows: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 110px auto', gap: tokens.spacingHorizontalM, alignItems: 'start' },
  badge: { marginTop: '30px', justifySelf: 'start' },
  reset: { marginTop: '26px' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
})

export const CLOUD_KEY = 'cloud'

const sources: Record<string, { label: string; color: 'informative' | 'brand' | 'warning' | 'important' }> = {
  default: { label: 'default', color: 'informative' },
  setting: { label: 'setting', color: 'brand' },
  environment: { label: 'environment', color: 'warning' },
  demo: { label: 'demo', color: 'important' },
}

/** True when the value cannot be changed here (the environment or the demo sets it). */
export function locked(v: Pick<SettingValue, 'source'>): boolean {
  return v.source === 'environment' || v.source === 'demo'
}

/** Why a field is disabled, naming the variable to unset. */
export function lockedHint(v: Pick<SettingValue, 'source' | 'envVar'>): string {
  if (v.source === 'environment') return `Set by the environment variable ${v.envVar}; unset it to change this here.`
  if (v.source === 'demo') return v.envVar ? `The demo sets this itself (${v.envVar} does not apply).` : 'The demo sets this itself.'
  return ''
}

/** The edited keys whose value differs from what Go last returned. */
export function changedValues(values: SettingValue[], edits: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const v of values) {
    const e = edits[v.key]
    if (e !== undefined && e !== v.value && !locked(v)) out[v.key] = e
  }
  return out
}

type Msg = { intent: 'success' | 'error'; text: string }

export function ConfigCard({ view, onSaved }: { view: SettingsView; onSaved: (v: SettingsView) => void }) {
  const s = useStyles()
  const b = useBackend()
  const [edits, setEdits] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [msg, setMsg] = useState<Msg | null>(null)
  const changed = changedValues(view.values, edits)
  const nChanged = Object.keys(changed).length

  const send = async (values: Record<string, string>, ok: string, clear: string[]) => {
    setBusy(true)
    setMsg(null)
    try {
      onSaved(await b.settings.save(values))
      setEdits((e) => {
        const next = { ...e }
        for (const k of clear) delete next[k]
        return next
      })
      setMsg({ intent: 'success', text: ok })
    } catch (e) {
      setMsg({ intent: 'error', text: errorText(e) })
    } finally {
      setBusy(false)
    }
  }
  const save = () => send(changed, nChanged === 1 ? 'Saved 1 setting.' : `Saved ${nChanged} settings.`, Object.keys(changed))
  const reset = (v: SettingValue) => send({ [v.key]: '' }, `${v.label} is back to its default.`, [v.key])
  const edit = (key: string, value: string) => setEdits((e) => ({ ...e, [key]: value }))

  return (
    <Card className={s.card} data-testid="settings-config">
      <Title3>Configuration</Title3>
      <Text>
        Environment variables win over what is saved here; the demo keeps its own endpoints. Changes apply to new
        sign-ins at once.
      </Text>
      <div className={s.rows}>
        {view.values.map((v) => (
          <SettingLine
            key={v.key}
            v={v}
            value={edits[v.key] ?? v.value}
            clouds={view.clouds.map((c) => ({ name: c.name, label: c.label || c.name }))}
            busy={busy}
            onEdit={(x) => edit(v.key, x)}
            onReset={() => reset(v)}
          />
        ))}
      </div>
      {msg && (
        <MessageBar intent={msg.intent} data-testid="settings-message">
          <MessageBarBody>{msg.text}</MessageBarBody>
        </MessageBar>
      )}
      <div className={s.actions}>
        <Button appearance="primary" disabled={busy || nChanged === 0} onClick={save} data-testid="settings-save">
          Save
        </Button>
        <Button disabled={busy || Object.keys(edits).length === 0} onClick={() => setEdits({})} data-testid="settings-discard">
          Discard changes
        </Button>
      </div>
    </Card>
  )
}

function SettingLine({
  v,
  value,
  clouds,
  busy,
  onEdit,
  onReset,
}: {
  v: SettingValue
  value: string
  clouds: { name: string; label: string }[]
  busy: boolean
  onEdit: (value: string) => void
  onReset: () => void
}) {
  const s = useStyles()
  const isLocked = locked(v)
  const src = sources[v.source] ?? { label: v.source, color: 'informative' as const }
  const why = lockedHint(v)
  const hint = why ? (
    <>
      {v.help}
      {v.help && <br />}
      {why}
    </>
  ) : (
    v.help
  )
  const options = clouds.some((c) => c.name === value) ? clouds : [{ name: value, label: value }, ...clouds]
  const shown = options.find((c) => c.name === value)?.label ?? value
  return (
    <div className={s.row} data-testid={`setting-row-${v.key}`}>
      <Field label={v.label} hint={hint}>
        {v.key === CLOUD_KEY ? (
          <Dropdown
            value={shown}
            selectedOptions={[value]}
            disabled={isLocked || busy}
            onOptionSelect={(_, d) => d.optionValue !== undefined && onEdit(d.optionValue)}
            data-testid={`setting-${v.key}`}
          >
            {options.map((c) => (
              <Option key={c.name} value={c.name}>
                {c.label}
              </Option>
            ))}
          </Dropdown>
        ) : (
          <Input value={value} disabled={isLocked || busy} onChange={(_, d) => onEdit(d.value)} data-testid={`setting-${v.key}`} />
        )}
      </Field>
      <Badge className={s.badge} appearance="tint" color={src.color} data-testid={`source-${v.key}`}>
        {src.label}
      </Badge>
      <Button
        className={s.reset}
        appearance="subtle"
        icon={<ArrowReset20Regular />}
        disabled={busy || v.source !== 'setting'}
        onClick={onReset}
        aria-label={`Reset ${v.label}`}
        title="Back to the default"
        data-testid={`reset-${v.key}`}
      >
        Reset
      </Button>
    </div>
  )
}
