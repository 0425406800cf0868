// Screenshots of the real desktop window (WebKitGTK under Xvfb, the
// mechanism of 09-window.test.mjs) for each page below, in light and dark,
// into test-artifacts/screenshots/ at the repository's root. The window runs
// the demo with the text probe on. Before the first step the window brings
// the fresh demo to what an MSP sees after some weeks (shots.ts
// prepareDemoShots: tenants mapped to clients, one tenant's directory changed
// and synced again, a finished quarterly review), so the client dashboard and
// compare show real content. Each "route@theme" target then makes it switch
// theme, open the route, wait for the element and for loading to finish, and
// report; this test grabs the X display at each report.
// A new page is one line in `screens`.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { out } from './browser.mjs'
import { runWindow } from './xwindow.mjs'

/**
 * name: file name; route: hash route ({client}/{tenant}: the prepared client
 * and tenant; a|b: first that resolves); testId: what to wait for, chosen so
 * that it appears only with real content (a compare result, not the "one
 * snapshot" note; a report in the list, not the empty state).
 */
export const screens = [
  { name: 'overview', route: 'overview', testId: 'overview-clients' },
  { name: 'client-dashboard', route: 'client/{client}', testId: 'dash-mfa' },
  { name: 'compare', route: 'compare/client/{client}', testId: 'compare-result' },
  { name: 'users', route: 'users', testId: 'user-count' },
  { name: 'licenses', route: 'licenses', testId: 'license-count' },
  { name: 'mfa', route: 'mfa', testId: 'kpi-coverage-value' },
  { name: 'reports', route: 'reports', testId: 'report-list' },
  { name: 'settings', route: 'settings', testId: 'theme-card' },
]
const themes = ['light', 'dark']
const steps = themes.flatMap((theme) => screens.map((s) => ({ ...s, theme })))

const bin = process.env.TL_BIN
const dir = resolve(process.env.TL_SCREENS_OUT ?? join(import.meta.dirname, '../../test-artifacts/screenshots'))
const probeFile = join(out, 'screens-probe.jsonl')

test('the real window is screenshotted on each page in light and dark', { timeout: 1_500_000 }, async () => {
  assert.ok(bin && existsSync(bin), `built binary missing: ${bin}`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  rmSync(probeFile, { force: true })
  let home = mkdtempSync(join(out, 'screens-home-'))
  const ids = steps.map((s) => `${s.route}@${s.theme}:${s.testId}`)
  // Inside xvfb-run: start the demo window, grab the display each time the
  // window reports a step (it holds still for 1.5 s after reporting).
  const script = `"$TL_BIN" demo >"$TL_E2E_OUT/screens-app.log" 2>&1 & app=$!
taken=0
for i in $(seq 1 4800); do sleep 0.1
  if ! kill -0 $app 2>/dev/null; then echo "app exited"; exit 1; fi
  n=0; if [ -f "$TENANTLENS_TEXT_PROBE" ]; then n=$(wc -l <"$TENANTLENS_TEXT_PROBE"); fi
  while [ $taken -lt $n ]; do import -window root "$SHOTS/shot-$taken.png"; taken=$((taken+1)); done
  if [ $taken -ge ${steps.length} ]; then break; fi
done
kill $app; wait $app 2>/dev/null; exit 0`
  const started = Date.now()
  const env = () => ({ SHOTS: dir, TENANTLENS_HOME: home, TENANTLENS_TEXT_PROBE: probeFile, TENANTLENS_TEXT_PROBE_IDS: ids.join(',') })
  await runWindow(script, 'screens-app.log', env, () => {
    home = mkdtempSync(join(out, 'screens-home-')) // the crashed run's half-done syncs would hold the sync cooldown
    rmSync(probeFile, { force: true })
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
  })
  const lines = existsSync(probeFile) ? readFileSync(probeFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []
  assert.equal(lines.length, steps.length, `the window reported ${lines.length} of ${steps.length} steps`)
  const problems = []
  for (const [i, s] of steps.entries()) {
    const got = lines[i]
    const file = join(dir, `${s.name}-${s.theme}.png`)
    assert.equal(got.page, `${s.route}@${s.theme}`, `step ${i} out of order`)
    renameSync(join(dir, `shot-${i}.png`), file)
    if (!got.text) problems.push(`${s.name} (${s.theme}): the window never showed ${s.testId} on #/${got.value || s.route}`)
    const [w, h] = execFileSync('identify', ['-format', '%w %h', file]).toString().trim().split(' ').map(Number)
    assert.deepEqual([w, h], [1280, 800], file)
    const colours = Number(execFileSync('identify', ['-format', '%k', file]).toString().trim())
    assert.ok(colours > 64, `${file} looks blank: ${colours} colours`)
    // The theme really changed: light pages are mostly bright, dark ones mostly dark.
    const mean = Number(execFileSync('convert', [file, '-colorspace', 'Gray', '-format', '%[fx:mean]', 'info:']).toString().trim())
    if (s.theme === 'light') assert.ok(mean > 0.6, `${file} is not light (mean ${mean})`)
    else assert.ok(mean < 0.4, `${file} is not dark (mean ${mean})`)
    console.log(`# ${s.name}-${s.theme}.png: #/${got.value} mean brightness ${mean.toFixed(2)}`)
  }
  console.log(`# ${steps.length} screenshots in ${dir} (${((Date.now() - started) / 1000).toFixed(0)} s)`)
  assert.deepEqual(problems, [])
})
