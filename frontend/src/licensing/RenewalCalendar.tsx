// The renewal calendar (Go: review.Renewals): what renews or expires within
// 30/90/365 days, trials ending, subscriptions needing attention, and per SKU
// the paid seats nobody holds with their cost until renewal. Every count,
// bucket and amount is Go's; this only lays them out.
import { useState } from 'react'
import {
  Badge,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Tab,
  TabList,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title3,
  tokens,
} from '@fluentui/react-components'
import { useBackend } from '../api'
import type { RenewalRow, RenewalsView } from '../api/licensingTypes'
import { useLoad } from '../hooks/useLoad'
import { EmptyState, ErrorState, Loading } from '../components/States'
import { Kpi, KpiRow } from '../components/Kpi'
import { Notes } from '../components/Notes'
import { ALL_TENANTS } from '../tenantPick'
import { DASH, fmtDate, fmtInt, fmtMoney } from '../format'

const useStyles = makeStyles({
  col: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  attention: { backgroundColor: tokens.colorPaletteRedBackground1, boxShadow: `inset 4px 0 0 ${tokens.colorPaletteRedBorderActive}` },
})

/** The windows Go counts (RenewalsView.within30/90/365; RenewalRow.bucket). */
export const WINDOWS = [30, 90, 365] as const
export type Window = (typeof WINDOWS)[number]

/** Go's count of events within a window. */
export function windowCount(v: RenewalsView, w: Window): number {
  return w === 30 ? v.within30 : w === 90 ? v.within90 : v.within365
}

/** Events Go put within the window (its bucket is the smallest window holding the date). */
export function eventsWithin(v: RenewalsView, w: Window): RenewalRow[] {
  return v.events.filter((e) => e.bucket > 0 && e.bucket <= w)
}

function statusBadge(r: RenewalRow) {
  const color = r.attention ? 'danger' : r.isTrial ? 'warning' : 'informative'
  return (
    <Badge appearance={r.attention ? 'filled' : 'outline'} color={color} data-testid="renewal-status">
      {r.isTrial ? `${r.status} · trial` : r.status}
    </Badge>
  )
}

function RenewalTable({ rows, allTenants, testId }: { rows: RenewalRow[]; allTenants: boolean; testId: string }) {
  const s = useStyles()
  return (
    <Table size="small" aria-label="Renewals" data-testid={testId}>
      <TableHeader>
        <TableRow>
          {allTenants && <TableHeaderCell>Tenant</TableHeaderCell>}
          <TableHeaderCell>Licence</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>Licences</TableHeaderCell>
          <TableHeaderCell>Date</TableHeaderCell>
          <TableHeaderCell>Days left</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={`${r.tenantId}/${r.subscriptionId}`} className={r.attention ? s.attention : undefined} data-testid={`renewal-${r.subscriptionId}`}>
            {allTenants && <TableCell>{r.tenantName}</TableCell>}
            <TableCell>
              <Text weight="semibold">{r.name || r.partNumber}</Text> <Caption1>{r.partNumber}</Caption1>
            </TableCell>
            <TableCell>{statusBadge(r)}</TableCell>
            <TableCell>{fmtInt(r.totalLicenses)}</TableCell>
            <TableCell>{r.date ? fmtDate(r.date) : DASH}</TableCell>
            <TableCell data-testid="days-left">{r.date ? fmtInt(r.daysLeft) : DASH}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}

export function RenewalCalendar({ tenantId }: { tenantId: string }) {
  const s = useStyles()
  const b = useBackend()
  const view = useLoad(() => b.licensing.renewals(tenantId), `renewals:${tenantId}`)
  const [win, setWin] = useState<Window>(90)
  const v = view.data
  const all = tenantId === ALL_TENANTS

  if (view.error) return <ErrorState error={view.error} onRetry={view.reload} />
  if (!v) return <Loading label="Loading the renewal calendar…" />
  if (!v.available)
    return (
      <div className={s.col}>
        <Notes notes={v.notes} fold={4} />
        <EmptyState title="No subscription data">Sync this tenant to see what renews when.</EmptyState>
      </div>
    )
  const shown = eventsWithin(v, win)
  return (
    <div className={s.col} data-testid="renewal-calendar">
      <Notes notes={v.notes} />
      {v.attention.length > 0 && (
        <MessageBar intent="error" layout="multiline" data-testid="renewal-attention">
          <MessageBarBody>
            <MessageBarTitle>Subscriptions that need attention</MessageBarTitle>
            <ul style={{ margin: '4px 0 0', paddingLeft: '1.2em' }}>
              {v.attention.map((r) => (
                <li key={`${r.tenantId}/${r.subscriptionId}`}>
                  {all ? `${r.tenantName}: ` : ''}
                  {r.name || r.partNumber} — {r.status}
                  {r.date ? `, ${fmtDate(r.date)}` : ''}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      <KpiRow>
        {WINDOWS.map((w) => (
          <Kpi key={w} id={`renew-${w}`} label={`Renew or expire within ${w} days`} value={fmtInt(windowCount(v, w))} raw={windowCount(v, w)} />
        ))}
        <Kpi id="trials" label="Trials" value={fmtInt(v.trials.length)} danger={v.trials.length > 0} />
        <Kpi
          id="unused-until-renewal"
          label="Unused seats until renewal"
          value={v.currency ? fmtMoney(v.unusedCostTotal, v.currency) : DASH}
          raw={v.unusedCostTotal}
          danger={v.unusedCostTotal > 0}
          hint={v.currency ? undefined : 'set licence prices to see the cost'}
        />
      </KpiRow>
      <TabList selectedValue={String(win)} onTabSelect={(_, d) => setWin(Number(d.value) as Window)} data-testid="renewal-windows">
        {WINDOWS.map((w) => (
          <Tab key={w} value={String(w)} data-testid={`window-${w}`}>
            Next {w} days ({fmtInt(windowCount(v, w))})
          </Tab>
        ))}
      </TabList>
      {shown.length === 0 ? (
        <Caption1 data-testid="renewals-none">Nothing renews or expires in the next {win} days.</Caption1>
      ) : (
        <RenewalTable rows={shown} allTenants={all} testId="renewals-table" />
      )}
      {v.trials.length > 0 && (
        <>
          <Title3>Trials ending</Title3>
          <RenewalTable rows={v.trials} allTenants={all} testId="trials-table" />
        </>
      )}
      <Title3>Unused seats until renewal</Title3>
      {v.unused.length === 0 ? (
        <Caption1 data-testid="unused-none">Every paid seat is assigned.</Caption1>
      ) : (
        <Table size="small" aria-label="Unused seats" data-testid="unused-table">
          <TableHeader>
            <TableRow>
              {all && <TableHeaderCell>Tenant</TableHeaderCell>}
              <TableHeaderCell>Licence</TableHeaderCell>
              <TableHeaderCell>Purchased</TableHeaderCell>
              <TableHeaderCell>Assigned</TableHeaderCell>
              <TableHeaderCell>Unused</TableHeaderCell>
              <TableHeaderCell>Renews</TableHeaderCell>
              <TableHeaderCell>Cost until renewal</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {v.unused.map((u) => (
              <TableRow key={`${u.tenantId}/${u.skuId}`} data-testid={`unused-${u.skuId}`}>
                {all && <TableCell>{u.tenantName}</TableCell>}
                <TableCell>{u.name || u.partNumber}</TableCell>
                <TableCell>{fmtInt(u.purchased)}</TableCell>
                <TableCell>{fmtInt(u.consumed)}</TableCell>
                <TableCell data-testid="unused-count">{fmtInt(u.unused)}</TableCell>
                <TableCell>{u.renewsAt ? `${fmtDate(u.renewsAt)} (${fmtInt(u.daysLeft)} days)` : DASH}</TableCell>
                <TableCell data-testid="unused-cost">{u.priced ? fmtMoney(u.costUntilRenewal, u.currency) : DASH}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  )
}
