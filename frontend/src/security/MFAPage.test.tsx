// The MFA page's issue-15 parts: enforcement columns beside MFA Status, the
// combined-state chart from Go's counts and the picked tenant's posture card;
// the Overview's Secure Score per tenant.
import { beforeEach, describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import * as echarts from 'echarts/core'
import { MFA } from '../pages/MFA'
import { Overview } from '../pages/Overview'
import { FakeBackend } from '../test/fakeBackend'
import { renderWith } from '../test/render'
import { contoso, mfaView, overview, user } from '../test/fixtures'
import { PICK_KEY } from '../tenantPick'
import { fmtPct } from '../format'
import { posture, score } from './test/fixtures'

const view = {
  ...mfaView,
  rows: [
    user({ id: 'a', displayName: 'Adele Admin', mfaStatus: 'Disabled', isAdmin: true, mfaEnforcement: 'conditionalAccess',
      mfaEnforcementDetail: 'Require MFA for all users', mfaCombined: 'requiredNotRegistered' }),
    user({ id: 'b', displayName: 'Bob Exchange', mfaStatus: 'Enabled', mfaEnforcement: 'conditionalAccess', mfaEnforcementPartial: true,
      mfaEnforcementDetail: 'MFA for Exchange only (partial: applications: Office 365 Exchange Online)', mfaCombined: 'protected' }),
    user({ id: 'c', displayName: 'Carol Guest', mfaStatus: 'Disabled', mfaEnforcement: 'none',
      mfaEnforcementDetail: 'Pilot: MFA for guests: would require MFA (report-only)', mfaCombined: 'atRisk' }),
    user({ id: 'd', displayName: 'Dan Defaults', mfaStatus: 'Enabled', mfaEnforcement: 'securityDefaults', mfaEnforcementDetail: 'Security defaults', mfaCombined: 'protected' }),
    user({ id: 'e', displayName: 'Erin PerUser', mfaStatus: 'Enabled', mfaEnforcement: 'perUser', mfaEnforcementDetail: 'Per-user MFA enforced', mfaCombined: 'protected' }),
    user({ id: 'f', displayName: 'Fay Unknown', mfaStatus: 'Unavailable', mfaEnforcement: 'unknown', mfaCombined: 'unknown' }),
  ],
  combined: [
    { label: 'protected', value: 3 },
    { label: 'registeredNotRequired', value: 0 },
    { label: 'requiredNotRegistered', value: 1 },
    { label: 'atRisk', value: 1 },
    { label: 'notApplicable', value: 0 },
    { label: 'unknown', value: 1 },
  ],
  securityNotes: ['Group memberships could not be read: grant Directory.Read.All and sync again.'],
}

function cells(grid: HTMLElement, col: string): string[] {
  return within(grid)
    .getAllByRole('gridcell')
    .filter((c) => c.getAttribute('col-id') === col)
    .map((c) => c.textContent ?? '')
}

describe('MFA page enforcement', () => {
  beforeEach(() => {
    window.localStorage.clear()
    window.localStorage.setItem(PICK_KEY, contoso.id)
  })

  it('shows who requires MFA, the policies and the combined state beside the unchanged MFA Status', async () => {
    const f = new FakeBackend({ tenants: [contoso], mfa: { [contoso.id]: view } })
    f.security.postures[contoso.id] = posture()
    renderWith(f, <MFA />)
    const grid = await screen.findByTestId('mfa-grid')
    await waitFor(() => expect(within(grid).getByText('Adele Admin')).toBeTruthy())
    expect(cells(grid, 'displayName')).toEqual(['Adele Admin', 'Bob Exchange', 'Carol Guest', 'Dan Defaults', 'Erin PerUser', 'Fay Unknown'])
    expect(cells(grid, 'mfaStatus')).toEqual(['Disabled', 'Enabled', 'Disabled', 'Enabled', 'Enabled', 'Unavailable'])
    expect(cells(grid, 'mfaRequiredBy')).toEqual([
      'Conditional Access',
      'Conditional Access (partial)',
      'None',
      'Security defaults',
      'Per-user',
      'Unknown',
    ])
    const detail = cells(grid, 'mfaEnforcementDetail')
    expect(detail[0]).toBe('Require MFA for all users')
    expect(detail[2]).toBe('Pilot: MFA for guests: would require MFA (report-only)')
    expect(cells(grid, 'mfaCombined')).toEqual([
      'Required but not registered (will be asked at next sign-in)',
      'Protected',
      'At risk',
      'Protected',
      'Protected',
      'Unknown',
    ])
    // the enforcement columns come right after MFA Status
    const headers = within(grid).getAllByRole('columnheader').map((h) => h.getAttribute('col-id'))
    const at = headers.indexOf('mfaStatus')
    expect(headers.slice(at, at + 4)).toEqual(['mfaStatus', 'mfaRequiredBy', 'mfaEnforcementDetail', 'mfaCombined'])
  })

  it('charts Go’s combined counts, lists the security notes and shows the tenant’s posture card', async () => {
    const f = new FakeBackend({ tenants: [contoso], mfa: { [contoso.id]: view } })
    f.security.postures[contoso.id] = posture()
    renderWith(f, <MFA />)
    const el = await screen.findByRole('img', { name: 'Users by MFA protection' })
    const opt = echarts.getInstanceByDom(el)!.getOption() as { yAxis: { data: string[] }[]; series: { data: { value: number }[] }[] }
    expect(opt.series[0].data.map((d) => d.value)).toEqual([3, 0, 1, 1, 0, 1])
    expect(opt.yAxis[0].data[5]).toBe('Unknown')
    expect(screen.getByTestId('mfa-security-notes').textContent).toContain('grant Directory.Read.All')
    const card = await screen.findByTestId('posture-card')
    expect(within(card).getAllByTestId('posture-finding')[0].textContent).toContain('privileged-role holder without registered MFA')
    expect(f.security.calls).toContain(contoso.id)
  })

  it('asks to pick a tenant for the posture across all tenants', async () => {
    window.localStorage.clear()
    const f = new FakeBackend({ tenants: [contoso], mfa: { '': view } })
    renderWith(f, <MFA />)
    expect(await screen.findByTestId('posture-pick-tenant')).toBeTruthy()
    expect(screen.queryByTestId('posture-card')).toBeNull()
    expect(f.security.calls).toEqual([])
  })
})

describe('Overview Secure Score', () => {
  it('shows each tenant’s Secure Score and its change from Go, a dash without one', async () => {
    const rows = [{ ...contoso, secureScore: score() }, overview.rows[1]]
    renderWith(new FakeBackend({ overview: { ...overview, rows } }), <Overview info={null} onNavigate={() => {}} />)
    const row = within(await screen.findByTestId('overview-row-tid-contoso'))
    expect(row.getByTestId('score-percent').textContent).toBe(fmtPct(62.88))
    expect(row.getByTestId('score-points').textContent).toBe('(41.5/66)')
    expect(row.getByTestId('score-change').textContent).toContain('+7.55 pts since')
    expect(within(screen.getByTestId(`overview-row-${overview.rows[1].id}`)).getByTestId('score-none').textContent).toBe('—')
    expect(screen.getByRole('columnheader', { name: 'Secure Score' })).toBeTruthy()
  })
})
