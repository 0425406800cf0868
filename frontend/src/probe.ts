// The e2e text probe (Go: probe.go). When TENANTLENS_TEXT_PROBE is set, Go
// lists elements to read; this visits each page, waits for the element and
// reports its rendered text (innerText, as this web view laid it out) with
// its data-value and the locale used. The suite compares that with
// Chromium's rendering of the same figure. Does nothing normally.
import type { Backend, ProbeTarget, ProbeText } from './api'
import { currentLocale } from './format'
import { enterShot, HOLD_MS, parseShot, prepareDemoShots, settle, shotNames, type ShotNames } from './shots'

/** innerText is the text as laid out (what a user sees); jsdom has only textContent. */
export function rendered(el: HTMLElement): string {
  return (el.innerText ?? el.textContent ?? '').trim()
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The element's rendered text once it has some (or null after `timeoutMs`). */
export async function readRendered(doc: Document, testId: string, timeoutMs: number): Promise<HTMLElement | null> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const el = [...doc.querySelectorAll<HTMLElement>('[data-testid]')].find((e) => e.dataset.testid === testId)
    if (el && rendered(el) !== '') return el
    if (Date.now() > deadline) return null
    await sleep(250)
  }
}

export function probeText(t: ProbeTarget, el: HTMLElement | null, locale: string, engine: string): ProbeText {
  return {
    page: t.page,
    testId: t.testId,
    text: el ? rendered(el) : '',
    value: el?.dataset.value ?? '',
    locale,
    engine,
  }
}

/** The demo is prepared for the tour first (shots.ts); elsewhere the names are what is there. */
async function shotsNamesFor(b: Backend): Promise<ShotNames> {
  try {
    if ((await b.app.info()).demo) return await prepareDemoShots(b)
  } catch (e) {
    console.error('screenshot tour: preparing the demo failed:', e)
  }
  return shotNames(b)
}

// Backends already probing: a re-mounted shell does not start a second run.
const started = new WeakSet<Backend>()

/** Runs the probe if Go asks for one (once per backend, i.e. per page load). */
export async function runTextProbe(b: Backend, timeoutMs = 120_000): Promise<void> {
  if (started.has(b)) return
  started.add(b)
  let targets: ProbeTarget[]
  try {
    targets = await b.app.textProbe()
  } catch {
    return // no backend
  }
  let names: ShotNames | null = null
  for (const t of targets) {
    // "route@theme": a screenshot step (shots.ts).
    const shot = parseShot(t.page)
    if (shot) {
      names ??= await shotsNamesFor(b)
      const route = enterShot(shot, names)
      const el = route == null ? null : await readRendered(document, t.testId, timeoutMs)
      if (el) await settle(document)
      await b.app.reportText({ ...probeText(t, el, currentLocale(), navigator.userAgent), value: route ?? '' })
      await sleep(HOLD_MS)
      continue
    }
    window.location.hash = '/' + t.page
    const el = await readRendered(document, t.testId, timeoutMs)
    await b.app.reportText(probeText(t, el, currentLocale(), navigator.userAgent))
  }
}
