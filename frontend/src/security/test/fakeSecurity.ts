// The Security part of the fake backend: posture fixtures by tenant id,
// the calls made, and failures by tenant id (rejected like Go's errors).
import type { Posture, SecurityBackend } from '../../api/security'

export class FakeSecurity {
  postures: Record<string, Posture>
  fail: Record<string, string> = {}
  calls: string[] = []

  constructor(postures: Record<string, Posture> = {}) {
    this.postures = postures
  }

  backend(): SecurityBackend {
    return {
      posture: (id) => {
        this.calls.push(id)
        const msg = this.fail[id]
        if (msg) return Promise.reject(msg)
        const p = this.postures[id]
        return p ? Promise.resolve(p) : Promise.reject(new Error(`no posture fixture for ${id}`))
      },
    }
  }
}
