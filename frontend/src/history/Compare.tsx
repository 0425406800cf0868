// Compare two stored snapshots of a tenant or a client: pick two of the
// dates Go lists, see who was added and removed, licences gained and lost
// (with cost), MFA newly registered or lost, accounts disabled and
// re-enabled — Go's comparison, drawn. Export: the "What changed" part.
import { useEffect, useMemo, useState } from 'react'
import {
  Button,
  Caption1,
  Card,
  Field,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title2,
  Title3,
  tokens,
} from '@fluentui/react-components'
import { ArrowDownload20Regular, ArrowLeft20Regular } from '@fluentui/react-icons'
import { errorText, useBackend } from '../api'
import type { Comparison, LicenceChange, MFAChange, StoredSnapshot, UserChange } from '../api/history'
import { useLoad } from '../hooks/useLoad'
import { ErrorState, Loading } from '../components/States'
import { Kpi, KpiRow } from '../components/Kpi'
import { fmtDateTime, fmtDateTimeSeconds, fmtInt, fmtMoney, MIXED } from '../format'
import { dashboardHash, openHash, type Scope } from './route'
import { simulateDemoChanges, type DemoStep } from './demoChanges'

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  pick: { display: 'flex', gap: tokens.spacingHorizontalL, alignItems: 'flex-end', flexWrap: 'wrap' },
  sections: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(460px, 1fr))', gap: tokens.spacingHorizontalL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  scroll: { maxHeight: '320px', overflowY: 'auto' },
  // A long UPN wraps inside its cell instead of running into the next one.
  wrap: { overflowWrap: 'anywhere' },
})

const money = (v: number, cur: string) => (cur && cur !== MIXED ? fmtMoney(v, cur) : '—')
const who = (u: { displayName: string; userPrincipalName: string }) => u.displayName || u.userPrincipalName

/** One choice per snapshot moment (a client's tenants may share one), Go's order kept. */
export function uniqueDates(snaps: StoredSnapshot[]): StoredSnapshot[] {
  const seen = new Set<string>()
  return snaps.filter((s) => !seen.has(s.date) && (seen.add(s.date), true))
}

/** Dates as listed: with seconds when two of them would read the same to the minute. */
export function dateLabeller(dates: string[]): (iso: string) => string {
  const minutes = dates.map((d) => fmtDateTime(d))
  return new Set(minutes).size < minutes.length ? fmtDateTimeSeconds : fmtDateTime
}

/** The two default dates: the oldest and the newest stored snapshot (Go lists newest first). */
export function defaultPair(snaps: StoredSnapshot[]): [string, string] {
  if (snaps.length < 2) return ['', '']
  return [snaps[snaps.length - 1].date, snaps[0].date]
}

/** The user's name with the UPN below it, wrapped inside the cell. */
function UserCell({ u }: { u: { displayName: string; userPrincipalName: string } }) {
  const s = useStyles()
  return (
    <TableCell className={s.wrap}>
      <Text>{who(u)}</Text>
      <br />
      <Caption1>{u.userPrincipalName}</Caption1>
    </TableCell>
  )
}

function UsersTable({ id, rows, multi }: { id: string; rows: UserChange[]; multi: boolean }) {
  return (
    <Table size="small" aria-label={id} data-testid={`compare-${id}-table`}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>User</TableHeaderCell>
          {multi && <TableHeaderCell>Tenant</TableHeaderCell>}
          <TableHeaderCell>Licences</TableHeaderCell>
          <TableHeaderCell>Monthly cost</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((u) => (
          <TableRow key={`${u.tenantId}:${u.userId}`} data-testid={`compare-${id}-row`} data-upn={u.userPrincipalName} data-user={u.userId}>
            <UserCell u={u} />
            {multi && <TableCell>{u.tenantName}</TableCell>}
            <TableCell>{u.licenses.join(', ') || '—'}</TableCell>
            <TableCell data-value={u.monthlyCost}>{money(u.monthlyCost, u.currency)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}

function LicencesTable({ id, rows, multi }: { id: string; rows: LicenceChange[]; multi: boolean }) {
  return (
    <Table size="small" aria-label={id} data-testid={`compare-${id}-table`}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>User</TableHeaderCell>
          {multi && <TableHeaderCell>Tenant</TableHeaderCell>}
          <TableHeaderCell>Licence</TableHeaderCell>
          <TableHeaderCell>Monthly cost</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((l) => (
          <TableRow key={`${l.tenantId}:${l.userId}:${l.skuId}`} data-testid={`compare-${id}-row`} data-upn={l.userPrincipalName} data-user={l.userId} data-sku={l.skuId}>
            <UserCell u={l} />
            {multi && <TableCell>{l.tenantName}</TableCell>}
            <TableCell>{l.name || l.partNumber || l.skuId}</TableCell>
            <TableCell data-value={l.monthlyCost}>{money(l.monthlyCost, l.currency)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}

function MFATable({ id, rows, multi }: { id: string; rows: MFAChange[]; multi: boolean }) {
  return (
    <Table size="small" aria-label={id} data-testid={`compare-${id}-table`}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>User</TableHeaderCell>
          {multi && <TableHeaderCell>Tenant</TableHeaderCell>}
          <TableHeaderCell>Was</TableHeaderCell>
          <TableHeaderCell>Now</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((m) => (
          <TableRow key={`${m.tenantId}:${m.userId}`} data-testid={`compare-${id}-row`} data-upn={m.userPrincipalName} data-user={m.userId}>
            <UserCell u={m} />
            {multi && <TableCell>{m.tenantName}</TableCell>}
            <TableCell>{m.from || '—'}</TableCell>
            <TableCell>{m.to || '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}

function Section({ id, title, count, extra, children }: { id: string; title: string; count: number; extra?: string; children: React.ReactNode }) {
  const s = useStyles()
  return (
    <Card className={s.section} data-testid={`compare-${id}`} data-count={count}>
      <Title3>
        {title} ({fmtInt(count)})
      </Title3>
      {extra && <Caption1>{extra}</Caption1>}
      {count === 0 ? <Text data-testid={`compare-${id}-none`}>None.</Text> : <div className={s.scroll}>{children}</div>}
    </Card>
  )
}

export function ComparisonView({ c }: { c: Comparison }) {
  const s = useStyles()
  const t = c.totals
  // A tenant column only when the client has more than one tenant.
  const multi = c.scope === 'client' && c.sides.length > 1
  // Go's money for each count (review.CompareTotals parts); none when unpriced or mixed.
  const perMonth = (sign: string, v: number) => (t.currency && t.currency !== MIXED ? `${sign}${money(v, t.currency)} a month` : undefined)
  const label = dateLabeller(c.sides.flatMap((x) => [x.fromDate, x.toDate]).filter(Boolean))
  return (
    <div className={s.page} data-testid="compare-result">
      <KpiRow>
        <Kpi id="cmp-added" label="Users added" value={fmtInt(t.usersAdded)} raw={t.usersAdded} hint={perMonth('+', t.costAdded)} />
        <Kpi id="cmp-removed" label="Users removed" value={fmtInt(t.usersRemoved)} raw={t.usersRemoved} hint={perMonth('−', t.costRemoved)} />
        <Kpi id="cmp-gained" label="Licences gained" value={fmtInt(t.licencesGained)} raw={t.licencesGained} hint={perMonth('+', t.costLicencesGained)} />
        <Kpi id="cmp-lost" label="Licences lost" value={fmtInt(t.licencesLost)} raw={t.licencesLost} hint={perMonth('−', t.costLicencesLost)} />
        <Kpi id="cmp-cost" label="Monthly cost change" value={money(t.costChange, t.currency)} raw={t.costChange} danger={t.costChange > 0} />
        <Kpi id="cmp-mfa-registered" label="MFA newly registered" value={fmtInt(t.mfaRegistered)} raw={t.mfaRegistered} />
        <Kpi id="cmp-mfa-lost" label="MFA lost" value={fmtInt(t.mfaLost)} raw={t.mfaLost} danger={t.mfaLost > 0} />
        <Kpi id="cmp-disabled" label="Accounts disabled" value={fmtInt(t.disabled)} raw={t.disabled} />
      </KpiRow>
      {c.notes.length > 0 && <Caption1 data-testid="compare-notes">{c.notes.join(' · ')}</Caption1>}
      {c.scope === 'client' && c.sides.length > 0 && (
        <Caption1 data-testid="compare-sides">
          {c.sides.map((x) => `${x.tenantName}: ${x.fromDate ? label(x.fromDate) : 'not synced yet'} → ${x.toDate ? label(x.toDate) : 'not synced yet'}`).join(' · ')}
        </Caption1>
      )}
      <div className={s.sections}>
        <Section id="added" title="Users added" count={c.added.length} extra={perMonth('+', t.costAdded)}>
          <UsersTable id="added" rows={c.added} multi={multi} />
        </Section>
        <Section id="removed" title="Users removed" count={c.removed.length} extra={perMonth('−', t.costRemoved)}>
          <UsersTable id="removed" rows={c.removed} multi={multi} />
        </Section>
        <Section id="gained" title="Licences gained" count={c.licencesGained.length} extra={perMonth('+', t.costLicencesGained)}>
          <LicencesTable id="gained" rows={c.licencesGained} multi={multi} />
        </Section>
        <Section id="lost" title="Licences lost" count={c.licencesLost.length} extra={perMonth('−', t.costLicencesLost)}>
          <LicencesTable id="lost" rows={c.licencesLost} multi={multi} />
        </Section>
        <Section id="mfa-registered" title="MFA newly registered" count={c.mfaRegistered.length}>
          <MFATable id="mfa-registered" rows={c.mfaRegistered} multi={multi} />
        </Section>
        <Section id="mfa-lost" title="MFA lost" count={c.mfaLost.length}>
          <MFATable id="mfa-lost" rows={c.mfaLost} multi={multi} />
        </Section>
        <Section id="disabled" title="Accounts disabled" count={c.disabled.length}>
          <UsersTable id="disabled" rows={c.disabled} multi={multi} />
        </Section>
        <Section id="reenabled" title="Accounts re-enabled" count={c.reenabled.length}>
          <UsersTable id="reenabled" rows={c.reenabled} multi={multi} />
        </Section>
      </div>
    </div>
  )
}

/** The compare page for a tenant or client (route #/compare/<kind>/<id>). */
export function Compare({ scope }: { scope: Scope }) {
  const s = useStyles()
  const b = useBackend()
  const key = `${scope.kind}:${scope.id}`
  const snaps = useLoad(() => b.history.choices(scope), key)
  const canExport = useLoad(() => b.history.canExportChanges(), 'can-export-changes')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [cmp, setCmp] = useState<{ data: Comparison | null; error: string; busy: boolean }>({ data: null, error: '', busy: false })
  const [exported, setExported] = useState<{ intent: 'success' | 'error'; text: string } | null>(null)
  const list = useMemo(() => uniqueDates(snaps.data?.snapshots ?? []), [snaps.data])
  const info = useLoad(() => b.app.info(), 'app-info')
  const [demo, setDemo] = useState<{ step: DemoStep | ''; waitS: number; error: string }>({ step: '', waitS: 0, error: '' })

  // The demo only: change the demo directory and sync again, so there is a second snapshot.
  const simulate = async () => {
    const tenantId = list[0]?.tenantId ?? (scope.kind === 'tenant' ? scope.id : '')
    setDemo({ step: 'changing', waitS: 0, error: '' })
    try {
      await simulateDemoChanges(b, tenantId, (step, waitS) => setDemo({ step, waitS: waitS ?? 0, error: '' }))
      setDemo({ step: '', waitS: 0, error: '' })
      snaps.reload()
    } catch (e) {
      setDemo({ step: '', waitS: 0, error: errorText(e) })
    }
  }
  const demoStepText: Record<DemoStep, string> = {
    changing: 'Changing the demo directory…',
    waiting: `Waiting ${demo.waitS} s for the sync cooldown…`,
    syncing: 'Syncing the changed tenant…',
  }

  useEffect(() => {
    const [f, t] = defaultPair(list)
    setFrom(f)
    setTo(t)
  }, [list])

  useEffect(() => {
    if (!from || !to) return
    let live = true
    setCmp((c) => ({ ...c, busy: true, error: '' }))
    b.history
      .compare(scope, from, to)
      .then((d) => live && setCmp({ data: d, error: '', busy: false }))
      .catch((e) => live && setCmp({ data: null, error: errorText(e), busy: false }))
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [b, key, from, to])

  const exportIt = async () => {
    setExported(null)
    try {
      const o = await b.history.exportChanges(scope, from, to, '')
      if (!o.cancelled) setExported({ intent: 'success', text: `Saved ${o.files.join(', ')}` })
    } catch (e) {
      setExported({ intent: 'error', text: errorText(e) })
    }
  }

  const dateText = dateLabeller(list.map((sn) => sn.date))
  const option = (sn: StoredSnapshot) => (
    <option key={sn.date} value={sn.date}>
      {dateText(sn.date)}
      {sn.current ? ' (current)' : sn.kept ? ` (${sn.kept})` : ''}
    </option>
  )

  return (
    <div className={s.page} data-testid="page-compare">
      <div className={s.head}>
        <Button appearance="subtle" icon={<ArrowLeft20Regular />} onClick={() => openHash(dashboardHash(scope))} data-testid="compare-back">
          Dashboard
        </Button>
        <Title2 style={{ flexGrow: 1 }} data-testid="compare-title">
          What changed{cmp.data?.name ? ` · ${cmp.data.name}` : ''}
        </Title2>
        {canExport.data && (
          <Button icon={<ArrowDownload20Regular />} disabled={!cmp.data} onClick={exportIt} data-testid="compare-export">
            Export “What changed”
          </Button>
        )}
      </div>
      {snaps.error && <ErrorState error={snaps.error} onRetry={snaps.reload} />}
      {!snaps.data && !snaps.error && <Loading />}
      {snaps.data && list.length < 2 && (
        <MessageBar intent="info" data-testid="compare-too-few">
          <MessageBarBody>
            {list.length === 0 ? 'No snapshot is stored yet' : 'Only one snapshot is stored so far'}: a compare needs two. Each sync keeps one; sync again later
            (Tenants › Sync now) to compare.
            {info.data?.demo && list.length === 1 && ' In the demo, let some weeks pass: hires, leavers, licence and MFA changes, then a sync.'}
          </MessageBarBody>
          {info.data?.demo && list.length === 1 && (
            <MessageBarActions>
              {demo.step ? (
                <Spinner size="tiny" label={demoStepText[demo.step]} data-testid="compare-demo-busy" />
              ) : (
                <Button onClick={simulate} data-testid="compare-demo-simulate">
                  Simulate changes
                </Button>
              )}
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      {demo.error && (
        <MessageBar intent="error" data-testid="compare-demo-error">
          <MessageBarBody>{demo.error}</MessageBarBody>
        </MessageBar>
      )}
      {list.length >= 2 && (
        <div className={s.pick}>
          <Field label="From">
            <Select value={from} onChange={(_, d) => setFrom(d.value)} data-testid="compare-from">
              {list.map(option)}
            </Select>
          </Field>
          <Field label="To">
            <Select value={to} onChange={(_, d) => setTo(d.value)} data-testid="compare-to">
              {list.map(option)}
            </Select>
          </Field>
          <Caption1>{fmtInt(list.length)} stored snapshots</Caption1>
        </div>
      )}
      {exported && (
        <MessageBar intent={exported.intent} data-testid="compare-export-result">
          <MessageBarBody style={{ wordBreak: 'break-all' }}>{exported.text}</MessageBarBody>
        </MessageBar>
      )}
      {cmp.error && (
        <MessageBar intent="error" data-testid="compare-error">
          <MessageBarBody>{cmp.error}</MessageBarBody>
        </MessageBar>
      )}
      {cmp.busy && !cmp.data && <Loading />}
      {cmp.data && <ComparisonView c={cmp.data} />}
    </div>
  )
}
