import type { ReactElement } from 'react'
import { render } from '@testing-library/react'
import { FluentProvider, webLightTheme } from '@fluentui/react-components'
import '../../test/render' // jsdom shims (matchMedia, ResizeObserver)
import { ReportsProvider } from '../context'
import type { FakeReports } from './fakeReports'

/** Renders `ui` inside Fluent with the fake Reports service. */
export function renderReports(fake: FakeReports, ui: ReactElement) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <ReportsProvider value={fake.backend()}>{ui}</ReportsProvider>
    </FluentProvider>,
  )
}
