import { useState } from 'react'
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components'

/** Go's notes on what the data cannot show, in one bar; long lists fold. */
export function Notes({ notes, fold = 2 }: { notes: string[]; fold?: number }) {
  const [open, setOpen] = useState(false)
  if (notes.length === 0) return null
  const shown = open || notes.length <= fold ? notes : notes.slice(0, fold)
  return (
    <MessageBar intent="info" layout="multiline" data-testid="data-notes">
      <MessageBarBody>
        <MessageBarTitle>What this data cannot show</MessageBarTitle>
        <ul style={{ margin: '4px 0 0', paddingLeft: '1.2em' }}>
          {shown.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      </MessageBarBody>
      {notes.length > fold && (
        <MessageBarActions>
          <Button size="small" onClick={() => setOpen(!open)}>
            {open ? 'Show fewer' : `Show all ${notes.length}`}
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  )
}
