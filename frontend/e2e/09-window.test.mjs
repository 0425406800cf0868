// The real desktop window under Xvfb: start the built binary, screenshot the
// X display with ImageMagick, and check the picture is not blank.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { out } from './browser.mjs'

const bin = process.env.TL_BIN
// `demo` is what `make demo` runs: the window on the built-in demo MSP.
const args = (process.env.TL_WINDOW_ARGS ?? 'demo').split(' ').filter(Boolean)

test('the real window renders under Xvfb', { timeout: 180_000 }, async () => {
  assert.ok(bin && existsSync(bin), `built binary missing: ${bin}`)
  const shot = join(out, 'window.png')
  const home = mkdtempSync(join(out, 'window-home-'))
  mkdirSync(home, { recursive: true })
  // One shell inside xvfb-run: start the app, give it time to paint, grab the root window.
  const script = `"$TL_BIN" ${args.join(' ')} >"$TL_E2E_OUT/window-app.log" 2>&1 & app=$!
for i in $(seq 1 60); do sleep 1; if ! kill -0 $app 2>/dev/null; then echo "app exited"; exit 1; fi
  if [ $i -ge 30 ]; then break; fi; done
xwininfo -root -tree >"$TL_E2E_OUT/windows.txt"; import -window root "${shot}"; kill $app; wait $app 2>/dev/null; exit 0`
  await new Promise((resolve, reject) => {
    const p = spawn('xvfb-run', ['-a', '-s', '-screen 0 1280x800x24', 'bash', '-c', script], {
      env: { ...process.env, TENANTLENS_HOME: home },
      stdio: 'inherit',
    })
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error('xvfb run failed: ' + code))))
  })
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
})
