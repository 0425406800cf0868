import { describe, expect, it } from 'vitest'
import { screen, within } from '@testing-library/react'
import * as echarts from 'echarts/core'
import { PostureCard } from './PostureCard'
import { FakeBackend } from '../test/fakeBackend'
import { renderWith } from '../test/render'
import { posture, score } from './test/fixtures'

function fake(p = posture()) {
  const f = new FakeBackend()
  f.security.postures['tid-contoso'] = p
  return f
}

describe('PostureCard', () => {
  it('puts privileged-role holders without MFA first, names the CA policies, their exclusions and break-glass accounts', async () => {
    const f = fake()
    renderWith(f, <PostureCard tenantId="tid-contoso" />)
    await screen.findByTestId('posture-card')
    expect(f.security.calls).toEqual(['tid-contoso'])
    const findings = screen.getAllByTestId('posture-finding').map((li) => li.textContent)
    expect(findings[0]).toBe('1 privileged-role holder without registered MFA: Adele Admin (Global Administrator)')
    expect(findings).toHaveLength(2)
    const priv = within(screen.getByTestId('posture-privileged'))
    expect(priv.getByText(/1 of 3/)).toBeTruthy()
    expect(priv.getByTestId('posture-privileged-user').textContent).toContain('Adele Admin')
    expect(priv.getByTestId('posture-privileged-user').textContent).toContain('Global Administrator')

    const pols = screen.getAllByTestId('posture-mfa-policy')
    expect(pols.map((p) => p.querySelector('span')?.textContent)).toEqual(['Require MFA for all users', 'MFA for Exchange only'])
    expect(pols[0].textContent).toContain('Excludes: Break Glass One; group g-svc (Svc Account)')
    expect(within(pols[1]).getByTestId('posture-policy-partial').textContent).toContain('applications: Office 365 Exchange Online')
    expect(within(pols[0]).queryByTestId('posture-policy-partial')).toBeNull()
    const ro = screen.getByTestId('posture-reportonly-policy')
    expect(ro.textContent).toContain('Pilot: MFA for guests')
    expect(ro.textContent).toContain('would require MFA (report-only)')
    expect(screen.getByTestId('posture-breakglass').textContent).toBe('Break Glass One')
    expect(screen.getByTestId('posture-security-defaults').textContent).toBe('Off')
    expect(screen.getByTestId('posture-legacy').textContent).toBe('Blocked by Block legacy authentication')
    expect(screen.getByTestId('posture-notes').textContent).toContain('grant TenantLens the Authentication Policy Administrator role')
  })

  it('shows the Secure Score, its trend from Go and the top actions in Go order', async () => {
    renderWith(fake(), <PostureCard tenantId="tid-contoso" />)
    const chart = await screen.findByTestId('secure-score-trend')
    const opt = echarts.getInstanceByDom(chart)!.getOption() as { series: { data: number[] }[]; xAxis: { data: string[] }[] }
    expect(opt.series[0].data).toEqual(score().trend.map((p) => p.percent))
    expect(opt.xAxis[0].data).toEqual(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04'])
    const rows = within(screen.getByTestId('score-actions')).getAllByRole('row').slice(1)
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('Ensure multifactor authentication is enabled for all users in administrative roles'),
      expect.stringContaining('Turn on mailbox auditing'),
    ])
    expect(rows[1].textContent).toContain('+4.5 of 5')
  })

  it('says when nothing enforces MFA, and lists notes when the posture was not read', async () => {
    const p = posture({
      available: false,
      findings: [],
      privilegedWithoutMfa: [],
      mfaPolicies: [],
      reportOnlyPolicies: [],
      breakGlass: [],
      secureScore: score({ available: false, trend: [] }),
      topActions: [],
      notes: ["This tenant's last sync did not read its security posture: sync it again"],
    })
    renderWith(fake(p), <PostureCard tenantId="tid-contoso" />)
    expect((await screen.findByTestId('posture-notes')).textContent).toContain('sync it again')
    expect(screen.queryByTestId('posture-mfa-policy')).toBeNull()
    expect(screen.getByTestId('secure-score-none')).toBeTruthy()
  })

  it('shows Go’s error with Retry when the posture cannot be read', async () => {
    const f = fake()
    f.security.fail['tid-contoso'] = 'database is locked: close the other TenantLens window and retry'
    renderWith(f, <PostureCard tenantId="tid-contoso" />)
    expect((await screen.findByTestId('error-state')).textContent).toContain('close the other TenantLens window')
  })
})
