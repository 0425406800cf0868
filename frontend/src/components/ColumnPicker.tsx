import { Button, Menu, MenuItemCheckbox, MenuList, MenuPopover, MenuTrigger } from '@fluentui/react-components'
import { ColumnTriple20Regular } from '@fluentui/react-icons'

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
