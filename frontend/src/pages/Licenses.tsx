import { useMemo, useState } from 'react'
import { Caption1, makeStyles, Tab, TabList, Text, Title2, Title3, tokens } from '@fluentui/react-components'
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
import { RenewalCalendar } from '../licensing/RenewalCalendar'
import { AssignmentErrors } from '../licensing/AssignmentErrors'
import { ReclaimList } from '../licensing/ReclaimList'
import { RightSizeList } from '../licensing/RightSizeList'
import { AuditLog } from '../licensing/AuditLog'

/** The Licenses page's sections. */
export type LicensesTab = 'skus' | 'renewals' | 'errors' | 'reclaim' | 'audit'

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  grow: { flexGrow: 1 },
  split: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(520px, 1fr))', gap: tokens.spacingHorizontalXL, alignItems: 'start' },
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

export function Licenses({ initialTab = 'skus' }: { initialTab?: LicensesTab } = {}) {
  const s = useStyles()
  const [tab, setTab] = useState<LicensesTab>(initialTab)
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
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as LicensesTab)} data-testid="licenses-tabs">
        <Tab value="skus" data-testid="tab-skus">Licences</Tab>
        <Tab value="renewals" data-testid="tab-renewals">Renewals</Tab>
        <Tab value="errors" data-testid="tab-errors">Assignment errors</Tab>
        <Tab value="reclaim" data-testid="tab-reclaim">Reclaim &amp; right-size</Tab>
        <Tab value="audit" data-testid="tab-audit">Audit log</Tab>
      </TabList>
      {ready && tab === 'renewals' && <RenewalCalendar key={pick.tenantId} tenantId={pick.tenantId} />}
      {ready && tab === 'errors' && <AssignmentErrors key={pick.tenantId} tenantId={pick.tenantId} />}
      {ready && tab === 'reclaim' && (
        <div className={s.split}>
          <section>
            <Title3>Reclaim</Title3>
            <ReclaimList key={pick.tenantId} tenantId={pick.tenantId} onChanged={view.reload} />
          </section>
          <section>
            <Title3>Right-size</Title3>
            <RightSizeList key={pick.tenantId} tenantId={pick.tenantId} />
          </section>
        </div>
      )}
      {ready && tab === 'audit' && <AuditLog tenants={pick.tenants ?? []} initialTenant={pick.tenantId} />}
      {tab === 'skus' && (
        <>
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
        </>
      )}
    </div>
  )
}
