package derive

import (
	"reflect"
	"strings"
	"testing"

	"tenantlens/backend/types"
)

const (
	tUser      = "87d349ed-44d7-43e1-9a83-5f2406dee5bd"
	tBreak     = "9a1c5e7f-3b2d-4c6e-8a0f-1e2d3c4b5a69"
	tGroup     = "5e8a1c3d-7f2b-4d6e-9a1c-3e5f7b9d1a35"
	tExclGroup = "0b7d9f1e-3c5a-4e2b-8d6f-1a3c5e7b9d24"
	tGA        = "62e90394-69f5-4237-9190-012177145e10"
	tSalesApp  = "797f4846-ba00-4fd7-ba43-dac1f8f63013"
)

func bp(b bool) *bool { return &b }

// caMFA is an enabled "All users, All apps, require MFA" policy to tweak.
func caMFA(name string) CAPolicy {
	return CAPolicy{ID: name, DisplayName: name, State: CAStateEnabled, IncludeUsers: []string{CAAll},
		IncludeApplications: []string{CAAll}, ClientAppTypes: []string{"all"}, GrantOperator: "OR", BuiltInControls: []string{"mfa"}}
}

func caTenant(ps ...CAPolicy) TenantSecurity {
	return TenantSecurity{SecurityDefaults: bp(false), CA: CAKnown, Policies: ps}
}

func subj(id string) EnforcementSubject {
	return EnforcementSubject{UserID: id, PerUserMFA: "disabled"}
}

func check(t *testing.T, got Enforcement, src EnforcementSource, policies []string, partial bool) {
	t.Helper()
	if got.Source != src || got.Partial != partial || !reflect.DeepEqual(got.Policies, policies) {
		t.Fatalf("got %s %v partial=%v (%v), want %s %v partial=%v", got.Source, got.Policies, got.Partial, got.PartialReasons, src, policies, partial)
	}
}

// --- CA scoping rules -------------------------------------------------

func TestCAIncludeAllUsers(t *testing.T) {
	e := MFAEnforcementFor(caTenant(caMFA("CA001")), subj(tUser))
	check(t, e, EnforcedByConditionalAccess, []string{"CA001"}, false)
	// "None" includes nobody
	p := caMFA("nobody")
	p.IncludeUsers = []string{CANone}
	check(t, MFAEnforcementFor(caTenant(p), subj(tUser)), EnforcedByNone, nil, false)
}

func TestCAIncludeGroupIsTransitive(t *testing.T) {
	p := caMFA("Clinical")
	p.IncludeUsers, p.IncludeGroups = nil, []string{tGroup}
	in := subj(tUser)
	in.Groups = []string{"11111111-0000-0000-0000-000000000000", strings.ToUpper(tGroup)} // nested membership, any case
	check(t, MFAEnforcementFor(caTenant(p), in), EnforcedByConditionalAccess, []string{"Clinical"}, false)
	check(t, MFAEnforcementFor(caTenant(p), subj(tUser)), EnforcedByNone, nil, false)
}

func TestCAExcludeUserWins(t *testing.T) {
	p := caMFA("CA001")
	p.ExcludeUsers = []string{tBreak}
	check(t, MFAEnforcementFor(caTenant(p), subj(tBreak)), EnforcedByNone, nil, false)
	check(t, MFAEnforcementFor(caTenant(p), subj(tUser)), EnforcedByConditionalAccess, []string{"CA001"}, false)
	// explicit inclusion does not beat the exclusion either
	p.IncludeUsers = []string{tBreak}
	check(t, MFAEnforcementFor(caTenant(p), subj(tBreak)), EnforcedByNone, nil, false)
}

func TestCAExcludeGroupWins(t *testing.T) {
	p := caMFA("CA001")
	p.ExcludeGroups = []string{tExclGroup}
	u := subj(tUser)
	u.Groups = []string{tExclGroup}
	check(t, MFAEnforcementFor(caTenant(p), u), EnforcedByNone, nil, false)
	u.PerUserMFA = "enforced" // another source still applies
	check(t, MFAEnforcementFor(caTenant(p), u), EnforcedByPerUser, nil, false)
}

func TestCARoleScoped(t *testing.T) {
	p := caMFA("Admins")
	p.IncludeUsers, p.IncludeRoles = nil, []string{tGA, "e8611ab8-c189-46e8-94e1-60213ab1f814"}
	p.BuiltInControls, p.AuthStrengthRequirements, p.AuthStrengthName = nil, "mfa", "Phishing-resistant MFA"
	admin := subj(tUser)
	admin.Roles = []string{tGA}
	check(t, MFAEnforcementFor(caTenant(p), admin), EnforcedByConditionalAccess, []string{"Admins"}, false)
	check(t, MFAEnforcementFor(caTenant(p), subj(tUser)), EnforcedByNone, nil, false)
	// excludeRoles wins
	p.IncludeRoles, p.IncludeUsers, p.ExcludeRoles = nil, []string{CAAll}, []string{tGA}
	check(t, MFAEnforcementFor(caTenant(p), admin), EnforcedByNone, nil, false)
}

func TestCAGuestsCondition(t *testing.T) {
	p := caMFA("Guests")
	p.IncludeUsers = nil
	p.IncludeGuestsOrExternalUsers = "internalGuest,b2bCollaborationGuest"
	guest := subj("g1")
	guest.GuestKind = GuestKindOf("Guest", "ann.lee_gmail.com#EXT#@contoso.onmicrosoft.com")
	if guest.GuestKind != GuestKindB2BCollaborationGuest {
		t.Fatalf("guest kind %q", guest.GuestKind)
	}
	check(t, MFAEnforcementFor(caTenant(p), guest), EnforcedByConditionalAccess, []string{"Guests"}, false)
	check(t, MFAEnforcementFor(caTenant(p), subj(tUser)), EnforcedByNone, nil, false)
	// a b2b collaboration *member* is not of the listed kinds
	m := subj("m1")
	m.GuestKind = GuestKindOf("Member", "bob_fabrikam.com#EXT#@contoso.onmicrosoft.com")
	check(t, MFAEnforcementFor(caTenant(p), m), EnforcedByNone, nil, false)
	// enumerated external tenants: only guests from those tenants
	p.IncludeExternalTenants = []string{"tenant-a"}
	guest.HomeTenantID = "tenant-b"
	check(t, MFAEnforcementFor(caTenant(p), guest), EnforcedByNone, nil, false)
	// legacy includeUsers "GuestsOrExternalUsers" and the exclusion form
	all := caMFA("All but guests")
	all.ExcludeGuestsOrExternalUsers = "b2bCollaborationGuest"
	check(t, MFAEnforcementFor(caTenant(all), guest), EnforcedByNone, nil, false)
	legacy := caMFA("Legacy guests")
	legacy.IncludeUsers = []string{CAGuestsOrExternalUsers}
	check(t, MFAEnforcementFor(caTenant(legacy), guest), EnforcedByConditionalAccess, []string{"Legacy guests"}, false)
}

func TestCAReportOnlyNeverCounts(t *testing.T) {
	p := caMFA("CA002 report-only")
	p.State = CAStateReportOnly
	e := MFAEnforcementFor(caTenant(p), subj(tUser))
	check(t, e, EnforcedByNone, nil, false)
	if !reflect.DeepEqual(e.ReportOnly, []string{"CA002 report-only"}) || !strings.Contains(e.Detail(), "would require MFA (report-only)") {
		t.Fatalf("report-only %v detail %q", e.ReportOnly, e.Detail())
	}
}

func TestCADisabledNeverCounts(t *testing.T) {
	p := caMFA("CA004")
	p.State = CAStateDisabled
	e := MFAEnforcementFor(caTenant(p), subj(tUser))
	check(t, e, EnforcedByNone, nil, false)
	if len(e.ReportOnly) != 0 {
		t.Fatalf("disabled policy listed as report-only: %v", e.ReportOnly)
	}
}

func TestCANarrowAppScopeIsPartial(t *testing.T) {
	p := caMFA("Salesforce")
	p.IncludeApplications = []string{tSalesApp}
	e := MFAEnforcementFor(caTenant(p), subj(tUser))
	check(t, e, EnforcedByConditionalAccess, []string{"Salesforce"}, true)
	if !reflect.DeepEqual(e.PartialReasons, []string{"selected applications only"}) || !strings.Contains(e.Detail(), "partial") {
		t.Fatalf("reasons %v detail %q", e.PartialReasons, e.Detail())
	}
	// Office365 counts as full
	p.IncludeApplications = []string{CAOffice365}
	check(t, MFAEnforcementFor(caTenant(p), subj(tUser)), EnforcedByConditionalAccess, []string{"Salesforce"}, false)
	// a full policy next to a partial one: not partial
	narrow := caMFA("Narrow")
	narrow.IncludeApplications = []string{tSalesApp}
	check(t, MFAEnforcementFor(caTenant(narrow, caMFA("Full")), subj(tUser)), EnforcedByConditionalAccess, []string{"Full", "Narrow"}, false)
	// per-user MFA covers every sign-in, so it wins over a partial policy
	u := subj(tUser)
	u.PerUserMFA = "enabled"
	check(t, MFAEnforcementFor(caTenant(narrow), u), EnforcedByPerUser, []string{"Narrow"}, false)
}

func TestCAGrantControls(t *testing.T) {
	block := caMFA("Block legacy")
	block.BuiltInControls = []string{"block"}
	check(t, MFAEnforcementFor(caTenant(block), subj(tUser)), EnforcedByNone, nil, false)
	alt := caMFA("MFA or compliant")
	alt.BuiltInControls = []string{"mfa", "compliantDevice"}
	e := MFAEnforcementFor(caTenant(alt), subj(tUser))
	check(t, e, EnforcedByConditionalAccess, []string{"MFA or compliant"}, true)
	alt.GrantOperator = "AND"
	check(t, MFAEnforcementFor(caTenant(alt), subj(tUser)), EnforcedByConditionalAccess, []string{"MFA or compliant"}, false)
	cond := caMFA("Outside office")
	cond.HasOtherConditions = true
	check(t, MFAEnforcementFor(caTenant(cond), subj(tUser)), EnforcedByConditionalAccess, []string{"Outside office"}, true)
}

// --- sources and precedence ---------------------------------------------

func TestEnforcementSources(t *testing.T) {
	sd := TenantSecurity{SecurityDefaults: bp(true), CA: CANotLicensed}
	check(t, MFAEnforcementFor(sd, subj(tUser)), EnforcedBySecurityDefaults, nil, false)

	noP1 := TenantSecurity{SecurityDefaults: bp(false), CA: CANotLicensed, Policies: []CAPolicy{caMFA("stale")}}
	check(t, MFAEnforcementFor(noP1, subj(tUser)), EnforcedByNone, nil, false) // no P1: no CA enforced
	for _, st := range []string{"enabled", "enforced"} {
		u := subj(tUser)
		u.PerUserMFA = st
		e := MFAEnforcementFor(noP1, u)
		check(t, e, EnforcedByPerUser, nil, false)
		if e.Detail() != "Per-user MFA "+st {
			t.Fatalf("detail %q", e.Detail())
		}
	}
	unknownCA := TenantSecurity{SecurityDefaults: bp(false), CA: CAUnknown}
	check(t, MFAEnforcementFor(unknownCA, subj(tUser)), EnforcementUnknown, nil, false)
	unknownSD := TenantSecurity{CA: CAKnown}
	check(t, MFAEnforcementFor(unknownSD, subj(tUser)), EnforcementUnknown, nil, false)
	// a known positive source decides even when another is unknown
	check(t, MFAEnforcementFor(TenantSecurity{CA: CAKnown, Policies: []CAPolicy{caMFA("CA")}}, subj(tUser)),
		EnforcedByConditionalAccess, []string{"CA"}, false)
	unknownPerUser := subj(tUser)
	unknownPerUser.PerUserMFA = ""
	check(t, MFAEnforcementFor(caTenant(), unknownPerUser), EnforcementUnknown, nil, false)
}

// --- combined state: one test per row of the table ----------------------

func TestCombinedProtected(t *testing.T) {
	for _, src := range []EnforcementSource{EnforcedBySecurityDefaults, EnforcedByConditionalAccess, EnforcedByPerUser} {
		if got := CombineMFA(types.MFAEnabled, src, true); got != MFAProtected {
			t.Fatalf("%s: %s", src, got)
		}
	}
}

func TestCombinedRegisteredNotRequired(t *testing.T) {
	if got := CombineMFA(types.MFAEnabled, EnforcedByNone, true); got != MFARegisteredNotRequired {
		t.Fatal(got)
	}
}

func TestCombinedRequiredNotRegistered(t *testing.T) {
	for _, src := range []EnforcementSource{EnforcedBySecurityDefaults, EnforcedByConditionalAccess, EnforcedByPerUser} {
		if got := CombineMFA(types.MFADisabled, src, true); got != MFARequiredNotRegistered {
			t.Fatalf("%s: %s", src, got)
		}
	}
}

func TestCombinedAtRisk(t *testing.T) {
	if got := CombineMFA(types.MFADisabled, EnforcedByNone, true); got != MFAAtRisk {
		t.Fatal(got)
	}
}

func TestCombinedNotApplicable(t *testing.T) {
	if got := CombineMFA(types.MFANotApplicable, EnforcedByNone, true); got != MFACombinedNotApplicable { // contact
		t.Fatal(got)
	}
	if got := CombineMFA(types.MFAEnabled, EnforcedBySecurityDefaults, false); got != MFACombinedNotApplicable { // disabled / deleted
		t.Fatal(got)
	}
}

func TestCombinedUnknown(t *testing.T) {
	if got := CombineMFA(types.MFAUnavailable, EnforcedBySecurityDefaults, true); got != MFACombinedUnknown {
		t.Fatal(got)
	}
	if got := CombineMFA(types.MFAEnabled, EnforcementUnknown, true); got != MFACombinedUnknown {
		t.Fatal(got)
	}
}
