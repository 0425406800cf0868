package bridge

// Data transfer shapes of the bound services. Times are RFC 3339 strings
// ("" when unknown) so the generated TypeScript is typed without `any`;
// every count and percentage is computed in Go.

// TenantRow is one line of the Tenants page.
type TenantRow struct {
	ID             string   `json:"id"`
	DisplayName    string   `json:"displayName"`
	DefaultDomain  string   `json:"defaultDomain"`
	ConnectionID   string   `json:"connectionId"`
	ConnectionKind string   `json:"connectionKind"` // direct | partner
	Access         string   `json:"access"`         // ready | needs_consent | no_access
	AccessDetail   string   `json:"accessDetail"`
	RoleWarnings   []string `json:"roleWarnings"`
	Demo           bool     `json:"demo"`
	// Last sync.
	LastSyncAt     string `json:"lastSyncAt"`
	LastSyncStatus string `json:"lastSyncStatus"` // succeeded | failed | interrupted | running | ""
	LastError      string `json:"lastError"`
	HasSnapshot    bool   `json:"hasSnapshot"`
	DataDate       string `json:"dataDate"` // when the current snapshot was taken
	// Current snapshot figures (zero when HasSnapshot is false).
	Users          int     `json:"users"`
	Licensed       int     `json:"licensed"`
	MFACoveragePct float64 `json:"mfaCoveragePct"`
	// MFAAvailable is false when the tenant's MFA data could not be read
	// (MFACoveragePct is then 0 and must not be shown as a figure).
	MFAAvailable   bool `json:"mfaAvailable"`
	Inactive       int  `json:"inactive"` // -1 unknown
	UnusedLicenses int  `json:"unusedLicenses"`
	// Notes on what the data cannot show (P1, anonymised reports...).
	Notes []string `json:"notes"`
	// Live state.
	Syncing   bool   `json:"syncing"`
	Phase     string `json:"phase"`
	Done      int    `json:"done"`
	Total     int    `json:"total"`
	CooldownS int    `json:"cooldownS"` // seconds until Sync now is allowed
}

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

// UserRow is one line of the Users grid.
type UserRow struct {
	TenantID          string   `json:"tenantId"`
	TenantName        string   `json:"tenantName"`
	ID                string   `json:"id"`
	DisplayName       string   `json:"displayName"`
	UserPrincipalName string   `json:"userPrincipalName"`
	Mail              string   `json:"mail"`
	Department        string   `json:"department"`
	JobTitle          string   `json:"jobTitle"`
	UserType          string   `json:"userType"`
	AccountEnabled    bool     `json:"accountEnabled"`
	Deleted           bool     `json:"deleted"`
	ResourceAccount   bool     `json:"resourceAccount"`
	RecipientType     string   `json:"recipientType"`
	LicenseNames      []string `json:"licenseNames"`
	LicenseParts      []string `json:"licenseParts"`
	MFAStatus         string   `json:"mfaStatus"`
	MFASource         string   `json:"mfaSource"`
	MFAMethods        []string `json:"mfaMethods"`
	MFADefaultMethod  string   `json:"mfaDefaultMethod"`
	MFAReason         string   `json:"mfaReason"`
	IsAdmin           bool     `json:"isAdmin"`
	LastSignIn        string   `json:"lastSignIn"`
	LastActivity      string   `json:"lastActivity"`
	LastSeen          string   `json:"lastSeen"`
	DaysInactive      int      `json:"daysInactive"` // -1 unknown
	EmailsSent        int      `json:"emailsSent"`   // -1 unknown
	EmailsRead        int      `json:"emailsRead"`   // -1 unknown
	Created           string   `json:"created"`
}

// UsersView is the Users page data for one tenant (or all).
type UsersView struct {
	Rows     []UserRow `json:"rows"`
	DataDate string    `json:"dataDate"`
	Notes    []string  `json:"notes"`
}

// LicenseRow is one SKU of a tenant.
type LicenseRow struct {
	TenantID    string  `json:"tenantId"`
	TenantName  string  `json:"tenantName"`
	SkuID       string  `json:"skuId"`
	Name        string  `json:"name"`
	PartNumber  string  `json:"partNumber"`
	Status      string  `json:"status"`
	Purchased   int     `json:"purchased"`
	Suspended   int     `json:"suspended"`
	Warning     int     `json:"warning"`
	Assigned    int     `json:"assigned"`
	Available   int     `json:"available"`
	Flag        string  `json:"flag"` // "" | over-assigned | suspended | warning
	UnitPrice   float64 `json:"unitPrice"`
	Currency    string  `json:"currency"`
	MonthlyCost float64 `json:"monthlyCost"`
	UnusedCost  float64 `json:"unusedCost"`
	Priced      bool    `json:"priced"`
}

// LicensesView is the Licenses page data.
type LicensesView struct {
	Rows             []LicenseRow `json:"rows"`
	DataDate         string       `json:"dataDate"`
	MonthlyTotal     float64      `json:"monthlyTotal"`
	UnusedTotal      float64      `json:"unusedTotal"`
	Currency         string       `json:"currency"`
	FlaggedCount     int          `json:"flaggedCount"`
	CatalogUpdatedAt string       `json:"catalogUpdatedAt"`
}

// MFAView is the MFA page data: coverage and users without MFA first.
type MFAView struct {
	DataDate      string    `json:"dataDate"`
	Available     bool      `json:"available"`
	Reason        string    `json:"reason"` // why unavailable, and the fix
	Registered    int       `json:"registered"`
	Eligible      int       `json:"eligible"`
	CoveragePct   float64   `json:"coveragePct"`
	Unregistered  int       `json:"unregistered"`
	AdminsWithout int       `json:"adminsWithout"`
	SourceNote    string    `json:"sourceNote"`
	ByMethod      []Count   `json:"byMethod"`
	Rows          []UserRow `json:"rows"` // without MFA first
}

// Count is a labelled number (chart data).
type Count struct {
	Label string `json:"label"`
	Value int    `json:"value"`
}

// Overview is the landing page across every tenant.
type Overview struct {
	Tenants        int         `json:"tenants"`
	Synced         int         `json:"synced"`
	Failing        int         `json:"failing"`
	Users          int         `json:"users"`
	Licensed       int         `json:"licensed"`
	MFACoveragePct float64     `json:"mfaCoveragePct"`
	UnusedLicenses int         `json:"unusedLicenses"`
	MonthlyWaste   float64     `json:"monthlyWaste"`
	Currency       string      `json:"currency"`
	Rows           []TenantRow `json:"rows"`
}
