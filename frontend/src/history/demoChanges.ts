// The demo's "some weeks go by": Go changes a demo tenant's directory
// (History.DemoChangeDirectory: hires, leavers, a disabled account, licences
// and MFA registrations), then the tenant syncs again, so compare and the
// trends have a second snapshot to show. Demo only: Go refuses elsewhere.
// Used by the compare page's demo button and the screenshot tour.
import { errorText, type Backend } from '../api'
import type { DemoChanges } from '../api/history'
import type { TenantRow } from '../api/types'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** 'waiting': the manual-sync cooldown since the last sync (seconds in `waitS`). */
export type DemoStep = 'changing' | 'waiting' | 'syncing'

/** A sync that has finished since `before` (its last sync time then). */
export function syncDone(row: TenantRow | undefined, before: string): boolean {
  return !!row && !row.syncing && !!row.lastSyncAt && row.lastSyncAt !== before && row.lastSyncStatus !== 'running'
}

/**
 * Waits until the tenant's sync that started after `before` has finished;
 * rejects with Go's error text when it failed, or after `timeoutMs`.
 */
export async function waitForSync(b: Backend, tenantId: string, before: string, timeoutMs = 120_000, pollMs = 500): Promise<TenantRow> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const row = (await b.tenants.list()).find((t) => t.id === tenantId)
    if (syncDone(row, before)) {
      if (row!.lastSyncStatus === 'failed' || row!.lastSyncStatus === 'interrupted')
        throw new Error(`The sync of ${row!.displayName} failed: ${row!.lastError || 'see Tenants › sync log'}`)
      return row!
    }
    if (Date.now() > deadline) throw new Error(`The sync of ${row?.displayName ?? tenantId} did not finish within ${Math.round(timeoutMs / 1000)} s; see Tenants › sync log`)
    await sleep(pollMs)
  }
}

/** Changes the demo tenant's directory ("" = Go picks one) and syncs it again. */
export async function simulateDemoChanges(
  b: Backend,
  tenantId: string,
  onStep?: (s: DemoStep, waitS?: number) => void,
  timeoutMs = 120_000,
): Promise<DemoChanges> {
  onStep?.('changing')
  const ch = await b.history.demoChangeDirectory(tenantId)
  const row = (await b.tenants.list()).find((t) => t.id === ch.tenantId)
  const before = row?.lastSyncAt ?? ''
  // A manual sync waits out the cooldown after the last one (Go refuses before).
  if (row && row.cooldownS > 0) {
    onStep?.('waiting', row.cooldownS)
    await sleep(row.cooldownS * 1000 + 250)
  }
  onStep?.('syncing')
  try {
    await b.tenants.syncNow(ch.tenantId)
  } catch (e) {
    throw new Error(`The demo directory changed, but its sync did not start: ${errorText(e)}. Sync ${ch.tenantName} from Tenants.`)
  }
  await waitForSync(b, ch.tenantId, before, timeoutMs)
  return ch
}
