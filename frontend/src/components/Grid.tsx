// AG Grid Community with the modules registered per grid and a theme drawn
// from the Fluent tokens (CSS variables, so light/dark follow the Fluent
// provider; the dark variant also turns the browser's own scrollbars and
// inputs dark). Rows and columns are virtualised: only a grid whose caller
// knows it is small may grow with its rows ('auto'), and even then only up
// to AUTO_MAX_ROWS — beyond that it gets a fixed height so AG Grid renders
// just the visible rows. Ctrl+C copies the selected rows (or the focused
// cell) as TSV through the backend's copy facade.
import { useCallback, useEffect, useMemo, useRef, type MutableRefObject } from 'react'
import { AgGridReact, type AgGridReactProps } from 'ag-grid-react'
import { AllCommunityModule, themeQuartz, type CellKeyDownEvent, type ColDef, type GridApi, type GridReadyEvent, type IRowNode, type RowSelectionOptions } from 'ag-grid-community'
import { tokens } from '@fluentui/react-components'
import { useColorScheme } from '../theme'
import { useBackend } from '../api'
import { selectionTable, toTSV } from './gridCopy'

const modules = [AllCommunityModule]

const fluentParams = {
  backgroundColor: tokens.colorNeutralBackground1,
  foregroundColor: tokens.colorNeutralForeground1,
  headerBackgroundColor: tokens.colorNeutralBackground3,
  headerTextColor: tokens.colorNeutralForeground1,
  borderColor: tokens.colorNeutralStroke2,
  rowHoverColor: tokens.colorSubtleBackgroundHover,
  selectedRowBackgroundColor: tokens.colorBrandBackground2,
  accentColor: tokens.colorBrandForeground1,
  oddRowBackgroundColor: tokens.colorNeutralBackground1,
  fontFamily: tokens.fontFamilyBase,
  fontSize: 13,
  headerFontWeight: 600,
  borderRadius: 4,
  wrapperBorderRadius: 4,
  spacing: 6,
}

export const fluentGridTheme = themeQuartz.withParams({ ...fluentParams, browserColorScheme: 'light' })
export const fluentGridThemeDark = themeQuartz.withParams({ ...fluentParams, browserColorScheme: 'dark' })

/** Above this many rows a grid is never laid out at full height (that would render every row). */
export const AUTO_MAX_ROWS = 100
const FALLBACK_HEIGHT = 520

/** Click selects a row, Ctrl/Shift+click adds to it; text stays selectable. */
export const multiRowSelection: RowSelectionOptions = { mode: 'multiRow', checkboxes: false, headerCheckbox: false, enableClickSelection: true }

export type GridProps<T> = Omit<AgGridReactProps<T>, 'modules' | 'theme'> & {
  rows: T[]
  columns: ColDef<T>[]
  /** Pixels or CSS; 'auto' grows with the rows (small grids only: at most AUTO_MAX_ROWS). */
  height?: number | string
  testId?: string
  /** Rows can be selected (click, Ctrl/Shift+click) and copied together. */
  selectRows?: boolean
  /** Receives the grid's API once ready (copy buttons, saved views). */
  apiRef?: MutableRefObject<GridApi<T> | null>
  /**
   * Which of `rows` to show. The grid keeps all rows and filters in place
   * (a new predicate re-filters), so a keystroke in a filter does not hand
   * AG Grid a new 50,000-row array to diff.
   */
  isRowShown?: ((row: T) => boolean) | null
}

/** The layout a requested height gets: 'auto' only for a small grid. */
export function gridLayout(height: number | string, rows: number): { domLayout: 'autoHeight' | 'normal'; height: number | string | undefined } {
  if (height !== 'auto') return { domLayout: 'normal', height }
  return rows <= AUTO_MAX_ROWS ? { domLayout: 'autoHeight', height: undefined } : { domLayout: 'normal', height: FALLBACK_HEIGHT }
}

/** Copies what selectionTable picks; false when there was nothing to copy. */
export async function copyFromGrid<T>(api: GridApi<T>, copy: (text: string) => Promise<boolean>): Promise<boolean> {
  const t = selectionTable(api)
  if (!t) return false
  return copy(toTSV(t))
}

export function Grid<T>({ rows, columns, height = 520, testId, selectRows, apiRef, isRowShown, onGridReady, onCellKeyDown, ...rest }: GridProps<T>) {
  const defaultColDef = useMemo<ColDef<T>>(() => ({ sortable: true, resizable: true, minWidth: 80, cellDataType: false }), [])
  const scheme = useColorScheme()
  const b = useBackend()
  const layout = gridLayout(height, rows.length)
  const own = useRef<GridApi<T> | null>(null)
  const shown = useRef(isRowShown)
  shown.current = isRowShown
  const ready = useCallback(
    (e: GridReadyEvent<T>) => {
      own.current = e.api
      if (apiRef) apiRef.current = e.api
      // A filter set before the grid was ready applies now.
      if (shown.current) e.api.onFilterChanged()
      onGridReady?.(e)
    },
    [apiRef, onGridReady],
  )
  useEffect(() => {
    const api = own.current
    if (api && !api.isDestroyed()) api.onFilterChanged()
  }, [isRowShown])
  const filterPresent = useCallback(() => !!shown.current, [])
  const filterPass = useCallback((n: IRowNode<T>) => !shown.current || (n.data !== undefined && shown.current(n.data)), [])
  const keyDown = useCallback(
    (e: CellKeyDownEvent<T>) => {
      const k = e.event as KeyboardEvent | null | undefined
      if (k && (k.ctrlKey || k.metaKey) && !k.altKey && k.key.toLowerCase() === 'c') {
        // Text the user selected with the mouse copies as the browser would.
        const sel = typeof window !== 'undefined' ? window.getSelection?.()?.toString() : ''
        if (!sel) {
          k.preventDefault()
          void copyFromGrid(e.api, b.app.copyText)
        }
      }
      onCellKeyDown?.(e)
    },
    [b, onCellKeyDown],
  )
  return (
    <div style={{ height: layout.height, width: '100%' }} data-testid={testId}>
      <AgGridReact<T>
        modules={modules}
        theme={scheme === 'dark' ? fluentGridThemeDark : fluentGridTheme}
        rowData={rows}
        columnDefs={columns}
        defaultColDef={defaultColDef}
        animateRows={false}
        suppressCellFocus={false}
        enableCellTextSelection
        ensureDomOrder
        domLayout={layout.domLayout}
        rowSelection={selectRows ? multiRowSelection : undefined}
        onGridReady={ready}
        onCellKeyDown={keyDown}
        isExternalFilterPresent={isRowShown === undefined ? undefined : filterPresent}
        doesExternalFilterPass={isRowShown === undefined ? undefined : filterPass}
        {...rest}
      />
    </div>
  )
}
