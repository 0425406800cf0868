// What needs attention today (Go's Attention): failed syncs, reconnect
// needed, licences over-assigned or suspended, MFA coverage that dropped
// since the last sync. Each item opens its tenant's or client's dashboard.
import { Badge, Caption1, Card, Link, makeStyles, Text, Title3, tokens } from '@fluentui/react-components'
import type { Attention, AttentionItem } from '../api/history'
import { fmtInt, fmtPct } from '../format'
import { dashboardHash, openHash } from './route'

const useStyles = makeStyles({
  row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))', gap: tokens.spacingHorizontalL },
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxHeight: '260px', overflowY: 'auto' },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
})

const cards: { key: keyof Omit<Attention, 'total'>; title: string; empty: string }[] = [
  { key: 'failedSyncs', title: 'Failed syncs', empty: 'Every last sync succeeded.' },
  { key: 'reconnect', title: 'Reconnect needed', empty: 'Every sign-in is valid.' },
  { key: 'licences', title: 'Over-assigned or suspended licences', empty: 'No licence over-assigned or suspended.' },
  { key: 'mfaDropped', title: 'MFA coverage dropped since the last sync', empty: 'No tenant lost MFA coverage.' },
]

const kindLabel: Record<string, string> = {
  'over-assigned': 'Over-assigned',
  suspended: 'Suspended',
  warning: 'Warning',
}

function target(i: AttentionItem) {
  return i.clientId ? dashboardHash({ kind: 'client', id: i.clientId }) : dashboardHash({ kind: 'tenant', id: i.tenantId })
}

function Item({ i }: { i: AttentionItem }) {
  return (
    <li data-testid="attention-item" data-kind={i.kind} data-tenant={i.tenantId}>
      <Link href={target(i)} onClick={(e) => (e.preventDefault(), openHash(target(i)))}>
        {i.tenantName}
      </Link>
      {i.clientName && <Caption1> · {i.clientName}</Caption1>}
      <br />
      {i.kind === 'mfa-dropped' ? (
        <Text size={200} data-testid="attention-mfa" data-from={i.fromPct} data-to={i.toPct}>
          {fmtPct(i.fromPct)} → {fmtPct(i.toPct)}
        </Text>
      ) : i.skuId ? (
        // Go's sentence (review/attention.go), after the flag's badge.
        <Text size={200} block data-testid="attention-licence" data-assigned={i.assigned} data-purchased={i.purchased}>
          {kindLabel[i.kind] && (
            <Badge size="small" appearance="tint" color="danger">
              {kindLabel[i.kind]}
            </Badge>
          )}{' '}
          {i.detail}
        </Text>
      ) : (
        i.detail && (
          <Text size={200} block>
            {i.detail}
          </Text>
        )
      )}
      {i.remedy && <Caption1 block>{i.remedy}</Caption1>}
    </li>
  )
}

export function AttentionCards({ attention }: { attention: Attention }) {
  const s = useStyles()
  return (
    <section aria-label="Needs attention today" data-testid="attention" data-total={attention.total}>
      <div className={s.row}>
        {cards.map((c) => {
          const items = attention[c.key]
          return (
            <Card key={c.key} className={s.card} data-testid={`attention-${c.key}`} data-count={items.length}>
              <div className={s.head}>
                <Title3 style={{ flexGrow: 1 }}>{c.title}</Title3>
                <Badge appearance="filled" color={items.length > 0 ? 'danger' : 'success'}>
                  {fmtInt(items.length)}
                </Badge>
              </div>
              {items.length === 0 ? (
                <Caption1>{c.empty}</Caption1>
              ) : (
                <ul className={s.list}>
                  {items.map((i, n) => (
                    <Item key={`${i.tenantId}:${i.skuId}:${n}`} i={i} />
                  ))}
                </ul>
              )}
            </Card>
          )
        })}
      </div>
    </section>
  )
}
