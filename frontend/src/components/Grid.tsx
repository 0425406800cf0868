// AG Grid Community with the modules registered per grid and a theme drawn
// from the Fluent tokens, so it follows light/dark with the rest of the app.
import { useMemo } from 'react'
import { AgGridReact, type AgGridReactProps } from 'ag-grid-react'
import { AllCommunityModule, themeQuartz, type ColDef } from 'ag-grid-community'
import { tokens } from '@fluentui/react-components'

const modules = [AllCommunityModule]

export const fluentGridTheme = themeQuartz.withParams({
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
})

export type GridProps<T> = Omit<AgGridReactProps<T>, 'modules' | 'theme'> & {
  rows: T[]
  columns: ColDef<T>[]
  /** Pixels or CSS; 'auto' grows with the rows (no virtualisation: small grids only). */
  height?: number | string
  testId?: string
}

export function Grid<T>({ rows, columns, height = 520, testId, ...rest }: GridProps<T>) {
  const defaultColDef = useMemo<ColDef<T>>(() => ({ sortable: true, resizable: true, minWidth: 80, cellDataType: false }), [])
  return (
    <div style={{ height: height === 'auto' ? undefined : height, width: '100%' }} data-testid={testId}>
      <AgGridReact<T>
        modules={modules}
        theme={fluentGridTheme}
        rowData={rows}
        columnDefs={columns}
        defaultColDef={defaultColDef}
        animateRows={false}
        suppressCellFocus={false}
        enableCellTextSelection
        ensureDomOrder
        domLayout={height === 'auto' ? 'autoHeight' : 'normal'}
        {...rest}
      />
    </div>
  )
}
