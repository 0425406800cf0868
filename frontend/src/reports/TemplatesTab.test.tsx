import { describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { Reports } from '../pages/Reports'
import { FakeReports } from './test/fakeReports'
import { renderReports } from './test/render'
import { partTypes, quarterly } from './test/fixtures'

function setup() {
  const f = new FakeReports({ templates: [structuredClone(quarterly)], partTypes, applied: 3 })
  renderReports(f, <Reports initialTab="templates" />)
  return f
}

const column = (key: string) => screen.getByTestId(`column-${key}`)

describe('Templates tab', () => {
  it('opens the default template; a column the template lacks shows as hidden', async () => {
    setup()
    const editor = await screen.findByTestId('template-editor')
    expect((within(editor).getByTestId('template-name') as HTMLInputElement).value).toBe('Quarterly review')
    expect(within(screen.getByTestId('template-parts')).getAllByTestId('part-label').map((e) => (e as HTMLInputElement).value)).toEqual([
      'Summary',
      'Users',
      'Licenses',
    ])
    fireEvent.click(within(screen.getByTestId('part-users')).getByTestId('part-columns'))
    const cols = screen.getByTestId('columns-users')
    expect(within(cols).getAllByTestId('column-label').map((e) => (e as HTMLInputElement).value)).toEqual([
      'Display Name',
      'User Principal Name',
      'Email',
      'Department',
      'First Name',
    ])
    expect((within(column('givenName')).getByTestId('column-visible') as HTMLInputElement).checked).toBe(false)
  })

  it('hides, renames and reorders columns and parts, and saves exactly that layout', async () => {
    const f = setup()
    await screen.findByTestId('template-editor')
    fireEvent.click(within(screen.getByTestId('part-users')).getByTestId('part-columns'))
    fireEvent.click(within(column('mail')).getByTestId('column-visible'))
    fireEvent.change(within(column('displayName')).getByTestId('column-label'), { target: { value: 'Name' } })
    fireEvent.click(screen.getByRole('button', { name: 'Move Department up' }))
    fireEvent.click(within(column('givenName')).getByTestId('column-visible'))
    fireEvent.click(screen.getByRole('button', { name: 'Move Licenses up' }))
    fireEvent.click(within(screen.getByTestId('part-summary')).getByTestId('part-enabled'))
    expect(screen.getByTestId('template-dirty')).toBeTruthy()
    fireEvent.click(screen.getByTestId('template-save'))
    await waitFor(() => expect(f.calls.saveTemplate).toHaveLength(1))
    const saved = f.calls.saveTemplate[0]
    expect(saved.id).toBe(1)
    expect(saved.parts.map((p) => [p.kind, p.enabled])).toEqual([
      ['summary', false],
      ['licenses', true],
      ['users', true],
    ])
    expect(saved.parts[2].columns).toEqual([
      { key: 'displayName', label: 'Name', visible: true },
      { key: 'upn', label: 'User Principal Name', visible: true },
      { key: 'department', label: 'Department', visible: true },
      { key: 'mail', label: 'Email', visible: false },
      { key: 'givenName', label: 'First Name', visible: true },
    ])
    expect(await screen.findByTestId('template-saved')).toBeTruthy()
  })

  it('reorders columns by drag and drop', async () => {
    const f = setup()
    await screen.findByTestId('template-editor')
    fireEvent.click(within(screen.getByTestId('part-users')).getByTestId('part-columns'))
    const grip = column('department').querySelector('[draggable="true"]') as HTMLElement
    const dt = { data: {} as Record<string, string>, setData(k: string, v: string) { this.data[k] = v }, getData(k: string) { return this.data[k] }, setDragImage() {}, effectAllowed: '', dropEffect: '' }
    fireEvent.dragStart(grip, { dataTransfer: dt })
    fireEvent.dragOver(column('displayName'), { dataTransfer: dt })
    fireEvent.drop(column('displayName'), { dataTransfer: dt })
    // A part row is no drop target for a column.
    fireEvent.dragStart(column('upn').querySelector('[draggable="true"]') as HTMLElement, { dataTransfer: dt })
    fireEvent.drop(screen.getByTestId('part-summary'), { dataTransfer: dt })
    fireEvent.click(screen.getByTestId('template-save'))
    await waitFor(() => expect(f.calls.saveTemplate).toHaveLength(1))
    expect(f.calls.saveTemplate[0].parts.map((p) => p.kind)).toEqual(['summary', 'users', 'licenses'])
    expect(f.calls.saveTemplate[0].parts[1].columns.map((c) => c.key)).toEqual(['department', 'displayName', 'upn', 'mail', 'givenName'])
  })

  it('copies a template into a new one (id 0) that saves under its own name', async () => {
    const f = setup()
    await screen.findByTestId('template-editor')
    fireEvent.click(screen.getByTestId('template-copy'))
    expect((screen.getByTestId('template-name') as HTMLInputElement).value).toBe('Copy of Quarterly review')
    fireEvent.change(screen.getByTestId('template-name'), { target: { value: 'Board pack' } })
    fireEvent.click(screen.getByTestId('template-save'))
    await waitFor(() => expect(f.calls.saveTemplate).toHaveLength(1))
    expect(f.calls.saveTemplate[0]).toMatchObject({ id: 0, name: 'Board pack', isDefault: false })
    await waitFor(() => expect(screen.getAllByRole('button', { name: /Board pack/ }).length).toBeGreaterThan(0))
  })

  it('applies one part’s settings to the drafts and shows how many changed; only once saved', async () => {
    const f = setup()
    await screen.findByTestId('template-editor')
    fireEvent.click(within(screen.getByTestId('part-licenses')).getByTestId('part-columns'))
    fireEvent.click(screen.getByTestId('apply-drafts'))
    await waitFor(() => expect(f.calls.apply).toEqual([[1, 'licenses']]))
    expect((await screen.findByTestId('apply-result')).textContent).toBe('3 drafts updated')
    fireEvent.change(screen.getByTestId('template-name'), { target: { value: 'Changed' } })
    expect((screen.getByTestId('apply-drafts') as HTMLButtonElement).disabled).toBe(true)
  })

  it('shows Go’s error when saving fails', async () => {
    const f = setup()
    f.state.fail.saveTemplate = 'give the template a name'
    await screen.findByTestId('template-editor')
    fireEvent.change(screen.getByTestId('template-name'), { target: { value: '' } })
    fireEvent.click(screen.getByTestId('template-save'))
    expect((await screen.findByTestId('template-error')).textContent).toBe('give the template a name')
  })
})
