import { useMemo } from 'react'
import { Caption1, makeStyles, Text, Title2, tokens } from '@fluentui/react-components'
import type { ColDef, RowClassParams, RowStyle, ValueFormatterParams } from 'ag-grid-community'
import { useBackend } from '../api'
import type { LicenseRow } from '../api/types'
import { useLoad } from '../hooks/useLoad'
import { useSyncFinished } from '../hooks/useSyncEvents'
import { TenantPicker, usePickedTenant } from '../components/TenantPicker'
import { EmptyState, ErrorState, Loading } from '../components/States'
import { Grid } from '../components/Grid'
import { Kpi, KpiRow } from '../components/Kpi'
import { ALL_TENANTS } from '../tenantPick'
import { DASH, fmtDateTime, fmtInt, fmtMoney } from '../format'

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  grow: { flexGrow: 1 },
})

/** Why a row is flagged, in words. */
export function flagText(flag: string): string {
  switch (flag) {
    case '':
      return ''
    case 'over-assigned':
      return 'Over-assigned: more assigned than purchased'
    case 'suspended':
      return 'Suspended licences: renew or they will be removed'
    case 'warning':
      return 'In warning: the subscription has lapsed and is in its grace period'
    default:
      return flag
  }
}

const int = (p: ValueFormatterParams<LicenseRow, number>) => fmtInt(p.value)
const money =
  (field: 'unitPrice' | 'monthlyCost' | 'unusedCost') =>
  (p: ValueFormatterParams<LicenseRow, number>): string =>
    p.data && !p.data.priced ? DASH : fmtMoney(p.data?.[field], p.data?.currency ?? '')

function rowStyle(p: RowClassParams<LicenseRow>): RowStyle | undefined {
  if (!p.data?.flag) return undefined
  return { backgroundColor: tokens.colorPaletteRedBackground1, boxShadow: `inset 4px 0 0 ${tokens.colorPaletteRedBorderActive}` }
}

function licenseColumns(allTenants: boolean): ColDef<LicenseRow>[] {
  return [
    { headerName: 'Tenant', field: 'tenantName', width: 170, hide: !allTenants },
    { headerName: 'License Name', field: 'name', width: 280, pinned: 'left' },
    { headerName: 'SKU Part Number', field: 'partNumber', width: 210 },
    { headerName: 'Status', field: 'status', width: 110 },
    {
      headerName: 'Flag',
      field: 'flag',
      valueFormatter: (p: ValueFormatterParams<LicenseRow, string>) => flagText(p.value ?? ''),
      cellStyle: { color: tokens.colorPaletteRedForeground1, fontWeight: 600 },
      width: 300, wrapText: true, autoHeight: true,
    },
    { headerName: 'Purchased', field: 'purchased', valueFormatter: int, width: 110, type: 'rightAligned' },
    { headerName: 'Suspended', field: 'suspended', valueFormatter: int, width: 110, type: 'rightAligned' },
    { headerName: 'Warning', field: 'warning', valueFormatter: int, width: 100, type: 'rightAligned' },
    { headerName: 'Assigned', field: 'assigned', valueFormatter: int, width: 100, type: 'rightAligned' },
    { headerName: 'Available', field: 'available', valueFormatter: int, width: 100, type: 'rightAligned' },
    { headerName: 'Unit Price', field: 'unitPrice', valueFormatter: money('unitPrice'), width: 120, type: 'rightAligned' },
    { headerName: 'Monthly Cost', field: 'monthlyCost', valueFormatter: money('monthlyCost'), width: 130, type: 'rightAligned' },
    { headerName: 'Unused Cost', field: 'unusedCost', valueFormatter: money('unusedCost'), width: 130, type: 'rightAligned' },
  ]
}

export function Licenses() {
  const s = useStyles()
  const b = useBackend()
  const pick = usePickedTenant()
  const ready = pick.tenants !== null
  const view = useLoad(() => (ready ? b.data.licenses(pick.tenantId) : new Promise<never>(() => {})), `${ready}:${pick.tenantId}`)
  useSyncFinished((p) => {
    if (pick.tenantId === ALL_TENANTS || p.tenantId === pick.tenantId) view.reload()
  })
  const columns = useMemo(() => licenseColumns(pick.tenantId === ALL_TENANTS), [pick.tenantId])
  const v = view.data

  return (
    <div className={s.page} data-testid="page-licenses">
      <div className={s.head}>
        <Title2 className={s.grow}>Licenses</Title2>
        <TenantPicker pick={pick} />
      </div>
      {view.error && <ErrorState error={view.error} onRetry={view.reload} />}
      {!v && !view.error && <Loading />}
      {v && v.rows.length === 0 && <EmptyState title="No licences yet">Sync this tenant to see its licences.</EmptyState>}
      {v && v.rows.length > 0 && (
        <>
          <KpiRow>
            <Kpi id="monthly" label="Monthly cost" value={fmtMoney(v.monthlyTotal, v.currency)} />
            <Kpi id="unused-cost" label="Unused each month" value={fmtMoney(v.unusedTotal, v.currency)} danger={v.unusedTotal > 0} />
            <Kpi id="flagged" label="Flagged SKUs" value={fmtInt(v.flaggedCount)} danger={v.flaggedCount > 0} hint="over-assigned, suspended or in warning" />
          </KpiRow>
          <div className={s.head}>
            <Text className={s.grow} data-testid="license-count">
              {fmtInt(v.rows.length)} SKUs
            </Text>
            {v.catalogUpdatedAt && <Caption1>Names from Microsoft's list of {fmtDateTime(v.catalogUpdatedAt)}</Caption1>}
            {v.dataDate && <Caption1>Data from {fmtDateTime(v.dataDate)}</Caption1>}
          </div>
          <Grid
            rows={v.rows}
            columns={columns}
            height={v.rows.length <= 30 ? 'auto' : 640}
            testId="licenses-grid"
            getRowStyle={rowStyle}
            getRowId={(p) => `${p.data.tenantId}/${p.data.skuId}`}
          />
        </>
      )}
    </div>
  )
}
