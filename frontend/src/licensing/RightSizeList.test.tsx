import { describe, expect, it } from 'vitest'
import { screen, within } from '@testing-library/react'
import { RightSizeList } from './RightSizeList'
import { FakeBackend } from '../test/fakeBackend'
import { renderWith } from '../test/render'
import { rightSizeRow, rightSizeView, TID } from './test/fixtures'
import { fmtMoney } from '../format'

function fake(v = rightSizeView()) {
  const f = new FakeBackend()
  f.licensing.state.rightSize[TID] = v
  return f
}

describe('RightSizeList', () => {
  it("shows each suggestion with Go's services used and saving", async () => {
    const v = rightSizeView({
      rows: [
        rightSizeRow(),
        rightSizeRow({
          userId: 'u-two', used: ['Exchange', 'OneDrive'], monthlySaving: 14.5, source: 'Group: Sales',
          kept: ['Desktop apps', 'Security & device management'],
          reason: 'Used in the last 90 days: Exchange, OneDrive. Kept because their use is not measured: Desktop apps, Security & device management (Intune, Entra ID P1).',
        }),
      ],
      monthlySaving: 46.5,
      annualSaving: 558,
    })
    const f = fake(v)
    renderWith(f, <RightSizeList tenantId={TID} />)
    const row = await screen.findByTestId('rightsize-u-mail')
    expect(row.textContent).toContain('Microsoft 365 E3')
    expect(row.textContent).toContain('Exchange Online (Plan 1)')
    expect(within(row).getByTestId('rightsize-used').textContent).toBe('Exchange')
    expect(within(row).getByTestId('rightsize-saving').textContent).toBe(fmtMoney(32, 'USD'))
    const two = screen.getByTestId('rightsize-u-two')
    expect(within(two).getByTestId('rightsize-used').textContent).toBe('Exchange; OneDrive')
    expect(within(two).getByTestId('rightsize-source').textContent).toBe('Group: Sales')
    // why: Go's reason and the services kept because their use is not measured
    expect(within(row).getByTestId('rightsize-kept').textContent).toBe('none')
    expect(within(row).getByTestId('rightsize-reason').textContent).toBe(rightSizeRow().reason)
    expect(within(two).getByTestId('rightsize-kept').textContent).toBe('Desktop apps; Security & device management')
    expect(within(two).getByTestId('rightsize-reason').textContent).toContain('Kept because their use is not measured: Desktop apps, Security & device management (Intune, Entra ID P1).')
    expect(screen.getByRole('columnheader', { name: 'Kept (use not measured)' })).toBeTruthy()
    expect(screen.getByRole('columnheader', { name: 'Reason' })).toBeTruthy()
    expect(screen.getByTestId('kpi-rightsize-monthly-value').textContent).toBe(fmtMoney(46.5, 'USD'))
    expect(screen.getByTestId('kpi-rightsize-annual-value').textContent).toBe(fmtMoney(558, 'USD'))
    // the Settings threshold: Go picks it when asked for 0 days
    expect(f.licensing.calls.rightSize).toEqual([[TID, 0]])
  })

  it("shows Go's note when nothing could be computed", async () => {
    const note = 'Right-sizing: no prices are set; add licence prices in Settings › Prices to see cheaper suites'
    renderWith(fake(rightSizeView({ rows: [], monthlySaving: 0, annualSaving: 0, notes: [note] })), <RightSizeList tenantId={TID} />)
    expect((await screen.findByTestId('data-notes')).textContent).toContain(note)
    expect(screen.getByText('Nothing to right-size')).toBeTruthy()
  })
})
