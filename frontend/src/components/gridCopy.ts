// Copy from a grid as tab-separated text (pastes into Excel as cells): the
// selected rows, in the order shown, with the shown columns' headers; with
// no row selected, the focused cell. Values are the formatted text the grid
// shows. Community AG Grid has no clipboard module, so this is ours.
import type { GridApi, IRowNode } from 'ag-grid-community'

/** One cell: tabs and line breaks would split it, so they become spaces. */
export function tsvCell(v: unknown): string {
  if (v == null) return ''
  return String(v).replace(/[\t\r\n]+/g, ' ')
}

/** Rows of cells as TSV, one line per row. */
export function toTSV(rows: unknown[][]): string {
  return rows.map((r) => r.map(tsvCell).join('\t')).join('\n')
}

/** The table to copy: header + selected rows, or just the focused cell's text (null: nothing). */
export function selectionTable<T>(api: GridApi<T>): string[][] | null {
  const cols = api.getAllDisplayedColumns()
  const text = (node: IRowNode<T>, col: (typeof cols)[number]) => tsvCell(api.getCellValue({ rowNode: node, colKey: col, useFormatter: true }))
  const picked: IRowNode<T>[] = []
  api.forEachNodeAfterFilterAndSort((n) => {
    if (n.isSelected()) picked.push(n)
  })
  if (picked.length > 0) {
    return [cols.map((c) => api.getDisplayNameForColumn(c, 'header') ?? c.getColId()), ...picked.map((n) => cols.map((c) => text(n, c)))]
  }
  const f = api.getFocusedCell()
  const node = f ? api.getDisplayedRowAtIndex(f.rowIndex) : undefined
  if (!f || !node) return null
  return [[text(node, f.column as (typeof cols)[number])]]
}
