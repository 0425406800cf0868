import { useState } from 'react'
import {
  Badge,
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
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
  Title2,
  tokens,
} from '@fluentui/react-components'
import { Checkmark20Regular, Dismiss20Regular, Sparkle20Regular } from '@fluentui/react-icons'
import { errorText, useBackend } from '../api'
import type { AutoMapResult, ClientRef, MappingRow } from '../api/clientTypes'
import type { PageKey } from '../nav'
import { useLoad } from '../hooks/useLoad'
import { EmptyState, ErrorState, Loading } from '../components/States'
import { Kpi, KpiRow } from '../components/Kpi'
import { fmtInt } from '../format'
import { fmtScore, parseThreshold, topPairs } from '../clients/logic'

type Banner = { intent: 'success' | 'error' | 'warning'; title: string; lines: string[] }

/**
 * Tenant mapping: every tenant with its client, or Go's suggestions for it
 * (best first, with the reasons); Map, Map selected, Unmap, and Auto-map
 * above a threshold (the ones left are listed with the reason).
 */
export function Mapping({ onNavigate }: { onNavigate?: (k: PageKey) => void }) {
  const b = useBackend()
  const [thText, setThText] = useState('')
  const threshold = parseThreshold(thText)
  const view = useLoad(() => b.clients.mapping(threshold ?? 0), `mapping:${threshold ?? 0}`)
  const refs = useLoad(() => b.clients.refs(), 'refs')
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [busy, setBusy] = useState('')
  const [banner, setBanner] = useState<Banner | null>(null)
  const [rowErr, setRowErr] = useState<Record<string, string>>({})

  const v = view.data
  const rows = v?.tenants ?? []
  const unmapped = rows.filter((r) => r.clientId === 0)

  const act = async (tenantId: string, fn: () => Promise<void>) => {
    setRowErr((e) => ({ ...e, [tenantId]: '' }))
    setBusy(tenantId)
    try {
      await fn()
    } catch (e) {
      setRowErr((x) => ({ ...x, [tenantId]: errorText(e) }))
    } finally {
      setBusy('')
    }
    view.reload()
  }

  const mapSelected = async () => {
    const { pairs, skipped } = topPairs(rows, selected)
    setBanner(null)
    setBusy('selected')
    try {
      const res = pairs.length > 0 ? await b.clients.mapSelected(pairs) : { mapped: 0, failed: [] }
      const name = (id: string) => rows.find((r) => r.tenantId === id)?.tenantName ?? id
      const lines = [
        ...skipped.map((s) => `${s.tenantName}: ${s.reason}`),
        ...res.failed.map((f) => `${name(f.tenantId)}: ${f.error}`),
      ]
      setBanner({
        intent: lines.length > 0 ? 'warning' : 'success',
        title: `Mapped ${fmtInt(res.mapped)} of ${fmtInt(selected.size)} selected tenants to their top suggestion.`,
        lines,
      })
      setSelected(new Set())
    } catch (e) {
      setBanner({ intent: 'error', title: 'Map selected failed', lines: [errorText(e)] })
    } finally {
      setBusy('')
    }
    view.reload()
  }

  const autoMap = async () => {
    if (threshold == null) return
    setBanner(null)
    setBusy('auto')
    try {
      const res = await b.clients.autoMap(threshold)
      setBanner(autoBanner(res, v?.threshold ?? threshold))
    } catch (e) {
      setBanner({ intent: 'error', title: 'Auto-map failed', lines: [errorText(e)] })
    } finally {
      setBusy('')
    }
    view.reload()
  }

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const n = new Set(s)
      if (on) n.add(id)
      else n.delete(id)
      return n
    })
  const allOn = unmapped.length > 0 && unmapped.every((r) => selected.has(r.tenantId))

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM }} data-testid="page-mapping">
      <div style={{ display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' }}>
        <Title2 style={{ flexGrow: 1 }}>Tenant mapping</Title2>
        <Field
          label="Auto-map at confidence ≥"
          validationState={threshold == null ? 'error' : 'none'}
          validationMessage={threshold == null ? 'A number from 0 to 1, e.g. 0.8' : undefined}
        >
          <Input
            style={{ width: 110 }}
            value={thText}
            placeholder={v ? fmtScore(v.threshold) : ''}
            onChange={(_, d) => setThText(d.value)}
            data-testid="mapping-threshold"
          />
        </Field>
        <Button icon={<Sparkle20Regular />} disabled={!!busy || threshold == null || unmapped.length === 0} onClick={autoMap} data-testid="mapping-auto">
          Auto-map
        </Button>
        <Button appearance="primary" disabled={!!busy || selected.size === 0} onClick={mapSelected} data-testid="mapping-map-selected">
          Map selected ({fmtInt(selected.size)})
        </Button>
      </div>
      {(busy === 'auto' || busy === 'selected') && (
        <Field label={busy === 'auto' ? 'Auto-mapping…' : 'Mapping the selected tenants…'} validationState="none">
          <ProgressBar data-testid="mapping-progress" />
        </Field>
      )}
      {banner && (
        <MessageBar intent={banner.intent} data-testid="mapping-banner" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{banner.title}</MessageBarTitle>
            {banner.lines.map((l, i) => (
              <div key={i} data-testid="mapping-banner-line">
                {l}
              </div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
      {view.error && <ErrorState error={view.error} onRetry={view.reload} />}
      {!v && !view.error && <Loading />}
      {v && (
        <KpiRow>
          <Kpi id="mapping-total" label="Total" value={fmtInt(v.total)} raw={v.total} />
          <Kpi id="mapping-mapped" label="Mapped" value={fmtInt(v.mapped)} raw={v.mapped} />
          <Kpi id="mapping-unmapped" label="Unmapped" value={fmtInt(v.unmapped)} raw={v.unmapped} hint="Unmapped tenants still sync." />
        </KpiRow>
      )}
      {v && rows.length === 0 && <EmptyState title="No tenants yet">Connect a tenant first; then map it to its client here.</EmptyState>}
      {v && rows.length > 0 && (refs.data ?? []).length === 0 && (
        <MessageBar intent="info">
          <MessageBarBody>
            No clients yet: import your PSA’s contacts or create a client on the{' '}
            {onNavigate ? (
              <Button appearance="transparent" size="small" onClick={() => onNavigate('clients')}>
                Clients page
              </Button>
            ) : (
              'Clients page'
            )}
            .
          </MessageBarBody>
        </MessageBar>
      )}
      {v && rows.length > 0 && (
        <Table aria-label="Tenants and their clients" data-testid="mapping-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell style={{ width: 44 }}>
                <Checkbox
                  aria-label="Select every unmapped tenant"
                  checked={allOn}
                  disabled={unmapped.length === 0}
                  onChange={(_, d) => setSelected(d.checked ? new Set(unmapped.map((r) => r.tenantId)) : new Set())}
                  data-testid="mapping-select-all"
                />
              </TableHeaderCell>
              <TableHeaderCell style={{ width: '24%' }}>Tenant</TableHeaderCell>
              <TableHeaderCell style={{ width: '34%' }}>Client or top suggestion</TableHeaderCell>
              <TableHeaderCell style={{ width: 100 }}>Confidence</TableHeaderCell>
              <TableHeaderCell>Actions</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <MappingLine
                key={r.tenantId}
                row={r}
                clients={refs.data ?? []}
                selected={selected.has(r.tenantId)}
                busy={busy === r.tenantId}
                error={rowErr[r.tenantId] ?? ''}
                onSelect={(on) => toggle(r.tenantId, on)}
                onMap={(clientId) => act(r.tenantId, () => b.clients.map(r.tenantId, clientId))}
                onUnmap={() => act(r.tenantId, () => b.clients.unmap(r.tenantId))}
              />
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  )
}

function autoBanner(res: AutoMapResult[], threshold: number): Banner {
  const mapped = res.filter((r) => r.mapped)
  const left = res.filter((r) => !r.mapped)
  return {
    intent: left.length > 0 ? 'warning' : 'success',
    title: `Auto-map at ${fmtScore(threshold)}: mapped ${fmtInt(mapped.length)}, left ${fmtInt(left.length)} for you.`,
    lines: [
      ...mapped.map((r) => `${r.tenantName} → ${r.clientName} (${fmtScore(r.confidence)})`),
      ...left.map((r) => `${r.tenantName}: left — ${r.reason}`),
    ],
  }
}

function MappingLine({
  row,
  clients,
  selected,
  busy,
  error,
  onSelect,
  onMap,
  onUnmap,
}: {
  row: MappingRow
  clients: ClientRef[]
  selected: boolean
  busy: boolean
  error: string
  onSelect: (on: boolean) => void
  onMap: (clientId: number) => void
  onUnmap: () => void
}) {
  const top = row.suggestions[0]
  const mapped = row.clientId !== 0
  return (
    <TableRow data-testid={`mapping-row-${row.tenantId}`} data-mapped={mapped ? 'true' : 'false'}>
      <TableCell>
        <Checkbox
          aria-label={`Select ${row.tenantName}`}
          checked={selected}
          disabled={mapped}
          onChange={(_, d) => onSelect(!!d.checked)}
          data-testid="mapping-select"
        />
      </TableCell>
      <TableCell>
        <div style={{ display: 'flex', flexDirection: 'column', padding: '6px 0' }}>
          <Text weight="semibold">{row.tenantName}</Text>
          <Caption1>{row.defaultDomain}</Caption1>
        </div>
      </TableCell>
      <TableCell>
        <div style={{ display: 'flex', flexDirection: 'column', gap: 2, padding: '6px 0' }}>
          {mapped ? (
            <>
              <Text data-testid="mapping-client">{row.clientName}</Text>
              <Caption1>{row.mappedBy === 'auto' ? 'Mapped automatically' : 'Mapped by hand'}</Caption1>
            </>
          ) : top ? (
            <>
              <Text data-testid="mapping-suggestion">
                {top.clientName} <Badge appearance="outline" size="small">suggested</Badge>
              </Text>
              {top.reasons.map((x) => (
                <Caption1 key={x} data-testid="mapping-reason">
                  {x}
                </Caption1>
              ))}
              <Caption1 data-testid="mapping-auto-reason">{row.autoMap ? 'Auto-map would map it.' : row.autoReason}</Caption1>
            </>
          ) : (
            <Caption1>No suggestion: pick the client by hand.</Caption1>
          )}
        </div>
      </TableCell>
      <TableCell data-testid="mapping-confidence">{mapped ? fmtScore(row.confidence) : top ? fmtScore(top.score) : '—'}</TableCell>
      <TableCell>
        <div style={{ display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap', alignItems: 'center' }}>
          {mapped ? (
            <Button size="small" icon={<Dismiss20Regular />} disabled={busy} onClick={onUnmap} data-testid="mapping-unmap">
              Unmap
            </Button>
          ) : (
            <>
              {top && (
                <Button size="small" appearance="primary" icon={<Checkmark20Regular />} disabled={busy} onClick={() => onMap(top.clientId)} data-testid="mapping-map-suggested">
                  Map
                </Button>
              )}
              <Select
                size="small"
                value=""
                disabled={busy || clients.length === 0}
                onChange={(_, d) => d.value && onMap(Number(d.value))}
                aria-label={`Map ${row.tenantName} to a client`}
                data-testid="mapping-pick"
              >
                <option value="">Map to…</option>
                {clients.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </Select>
            </>
          )}
          {error && (
            <Caption1 role="alert" style={{ color: tokens.colorPaletteRedForeground1 }} data-testid="mapping-row-error">
              {error}
            </Caption1>
          )}
        </div>
      </TableCell>
    </TableRow>
  )
}
