import { Badge, Button, Caption1, Card, makeStyles, mergeClasses, Text, Title3, tokens } from '@fluentui/react-components'
import { ArrowDownload20Regular } from '@fluentui/react-icons'
import type { KPIView, VersionView } from '../api/types'
import { fmtDateTime, fmtInt } from '../format'
import { useLoad } from '../hooks/useLoad'
import { ErrorState, Loading } from '../components/States'
import { useBackend } from '../api'
import { arrows, direction, fmtChange, fmtKpi, kpiSlug, tone, type Tone } from './kpi'

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  grow: { flexGrow: 1 },
  cards: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: '12px' },
  card: { padding: tokens.spacingHorizontalL, gap: tokens.spacingVerticalXS },
  value: { fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600, fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
  change: { fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
  good: { color: tokens.colorPaletteGreenForeground1 },
  bad: { color: tokens.colorPaletteRedForeground1 },
  neutral: { color: tokens.colorNeutralForeground3 },
  notes: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
})

export function StatusBadge({ status }: { status: string }) {
  return status === 'final' ? (
    <Badge appearance="filled" color="success" data-testid="status-badge">
      Final
    </Badge>
  ) : (
    <Badge appearance="tint" color="warning" data-testid="status-badge">
      Draft
    </Badge>
  )
}

const toneWords: Record<Tone, string> = { good: 'better', bad: 'worse', neutral: '' }

/** One KPI: value, the previous version's value, and Go's change. */
export function KpiDelta({ k, currency }: { k: KPIView; currency: string }) {
  const s = useStyles()
  const id = kpiSlug(k.label)
  const t = tone(k)
  const dir = direction(k.change)
  return (
    <Card className={s.card} data-testid={`kpi-${id}`}>
      <Caption1>{k.label}</Caption1>
      <Text className={s.value} data-testid={`kpi-${id}-value`}>
        {fmtKpi(k.kind, k.value, currency)}
      </Text>
      {k.hasPrev ? (
        <>
          <Text
            className={mergeClasses(s.change, s[t])}
            data-testid={`kpi-${id}-change`}
            data-tone={t}
            data-direction={dir}
            aria-label={`${dir === 'flat' ? 'no change' : `${dir} ${fmtChange(k.kind, k.change, currency)}`}${toneWords[t] ? `, ${toneWords[t]}` : ''}`}
          >
            {arrows[dir]} {dir === 'flat' ? 'no change' : fmtChange(k.kind, k.change, currency)}
          </Text>
          <Caption1 data-testid={`kpi-${id}-prev`}>was {fmtKpi(k.kind, k.previous, currency)}</Caption1>
        </>
      ) : (
        <Caption1 data-testid={`kpi-${id}-prev`}>no previous version</Caption1>
      )}
    </Card>
  )
}

export function VersionDetails({ v, onExport }: { v: VersionView; onExport?: () => void }) {
  const s = useStyles()
  return (
    <div className={s.panel} data-testid="version-panel">
      <div className={s.head}>
        <Title3 className={s.grow}>
          {v.tenantName} · version {v.version.number}
        </Title3>
        <StatusBadge status={v.version.status} />
        {onExport && (
          <Button icon={<ArrowDownload20Regular />} onClick={onExport} data-testid="version-export">
            Export…
          </Button>
        )}
      </div>
      <Text data-testid="version-dates">
        Data from {fmtDateTime(v.dataDate)}
        {v.prevDate ? ` · compared with the previous version's data from ${fmtDateTime(v.prevDate)}` : ' · first version: nothing to compare with yet'}
      </Text>
      {v.version.status === 'final' && v.version.finalizedAt && (
        <Caption1>Final since {fmtDateTime(v.version.finalizedAt)}: these numbers never change.</Caption1>
      )}
      <div className={s.cards}>
        {v.kpis.map((k) => (
          <KpiDelta key={k.label} k={k} currency={v.currency} />
        ))}
      </div>
      <Caption1 data-testid="version-reclaim">{fmtInt(v.reclaim)} rows on the reclaim list</Caption1>
      {v.notes.length > 0 && (
        <ul className={s.notes} data-testid="version-notes">
          {v.notes.map((n) => (
            <li key={n}>
              <Caption1>{n}</Caption1>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

/** Loads Reports.Version(id) and shows it; `stamp` reloads after a refresh. */
export function VersionPanel({ versionId, stamp, onExport }: { versionId: number; stamp: string; onExport: () => void }) {
  const api = useBackend().reports
  const view = useLoad(() => api.version(versionId), `${versionId}:${stamp}`)
  if (view.error) return <ErrorState error={view.error} onRetry={view.reload} />
  if (!view.data) return <Loading label="Opening the version…" />
  return <VersionDetails v={view.data} onExport={onExport} />
}
