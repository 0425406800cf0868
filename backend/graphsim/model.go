package graphsim

import (
	"strings"
	"time"
)

// Well-known built-in directory role definition IDs (the same in every tenant).
const (
	RoleGlobalAdministrator               = "62e90394-69f5-4237-9190-012177145e10"
	RoleGlobalReader                      = "f2ef992c-3afb-46b9-b7cf-a126ee74c451"
	RoleUserAdministrator                 = "fe930be7-5e62-47db-91af-98c3a49a38b1"
	RoleReportsReader                     = "4a5d8f65-41da-4de4-8968-e035b65339cf"
	RoleSecurityReader                    = "5d6b6bb7-de71-4623-b4af-96380a352509"
	RoleSecurityAdministrator             = "194ae4cb-b126-40b2-bd5b-6091b380977d"
	RoleDirectoryReaders                  = "88d8e3e3-8f55-4a1e-953a-9b9898b8876b"
	RoleLicenseAdministrator              = "4d6ac14f-3453-41d0-bef9-a3e0c569773a"
	RoleAuthenticationAdministrator       = "c4e39bd9-1100-46d3-8c65-fb160da0071f"
	RolePrivilegedAuthenticationAdmin     = "7be44c8a-adaf-4e2a-84d6-ab2649e08a13"
	RoleAuthenticationPolicyAdministrator = "0526716b-113d-4c15-b2c8-68e3c22b9f80"
	RolePrivilegedRoleAdministrator       = "e8611ab8-c189-46e8-94e1-60213ab1f814"
	RoleHelpdeskAdministrator             = "729827e3-9c14-49f7-bb1b-9608f156bbb8"
	RoleExchangeAdministrator             = "29232cdf-9323-42fd-ade2-1d097af3e4de"
	RoleSharePointAdministrator           = "f28a1f50-f6e7-4571-818b-6a12f2af6b6c"
	RoleTeamsAdministrator                = "69091246-20e8-4a56-aa4d-066075b2a7a8"
	RoleCloudApplicationAdministrator     = "158c047a-c907-4556-b7ef-446551a6b5f7"
	RoleApplicationAdministrator          = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3"
	RoleServiceSupportAdministrator       = "f023fd81-a637-4b56-95fd-791ac0226033"
	RoleIntuneAdministrator               = "3a2c62db-5318-420d-8d74-23affee5d9d5"
	GraphResourceAppID                    = "00000003-0000-0000-c000-000000000000"
	graphResourceURI                      = "https://graph.microsoft.com/"
	recipientNone                         = ""
	defaultPasswordMethodID               = "28c10230-6103-485e-b985-444c60001490"
	emailMethodID                         = "3ddfcfc8-9383-446f-83cc-3ab9be4be18f"
	mobilePhoneMethodID                   = "3179e48a-750b-4051-897c-87b9720928f7"
	alternateMobilePhoneMethodID          = "b6332ec1-7057-4abe-9331-3d72feddfe41"
	officePhoneMethodID                   = "e37fc753-ff3b-4958-9484-eaa9425c82bc"
	aadPremiumPlanID                      = "41781fb2-bc02-4b7c-bd55-b576c07bb09d"
	aadPremiumP2PlanID                    = "eec0eb4f-6444-4f95-aba0-50c24d67f998"
	RecipientUser                         = "User"
	RecipientShared                       = "Shared"
	RecipientRoom                         = "Room"
	RecipientEquipment                    = "Equipment"
	UserTypeMember                        = "Member"
	UserTypeGuest                         = "Guest"
	CapabilityEnabled                     = "Enabled"
	CapabilityWarning                     = "Warning"
	CapabilitySuspended                   = "Suspended"
	CapabilityLockedOut                   = "LockedOut"
	RelationshipActive                    = "active"
	RelationshipExpired                   = "expired"
	RelationshipTerminated                = "terminated"
	RelationshipApprovalPending           = "approvalPending"
	perUserMFADisabled                    = "disabled"
	perUserMFAEnabled                     = "enabled"
	perUserMFAEnforced                    = "enforced"
)

// MSP is the demo managed-service provider: its own (partner) tenant, its
// customers and the GDAP relationships between them.
type MSP struct {
	Partner       *Tenant
	Customers     []*Tenant
	Relationships []Relationship
}

// Relationship is one delegatedAdminRelationship of the partner tenant.
type Relationship struct {
	ID               string
	DisplayName      string
	CustomerID       string
	CustomerName     string
	Status           string   // active, expired, terminated, approvalPending ...
	Roles            []string // unified role definition IDs
	Duration         string   // ISO 8601, e.g. P730D
	AutoExtend       string   // PT0S, P180D
	CreatedDateTime  time.Time
	ActivatedAt      time.Time
	EndDateTime      time.Time
	LastModifiedTime time.Time
}

// Tenant is one Entra ID tenant with everything Graph shows about it.
type Tenant struct {
	ID            string
	DisplayName   string
	InitialDomain string // x.onmicrosoft.com
	DefaultDomain string
	Domains       []string // all verified domains, initial included
	Users         []*User  // includes soft-deleted users (Deleted=true)
	Contacts      []*Contact
	SKUs          []*SKU
	// HasP1 reports Entra ID P1/P2 (an active SKU with AAD_PREMIUM or
	// AAD_PREMIUM_P2); AddTenant recomputes it from SKUs.
	HasP1     bool
	Concealed bool // admin/reportSettings displayConcealedNames
	IsPartner bool

	// Admin is the Global Administrator who signs in at this tenant's
	// authority; for the partner tenant it is the technician.
	Admin *User

	CreatedDateTime time.Time
	Street, City    string
	State, Postal   string
	Country         string // letter code
	Phone           string
	OnPremSync      bool

	// DemoConsented: DemoClientID has a service principal and a tenant-wide
	// delegated grant here (set by the generator; AddTenant honours it).
	DemoConsented bool
	// DemoServicePrincipal: the service principal exists even when the grant
	// does not (consent revoked) - redeeming then yields AADSTS65001 rather
	// than AADSTS90099.
	DemoServicePrincipal bool

	// Lic: subscriptions, licensing groups, assignment states and
	// OneDrive/Teams detail (licmodel.go); nil => none.
	Lic *TenantLicensing
	// Security: security defaults, CA policies, groups, Secure Score
	// (security_model.go); nil => defaults off, no CA, no Secure Score.
	Security *SecurityState

	byID  map[string]*User // built by index()
	byUPN map[string]*User
}

// User is a user object (member, guest, resource mailbox, soft-deleted).
type User struct {
	ID                    string
	UserPrincipalName     string // original UPN (deleted users get the id prefix on the wire only)
	Mail                  string // "" => null
	DisplayName           string
	GivenName             string
	Surname               string
	Department            string
	JobTitle              string
	OfficeLocation        string
	MobilePhone           string
	BusinessPhone         string // "" => businessPhones []
	UsageLocation         string
	PreferredLanguage     string
	CompanyName           string
	UserType              string // Member / Guest
	AccountEnabled        bool
	CreatedDateTime       time.Time
	OnPremisesSyncEnabled *bool // nil => cloud-only
	ProxyAddresses        []string
	AssignedLicenses      []AssignedLicense
	LicenseAssignedAt     time.Time
	SignIn                *SignInActivity // nil => never signed in
	Deleted               bool
	DeletedDateTime       time.Time
	RecipientType         string // User / Shared / Room / Equipment; "" => no mailbox
	Methods               MethodSet
	MethodsCreated        time.Time
	PerUserMFA            string   // disabled / enabled / enforced
	Roles                 []string // directory role definition IDs
	Usage                 Usage
}

// AssignedLicense is one entry of user.assignedLicenses.
type AssignedLicense struct {
	SkuID         string
	DisabledPlans []string
}

// SignInActivity mirrors user.signInActivity; zero times are null.
type SignInActivity struct {
	LastSignIn              time.Time
	LastSignInRequestID     string
	LastNonInteractive      time.Time
	LastNonInteractiveReqID string
	LastSuccessful          time.Time
	LastSuccessfulReqID     string
}

// Usage is what the Microsoft 365 usage reports show for a user; zero dates
// mean "no activity". Counts are for the last 30 days.
type Usage struct {
	ExchangeLast, OneDriveLast, SharePointLast, SkypeLast, YammerLast, TeamsLast time.Time
	EmailSend, EmailReceive, EmailRead                                           int32
	MeetingCreated, MeetingInteracted                                            int32
	MailboxItems                                                                 int32
	MailboxBytes                                                                 int64
	HasArchive                                                                   bool
}

// LatestActivity returns the latest of the per-service last activity dates.
func (u Usage) LatestActivity() time.Time {
	var m time.Time
	for _, t := range [...]time.Time{u.ExchangeLast, u.OneDriveLast, u.SharePointLast, u.SkypeLast, u.YammerLast, u.TeamsLast} {
		if t.After(m) {
			m = t
		}
	}
	return m
}

// Contact is an organizational contact (mail contact, not a user account).
type Contact struct {
	ID             string
	DisplayName    string
	GivenName      string
	Surname        string
	Mail           string
	CompanyName    string
	JobTitle       string
	Phone          string
	ProxyAddresses []string
}

// SKU is a subscribedSku of a tenant. Consumed units are not stored: they are
// counted from the non-deleted users' assignments when served.
type SKU struct {
	SkuID            string
	SkuPartNumber    string
	CapabilityStatus string // Enabled, Warning, Suspended, LockedOut
	Enabled          int
	Suspended        int
	Warning          int
	LockedOut        int
	SubscriptionIDs  []string
	AppliesTo        string // "User" (default) or "Company"
}

// IsResource reports whether the user is a shared/room/equipment mailbox.
func (u *User) IsResource() bool {
	switch u.RecipientType {
	case RecipientShared, RecipientRoom, RecipientEquipment:
		return true
	}
	return false
}

// IsGuest reports userType Guest.
func (u *User) IsGuest() bool { return u.UserType == UserTypeGuest }

// IsAdmin reports whether the user holds any directory role.
func (u *User) IsAdmin() bool { return len(u.Roles) > 0 }

// HasSku reports whether skuID is assigned to the user.
func (u *User) HasSku(skuID string) bool {
	for i := range u.AssignedLicenses {
		if u.AssignedLicenses[i].SkuID == skuID {
			return true
		}
	}
	return false
}

// MFARegistered reports at least one MFA-capable method.
func (u *User) MFARegistered() bool { return u.Methods.MFACapable() }

// LastSignalTime returns the most recent sign-in time (interactive or not);
// zero when none.
func (s *SignInActivity) latest() time.Time {
	if s == nil {
		return time.Time{}
	}
	t := s.LastSignIn
	if s.LastNonInteractive.After(t) {
		t = s.LastNonInteractive
	}
	return t
}

// MethodSet is a bit set of registered authentication methods.
type MethodSet uint16

// Registered authentication methods (methodsRegistered values).
const (
	MethodMobilePhone MethodSet = 1 << iota
	MethodAlternateMobilePhone
	MethodOfficePhone
	MethodEmail
	MethodAuthenticatorPush
	MethodAuthenticatorPasswordless
	MethodSoftwareOTP
	MethodHardwareOTP
	MethodFido2
	MethodPasskeyDeviceBound
	MethodWindowsHello
	MethodTemporaryAccessPass
	methodCount = iota
)

var methodNames = [methodCount]string{
	"mobilePhone", "alternateMobilePhone", "officePhone", "email",
	"microsoftAuthenticatorPush", "microsoftAuthenticatorPasswordless",
	"softwareOneTimePasscode", "hardwareOneTimePasscode", "fido2",
	"passKeyDeviceBound", "windowsHelloForBusiness", "temporaryAccessPass",
}

// mfaCapableMask: everything except email and temporary access pass.
const mfaCapableMask = MethodMobilePhone | MethodAlternateMobilePhone | MethodOfficePhone |
	MethodAuthenticatorPush | MethodAuthenticatorPasswordless | MethodSoftwareOTP |
	MethodHardwareOTP | MethodFido2 | MethodPasskeyDeviceBound | MethodWindowsHello

// Has reports whether all methods in m are set.
func (s MethodSet) Has(m MethodSet) bool { return s&m == m }

// MFACapable reports whether any MFA-capable method is registered
// (authenticator, phone, FIDO2/passkey, Windows Hello, OATH; not email/TAP).
func (s MethodSet) MFACapable() bool { return s&mfaCapableMask != 0 }

// Names returns the methodsRegistered strings in a stable order.
func (s MethodSet) Names() []string {
	out := make([]string, 0, 4)
	for i := 0; i < methodCount; i++ {
		if s&(1<<i) != 0 {
			out = append(out, methodNames[i])
		}
	}
	return out
}

// PasswordlessCapable reports a passwordless-capable method.
func (s MethodSet) PasswordlessCapable() bool {
	return s&(MethodAuthenticatorPasswordless|MethodFido2|MethodPasskeyDeviceBound|MethodWindowsHello) != 0
}

// index builds lookup maps; called by AddTenant.
func (t *Tenant) index() {
	t.byID = make(map[string]*User, len(t.Users))
	t.byUPN = make(map[string]*User, len(t.Users))
	for _, u := range t.Users {
		t.byID[u.ID] = u
		if !u.Deleted {
			t.byUPN[strings.ToLower(u.UserPrincipalName)] = u
		}
	}
}

// UserByID finds a user (deleted ones included) by object id or, for
// non-deleted users, UPN.
func (t *Tenant) UserByID(idOrUPN string) (*User, bool) {
	if t.byID == nil {
		t.index()
	}
	if u, ok := t.byID[strings.ToLower(idOrUPN)]; ok {
		return u, true
	}
	u, ok := t.byUPN[strings.ToLower(idOrUPN)]
	return u, ok
}

// HasDomain reports whether d is one of the tenant's verified domains.
func (t *Tenant) HasDomain(d string) bool {
	for _, x := range t.Domains {
		if strings.EqualFold(x, d) {
			return true
		}
	}
	return false
}

// skusGrantP1 reports whether an active SKU carries AAD_PREMIUM or P2.
func skusGrantP1(skus []*SKU) bool {
	for _, s := range skus {
		if s.CapabilityStatus != CapabilityEnabled && s.CapabilityStatus != CapabilityWarning {
			continue
		}
		p, ok := productBySkuID(s.SkuID)
		if !ok {
			continue
		}
		for _, pi := range p.Plans {
			id := catalogPlanTable[pi].ID
			if id == aadPremiumPlanID || id == aadPremiumP2PlanID {
				return true
			}
		}
	}
	return false
}
