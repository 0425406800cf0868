import { Button, Card, makeStyles, Text, Title2, tokens } from '@fluentui/react-components'
import { PlugConnected24Regular, Beaker24Regular } from '@fluentui/react-icons'
import type { AppInfo } from '../api'
import type { PageKey } from '../nav'

const useStyles = makeStyles({
  empty: { maxWidth: '720px', margin: '8vh auto', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, marginTop: tokens.spacingVerticalM },
  list: { margin: 0, paddingLeft: '1.2em', lineHeight: '1.8' },
})

export function Overview({ info, onNavigate }: { info: AppInfo | null; onNavigate: (k: PageKey) => void }) {
  const s = useStyles()
  return (
    <Card className={s.empty} data-testid="empty-state">
      <Title2>Quarterly Microsoft 365 reviews for every client, from your desktop</Title2>
      <Text>
        TenantLens connects your clients' Microsoft 365 tenants — one at a time, or every GDAP customer at once —
        and keeps a local history of who has which licence, what it costs, what sits unused and who still has no
        MFA. Tokens stay in your system keychain; data stays on this computer; reviews go out as Excel workbooks.
      </Text>
      <ul className={s.list}>
        <li>Licences per client: purchased, assigned, unused, and what the waste costs each month</li>
        <li>MFA coverage, with the users who have not registered listed first</li>
        <li>Inactive and disabled accounts still holding licences</li>
        <li>This quarter against the last, from every sync TenantLens remembers</li>
      </ul>
      <div className={s.actions}>
        <Button appearance="primary" icon={<PlugConnected24Regular />} onClick={() => onNavigate('tenants')} data-testid="connect-tenant">
          Connect a tenant
        </Button>
        {!info?.demo && (
          <Button icon={<Beaker24Regular />} onClick={() => onNavigate('settings')} data-testid="try-demo">
            Try the demo
          </Button>
        )}
      </div>
    </Card>
  )
}
