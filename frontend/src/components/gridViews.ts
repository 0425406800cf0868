// Named views of a grid — which columns show, their order, widths and sort,
// and the page's filters — remembered per grid in this computer's
// localStorage (like the plain column choice in ColumnPicker.tsx): a display
// preference of this window, not data Go needs.
import type { ColumnState, GridApi } from 'ag-grid-community'

export interface SavedView<F = unknown> {
  name: string
  /** colIds hidden in this view. */
  hidden: string[]
  /** Column order, widths, sort and pinning (hide is `hidden`'s job). */
  columns: ColumnState[]
  /** The page's own filters (opaque here). */
  filters: F
}

const KEY = 'tenantlens.views.'

export function loadViews<F = unknown>(grid: string): SavedView<F>[] {
  try {
    const v = window.localStorage.getItem(KEY + grid)
    if (!v) return []
    const list = JSON.parse(v) as SavedView<F>[]
    return Array.isArray(list) ? list.filter((x) => x && typeof x.name === 'string' && Array.isArray(x.hidden)) : []
  } catch {
    return []
  }
}

function store<F>(grid: string, views: SavedView<F>[]): boolean {
  try {
    window.localStorage.setItem(KEY + grid, JSON.stringify(views))
    return true
  } catch {
    return false
  }
}

/** Adds the view, or replaces the one with the same name (names compare trimmed, case-insensitively). */
export function saveView<F>(grid: string, view: SavedView<F>): SavedView<F>[] {
  const name = view.name.trim()
  if (!name) throw new Error('Give the view a name.')
  const same = (v: SavedView<F>) => v.name.trim().toLocaleLowerCase() === name.toLocaleLowerCase()
  const views = loadViews<F>(grid)
  const i = views.findIndex(same)
  const next = { ...view, name }
  if (i >= 0) views[i] = next
  else views.push(next)
  views.sort((a, b) => a.name.localeCompare(b.name))
  if (!store(grid, views)) throw new Error('The view could not be remembered: this window cannot store settings (check the disk has space).')
  return views
}

export function deleteView<F>(grid: string, name: string): SavedView<F>[] {
  const views = loadViews<F>(grid).filter((v) => v.name !== name)
  store(grid, views)
  return views
}

/** The grid's current column order/widths/sort, without visibility. */
export function columnLayout<T>(api: GridApi<T> | null): ColumnState[] {
  if (!api) return []
  return api.getColumnState().map(({ hide: _hide, ...s }) => s)
}

/** Puts a view's order, widths and sort back on the grid (visibility comes from the column definitions). */
export function applyLayout<T>(api: GridApi<T> | null, columns: ColumnState[]): void {
  if (!api || columns.length === 0) return
  api.applyColumnState({ state: columns.map(({ hide: _hide, ...s }) => s), applyOrder: true, defaultState: { sort: null } })
}
