import { afterEach, describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor } from '@testing-library/react'
import { LocaleProvider } from './locale'
import { Settings } from './pages/Settings'
import { Overview } from './pages/Overview'
import { FakeBackend } from './test/fakeBackend'
import { renderWith } from './test/render'
import { overview, settingDefaults, settingsView } from './test/fixtures'
import { currentLocale, FALLBACK_LOCALE, localePreview, setLocale } from './format'

afterEach(() => setLocale(FALLBACK_LOCALE))

describe('the locale Go names formats every page', () => {
  it('formats the Overview in Go’s locale, not the engine’s', async () => {
    const f = new FakeBackend({ locale: 'de-DE', overview: { ...overview, users: 2827, monthlyWaste: 17819.5, currency: 'EUR' }, tenants: overview.rows })
    renderWith(f, <LocaleProvider><Overview info={null} onNavigate={() => {}} /></LocaleProvider>)
    expect((await screen.findByTestId('kpi-users-value')).textContent).toBe('2.827')
    expect(screen.getByTestId('kpi-waste-value').textContent).toMatch(/^17\.819,50\s€$/)
    expect(currentLocale()).toBe('de-DE')
  })

  it('without a backend the fixed fallback applies', async () => {
    const f = new FakeBackend({ fail: { locale: 'window.go is undefined' } })
    renderWith(f, <LocaleProvider><span data-testid="x">{'ok'}</span></LocaleProvider>)
    await screen.findByTestId('x')
    expect(currentLocale()).toBe(FALLBACK_LOCALE)
  })

  it('a locale saved in Settings applies at once; the preview shows it', async () => {
    const f = new FakeBackend({ settings: settingsView(), settingDefaults, locale: 'en-US' })
    renderWith(f, <LocaleProvider><Settings info={null} /></LocaleProvider>)
    expect((await screen.findByTestId('locale-preview')).textContent).toBe(localePreview('en-US'))
    fireEvent.change(await screen.findByTestId('setting-ui.locale'), { target: { value: 'de-DE' } })
    fireEvent.click(screen.getByTestId('settings-save'))
    await waitFor(() => expect(screen.getByTestId('locale-preview').textContent).toBe(localePreview('de-DE')))
    expect(f.state.saves).toEqual([{ 'ui.locale': 'de-DE' }])
    expect(screen.getByTestId('locale-preview').textContent).toContain('2.827')
  })
})
