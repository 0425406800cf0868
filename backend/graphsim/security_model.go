package graphsim

import (
	"strings"
	"sync"
	"time"
)

// SecurityState is a tenant's security configuration as Graph shows it
// (GRAPH-FACTS §11-§15): security defaults, Conditional Access policies,
// groups and group role assignments (for CA scope), Secure Score history and
// control profiles. Users' direct directory roles stay in User.Roles and
// per-user MFA in User.PerUserMFA. A nil Tenant.Security serves security
// defaults off, no CA policies, no groups and no Secure Score.
type SecurityState struct {
	SecurityDefaults bool
	Policies         []*CAPolicy
	Groups           []*Group
	// SecureScores: one per day, newest first (90 days in the demo).
	SecureScores    []*SecureScoreDay
	ControlProfiles []*ControlProfile
	// BreakGlass: emergency-access accounts (user ids) the policies exclude.
	BreakGlass []string

	// Truth is the generator's intent (security_truth.go); nil for
	// hand-built tenants.
	Truth *SecurityTruth
}

// CAPolicy is one conditionalAccessPolicy.
type CAPolicy struct {
	ID, TemplateID, DisplayName string
	Created, Modified           time.Time
	State                       string // enabled | disabled | enabledForReportingButNotEnforced

	IncludeUsers, ExcludeUsers   []string
	IncludeGroups, ExcludeGroups []string
	IncludeRoles, ExcludeRoles   []string
	// IncludeGuests/ExcludeGuests: guestOrExternalUserTypes flags string,
	// "" => null. External tenants are always "all".
	IncludeGuests, ExcludeGuests string

	IncludeApplications, ExcludeApplications []string
	IncludeUserActions                       []string
	ClientAppTypes                           []string

	Operator        string   // AND | OR
	BuiltInControls []string // mfa, block, compliantDevice ...
	AuthStrength    *AuthStrength
	// SignInFrequencyHours > 0 adds sessionControls.signInFrequency.
	SignInFrequencyHours int
}

// AuthStrength is a built-in authentication strength policy.
type AuthStrength struct {
	ID, DisplayName, Description string
	Allowed                      []string
}

// Built-in authentication strengths (GRAPH-FACTS §12).
var (
	StrengthMFA = &AuthStrength{ID: "00000000-0000-0000-0000-000000000002", DisplayName: "Multifactor authentication",
		Description: "Combinations of methods that satisfy strong authentication, such as a password + SMS",
		Allowed:     []string{"windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor", "deviceBasedPush", "temporaryAccessPassOneTime", "temporaryAccessPassMultiUse", "password,microsoftAuthenticatorPush", "password,softwareOath", "password,hardwareOath", "password,sms", "password,voice"}}
	StrengthPhishingResistant = &AuthStrength{ID: "00000000-0000-0000-0000-000000000004", DisplayName: "Phishing-resistant MFA",
		Description: "Phishing-resistant, Passwordless methods for the strongest authentication, such as a FIDO2 security key",
		Allowed:     []string{"windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"}}
)

// Group is a security group: direct user members, nested groups, and the
// directory roles it holds when it is role-assignable.
type Group struct {
	ID, DisplayName string
	Members         []string // user ids (direct)
	Nested          []string // group ids (direct)
	RoleAssignable  bool
	Roles           []string // role template ids assigned to the group
}

// SecureScoreDay is one secureScore object.
type SecureScoreDay struct {
	Date                         time.Time // 00:00 UTC
	ActiveUsers, LicensedUsers   int
	Controls                     []ControlScore
	AllTenantsAvg, SeatSizeAvg   float64
	SeatRangeLower, SeatRangeUpp int
}

// ControlScore is one controlScores entry.
type ControlScore struct {
	Category, Name, Description string
	Score, Max                  float64
	Count, Total                int
}

// Current is the day's currentScore (sum of the controls).
func (d *SecureScoreDay) Current() float64 {
	v := 0.0
	for _, c := range d.Controls {
		v += c.Score
	}
	return round2(v)
}

// MaxScore is the day's maxScore (sum of the controls' maxima).
func (d *SecureScoreDay) MaxScore() float64 {
	v := 0.0
	for _, c := range d.Controls {
		v += c.Max
	}
	return round2(v)
}

// ControlProfile is one secureScoreControlProfile.
type ControlProfile struct {
	ID, Title, Category, Service, ActionType, ActionURL string
	Tier, ImplementationCost, UserImpact                string
	Remediation, RemediationImpact                      string
	MaxScore                                            float64
	Rank                                                int
	Threats                                             []string
	StateComment, StateBy                               string // one controlStateUpdates entry when set
}

func round2(v float64) float64 { return float64(int64(v*100+0.5)) / 100 }

// PrivilegedRoles are the 14 role templates of Microsoft's "Require MFA for
// admins" CA template (GRAPH-FACTS §13).
var PrivilegedRoles = []string{
	RoleGlobalAdministrator, RolePrivilegedRoleAdministrator, RolePrivilegedAuthenticationAdmin,
	RoleSecurityAdministrator, "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9", RoleExchangeAdministrator,
	RoleSharePointAdministrator, RoleUserAdministrator, RoleHelpdeskAdministrator,
	"b0f54661-2d74-4c50-afa3-1ec803f12efe", RoleAuthenticationAdministrator, RoleApplicationAdministrator,
	RoleCloudApplicationAdministrator, "966707d0-3269-4727-9be2-8c3a10f19b9d",
}

// IsPrivilegedRole reports one of PrivilegedRoles.
func IsPrivilegedRole(id string) bool {
	for _, r := range PrivilegedRoles {
		if strings.EqualFold(r, id) {
			return true
		}
	}
	return false
}

var roleDisplayNames = map[string]string{
	RoleGlobalAdministrator:                "Global Administrator",
	RoleGlobalReader:                       "Global Reader",
	RoleUserAdministrator:                  "User Administrator",
	RoleReportsReader:                      "Reports Reader",
	RoleSecurityReader:                     "Security Reader",
	RoleSecurityAdministrator:              "Security Administrator",
	RoleDirectoryReaders:                   "Directory Readers",
	RoleLicenseAdministrator:               "License Administrator",
	RoleAuthenticationAdministrator:        "Authentication Administrator",
	RolePrivilegedAuthenticationAdmin:      "Privileged Authentication Administrator",
	RoleAuthenticationPolicyAdministrator:  "Authentication Policy Administrator",
	RolePrivilegedRoleAdministrator:        "Privileged Role Administrator",
	RoleHelpdeskAdministrator:              "Helpdesk Administrator",
	RoleExchangeAdministrator:              "Exchange Administrator",
	RoleSharePointAdministrator:            "SharePoint Administrator",
	RoleTeamsAdministrator:                 "Teams Administrator",
	RoleCloudApplicationAdministrator:      "Cloud Application Administrator",
	RoleApplicationAdministrator:           "Application Administrator",
	RoleServiceSupportAdministrator:        "Service Support Administrator",
	RoleIntuneAdministrator:                "Intune Administrator",
	"b1be1c3e-b65d-4f19-8427-f6fa0d97feb9": "Conditional Access Administrator",
	"b0f54661-2d74-4c50-afa3-1ec803f12efe": "Billing Administrator",
	"966707d0-3269-4727-9be2-8c3a10f19b9d": "Password Administrator",
}

func roleName(id string) string {
	if n, ok := roleDisplayNames[id]; ok {
		return n
	}
	return "Directory role " + id[:8]
}

// groupByID finds a group of the tenant.
func (st *SecurityState) groupByID(id string) *Group {
	if st == nil {
		return nil
	}
	for _, g := range st.Groups {
		if strings.EqualFold(g.ID, id) {
			return g
		}
	}
	return nil
}

// TransitiveGroupsOf returns the ids of every group the user is a member of,
// directly or through nested groups, in the tenant's group order.
func (st *SecurityState) TransitiveGroupsOf(userID string) []string {
	if st == nil {
		return nil
	}
	in := map[string]bool{}
	for _, g := range st.Groups {
		for _, m := range g.Members {
			if strings.EqualFold(m, userID) {
				in[g.ID] = true
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, g := range st.Groups {
			if in[g.ID] {
				continue
			}
			for _, n := range g.Nested {
				if in[n] {
					in[g.ID], changed = true, true
					break
				}
			}
		}
	}
	var out []string
	for _, g := range st.Groups {
		if in[g.ID] {
			out = append(out, g.ID)
		}
	}
	return out
}

// TransitiveUsersOf returns the user ids under a group (nested included).
func (st *SecurityState) TransitiveUsersOf(groupID string) (users, groups []string) {
	seenU, seenG := map[string]bool{}, map[string]bool{groupID: true}
	var walk func(id string)
	walk = func(id string) {
		g := st.groupByID(id)
		if g == nil {
			return
		}
		for _, m := range g.Members {
			if !seenU[m] {
				seenU[m] = true
				users = append(users, m)
			}
		}
		for _, n := range g.Nested {
			if !seenG[n] {
				seenG[n] = true
				groups = append(groups, n)
				walk(n)
			}
		}
	}
	walk(groupID)
	return users, groups
}

// RolesOf returns the role template ids a user holds: directly and through
// role-assignable groups it is a (transitive) member of.
func (t *Tenant) RolesOf(u *User) []string {
	seen := map[string]bool{}
	var out []string
	add := func(r string) {
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	for _, r := range u.Roles {
		add(r)
	}
	if t.Security != nil {
		for _, gid := range t.Security.TransitiveGroupsOf(u.ID) {
			if g := t.Security.groupByID(gid); g != nil && g.RoleAssignable {
				for _, r := range g.Roles {
					add(r)
				}
			}
		}
	}
	return out
}

// SecurityKnobs are per-tenant switches for the security endpoints; the
// uncertain facts are switches here.
type SecurityKnobs struct {
	// CANoP1Empty: on a tenant without Entra ID P1 the CA list answers 200
	// {"value":[]} instead of 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant
	// (GRAPH-FACTS §12: undocumented; the 403 is the default).
	CANoP1Empty bool
	// CAPageSize > 0 pages the CA list with @odata.nextLink ($skip); Graph's
	// own page size is undocumented (default: one page).
	CAPageSize int
	// SecureScorePartial answers secureScores with 206 Partial Content and a
	// Warning header (a provider failed, GRAPH-FACTS §15).
	SecureScorePartial bool
	// Deny*: 403 Authorization_RequestDenied, as when the role or scope is
	// missing.
	DenySecurityDefaults, DenyConditionalAccess, DenyMembership, DenyRoles, DenySecureScore, DenyPerUserMFA bool
}

var securityKnobs sync.Map // *Sim -> *sync.Map(tenantID -> SecurityKnobs)

// SetSecurityKnobs replaces the security knobs of one tenant ("" or "*":
// every tenant).
func (s *Sim) SetSecurityKnobs(tenantID string, k SecurityKnobs) {
	v, _ := securityKnobs.LoadOrStore(s, &sync.Map{})
	m := v.(*sync.Map)
	if tenantID == "" || tenantID == "*" {
		for _, t := range s.all {
			m.Store(t.ID, k)
		}
		return
	}
	if t, ok := s.Tenant(tenantID); ok {
		m.Store(t.ID, k)
	}
}

func (s *Sim) securityKnobsFor(tenantID string) SecurityKnobs {
	v, ok := securityKnobs.Load(s)
	if !ok {
		return SecurityKnobs{}
	}
	k, _ := v.(*sync.Map).Load(tenantID)
	sk, _ := k.(SecurityKnobs)
	return sk
}
