import { Caption1, Card, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components'

const useStyles = makeStyles({
  card: { minWidth: '140px', flex: '1 1 140px', padding: tokens.spacingHorizontalL, gap: tokens.spacingVerticalXS },
  value: { fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
  danger: { color: tokens.colorPaletteRedForeground1 },
})

/**
 * A headline number; `id` becomes data-testid="kpi-<id>". `raw` (Go's
 * figure before formatting) becomes data-value, so tests can compare the
 * rendered text with the figure.
 */
export function Kpi({ id, label, value, raw, hint, danger }: { id: string; label: string; value: string; raw?: number; hint?: string; danger?: boolean }) {
  const s = useStyles()
  return (
    <Card className={s.card} data-testid={`kpi-${id}`}>
      <Caption1>{label}</Caption1>
      <Text className={mergeClasses(s.value, danger && s.danger)} data-testid={`kpi-${id}-value`} data-value={raw}>
        {value}
      </Text>
      {hint && <Caption1>{hint}</Caption1>}
    </Card>
  )
}

export function KpiRow({ children }: { children: React.ReactNode }) {
  return <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>{children}</div>
}
