import { describe, expect, it } from 'vitest'
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { Tenants } from './Tenants'
import { FakeBackend } from '../test/fakeBackend'
import { renderWith } from '../test/render'
import { contoso, fabrikam, tenant } from '../test/fixtures'
import { fmtPct } from '../format'

async function row(id: string) {
  return within(await screen.findByTestId(`tenant-row-${id}`))
}

describe('Tenants page', () => {
  it('lists tenants with access, role warnings, notes and last sync', async () => {
    renderWith(new FakeBackend({ tenants: [contoso, fabrikam] }), <Tenants />)
    const c = await row(contoso.id)
    expect(c.getByText('Ready')).toBeTruthy()
    expect(c.getByText('Synced')).toBeTruthy()
    expect(c.getByText('Sign-in data needs Entra ID P1')).toBeTruthy()
    const f = await row(fabrikam.id)
    expect(f.getByText('Needs consent')).toBeTruthy()
    expect(f.getByText(fabrikam.accessDetail)).toBeTruthy()
    expect(f.getByText(/Reports Reader missing/)).toBeTruthy()
    expect(f.getByText('Never synced')).toBeTruthy()
    expect(f.getByText('GDAP')).toBeTruthy()
  })

  it('shows MFA coverage, or Unavailable with the reason when Go could not read it', async () => {
    const note = 'MFA data unavailable: the Reports Reader role is missing. Fix: grant it in GDAP.'
    const blind = tenant({ id: 't-blind', hasSnapshot: true, mfaAvailable: false, mfaCoveragePct: 0, notes: [note] })
    renderWith(new FakeBackend({ tenants: [contoso, blind, fabrikam] }), <Tenants />)
    const c = await row(contoso.id)
    expect(c.getByTestId('tenant-mfa').textContent).toBe(`MFA coverage: ${fmtPct(81.25)}`)
    const b = await row('t-blind')
    expect(b.getByTestId('tenant-mfa').textContent).toBe('MFA coverage: Unavailable')
    expect(b.queryByText(new RegExp(fmtPct(0)))).toBeNull()
    fireEvent.pointerEnter(b.getByTestId('mfa-unavailable'))
    fireEvent.focus(b.getByTestId('mfa-unavailable'))
    expect((await screen.findByRole('tooltip')).textContent).toBe(note)
    // Never synced: no MFA line at all.
    expect((await row(fabrikam.id)).queryByTestId('tenant-mfa')).toBeNull()
  })

  it('shows an empty state without tenants and an error when listing fails', async () => {
    const { unmount } = renderWith(new FakeBackend(), <Tenants />)
    expect(await screen.findByText('No tenants connected')).toBeTruthy()
    unmount()
    renderWith(new FakeBackend({ fail: { list: 'TenantLens is still starting' } }), <Tenants />)
    expect((await screen.findByTestId('error-state')).textContent).toContain('TenantLens is still starting')
  })

  it('disables Sync now during the cooldown and says when to try again', async () => {
    renderWith(new FakeBackend({ tenants: [tenant({ id: 't1', cooldownS: 25 })] }), <Tenants />)
    const btn = (await row('t1')).getByTestId('sync-now') as HTMLButtonElement
    expect(btn.textContent).toMatch(/^Try again in 25 s$/)
    expect(btn.disabled).toBe(true)
  })

  it('starts a sync, and shows the error text when Go refuses', async () => {
    const fake = new FakeBackend({ tenants: [tenant({ id: 't1' })] })
    renderWith(fake, <Tenants />)
    fireEvent.click((await row('t1')).getByTestId('sync-now'))
    await waitFor(() => expect(fake.state.synced).toEqual(['t1']))
    fake.state.fail.syncNow = 'a sync is already running'
    fireEvent.click((await row('t1')).getByTestId('sync-now'))
    expect((await screen.findByTestId('row-error')).textContent).toBe('a sync is already running')
  })

  it('drives a progress bar with the phase from sync:progress and clears it on sync:finished', async () => {
    const fake = new FakeBackend({ tenants: [tenant({ id: 't1' })] })
    renderWith(fake, <Tenants />)
    await row('t1')
    act(() => fake.progress.fire({ tenantId: 't1', phase: 'Reading users', done: 2, total: 5 }))
    const bar = await screen.findByTestId('sync-progress')
    expect(bar.textContent).toContain('Reading users (2 of 5)')
    expect(within(bar).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('0.4')
    expect(screen.getByTestId('cancel-sync')).toBeTruthy()
    act(() => fake.finished.fire({ tenantId: 't1', status: 'succeeded', error: '' }))
    await waitFor(() => expect(screen.queryByTestId('sync-progress')).toBeNull())
  })

  it('reports how many syncs Sync all started', async () => {
    renderWith(new FakeBackend({ tenants: [contoso, fabrikam] }), <Tenants />)
    fireEvent.click(await screen.findByTestId('sync-all'))
    expect((await screen.findByTestId('tenants-banner')).textContent).toBe('Started 1 sync.')
  })

  it('confirms a disconnect, saying exactly what is removed', async () => {
    const fake = new FakeBackend({ tenants: [contoso, fabrikam] })
    renderWith(fake, <Tenants />)
    fireEvent.click((await row(contoso.id)).getByTestId('disconnect'))
    const what = await screen.findByTestId('disconnect-what')
    expect(what.textContent).toBe('This removes the tokens, synced data, mappings and logs of Contoso Ltd.')
    expect(fake.state.disconnected).toEqual([])
    fireEvent.click(screen.getByTestId('disconnect-confirm'))
    await waitFor(() => expect(fake.state.disconnected).toEqual([contoso.id]))
    await waitFor(() => expect(screen.queryByTestId(`tenant-row-${contoso.id}`)).toBeNull())
  })

  it('opens the log viewer: runs, then a run log', async () => {
    const fake = new FakeBackend({
      tenants: [contoso],
      runs: { [contoso.id]: [{ id: 7, startedAt: '2026-03-04T10:00:00Z', finishedAt: '2026-03-04T10:01:00Z', status: 'failed', error: 'Graph throttled', trigger: 'manual' }] },
      logs: { 7: [{ at: '2026-03-04T10:00:01Z', level: 'info', message: 'fetching users' }, { at: '2026-03-04T10:00:59Z', level: 'error', message: 'gave up after retries' }] },
    })
    renderWith(fake, <Tenants />)
    fireEvent.click((await row(contoso.id)).getByTestId('view-log'))
    const runs = await screen.findByTestId('runs-table')
    expect(within(runs).getByText('Graph throttled')).toBeTruthy()
    fireEvent.click(within(runs).getByRole('button', { name: 'View log' }))
    const log = await screen.findByTestId('run-log')
    expect(log.textContent).toContain('fetching users')
    expect(log.textContent).toContain('gave up after retries')
  })

  it("puts the tenant's 'Allow licence changes' on its row, off until Go says otherwise", async () => {
    const fake = new FakeBackend({ tenants: [tenant({ id: 't1' }), tenant({ id: 't2' })] })
    fake.licensing.state.licenceChanges.t2 = { tenantId: 't2', allowed: true, consentedBy: 'admin@msp.example', updatedAt: '' }
    renderWith(fake, <Tenants />)
    const one = (await row('t1')).getByRole('switch') as HTMLInputElement
    const two = (await row('t2')).getByRole('switch') as HTMLInputElement
    await waitFor(() => expect(two.checked).toBe(true))
    expect(one.checked).toBe(false)
  })
})
