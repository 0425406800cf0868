package review

// The views a user sees, shared by the window's bound services and the
// command line's --json output. Times are RFC 3339 strings ("" when
// unknown); every count and percentage is computed here.

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
	MFAAvailable bool `json:"mfaAvailable"`
	// Inactive counts inactive accounts (enabled, not a resource account,
	// no sign-in or activity for InactiveDays), -1 when unknown;
	// InactiveLicensed the licensed ones among them (the reclaim list's
	// inactive rows). InactiveDays is the threshold used (the Settings value).
	Inactive         int `json:"inactive"`
	InactiveLicensed int `json:"inactiveLicensed"`
	InactiveDays     int `json:"inactiveDays"`
	UnusedLicenses   int `json:"unusedLicenses"`
	// MonthlyWaste is unused licence cost + reclaimable cost in Currency
	// ("" no price list, MIXED prices in several currencies: not shown).
	MonthlyWaste float64 `json:"monthlyWaste"`
	Currency     string  `json:"currency"`
	// Notes on what the data cannot show (P1, anonymised reports...).
	Notes []string `json:"notes"`
	// SecureScore is the tenant's stored Secure Score and its trend.
	SecureScore SecureScoreView `json:"secureScore"`
	// Live state.
	Syncing   bool   `json:"syncing"`
	Phase     string `json:"phase"`
	Done      int    `json:"done"`
	Total     int    `json:"total"`
	CooldownS int    `json:"cooldownS"` // seconds until Sync now is allowed
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

	// MFAEnforcement is who requires MFA of the user (securityDefaults |
	// conditionalAccess | perUser | none | unknown), MFAEnforcementDetail
	// the policy names, MFACombined the state with registration
	// (protected | registeredNotRequired | requiredNotRegistered | atRisk |
	// notApplicable | unknown). MFAStatus keeps its meaning (registered).
	MFAEnforcement        string `json:"mfaEnforcement"`
	MFAEnforcementDetail  string `json:"mfaEnforcementDetail"`
	MFAEnforcementPartial bool   `json:"mfaEnforcementPartial"`
	MFACombined           string `json:"mfaCombined"`

	UserLicensing // licence sources, assignment errors, per-service activity (licstates.go)
}

// UsersView is the Users page data for one tenant (or all).
type UsersView struct {
	Rows     []UserRow `json:"rows"`
	DataDate string    `json:"dataDate"`
	Notes    []string  `json:"notes"`
	// InactiveDays is the Settings threshold (the Users filter's default).
	InactiveDays int `json:"inactiveDays"`
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
	Rows     []LicenseRow `json:"rows"`
	DataDate string       `json:"dataDate"`
	// MonthlyTotal and UnusedTotal are in Currency (0 when MIXED).
	MonthlyTotal     float64 `json:"monthlyTotal"`
	UnusedTotal      float64 `json:"unusedTotal"`
	Currency         string  `json:"currency"`
	FlaggedCount     int     `json:"flaggedCount"`
	CatalogUpdatedAt string  `json:"catalogUpdatedAt"`
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

	// Enforcement and Combined count users per mfaEnforcement and per
	// combined state; SecurityNotes say what could not be read (the fix).
	Enforcement   []Count  `json:"enforcement"`
	Combined      []Count  `json:"combined"`
	SecurityNotes []string `json:"securityNotes"`
}

// Count is a labelled number (chart data).
type Count struct {
	Label string `json:"label"`
	Value int    `json:"value"`
}

// Overview is the landing page across every tenant.
type Overview struct {
	Tenants        int     `json:"tenants"`
	Synced         int     `json:"synced"`
	Failing        int     `json:"failing"`
	Users          int     `json:"users"`
	Licensed       int     `json:"licensed"`
	MFACoveragePct float64 `json:"mfaCoveragePct"`
	UnusedLicenses int     `json:"unusedLicenses"`
	// MonthlyWaste sums the tenants' waste when they share one currency
	// (Currency); with several (Currency MIXED) it is 0 and WasteByCurrency
	// lists each currency's total.
	MonthlyWaste    float64 `json:"monthlyWaste"`
	Currency        string  `json:"currency"`
	WasteByCurrency []Money `json:"wasteByCurrency"`
	// Inactive accounts and inactive licensed accounts over the synced
	// tenants whose activity is known, at InactiveDays (the Settings value).
	Inactive         int         `json:"inactive"`
	InactiveLicensed int         `json:"inactiveLicensed"`
	InactiveDays     int         `json:"inactiveDays"`
	Rows             []TenantRow `json:"rows"`
}
