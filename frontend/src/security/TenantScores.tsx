// A small table of a client's tenants' Secure Scores (Go: ClientTenantRow
// secureScore, the same figures as each tenant's posture card).
import { Caption1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3 } from '@fluentui/react-components'
import type { SecureScoreView } from '../api/security'
import { fmtDate } from '../format'
import { ScoreFigure } from './SecureScore'
import { fmtChange } from './labels'

export interface ScoredTenant {
  tenantId: string
  tenantName: string
  secureScore: SecureScoreView | null | undefined
}

export function TenantScores({ tenants }: { tenants: ScoredTenant[] }) {
  if (tenants.length === 0) return null
  const any = tenants.some((t) => t.secureScore?.available)
  return (
    <div data-testid="client-scores">
      <Title3>Secure Score</Title3>
      {!any ? (
        <Caption1 data-testid="client-scores-none">No Secure Score stored for these tenants yet: sync them.</Caption1>
      ) : (
        <Table size="small" aria-label="Secure Score per tenant" style={{ maxWidth: 760 }}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Tenant</TableHeaderCell>
              <TableHeaderCell>Secure Score</TableHeaderCell>
              <TableHeaderCell>Over 30 days</TableHeaderCell>
              <TableHeaderCell>As of</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {tenants.map((t) => {
              const s = t.secureScore
              return (
                <TableRow key={t.tenantId} data-testid={`client-score-${t.tenantId}`}>
                  <TableCell>
                    <Text weight="semibold">{t.tenantName}</Text>
                  </TableCell>
                  <TableCell>
                    <ScoreFigure score={s} />
                  </TableCell>
                  <TableCell data-testid="client-score-change30">{s?.available ? fmtChange(s.change30) : '—'}</TableCell>
                  <TableCell>{s?.available ? fmtDate(s.day) : '—'}</TableCell>
                </TableRow>
              )
            })}
          </TableBody>
        </Table>
      )}
    </div>
  )
}
