// The renewal calendar in brief, for a dashboard: Go's counts within 30/90/365
// days, trials, what needs attention and the unused seats' cost until renewal,
// plus the next few dates. The Licenses page has the whole calendar.
import { Badge, Caption1, makeStyles, Text, Title3, tokens } from '@fluentui/react-components'
import { useBackend } from '../api'
import { useLoad } from '../hooks/useLoad'
import { ErrorState, Loading } from '../components/States'
import { Kpi, KpiRow } from '../components/Kpi'
import { DASH, fmtDate, fmtInt, fmtMoney } from '../format'
import { WINDOWS, windowCount } from './RenewalCalendar'

const useStyles = makeStyles({
  col: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: '1.2em' },
})

/** How many upcoming dates the summary lists. */
export const NEXT = 3

export function RenewalSummary({ tenantId, title = 'Renewals' }: { tenantId: string; title?: string }) {
  const s = useStyles()
  const b = useBackend()
  const view = useLoad(() => b.licensing.renewals(tenantId), `renewals:${tenantId}`)
  const v = view.data
  if (view.error) return <ErrorState error={view.error} onRetry={view.reload} />
  if (!v) return <Loading label="Loading renewals…" />
  return (
    <div className={s.col} data-testid={`renewal-summary-${tenantId}`}>
      <Title3>{title}</Title3>
      {!v.available ? (
        <Text data-testid="renewal-summary-none">{v.notes[0] ?? 'No subscription data yet: sync the tenant.'}</Text>
      ) : (
        <>
          <KpiRow>
            {WINDOWS.map((w) => (
              <Kpi key={w} id={`sum-renew-${w}`} label={`Within ${w} days`} value={fmtInt(windowCount(v, w))} raw={windowCount(v, w)} />
            ))}
            <Kpi id="sum-trials" label="Trials" value={fmtInt(v.trials.length)} danger={v.trials.length > 0} />
            <Kpi
              id="sum-unused-until-renewal"
              label="Unused seats until renewal"
              value={v.currency ? fmtMoney(v.unusedCostTotal, v.currency) : DASH}
              raw={v.unusedCostTotal}
            />
          </KpiRow>
          {v.attention.length > 0 && (
            <Text data-testid="renewal-summary-attention">
              <Badge appearance="filled" color="danger">
                {fmtInt(v.attention.length)}
              </Badge>{' '}
              need attention: {v.attention.map((r) => `${r.name || r.partNumber} (${r.status})`).join(', ')}
            </Text>
          )}
          {v.events.length > 0 && (
            <ul className={s.list} data-testid="renewal-summary-next">
              {v.events
                .filter((e) => e.date)
                .slice(0, NEXT)
                .map((e) => (
                  <li key={`${e.tenantId}/${e.subscriptionId}`}>
                    {fmtDate(e.date)} — {e.name || e.partNumber} <Caption1>({fmtInt(e.totalLicenses)} licences{e.isTrial ? ', trial' : ''})</Caption1>
                  </li>
                ))}
            </ul>
          )}
        </>
      )}
    </div>
  )
}
