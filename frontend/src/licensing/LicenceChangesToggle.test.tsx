import { describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor } from '@testing-library/react'
import { LicenceChangesToggle } from './LicenceChangesToggle'
import { FakeBackend } from '../test/fakeBackend'
import { renderWith } from '../test/render'
import { TID } from './test/fixtures'

describe('LicenceChangesToggle', () => {
  it('is off by default; turning it on runs the consent through Go and shows who consented', async () => {
    const f = new FakeBackend()
    renderWith(f, <LicenceChangesToggle tenantId={TID} partner />)
    const sw = (await screen.findByRole('switch')) as HTMLInputElement
    await waitFor(() => expect(sw.disabled).toBe(false))
    expect(sw.checked).toBe(false)
    expect(screen.getByText(/License Administrator or User Administrator/)).toBeTruthy()
    fireEvent.click(sw)
    await waitFor(() => expect(f.licensing.calls.setLicenceChanges).toEqual([[TID, true]]))
    expect((await screen.findByTestId('licence-changes-by')).textContent).toContain('admin@msp.example')
    expect(sw.checked).toBe(true)
    fireEvent.click(sw)
    await waitFor(() => expect(f.licensing.calls.setLicenceChanges).toEqual([[TID, true], [TID, false]]))
    await waitFor(() => expect(sw.checked).toBe(false))
  })

  it("shows Go's error when the consent fails", async () => {
    const f = new FakeBackend()
    f.licensing.state.fail.setLicenceChanges = 'the sign-in was cancelled: nothing changed'
    renderWith(f, <LicenceChangesToggle tenantId={TID} />)
    const sw = (await screen.findByRole('switch')) as HTMLInputElement
    await waitFor(() => expect(sw.disabled).toBe(false))
    fireEvent.click(sw)
    expect((await screen.findByTestId('licence-changes-error')).textContent).toBe('the sign-in was cancelled: nothing changed')
    expect(sw.checked).toBe(false)
  })
})
