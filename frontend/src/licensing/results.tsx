import { Badge } from '@fluentui/react-components'

/** An audit result as a badge (Go: store.Audit* results). */
export function resultBadge(result: string) {
  switch (result) {
    case 'done':
      return <Badge color="success" data-testid="result-badge">Done</Badge>
    case 'failed':
      return <Badge color="danger" data-testid="result-badge">Failed</Badge>
    case 'not_done':
      return <Badge color="warning" data-testid="result-badge">Not done</Badge>
    case 'pending':
      return <Badge color="informative" data-testid="result-badge">Pending</Badge>
    case 'queued':
      return <Badge color="subtle" data-testid="result-badge">Queued</Badge>
    default:
      return <Badge data-testid="result-badge">{result}</Badge>
  }
}
