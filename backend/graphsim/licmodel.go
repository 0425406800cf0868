package graphsim

import (
	"sync"
	"time"
)

// Licensing state of a tenant beyond subscribedSkus (GRAPH-FACTS §16-18,
// §20): the commerce subscriptions behind each SKU, licensing groups, the
// per-user licence assignment states (direct or inherited, with errors),
// the per-user OneDrive and Teams report detail, and what the demo
// generator meant (renewals, assignment errors, right-sizing) so tests can
// compare a client's findings with it.

// Subscription status values (companySubscription.status).
const (
	SubEnabled   = "Enabled"
	SubWarning   = "Warning"
	SubSuspended = "Suspended"
	SubDeleted   = "Deleted"
	SubLockedOut = "LockedOut"
)

// Licence assignment state values (licenseAssignmentState.state).
const (
	LicStateActive          = "Active"
	LicStateActiveWithError = "ActiveWithError"
	LicStateDisabled        = "Disabled"
	LicStateError           = "Error"
)

// Licence assignment error values (licenseAssignmentState.error).
const (
	LicErrNone                    = "None"
	LicErrCountViolation          = "CountViolation"
	LicErrMutuallyExclusive       = "MutuallyExclusiveViolation"
	LicErrDependency              = "DependencyViolation"
	LicErrProhibitedInUsageLocale = "ProhibitedInUsageLocationViolation"
	LicErrUniqueness              = "UniquenessViolation"
	LicErrOther                   = "Other"
)

// RoleDirectoryWriters may assign licences (GRAPH-FACTS §18).
const RoleDirectoryWriters = "9360feb5-f418-4baa-8175-e2a00bac4301"

// Subscription is one companySubscription of a tenant.
type Subscription struct {
	ID                     string
	CommerceSubscriptionID string
	SkuID                  string
	SkuPartNumber          string
	Status                 string // Enabled, Warning, Suspended, Deleted, LockedOut
	TotalLicenses          int
	IsTrial                bool
	CreatedDateTime        time.Time
	NextLifecycleDateTime  time.Time // zero => null (free/viral)
	OwnerTenantID          string    // "" => null; the partner tenant for CSP purchases
}

// LicenseGroup is a security group that assigns licences to its members.
type LicenseGroup struct {
	ID          string
	DisplayName string
	SkuIDs      []string // the group's assignedLicenses
}

// LicenseState is one entry of user.licenseAssignmentStates.
type LicenseState struct {
	SkuID         string
	GroupID       string // "" => assigned directly (assignedByGroup null)
	DisabledPlans []string
	State         string // Active, ActiveWithError, Disabled, Error
	Error         string // None, CountViolation, ...
	LastUpdated   time.Time
}

// ServiceDetail is what the OneDrive and Teams user reports show for a
// user (30-day counts; zero values mean no activity).
type ServiceDetail struct {
	OneDriveFiles, OneDriveActiveFiles int64
	OneDriveBytes                      int64
	TeamChat, PrivateChat, Calls       int32
	Meetings                           int32
	MeetingsOrganized                  int32
	MeetingsAttended                   int32
	AudioSeconds, VideoSeconds         int64
	ScreenShareSeconds                 int64
}

// TenantLicensing is the licensing extension of a tenant (Tenant.Lic).
// Users not in States get one direct Active state per assigned licence.
type TenantLicensing struct {
	mu            sync.Mutex
	Subscriptions []*Subscription
	Groups        []*LicenseGroup
	States        map[string][]LicenseState  // user id -> explicit states
	Detail        map[string]*ServiceDetail  // user id -> OneDrive/Teams detail
	Intent        map[string]RightSizeIntent // user id -> the generator's right-sizing intent
}

// RightSizeIntent records why the generator shaped a user's activity.
type RightSizeIntent string

// Right-sizing intents of the demo generator.
const (
	IntentMailOnly   RightSizeIntent = "mail-only"
	IntentEverything RightSizeIntent = "everything"
)

// lic returns the tenant's licensing extension, creating an empty one.
func (t *Tenant) lic() *TenantLicensing {
	if t.Lic == nil {
		t.Lic = &TenantLicensing{}
	}
	return t.Lic
}

// statesOf returns the user's licence assignment states (explicit or the
// default one direct Active state per assigned licence); caller holds mu.
func (l *TenantLicensing) statesOf(u *User) []LicenseState {
	if st, ok := l.States[u.ID]; ok {
		return st
	}
	out := make([]LicenseState, 0, len(u.AssignedLicenses))
	for _, al := range u.AssignedLicenses {
		out = append(out, LicenseState{SkuID: al.SkuID, DisabledPlans: al.DisabledPlans, State: LicStateActive,
			Error: LicErrNone, LastUpdated: u.LicenseAssignedAt})
	}
	return out
}

// LicenseStates returns a copy of the user's licence assignment states as
// Graph serves them.
func (t *Tenant) LicenseStates(u *User) []LicenseState {
	l := t.lic()
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]LicenseState(nil), l.statesOf(u)...)
}

// groupByID finds a licensing group.
func (l *TenantLicensing) groupByID(id string) *LicenseGroup {
	for _, g := range l.Groups {
		if g.ID == id {
			return g
		}
	}
	return nil
}
