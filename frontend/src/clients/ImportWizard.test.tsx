import { describe, expect, it, vi } from 'vitest'
import { fireEvent, screen, waitFor } from '@testing-library/react'
import { ImportWizard } from './ImportWizard'
import { FakeBackend } from '../test/fakeBackend'
import { FakeClients } from './test/fakeClients'
import { renderWith } from '../test/render'
import { importView } from './test/fixtures'
import type { ImportInput } from '../api/clientTypes'

function setup(result: (i: ImportInput, commit: boolean) => ReturnType<typeof importView>) {
  const clients = new FakeClients({ importResult: result })
  const fake = new FakeBackend({}, undefined, clients)
  const onClose = vi.fn()
  renderWith(fake, <ImportWizard open onClose={onClose} />)
  return { clients, onClose }
}

const csv = () => new File(['Company;First name;Last name;E-mail\r\nContoso;Ada;Lovelace;ada@contoso.com\r\n'], 'contacts.csv', { type: 'text/csv' })

describe('Import wizard', () => {
  it('previews a picked file (nothing stored), then imports it and shows the result', async () => {
    const { clients, onClose } = setup((_, commit) => importView({ committed: commit }))
    fireEvent.change(screen.getByTestId('import-file'), { target: { files: [csv()] } })
    await screen.findByTestId('import-preview-panel')
    expect(clients.calls.preview).toHaveLength(1)
    expect(clients.calls.commit).toHaveLength(0)
    const sent = clients.calls.preview[0]
    expect(sent.fileName).toBe('contacts.csv')
    expect(atob(sent.content)).toContain('ada@contoso.com')
    expect(sent.preset).toBe('')
    expect(screen.getByTestId('import-encoding').textContent).toBe('UTF-8 with BOM')
    expect(screen.getByTestId('import-added').textContent).toContain('3')
    expect(screen.getByTestId('import-deactivated').textContent).toContain('2')
    expect(screen.getByTestId('import-problem').textContent).toBe('Line 5: contact has no email address; it is kept but cannot match an account')
    fireEvent.click(screen.getByTestId('import-commit'))
    await screen.findByTestId('import-committed')
    expect(clients.calls.commit).toEqual([sent])
    fireEvent.click(screen.getByTestId('import-close'))
    expect(onClose).toHaveBeenCalledWith(true)
  })

  it('shows a rejected file’s line, reason and remedy, and never imports it', async () => {
    const { clients } = setup(() =>
      importView({ failure: { line: 7, reason: 'the quoted field starting on line 7 is not closed properly', remedy: 'check the quotes in that row' } }),
    )
    fireEvent.change(screen.getByTestId('import-file'), { target: { files: [csv()] } })
    const f = await screen.findByTestId('import-failure')
    expect(f.textContent).toContain('Line 7: nothing was imported')
    expect(screen.getByTestId('import-failure-reason').textContent).toBe('the quoted field starting on line 7 is not closed properly')
    expect(screen.getByTestId('import-failure-remedy').textContent).toBe('What to do: check the quotes in that row')
    expect((screen.getByTestId('import-commit') as HTMLButtonElement).disabled).toBe(true)
    expect(clients.calls.commit).toHaveLength(0)
  })

  it('asks for the columns with the generic preset and sends the mapping', async () => {
    const { clients } = setup(() => importView())
    fireEvent.change(screen.getByTestId('import-preset'), { target: { value: 'generic' } })
    fireEvent.change(screen.getByTestId('import-file'), { target: { files: [csv()] } })
    await screen.findByTestId('import-mapping')
    const email = screen.getByTestId('map-email') as HTMLSelectElement
    expect(Array.from(email.options).map((o) => o.value)).toEqual(['', 'Company', 'First name', 'Last name', 'E-mail'])
    expect(email.value).toBe('E-mail')
    fireEvent.change(screen.getByTestId('map-displayName'), { target: { value: 'Company' } })
    fireEvent.click(screen.getByTestId('import-preview'))
    await screen.findByTestId('import-preview-panel')
    const last = clients.calls.preview[clients.calls.preview.length - 1]
    expect(last.preset).toBe('generic')
    expect(last.mapping).toEqual({ emails: ['E-mail'], company: 'Company', firstName: 'First name', lastName: 'Last name', displayName: 'Company' })
  })

  it('shows Go’s error with its remedy when reading fails', async () => {
    const clients = new FakeClients({ fail: { previewImport: 'cannot read /x.csv: check that the file still exists and choose it again' } })
    renderWith(new FakeBackend({}, undefined, clients), <ImportWizard open onClose={() => {}} />)
    fireEvent.change(screen.getByTestId('import-file'), { target: { files: [csv()] } })
    await waitFor(() => expect(screen.getByTestId('import-error').textContent).toContain('choose it again'))
  })
})
