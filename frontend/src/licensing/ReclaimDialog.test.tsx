import { describe, expect, it } from 'vitest'
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { ReclaimList } from './ReclaimList'
import { confirmMatches } from './ReclaimDialog'
import { FakeBackend } from '../test/fakeBackend'
import { renderWith } from '../test/render'
import { entry, plan, reclaimView, TID, TNAME } from './test/fixtures'
import { fmtMoney } from '../format'

const allowed = { tenantId: TID, allowed: true, consentedBy: 'admin@msp.example', updatedAt: '2025-06-01T00:00:00Z' }

function fake({ consent = true } = {}) {
  const f = new FakeBackend()
  const st = f.licensing.state
  st.reclaim[TID] = reclaimView()
  st.plans[TID] = plan()
  if (consent) st.licenceChanges[TID] = allowed
  st.applyEntries[TID] = [
    entry({ id: 11 }),
    entry({
      id: 12, userId: 'u-late', userPrincipalName: 'late@contoso.com', result: 'failed', reason: 'user_gone', monthlySaving: 0,
      error: 'the user was deleted meanwhile', remedy: 'Nothing to reclaim: sync the tenant again to drop the user from the list.',
    }),
  ]
  return f
}

async function openDialog(f: FakeBackend) {
  renderWith(f, <ReclaimList tenantId={TID} />)
  fireEvent.click(await screen.findByTestId('reclaim-pick-u-dis'))
  fireEvent.click(screen.getByTestId('reclaim-pick-u-grp'))
  fireEvent.click(screen.getByTestId('reclaim-selected'))
  return screen.findByTestId('reclaim-plan')
}

describe('Reclaim dialog', () => {
  it('runs a dry run of the selected users and shows what cannot be removed and why', async () => {
    const f = fake()
    const table = await openDialog(f)
    expect(f.licensing.calls.dryRun).toEqual([{ tenantId: TID, inactiveDays: 0, users: ['gone@contoso.com', 'grp@contoso.com'] }])
    expect(within(within(table).getByTestId('plan-u-dis-sku-e3')).getByTestId('plan-verdict').textContent).toBe('Will be removed')
    const blocked = within(table).getByTestId('plan-u-grp-sku-e3')
    expect(blocked.textContent).toContain('remove from group Sales licences')
    expect(within(blocked).getByTestId('plan-remedy').textContent).toBe(plan().items[1].remedy)
    expect(screen.getByTestId('plan-monthly').textContent).toBe(fmtMoney(36, 'USD'))
    expect(screen.getByTestId('plan-annual').textContent).toBe(fmtMoney(432, 'USD'))
  })

  it("keeps the confirm button disabled until the tenant's name is typed exactly", async () => {
    const f = fake()
    await openDialog(f)
    const btn = (await screen.findByTestId('apply-button')) as HTMLButtonElement
    const input = screen.getByTestId('confirm-name') as HTMLInputElement
    expect(btn.disabled).toBe(true)
    fireEvent.change(input, { target: { value: 'Contoso' } })
    expect(btn.disabled).toBe(true)
    fireEvent.change(input, { target: { value: 'contoso ltd' } })
    expect(btn.disabled).toBe(true)
    fireEvent.change(input, { target: { value: TNAME } })
    expect(btn.disabled).toBe(false)
    expect(f.licensing.calls.apply).toEqual([])
  })

  it('applies with progress, shows each row with a failed row\'s remedy, and offers a re-sync', async () => {
    const f = fake()
    f.licensing.stepwise = true
    await openDialog(f)
    fireEvent.change(await screen.findByTestId('confirm-name'), { target: { value: TNAME } })
    fireEvent.click(screen.getByTestId('apply-button'))
    const prog = await screen.findByTestId('reclaim-progress')
    await waitFor(() => expect(prog.textContent).toContain('Removed 1 of 2: gone@contoso.com'))
    expect(f.licensing.calls.apply).toEqual([[{ tenantId: TID, inactiveDays: 0, users: ['gone@contoso.com', 'grp@contoso.com'] }, TNAME]])
    act(() => f.licensing.step())
    const failed = await screen.findByTestId('result-u-late-sku-e3')
    expect(within(failed).getByTestId('result-badge').textContent).toBe('Failed')
    expect(within(failed).getByTestId('result-remedy').textContent).toBe('Nothing to reclaim: sync the tenant again to drop the user from the list.')
    expect(screen.getByTestId('reclaim-summary').textContent).toContain('1 removed, 1 failed, 0 not done')
    fireEvent.click(screen.getByTestId('resync-button'))
    await waitFor(() => expect(f.state.synced).toEqual([TID]))
  })

  it('Cancel stops the apply before the next change', async () => {
    const f = fake()
    f.licensing.stepwise = true
    await openDialog(f)
    fireEvent.change(await screen.findByTestId('confirm-name'), { target: { value: TNAME } })
    fireEvent.click(screen.getByTestId('apply-button'))
    await waitFor(() => expect(screen.getByTestId('reclaim-progress').textContent).toContain('Removed 1 of 2'))
    fireEvent.click(screen.getByTestId('cancel-apply'))
    const row = await screen.findByTestId('result-u-late-sku-e3')
    expect(f.licensing.calls.cancel).toBe(1)
    expect(within(row).getByTestId('result-badge').textContent).toBe('Not done')
  })

  it("shows Go's refusal when the apply is refused", async () => {
    const f = fake()
    await openDialog(f)
    fireEvent.change(await screen.findByTestId('confirm-name'), { target: { value: TNAME } })
    f.licensing.state.fail.apply = 'a licence change for this tenant is already running: wait for it to finish'
    fireEvent.click(screen.getByTestId('apply-button'))
    expect((await screen.findByTestId('reclaim-error')).textContent).toContain('already running')
    expect(screen.getByTestId('reclaim-plan')).toBeTruthy()
  })

  it('without write consent offers "Enable licence changes for this tenant" and runs the consent', async () => {
    const f = fake({ consent: false })
    f.licensing.state.plans[TID] = plan({ canApply: false, blocker: 'Enable licence changes for this tenant', remedy: 'Open Allow licence changes… Nothing was sent.' })
    await openDialog(f)
    const bar = await screen.findByTestId('enable-licence-changes')
    expect(bar.textContent).toContain('Enable licence changes for this tenant')
    expect(screen.queryByTestId('confirm-name')).toBeNull()
    expect(screen.queryByTestId('apply-button')).toBeNull()
    f.licensing.state.plans[TID] = plan() // Go's dry run once consented
    fireEvent.click(screen.getByTestId('enable-button'))
    await waitFor(() => expect(f.licensing.calls.setLicenceChanges).toEqual([[TID, true]]))
    expect(await screen.findByTestId('confirm-name')).toBeTruthy()
    expect(f.licensing.calls.dryRun.length).toBe(2)
    expect(screen.queryByTestId('enable-licence-changes')).toBeNull()
  })

  it('compares the confirmation as Go does (surrounding spaces ignored, never empty)', () => {
    expect(confirmMatches('  Contoso Ltd ', 'Contoso Ltd')).toBe(true)
    expect(confirmMatches('Contoso Ltd.', 'Contoso Ltd')).toBe(false)
    expect(confirmMatches('', '')).toBe(false)
  })
})
