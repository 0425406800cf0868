package graphsim

import (
	"math/rand/v2"
	"sort"
	"time"
)

// Demo security generation. Each tenant gets one scenario; the scenario
// builds the policies and groups AND says, from its own intent, who must be
// required to use MFA and why (SecurityTruth). The rules package is never
// called here.

const (
	scenSecurityDefaults = "securityDefaults" // SD on
	scenCAFull           = "caAllUsers"       // all-users MFA excluding break-glass + group, admin strength, report-only guests, disabled, legacy block
	scenCASimple         = "caAllUsersSimple" // all-users MFA excluding break-glass only
	scenCAOffice365      = "caOffice365"      // all users, Office 365 apps, excluding a group
	scenReportOnly       = "reportOnly"       // only report-only policies
	scenPerUser          = "perUser"          // per-user MFA only (no P1)
	scenMixedScopes      = "mixedScopes"      // admins by role (incl. role-assignable group), guests, narrow app for a nested group, disabled
	scenAdminsOnly       = "adminsOnly"       // role-scoped policy + report-only all users
	scenDisabledOnly     = "disabledOnly"     // only disabled policies
	scenNone             = "none"             // nothing at all
	appAzureManagement   = "797f4846-ba00-4fd7-ba43-dac1f8f63013"
	appSalesforce        = "5b9a3f5e-2d6c-4f8e-9a1b-7c3d5e7f9a11" // a gallery app's appId in this tenant
	CAStateEnabled       = "enabled"
	CAStateDisabled      = "disabled"
	CAStateReportOnly    = "enabledForReportingButNotEnforced"
	allGuestKinds        = "internalGuest,b2bCollaborationGuest,b2bCollaborationMember,b2bDirectConnectUser,otherExternalUser,serviceProvider"
)

var demoScenarios = map[string]string{
	"Harbor Dental Group":           scenCAFull,
	"Cedar & Pine Law LLP":          scenPerUser,
	"Summit Ridge Construction":     scenSecurityDefaults,
	"Brightwater Veterinary Clinic": scenReportOnly,
	"Meridian Financial Advisors":   scenMixedScopes,
	"Oakline Manufacturing":         scenNone,
	"Lakeside Pediatrics":           scenDisabledOnly,
	"Northgate Logistics":           scenAdminsOnly,
	"Willow Creek Realty":           scenSecurityDefaults,
	"Copperline Coffee Roasters":    scenSecurityDefaults,
	"Granite Peak Engineering":      scenCASimple,
	"Blue Heron Architects":         scenCAOffice365,
	"Bluewater IT Partners":         scenCAFull,
}

// secGen builds one tenant's security state and its truth.
type secGen struct {
	r   *rand.Rand
	t   *Tenant
	ref time.Time
	st  *SecurityState
	tr  *SecurityTruth

	taken      map[string]bool // users already given a security role in the scenario
	privileged map[string]bool // user id -> holds a privileged role through a group (intent)
}

// genSecurity is the generator hook (demo.go): after the tenant's users and
// licences exist.
func genSecurity(t *Tenant, sp tenantSpec, ref time.Time) {
	g := &secGen{
		r: rand.New(rand.NewPCG(hash64("security|"+t.ID), hash64(t.ID+"|security"))),
		t: t, ref: ref, st: &SecurityState{},
		taken: map[string]bool{}, privileged: map[string]bool{},
	}
	scen, ok := demoScenarios[sp.company.Name]
	if !ok {
		scen = [...]string{scenSecurityDefaults, scenNone, scenCASimple, scenPerUser}[g.r.IntN(4)]
	}
	p1 := skusGrantP1(t.SKUs)
	if !p1 && scen != scenSecurityDefaults && scen != scenNone && scen != scenPerUser {
		scen = scenPerUser // CA needs P1: such a tenant uses per-user MFA
	}
	g.tr = &SecurityTruth{Scenario: scen, CAReadable: p1, Users: map[string]UserSecurityTruth{}}
	t.Security = g.st
	g.st.Truth = g.tr
	want := g.build(scen)
	g.fillUserTruth(want)
	g.scores(scen)
}

// candidates: enabled members (not guests, resources, the signed-in admin)
// without roles, in tenant order; registered picks those with MFA or not.
func (g *secGen) pick(n int, registered *bool) []*User {
	var pool []*User
	for _, u := range g.t.Users {
		if u.Deleted || !u.AccountEnabled || u.IsGuest() || u.IsResource() || u == g.t.Admin || len(u.Roles) > 0 || g.taken[u.ID] {
			continue
		}
		if registered != nil && u.MFARegistered() != *registered {
			continue
		}
		pool = append(pool, u)
	}
	g.r.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	if n > len(pool) {
		n = len(pool)
	}
	for _, u := range pool[:n] {
		g.taken[u.ID] = true
	}
	return pool[:n]
}

var yes, no = true, false

func ids(us []*User) []string {
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = u.ID
	}
	return out
}

func (g *secGen) guid() string { return seededGUID(g.r) }

func (g *secGen) policy(name, state string) *CAPolicy {
	created := g.ref.AddDate(0, 0, -200-g.r.IntN(500)).Add(time.Duration(g.r.IntN(86400)) * time.Second)
	p := &CAPolicy{ID: g.guid(), DisplayName: name, State: state, Created: created,
		Modified: created.AddDate(0, 0, g.r.IntN(150)), IncludeApplications: []string{"All"}, Operator: "OR",
		BuiltInControls: []string{"mfa"}, ClientAppTypes: []string{"all"}}
	g.st.Policies = append(g.st.Policies, p)
	return p
}

func (g *secGen) group(name string, members []*User, nested ...*Group) *Group {
	gr := &Group{ID: g.guid(), DisplayName: name, Members: ids(members)}
	for _, n := range nested {
		gr.Nested = append(gr.Nested, n.ID)
	}
	g.st.Groups = append(g.st.Groups, gr)
	return gr
}

// breakGlass adds a cloud-only emergency Global Administrator with a FIDO2
// key, no licence and no mailbox (appended: existing users keep their
// places).
func (g *secGen) breakGlass() *User {
	u := &User{ID: g.guid(), UserPrincipalName: "breakglass@" + g.t.InitialDomain, DisplayName: "Break Glass Account",
		UserType: UserTypeMember, AccountEnabled: true, PerUserMFA: perUserMFADisabled, Roles: []string{RoleGlobalAdministrator},
		Methods: MethodFido2, CreatedDateTime: g.t.CreatedDateTime.AddDate(0, 1, 0)}
	u.MethodsCreated = u.CreatedDateTime
	u.SignIn = &SignInActivity{LastSignIn: g.ref.AddDate(0, 0, -40).Add(10 * time.Hour)}
	u.SignIn.LastSuccessful = u.SignIn.LastSignIn
	g.t.Users = append(g.t.Users, u)
	g.taken[u.ID] = true
	g.st.BreakGlass = append(g.st.BreakGlass, u.ID)
	g.tr.BreakGlass = append(g.tr.BreakGlass, u.DisplayName)
	return u
}

// adminWithoutMFA gives an unregistered member a privileged role.
func (g *secGen) adminWithoutMFA(role string) {
	if us := g.pick(1, &no); len(us) == 1 {
		us[0].Roles = []string{role}
	}
}

// want is a scenario's intent for one user.
type want struct {
	policies, reportOnly []string
	full                 bool // some enabled policy covers all the user's sign-ins
}

func (g *secGen) isPrivileged(u *User) bool {
	if g.privileged[u.ID] {
		return true
	}
	for _, r := range u.Roles {
		if IsPrivilegedRole(r) {
			return true
		}
	}
	return false
}

// build creates the scenario and returns its intent per user.
func (g *secGen) build(scen string) func(u *User) want {
	switch scen {
	case scenSecurityDefaults:
		g.st.SecurityDefaults = true
		g.tr.SecurityDefaults, g.tr.LegacyAuthBlocked = true, true
		g.adminWithoutMFA(RoleExchangeAdministrator)
		return func(*User) want { return want{} }

	case scenCAFull, scenCASimple, scenCAOffice365:
		bg := g.breakGlass()
		var excl *Group
		inExcl := map[string]bool{}
		if scen != scenCASimple {
			svc := g.pick(2, nil)
			direct := g.pick(1, nil)
			nested := g.group("Service Accounts", svc)
			excl = g.group("CA Exclusions", direct, nested)
			for _, u := range append(svc, direct...) {
				inExcl[u.ID] = true
			}
		}
		all := g.policy("CA001: Require MFA for all users", CAStateEnabled)
		all.IncludeUsers, all.ExcludeUsers = []string{"All"}, []string{bg.ID}
		if excl != nil {
			all.ExcludeGroups = []string{excl.ID}
		}
		if scen == scenCAOffice365 {
			all.IncludeApplications = []string{"Office365"}
		}
		g.tr.MFAPolicies = append(g.tr.MFAPolicies, all.DisplayName)
		var admins, guests *CAPolicy
		if scen == scenCAFull {
			g.adminWithoutMFA(RoleHelpdeskAdministrator)
			admins = g.policy("CA002: Phishing-resistant MFA for admin roles", CAStateEnabled)
			admins.IncludeRoles, admins.ExcludeUsers = PrivilegedRoles, []string{bg.ID}
			admins.BuiltInControls, admins.AuthStrength, admins.SignInFrequencyHours = nil, StrengthPhishingResistant, 4
			guests = g.policy("CA003: Require MFA for guests - Office 365 (report-only)", CAStateReportOnly)
			guests.IncludeGuests, guests.IncludeApplications = allGuestKinds, []string{"Office365"}
			azure := g.policy("CA004: Require MFA for Azure management (disabled)", CAStateDisabled)
			azure.IncludeUsers, azure.ExcludeUsers, azure.IncludeApplications = []string{"All"}, []string{bg.ID}, []string{appAzureManagement}
			legacy := g.policy("CA005: Block legacy authentication", CAStateEnabled)
			legacy.IncludeUsers, legacy.ExcludeUsers = []string{"All"}, []string{bg.ID}
			legacy.ClientAppTypes, legacy.BuiltInControls = []string{"exchangeActiveSync", "other"}, []string{"block"}
			g.tr.MFAPolicies = append(g.tr.MFAPolicies, admins.DisplayName)
			g.tr.ReportOnlyPolicies = append(g.tr.ReportOnlyPolicies, guests.DisplayName)
			g.tr.LegacyAuthBlocked = true
		}
		if scen == scenCAOffice365 {
			guestPol := g.policy("Require MFA for guests", CAStateEnabled)
			guestPol.IncludeGuests = "b2bCollaborationGuest,b2bCollaborationMember"
			guests = guestPol
			g.tr.MFAPolicies = append(g.tr.MFAPolicies, guestPol.DisplayName)
		}
		return func(u *User) want {
			var w want
			excluded := u.ID == bg.ID || inExcl[u.ID]
			if !excluded {
				w.policies = append(w.policies, all.DisplayName)
			}
			if admins != nil && u.ID != bg.ID && g.isPrivileged(u) {
				w.policies = append(w.policies, admins.DisplayName)
			}
			if guests != nil && u.IsGuest() {
				if guests.State == CAStateReportOnly {
					w.reportOnly = append(w.reportOnly, guests.DisplayName)
				} else {
					w.policies = append(w.policies, guests.DisplayName)
				}
			}
			w.full = len(w.policies) > 0
			return w
		}

	case scenReportOnly:
		a := g.policy("Require MFA for all users (report-only)", CAStateReportOnly)
		a.IncludeUsers = []string{"All"}
		b := g.policy("Require MFA for administrators (report-only)", CAStateReportOnly)
		b.IncludeRoles = PrivilegedRoles
		g.tr.ReportOnlyPolicies = []string{a.DisplayName, b.DisplayName}
		return func(u *User) want {
			w := want{reportOnly: []string{a.DisplayName}}
			if g.isPrivileged(u) {
				w.reportOnly = append(w.reportOnly, b.DisplayName)
			}
			return w
		}

	case scenPerUser:
		for _, u := range g.pick(3, &yes) {
			u.PerUserMFA = perUserMFAEnforced
		}
		for _, u := range g.pick(2, &no) {
			u.PerUserMFA = perUserMFAEnabled
		}
		g.adminWithoutMFA(RoleExchangeAdministrator)
		return func(*User) want { return want{} }

	case scenMixedScopes:
		helpdesk := g.pick(2, nil)
		hg := g.group("SG-Helpdesk Admins", helpdesk)
		hg.RoleAssignable, hg.Roles = true, []string{RoleHelpdeskAdministrator}
		for _, u := range helpdesk {
			g.privileged[u.ID] = true
		}
		west := g.pick(4, nil)
		sales := g.pick(6, nil)
		wg := g.group("Sales - West", west)
		sg := g.group("Sales", sales, wg)
		inSales := map[string]bool{}
		for _, u := range append(west, sales...) {
			inSales[u.ID] = true
		}
		g.adminWithoutMFA(RoleSharePointAdministrator)
		adm := g.policy("Require MFA for administrators", CAStateEnabled)
		adm.IncludeRoles = PrivilegedRoles
		gst := g.policy("Require MFA for guests and external users", CAStateEnabled)
		gst.IncludeGuests = allGuestKinds
		sf := g.policy("Require MFA for Salesforce - Sales", CAStateEnabled)
		sf.IncludeGroups, sf.IncludeApplications = []string{sg.ID}, []string{appSalesforce}
		dis := g.policy("Require MFA for all users (pilot, disabled)", CAStateDisabled)
		dis.IncludeUsers = []string{"All"}
		g.tr.MFAPolicies = []string{adm.DisplayName, gst.DisplayName, sf.DisplayName}
		return func(u *User) want {
			var w want
			if g.isPrivileged(u) {
				w.policies, w.full = append(w.policies, adm.DisplayName), true
			}
			if u.IsGuest() {
				w.policies, w.full = append(w.policies, gst.DisplayName), true
			}
			if inSales[u.ID] {
				w.policies = append(w.policies, sf.DisplayName) // narrow app: partial
			}
			return w
		}

	case scenAdminsOnly:
		g.adminWithoutMFA(RoleUserAdministrator)
		adm := g.policy("Require MFA for admins", CAStateEnabled)
		adm.IncludeRoles = PrivilegedRoles
		ro := g.policy("Require MFA for all users - Office 365 (report-only)", CAStateReportOnly)
		ro.IncludeUsers, ro.IncludeApplications = []string{"All"}, []string{"Office365"}
		g.tr.MFAPolicies, g.tr.ReportOnlyPolicies = []string{adm.DisplayName}, []string{ro.DisplayName}
		return func(u *User) want {
			w := want{reportOnly: []string{ro.DisplayName}}
			if g.isPrivileged(u) {
				w.policies, w.full = []string{adm.DisplayName}, true
			}
			return w
		}

	case scenDisabledOnly:
		a := g.policy("Require MFA for all users", CAStateDisabled)
		a.IncludeUsers = []string{"All"}
		b := g.policy("Require MFA for admins", CAStateDisabled)
		b.IncludeRoles = PrivilegedRoles
		return func(*User) want { return want{} }
	}
	// scenNone
	g.adminWithoutMFA(RoleExchangeAdministrator)
	return func(*User) want { return want{} }
}

// fillUserTruth turns the intent into the per-user truth.
func (g *secGen) fillUserTruth(intent func(u *User) want) {
	for _, u := range g.t.Users {
		if u.Deleted {
			continue
		}
		w := intent(u)
		sort.Strings(w.policies)
		sort.Strings(w.reportOnly)
		ut := UserSecurityTruth{Policies: w.policies, ReportOnly: w.reportOnly, Registered: u.MFARegistered(), Privileged: g.isPrivileged(u)}
		perUser := u.PerUserMFA == perUserMFAEnabled || u.PerUserMFA == perUserMFAEnforced
		switch {
		case g.st.SecurityDefaults:
			ut.Enforcement = EnforceSecurityDefaults
		case w.full:
			ut.Enforcement = EnforceConditionalAccess
		case perUser:
			ut.Enforcement = EnforcePerUser
		case len(w.policies) > 0:
			ut.Enforcement, ut.Partial = EnforceConditionalAccess, true
		default:
			ut.Enforcement = EnforceNone
		}
		required := ut.Enforcement != EnforceNone
		switch {
		case !u.AccountEnabled:
			ut.Combined = CombinedNotApplicable
		case ut.Registered && required:
			ut.Combined = CombinedProtected
		case ut.Registered:
			ut.Combined = CombinedRegisteredNotRequired
		case required:
			ut.Combined = CombinedRequiredNotRegistered
		default:
			ut.Combined = CombinedAtRisk
		}
		if ut.Privileged && u.AccountEnabled && !ut.Registered {
			g.tr.PrivilegedWithoutMFA = append(g.tr.PrivilegedWithoutMFA, u.ID)
		}
		g.tr.Users[u.ID] = ut
	}
}
