// Runs the built app's real window inside xvfb-run (09-window, 10-screens).
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { out } from './browser.mjs'

/**
 * Runs `script` (bash, which starts the app with its log at
 * `$TL_E2E_OUT/<appLog>`) inside xvfb-run on a 1280×800 screen, with the
 * environment `env(attempt)` adds. If the app died of Go's "non-Go code set
 * up signal handler without SA_ONSTACK flag" — WebKit's JavaScriptCore holds
 * the SIGSEGV handler, so any fault in Go, even one Go would recover, kills
 * the app — the crashed attempt's log is kept as <appLog>-attemptN, `reset`
 * clears what the attempt left, and the window starts again (3 tries in all).
 */
export async function runWindow(script, appLog, env, reset = () => {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      await new Promise((res, rej) => {
        const p = spawn('xvfb-run', ['-a', '-s', '-screen 0 1280x800x24', 'bash', '-c', script], {
          env: { ...process.env, ...env(attempt) },
          stdio: 'inherit',
        })
        p.on('exit', (code) => (code === 0 ? res() : rej(new Error('xvfb run failed: ' + code))))
      })
      return
    } catch (e) {
      const file = join(out, appLog)
      const log = existsSync(file) ? readFileSync(file, 'utf8') : ''
      if (attempt >= 3 || !log.includes('SA_ONSTACK')) throw e
      console.log(`the window crashed (Go fault under WebKit's signal handler, see ${appLog}-attempt${attempt}); starting it again`)
      renameSync(file, `${file}-attempt${attempt}`)
      reset()
    }
  }
}
