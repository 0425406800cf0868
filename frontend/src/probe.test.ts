import { afterEach, describe, expect, it } from 'vitest'
import { FakeBackend } from './test/fakeBackend'
import { runTextProbe } from './probe'
import type { ProbeText } from './api'
import { setLocale, FALLBACK_LOCALE } from './format'

afterEach(() => {
  document.body.innerHTML = ''
  setLocale(FALLBACK_LOCALE)
})

describe('text probe', () => {
  it('reads each element Go asks for, with its data-value and the locale, and reports it', async () => {
    document.body.innerHTML = '<div data-testid="kpi-users-value" data-value="2827">2,827</div><p data-testid="locale-preview"> 1 · 2 </p>'
    setLocale('en-GB')
    const got: ProbeText[] = []
    const b = new FakeBackend().backend()
    b.app.textProbe = async () => [
      { page: 'overview', testId: 'kpi-users-value' },
      { page: 'settings', testId: 'locale-preview' },
    ]
    b.app.reportText = async (t) => void got.push(t)
    await runTextProbe(b, 1000)
    expect(got.map(({ engine, ...rest }) => (expect(engine).toBeTruthy(), rest))).toEqual([
      { page: 'overview', testId: 'kpi-users-value', text: '2,827', value: '2827', locale: 'en-GB' },
      { page: 'settings', testId: 'locale-preview', text: '1 · 2', value: '', locale: 'en-GB' },
    ])
    expect(window.location.hash).toBe('#/settings')
  })

  it('reports an empty text for an element that never appears', async () => {
    const got: ProbeText[] = []
    const b = new FakeBackend().backend()
    b.app.textProbe = async () => [{ page: 'overview', testId: 'missing' }]
    b.app.reportText = async (t) => void got.push(t)
    await runTextProbe(b, 300)
    expect(got).toHaveLength(1)
    expect(got[0].text).toBe('')
  })

  it('does nothing when Go lists no targets', async () => {
    let reported = 0
    const b = new FakeBackend().backend()
    b.app.reportText = async () => void reported++
    await runTextProbe(b, 300)
    expect(reported).toBe(0)
  })
})
