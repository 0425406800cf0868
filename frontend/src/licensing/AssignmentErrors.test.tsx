import { describe, expect, it } from 'vitest'
import { screen, within } from '@testing-library/react'
import { AssignmentErrors } from './AssignmentErrors'
import { FakeBackend } from '../test/fakeBackend'
import { renderWith } from '../test/render'
import { stateRow, statesView, TID } from './test/fixtures'
import { fmtInt } from '../format'

function fake(v = statesView()) {
  const f = new FakeBackend()
  f.licensing.state.states[TID] = v
  return f
}

describe('AssignmentErrors', () => {
  it('lists each error with user, licence, group, error and what to do', async () => {
    renderWith(fake(), <AssignmentErrors tenantId={TID} />)
    const row = await screen.findByTestId('assignment-error-u-ann')
    expect(row.textContent).toContain('Ann Lee')
    expect(row.textContent).toContain('Microsoft 365 E3')
    expect(within(row).getByTestId('error-source').textContent).toBe('Group: Sales licences')
    expect(within(row).getByTestId('error-code').textContent).toContain('CountViolation')
    expect(within(row).getByTestId('error-remedy').textContent).toBe(stateRow().errorText)
    // only Go's error rows are listed, not every assignment
    expect(screen.queryByTestId('assignment-error-u-bob')).toBeNull()
    expect(screen.getByTestId('source-counts').textContent).toBe(`${fmtInt(41)} assigned directly, ${fmtInt(12)} inherited from groups`)
  })

  it('says when there are no errors, and shows notes and load errors', async () => {
    const note = 'Licence sources: some users were not returned; sync the tenant again'
    const { unmount } = renderWith(fake(statesView({ errors: [], notes: [note] })), <AssignmentErrors tenantId={TID} />)
    expect(await screen.findByText('No assignment errors')).toBeTruthy()
    expect(screen.getByTestId('data-notes').textContent).toContain(note)
    unmount()
    const f = fake()
    f.licensing.state.fail.licenseStates = 'database is locked: close other TenantLens windows'
    renderWith(f, <AssignmentErrors tenantId={TID} />)
    expect((await screen.findByTestId('error-state')).textContent).toContain('database is locked')
  })
})
