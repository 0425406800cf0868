import { describe, expect, it } from 'vitest'
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { PSACard, importSentence } from './PSACard'
import { FakeBackend } from '../test/fakeBackend'
import { renderWith } from '../test/render'

const type = (id: string, value: string) => fireEvent.change(screen.getByTestId(id), { target: { value } })

function fillForm(privateKey: string) {
  type('psa-in-site', 'na.myconnectwise.net')
  type('psa-in-company', 'contoso')
  type('psa-in-clientid', '6c2f7a8e-3b1d-4e5f-9a0b-1c2d3e4f5a6b')
  type('psa-in-public', 'pub')
  type('psa-in-private', privateKey)
}

describe('PSA card', () => {
  it('connects only with every field, shows Go refusing wrong keys, then connects and clears the keys', async () => {
    const f = new FakeBackend()
    renderWith(f, <PSACard />)
    const connect = (await screen.findByTestId('psa-connect')) as HTMLButtonElement
    expect(connect.disabled).toBe(true)
    fillForm('bad')
    expect(connect.disabled).toBe(false)
    fireEvent.click(connect)
    expect((await screen.findByTestId('psa-error')).textContent).toContain('API keys')
    expect(screen.queryByTestId('psa-site')).toBeNull()
    type('psa-in-private', 'good')
    fireEvent.click(connect)
    expect((await screen.findByTestId('psa-site')).textContent).toBe('ConnectWise PSA at na.myconnectwise.net (company contoso)')
    expect(f.psa.calls.connect).toHaveLength(2)
    expect(f.psa.calls.connect[1].privateKey).toBe('good')
    expect(screen.getByTestId('psa-last').textContent).toBe('Not read yet.')
  })

  it('reads the PSA with progress and Cancel, then shows Go\'s counts', async () => {
    const f = new FakeBackend()
    f.psa.status = { ...f.psa.status, connected: true, kind: 'connectwise', site: 'na.myconnectwise.net', companyId: 'contoso' }
    let release: () => void = () => {}
    f.psa.hold = new Promise<void>((r) => (release = r))
    renderWith(f, <PSACard />)
    fireEvent.click(await screen.findByTestId('psa-sync'))
    await screen.findByTestId('psa-progress')
    act(() => f.psa.progress({ phase: 'contacts', done: 1000 }))
    expect(screen.getByTestId('psa-progress').textContent).toContain('Reading contacts: 1,000')
    fireEvent.click(screen.getByTestId('psa-cancel'))
    await waitFor(() => expect(f.psa.calls.cancel).toBe(1))
    release()
    expect((await screen.findByTestId('psa-result')).textContent).toBe(importSentence(f.psa.syncResult, 'en-US'))
    expect(screen.getByTestId('psa-result').textContent).toBe(
      'Read 42 contacts: 40 added, 0 updated, 0 unchanged, 2 marked inactive; 5 new clients.',
    )
    expect(screen.queryByTestId('psa-progress')).toBeNull()
  })

  it('shows a failed read with Go\'s remedy, and disconnects', async () => {
    const f = new FakeBackend()
    f.psa.status = { ...f.psa.status, connected: true, kind: 'connectwise', site: 'psa.example.com', companyId: 'c' }
    f.psa.syncError = 'ConnectWise refused the request (403): give the API member a security role with Companies and Contacts inquiry'
    renderWith(f, <PSACard />)
    fireEvent.click(await screen.findByTestId('psa-sync'))
    expect((await screen.findByTestId('psa-error')).textContent).toContain('security role')
    fireEvent.click(screen.getByTestId('psa-disconnect'))
    await screen.findByTestId('psa-connect')
    expect(f.psa.calls.disconnect).toBe(1)
  })
})
