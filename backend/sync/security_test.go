package sync

import (
	"context"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"tenantlens/backend/graphsim"
	"tenantlens/backend/review"
	"tenantlens/backend/types"
)

// Security posture through the real chain: graphsim over HTTP, the real
// msgraph-sdk-go client, the sync engine, SQLite, and review's figures.

func (e *env) review() *review.Service { return &review.Service{Src: e.st} }

// TestSecurityDemoEnforcementEqualsTruth: after syncing the demo MSP, every
// tenant's and user's mfaEnforcement (and policies, partial flag, combined
// state) from review equals graphsim's SecurityTruth, and the posture's
// security defaults, break-glass accounts, legacy authentication,
// privileged holders without MFA and Secure Score equal it too. The demo
// covers every CA scoping rule (all users, group, excluded user and group,
// roles, guests, report-only, disabled, narrow applications) and every
// combined state, which the coverage check below asserts.
func TestSecurityDemoEnforcementEqualsTruth(t *testing.T) {
	if testing.Short() {
		t.Skip("ground truth, not goroutines meeting: make test runs it without -race; its -race pass (-short) skips it")
	}
	e := newEnv(t, nil)
	ctx := context.Background()
	res, err := e.eng.SyncAll(ctx, nil, types.TriggerManual)
	if err != nil {
		t.Fatal(err)
	}
	rv := e.review()
	seen := map[string]int{}
	for _, r := range res {
		if r.Status != types.RunSucceeded {
			t.Fatalf("%s: %s %s", r.TenantID, r.Status, r.Error)
		}
		truth := e.sim.SecurityTruth(r.TenantID)
		if truth == nil {
			t.Fatalf("%s: no security truth", r.TenantID)
		}
		name := e.truth[r.TenantID].DisplayName + " (" + truth.Scenario + ")"
		v, err := rv.Users(ctx, r.TenantID)
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Rows) != len(truth.Users) {
			t.Errorf("%s: %d user rows, truth has %d", name, len(v.Rows), len(truth.Users))
		}
		for _, row := range v.Rows {
			want, ok := truth.Users[row.ID]
			if !ok {
				t.Errorf("%s: %s not in truth", name, row.UserPrincipalName)
				continue
			}
			if row.MFAEnforcement != want.Enforcement || row.MFACombined != want.Combined || row.MFAEnforcementPartial != want.Partial {
				t.Errorf("%s %s: enforcement %s/%s partial %v, truth %s/%s partial %v (detail %q)", name, row.UserPrincipalName,
					row.MFAEnforcement, row.MFACombined, row.MFAEnforcementPartial, want.Enforcement, want.Combined, want.Partial, row.MFAEnforcementDetail)
			}
			for _, p := range append(append([]string{}, want.Policies...), want.ReportOnly...) {
				if !strings.Contains(row.MFAEnforcementDetail, p) {
					t.Errorf("%s %s: detail %q lacks policy %q", name, row.UserPrincipalName, row.MFAEnforcementDetail, p)
				}
			}
			if (row.MFAStatus == string(types.MFAEnabled)) != want.Registered {
				t.Errorf("%s %s: MFA Status %s, truth registered=%v", name, row.UserPrincipalName, row.MFAStatus, want.Registered)
			}
			seen[want.Enforcement+"/"+want.Combined]++
			if want.Partial {
				seen["partial"]++
			}
			if len(want.ReportOnly) > 0 {
				seen["reportOnly"]++
			}
		}
		p, err := rv.Posture(ctx, r.TenantID)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[bool]string{true: "on", false: "off"}[truth.SecurityDefaults]; p.SecurityDefaults != want {
			t.Errorf("%s: security defaults %s, truth %s", name, p.SecurityDefaults, want)
		}
		if (p.ConditionalAccess == types.CAKnown) != truth.CAReadable {
			t.Errorf("%s: CA %s, truth readable=%v", name, p.ConditionalAccess, truth.CAReadable)
		}
		if bg := append([]string{}, truth.BreakGlass...); !sameSet(p.BreakGlass, bg) {
			t.Errorf("%s: break-glass %v, truth %v", name, p.BreakGlass, bg)
		}
		if (p.LegacyAuth == "blocked") != truth.LegacyAuthBlocked {
			t.Errorf("%s: legacy auth %s (%s), truth blocked=%v", name, p.LegacyAuth, p.LegacyAuthBy, truth.LegacyAuthBlocked)
		}
		var priv []string
		for _, u := range p.PrivilegedWithoutMFA {
			priv = append(priv, u.ID)
		}
		if !sameSet(priv, truth.PrivilegedWithoutMFA) {
			t.Errorf("%s: privileged without MFA %v, truth %v", name, priv, truth.PrivilegedWithoutMFA)
		}
		if len(truth.PrivilegedWithoutMFA) > 0 && !strings.Contains(p.Findings[0], "privileged-role holder") {
			t.Errorf("%s: first finding %q is not the privileged holders without MFA", name, p.Findings[0])
		}
		var pols, ro []string
		for _, x := range p.MFAPolicies {
			pols = append(pols, x.Name)
		}
		for _, x := range p.ReportOnlyPolicies {
			ro = append(ro, x.Name)
		}
		if !sameSet(pols, truth.MFAPolicies) || !sameSet(ro, truth.ReportOnlyPolicies) {
			t.Errorf("%s: MFA policies %v / report-only %v, truth %v / %v", name, pols, ro, truth.MFAPolicies, truth.ReportOnlyPolicies)
		}
		sc := p.SecureScore
		if truth.ScoreDays > 0 {
			if !sc.Available || len(sc.Trend) != truth.ScoreDays || sc.Current != truth.ScoreCurrent || sc.Max != truth.ScoreMax ||
				sc.Trend[0].Current != truth.ScoreFirst {
				t.Errorf("%s: Secure Score %v/%v over %d days from %v, truth %v/%v over %d from %v", name, sc.Current, sc.Max,
					len(sc.Trend), firstCurrent(sc), truth.ScoreCurrent, truth.ScoreMax, truth.ScoreDays, truth.ScoreFirst)
			}
			if len(p.TopActions) == 0 && sc.Current < sc.Max {
				t.Errorf("%s: no improvement actions although %v < %v", name, sc.Current, sc.Max)
			}
			for i := 1; i < len(p.TopActions); i++ {
				if p.TopActions[i].Points > p.TopActions[i-1].Points {
					t.Errorf("%s: improvement actions not by points: %+v", name, p.TopActions)
				}
			}
		}
		for _, n := range p.Notes {
			if !strings.Contains(n, "Entra ID P1") {
				t.Errorf("%s: unexpected note with full permissions: %s", name, n)
			}
		}
	}
	for _, k := range []string{"securityDefaults/protected", "securityDefaults/requiredNotRegistered", "conditionalAccess/protected",
		"conditionalAccess/requiredNotRegistered", "perUser/protected", "perUser/requiredNotRegistered", "none/registeredNotRequired",
		"none/atRisk", "partial", "reportOnly"} {
		if seen[k] == 0 {
			t.Errorf("no synced user in %s (%v)", k, seen)
		}
	}
}

func firstCurrent(sc review.SecureScoreView) float64 {
	if len(sc.Trend) == 0 {
		return -1
	}
	return sc.Trend[0].Current
}

func sameSet(a, b []string) bool {
	x, y := append([]string{}, a...), append([]string{}, b...)
	sort.Strings(x)
	sort.Strings(y)
	return len(x) == len(y) && (len(x) == 0 || reflect.DeepEqual(x, y))
}

// caTenant is a demo tenant with enabled CA policies that scope by groups
// and roles (so every denial changes something).
func (e *env) caTenant(t *testing.T) string {
	t.Helper()
	for _, id := range e.ids {
		if tr := e.sim.SecurityTruth(id); tr != nil && tr.Scenario == "caAllUsers" {
			return id
		}
	}
	t.Fatal("no caAllUsers demo tenant")
	return ""
}

// TestSecurityDenialsAreNotes: a tenant that denies each security endpoint
// (403) still completes its sync, with a note naming the fix, and its other
// figures (review's tenant KPIs) are those of a sync without the denial. A
// tenant without Entra ID P1 gets the licence note.
func TestSecurityDenialsAreNotes(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	id := e.caTenant(t)
	e.syncCounted(t, id)
	rv := e.review()
	kpis := func() review.KPIs {
		ten, err := e.st.Tenant(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		c, err := rv.CurrentAt(ctx, ten, 0)
		if err != nil {
			t.Fatal(err)
		}
		return c.Data.KPI
	}
	base := kpis()
	cases := []struct {
		area, fix string
		knob      graphsim.SecurityKnobs
	}{
		{"securityDefaults", "Policy.Read.All", graphsim.SecurityKnobs{DenySecurityDefaults: true}},
		{"conditionalAccess", "Security Reader", graphsim.SecurityKnobs{DenyConditionalAccess: true}},
		{"membership", "GroupMember.Read.All", graphsim.SecurityKnobs{DenyMembership: true}},
		{"roles", "RoleManagement.Read.Directory", graphsim.SecurityKnobs{DenyRoles: true}},
		{"perUserMfa", "Policy.Read.All", graphsim.SecurityKnobs{DenyPerUserMFA: true}},
		{"secureScore", "SecurityEvents.Read.All", graphsim.SecurityKnobs{DenySecureScore: true}},
	}
	for _, tc := range cases {
		// a full sync each time: a delta re-sync keeps the last sync's
		// per-user states of unchanged users and reads Secure Score once a day
		if err := e.st.ClearDeltaState(ctx, id); err != nil {
			t.Fatal(err)
		}
		if tc.area == "secureScore" {
			e.clk.Advance(24 * time.Hour) // a new day: Secure Score is read again
		}
		e.sim.SetSecurityKnobs(id, tc.knob)
		r, _ := e.syncCounted(t, id) // fails the test unless the run succeeded
		snap, err := e.st.Snapshot(ctx, r.RunID)
		if err != nil {
			t.Fatal(err)
		}
		if snap.Security == nil {
			t.Fatalf("%s: no security stored", tc.area)
		}
		found := false
		for _, n := range snap.Security.Notes {
			if n.Area == tc.area && strings.Contains(n.Message, tc.fix) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s denied: no note naming %s: %+v", tc.area, tc.fix, snap.Security.Notes)
		}
		if got := kpis(); !reflect.DeepEqual(got, base) {
			t.Errorf("%s denied: KPIs changed:\n got  %+v\n want %+v", tc.area, got, base)
		}
		p, err := rv.Posture(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Notes) == 0 {
			t.Errorf("%s denied: the posture shows no note", tc.area)
		}
		if tc.area == "conditionalAccess" || tc.area == "membership" || tc.area == "roles" {
			// nothing else decides for users outside security defaults: unknown, never a wrong "none"
			v, _ := rv.Users(ctx, id)
			for _, row := range v.Rows {
				if row.MFAEnforcement == "none" {
					t.Errorf("%s denied: %s shown as none instead of unknown", tc.area, row.UserPrincipalName)
					break
				}
			}
		}
	}
	e.sim.SetSecurityKnobs(id, graphsim.SecurityKnobs{})

	// missing licence: a tenant without Entra ID P1
	for _, nid := range e.ids {
		if e.truth[nid].HasP1 {
			continue
		}
		r, _ := e.syncCounted(t, nid)
		snap, err := e.st.Snapshot(ctx, r.RunID)
		if err != nil {
			t.Fatal(err)
		}
		if snap.Security.CA != types.CANotLicensed || len(snap.Security.Notes) == 0 || !strings.Contains(snap.Security.Notes[0].Message, "Entra ID P1") {
			t.Errorf("%s: CA %s, notes %+v", e.truth[nid].DisplayName, snap.Security.CA, snap.Security.Notes)
		}
		break
	}
}

// TestSecureScoreHistoryResyncAndRetention: the first sync stores 90 days;
// re-syncs ask only for the days since the newest stored one and never
// duplicate a day; retention thinning the runs keeps every day.
func TestSecureScoreHistoryResyncAndRetention(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	id := e.caTenant(t)
	truth := e.sim.SecurityTruth(id)
	r1, _ := e.syncCounted(t, id)
	h1, err := e.st.SecureScoreHistory(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(h1) != truth.ScoreDays || truth.ScoreDays != 90 {
		t.Fatalf("first sync stored %d days, truth %d", len(h1), truth.ScoreDays)
	}
	if log := e.runLog(t, r1.RunID); !strings.Contains(log, "asked for 90") {
		t.Errorf("first sync did not ask for 90 days: %s", log)
	}
	for i := 0; i < 3; i++ {
		r, _ := e.syncCounted(t, id)
		log := e.runLog(t, r.RunID)
		if strings.Contains(log, "asked for 90") {
			t.Errorf("re-sync %d asked for 90 days again: %s", i, log)
		}
	}
	h2, err := e.st.SecureScoreHistory(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(h1, h2) {
		t.Errorf("re-syncs changed the history: %d days before, %d after", len(h1), len(h2))
	}
	// retention: a year later, runs are thinned; the trend stays
	e.clk.Advance(400 * 24 * time.Hour)
	e.syncCounted(t, id)
	if _, err := e.st.ApplyRetention(ctx, e.clk.Now()); err != nil {
		t.Fatal(err)
	}
	h3, err := e.st.SecureScoreHistory(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(h3) < 90 {
		t.Errorf("retention left %d days of Secure Score", len(h3))
	}
	p, err := e.review().Posture(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if p.SecureScore.Since != h1[0].Day || p.SecureScore.Change == 0 {
		t.Errorf("trend after retention: since %s change %v (history from %s)", p.SecureScore.Since, p.SecureScore.Change, h1[0].Day)
	}
}
