import type { ReactElement } from 'react'
import { configure, render } from '@testing-library/react'
import { FluentProvider, webLightTheme } from '@fluentui/react-components'
import { BackendProvider } from '../api'
import type { FakeBackend } from './fakeBackend'
import { setPlatformAPI } from 'echarts/core'

// ECharts measures text with a canvas, which jsdom does not have.
setPlatformAPI({ measureText: (text: string) => ({ width: text.length * 7 }) })

// jsdom lacks a few browser APIs the components touch.
if (typeof window !== 'undefined') {
  window.matchMedia ??= ((q: string) => ({
    matches: false,
    media: q,
    onchange: null,
    addEventListener: () => {},
    removeEventListener: () => {},
    addListener: () => {},
    removeListener: () => {},
    dispatchEvent: () => false,
  })) as unknown as typeof window.matchMedia
}

// Layout never changes in jsdom, so an observer that never fires is faithful.
class NoResize {
  observe() {}
  unobserve() {}
  disconnect() {}
}
if (typeof window !== 'undefined' && !('ResizeObserver' in window)) {
  ;(window as unknown as { ResizeObserver: typeof NoResize }).ResizeObserver = NoResize
  ;(globalThis as unknown as { ResizeObserver: typeof NoResize }).ResizeObserver = NoResize
}

// Two shared cores run the whole suite: give async queries room.
configure({ asyncUtilTimeout: 5000 })

/** Renders `ui` inside Fluent with the fake backend. */
export function renderWith(fake: FakeBackend, ui: ReactElement) {
  const backend = fake.backend()
  return render(
    <FluentProvider theme={webLightTheme}>
      <BackendProvider value={backend}>{ui}</BackendProvider>
    </FluentProvider>,
  )
}
