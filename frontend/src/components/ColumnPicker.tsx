import { useState } from 'react'
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Menu,
  MenuDivider,
  MenuGroup,
  MenuGroupHeader,
  MenuItem,
  MenuItemCheckbox,
  MenuList,
  MenuPopover,
  MenuTrigger,
} from '@fluentui/react-components'
import { ColumnTriple20Regular, Delete20Regular, Eye20Regular, Save20Regular } from '@fluentui/react-icons'
import { errorText } from '../api'
import type { SavedView } from './gridViews'

/** Show/hide columns; `hidden` holds the colIds that are hidden. */
export function ColumnPicker({
  columns,
  hidden,
  onChange,
}: {
  columns: { colId: string; headerName: string }[]
  hidden: Set<string>
  onChange: (hidden: Set<string>) => void
}) {
  const checked = { cols: columns.filter((c) => !hidden.has(c.colId)).map((c) => c.colId) }
  return (
    <Menu
      checkedValues={checked}
      onCheckedValueChange={(_, d) => {
        const shown = new Set(d.checkedItems)
        onChange(new Set(columns.filter((c) => !shown.has(c.colId)).map((c) => c.colId)))
      }}
    >
      <MenuTrigger disableButtonEnhancement>
        <Button icon={<ColumnTriple20Regular />} data-testid="columns-button">
          Columns
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList style={{ maxHeight: 420, overflowY: 'auto' }}>
          {columns.map((c) => (
            <MenuItemCheckbox key={c.colId} name="cols" value={c.colId}>
              {c.headerName}
            </MenuItemCheckbox>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  )
}

const KEY = 'tenantlens.columns.'

export function loadHidden(grid: string, fallback: string[]): Set<string> {
  try {
    const v = window.localStorage.getItem(KEY + grid)
    if (v) return new Set(JSON.parse(v) as string[])
  } catch {
    /* not stored or unreadable */
  }
  return new Set(fallback)
}

export function saveHidden(grid: string, hidden: Set<string>): void {
  try {
    window.localStorage.setItem(KEY + grid, JSON.stringify([...hidden]))
  } catch {
    /* not remembered */
  }
}

/**
 * Named views of a grid (gridViews.ts): pick one to apply it, save the
 * current columns and filters under a name (an existing name is replaced),
 * delete the applied one.
 */
export function ViewPicker<F>({
  views,
  current,
  onApply,
  onSave,
  onDelete,
}: {
  views: SavedView<F>[]
  current: string
  onApply: (v: SavedView<F>) => void
  /** Saves the current state under `name`; throws with a remedy when it cannot. */
  onSave: (name: string) => void
  onDelete: (name: string) => void
}) {
  const [open, setOpen] = useState(false)
  const [name, setName] = useState('')
  const [err, setErr] = useState('')
  const save = () => {
    try {
      onSave(name)
      setOpen(false)
    } catch (e) {
      setErr(errorText(e))
    }
  }
  return (
    <>
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <Button icon={<Eye20Regular />} data-testid="views-button">
            {current ? `View: ${current}` : 'Views'}
          </Button>
        </MenuTrigger>
        <MenuPopover>
          <MenuList style={{ maxHeight: 420, overflowY: 'auto' }}>
            {views.length > 0 && (
              <MenuGroup>
                <MenuGroupHeader>Saved views</MenuGroupHeader>
                {views.map((v) => (
                  <MenuItem key={v.name} onClick={() => onApply(v)} data-testid={`view-${v.name}`}>
                    {v.name}
                  </MenuItem>
                ))}
              </MenuGroup>
            )}
            {views.length > 0 && <MenuDivider />}
            <MenuItem
              icon={<Save20Regular />}
              data-testid="view-save"
              onClick={() => {
                setName(current)
                setErr('')
                setOpen(true)
              }}
            >
              Save current view…
            </MenuItem>
            {current && (
              <MenuItem icon={<Delete20Regular />} data-testid="view-delete" onClick={() => onDelete(current)}>
                Delete view “{current}”
              </MenuItem>
            )}
          </MenuList>
        </MenuPopover>
      </Menu>
      <Dialog open={open} onOpenChange={(_, d) => setOpen(d.open)}>
        <DialogSurface>
          <form
            onSubmit={(e) => {
              e.preventDefault()
              save()
            }}
          >
            <DialogBody>
              <DialogTitle>Save view</DialogTitle>
              <DialogContent>
                <Field label="Name" validationMessage={err || undefined} hint="Columns, their order and sort, and the filters. A view with the same name is replaced.">
                  <Input value={name} onChange={(_, d) => setName(d.value)} autoFocus data-testid="view-name" />
                </Field>
              </DialogContent>
              <DialogActions>
                <Button appearance="secondary" onClick={() => setOpen(false)}>
                  Cancel
                </Button>
                <Button appearance="primary" type="submit" disabled={!name.trim()} data-testid="view-save-confirm">
                  Save
                </Button>
              </DialogActions>
            </DialogBody>
          </form>
        </DialogSurface>
      </Dialog>
    </>
  )
}
