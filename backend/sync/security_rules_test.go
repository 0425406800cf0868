package sync

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/oauth2"

	"tenantlens/backend/events"
	"tenantlens/backend/graphsim"
	"tenantlens/backend/review"
	"tenantlens/backend/store"
	"tenantlens/backend/types"
)

// Issue 15, acceptance 1: one subtest per row of the combined-state table
// and per Conditional Access scoping rule. Each case empties a small
// generated tenant's security configuration, builds exactly that rule
// around one user, syncs the tenant through graphsim, msgraph-sdk-go, the
// engine and SQLite, and asserts the user's mfaEnforcement, combined state,
// partial flag and policy names as review reports them.

type securityCase struct {
	name string
	p1   bool // the rule needs Entra ID P1 (Conditional Access)
	// build sets up the tenant around the subject user u.
	build func(t *graphsim.Tenant, st *graphsim.SecurityState, u *graphsim.User)
	// expected, written from the rule (not computed)
	enforcement, combined string
	partial               bool
	detailHas, detailNot  []string
}

func securityCases() []securityCase {
	const polID, grpID, grp2ID = "6d8c1f7a-0b2e-4c3d-9e5f-1a2b3c4d5e01", "6d8c1f7a-0b2e-4c3d-9e5f-1a2b3c4d5e02", "6d8c1f7a-0b2e-4c3d-9e5f-1a2b3c4d5e03"
	allUsers := func(st *graphsim.SecurityState, name, state string) *graphsim.CAPolicy {
		p := st.AddMFAPolicy(polID, name, state)
		p.IncludeUsers = []string{"All"}
		return p
	}
	return []securityCase{
		// combined-state table: registration x enforcement
		{name: "combined/protected", build: func(t *graphsim.Tenant, st *graphsim.SecurityState, u *graphsim.User) {
			st.SecurityDefaults = true
			u.SetRegistered(true)
		}, enforcement: graphsim.EnforceSecurityDefaults, combined: graphsim.CombinedProtected},
		{name: "combined/registered-not-required", build: func(t *graphsim.Tenant, st *graphsim.SecurityState, u *graphsim.User) {
			u.SetRegistered(true)
		}, enforcement: graphsim.EnforceNone, combined: graphsim.CombinedRegisteredNotRequired},
		{name: "combined/required-not-registered", build: func(t *graphsim.Tenant, st *graphsim.SecurityState, u *graphsim.User) {
			st.SecurityDefaults = true
			u.SetRegistered(false)
		}, enforcement: graphsim.EnforceSecurityDefaults, combined: graphsim.CombinedRequiredNotRegistered},
		{name: "combined/at-risk", build: func(t *graphsim.Tenant, st *graphsim.SecurityState, u *graphsim.User) {
			u.SetRegistered(false)
		}, enforcement: graphsim.EnforceNone, combined: graphsim.CombinedAtRisk},
		{name: "combined/not-applicable", build: func(t *graphsim.Tenant, st *graphsim.SecurityState, u *graphsim.User) {
			st.SecurityDefaults = true
			u.SetRegistered(true)
			u.AccountEnabled = false
		}, enforcement: graphsim.EnforceSecurityDefaults, combined: graphsim.CombinedNotApplicable},
		{name: "enforcement/per-user", build: func(t *graphsim.Tenant, st *graphsim.SecurityState, u *graphsim.User) {
			u.SetRegistered(true)
			u.PerUserMFA = "enforced"
		}, enforcement: graphsim.EnforcePerUser, combined: graphsim.CombinedProtected},

		// Conditional Access scoping rules (security defaults off, P1)
		{name: "ca/include-all", p1: true, build: func(t *graphsim.Tenant, st *graphsim.SecurityState, u *graphsim.User) {
			allUsers(st, "Require MFA for all users", "enabled")
			u.SetRegistered(true)
		}, enforcement: graphsim.EnforceConditionalAccess, combined: graphsim.CombinedProtected, detailHas: []string{"Require MFA for all users"}},
		{name: "ca/include-group", p1: true, build: func(t *graphsim.Tenant, st *graphsim.SecurityState, u *graphsim.User) {
			inner := st.AddGroup(grp2ID, "Finance Team", u.ID)
			outer := st.AddGroup(grpID, "MFA Users") // the user is in it through the nested group
			outer.Nested = []string{inner.ID}
			p := st.AddMFAPolicy(polID, "MFA for MFA Users", "enabled")
			p.IncludeGroups = []string{outer.ID}
			u.SetRegistered(false)
		}, enforcement: graphsim.EnforceConditionalAccess, combined: graphsim.CombinedRequiredNotRegistered, detailHas: []string{"MFA for MFA Users"}},
		{name: "ca/exclude-user", p1: true, build: func(t *graphsim.Tenant, st *graphsim.SecurityState, u *graphsim.User) {
			p := allUsers(st, "MFA except one", "enabled")
			p.ExcludeUsers = []string{u.ID}
			u.SetRegistered(true)
		}, enforcement: graphsim.EnforceNone, combined: graphsim.CombinedRegisteredNotRequired, detailNot: []string{"MFA except one"}},
		{name: "ca/exclude-group", p1: true, build: func(t *graphsim.Tenant, st *graphsim.SecurityState, u *graphsim.User) {
			g := st.AddGroup(grpID, "CA Exclusions", u.ID)
			p := allUsers(st, "MFA except exclusions", "enabled")
			p.ExcludeGroups = []string{g.ID}
			u.SetRegistered(false)
		}, enforcement: graphsim.EnforceNone, combined: graphsim.CombinedAtRisk, detailNot: []string{"MFA except exclusions"}},
		{name: "ca/role-scoped", p1: true, build: func(t *graphsim.Tenant, st *graphsim.SecurityState, u *graphsim.User) {
			p := st.AddMFAPolicy(polID, "MFA for Exchange admins", "enabled")
			p.IncludeRoles = []string{graphsim.RoleExchangeAdministrator}
			u.Roles = []string{graphsim.RoleExchangeAdministrator}
			u.SetRegistered(true)
		}, enforcement: graphsim.EnforceConditionalAccess, combined: graphsim.CombinedProtected, detailHas: []string{"MFA for Exchange admins"}},
		{name: "ca/role-scoped-other-role", p1: true, build: func(t *graphsim.Tenant, st *graphsim.SecurityState, u *graphsim.User) {
			p := st.AddMFAPolicy(polID, "MFA for Exchange admins", "enabled")
			p.IncludeRoles = []string{graphsim.RoleExchangeAdministrator}
			u.Roles = []string{graphsim.RoleReportsReader}
			u.SetRegistered(true)
		}, enforcement: graphsim.EnforceNone, combined: graphsim.CombinedRegisteredNotRequired, detailNot: []string{"MFA for Exchange admins"}},
		{name: "ca/guests", p1: true, build: func(t *graphsim.Tenant, st *graphsim.SecurityState, u *graphsim.User) {
			p := st.AddMFAPolicy(polID, "MFA for guests", "enabled")
			p.IncludeGuests = graphsim.AllGuestTypes
			u.MakeGuest(t)
			u.SetRegistered(false)
		}, enforcement: graphsim.EnforceConditionalAccess, combined: graphsim.CombinedRequiredNotRegistered, detailHas: []string{"MFA for guests"}},
		{name: "ca/guests-member-not-in-scope", p1: true, build: func(t *graphsim.Tenant, st *graphsim.SecurityState, u *graphsim.User) {
			p := st.AddMFAPolicy(polID, "MFA for guests", "enabled")
			p.IncludeGuests = graphsim.AllGuestTypes
			u.SetRegistered(false)
		}, enforcement: graphsim.EnforceNone, combined: graphsim.CombinedAtRisk, detailNot: []string{"MFA for guests"}},
		{name: "ca/report-only", p1: true, build: func(t *graphsim.Tenant, st *graphsim.SecurityState, u *graphsim.User) {
			allUsers(st, "MFA pilot (report-only)", "enabledForReportingButNotEnforced")
			u.SetRegistered(true)
		}, enforcement: graphsim.EnforceNone, combined: graphsim.CombinedRegisteredNotRequired, detailHas: []string{"MFA pilot (report-only)"}},
		{name: "ca/disabled", p1: true, build: func(t *graphsim.Tenant, st *graphsim.SecurityState, u *graphsim.User) {
			allUsers(st, "Old MFA policy", "disabled")
			u.SetRegistered(false)
		}, enforcement: graphsim.EnforceNone, combined: graphsim.CombinedAtRisk, detailNot: []string{"Old MFA policy"}},
		{name: "ca/narrow-app-scope", p1: true, build: func(t *graphsim.Tenant, st *graphsim.SecurityState, u *graphsim.User) {
			p := allUsers(st, "MFA for Exchange Online", "enabled")
			p.IncludeApplications = []string{graphsim.AppExchangeOnline}
			u.SetRegistered(true)
		}, enforcement: graphsim.EnforceConditionalAccess, combined: graphsim.CombinedProtected, partial: true, detailHas: []string{"MFA for Exchange Online"}},
	}
}

func TestSecurityRulePerCase(t *testing.T) {
	cases := securityCases()
	// small generated tenants, one per case; CA cases take tenants with P1
	m := graphsim.GenerateMSPWith(graphsim.GenOptions{Seed: 7, Tenants: 3 * len(cases), UsersPerTenant: 5, AllReady: true})
	var withP1, without []*graphsim.Tenant
	for _, c := range m.Customers {
		if c.CaseSubject() == nil {
			continue
		}
		if c.GrantsP1() {
			withP1 = append(withP1, c)
		} else {
			without = append(without, c)
		}
	}
	type built struct {
		tenant  *graphsim.Tenant
		subject string
	}
	byCase := map[string]built{}
	var ids []string
	for _, sc := range cases {
		pool := &withP1
		if !sc.p1 && len(without) > 0 {
			pool = &without
		}
		if len(*pool) == 0 {
			t.Fatalf("%s: no generated tenant left (P1 %v)", sc.name, sc.p1)
		}
		tn := (*pool)[0]
		*pool = (*pool)[1:]
		st := tn.ResetSecurity()
		u := tn.CaseSubject()
		sc.build(tn, st, u)
		byCase[sc.name] = built{tn, u.ID}
		ids = append(ids, tn.ID)
	}
	sim := graphsim.NewWithMSP(m, graphsim.Options{})
	if err := sim.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	st, err := store.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()
	tokens := map[string]string{}
	for _, id := range ids {
		c, _ := sim.Tenant(id)
		if err := st.UpsertTenant(ctx, types.Tenant{ID: c.ID, DisplayName: c.DisplayName, DefaultDomain: c.DefaultDomain,
			Domains: c.Domains, Access: types.AccessReady, Demo: true}); err != nil {
			t.Fatal(err)
		}
		tokens[id] = sim.IssueToken(id)
	}
	eng, err := New(Options{Store: st, GraphBase: sim.GraphURL(), Bus: events.NewRecorder(),
		Tokens: func(id string) (oauth2.TokenSource, error) {
			return oauth2.StaticTokenSource(&oauth2.Token{AccessToken: tokens[id], TokenType: "Bearer"}), nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	rv := &review.Service{Src: st}
	for _, sc := range cases {
		t.Run(sc.name, func(t *testing.T) {
			b := byCase[sc.name]
			res, err := eng.SyncTenant(ctx, b.tenant.ID, types.TriggerManual)
			if err != nil || res.Status != types.RunSucceeded {
				t.Fatalf("sync: %v %s %s", err, res.Status, res.Error)
			}
			v, err := rv.Users(ctx, b.tenant.ID)
			if err != nil {
				t.Fatal(err)
			}
			var row *review.UserRow
			for i := range v.Rows {
				if v.Rows[i].ID == b.subject {
					row = &v.Rows[i]
				}
			}
			if row == nil {
				t.Fatalf("subject %s not in the users view", b.subject)
			}
			got := fmt.Sprintf("%s/%s partial=%v", row.MFAEnforcement, row.MFACombined, row.MFAEnforcementPartial)
			want := fmt.Sprintf("%s/%s partial=%v", sc.enforcement, sc.combined, sc.partial)
			if got != want {
				t.Errorf("%s: %s, want %s (detail %q; notes %v)", row.UserPrincipalName, got, want, row.MFAEnforcementDetail, v.Notes)
			}
			for _, s := range sc.detailHas {
				if !strings.Contains(row.MFAEnforcementDetail, s) {
					t.Errorf("detail %q lacks %q", row.MFAEnforcementDetail, s)
				}
			}
			for _, s := range sc.detailNot {
				if strings.Contains(row.MFAEnforcementDetail, s) {
					t.Errorf("detail %q names %q, which does not apply", row.MFAEnforcementDetail, s)
				}
			}
			if strings.Contains(sc.name, "report-only") && !strings.Contains(strings.ToLower(row.MFAEnforcementDetail), "report-only") {
				t.Errorf("report-only policy not called report-only: %q", row.MFAEnforcementDetail)
			}
		})
	}
}
