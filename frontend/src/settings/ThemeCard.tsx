// Settings › Appearance: light, dark or the system's setting (theme.ts).
import { Card, Radio, RadioGroup, Text, Title3 } from '@fluentui/react-components'
import { setThemePref, themePrefs, useThemePref, type ThemePref } from '../theme'

export function ThemeCard() {
  const pref = useThemePref()
  return (
    <Card data-testid="theme-card">
      <Title3>Appearance</Title3>
      <Text>Colours of the window, its grids and charts. Remembered on this computer.</Text>
      <RadioGroup layout="horizontal" value={pref} onChange={(_, d) => setThemePref(d.value as ThemePref)} aria-label="Theme" data-testid="theme-switch">
        {themePrefs.map((t) => (
          <Radio key={t.value} value={t.value} label={t.label} data-testid={`theme-${t.value}`} />
        ))}
      </RadioGroup>
    </Card>
  )
}
