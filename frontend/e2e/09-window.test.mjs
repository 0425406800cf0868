// The real desktop window under Xvfb: start the built binary, screenshot the
// X display with ImageMagick, and check the picture is not blank. Then
// compare what the real window (WebKitGTK) rendered with what Chromium
// renders for the same figures: the window runs with the text probe on
// (TENANTLENS_TEXT_PROBE, see probe.go and src/probe.ts), so its frontend
// reads each listed element's laid-out text (innerText) and Go writes it to
// a file; Playwright reads the same elements in Chromium against the app in
// Wails' dev mode (scripts/e2e.sh).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { transformWithEsbuild } from 'vite'
import { base, launch, out } from './browser.mjs'
import { runWindow } from './xwindow.mjs'

/** The app's own format module (src/format.ts, no imports), as JavaScript a page can import. */
async function formatModule() {
  const file = join(import.meta.dirname, '../src/format.ts')
  const js = await transformWithEsbuild(readFileSync(file, 'utf8'), file, { format: 'esm' })
  return 'data:text/javascript;base64,' + Buffer.from(js.code).toString('base64')
}

const bin = process.env.TL_BIN
// `demo` is what `make demo` runs: the window on the built-in demo MSP.
const args = (process.env.TL_WINDOW_ARGS ?? 'demo').split(' ').filter(Boolean)
const probeFile = join(out, 'window-text.jsonl')
// The Settings' sample figures (fixed numbers, so both engines format the
// same values), then a figure from the demo's data.
const probeIds = ['settings:locale-preview', 'overview:kpi-users-value', 'overview:kpi-licensed-value']

/** The window's latest report per probed element, in probe order. */
function probed() {
  if (!existsSync(probeFile)) return []
  const last = new Map()
  for (const l of readFileSync(probeFile, 'utf8').split('\n').filter(Boolean)) {
    const p = JSON.parse(l)
    last.set(`${p.page}:${p.testId}`, p)
  }
  return probeIds.filter((id) => last.has(id)).map((id) => last.get(id))
}

test('the real window renders under Xvfb and reports its rendered text', { timeout: 300_000 }, async () => {
  assert.ok(bin && existsSync(bin), `built binary missing: ${bin}`)
  const shot = join(out, 'window.png')
  const home = mkdtempSync(join(out, 'window-home-'))
  mkdirSync(home, { recursive: true })
  // One shell inside xvfb-run: start the app, wait until its frontend has
  // reported every probed element (at least 30 s so it has painted), grab the
  // root window.
  const script = `"$TL_BIN" ${args.join(' ')} >"$TL_E2E_OUT/window-app.log" 2>&1 & app=$!
for i in $(seq 1 180); do sleep 1; if ! kill -0 $app 2>/dev/null; then echo "app exited"; exit 1; fi
  n=0; if [ -f "$TENANTLENS_TEXT_PROBE" ]; then n=$(wc -l <"$TENANTLENS_TEXT_PROBE"); fi
  if [ $i -ge 30 ] && [ "$n" -ge ${probeIds.length} ]; then break; fi; done
xwininfo -root -tree >"$TL_E2E_OUT/windows.txt"; import -window root "${shot}"; kill $app; wait $app 2>/dev/null; exit 0`
  const env = () => ({ TENANTLENS_HOME: home, TENANTLENS_TEXT_PROBE: probeFile, TENANTLENS_TEXT_PROBE_IDS: probeIds.join(',') })
  await runWindow(script, 'window-app.log', env, () => rmSync(probeFile, { force: true }))
  assert.ok(existsSync(shot), 'no screenshot written')
  // The X server holds a top-level window titled as the app names itself.
  const tree = readFileSync(join(out, 'windows.txt'), 'utf8')
  const title = args[0] === 'demo' ? 'TenantLens — Demo data' : 'TenantLens'
  assert.ok(tree.includes(`"${title}"`), `no window titled ${title} in:\n${tree}`)
  // A blank display is one colour; the shell has text, icons and panels.
  const colours = Number(execFileSync('identify', ['-format', '%k', shot]).toString().trim())
  const [w, h] = execFileSync('identify', ['-format', '%w %h', shot]).toString().trim().split(' ').map(Number)
  assert.equal(w, 1280)
  assert.equal(h, 800)
  assert.ok(colours > 64, `screenshot looks blank: only ${colours} colours`)
  // The window is light, not the X root's black: the mean brightness is high.
  const mean = Number(execFileSync('convert', [shot, '-colorspace', 'Gray', '-format', '%[fx:mean]', 'info:']).toString().trim())
  assert.ok(mean > 0.5, `screenshot mostly dark (mean ${mean}): window not painted?`)
  // The window's own web view reported every probed element.
  const got = probed()
  assert.deepEqual(got.map((p) => `${p.page}:${p.testId}`), probeIds, `probe file:\n${readFileSync(probeFile, 'utf8')}`)
  for (const p of got) assert.ok(p.text, `the window rendered no text for ${p.testId}`)
  assert.match(got[0].engine, /AppleWebKit/, 'the probe did not come from the WebKit window')
  assert.doesNotMatch(got[0].engine, /Chrome\//, 'the probe came from Chromium, not the WebKit window')
})

test('a number reads the same in the real window (WebKitGTK) and in Chromium', { timeout: 180_000 }, async () => {
  const got = probed()
  assert.equal(got.length, probeIds.length, 'the window test did not report its texts')
  const ctx = await launch()
  try {
    const page = await ctx.newPage()
    await page.goto(base + '/#/settings', { waitUntil: 'domcontentloaded' })
    const preview = page.getByTestId('locale-preview')
    await preview.waitFor({ timeout: 60_000 })
    const chromium = (await preview.innerText()).trim()
    const tag = await page.evaluate(() => window.go.bridge.Settings.Locale())
    const [win, ...figures] = got
    console.log(`# locale ${win.locale}: window "${win.text}" | chromium "${chromium}" (${tag})`)
    assert.equal(win.locale, tag, 'the window and the dev-mode app formatted with different locales')
    assert.equal(win.text, chromium, 'the same figures read differently in WebKitGTK and Chromium')
    // The demo's figures as the window showed them, against the same raw
    // figures put through the app's own format module in Chromium.
    const fmtUrl = await formatModule()
    for (const f of figures) {
      assert.ok(f.value !== '', `${f.testId} carried no data-value`)
      const want = await page.evaluate(
        async ([url, v, tag]) => {
          const fmt = await import(url)
          return fmt.fmtInt(v, tag)
        },
        [fmtUrl, Number(f.value), win.locale],
      )
      console.log(`# ${f.testId} = ${f.value}: window "${f.text}" | chromium "${want}"`)
      assert.equal(f.text, want, `${f.testId}: the window and Chromium format ${f.value} differently`)
    }
  } finally {
    await ctx.close()
  }
})
