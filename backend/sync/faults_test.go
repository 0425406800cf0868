package sync

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"tenantlens/backend/events"
	"tenantlens/backend/graph"
	"tenantlens/backend/graphsim"
	"tenantlens/backend/store"
	"tenantlens/backend/types"
)

// The fault matrix: several tenants sync together against graphsim (real
// SDK, real SQLite); one of them gets a fault. That tenant fails alone with a
// classified reason that says what to do next, the others complete with
// graphsim's ground truth, and the faulty tenant's previous snapshot stays
// current. The disk cases (full, read-only) hit the whole data folder.

// nextStep matches a message that tells the user what to do next.
var nextStep = regexp.MustCompile(`(?i)(sync again|reconnect|connect again|sign in again|try again|ask (a|an|your)|give |grant |assign |free (up )?|make .* writable|check )`)

// faultEnv is env with the store in dir ("" = a temp folder).
func faultEnv(t *testing.T, dir string, tune func(*Options)) *env {
	t.Helper()
	if dir == "" {
		return newEnv(t, tune)
	}
	e := &env{clk: &clock{}, rec: events.NewRecorder(), tokens: map[string]string{}, truth: map[string]graphsim.GroundTruth{}}
	e.sim = graphsim.New(graphsim.Options{Seed: 1})
	if err := e.sim.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.sim.Close)
	e.openStore(t, dir, tune)
	ctx := context.Background()
	for _, c := range e.sim.MSP().Customers {
		if err := e.st.UpsertTenant(ctx, types.Tenant{ID: c.ID, DisplayName: c.DisplayName, DefaultDomain: c.DefaultDomain,
			Domains: c.Domains, Access: types.AccessReady, Demo: true}); err != nil {
			t.Fatal(err)
		}
		e.tokens[c.ID] = e.sim.IssueToken(c.ID)
		e.truth[c.ID] = e.sim.GroundTruth(c.ID)
		e.ids = append(e.ids, c.ID)
	}
	return e
}

// openStore (re)opens the store in dir and builds a fresh engine on it.
func (e *env) openStore(t *testing.T, dir string, tune func(*Options)) {
	t.Helper()
	st, err := store.Open(dir, store.Options{Now: e.clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e.st = st
	o := Options{Store: st, GraphBase: e.sim.GraphURL(), Bus: e.rec, Now: e.clk.Now,
		Tokens: func(id string) (oauth2.TokenSource, error) {
			return oauth2.StaticTokenSource(&oauth2.Token{AccessToken: e.tokens[id], TokenType: "Bearer"}), nil
		}}
	if tune != nil {
		tune(&o)
	}
	if e.eng, err = New(o); err != nil {
		t.Fatal(err)
	}
}

// syncClean syncs ids and requires every one to succeed; it returns the run
// of each tenant.
func (e *env) syncClean(t *testing.T, ids []string) map[string]int64 {
	t.Helper()
	res, err := e.eng.SyncAll(context.Background(), ids, types.TriggerManual)
	if err != nil {
		t.Fatal(err)
	}
	runs := map[string]int64{}
	for _, r := range res {
		if r.Status != types.RunSucceeded {
			t.Fatalf("clean sync of %s: %+v", e.truth[r.TenantID].DisplayName, r)
		}
		runs[r.TenantID] = r.RunID
	}
	return runs
}

// keepsPrevious checks that the tenant's current snapshot is still the run
// of the clean sync, whole, and that the tenant shows the failure.
func (e *env) keepsPrevious(t *testing.T, id string, run int64) {
	t.Helper()
	ctx := context.Background()
	snap, err := e.st.CurrentSnapshot(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if snap.Run.ID != run {
		t.Errorf("%s: current run %d, want the previous %d", e.truth[id].DisplayName, snap.Run.ID, run)
	}
	if len(snap.Users) != e.truth[id].Users+e.truth[id].Deleted {
		t.Errorf("%s: previous snapshot has %d users, truth %d + %d deleted", e.truth[id].DisplayName,
			len(snap.Users), e.truth[id].Users, e.truth[id].Deleted)
	}
	tn, err := e.st.Tenant(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if tn.LastSyncStatus != string(types.RunFailed) || tn.LastError == "" {
		t.Errorf("%s: last status %q error %q", tn.DisplayName, tn.LastSyncStatus, tn.LastError)
	}
}

// others returns n customers other than id, smallest first.
func (e *env) others(id string, n int) []string {
	var out []string
	for _, g := range sortedBySize(e) {
		if g.TenantID != id && len(out) < n {
			out = append(out, g.TenantID)
		}
	}
	return out
}

func sortedBySize(e *env) []graphsim.GroundTruth {
	var out []graphsim.GroundTruth
	for _, id := range e.ids {
		out = append(out, e.truth[id])
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Users < out[j-1].Users; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// partnerReady is a customer whose active GDAP relationship has Global
// Reader and Reports Reader (a partner token can sync it).
func partnerReady(t *testing.T, e *env) string {
	t.Helper()
	for _, g := range sortedBySize(e) {
		roles := map[string]bool{}
		for _, r := range e.sim.MSP().Relationships {
			if r.CustomerID == g.TenantID && r.Status == graphsim.RelationshipActive {
				for _, id := range r.Roles {
					roles[id] = true
				}
			}
		}
		if roles[graphsim.RoleGlobalReader] && roles[graphsim.RoleReportsReader] {
			return g.TenantID
		}
	}
	t.Fatal("no demo customer with an active GDAP relationship (Global Reader + Reports Reader)")
	return ""
}

type faultCase struct {
	name string
	tune func(*Options)
	// pick chooses the faulty tenant (default: the smallest customer).
	pick func(t *testing.T, e *env) string
	// arm injects the fault after the clean sync.
	arm func(t *testing.T, e *env, id string)
	// check judges the faulty tenant's second run.
	check func(t *testing.T, e *env, r Result)
	// completes: the faulty tenant's run succeeds (no previous snapshot to
	// keep).
	completes bool
	// advance moves the clock before the second sync (default 1 min, past
	// the cooldown).
	advance time.Duration
}

func TestFaultMatrix(t *testing.T) {
	cases := []faultCase{
		{
			name: "429 storm: completes, Retry-After honoured",
			arm: func(t *testing.T, e *env, id string) {
				e.sim.SetKnobs(id, graphsim.Knobs{ThrottleFraction: 0.4, RetryAfter: time.Second})
			},
			completes: true,
			check: func(t *testing.T, e *env, r Result) {
				checkAgainstTruth(t, e, r, e.truth[r.TenantID])
				throttled := 0
				for _, q := range e.sim.Requests() {
					if q.Tenant == r.TenantID && q.Status == 429 {
						throttled++
					}
				}
				if throttled == 0 {
					t.Fatal("no 429 was served")
				}
				// the pacer's own account: it saw the 429s and held the
				// tenant for at least one Retry-After (1 s)
				line := runLogLine(t, e, r.RunID, "graph: ")
				var req, thr, srv, retries int
				var held float64
				if _, err := fmt.Sscanf(line, "graph: %d requests, %d throttled (429), %d unavailable (503/504), %d retries, held %f s",
					&req, &thr, &srv, &retries, &held); err != nil {
					t.Fatalf("pacer log line %q: %v", line, err)
				}
				if thr != throttled || retries < throttled || held < 1 {
					t.Errorf("pacer: %q; graphsim served %d 429s (each needs a retry after >= 1 s)", line, throttled)
				}
			},
		},
		{
			name: "503/504 that do not stop: fails, retryable",
			tune: func(o *Options) { o.Pacer = graph.PacerOptions{MaxRetries: 2} },
			arm: func(t *testing.T, e *env, id string) {
				e.sim.SetKnobs(id, graphsim.Knobs{ServerErrorFraction: 1, RetryAfter: time.Second})
			},
			check: func(t *testing.T, e *env, r Result) {
				wantFailure(t, r, graph.ClassRetryable, `HTTP 50[34]`)
			},
		},
		{
			name: "occasional 503/504: completes",
			arm: func(t *testing.T, e *env, id string) {
				e.sim.SetKnobs(id, graphsim.Knobs{ServerErrorFraction: 0.2, RetryAfter: time.Second})
			},
			completes: true,
			check: func(t *testing.T, e *env, r Result) {
				checkAgainstTruth(t, e, r, e.truth[r.TenantID])
			},
		},
		{
			name: "truncated JSON page",
			pick: bigTenant,
			arm: func(t *testing.T, e *env, id string) {
				e.sim.SetKnobs(id, graphsim.Knobs{TruncatedPage: true})
				// a re-sync reads users through delta; an expired delta
				// link (410) makes it read /users in full, where the page
				// breaks
				e.sim.ResetDeltaSync(id)
			},
			check: func(t *testing.T, e *env, r Result) {
				wantFailure(t, r, graph.ClassMalformed, `GET /users page 2: the response is not valid JSON`)
			},
		},
		{
			name: "malformed JSON page",
			pick: bigTenant,
			arm: func(t *testing.T, e *env, id string) {
				e.sim.SetKnobs(id, graphsim.Knobs{MalformedPage: true})
				// a re-sync reads users through delta; an expired delta
				// link (410) makes it read /users in full, where the page
				// breaks
				e.sim.ResetDeltaSync(id)
			},
			check: func(t *testing.T, e *env, r Result) {
				wantFailure(t, r, graph.ClassMalformed, `GET /users page 2: the response is not valid JSON`)
			},
		},
		{
			// A usage report is optional: the run succeeds without usage
			// and says why in the snapshot's usage note.
			name: "usage report download answers 404: a note, not a failure",
			arm: func(t *testing.T, e *env, id string) {
				e.sim.SetKnobs(id, graphsim.Knobs{ReportDownload404: true})
			},
			completes: true,
			advance:   13 * time.Hour, // past the usage cache (usageMaxAge)
			check: func(t *testing.T, e *env, r Result) {
				if r.Status != types.RunSucceeded {
					t.Fatalf("%+v", r)
				}
				snap, err := e.st.CurrentSnapshot(context.Background(), r.TenantID)
				if err != nil {
					t.Fatal(err)
				}
				f := snap.Flags
				if snap.Run.ID != r.RunID || f.UsageAvailable || !strings.Contains(f.UsageNote, "usage reports could not be read") {
					t.Errorf("run %d (want %d), usage flags %+v", snap.Run.ID, r.RunID, f)
				}
				t.Run("the note names the failed download", func(t *testing.T) {
					if !strings.Contains(f.UsageNote, "404") {
						t.Errorf("usage note %q does not give the status", f.UsageNote)
					}
				})
				served := false
				for _, q := range e.sim.Requests() {
					if strings.HasPrefix(q.Path, "/reports-download/") && q.Status == 404 {
						served = true
					}
				}
				if !served {
					t.Error("graphsim served no 404 download")
				}
				if len(snap.Users) != e.truth[r.TenantID].Users+e.truth[r.TenantID].Deleted {
					t.Errorf("%d users in the snapshot", len(snap.Users))
				}
			},
		},
		{
			name: "grant revoked mid-run: reconnect needed",
			arm: func(t *testing.T, e *env, id string) {
				e.sim.SetKnobs(id, graphsim.Knobs{RevokeAfter: 2})
			},
			check: func(t *testing.T, e *env, r Result) {
				wantFailure(t, r, graph.ClassReauth, `InvalidAuthenticationToken`)
			},
		},
		{
			name: "GDAP relationship ends mid-run: 403 on the customer",
			pick: partnerReady,
			arm: func(t *testing.T, e *env, id string) {
				e.sim.SetKnobs(id, graphsim.Knobs{GDAPEndsAfter: 1})
			},
			check: func(t *testing.T, e *env, r Result) {
				// consent or permission: an administrator has to grant
				// something again (the GDAP roles)
				if r.ErrorClass != string(graph.ClassConsent) && r.ErrorClass != "permission" {
					t.Errorf("class %q, want consent or permission: %s", r.ErrorClass, r.Error)
				}
				wantFailure(t, r, graph.Class(r.ErrorClass), `HTTP 403 Authorization_RequestDenied`)
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel() // mostly waiting out Retry-After
			e := faultEnv(t, "", tc.tune)
			pick := tc.pick
			if pick == nil {
				pick = func(t *testing.T, e *env) string { return sortedBySize(e)[0].TenantID }
			}
			id := pick(t, e)
			if tc.name == "GDAP relationship ends mid-run: 403 on the customer" {
				e.tokens[id] = e.sim.IssuePartnerToken(id)
			}
			ids := append([]string{id}, e.others(id, 2)...)
			first := e.syncClean(t, ids)
			adv := tc.advance
			if adv == 0 {
				adv = time.Minute // past the cooldown
			}
			e.clk.Advance(adv)
			e.sim.ResetFaultCounts("*")
			tc.arm(t, e, id)
			res, err := e.eng.SyncAll(context.Background(), ids, types.TriggerManual)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range res {
				if r.TenantID != id {
					checkAgainstTruth(t, e, r, e.truth[r.TenantID])
					continue
				}
				tc.check(t, e, r)
				if !tc.completes {
					e.keepsPrevious(t, id, first[id])
				}
			}
		})
	}
}

func bigTenant(t *testing.T, e *env) string {
	return e.tenantWhere(t, func(g graphsim.GroundTruth) bool { return g.HasP1 && g.Users > graph.MaxUsersPageSignIn })
}

// wantFailure checks a failed run: its class, its text, and that the text
// says what to do next.
func wantFailure(t *testing.T, r Result, class graph.Class, pattern string) {
	t.Helper()
	if r.Status != types.RunFailed || r.ErrorClass != string(class) {
		t.Errorf("status %s class %q, want failed %q: %s", r.Status, r.ErrorClass, class, r.Error)
	}
	if !regexp.MustCompile(pattern).MatchString(r.Error) {
		t.Errorf("error %q does not match %q", r.Error, pattern)
	}
	wantNextStep(t, r.Error)
}

// wantNextStep checks that a failure text says what to do next.
func wantNextStep(t *testing.T, msg string) {
	t.Helper()
	t.Run("says what to do next", func(t *testing.T) {
		if !nextStep.MatchString(msg) {
			t.Errorf("%q does not say what to do next", msg)
		}
	})
}

func runLogLine(t *testing.T, e *env, run int64, prefix string) string {
	t.Helper()
	log, err := e.st.RunLog(context.Background(), run)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range log {
		if strings.HasPrefix(l.Message, prefix) {
			return l.Message
		}
	}
	t.Fatalf("run %d has no log line starting %q", run, prefix)
	return ""
}

// --- the data folder: full disk, read-only ---------------------------------

// tmpfsDir mounts a tmpfs of size bytes on a new temp folder. Root can mount
// (this sandbox, a CI VM or a privileged container); elsewhere the test is
// skipped with the reason.
func tmpfsDir(t *testing.T, size int64) string {
	t.Helper()
	dir := t.TempDir()
	out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%d,mode=0700", size), "tenantlens-fault", dir).CombinedOutput()
	if err != nil {
		t.Skipf("needs root allowed to mount a tmpfs: mount: %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
	return dir
}

func remount(t *testing.T, dir, opts string) {
	t.Helper()
	if out, err := exec.Command("mount", "-o", "remount,"+opts, dir).CombinedOutput(); err != nil {
		t.Fatalf("remount %s %s: %v %s", opts, dir, err, out)
	}
}

// usedBytes is what the files in dir occupy.
func usedBytes(t *testing.T, dir string) int64 {
	t.Helper()
	var n int64
	err := filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			n += (fi.Size() + 4095) &^ 4095
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// checkIntact closes nothing: it opens the database file read-only beside
// the store and runs PRAGMA integrity_check.
func checkIntact(t *testing.T, dir string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, store.FileName)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ok string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check = %q (%v)", ok, err)
	}
}

// A full disk: the data folder is a tmpfs shrunk to what the first sync
// left in it, so the next commit gets ENOSPC (SQLITE_FULL). Every tenant's
// sync fails with a reason; the previous snapshots stay current and whole.
func TestFaultDiskFull(t *testing.T) {
	dir := tmpfsDir(t, 256<<20)
	e := faultEnv(t, dir, nil)
	ids := sortedBySize(e)
	sel := []string{ids[len(ids)-1].TenantID, ids[0].TenantID, ids[1].TenantID}
	first := e.syncClean(t, sel)
	e.clk.Advance(time.Minute)
	// a few pages of headroom: small writes may pass, a snapshot cannot
	remount(t, dir, fmt.Sprintf("size=%d", usedBytes(t, dir)+16<<10))
	res, err := e.eng.SyncAll(context.Background(), sel, types.TriggerManual)
	if err != nil {
		t.Fatalf("SyncAll: %v", err)
	}
	for _, r := range res {
		if r.Status == types.RunSucceeded {
			t.Errorf("%s: succeeded on a full disk", e.truth[r.TenantID].DisplayName)
			continue
		}
		if !strings.Contains(strings.ToLower(r.Error), "full") {
			t.Errorf("%s: error %q does not say the disk is full", e.truth[r.TenantID].DisplayName, r.Error)
		}
		wantNextStep(t, r.Error)
	}
	// room again: the store recovers without a restart
	remount(t, dir, "size=256m")
	for _, r := range res {
		if r.RunID != 0 {
			run, err := e.st.Run(context.Background(), r.RunID)
			t.Logf("%s: run %d status %q (%v)", e.truth[r.TenantID].DisplayName, r.RunID, run.Status, err)
		}
	}
	for _, id := range sel {
		snap, err := e.st.CurrentSnapshot(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if snap.Run.ID != first[id] || len(snap.Users) != e.truth[id].Users+e.truth[id].Deleted {
			t.Errorf("%s: current run %d with %d users, want run %d", e.truth[id].DisplayName, snap.Run.ID, len(snap.Users), first[id])
		}
	}
	checkIntact(t, dir)
	t.Run("the next sync runs once there is room", func(t *testing.T) {
		e.clk.Advance(time.Minute)
		e.syncClean(t, sel)
	})
}

// A read-only data folder: TenantLens started on a folder it cannot write
// (a read-only remount, a backup restored read-only). chmod cannot show this
// as root (root ignores permission bits), and a mount cannot turn read-only
// while the database is open for writing (EBUSY), so the store is closed
// after the clean sync, the tmpfs remounted read-only and the store opened
// again. Opening must fail with a reason, or the sync must; either way the
// data stays intact.
func TestFaultReadOnlyDataFolder(t *testing.T) {
	dir := tmpfsDir(t, 256<<20)
	e := faultEnv(t, dir, nil)
	sel := e.others("", 3)
	first := e.syncClean(t, sel)
	if err := e.st.Close(); err != nil {
		t.Fatal(err)
	}
	remount(t, dir, "ro")
	defer remount(t, dir, "rw")
	st, err := store.Open(dir, store.Options{Now: e.clk.Now})
	if err == nil {
		// the store opened read-only: every sync must fail cleanly
		t.Cleanup(func() { st.Close() })
		eng, err := New(Options{Store: st, GraphBase: e.sim.GraphURL(), Now: e.clk.Now,
			Tokens: func(id string) (oauth2.TokenSource, error) {
				return oauth2.StaticTokenSource(&oauth2.Token{AccessToken: e.tokens[id], TokenType: "Bearer"}), nil
			}})
		if err != nil {
			t.Fatal(err)
		}
		e.clk.Advance(time.Minute)
		res, _ := eng.SyncAll(context.Background(), sel, types.TriggerManual)
		for _, r := range res {
			if r.Status == types.RunSucceeded {
				t.Errorf("%s: succeeded in a read-only folder", e.truth[r.TenantID].DisplayName)
			}
			if !strings.Contains(strings.ToLower(r.Error), "read-only") {
				t.Errorf("error %q should say the folder is read-only", r.Error)
			}
			wantNextStep(t, r.Error)
		}
		st.Close()
	} else {
		if !strings.Contains(strings.ToLower(err.Error()), "read-only") || !strings.Contains(err.Error(), dir) {
			t.Errorf("Open: %q should name the folder and say it is read-only", err)
		}
		wantNextStep(t, err.Error())
		if errors.Is(err, store.ErrAlreadyRunning) {
			t.Errorf("Open: a read-only folder reported as another TenantLens running: %v", err)
		}
	}
	remount(t, dir, "rw")
	checkIntact(t, dir)
	e.openStore(t, dir, nil)
	for _, id := range sel {
		snap, err := e.st.CurrentSnapshot(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if snap.Run.ID != first[id] {
			t.Errorf("%s: current run %d, want %d", e.truth[id].DisplayName, snap.Run.ID, first[id])
		}
	}
	e.clk.Advance(time.Minute)
	e.syncClean(t, sel)
}
