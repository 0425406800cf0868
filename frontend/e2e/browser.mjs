// Launches Debian's Chromium through playwright-core with the flags this
// machine needs (no sandbox as root, no background networking).
import { chromium } from 'playwright-core'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export async function launch() {
  const userDataDir = mkdtempSync(join(process.env.TMPDIR || tmpdir(), 'tl-chromium-'))
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  })
}

export const base = process.env.TL_BASE || 'http://localhost:34115'
export const out = process.env.TL_E2E_OUT || '.'
