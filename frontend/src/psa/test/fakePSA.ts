// An in-memory PSABackend: Go's PSA card behaviour the card relies on
// (connect refuses wrong keys and saves nothing; sync records an import).
import type { ContactImport, PSABackend, PSAConnectInput, PSAProgress, PSAStatus } from '../../api/psa'

export class FakePSA {
  status: PSAStatus = { connected: false, kind: '', site: '', companyId: '', lastSync: '', lastError: '', imports: [] }
  /** The private key connect accepts; anything else is refused. */
  goodKey = 'good'
  syncResult: ContactImport = {
    id: 1, source: 'connectwise', fileName: 'ConnectWise PSA', preset: 'connectwise', encoding: '', rows: 42,
    added: 40, updated: 0, unchanged: 0, deactivated: 2, clientsAdded: 5, importedAt: '2026-11-30T10:00:00Z',
  }
  syncError = ''
  calls = { connect: [] as PSAConnectInput[], sync: 0, cancel: 0, disconnect: 0 }
  /** Resolves a pending sync when the test wants (null: resolve at once). */
  hold: Promise<void> | null = null
  private listeners: ((p: PSAProgress) => void)[] = []

  /** Emits psa:progress as Go would. */
  progress(p: PSAProgress) {
    this.listeners.forEach((fn) => fn(p))
  }

  backend(): PSABackend {
    return {
      onProgress: (fn) => {
        this.listeners.push(fn)
        return () => {
          this.listeners = this.listeners.filter((x) => x !== fn)
        }
      },
      status: async () => structuredClone(this.status),
      connect: async (i) => {
        this.calls.connect.push(i)
        if (i.privateKey !== this.goodKey) {
          throw new Error('ConnectWise refused the API keys (401); check the public and private key of the API member')
        }
        this.status = { ...this.status, connected: true, kind: 'connectwise', site: i.site, companyId: i.companyId }
        return structuredClone(this.status)
      },
      sync: async () => {
        this.calls.sync++
        if (this.hold) await this.hold
        if (this.syncError) throw new Error(this.syncError)
        this.status = { ...this.status, lastSync: '2026-11-30T10:00:00Z', imports: [this.syncResult, ...this.status.imports] }
        return structuredClone(this.syncResult)
      },
      cancel: async () => {
        this.calls.cancel++
      },
      disconnect: async () => {
        this.calls.disconnect++
        this.status = { ...this.status, connected: false, site: '', companyId: '' }
        return structuredClone(this.status)
      },
    }
  }
}
