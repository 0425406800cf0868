package bridge

import "tenantlens/backend/review"

// The read-model views are review's (the CLI prints the same ones).
type (
	TenantRow    = review.TenantRow
	UserRow      = review.UserRow
	UsersView    = review.UsersView
	LicenseRow   = review.LicenseRow
	LicensesView = review.LicensesView
	MFAView      = review.MFAView
	Count        = review.Count
	Overview     = review.Overview
)

// Data transfer shapes of the bound services. Times are RFC 3339 strings
// ("" when unknown) so the generated TypeScript is typed without `any`;
// every count and percentage is computed in Go.

// ConnectRequest starts a connection.
type ConnectRequest struct {
	Partner bool   `json:"partner"`
	Tenant  string `json:"tenant"` // GUID or domain, direct mode
}

// ConnectResult is what a finished connection produced.
type ConnectResult struct {
	ConnectionID string      `json:"connectionId"`
	Tenants      []TenantRow `json:"tenants"`
	Warnings     []string    `json:"warnings"`
}

// RunRow is one sync run in the log viewer.
type RunRow struct {
	ID         int64  `json:"id"`
	StartedAt  string `json:"startedAt"`
	FinishedAt string `json:"finishedAt"`
	Status     string `json:"status"`
	Error      string `json:"error"`
	Trigger    string `json:"trigger"`
}

// LogLine is one line of a run's log.
type LogLine struct {
	At      string `json:"at"`
	Level   string `json:"level"`
	Message string `json:"message"`
}
