// The PSA part of the facade: the Settings card of the MSP's ConnectWise
// PSA (backend/bridge/psa.go). Keys go to Go once, on Connect, and are never
// read back: the status carries none.
import * as PSAAPI from '../../wailsjs/go/bridge/PSA'
import { services } from '../../wailsjs/go/models'
import type { bridge, types } from '../../wailsjs/go/models'
import { arr } from './normalize'
import type { Plain } from './types'

export type PSAStatus = Plain<bridge.PSAStatus>
export type PSAConnectInput = Plain<services.PSAConnectInput>
export type ContactImport = Plain<types.ContactImport>
/** psa:progress: records read so far in a phase (companies, contacts). */
export interface PSAProgress {
  phase: string
  done: number
}

export interface PSABackend {
  status(): Promise<PSAStatus>
  /** Go checks site and keys with ConnectWise before saving anything. */
  connect(input: PSAConnectInput): Promise<PSAStatus>
  /** Reads every company and contact; progress arrives through onProgress. */
  sync(): Promise<ContactImport>
  cancel(): Promise<void>
  disconnect(): Promise<PSAStatus>
  onProgress(fn: (p: PSAProgress) => void): () => void
}

export function normPSAStatus(s: PSAStatus): PSAStatus {
  return { ...s, imports: arr(s.imports) }
}

/** sub subscribes to a Go event by its key in the event-name table. */
export function wailsPSA(sub: <T>(key: 'psaProgress', fn: (p: T) => void) => () => void): PSABackend {
  return {
    onProgress: (fn) => sub<PSAProgress>('psaProgress', fn),
    status: async () => normPSAStatus(await PSAAPI.Status()),
    connect: async (i) => normPSAStatus(await PSAAPI.Connect(services.PSAConnectInput.createFrom(i))),
    sync: () => PSAAPI.Sync(),
    cancel: () => PSAAPI.Cancel(),
    disconnect: async () => normPSAStatus(await PSAAPI.Disconnect()),
  }
}
