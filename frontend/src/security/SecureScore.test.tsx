import { describe, expect, it } from 'vitest'
import { screen, within } from '@testing-library/react'
import { ScoreFigure, SecureScorePanel } from './SecureScore'
import { TenantScores } from './TenantScores'
import { FakeBackend } from '../test/fakeBackend'
import { renderWith } from '../test/render'
import { fmtPct } from '../format'
import { action, score } from './test/fixtures'

describe('SecureScorePanel', () => {
  it('shows Go’s current, max, percent and changes', async () => {
    renderWith(new FakeBackend(), <SecureScorePanel score={score({ change30: -1.25 })} actions={[action()]} />)
    expect((await screen.findByTestId('kpi-score-percent-value')).textContent).toBe(fmtPct(62.88))
    expect(screen.getByTestId('kpi-score-points-value').textContent).toBe('41.5 / 66')
    expect(screen.getByTestId('kpi-score-change-value').textContent).toBe('+7.55 pts')
    expect(screen.getByTestId('kpi-score-change30-value').textContent).toBe('-1.25 pts')
    expect(within(screen.getByTestId('score-actions')).getByText(/\+10 of 10/)).toBeTruthy()
  })

  it('says no Secure Score is stored rather than showing zeros', async () => {
    renderWith(new FakeBackend(), <SecureScorePanel score={score({ available: false, trend: [] })} actions={[]} />)
    expect(await screen.findByTestId('secure-score-none')).toBeTruthy()
    expect(screen.queryByTestId('kpi-score-percent')).toBeNull()
  })
})

describe('ScoreFigure and TenantScores', () => {
  it('shows a dash for a tenant without a stored score', async () => {
    renderWith(new FakeBackend(), <ScoreFigure score={score({ available: false })} />)
    expect((await screen.findByTestId('score-none')).textContent).toBe('—')
  })

  it('lists each tenant’s Secure Score with Go’s 30-day change', async () => {
    const tenants = [
      { tenantId: 't1', tenantName: 'Contoso Ltd', secureScore: score({ change30: 3.5 }) },
      { tenantId: 't2', tenantName: 'Fabrikam', secureScore: score({ available: false, trend: [] }) },
    ]
    renderWith(new FakeBackend(), <TenantScores tenants={tenants} />)
    const r1 = within(await screen.findByTestId('client-score-t1'))
    expect(r1.getByTestId('score-percent').textContent).toBe(fmtPct(62.88))
    expect(r1.getByTestId('score-points').textContent).toBe('(41.5/66)')
    expect(r1.getByTestId('client-score-change30').textContent).toBe('+3.5 pts')
    const r2 = within(screen.getByTestId('client-score-t2'))
    expect(r2.getByTestId('score-none')).toBeTruthy()
    expect(r2.getByTestId('client-score-change30').textContent).toBe('—')
  })
})
