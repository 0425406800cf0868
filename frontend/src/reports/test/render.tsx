import type { ReactElement } from 'react'
import { renderWith } from '../../test/render'
import { FakeBackend } from '../../test/fakeBackend'
import type { FakeReports } from './fakeReports'

/** Renders `ui` with the one facade: the fake Reports part, and the fake's tenants as Tenants.List(). */
export function renderReports(fake: FakeReports, ui: ReactElement) {
  return renderWith(new FakeBackend({ tenants: fake.state.tenants }, fake), ui)
}
