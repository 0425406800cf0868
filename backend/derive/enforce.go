package derive

import (
	"sort"
	"strings"

	"tenantlens/backend/types"
)

// MFA enforcement: who is actually *required* to use MFA, separate from
// whether they registered (the "MFA Status" column, whose meaning does not
// change). The rules follow GRAPH-FACTS §11-§14: security defaults, enabled
// Conditional Access policies whose grant requires MFA (builtInControls
// "mfa" or an authentication strength satisfying "mfa") and whose user
// conditions include the user while no exclusion does, and the legacy
// per-user MFA state. Report-only and disabled policies never count.

// EnforcementSource is a user's mfaEnforcement value.
type EnforcementSource string

const (
	EnforcedBySecurityDefaults  EnforcementSource = "securityDefaults"
	EnforcedByConditionalAccess EnforcementSource = "conditionalAccess"
	EnforcedByPerUser           EnforcementSource = "perUser"
	EnforcedByNone              EnforcementSource = "none"
	EnforcementUnknown          EnforcementSource = "unknown"
)

// CA policy states as Graph writes them.
const (
	CAStateEnabled    = "enabled"
	CAStateDisabled   = "disabled"
	CAStateReportOnly = "enabledForReportingButNotEnforced"
)

// Special values of conditions.users / conditions.applications.
const (
	CAAll                   = "All"
	CANone                  = "None"
	CAGuestsOrExternalUsers = "GuestsOrExternalUsers"
	CAOffice365             = "Office365"
)

// Guest or external user kinds (guestOrExternalUserTypes flags).
const (
	GuestKindInternalGuest          = "internalGuest"
	GuestKindB2BCollaborationGuest  = "b2bCollaborationGuest"
	GuestKindB2BCollaborationMember = "b2bCollaborationMember"
	GuestKindB2BDirectConnectUser   = "b2bDirectConnectUser"
	GuestKindOtherExternalUser      = "otherExternalUser"
	GuestKindServiceProvider        = "serviceProvider"
)

// CAPolicy is the part of a conditionalAccessPolicy that decides whether it
// requires MFA of a user. Slices hold Graph's values verbatim.
type CAPolicy struct {
	ID          string
	DisplayName string
	State       string // enabled | disabled | enabledForReportingButNotEnforced

	IncludeUsers, ExcludeUsers   []string // object ids, All, None, GuestsOrExternalUsers
	IncludeGroups, ExcludeGroups []string // group object ids
	IncludeRoles, ExcludeRoles   []string // role template ids
	// Include/ExcludeGuestsOrExternalUsers: the guestOrExternalUserTypes
	// flags string ("internalGuest,b2bCollaborationGuest"); "" when null.
	// ExternalTenants lists the enumerated tenant ids (nil = all tenants).
	IncludeGuestsOrExternalUsers, ExcludeGuestsOrExternalUsers string
	IncludeExternalTenants, ExcludeExternalTenants             []string

	IncludeApplications, ExcludeApplications []string // appIds, All, None, Office365, MicrosoftAdminPortals
	IncludeUserActions                       []string // urn:user:registersecurityinfo ...
	IncludeAuthenticationContexts            []string

	ClientAppTypes []string // all, browser, mobileAppsAndDesktopClients, exchangeActiveSync, other
	// HasOtherConditions: a non-empty locations, platforms, devices or risk
	// condition - the policy then requires MFA only under those conditions.
	HasOtherConditions bool

	GrantOperator   string   // AND | OR
	BuiltInControls []string // mfa, block, compliantDevice ...
	// AuthStrengthRequirements is authenticationStrength.requirementsSatisfied
	// ("mfa"); "" when the policy has no authentication strength.
	AuthStrengthRequirements string
	AuthStrengthName         string
}

// CAAvailability says what is known about a tenant's CA policies.
type CAAvailability uint8

const (
	// CAKnown: the policy list was read (possibly empty).
	CAKnown CAAvailability = iota
	// CANotLicensed: the tenant has no Entra ID P1, so no CA policy is
	// enforced (the list is not readable or not meaningful).
	CANotLicensed
	// CAUnknown: the list could not be read (permission, role, error).
	CAUnknown
)

// TenantSecurity is one tenant's security configuration as synced.
type TenantSecurity struct {
	// SecurityDefaults is identitySecurityDefaultsEnforcementPolicy.isEnabled;
	// nil when it could not be read.
	SecurityDefaults *bool
	CA               CAAvailability
	Policies         []CAPolicy
}

// EnforcementSubject is one user as the CA conditions see it.
type EnforcementSubject struct {
	UserID string
	// GuestKind is the guestOrExternalUserTypes flag that describes the user
	// ("" for an internal member); see GuestKindOf.
	GuestKind string
	// HomeTenantID of an external user (for enumerated externalTenants).
	HomeTenantID string
	Groups       []string // transitive group memberships (object ids)
	Roles        []string // active directory roles (role template ids), directly or through a group
	// PerUserMFA is the beta perUserMfaState: disabled, enabled, enforced;
	// "" when it could not be read.
	PerUserMFA string
}

// GuestKindOf classifies a user from userType and userPrincipalName the way
// CA's guest condition does: a #EXT# account with userType Guest is a B2B
// collaboration guest, with userType Member a B2B collaboration member; a
// local account with userType Guest is an internal guest.
func GuestKindOf(userType, upn string) string {
	ext := strings.Contains(strings.ToUpper(upn), "#EXT#")
	guest := strings.EqualFold(userType, "Guest")
	switch {
	case ext && guest:
		return GuestKindB2BCollaborationGuest
	case ext:
		return GuestKindB2BCollaborationMember
	case guest:
		return GuestKindInternalGuest
	}
	return ""
}

// Enforcement is a user's "MFA required by".
type Enforcement struct {
	Source EnforcementSource
	// Policies: enabled CA policies that require MFA of this user, by name
	// (sorted). Listed whatever Source won.
	Policies []string
	// Partial: the deciding CA policies require MFA only for some sign-ins
	// (applications narrower than All / Office 365, a user action or
	// authentication context, conditions, client app types, or MFA offered
	// as one alternative of an OR grant). PartialReasons say which.
	Partial        bool
	PartialReasons []string
	// ReportOnly: report-only policies that would require MFA of this user
	// ("would require MFA (report-only)"). Never counted.
	ReportOnly []string
	// PerUser is the per-user MFA state considered ("" unknown).
	PerUser string
}

// Detail is the mfaEnforcementDetail text: the policy names (with
// "partial" when it applies) and the report-only ones.
func (e Enforcement) Detail() string {
	var parts []string
	switch e.Source {
	case EnforcedBySecurityDefaults:
		parts = append(parts, "Security defaults")
	case EnforcedByPerUser:
		parts = append(parts, "Per-user MFA "+e.PerUser)
	}
	if len(e.Policies) > 0 {
		s := strings.Join(e.Policies, "; ")
		if e.Partial && e.Source == EnforcedByConditionalAccess {
			s += " (partial: " + strings.Join(e.PartialReasons, ", ") + ")"
		}
		parts = append(parts, s)
	}
	for _, n := range e.ReportOnly {
		parts = append(parts, n+": would require MFA (report-only)")
	}
	return strings.Join(parts, "; ")
}

// PolicyRequiresMFA reports whether the policy's grant asks for MFA: the
// "mfa" built-in control or an authentication strength that satisfies
// "mfa". "block" alone is not MFA.
func PolicyRequiresMFA(p CAPolicy) bool {
	for _, c := range p.BuiltInControls {
		if strings.EqualFold(c, "mfa") {
			return true
		}
	}
	for _, r := range strings.Split(p.AuthStrengthRequirements, ",") {
		if strings.EqualFold(strings.TrimSpace(r), "mfa") {
			return true
		}
	}
	return false
}

// PolicyAppliesTo reports whether the policy's user conditions include the
// subject and none of its exclusions do (exclusions always win).
func PolicyAppliesTo(p CAPolicy, u EnforcementSubject) bool {
	groups := toSet(u.Groups)
	roles := toSet(u.Roles)
	excluded := contains(p.ExcludeUsers, u.UserID) ||
		(u.GuestKind != "" && contains(p.ExcludeUsers, CAGuestsOrExternalUsers)) ||
		anyIn(p.ExcludeGroups, groups) || anyIn(p.ExcludeRoles, roles) ||
		guestMatch(p.ExcludeGuestsOrExternalUsers, p.ExcludeExternalTenants, u)
	if excluded {
		return false
	}
	if contains(p.IncludeUsers, CANone) && len(p.IncludeGroups) == 0 && len(p.IncludeRoles) == 0 && p.IncludeGuestsOrExternalUsers == "" {
		return false
	}
	return contains(p.IncludeUsers, CAAll) || contains(p.IncludeUsers, u.UserID) ||
		(u.GuestKind != "" && contains(p.IncludeUsers, CAGuestsOrExternalUsers)) ||
		anyIn(p.IncludeGroups, groups) || anyIn(p.IncludeRoles, roles) ||
		guestMatch(p.IncludeGuestsOrExternalUsers, p.IncludeExternalTenants, u)
}

// guestMatch: the user is an external user of one of the listed kinds and,
// when tenants are enumerated, from one of them.
func guestMatch(kinds string, tenants []string, u EnforcementSubject) bool {
	if u.GuestKind == "" || kinds == "" {
		return false
	}
	hit := false
	for _, k := range strings.Split(kinds, ",") {
		if strings.EqualFold(strings.TrimSpace(k), u.GuestKind) {
			hit = true
		}
	}
	if !hit {
		return false
	}
	return tenants == nil || containsFold(tenants, u.HomeTenantID)
}

// PolicyPartialReasons lists why a policy that requires MFA covers only
// some of the user's sign-ins; empty when it covers all Microsoft 365
// sign-ins (applications All or Office365, all client app types, no other
// condition, MFA not merely an alternative).
func PolicyPartialReasons(p CAPolicy) []string {
	var r []string
	apps := contains(p.IncludeApplications, CAAll) || contains(p.IncludeApplications, CAOffice365)
	switch {
	case len(p.IncludeUserActions) > 0 && !apps:
		r = append(r, "user actions only")
	case len(p.IncludeAuthenticationContexts) > 0 && !apps:
		r = append(r, "authentication context only")
	case !apps:
		r = append(r, "selected applications only")
	}
	if len(p.ExcludeApplications) > 0 {
		r = append(r, "some applications excluded")
	}
	if len(p.ClientAppTypes) > 0 && !contains(p.ClientAppTypes, "all") &&
		!(contains(p.ClientAppTypes, "browser") && contains(p.ClientAppTypes, "mobileAppsAndDesktopClients")) {
		r = append(r, "selected client apps only")
	}
	if p.HasOtherConditions {
		r = append(r, "only under conditions")
	}
	if strings.EqualFold(p.GrantOperator, "OR") {
		for _, c := range p.BuiltInControls {
			if !strings.EqualFold(c, "mfa") && !strings.EqualFold(c, "block") {
				r = append(r, "MFA or "+c)
				break
			}
		}
	}
	return r
}

// MFAEnforcementFor derives who requires MFA of the subject. Precedence:
// security defaults; enabled CA covering all sign-ins; per-user MFA
// (enabled or enforced); enabled CA covering some sign-ins (Partial);
// "unknown" when nothing requires MFA but a source could not be read;
// otherwise "none".
func MFAEnforcementFor(t TenantSecurity, u EnforcementSubject) Enforcement {
	e := Enforcement{PerUser: u.PerUserMFA}
	full := false
	var reasons []string
	if t.CA == CAKnown {
		for _, p := range t.Policies {
			if !PolicyRequiresMFA(p) || !PolicyAppliesTo(p, u) {
				continue
			}
			switch p.State {
			case CAStateEnabled:
				e.Policies = append(e.Policies, p.DisplayName)
				if pr := PolicyPartialReasons(p); len(pr) == 0 {
					full = true
				} else {
					reasons = append(reasons, pr...)
				}
			case CAStateReportOnly:
				e.ReportOnly = append(e.ReportOnly, p.DisplayName)
			}
		}
	}
	sort.Strings(e.Policies)
	sort.Strings(e.ReportOnly)
	perUser := u.PerUserMFA == "enabled" || u.PerUserMFA == "enforced"
	switch {
	case t.SecurityDefaults != nil && *t.SecurityDefaults:
		e.Source = EnforcedBySecurityDefaults
	case full:
		e.Source = EnforcedByConditionalAccess
	case perUser:
		e.Source = EnforcedByPerUser
	case len(e.Policies) > 0:
		e.Source = EnforcedByConditionalAccess
		e.Partial = true
		e.PartialReasons = dedupe(reasons)
	case t.SecurityDefaults == nil || t.CA == CAUnknown || u.PerUserMFA == "":
		e.Source = EnforcementUnknown
	default:
		e.Source = EnforcedByNone
	}
	return e
}

// MFARequired reports whether the source makes MFA required.
func (s EnforcementSource) MFARequired() bool {
	return s == EnforcedBySecurityDefaults || s == EnforcedByConditionalAccess || s == EnforcedByPerUser
}

// CombinedMFAState joins registration and enforcement.
type CombinedMFAState string

const (
	MFAProtected             CombinedMFAState = "protected"             // registered and required
	MFARegisteredNotRequired CombinedMFAState = "registeredNotRequired" // registered, nothing requires it
	MFARequiredNotRegistered CombinedMFAState = "requiredNotRegistered" // will be asked to register at next sign-in
	MFAAtRisk                CombinedMFAState = "atRisk"                // neither
	MFACombinedNotApplicable CombinedMFAState = "notApplicable"         // cannot sign in: contact, deleted, disabled
	MFACombinedUnknown       CombinedMFAState = "unknown"               // registration or enforcement could not be read
)

// CombineMFA gives the combined state of a user from its MFA Status
// (registered = types.MFAEnabled, unchanged meaning), its enforcement and
// whether the account can sign in (enabled and not deleted).
func CombineMFA(status types.MFAStatus, enforcement EnforcementSource, canSignIn bool) CombinedMFAState {
	if status == types.MFANotApplicable || !canSignIn {
		return MFACombinedNotApplicable
	}
	if status == types.MFAUnavailable || enforcement == EnforcementUnknown || enforcement == "" {
		return MFACombinedUnknown
	}
	reg := status == types.MFAEnabled
	req := enforcement.MFARequired()
	switch {
	case reg && req:
		return MFAProtected
	case reg:
		return MFARegisteredNotRequired
	case req:
		return MFARequiredNotRegistered
	}
	return MFAAtRisk
}

func toSet(v []string) map[string]bool {
	m := make(map[string]bool, len(v))
	for _, s := range v {
		m[strings.ToLower(s)] = true
	}
	return m
}

func anyIn(v []string, set map[string]bool) bool {
	for _, s := range v {
		if set[strings.ToLower(s)] {
			return true
		}
	}
	return false
}

func contains(v []string, s string) bool {
	if s == "" {
		return false
	}
	for _, x := range v {
		if x == s {
			return true
		}
	}
	return false
}

func containsFold(v []string, s string) bool {
	for _, x := range v {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func dedupe(v []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range v {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
