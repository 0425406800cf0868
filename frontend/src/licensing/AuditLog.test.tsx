import { describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { AuditLog } from './AuditLog'
import { FakeBackend } from '../test/fakeBackend'
import { renderWith } from '../test/render'
import { tenant } from '../test/fixtures'
import { auditRow, entry, TID } from './test/fixtures'

const fabrikam = tenant({ id: 'tid-fab', displayName: 'Fabrikam' })

function fake() {
  const f = new FakeBackend()
  f.licensing.state.audit = [
    auditRow(entry({ id: 1 }), true),
    auditRow(entry({ id: 2, result: 'failed', error: 'inherited from a group', remedy: 'Remove the user from the group Sales.' }), false, 'this removal is failed: nothing to undo'),
    auditRow(entry({ id: 3, tenantId: 'tid-fab', tenantName: 'Fabrikam', userPrincipalName: 'x@fabrikam.com' }), true),
  ]
  return f
}

describe('AuditLog', () => {
  it('Undo calls Go with the entry and reloads the log', async () => {
    const f = fake()
    renderWith(f, <AuditLog tenants={[tenant(), fabrikam]} />)
    fireEvent.click(await screen.findByTestId('audit-undo-1'))
    await waitFor(() => expect(f.licensing.calls.undo).toEqual([1]))
    expect((await screen.findByTestId('audit-message')).textContent).toContain('Licence added back to gone@contoso.com')
    // Go now says entry 1 was undone: no Undo button, and the add row is listed
    await waitFor(() => expect(screen.queryByTestId('audit-undo-1')).toBeNull())
    expect(screen.getByTestId('audit-row-1001').textContent).toContain('undo of 1')
  })

  it("offers Undo only where Go allows it and shows a failed row's error and remedy", async () => {
    renderWith(fake(), <AuditLog tenants={[tenant(), fabrikam]} />)
    const failed = await screen.findByTestId('audit-row-2')
    expect(within(failed).queryByTestId('audit-undo-2')).toBeNull()
    expect(within(failed).getByTestId('audit-noundo-2')).toBeTruthy()
    expect(failed.textContent).toContain('Remove the user from the group Sales.')
  })

  it('filters by tenant and exports that tenant through Go', async () => {
    const f = fake()
    renderWith(f, <AuditLog tenants={[tenant(), fabrikam]} />)
    await screen.findByTestId('audit-row-3')
    fireEvent.change(screen.getByTestId('audit-tenant'), { target: { value: TID } })
    await waitFor(() => expect(screen.queryByTestId('audit-row-3')).toBeNull())
    expect(screen.getByTestId('audit-row-1')).toBeTruthy()
    expect(f.licensing.calls.audit).toEqual(['', TID])
    fireEvent.click(screen.getByTestId('audit-export'))
    await waitFor(() => expect(f.licensing.calls.exportAudit).toEqual([[TID, '']]))
    expect((await screen.findByTestId('audit-message')).textContent).toContain('Saved 2 rows')
  })

  it("shows Go's undo refusal", async () => {
    const f = fake()
    f.licensing.state.fail.undo = 'no free seat of Microsoft 365 E3 is left to re-add: buy a seat or free one'
    renderWith(f, <AuditLog tenants={[tenant()]} />)
    fireEvent.click(await screen.findByTestId('audit-undo-1'))
    expect((await screen.findByTestId('audit-message')).textContent).toContain('no free seat')
  })

  it('says when there is nothing logged yet', async () => {
    renderWith(new FakeBackend(), <AuditLog tenants={[]} />)
    expect(await screen.findByText('No licence changes yet')).toBeTruthy()
  })
})
