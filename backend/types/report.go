package types

import "time"

// PartKind names a part of a report template. Each kind is one workbook
// sheet, one CSV file and one HTML section.
type PartKind string

const (
	PartSummary  PartKind = "summary"
	PartUsers    PartKind = "users"
	PartLicenses PartKind = "licenses"
	PartMFA      PartKind = "mfa"
	PartReclaim  PartKind = "reclaim"
)

// ColumnSetting is one column of a part as a template (or a report version)
// lays it out: Key names the column in the part's registry, Label is what the
// client sees (empty = the default label), Visible hides or shows it. The
// order of a part's ColumnSettings is the column order.
type ColumnSetting struct {
	Key     string `json:"key"`
	Label   string `json:"label"`
	Visible bool   `json:"visible"`
}

// PartSettings is one part of a template: its sheet label, whether it is in
// the report at all, and its column layout. The order of a template's parts
// is the sheet order.
type PartSettings struct {
	Kind    PartKind        `json:"kind"`
	Label   string          `json:"label"`
	Enabled bool            `json:"enabled"`
	Columns []ColumnSetting `json:"columns"`
}

// DefaultInactiveDays is the reclaim threshold when a template sets none.
const DefaultInactiveDays = 90

// Template is a named report layout.
type Template struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	IsDefault    bool   `json:"isDefault"`
	InactiveDays int    `json:"inactiveDays"`
	// MergeFrom is a client report's contacts merge direction: "accounts"
	// (build from Microsoft 365, add contact data; the default) or
	// "contacts" (build from the PSA's contacts, add Microsoft 365 data).
	MergeFrom string         `json:"mergeFrom"`
	Parts     []PartSettings `json:"parts"`
	CreatedAt time.Time      `json:"createdAt"`
	UpdatedAt time.Time      `json:"updatedAt"`
}

// Report is a series of versions of one tenant's review.
type Report struct {
	ID int64 `json:"id"`
	// A report belongs to a tenant (TenantID) or to a client, spanning all
	// its tenants (ClientID); never both.
	TenantID   string    `json:"tenantId"`
	ClientID   int64     `json:"clientId"`
	Name       string    `json:"name"`
	TemplateID int64     `json:"templateId"` // 0 when the template was deleted
	CreatedAt  time.Time `json:"createdAt"`
}

// VersionStatus is draft (editable, can be refreshed) or final (frozen).
type VersionStatus string

const (
	VersionDraft VersionStatus = "draft"
	VersionFinal VersionStatus = "final"
)

// BillingFrequency is how often a licence price is charged.
type BillingFrequency string

const (
	BillingMonthly BillingFrequency = "monthly"
	BillingAnnual  BillingFrequency = "annual"
)

// Price is the price of one SKU: the list price when TenantID is empty,
// else that tenant's override. UnitPrice is per licence per billing period
// (a month, or a year for annual billing).
type Price struct {
	TenantID   string           `json:"tenantId"`
	SkuID      string           `json:"skuId"`
	PartNumber string           `json:"partNumber"`
	UnitPrice  float64          `json:"unitPrice"`
	Currency   string           `json:"currency"` // ISO 4217, e.g. EUR
	Billing    BillingFrequency `json:"billing"`
	TermStart  *time.Time       `json:"termStart"`
	TermEnd    *time.Time       `json:"termEnd"`
	UpdatedAt  time.Time        `json:"updatedAt"`
}

// Monthly is the price per licence per month.
func (p Price) Monthly() float64 {
	if p.Billing == BillingAnnual {
		return p.UnitPrice / 12
	}
	return p.UnitPrice
}

// VersionSKU freezes, per SKU, the name and price a report version used, so
// reopening a final version shows what was shown then even after the price
// list or the catalog changed. Priced is false when no price was set.
type VersionSKU struct {
	// TenantID: "" in a tenant report's version; in a client report's, the
	// tenant whose SKU and price this is (tenant prices differ).
	TenantID   string           `json:"tenantId"`
	SkuID      string           `json:"skuId"`
	PartNumber string           `json:"partNumber"`
	Name       string           `json:"name"`
	Priced     bool             `json:"priced"`
	UnitPrice  float64          `json:"unitPrice"`
	Currency   string           `json:"currency"`
	Billing    BillingFrequency `json:"billing"`
	TermStart  *time.Time       `json:"termStart"`
	TermEnd    *time.Time       `json:"termEnd"`
	Override   bool             `json:"override"` // the tenant's own price
}

// ReportVersion is one version of a report: the sync runs it was built
// from, the layout, reclaim threshold and prices it used.
type ReportVersion struct {
	ID           int64          `json:"id"`
	ReportID     int64          `json:"reportId"`
	Number       int            `json:"number"`
	Status       VersionStatus  `json:"status"`
	CreatedAt    time.Time      `json:"createdAt"`
	FinalizedAt  *time.Time     `json:"finalizedAt"`
	RunIDs       []int64        `json:"runIds"`
	InactiveDays int            `json:"inactiveDays"`
	Parts        []PartSettings `json:"parts"`
	SKUs         []VersionSKU   `json:"skus"`
	// Contacts a client report's version froze (nil for a tenant report).
	Contacts []PSAContact `json:"contacts"`
	// MergeFrom is the merge direction a client version froze ("" for a
	// tenant report).
	MergeFrom string `json:"mergeFrom"`
}
