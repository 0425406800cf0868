// Plain data shapes of the bound Clients service (backend/bridge/clients.go),
// from the generated models. Every figure comes from Go (review.ClientAt,
// review.Mapping); the pages compute none.
import type { bridge, contactcsv, review, services } from '../../wailsjs/go/models'
import type { Plain } from './types'

export type ClientRow = Plain<review.ClientRow>
export type ClientRef = Plain<bridge.ClientRef>
export type ClientKPIs = Plain<bridge.ClientKPIs>
export type ClientTenantRow = Plain<bridge.ClientTenantRow>
export type ContactRow = Plain<review.ContactRow>
export type FindingRow = Plain<bridge.FindingRow>
export type ClientDetail = Plain<bridge.ClientDetail>
export type ColumnMapping = Plain<contactcsv.Mapping>
export type ImportInput = Plain<bridge.ImportInput>
export type ImportView = Plain<bridge.ImportView>
export type ImportProblem = Plain<bridge.ImportProblem>
export type ImportFailure = Plain<bridge.ImportFailure>
export type MappingView = Plain<review.MappingView>
export type MappingRow = Plain<review.MappingRow>
export type MappingSuggestion = Plain<review.MappingSuggestion>
export type MapPair = Plain<bridge.MapPair>
export type MapSelectedResult = Plain<bridge.MapSelectedResult>
export type AutoMapResult = Plain<services.AutoMapResult>
export type ClientExportInput = Plain<bridge.ClientExportInput>

/** A merged record's category (Go: derive.Match). */
export type MatchKind = 'matched' | 'contact_only' | 'account_only'
/** The merge direction of a client's contacts view. */
export type MergeFrom = 'accounts' | 'contacts'
/** The import presets Go knows ('' detects). */
export type ImportPreset = '' | 'connectwise' | 'autotask' | 'halo' | 'generic'
