import { useState } from 'react'
import { makeStyles, Tab, TabList, Title2, tokens } from '@fluentui/react-components'
import { ReportsTab } from '../reports/ReportsTab'
import { TemplatesTab } from '../reports/TemplatesTab'
import { PricesTab } from '../reports/PricesTab'

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
})

export type ReportsTabKey = 'reports' | 'templates' | 'prices'

/** Reports: versions per tenant and exports, the templates behind them, and the price list. */
export function Reports({ initialTab = 'reports' }: { initialTab?: ReportsTabKey }) {
  const s = useStyles()
  const [tab, setTab] = useState<ReportsTabKey>(initialTab)
  return (
    <div className={s.page} data-testid="page-reports">
      <Title2>Reports</Title2>
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as ReportsTabKey)}>
        <Tab value="reports" data-testid="tab-reports">
          Reports
        </Tab>
        <Tab value="templates" data-testid="tab-templates">
          Templates
        </Tab>
        <Tab value="prices" data-testid="tab-prices">
          Price list
        </Tab>
      </TabList>
      {tab === 'reports' && <ReportsTab />}
      {tab === 'templates' && <TemplatesTab />}
      {tab === 'prices' && <PricesTab />}
    </div>
  )
}
