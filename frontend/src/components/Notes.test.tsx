import { describe, expect, it } from 'vitest'
import { fireEvent, screen } from '@testing-library/react'
import { Notes } from './Notes'
import { FakeBackend } from '../test/fakeBackend'
import { renderWith } from '../test/render'

describe('Notes', () => {
  it('folds a long list and unfolds it on request', () => {
    const notes = ['A: sign-in data needs Entra ID P1', 'B: usage reports are anonymised', 'C: MFA data could not be read']
    renderWith(new FakeBackend(), <Notes notes={notes} />)
    expect(screen.queryByText(notes[2])).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Show all 3' }))
    expect(screen.getByText(notes[2])).toBeTruthy()
  })
  it('renders nothing without notes', () => {
    renderWith(new FakeBackend(), <Notes notes={[]} />)
    expect(screen.queryByTestId('data-notes')).toBeNull()
  })
})
