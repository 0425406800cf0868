// Plain data shapes of the bound Go services, from the generated models
// (frontend/wailsjs, `make bindings`). The generated models are classes
// with a convertValues helper; the UI only needs their data, so these strip
// the methods. Every number comes from Go.
import type { bridge, config, doctor, events, main, review } from '../../wailsjs/go/models'

type Fn = (...args: never[]) => unknown

/** The data fields of a generated model class, recursively. */
export type Plain<T> = T extends (infer U)[]
  ? Plain<U>[]
  : T extends object
    ? { [K in keyof T as T[K] extends Fn ? never : K]: Plain<T[K]> }
    : T

// App (main package)
export type AppInfo = Plain<main.AppInfo>
export type DoctorReport = Plain<doctor.Report>
export type ProbeTarget = Plain<main.ProbeTarget>
export type ProbeText = Plain<main.ProbeText>
/** Go's event-name table (backend/events.Names). */
export type EventNames = Plain<events.Names>

// Read models (backend/review), served by the Tenants and Data services
export type Money = Plain<review.Money>
export type TenantRow = Plain<review.TenantRow>
export type OverviewData = Plain<review.Overview>
// Tenants and settings services (backend/bridge)
export type ConnectRequest = Plain<bridge.ConnectRequest>
export type ConnectResult = Plain<bridge.ConnectResult>
export type RunRow = Plain<bridge.RunRow>
export type LogLine = Plain<bridge.LogLine>
export type UserRow = Plain<review.UserRow>
export type UsersView = Plain<review.UsersView>
export type LicenseRow = Plain<review.LicenseRow>
export type LicensesView = Plain<review.LicensesView>
export type MFAView = Plain<review.MFAView>
export type Count = Plain<review.Count>
export type SettingValue = Plain<bridge.SettingValue>
export type SettingsView = Plain<bridge.SettingsView>
export type AppRegistration = Plain<bridge.AppRegistration>
export type Cloud = Plain<config.Cloud>

// Reports
export type ColumnSetting = { key: string; label: string; visible: boolean }
export type PartSettings = { kind: string; label: string; enabled: boolean; columns: ColumnSetting[] }
export type TemplateView = Omit<Plain<bridge.TemplateView>, 'parts'> & { parts: PartSettings[] }
export type ColumnView = Plain<bridge.ColumnView>
export type PartTypeView = Plain<bridge.PartTypeView>
export type VersionRow = Plain<bridge.VersionRow>
export type ReportRow = Plain<bridge.ReportRow>
/** A KPI with Go's verdict on its change: `tone` is good | bad | neutral. */
export type KPIView = Plain<bridge.KPIView>
export type KPITone = 'good' | 'bad' | 'neutral'
export type VersionView = Plain<bridge.VersionView>
export type ExportInput = Plain<bridge.ExportInput>
export type ExportOutcome = Plain<bridge.ExportOutcome>
export type PriceRow = Plain<bridge.PriceRow>
export type ExportFormat = 'xlsx' | 'csv' | 'html'
export type Billing = 'monthly' | 'annual'

/** A SKU seen in a tenant's licences, for the price-list editor. */
export interface SkuOption {
  skuId: string
  partNumber: string
  name: string
}

// Event payloads (Go: backend/events *Payload). No bound method returns
// them, so they are not in the generated models; the names are (EventNames).
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

export interface ExportProgress {
  done: number
  total: number
}

// Clients, contacts import and tenant mapping (backend/bridge/clients.go)
export type * from './clientTypes'
