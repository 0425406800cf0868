package sync

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"tenantlens/backend/events"
	"tenantlens/backend/graph"
	"tenantlens/backend/graphsim"
	"tenantlens/backend/types"
)

// checkAgainstTruth compares a succeeded run's metrics and snapshot with
// graphsim's ground truth.
func checkAgainstTruth(t *testing.T, e *env, r Result, g graphsim.GroundTruth) {
	t.Helper()
	ctx := context.Background()
	if r.Status != types.RunSucceeded {
		t.Errorf("%s: %s %s: %s", g.DisplayName, r.Status, r.ErrorClass, r.Error)
		return
	}
	m, err := e.st.Metrics(ctx, r.RunID)
	if err != nil {
		t.Fatal(err)
	}
	type pair struct {
		name      string
		got, want int
	}
	// In a concealed tenant resource mailboxes cannot be told apart (only
	// the mailbox usage report names them), so they count like any enabled
	// user — and graphsim's ground truth counts them the same way.
	wantInactive := g.Inactive
	for _, p := range []pair{
		{"users", m.Users, g.Users},
		{"licensed", m.Licensed, g.LicensedUsers},
		{"guests", m.Guests, g.Guests},
		{"disabled", m.Disabled, g.Disabled},
		{"deleted", m.Deleted, g.Deleted},
		{"contacts", m.Contacts, g.Contacts},
		{"MFA registered", m.MFARegistered, g.MFARegistered},
		{"inactive", m.Inactive, wantInactive},
	} {
		if p.got != p.want {
			t.Errorf("%s: %s = %d, truth %d", g.DisplayName, p.name, p.got, p.want)
		}
	}
	if !g.Concealed && m.Resource != g.ResourceAccounts {
		t.Errorf("%s: resource accounts = %d, truth %d", g.DisplayName, m.Resource, g.ResourceAccounts)
	}
	for sku, n := range g.ConsumedBySKU {
		if m.ConsumedBySKU[sku] != n {
			t.Errorf("%s: consumed %s = %d, truth %d", g.DisplayName, sku, m.ConsumedBySKU[sku], n)
		}
	}
	if len(m.ConsumedBySKU) != len(g.ConsumedBySKU) {
		t.Errorf("%s: %d SKUs, truth %d", g.DisplayName, len(m.ConsumedBySKU), len(g.ConsumedBySKU))
	}

	snap, err := e.st.CurrentSnapshot(ctx, g.TenantID)
	if err != nil {
		t.Fatal(err)
	}
	if snap.Run.ID != r.RunID {
		t.Errorf("%s: current run %d, want %d", g.DisplayName, snap.Run.ID, r.RunID)
	}
	wantSource := types.MFASourceRegistrationDetails
	if !g.HasP1 {
		wantSource = types.MFASourceAuthMethods
	}
	f := snap.Flags
	if f.MFASource != wantSource || !f.MFAAvailable || f.SignInAvailable != g.HasP1 || f.UsageConcealed != g.Concealed || !f.UsageAvailable {
		t.Errorf("%s: flags %+v (P1 %v, concealed %v)", g.DisplayName, f, g.HasP1, g.Concealed)
	}
	if !g.HasP1 && f.SignInNote != graph.SignInNeedsP1 {
		t.Errorf("%s: sign-in note %q", g.DisplayName, f.SignInNote)
	}
	if g.Concealed && !strings.Contains(f.UsageNote, "concealed") {
		t.Errorf("%s: usage note %q should say how to turn concealment off", g.DisplayName, f.UsageNote)
	}
	for _, u := range snap.Users {
		switch {
		case u.Deleted:
			if u.MFAStatus != types.MFADisabled {
				t.Errorf("%s: deleted user %s MFA %s", g.DisplayName, u.UserPrincipalName, u.MFAStatus)
			}
		case u.MFASource != wantSource:
			t.Errorf("%s: user %s MFA source %q, want %q", g.DisplayName, u.UserPrincipalName, u.MFASource, wantSource)
		}
		if g.Concealed && (u.LastActivity != nil || u.EmailsSent != nil) {
			t.Errorf("%s: concealed tenant imported activity for %s", g.DisplayName, u.UserPrincipalName)
		}
	}
}

func TestSyncDemoMSPMatchesGroundTruth(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	res, err := e.eng.SyncAll(ctx, nil, types.TriggerManual)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != len(e.ids) {
		t.Fatalf("%d results for %d tenants", len(res), len(e.ids))
	}
	var noP1, concealed int
	for _, r := range res {
		g := e.truth[r.TenantID]
		checkAgainstTruth(t, e, r, g)
		if !g.HasP1 {
			noP1++
		}
		if g.Concealed {
			concealed++
		}
	}
	if noP1 < 2 || concealed < 1 {
		t.Errorf("the demo MSP should include 2 no-P1 tenants (%d) and a concealed one (%d)", noP1, concealed)
	}

	// events: progress through every phase and one finish per tenant
	phases := map[string]map[string]bool{}
	for _, ev := range e.rec.Events(events.SyncProgress) {
		p := ev.Payload.(events.SyncProgressPayload)
		if phases[p.TenantID] == nil {
			phases[p.TenantID] = map[string]bool{}
		}
		phases[p.TenantID][p.Phase] = true
		if p.Done > p.Total {
			t.Errorf("progress %+v: done > total", p)
		}
	}
	finished := map[string]string{}
	for _, ev := range e.rec.Events(events.SyncFinished) {
		p := ev.Payload.(events.SyncFinishedPayload)
		finished[p.TenantID] = p.Status
	}
	for _, id := range e.ids {
		for _, ph := range []string{PhaseConnect, PhaseLicenses, PhaseUsers, PhaseMFA, PhaseUsage, PhaseSave} {
			if !phases[id][ph] {
				t.Errorf("%s: no %s progress", e.truth[id].DisplayName, ph)
			}
		}
		if finished[id] != string(types.RunSucceeded) {
			t.Errorf("%s: finished %q", e.truth[id].DisplayName, finished[id])
		}
	}

	// the stored log tells the story and holds no token
	for _, r := range res {
		log, err := e.st.RunLog(ctx, r.RunID)
		if err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		for _, l := range log {
			text.WriteString(l.Message + "\n")
		}
		s := text.String()
		for _, want := range []string{"sync started", "users: ", "MFA: ", "snapshot saved", "sync succeeded"} {
			if !strings.Contains(s, want) {
				t.Errorf("%s: log lacks %q:\n%s", e.truth[r.TenantID].DisplayName, want, s)
			}
		}
		if tok := e.tokens[r.TenantID]; strings.Contains(s, tok[len(tok)-16:]) {
			t.Errorf("run log contains the access token")
		}
	}
}

// With 30 % of Graph requests answered 429 (Retry-After 1 s) every tenant
// still completes with the right numbers.
func TestSyncThrottledAllComplete(t *testing.T) {
	t.Parallel() // mostly waiting out Retry-After
	e := newEnv(t, nil)
	e.sim.SetKnobs("*", graphsim.Knobs{ThrottleFraction: 0.3, RetryAfter: time.Second})
	// The demo's tenants up to 400 users (with and without P1): each request
	// chain is as deep as in a big tenant's, without waiting out a
	// thousand-user tenant's batches in make test (make bench runs the
	// whole MSP through a 30 % storm).
	var ids []string
	p1 := map[bool]int{}
	for _, id := range e.ids {
		if g := e.truth[id]; g.Users <= 400 {
			ids = append(ids, id)
			p1[g.HasP1]++
		}
	}
	if len(ids) < 3 || p1[true] == 0 || p1[false] == 0 {
		t.Fatalf("the demo has too few small tenants of both kinds: %d (P1 %d, no P1 %d)", len(ids), p1[true], p1[false])
	}
	res, err := e.eng.SyncAll(context.Background(), ids, types.TriggerManual)
	if err != nil {
		t.Fatal(err)
	}
	throttled := 0
	for _, r := range e.sim.Requests() {
		if r.Status == 429 {
			throttled++
		}
	}
	if throttled == 0 {
		t.Fatal("no 429 was served")
	}
	for _, r := range res {
		checkAgainstTruth(t, e, r, e.truth[r.TenantID])
	}
	if len(res) != len(ids) {
		t.Fatalf("%d results for %d tenants", len(res), len(ids))
	}
	t.Logf("%d tenants, %d requests answered 429", len(ids), throttled)
}

// A truncated /users page and a revoked grant each fail their tenant alone,
// with a clear reason, and leave the previous snapshot current.
func TestSyncFailuresStayWithTheirTenant(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	first, err := e.eng.SyncAll(ctx, nil, types.TriggerManual)
	if err != nil {
		t.Fatal(err)
	}
	firstRun := map[string]int64{}
	for _, r := range first {
		if r.Status != types.RunSucceeded {
			t.Fatalf("first sync: %+v", r)
		}
		firstRun[r.TenantID] = r.RunID
	}
	big := e.tenantWhere(t, func(g graphsim.GroundTruth) bool { return g.Users > graph.MaxUsersPageSignIn })
	revoked := e.tenantWhere(t, func(g graphsim.GroundTruth) bool { return g.TenantID != big })
	// a re-sync reads users through delta, not /users pages: make this one a full read
	if err := e.eng.ForceFullSync(ctx, big); err != nil {
		t.Fatal(err)
	}
	e.sim.SetKnobs(big, graphsim.Knobs{TruncatedPage: true})
	e.sim.RevokeGrants(revoked)
	e.clk.Advance(time.Minute) // past the cooldown

	second, err := e.eng.SyncAll(ctx, nil, types.TriggerManual)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range second {
		switch r.TenantID {
		case big:
			if r.Status != types.RunFailed || r.ErrorClass != string(graph.ClassMalformed) || !strings.Contains(r.Error, "GET /users page 2") {
				t.Errorf("truncated tenant: %+v", r)
			}
		case revoked:
			if r.Status != types.RunFailed || r.ErrorClass != string(graph.ClassReauth) || !strings.Contains(r.Error, "InvalidAuthenticationToken") {
				t.Errorf("revoked tenant: %+v", r)
			}
		default:
			checkAgainstTruth(t, e, r, e.truth[r.TenantID])
		}
	}
	for _, id := range []string{big, revoked} {
		snap, err := e.st.CurrentSnapshot(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if snap.Run.ID != firstRun[id] {
			t.Errorf("%s: current run %d, want the previous %d", e.truth[id].DisplayName, snap.Run.ID, firstRun[id])
		}
		tn, err := e.st.Tenant(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if tn.LastSyncStatus != string(types.RunFailed) || tn.LastError == "" {
			t.Errorf("%s: last status %q error %q", tn.DisplayName, tn.LastSyncStatus, tn.LastError)
		}
	}
}

var cooldownText = regexp.MustCompile(`^synced \d+ s ago — try again in \d+ s$`)

func TestManualSyncCooldown(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	id := e.ids[0]
	if r, err := e.eng.SyncTenant(ctx, id, types.TriggerManual); err != nil || r.Status != types.RunSucceeded {
		t.Fatalf("%+v %v", r, err)
	}
	e.clk.Advance(10 * time.Second)
	_, err := e.eng.SyncTenant(ctx, id, types.TriggerManual)
	var cd *CooldownError
	if !errors.As(err, &cd) || !cooldownText.MatchString(err.Error()) {
		t.Fatalf("err = %v, want the cooldown message", err)
	}
	if cd.Ago < 10*time.Second || cd.Wait > 20*time.Second || cd.Wait <= 0 {
		t.Errorf("cooldown %+v after 10 s", cd)
	}
	if err := e.eng.Trigger(ctx, id); !errors.As(err, &cd) {
		t.Errorf("Trigger: %v, want cooldown", err)
	}
	// the schedule is not a manual trigger
	if r, err := e.eng.SyncTenant(ctx, id, types.TriggerSchedule); err != nil || r.Status != types.RunSucceeded {
		t.Errorf("scheduled sync during cooldown: %+v %v", r, err)
	}
	e.clk.Advance(31 * time.Second)
	if err := e.eng.Trigger(ctx, id); err != nil {
		t.Fatalf("after the cooldown: %v", err)
	}
	e.eng.Wait()
	runs, err := e.st.Runs(ctx, id, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 3 {
		t.Errorf("%d runs, want 3 (manual, scheduled, manual after cooldown)", len(runs))
	}
}

func TestAlreadyRunning(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	id := e.ids[0]

	// another process holds the tenant's lock
	if _, err := e.st.AcquireSyncLock(ctx, id, "other-process", 2*time.Minute); err != nil {
		t.Fatal(err)
	}
	r, err := e.eng.SyncTenant(ctx, id, types.TriggerManual)
	if !errors.Is(err, ErrAlreadyRunning) || err.Error() != "a sync is already running" || r.Status != Skipped {
		t.Fatalf("%+v %v", r, err)
	}
	if err := e.st.ReleaseSyncLock(ctx, id, "other-process"); err != nil {
		t.Fatal(err)
	}

	// a job of this process is still running
	e.sim.SetKnobs(id, graphsim.Knobs{Latency: 150 * time.Millisecond})
	done := make(chan Result)
	go func() {
		r, _ := e.eng.SyncTenant(ctx, id, types.TriggerSchedule)
		done <- r
	}()
	waitFor(t, func() bool { return len(e.eng.Running()) == 1 })
	if _, err := e.eng.SyncTenant(ctx, id, types.TriggerSchedule); !errors.Is(err, ErrAlreadyRunning) {
		t.Errorf("second job: %v", err)
	}
	if err := e.eng.Trigger(ctx, id); !errors.Is(err, ErrAlreadyRunning) {
		t.Errorf("Trigger: %v", err)
	}
	if r := <-done; r.Status != types.RunSucceeded {
		t.Errorf("first job: %+v", r)
	}
}

// A lock left by a killed process (no heartbeat for longer than
// LockStaleAfter) is taken over; its run is marked interrupted.
func TestStaleLockRecovered(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	id := e.ids[1]
	if _, err := e.st.AcquireSyncLock(ctx, id, "crashed-process", 2*time.Minute); err != nil {
		t.Fatal(err)
	}
	deadRun, err := e.st.BeginRun(ctx, id, types.TriggerManual)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.eng.SyncTenant(ctx, id, types.TriggerSchedule); !errors.Is(err, ErrAlreadyRunning) {
		t.Fatalf("fresh lock: %v", err)
	}
	e.clk.Advance(3 * time.Minute)
	r, err := e.eng.SyncTenant(ctx, id, types.TriggerSchedule)
	if err != nil {
		t.Fatal(err)
	}
	checkAgainstTruth(t, e, r, e.truth[id])
	dead, err := e.st.Run(ctx, deadRun)
	if err != nil {
		t.Fatal(err)
	}
	if dead.Status != types.RunInterrupted {
		t.Errorf("crashed run status %q", dead.Status)
	}
	log, _ := e.st.RunLog(ctx, r.RunID)
	if len(log) < 2 || !strings.Contains(log[1].Message, "took over a stale sync lock from crashed-process") {
		t.Errorf("log %+v", log)
	}
}

func TestCancelKeepsPreviousSnapshot(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	id := e.ids[0]
	first, err := e.eng.SyncTenant(ctx, id, types.TriggerSchedule)
	if err != nil || first.Status != types.RunSucceeded {
		t.Fatal(first, err)
	}
	off := e.eng.Listen(e.rec)
	defer off()
	e.sim.SetKnobs(id, graphsim.Knobs{Latency: 200 * time.Millisecond})
	done := make(chan Result)
	go func() {
		r, _ := e.eng.SyncTenant(ctx, id, types.TriggerSchedule)
		done <- r
	}()
	waitFor(t, func() bool { return len(e.eng.Running()) == 1 })
	time.Sleep(50 * time.Millisecond)
	e.rec.Fire(events.SyncCancel, map[string]any{"tenantId": id})
	r := <-done
	if r.Status != types.RunCancelled {
		t.Fatalf("%+v", r)
	}
	run, _ := e.st.Run(ctx, r.RunID)
	snap, _ := e.st.CurrentSnapshot(ctx, id)
	if run.Status != types.RunCancelled || snap == nil || snap.Run.ID != first.RunID {
		t.Errorf("run %q, current %v", run.Status, snap)
	}
}

// A token without the MFA permissions: both sources answer 403, so every
// user's MFA is Unavailable with the reason and the fix; the sync succeeds.
func TestMFAUnavailableWithReason(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	id := e.tenantWhere(t, func(g graphsim.GroundTruth) bool { return g.HasP1 })
	var scopes []string
	for _, s := range graphsim.ReadScopes {
		if s != "AuditLog.Read.All" && s != "UserAuthenticationMethod.Read.All" && s != "Reports.Read.All" {
			scopes = append(scopes, s)
		}
	}
	e.tokens[id] = e.sim.IssueToken(id, scopes...)
	r, err := e.eng.SyncTenant(ctx, id, types.TriggerSchedule)
	if err != nil || r.Status != types.RunSucceeded {
		t.Fatalf("%+v %v", r, err)
	}
	snap, err := e.st.CurrentSnapshot(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	f := snap.Flags
	if f.MFAAvailable || f.MFASource != types.MFASourceNone || !strings.Contains(f.MFANote, "Fix:") {
		t.Errorf("MFA flags %+v", f)
	}
	if f.SignInAvailable || f.SignInNote != graph.SignInNeedsAuditLog || f.UsageAvailable || !strings.Contains(f.UsageNote, "Reports Reader") {
		t.Errorf("sign-in/usage flags %+v", f)
	}
	for _, u := range snap.Users {
		want := types.MFAUnavailable
		if u.Deleted {
			want = types.MFADisabled
		}
		if u.MFAStatus != want || (want == types.MFAUnavailable && u.MFAReason == "") {
			t.Fatalf("user %s: %s %q", u.UserPrincipalName, u.MFAStatus, u.MFAReason)
		}
	}
	m, _ := e.st.Metrics(ctx, r.RunID)
	if m.MFAEligible != 0 || m.Inactive != -1 {
		t.Errorf("metrics: eligible %d inactive %d; want 0 and -1 (unknown)", m.MFAEligible, m.Inactive)
	}
}

func TestScheduleSyncsDueTenants(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.Interval = time.Hour; o.Tick = 20 * time.Millisecond })
	ctx, cancel := context.WithCancel(context.Background())
	e.eng.Start(ctx)
	waitFor(t, func() bool {
		due, err := e.eng.Due(context.Background())
		return err == nil && len(due) == 0 && len(e.eng.Running()) == 0
	})
	cancel()
	e.eng.Wait()
	for _, id := range e.ids {
		runs, _ := e.st.Runs(context.Background(), id, 5)
		if len(runs) != 1 || runs[0].Trigger != types.TriggerSchedule || runs[0].Status != types.RunSucceeded {
			t.Errorf("%s: runs %+v", e.truth[id].DisplayName, runs)
		}
	}
	e.clk.Advance(61 * time.Minute)
	if due, _ := e.eng.Due(context.Background()); len(due) != len(e.ids) {
		t.Errorf("after the interval %d tenants due, want %d", len(due), len(e.ids))
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// At most Concurrency tenants are between their first progress event and
// their finish at any time, and they do overlap.
func TestConcurrencyIsBounded(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.Concurrency = 2 })
	e.sim.SetKnobs("*", graphsim.Knobs{Latency: 5 * time.Millisecond})
	if _, err := e.eng.SyncAll(context.Background(), nil, types.TriggerManual); err != nil {
		t.Fatal(err)
	}
	active, most := map[string]bool{}, 0
	for _, ev := range e.rec.Events("") {
		switch p := ev.Payload.(type) {
		case events.SyncProgressPayload:
			active[p.TenantID] = true
		case events.SyncFinishedPayload:
			delete(active, p.TenantID)
		}
		most = max(most, len(active))
	}
	if most != 2 {
		t.Errorf("at most %d tenants synced at once, want exactly 2", most)
	}
}
