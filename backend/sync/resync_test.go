package sync

import (
	"context"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"tenantlens/backend/events"
	"tenantlens/backend/graphsim"
	"tenantlens/backend/store"
	"tenantlens/backend/types"
)

// newScaledEnv is newEnv over a generated MSP with usersPerTenant users in
// every customer (and every customer ready).
func newScaledEnv(t testing.TB, tenants, usersPerTenant int) *env {
	t.Helper()
	e := &env{clk: &clock{}, rec: events.NewRecorder(), tokens: map[string]string{}, truth: map[string]graphsim.GroundTruth{}}
	m := graphsim.GenerateMSPWith(graphsim.GenOptions{Seed: 3, Tenants: tenants, UsersPerTenant: usersPerTenant, AllReady: true})
	e.sim = graphsim.NewWithMSP(m, graphsim.Options{})
	if err := e.sim.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.sim.Close)
	st, err := store.Open(t.TempDir(), store.Options{Now: e.clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e.st = st
	ctx := context.Background()
	for _, c := range m.Customers {
		if err := st.UpsertTenant(ctx, types.Tenant{ID: c.ID, DisplayName: c.DisplayName, DefaultDomain: c.DefaultDomain,
			Domains: c.Domains, Access: types.AccessReady, Demo: true}); err != nil {
			t.Fatal(err)
		}
		e.tokens[c.ID] = e.sim.IssueToken(c.ID)
		e.truth[c.ID] = e.sim.GroundTruth(c.ID)
		e.ids = append(e.ids, c.ID)
	}
	e.eng, err = New(Options{Store: st, GraphBase: e.sim.GraphURL(), Bus: e.rec, Now: e.clk.Now,
		Tokens: func(id string) (oauth2.TokenSource, error) {
			return oauth2.StaticTokenSource(&oauth2.Token{AccessToken: e.tokens[id], TokenType: "Bearer"}), nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// syncCounted syncs one tenant and returns the result and the Graph
// requests graphsim answered for it.
func (e *env) syncCounted(t testing.TB, id string) (Result, int) {
	t.Helper()
	before := len(e.sim.Requests())
	e.clk.Advance(time.Hour) // past the cooldown
	r, err := e.eng.SyncTenant(context.Background(), id, types.TriggerManual)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != types.RunSucceeded {
		t.Fatalf("%s: %s %s: %s", e.truth[id].DisplayName, r.Status, r.ErrorClass, r.Error)
	}
	n := 0
	for _, q := range e.sim.Requests()[before:] {
		if q.Tenant == id {
			n++
		}
	}
	return r, n
}

func (e *env) runLog(t testing.TB, runID int64) string {
	t.Helper()
	entries, err := e.st.RunLog(context.Background(), runID)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, x := range entries {
		b.WriteString(x.Message)
		b.WriteByte('\n')
	}
	return b.String()
}

// Acceptance: a re-sync of an unchanged tenant sends at most 10 % of the
// requests of its full sync — asserted on a realistic tenant (1,200 users,
// no Entra ID P1, so MFA is each user's methods through $batch). Tenants
// with P1 are measured and logged: their full sync is already small (no
// per-user calls), so fixed requests dominate both.
func TestResyncUnchangedTenantIsCheap(t *testing.T) {
	if testing.Short() {
		t.Skip("ground truth, not goroutines meeting: make test runs it without -race; its -race pass (-short) skips it")
	}
	e := newScaledEnv(t, 6, 1200)
	asserted := false
	for _, id := range e.ids {
		g := e.truth[id]
		full, nFull := e.syncCounted(t, id)
		re, nRe := e.syncCounted(t, id)
		log := e.runLog(t, re.RunID)
		if !strings.Contains(log, "users delta since run") || !strings.Contains(log, "reused the reports") {
			t.Errorf("%s: the re-sync did not use delta and cached reports:\n%s", g.DisplayName, log)
		}
		wFull, wRe := wireRequests(t, e.runLog(t, full.RunID)), wireRequests(t, log)
		t.Logf("%-32s users %5d P1 %-5v full sync %4d requests (%3d on the wire), re-sync %2d (%2d on the wire): %.1f %% / %.1f %%",
			g.DisplayName, g.Users, g.HasP1, nFull, wFull, nRe, wRe, 100*float64(nRe)/float64(nFull), 100*float64(wRe)/float64(wFull))
		a := snapshotOf(t, e, full.RunID)
		b := snapshotOf(t, e, re.RunID)
		compareSnapshots(t, g.DisplayName, a, b)
		if !g.HasP1 && g.Users >= 1000 {
			asserted = true
			// graphsim's count includes each $batch item (Graph throttles
			// them one by one); the pacer's counts HTTP requests
			if nRe*10 > nFull || wRe*10 > wFull {
				t.Errorf("%s: re-sync sent %d requests (%d on the wire), more than 10 %% of the full sync's %d (%d)", g.DisplayName, nRe, wRe, nFull, wFull)
			}
		}
	}
	if !asserted {
		t.Fatal("no tenant of 1,000+ users without P1 in the generated MSP")
	}
}

var wireCount = regexp.MustCompile(`graph: (\d+) requests`)

// wireRequests reads the HTTP requests the tenant's pacer put on the wire
// from the run log.
func wireRequests(t testing.TB, log string) int {
	t.Helper()
	m := wireCount.FindStringSubmatch(log)
	if m == nil {
		t.Fatalf("no request count in the run log:\n%s", log)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func snapshotOf(t testing.TB, e *env, runID int64) *types.Snapshot {
	t.Helper()
	s, err := e.st.Snapshot(context.Background(), runID)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// compareSnapshots compares two snapshots field by field (users by id).
func compareSnapshots(t *testing.T, name string, a, b *types.Snapshot) {
	t.Helper()
	if !reflect.DeepEqual(a.Flags, b.Flags) {
		t.Errorf("%s: flags differ:\n full  %+v\n delta %+v", name, a.Flags, b.Flags)
	}
	if a.TenantName != b.TenantName || !reflect.DeepEqual(a.Domains, b.Domains) || !reflect.DeepEqual(a.SKUs, b.SKUs) || !reflect.DeepEqual(a.Contacts, b.Contacts) {
		t.Errorf("%s: tenant, domains, SKUs or contacts differ", name)
	}
	byID := func(s *types.Snapshot) map[string]types.User {
		m := map[string]types.User{}
		for _, u := range s.Users {
			m[u.ID] = u
		}
		return m
	}
	ua, ub := byID(a), byID(b)
	if len(ua) != len(ub) {
		t.Errorf("%s: %d users vs %d", name, len(ua), len(ub))
	}
	diffs := 0
	ids := make([]string, 0, len(ua))
	for id := range ua {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		x, y := ua[id], ub[id]
		if !reflect.DeepEqual(x, y) {
			diffs++
			if diffs <= 5 {
				t.Errorf("%s: user %s differs:\n full  %+v\n delta %+v", name, id, x, y)
			}
		}
	}
	for id := range ub {
		if _, ok := ua[id]; !ok {
			t.Errorf("%s: user %s only in the delta snapshot", name, id)
		}
	}
	if diffs > 5 {
		t.Errorf("%s: %d users differ in all", name, diffs)
	}
}

// mutate changes a tenant's directory between syncs: users added (one
// restored-looking user created long ago with an old sign-in), changed,
// soft- and hard-deleted, licences moved, sign-ins that delta does not
// report.
func mutate(t *testing.T, e *env, id string) {
	t.Helper()
	tn, _ := e.sim.Tenant(id)
	var live []*graphsim.User
	for _, u := range tn.Users {
		if !u.Deleted && !u.IsResource() {
			live = append(live, u)
		}
	}
	if len(live) < 40 {
		t.Fatalf("tenant too small: %d", len(live))
	}
	now := time.Now().UTC().Truncate(time.Second)
	check := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	tmpl := live[0]
	for i := 0; i < 3; i++ {
		u := &graphsim.User{UserPrincipalName: "new" + string(rune('a'+i)) + "@" + tn.DefaultDomain, Mail: "new" + string(rune('a'+i)) + "@" + tn.DefaultDomain,
			DisplayName: "New Person " + string(rune('A'+i)), GivenName: "New", Surname: "Person", UserType: graphsim.UserTypeMember, AccountEnabled: true,
			CreatedDateTime: now.Add(-time.Hour), Methods: graphsim.MethodAuthenticatorPush, PerUserMFA: "disabled",
			AssignedLicenses: append([]graphsim.AssignedLicense(nil), tmpl.AssignedLicenses...)}
		if i == 2 { // created long ago, signed in long ago: not in a "signed in since" filter
			u.CreatedDateTime = now.Add(-400 * 24 * time.Hour)
			u.SignIn = &graphsim.SignInActivity{LastSignIn: now.Add(-200 * 24 * time.Hour)}
		}
		_, err := e.sim.AddUser(id, u)
		check(err)
	}
	check(e.sim.UpdateUser(id, live[1].ID, func(u *graphsim.User) { u.Department = "Moved Department"; u.JobTitle = "New Title" }))
	check(e.sim.UpdateUser(id, live[2].ID, func(u *graphsim.User) { u.AccountEnabled = !u.AccountEnabled }))
	check(e.sim.UpdateUser(id, live[3].ID, func(u *graphsim.User) { u.AssignedLicenses = nil }))
	check(e.sim.UpdateUser(id, live[4].ID, func(u *graphsim.User) {
		u.AssignedLicenses = append([]graphsim.AssignedLicense(nil), tmpl.AssignedLicenses...)
	}))
	check(e.sim.UpdateUser(id, live[5].ID, func(u *graphsim.User) { u.Methods = graphsim.MethodFido2 })) // and a tracked change:
	check(e.sim.UpdateUser(id, live[5].ID, func(u *graphsim.User) { u.DisplayName += " (FIDO)" }))
	check(e.sim.SoftDeleteUser(id, live[6].ID))
	check(e.sim.HardDeleteUser(id, live[7].ID))
	for _, u := range live[10:30] { // sign-ins only: not reported by delta
		check(e.sim.UpdateUser(id, u.ID, func(u *graphsim.User) {
			u.SignIn = &graphsim.SignInActivity{LastSignIn: now.Add(-time.Minute), LastNonInteractive: now.Add(-2 * time.Minute), LastSuccessful: now.Add(-time.Minute)}
		}))
	}
	for _, u := range live[30:35] { // non-interactive sign-ins only
		check(e.sim.UpdateUser(id, u.ID, func(u *graphsim.User) {
			if u.SignIn == nil {
				u.SignIn = &graphsim.SignInActivity{}
			}
			u.SignIn.LastNonInteractive = now.Add(-3 * time.Minute)
		}))
	}
}

// Acceptance: after users were added, changed, removed, licences moved and
// sign-ins changed, a delta re-sync's snapshot equals a full sync's of the
// same directory, field by field — for a tenant with P1 (registration
// details, sign-in activity) and one without (per-user methods).
//
// Usage reports are downloaded in both syncs here: graphsim builds its
// reports live from the directory, while Graph refreshes them once a day, so
// a reused report would lack users added minutes ago in graphsim only.
func TestResyncEqualsFullSync(t *testing.T) {
	defer func(d time.Duration) { usageMaxAge = d }(usageMaxAge)
	usageMaxAge = 0
	e := newScaledEnv(t, 6, 300)
	var p1, noP1 string
	for _, id := range e.ids {
		if e.truth[id].HasP1 && p1 == "" {
			p1 = id
		}
		if !e.truth[id].HasP1 && noP1 == "" {
			noP1 = id
		}
	}
	if p1 == "" || noP1 == "" {
		t.Fatal("need a tenant with and one without P1")
	}
	for _, id := range []string{p1, noP1} {
		name := e.truth[id].DisplayName
		e.syncCounted(t, id)
		mutate(t, e, id)
		re, _ := e.syncCounted(t, id)
		if log := e.runLog(t, re.RunID); !strings.Contains(log, "users delta since run") {
			t.Fatalf("%s: re-sync did not use delta:\n%s", name, log)
		}
		if err := e.eng.ForceFullSync(context.Background(), id); err != nil {
			t.Fatal(err)
		}
		full, _ := e.syncCounted(t, id)
		if log := e.runLog(t, full.RunID); !strings.Contains(log, "(full read)") {
			t.Fatalf("%s: forced sync was not a full read:\n%s", name, log)
		}
		compareSnapshots(t, name, snapshotOf(t, e, full.RunID), snapshotOf(t, e, re.RunID))
		checkAgainstTruth(t, e, full, e.sim.GroundTruth(id))
	}
}

// An expired delta token (400 syncStateNotFound) and a synchronization
// reset (410 Gone) each lead to a transparent full read with a correct
// snapshot.
func TestResyncExpiredDeltaReadsEverything(t *testing.T) {
	e := newScaledEnv(t, 3, 200)
	id := e.ids[0]
	for _, c := range []struct {
		name   string
		expire func()
		want   string
	}{
		{"syncStateNotFound", func() { e.sim.SetDeltaTokenLifetime(time.Nanosecond) }, "syncStateNotFound"},
		{"410 Gone", func() { e.sim.SetDeltaTokenLifetime(0); e.sim.ResetDeltaSync(id) }, "HTTP 410"},
	} {
		e.syncCounted(t, id)
		tn, _ := e.sim.Tenant(id)
		var victim string
		for _, u := range tn.Users {
			if !u.Deleted {
				victim = u.ID
				break
			}
		}
		if err := e.sim.SoftDeleteUser(id, victim); err != nil {
			t.Fatal(err)
		}
		c.expire()
		time.Sleep(2 * time.Millisecond)
		r, _ := e.syncCounted(t, id)
		log := e.runLog(t, r.RunID)
		if !strings.Contains(log, "delta link expired") || !strings.Contains(log, "(full read)") {
			t.Errorf("%s: no transparent full read:\n%s", c.name, log)
		}
		if !strings.Contains(log, c.want) {
			t.Errorf("%s: log does not name the cause %q:\n%s", c.name, c.want, log)
		}
		checkAgainstTruth(t, e, r, e.sim.GroundTruth(id))
		// and the next sync is a delta re-sync again
		e.sim.SetDeltaTokenLifetime(0)
		r2, _ := e.syncCounted(t, id)
		if log := e.runLog(t, r2.RunID); !strings.Contains(log, "users delta since run") {
			t.Errorf("%s: the sync after the full read did not use delta:\n%s", c.name, log)
		}
	}
}
