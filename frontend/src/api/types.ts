// Plain data shapes of the bound Go services. The generated models are
// classes (with a convertValues helper); the UI only needs their data, so
// these strip the methods. Every number comes from Go.
import type { bridge, config } from '../../wailsjs/go/models'

type Fn = (...args: never[]) => unknown

/** The data fields of a generated model class, recursively. */
export type Plain<T> = T extends (infer U)[]
  ? Plain<U>[]
  : T extends object
    ? { [K in keyof T as T[K] extends Fn ? never : K]: Plain<T[K]> }
    : T

export type TenantRow = Plain<bridge.TenantRow>
export type OverviewData = Plain<bridge.Overview>
export type ConnectRequest = Plain<bridge.ConnectRequest>
export type ConnectResult = Plain<bridge.ConnectResult>
export type RunRow = Plain<bridge.RunRow>
export type LogLine = Plain<bridge.LogLine>
export type UserRow = Plain<bridge.UserRow>
export type UsersView = Plain<bridge.UsersView>
export type LicenseRow = Plain<bridge.LicenseRow>
export type LicensesView = Plain<bridge.LicensesView>
export type MFAView = Plain<bridge.MFAView>
export type Count = Plain<bridge.Count>
export type SettingValue = Plain<bridge.SettingValue>
export type SettingsView = Plain<bridge.SettingsView>
export type AppRegistration = Plain<bridge.AppRegistration>
export type Cloud = Plain<config.Cloud>

// Event payloads (Go: backend/events Sync*/Connect*Payload). They are not in
// the generated models because no bound method returns them.
export interface SyncProgress {
  tenantId: string
  phase: string
  done: number
  total: number
}

export interface SyncFinished {
  tenantId: string
  status: string
  error: string
}

export interface ConnectStatus {
  step: string
  message: string
  signInUrl?: string
  error?: boolean
}
