import { describe, expect, it, vi } from 'vitest'
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { ConnectDialog } from './ConnectDialog'
import { FakeBackend } from '../test/fakeBackend'
import { renderWith } from '../test/render'
import { fabrikam, tenant } from '../test/fixtures'

const noop = () => {}

describe('Connect dialog', () => {
  it('needs a tenant or partner mode before it can start', async () => {
    renderWith(new FakeBackend(), <ConnectDialog open onClose={noop} />)
    const start = (await screen.findByTestId('connect-start')) as HTMLButtonElement
    expect(start.disabled).toBe(true)
    fireEvent.click(screen.getByLabelText('Connect as partner (all GDAP customers)'))
    expect(start.disabled).toBe(false)
  })

  it('shows live steps and the copyable sign-in link, then the tenants found', async () => {
    const fake = new FakeBackend()
    renderWith(fake, <ConnectDialog open onClose={noop} />)
    fireEvent.change(await screen.findByTestId('connect-tenant-input'), { target: { value: ' contoso.com ' } })
    fireEvent.click(screen.getByTestId('connect-start'))
    await waitFor(() => expect(fake.state.pendingConnect).not.toBeNull())
    expect(fake.state.pendingConnect!.req).toEqual({ partner: false, tenant: 'contoso.com' })
    const url = 'https://login.example/contoso/oauth2/v2.0/authorize?state=abc'
    act(() => {
      fake.connect.fire({ step: 'resolve', message: 'Found tenant contoso.com' })
      fake.connect.fire({ step: 'sign-in', message: 'Sign in in your browser', signInUrl: url })
    })
    const steps = await screen.findByTestId('connect-steps')
    expect(within(steps).getByText('Found tenant contoso.com').closest('li')!.getAttribute('data-state')).toBe('done')
    expect(within(steps).getByText('Sign in in your browser').closest('li')!.getAttribute('data-state')).toBe('active')
    expect(screen.getByTestId('signin-link').textContent).toContain(url)
    fireEvent.click(screen.getByTestId('copy-signin'))
    await waitFor(() => expect(fake.state.copied).toEqual([url]))
    expect(await screen.findByText('Copied')).toBeTruthy()

    await act(async () => {
      fake.state.pendingConnect!.resolve({ connectionId: 'c1', tenants: [tenant({ displayName: 'Contoso Ltd' })], warnings: [] })
    })
    const found = await screen.findByTestId('connect-result')
    expect(found.textContent).toContain('1 tenant found')
    expect(within(found).getByText('Contoso Ltd')).toBeTruthy()
    expect(within(found).getByText('Ready')).toBeTruthy()
    expect(screen.queryByTestId('signin-link')).toBeNull()
  })

  it('lists partner customers with their access state', async () => {
    const fake = new FakeBackend({
      connectResult: { connectionId: 'p', tenants: [tenant({ id: 'a', displayName: 'Alpha' }), fabrikam, tenant({ id: 'n', displayName: 'Nope', access: 'no_access' })], warnings: ['Bravo: Global Reader missing'] },
    })
    renderWith(fake, <ConnectDialog open onClose={noop} />)
    fireEvent.click(await screen.findByLabelText('Connect as partner (all GDAP customers)'))
    fireEvent.click(screen.getByTestId('connect-start'))
    const found = await screen.findByTestId('connect-result')
    expect(fake.state.pendingConnect!.req).toEqual({ partner: true, tenant: '' })
    expect(found.textContent).toContain('3 tenants found')
    expect(within(found).getByText('Needs consent')).toBeTruthy()
    expect(within(found).getByText('No access')).toBeTruthy()
    expect(within(found).getByText('Bravo: Global Reader missing')).toBeTruthy()
  })

  it('shows the remedy from an error event, and from a rejected call', async () => {
    const fake = new FakeBackend()
    renderWith(fake, <ConnectDialog open onClose={noop} />)
    fireEvent.change(await screen.findByTestId('connect-tenant-input'), { target: { value: 'contoso.com' } })
    fireEvent.click(screen.getByTestId('connect-start'))
    await waitFor(() => expect(fake.state.pendingConnect).not.toBeNull())
    const remedy = 'Admin consent is required: ask a Global Administrator of contoso.com to connect once.'
    act(() => fake.connect.fire({ step: 'consent', message: remedy, error: true }))
    expect((await screen.findByTestId('connect-error')).textContent).toContain(remedy)
    await act(async () => fake.state.pendingConnect!.reject(new Error('Your session has expired. Please try connecting again.')))
    // The step's remedy stays the headline; the dialog offers a retry.
    expect(screen.getByTestId('connect-error').textContent).toContain(remedy)
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy()
  })

  it('shows a rejected call message when no step failed', async () => {
    const fake = new FakeBackend({ fail: { connect: 'Tenant not found: check the domain or ID.' } })
    renderWith(fake, <ConnectDialog open onClose={noop} />)
    fireEvent.change(await screen.findByTestId('connect-tenant-input'), { target: { value: 'nope.example' } })
    fireEvent.click(screen.getByTestId('connect-start'))
    expect((await screen.findByTestId('connect-error')).textContent).toContain('Tenant not found: check the domain or ID.')
    expect(screen.queryByTestId('setup-app-registration')).toBeNull()
  })

  it('sends the user to Settings when TenantLens has no app registration yet', async () => {
    window.location.hash = '#/overview'
    // Go's services.ErrNoClientID, as the rejected call and the error event carry it.
    const msg =
      'TenantLens has no app registration yet: open Settings and either let TenantLens create one ("Create the app registration for me") or paste your application (client) ID'
    const fake = new FakeBackend({ connectScript: [{ step: 'error', message: msg, error: true }] })
    const onClose = vi.fn()
    renderWith(fake, <ConnectDialog open onClose={onClose} />)
    fireEvent.click(await screen.findByLabelText('Connect as partner (all GDAP customers)'))
    fireEvent.click(screen.getByTestId('connect-start'))
    await waitFor(() => expect(fake.state.pendingConnect).not.toBeNull())
    await act(async () => fake.state.pendingConnect!.reject(new Error(msg)))
    expect((await screen.findByTestId('connect-error')).textContent).toContain(msg)
    fireEvent.click(screen.getByRole('button', { name: 'Set up the app registration' }))
    expect(onClose).toHaveBeenCalledWith(false)
    expect(window.location.hash).toBe('#/settings')
  })

  it('offers the setup also when only the call rejected', async () => {
    const fake = new FakeBackend({ fail: { connect: 'TenantLens has no app registration yet: open Settings' } })
    renderWith(fake, <ConnectDialog open onClose={noop} />)
    fireEvent.change(await screen.findByTestId('connect-tenant-input'), { target: { value: 'contoso.com' } })
    fireEvent.click(screen.getByTestId('connect-start'))
    expect(await screen.findByTestId('setup-app-registration')).toBeTruthy()
  })

  it('cancels a sign-in in progress', async () => {
    const fake = new FakeBackend()
    renderWith(fake, <ConnectDialog open onClose={noop} />)
    fireEvent.click(await screen.findByLabelText('Connect as partner (all GDAP customers)'))
    fireEvent.click(screen.getByTestId('connect-start'))
    await waitFor(() => expect(fake.state.pendingConnect).not.toBeNull())
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect((await screen.findByTestId('connect-error')).textContent).toContain('The sign-in was cancelled.')
  })
})
