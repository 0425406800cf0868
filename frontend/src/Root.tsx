import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components'
import { useColorScheme } from './theme'
import { Shell } from './Shell'
import { BackendProvider } from './api'
import { LocaleProvider } from './locale'

export function Root() {
  const scheme = useColorScheme()
  return (
    <FluentProvider theme={scheme === 'dark' ? webDarkTheme : webLightTheme} style={{ height: '100vh' }}>
      <BackendProvider>
        <LocaleProvider>
          <Shell />
        </LocaleProvider>
      </BackendProvider>
    </FluentProvider>
  )
}
