// The Reclaim dialog: dry run (what would be removed from whom, the saving,
// what cannot be removed and why) → type the tenant's name → apply with
// progress and Cancel (reclaim:progress) → per-row results → re-sync.
// Go decides what is removable, what it saves and whether it may be applied.
import { useEffect, useState } from 'react'
import {
  Badge,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components'
import { errorText, useBackend } from '../api'
import type { AuditEntry, LicenceChanges, ReclaimPlan, ReclaimProgress, ReclaimRequest, ReclaimResult } from '../api/licensingTypes'
import { fmtInt, fmtMoney } from '../format'
import { resultBadge } from './results'

const useStyles = makeStyles({
  col: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  blocked: { color: tokens.colorPaletteDarkOrangeForeground1 },
  scroll: { maxHeight: '320px', overflowY: 'auto' },
})

type Step = 'plan' | 'applying' | 'done'

/** Whether the typed confirmation is the tenant's name (Go checks it again). */
export function confirmMatches(typed: string, tenantName: string): boolean {
  return tenantName.trim() !== '' && typed.trim() === tenantName.trim()
}

function PlanTable({ plan }: { plan: ReclaimPlan }) {
  const s = useStyles()
  return (
    <div className={s.scroll}>
      <Table size="small" aria-label="Dry run" data-testid="reclaim-plan">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>User</TableHeaderCell>
            <TableHeaderCell>Licence</TableHeaderCell>
            <TableHeaderCell>Why</TableHeaderCell>
            <TableHeaderCell style={{ width: '38%' }}>Result of the dry run</TableHeaderCell>
            <TableHeaderCell>Monthly saving</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {plan.items.map((it) => (
            <TableRow key={`${it.userId}/${it.skuId}`} data-testid={`plan-${it.userId}-${it.skuId}`}>
              <TableCell>
                <Text weight="semibold">{it.displayName || it.userPrincipalName}</Text>
                <br />
                <Caption1>{it.userPrincipalName}</Caption1>
              </TableCell>
              <TableCell>{it.skuName}</TableCell>
              <TableCell>
                {it.reason}
                {it.detail && <Caption1> — {it.detail}</Caption1>}
              </TableCell>
              <TableCell data-testid="plan-verdict">
                {it.removable ? (
                  <Badge color="success" appearance="outline">Will be removed</Badge>
                ) : (
                  <span className={s.blocked}>
                    <Text weight="semibold">Cannot be removed: </Text>
                    {it.blocker}
                    {it.remedy && (
                      <>
                        <br />
                        <Caption1 data-testid="plan-remedy">{it.remedy}</Caption1>
                      </>
                    )}
                  </span>
                )}
              </TableCell>
              <TableCell>{it.removable ? fmtMoney(it.monthlySaving, plan.currency) : '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  )
}

function EntriesTable({ entries, currency }: { entries: AuditEntry[]; currency: string }) {
  const s = useStyles()
  return (
    <div className={s.scroll}>
      <Table size="small" aria-label="Results" data-testid="reclaim-results">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>User</TableHeaderCell>
            <TableHeaderCell>Licence</TableHeaderCell>
            <TableHeaderCell>Result</TableHeaderCell>
            <TableHeaderCell style={{ width: '40%' }}>Error and what to do</TableHeaderCell>
            <TableHeaderCell>Monthly saving</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {entries.map((e) => (
            <TableRow key={e.id} data-testid={`result-${e.userId}-${e.skuId}`}>
              <TableCell>{e.userPrincipalName}</TableCell>
              <TableCell>{e.skuName}</TableCell>
              <TableCell>{resultBadge(e.result)}</TableCell>
              <TableCell>
                {e.error && <Text className={s.blocked}>{e.error}</Text>}
                {e.remedy && (
                  <>
                    <br />
                    <Caption1 data-testid="result-remedy">{e.remedy}</Caption1>
                  </>
                )}
              </TableCell>
              <TableCell>{e.result === 'done' ? fmtMoney(e.monthlySaving, e.currency || currency) : '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  )
}

export function ReclaimDialog({
  request,
  onClose,
}: {
  /** null: closed. */
  request: ReclaimRequest | null
  /** changed: something was removed (the caller reloads its lists). */
  onClose: (changed: boolean) => void
}) {
  const s = useStyles()
  const b = useBackend()
  const [plan, setPlan] = useState<ReclaimPlan | null>(null)
  const [lc, setLc] = useState<LicenceChanges | null>(null)
  const [err, setErr] = useState('')
  const [typed, setTyped] = useState('')
  const [step, setStep] = useState<Step>('plan')
  const [progress, setProgress] = useState<ReclaimProgress[]>([])
  const [result, setResult] = useState<ReclaimResult | null>(null)
  const [consenting, setConsenting] = useState(false)
  const [syncMsg, setSyncMsg] = useState('')
  const [tick, setTick] = useState(0)

  const tenantId = request?.tenantId ?? ''
  useEffect(() => {
    if (!request) return
    let live = true
    setPlan(null)
    setErr('')
    Promise.all([b.licensing.dryRun(request), b.licensing.licenceChanges(request.tenantId)])
      .then(([p, l]) => {
        if (!live) return
        setPlan(p)
        setLc(l)
      })
      .catch((e) => live && setErr(errorText(e)))
    return () => {
      live = false
    }
  }, [request, tick, b])

  // Listen while the dialog is open, so no event of a fast apply is missed.
  useEffect(() => {
    if (!tenantId) return
    return b.licensing.onReclaimProgress((p) => {
      if (p.tenantId === tenantId) setProgress((x) => [...x, p])
    })
  }, [tenantId, b])

  const reset = () => {
    setPlan(null)
    setLc(null)
    setErr('')
    setTyped('')
    setStep('plan')
    setProgress([])
    setResult(null)
    setSyncMsg('')
  }
  const close = () => {
    const changed = !!result && result.removed > 0
    reset()
    onClose(changed)
  }

  const enable = async () => {
    setConsenting(true)
    setErr('')
    try {
      setLc(await b.licensing.setLicenceChanges(tenantId, true))
      setTick((t) => t + 1) // the dry run again: Go now says whether it can be applied
    } catch (e) {
      setErr(errorText(e))
    } finally {
      setConsenting(false)
    }
  }

  const apply = async () => {
    if (!request || !plan) return
    setErr('')
    setProgress([])
    setStep('applying')
    try {
      setResult(await b.licensing.apply(request, typed))
      setStep('done')
    } catch (e) {
      setErr(errorText(e))
      setStep('plan')
    }
  }

  const resync = async () => {
    try {
      await b.tenants.syncNow(tenantId)
      setSyncMsg('Sync started: the lists refresh when it finishes.')
    } catch (e) {
      setSyncMsg(errorText(e))
    }
  }

  const last = progress[progress.length - 1]
  const allowed = !!lc?.allowed
  const canConfirm = !!plan && plan.canApply && allowed && confirmMatches(typed, plan.tenantName)

  return (
    <Dialog open={!!request} onOpenChange={(_, d) => !d.open && step !== 'applying' && close()}>
      <DialogSurface style={{ maxWidth: 980 }} data-testid="reclaim-dialog">
        <DialogBody>
          <DialogTitle>Reclaim licences{plan ? ` — ${plan.tenantName}` : ''}</DialogTitle>
          <DialogContent className={s.col}>
            {err && (
              <MessageBar intent="error" data-testid="reclaim-error">
                <MessageBarBody>{err}</MessageBarBody>
              </MessageBar>
            )}
            {step === 'plan' && !plan && !err && <Spinner label="Checking each licence with Microsoft (dry run; nothing changes)…" data-testid="dry-run-loading" />}
            {step === 'plan' && plan && (
              <>
                <Text data-testid="plan-summary">
                  Dry run: {fmtInt(plan.removable)} licences from {fmtInt(plan.users)} users would be removed, saving{' '}
                  <Text weight="semibold" data-testid="plan-monthly">{fmtMoney(plan.monthlySaving, plan.currency)}</Text> a month (
                  <span data-testid="plan-annual">{fmtMoney(plan.annualSaving, plan.currency)}</span> a year). Nothing has changed yet.
                </Text>
                <PlanTable plan={plan} />
                {lc && !allowed && (
                  <MessageBar intent="warning" layout="multiline" data-testid="enable-licence-changes">
                    <MessageBarBody>
                      <MessageBarTitle>Enable licence changes for this tenant</MessageBarTitle>
                      {plan.remedy || 'TenantLens asks Microsoft for the licence-assignment permission first.'}
                    </MessageBarBody>
                    <MessageBarActions>
                      {consenting ? (
                        <>
                          <Spinner size="tiny" label="Waiting for the sign-in in your browser…" />
                          <Button onClick={() => void b.licensing.cancel()}>Cancel</Button>
                        </>
                      ) : (
                        <Button appearance="primary" onClick={enable} data-testid="enable-button">
                          Enable licence changes for this tenant
                        </Button>
                      )}
                    </MessageBarActions>
                  </MessageBar>
                )}
                {allowed && !plan.canApply && (
                  <MessageBar intent="info" data-testid="plan-blocker">
                    <MessageBarBody>
                      <MessageBarTitle>{plan.blocker}</MessageBarTitle>
                      {plan.remedy}
                    </MessageBarBody>
                  </MessageBar>
                )}
                {allowed && plan.canApply && (
                  <Field label={`Type the tenant's name (${plan.tenantName}) to remove these licences`}>
                    <Input value={typed} onChange={(_, d) => setTyped(d.value)} data-testid="confirm-name" />
                  </Field>
                )}
              </>
            )}
            {step === 'applying' && (
              <div data-testid="reclaim-progress">
                <Caption1>
                  {last ? `Removed ${fmtInt(last.done)} of ${fmtInt(last.total)}: ${last.entry.userPrincipalName} — ${last.entry.skuName}` : 'Starting…'}
                </Caption1>
                <ProgressBar value={last && last.total > 0 ? last.done / last.total : undefined} thickness="large" aria-label="Reclaim progress" />
              </div>
            )}
            {step === 'done' && result && (
              <>
                <MessageBar intent={result.failed + result.notDone > 0 ? 'warning' : 'success'} data-testid="reclaim-summary">
                  <MessageBarBody>
                    {fmtInt(result.removed)} removed, {fmtInt(result.failed)} failed, {fmtInt(result.notDone)} not done. Saving{' '}
                    {fmtMoney(result.monthlySaving, result.plan.currency)} a month ({fmtMoney(result.annualSaving, result.plan.currency)} a year).
                    {result.resync && ` Re-sync: ${result.resync}.`}
                    {result.resyncError && ` ${result.resyncError}`}
                  </MessageBarBody>
                </MessageBar>
                <EntriesTable entries={result.entries} currency={result.plan.currency} />
                {syncMsg && <Caption1 data-testid="resync-message">{syncMsg}</Caption1>}
              </>
            )}
          </DialogContent>
          <DialogActions>
            {step === 'plan' && (
              <>
                <Button onClick={close}>Close</Button>
                {plan && allowed && plan.canApply && (
                  <Button appearance="primary" disabled={!canConfirm} onClick={apply} data-testid="apply-button">
                    Remove {fmtInt(plan.removable)} licences
                  </Button>
                )}
              </>
            )}
            {step === 'applying' && (
              <Button onClick={() => void b.licensing.cancel().catch((e) => setErr(errorText(e)))} data-testid="cancel-apply">
                Cancel
              </Button>
            )}
            {step === 'done' && (
              <>
                <Button onClick={resync} data-testid="resync-button">
                  Sync the tenant again
                </Button>
                <Button appearance="primary" onClick={close} data-testid="close-refresh">
                  Close and refresh
                </Button>
              </>
            )}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  )
}
