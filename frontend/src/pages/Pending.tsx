import { Button, Card, Text, Title3 } from '@fluentui/react-components'
import { navItems, type PageKey } from '../nav'

const blurbs: Partial<Record<PageKey, string>> = {
  clients: 'Companies from your PSA, each mapped to its Microsoft 365 tenant.',
  tenants: 'Connected tenants, their access and the state of their last sync.',
  users: 'Every user of every connected tenant, with licences, MFA and last activity.',
  licenses: 'Purchased, assigned and unused licences per tenant, and what they cost.',
  mfa: 'MFA registration coverage, with unregistered users first.',
  reports: 'Quarterly-review workbooks, their versions, and the templates behind them.',
}

/** Shown for a page while no tenant is connected. */
export function Pending({ page, onNavigate }: { page: PageKey; onNavigate: (k: PageKey) => void }) {
  const label = navItems.find((n) => n.key === page)?.label ?? page
  return (
    <Card data-testid={`page-${page}`} style={{ maxWidth: 720 }}>
      <Title3>{label}</Title3>
      <Text>{blurbs[page]}</Text>
      <Text>Nothing to show yet: connect a tenant and TenantLens fills this page after its first sync.</Text>
      <div>
        <Button appearance="primary" onClick={() => onNavigate('overview')}>Get started</Button>
      </div>
    </Card>
  )
}
