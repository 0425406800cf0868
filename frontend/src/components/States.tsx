import type { ReactNode } from 'react'
import { Button, Card, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, Text, Title3 } from '@fluentui/react-components'

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return <Spinner data-testid="loading" label={label} style={{ margin: '48px auto' }} />
}

export function ErrorState({ error, onRetry }: { error: string; onRetry?: () => void }) {
  return (
    <MessageBar intent="error" data-testid="error-state">
      <MessageBarBody>
        <MessageBarTitle>Could not load</MessageBarTitle>
        {error}
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button onClick={onRetry}>Retry</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  )
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Card data-testid="page-empty" style={{ maxWidth: 640 }}>
      <Title3>{title}</Title3>
      {children && <Text>{children}</Text>}
    </Card>
  )
}
