import { describe, expect, it } from 'vitest'
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { Settings } from './Settings'
import { FakeBackend } from '../test/fakeBackend'
import { renderWith } from '../test/render'
import { settingDefaults, settingsView } from '../test/fixtures'
import { changedValues } from '../settings/ConfigCard'
import { scopeList } from '../settings/AppRegistrationCard'

const input = (key: string) => screen.getByTestId(`setting-${key}`) as HTMLInputElement
const source = (key: string) => screen.getByTestId(`source-${key}`).textContent

function fake(init: ConstructorParameters<typeof FakeBackend>[0] = {}) {
  return new FakeBackend({ settings: settingsView(), settingDefaults, ...init })
}

describe('Settings: Configuration card', () => {
  it('lists each setting with its value, source and help', async () => {
    renderWith(fake(), <Settings info={null} />)
    await screen.findByTestId('settings-config')
    expect(input('sync.concurrency').value).toBe('4')
    expect(source('sync.concurrency')).toBe('default')
    expect(input('review.inactive_days').value).toBe('45')
    expect(source('review.inactive_days')).toBe('setting')
    expect(within(screen.getByTestId('setting-row-sync.concurrency')).getByText('1–64')).toBeTruthy()
    // The health check stays on the page.
    expect(screen.getByTestId('run-doctor')).toBeTruthy()
  })

  it('saves only the keys that changed, and shows what Go returned', async () => {
    const f = fake()
    renderWith(f, <Settings info={null} />)
    await screen.findByTestId('settings-config')
    const save = screen.getByTestId('settings-save') as HTMLButtonElement
    expect(save.disabled).toBe(true)
    // Edited and then put back: not a change.
    fireEvent.change(input('authority'), { target: { value: 'https://login.example' } })
    fireEvent.change(input('authority'), { target: { value: 'https://login.microsoftonline.com' } })
    expect(save.disabled).toBe(true)
    fireEvent.change(input('sync.concurrency'), { target: { value: '3' } })
    fireEvent.click(screen.getByTestId('setting-cloud'))
    fireEvent.click(await screen.findByRole('option', { name: 'US Government (GCC High)' }))
    expect(save.disabled).toBe(false)
    fireEvent.click(save)
    expect((await screen.findByTestId('settings-message')).textContent).toBe('Saved 2 settings.')
    expect(f.state.saves).toEqual([{ 'sync.concurrency': '3', cloud: 'usgov' }])
    expect((screen.getByTestId('setting-cloud') as HTMLButtonElement).textContent).toContain('US Government (GCC High)')
    expect(input('sync.concurrency').value).toBe('3')
    expect(source('sync.concurrency')).toBe('setting')
    expect(source('cloud')).toBe('setting')
    expect(save.disabled).toBe(true)
  })

  it('shows the error Go returns and keeps the edit', async () => {
    const f = fake({ fail: { save: 'sync.concurrency: 99 is not between 1 and 64' } })
    renderWith(f, <Settings info={null} />)
    await screen.findByTestId('settings-config')
    fireEvent.change(input('sync.concurrency'), { target: { value: '99' } })
    fireEvent.click(screen.getByTestId('settings-save'))
    const msg = await screen.findByTestId('settings-message')
    expect(msg.textContent).toBe('sync.concurrency: 99 is not between 1 and 64')
    expect(input('sync.concurrency').value).toBe('99')
    expect(source('sync.concurrency')).toBe('default')
    expect((screen.getByTestId('settings-save') as HTMLButtonElement).disabled).toBe(false)
  })

  it('resets one field by sending "" for its key', async () => {
    const f = fake()
    renderWith(f, <Settings info={null} />)
    await screen.findByTestId('settings-config')
    // Only a saved setting has anything to reset.
    expect((screen.getByTestId('reset-sync.concurrency') as HTMLButtonElement).disabled).toBe(true)
    fireEvent.click(screen.getByTestId('reset-review.inactive_days'))
    expect((await screen.findByTestId('settings-message')).textContent).toBe('Inactive after (days) is back to its default.')
    expect(f.state.saves).toEqual([{ 'review.inactive_days': '' }])
    expect(input('review.inactive_days').value).toBe('90')
    expect(source('review.inactive_days')).toBe('default')
  })

  it('disables a field the environment sets and names the variable', async () => {
    const values = settingsView().values.map((v) => (v.key === 'client_id' ? { ...v, value: 'env-client', source: 'environment' } : v))
    renderWith(fake({ settings: settingsView({ values }) }), <Settings info={null} />)
    await screen.findByTestId('settings-config')
    expect(input('client_id').disabled).toBe(true)
    expect(input('client_id').value).toBe('env-client')
    expect(source('client_id')).toBe('environment')
    expect(within(screen.getByTestId('setting-row-client_id')).getByText(/TENANTLENS_CLIENT_ID/)).toBeTruthy()
    expect((screen.getByTestId('reset-client_id') as HTMLButtonElement).disabled).toBe(true)
    expect(input('sync.concurrency').disabled).toBe(false)
  })

  it('never sends a locked key', () => {
    const values = settingsView().values.map((v) => (v.key === 'authority' ? { ...v, source: 'demo' } : v))
    expect(changedValues(values, { authority: 'https://x', 'sync.concurrency': '4', cloud: 'china' })).toEqual({ cloud: 'china' })
  })

  it('shows a load error with a retry', async () => {
    const f = fake({ fail: { settingsGet: 'TenantLens is still starting' } })
    renderWith(f, <Settings info={null} />)
    expect((await screen.findByTestId('error-state')).textContent).toContain('TenantLens is still starting')
    delete f.state.fail.settingsGet
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(await screen.findByTestId('settings-config')).toBeTruthy()
  })
})

describe('Settings: App registration card', () => {
  it('creates the app registration, with live steps, the sign-in link and the result', async () => {
    const f = fake()
    renderWith(f, <Settings info={null} />)
    expect((await screen.findByTestId('app-client-id')).textContent).toBe('not set')
    fireEvent.click(screen.getByTestId('app-reg-create'))
    fireEvent.change(screen.getByTestId('app-reg-tenant'), { target: { value: ' msp.onmicrosoft.com ' } })
    fireEvent.click(screen.getByTestId('app-reg-start'))
    await waitFor(() => expect(f.state.pendingAppReg).not.toBeNull())
    expect(f.state.pendingAppReg!.tenant).toBe('msp.onmicrosoft.com')
    // Events before the call started are someone else's; these are ours.
    const url = 'https://login.example/organizations/oauth2/v2.0/authorize?state=s1'
    act(() => {
      f.connect.fire({ step: 'bootstrap', message: 'Sign in as a Global Administrator of your own (MSP) tenant', signInUrl: url })
    })
    const steps = await screen.findByTestId('connect-steps')
    expect(within(steps).getByText(/Sign in as a Global Administrator/).closest('li')!.getAttribute('data-state')).toBe('active')
    expect(screen.getByTestId('signin-link').textContent).toContain(url)
    fireEvent.click(screen.getByTestId('copy-signin'))
    await waitFor(() => expect(f.state.copied).toEqual([url]))
    // The choice buttons wait while the sign-in runs.
    expect((screen.getByTestId('app-reg-paste') as HTMLButtonElement).disabled).toBe(true)

    const clientId = '3f2a7c1e-8b4d-4e6f-9a0b-1c2d3e4f5a6b'
    // Go stores the new client ID before it answers.
    f.state.settings = settingsView({
      values: settingsView().values.map((v) => (v.key === 'client_id' ? { ...v, value: clientId, source: 'setting' } : v)),
    })
    await act(async () => {
      f.state.pendingAppReg!.resolve({ clientId, tenantId: 'msp-tenant-guid', grantedScopes: 'User.Read.All Directory.Read.All AuditLog.Read.All' })
    })
    const result = await screen.findByTestId('app-reg-result')
    expect(result.textContent).toContain(clientId)
    expect(result.textContent).toContain('msp-tenant-guid')
    expect(within(screen.getByTestId('app-reg-scopes')).getByText('Directory.Read.All')).toBeTruthy()
    expect(within(screen.getByTestId('app-reg-scopes')).getAllByText(/\.Read\.All$/)).toHaveLength(3)
    await waitFor(() => expect(screen.getByTestId('app-client-id').textContent).toBe(clientId))
    expect(screen.queryByTestId('signin-link')).toBeNull()
    expect(within(steps).getByText(/Sign in as a Global Administrator/).closest('li')!.getAttribute('data-state')).toBe('done')
  })

  it('shows why the creation failed, from the error event', async () => {
    const f = fake()
    renderWith(f, <Settings info={null} />)
    fireEvent.click(await screen.findByTestId('app-reg-create'))
    fireEvent.click(screen.getByTestId('app-reg-start'))
    await waitFor(() => expect(f.state.pendingAppReg).not.toBeNull())
    expect(f.state.pendingAppReg!.tenant).toBe('')
    const why = 'Only a Global Administrator can create the app registration: sign in with one.'
    act(() => f.connect.fire({ step: 'error', message: why, error: true }))
    await act(async () => f.state.pendingAppReg!.reject(new Error(why)))
    expect((await screen.findByTestId('app-reg-error')).textContent).toContain(why)
    expect(screen.getByTestId('app-reg-start').textContent).toBe('Try again')
    expect(screen.queryByTestId('app-reg-result')).toBeNull()
  })

  it('takes a pasted client ID, and shows the error Go gives for a bad one', async () => {
    const f = fake({ fail: { setClientId: '"not-a-guid" is not an application (client) ID: it looks like 00000000-0000-0000-0000-000000000000' } })
    renderWith(f, <Settings info={null} />)
    fireEvent.click(await screen.findByTestId('app-reg-paste'))
    const save = screen.getByTestId('app-reg-save') as HTMLButtonElement
    expect(save.disabled).toBe(true)
    fireEvent.change(screen.getByTestId('app-reg-client-id'), { target: { value: 'not-a-guid' } })
    fireEvent.click(save)
    expect((await screen.findByTestId('app-reg-paste-message')).textContent).toContain('is not an application (client) ID')
    expect(screen.getByTestId('app-client-id').textContent).toBe('not set')

    delete f.state.fail.setClientId
    const id = '11111111-2222-3333-4444-555555555555'
    fireEvent.change(screen.getByTestId('app-reg-client-id'), { target: { value: ` ${id} ` } })
    fireEvent.click(save)
    expect((await screen.findByTestId('app-reg-paste-message')).textContent).toMatch(/^Saved/)
    expect(f.state.clientIds).toEqual([id])
    expect(screen.getByTestId('app-client-id').textContent).toBe(id)
    expect(input('client_id').value).toBe(id)
    expect(source('client_id')).toBe('setting')
  })

  it('is read-only in the demo', async () => {
    const values = settingsView().values.map((v) =>
      ['client_id', 'authority'].includes(v.key) ? { ...v, value: v.key === 'client_id' ? 'demo-app' : 'http://127.0.0.1:1', source: 'demo' } : v,
    )
    renderWith(fake({ settings: settingsView({ demo: true, values }) }), <Settings info={null} />)
    expect((await screen.findByTestId('app-reg-demo')).textContent).toBe('The demo uses its own pre-registered app.')
    expect(screen.getByTestId('app-client-id').textContent).toBe('demo-app')
    expect(screen.queryByTestId('app-reg-create')).toBeNull()
    expect(screen.queryByTestId('app-reg-paste')).toBeNull()
    expect(input('client_id').disabled).toBe(true)
    expect(input('authority').disabled).toBe(true)
    expect(source('authority')).toBe('demo')
    expect(input('sync.concurrency').disabled).toBe(false)
  })

  it('splits the granted scopes Go returns', () => {
    expect(scopeList(' openid  User.Read.All\tDirectory.Read.All ')).toEqual(['openid', 'User.Read.All', 'Directory.Read.All'])
    expect(scopeList('')).toEqual([])
  })
})
