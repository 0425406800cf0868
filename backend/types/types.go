// Package types holds the plain data shapes that cross package boundaries:
// sync writes them, store persists them, report and the UI read them.
// No logic that talks to the outside world lives here.
package types

import "time"

// MFAStatus is what a client sees in a review. "Enabled" means the user has
// completed MFA registration, not that an admin assigned it (DESIGN.md).
type MFAStatus string

const (
	MFAEnabled       MFAStatus = "Enabled"
	MFADisabled      MFAStatus = "Disabled"
	MFANotApplicable MFAStatus = "N/A"
	MFAUnavailable   MFAStatus = "Unavailable"
)

// MFASource records which Graph source decided a user's MFA status.
type MFASource string

const (
	MFASourceRegistrationDetails MFASource = "registrationDetails"
	MFASourceAuthMethods         MFASource = "authenticationMethods"
	MFASourceNone                MFASource = "none"
)

// Access is how reachable a connected tenant is.
type Access string

const (
	AccessReady        Access = "ready"
	AccessNeedsConsent Access = "needs_consent"
	AccessNoAccess     Access = "no_access"
	// AccessReconnect: the tenant's sign-in was revoked or expired during a
	// sync; nothing syncs until someone connects it again.
	AccessReconnect Access = "reconnect_needed"
)

// ConnectionKind distinguishes a direct tenant sign-in from a partner (GDAP) one.
type ConnectionKind string

const (
	ConnectionDirect  ConnectionKind = "direct"
	ConnectionPartner ConnectionKind = "partner"
)

// Connection is one sign-in whose refresh token lives in the keychain under
// SecretKey. The token itself is never part of this struct.
type Connection struct {
	ID           string         `json:"id"`
	Kind         ConnectionKind `json:"kind"`
	HomeTenantID string         `json:"homeTenantId"`
	DisplayName  string         `json:"displayName"`
	Username     string         `json:"username"`
	Cloud        string         `json:"cloud"`
	ClientID     string         `json:"clientId"`
	SecretKey    string         `json:"secretKey"`
	CreatedAt    time.Time      `json:"createdAt"`
}

// Tenant is a customer Microsoft 365 tenant TenantLens can sync.
type Tenant struct {
	ID             string     `json:"id"`
	DisplayName    string     `json:"displayName"`
	DefaultDomain  string     `json:"defaultDomain"`
	Domains        []string   `json:"domains"`
	ConnectionID   string     `json:"connectionId"`
	Access         Access     `json:"access"`
	AccessDetail   string     `json:"accessDetail"`
	GDAPRoles      []string   `json:"gdapRoles"`
	RoleWarnings   []string   `json:"roleWarnings"`
	Demo           bool       `json:"demo"`
	CreatedAt      time.Time  `json:"createdAt"`
	CurrentRunID   int64      `json:"currentRunId"`
	LastSyncAt     *time.Time `json:"lastSyncAt"`
	LastSyncStatus string     `json:"lastSyncStatus"`
	LastError      string     `json:"lastError"`
}

// AssignedLicense is one SKU on a user.
type AssignedLicense struct {
	SkuID         string   `json:"skuId"`
	DisabledPlans []string `json:"disabledPlans"`
}

// User is one directory user as of one sync run.
type User struct {
	ID                       string            `json:"id"`
	UserPrincipalName        string            `json:"userPrincipalName"`
	Mail                     string            `json:"mail"`
	DisplayName              string            `json:"displayName"`
	GivenName                string            `json:"givenName"`
	Surname                  string            `json:"surname"`
	Department               string            `json:"department"`
	JobTitle                 string            `json:"jobTitle"`
	UserType                 string            `json:"userType"` // Member | Guest
	AccountEnabled           bool              `json:"accountEnabled"`
	CreatedAt                *time.Time        `json:"createdAt"`
	OnPremisesSyncEnabled    *bool             `json:"onPremisesSyncEnabled"`
	Deleted                  bool              `json:"deleted"`
	DeletedAt                *time.Time        `json:"deletedAt"`
	ResourceAccount          bool              `json:"resourceAccount"`
	RecipientType            string            `json:"recipientType"`
	Licenses                 []AssignedLicense `json:"licenses"`
	LastSignIn               *time.Time        `json:"lastSignIn"`
	LastNonInteractiveSignIn *time.Time        `json:"lastNonInteractiveSignIn"`
	LastActivity             *time.Time        `json:"lastActivity"`
	EmailsSent               *int              `json:"emailsSent"`
	EmailsRead               *int              `json:"emailsRead"`
	EmailsReceived           *int              `json:"emailsReceived"`
	MFAStatus                MFAStatus         `json:"mfaStatus"`
	MFASource                MFASource         `json:"mfaSource"`
	MFAMethods               []string          `json:"mfaMethods"`
	MFADefaultMethod         string            `json:"mfaDefaultMethod"`
	MFAReason                string            `json:"mfaReason"` // why Unavailable, and the fix
	IsAdmin                  bool              `json:"isAdmin"`
	// ProxyAddresses are Graph's proxyAddresses ("SMTP:primary",
	// "smtp:alias", "SIP:..."): the contacts merge joins on the SMTP ones.
	ProxyAddresses []string `json:"proxyAddresses"`
	// LicenseStates: where each licence comes from (types/licensing.go);
	// Services: per-service activity (nil when no report row).
	LicenseStates []LicenseState `json:"licenseStates"`
	Services      *UserServices  `json:"services"`
}

// Contact is an organisational (mail) contact: not a user account, MFA N/A.
type Contact struct {
	ID          string `json:"id"`
	DisplayName string `json:"displayName"`
	Mail        string `json:"mail"`
	CompanyName string `json:"companyName"`
	GivenName   string `json:"givenName"`
	Surname     string `json:"surname"`
}

// SKU is one subscribed SKU of a tenant as of one sync run.
type SKU struct {
	SkuID            string   `json:"skuId"`
	PartNumber       string   `json:"partNumber"`
	AppliesTo        string   `json:"appliesTo"`
	CapabilityStatus string   `json:"capabilityStatus"` // Enabled | Warning | Suspended | Deleted | LockedOut
	Consumed         int      `json:"consumed"`
	Enabled          int      `json:"enabled"`
	Suspended        int      `json:"suspended"`
	Warning          int      `json:"warning"`
	LockedOut        int      `json:"lockedOut"`
	ServicePlans     []string `json:"servicePlans"` // service plan names
}

// RunStatus is the outcome of a sync run.
type RunStatus string

const (
	RunRunning   RunStatus = "running"
	RunSucceeded RunStatus = "succeeded"
	RunFailed    RunStatus = "failed"
	RunCancelled RunStatus = "cancelled"
)

// SyncRun is one sync of one tenant.
type SyncRun struct {
	ID         int64      `json:"id"`
	TenantID   string     `json:"tenantId"`
	StartedAt  time.Time  `json:"startedAt"`
	FinishedAt *time.Time `json:"finishedAt"`
	Status     RunStatus  `json:"status"`
	ErrorClass string     `json:"errorClass"`
	Error      string     `json:"error"`
}

// SnapshotFlags records what a run could and could not see, so a report can
// say so instead of showing a misleading zero.
type SnapshotFlags struct {
	SignInAvailable   bool      `json:"signInAvailable"`
	SignInNote        string    `json:"signInNote"` // e.g. "sign-in data needs Entra ID P1"
	UsageAvailable    bool      `json:"usageAvailable"`
	UsageConcealed    bool      `json:"usageConcealed"`
	UsageNote         string    `json:"usageNote"`
	MFASource         MFASource `json:"mfaSource"`
	MFAAvailable      bool      `json:"mfaAvailable"`
	MFANote           string    `json:"mfaNote"`
	ReportRefreshDate string    `json:"reportRefreshDate"`
}

// Snapshot is the complete picture of one tenant produced by one successful
// sync run. Deleted users are in Users with Deleted set.
type Snapshot struct {
	Run           SyncRun       `json:"run"`
	TenantID      string        `json:"tenantId"`
	TenantName    string        `json:"tenantName"`
	DefaultDomain string        `json:"defaultDomain"`
	Domains       []string      `json:"domains"`
	Users         []User        `json:"users"`
	Contacts      []Contact     `json:"contacts"`
	SKUs          []SKU         `json:"skus"`
	Flags         SnapshotFlags `json:"flags"`
	Licensing     *Licensing    `json:"licensing"` // nil: not read (older runs)
	Security      *Security     `json:"security"`  // nil: not read (older runs)
}

// Metrics are per-run tenant figures kept for trends and quarter-over-quarter
// deltas. Inactive is -1 when no activity signal was visible.
type Metrics struct {
	RunID          int64          `json:"runId"`
	TenantID       string         `json:"tenantId"`
	At             time.Time      `json:"at"`
	Users          int            `json:"users"`
	Licensed       int            `json:"licensed"`
	Guests         int            `json:"guests"`
	Disabled       int            `json:"disabled"`
	Deleted        int            `json:"deleted"`
	Contacts       int            `json:"contacts"`
	Resource       int            `json:"resource"`
	MFARegistered  int            `json:"mfaRegistered"`
	MFAEligible    int            `json:"mfaEligible"`
	MFACoveragePct float64        `json:"mfaCoveragePct"`
	Inactive       int            `json:"inactive"`
	ConsumedBySKU  map[string]int `json:"consumedBySku"`
	EnabledBySKU   map[string]int `json:"enabledBySku"`
	UnusedLicenses int            `json:"unusedLicenses"`
	MonthlyCost    float64        `json:"monthlyCost"`
	Currency       string         `json:"currency"`
}
