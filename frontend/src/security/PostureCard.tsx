// A tenant's security posture card (review.Posture through Data.Posture):
// findings with privileged-role holders without registered MFA first,
// security defaults, the Conditional Access policies requiring MFA and
// whom they exclude (break-glass accounts named), report-only policies as
// "would require MFA (report-only)", legacy authentication, Secure Score
// and the notes naming the fix for anything that could not be read.
import {
  Badge,
  Caption1,
  Card,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  Title3,
  tokens,
} from '@fluentui/react-components'
import { useBackend } from '../api'
import type { Posture, PosturePolicy } from '../api/security'
import { useLoad } from '../hooks/useLoad'
import { useSyncFinished } from '../hooks/useSyncEvents'
import { ErrorState, Loading } from '../components/States'
import { fmtDateTime, fmtInt } from '../format'
import { SecureScorePanel } from './SecureScore'
import { caText, legacyAuthText, securityDefaultsText } from './labels'

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS },
  list: { margin: 0, paddingLeft: '1.2em', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  first: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  grow: { flexGrow: 1 },
})

/** Loads and shows one tenant's posture; reloads when that tenant's sync ends. */
export function PostureCard({ tenantId }: { tenantId: string }) {
  const b = useBackend()
  const p = useLoad(() => b.security.posture(tenantId), tenantId)
  useSyncFinished((e) => {
    if (e.tenantId === tenantId) p.reload()
  })
  if (p.error) return <ErrorState error={p.error} onRetry={p.reload} />
  if (!p.data) return <Loading label="Loading the security posture…" />
  return <PostureView p={p.data} />
}

function PolicyLine({ pol, reportOnly }: { pol: PosturePolicy; reportOnly?: boolean }) {
  const ex = [...pol.excludedUsers, ...pol.excludedGroups]
  return (
    <li data-testid={reportOnly ? 'posture-reportonly-policy' : 'posture-mfa-policy'}>
      <Text weight="semibold">{pol.name}</Text>
      {reportOnly && <Text> — would require MFA (report-only)</Text>}
      {pol.partial && (
        <Text data-testid="posture-policy-partial"> — partial: {pol.partialReasons.join(', ')}</Text>
      )}
      <br />
      <Caption1>{ex.length > 0 ? `Excludes: ${ex.join('; ')}` : 'Excludes no one'}</Caption1>
    </li>
  )
}

export function PostureView({ p }: { p: Posture }) {
  const s = useStyles()
  return (
    <Card className={s.card} data-testid="posture-card">
      <div className={s.head}>
        <Title3 className={s.grow}>Security posture</Title3>
        {p.dataDate && <Caption1>Data from {fmtDateTime(p.dataDate)}</Caption1>}
      </div>
      {p.findings.length > 0 && (
        <ol className={s.list} data-testid="posture-findings">
          {p.findings.map((f, i) => (
            <li key={f} className={i === 0 && p.privilegedWithoutMfa.length > 0 ? s.first : undefined} data-testid="posture-finding">
              {f}
            </li>
          ))}
        </ol>
      )}
      {p.available && (
        <>
          {p.privilegedWithoutMfa.length > 0 && (
            <div data-testid="posture-privileged">
              <Caption1>
                Privileged-role holders without registered MFA ({fmtInt(p.privilegedWithoutMfa.length)} of {fmtInt(p.privileged)})
              </Caption1>
              <ul className={s.list}>
                {p.privilegedWithoutMfa.map((u) => (
                  <li key={u.id} data-testid="posture-privileged-user">
                    <Text weight="semibold">{u.displayName}</Text> <Caption1>{u.userPrincipalName}</Caption1> — {u.roles.join(', ')}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div className={s.facts}>
            <Text>Security defaults</Text>
            <Text data-testid="posture-security-defaults">{securityDefaultsText[p.securityDefaults] ?? p.securityDefaults}</Text>
            <Text>Conditional Access</Text>
            <Text data-testid="posture-ca">{caText[p.conditionalAccess] ?? p.conditionalAccess}</Text>
            <Text>Legacy authentication</Text>
            <Text data-testid="posture-legacy">
              {legacyAuthText[p.legacyAuth] ?? p.legacyAuth}
              {p.legacyAuth === 'blocked' && p.legacyAuthBy ? ` by ${p.legacyAuthBy}` : ''}
            </Text>
            <Text>Break-glass accounts</Text>
            <Text data-testid="posture-breakglass">{p.breakGlass.length > 0 ? p.breakGlass.join(', ') : 'None excluded'}</Text>
          </div>
          <div>
            <Caption1>Conditional Access policies requiring MFA</Caption1>
            {p.mfaPolicies.length === 0 ? (
              <Text data-testid="posture-no-mfa-policies"> — none enforced</Text>
            ) : (
              <ul className={s.list}>
                {p.mfaPolicies.map((pol) => (
                  <PolicyLine key={pol.name} pol={pol} />
                ))}
              </ul>
            )}
          </div>
          {p.reportOnlyPolicies.length > 0 && (
            <div>
              <Caption1>
                Report-only policies <Badge appearance="tint" color="warning">not enforced</Badge>
              </Caption1>
              <ul className={s.list}>
                {p.reportOnlyPolicies.map((pol) => (
                  <PolicyLine key={pol.name} pol={pol} reportOnly />
                ))}
              </ul>
            </div>
          )}
        </>
      )}
      <Title3>Secure Score</Title3>
      <SecureScorePanel score={p.secureScore} actions={p.topActions} />
      {p.notes.length > 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="posture-notes">
          <MessageBarBody>
            <MessageBarTitle>Could not be read</MessageBarTitle>
            <ul className={s.list}>
              {p.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
    </Card>
  )
}
