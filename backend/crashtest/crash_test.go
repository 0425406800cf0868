package crashtest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"tenantlens/backend/cli"
	"tenantlens/backend/graphsim"
	"tenantlens/backend/secrets"
	"tenantlens/backend/store"
	"tenantlens/backend/types"
)

// dirState is a tenant's directory as a snapshot must show it: the
// display name of every non-deleted user, by object ID.
type dirState map[string]string

func (d dirState) equal(o dirState) bool {
	if len(d) != len(o) {
		return false
	}
	for k, v := range d {
		if w, ok := o[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// diff describes how got differs from want (IDs and names only).
func (d dirState) diff(want dirState) string {
	var missing, extra, renamed int
	for k, v := range want {
		if w, ok := d[k]; !ok {
			missing++
		} else if w != v {
			renamed++
		}
	}
	for k := range d {
		if _, ok := want[k]; !ok {
			extra++
		}
	}
	return fmt.Sprintf("%d users (want %d): %d missing, %d extra, %d with another name", len(d), len(want), missing, extra, renamed)
}

// crashStats are the run's figures, logged at the end.
type crashStats struct {
	iterations, kills, exitedFirst   int
	rotationInFlight, rotationSaving int
	byMode                           map[string]int
	spent                            map[string]time.Duration // wall time by step
	failures                         map[string]int
	details                          map[string]int
}

func (s *crashStats) fail(t *testing.T, kind string, format string, args ...any) {
	t.Helper()
	s.failures[kind]++
	s.details[kind]++
	if s.details[kind] <= 5 {
		t.Errorf("["+kind+"] "+format, args...)
	} else if s.details[kind] == 6 {
		t.Errorf("[%s] more failures of this kind follow (counted, not printed)", kind)
	}
}

func crashIterations(t *testing.T) int {
	n := 20
	if os.Getenv("TENANTLENS_LONG") == "1" {
		n = 100
	}
	if v := os.Getenv("TENANTLENS_CRASH_ITERATIONS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			t.Fatalf("TENANTLENS_CRASH_ITERATIONS=%q: want a positive number", v)
		}
	}
	return n
}

// Issue 10, crash safety: `tenantlens sync --all` runs as a child process
// against graphsim while the directory changes between syncs, and is
// SIGKILLed at a random moment — a quarter of the time while graphsim holds
// a token request (slowed down), a quarter just after a rotated refresh
// token reached the client (it is saving it to the keychain), half anywhere
// in the run (fetch, commit).
// After every kill: the database passes PRAGMA integrity_check; every
// tenant's current snapshot is wholly the directory before the change or
// wholly the one after it (graphsim's model is the ground truth); no tenant
// is left "running"; each connection's keychain entry reads; and the next
// sync starts at once (no "a sync is already running") and brings every
// ready tenant to the new directory, which proves each connection's token
// still refreshes. TENANTLENS_LONG=1: 100 kills; TENANTLENS_CRASH_SEED
// replays a run.
func TestSyncSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns ~3 child processes per iteration")
	}
	iterations := crashIterations(t)
	seed := time.Now().UnixNano()
	if v := os.Getenv("TENANTLENS_CRASH_SEED"); v != "" {
		var err error
		if seed, err = strconv.ParseInt(v, 10, 64); err != nil {
			t.Fatalf("TENANTLENS_CRASH_SEED=%q: %v", v, err)
		}
	}
	t.Logf("crash test seed %d (replay: TENANTLENS_CRASH_SEED=%d), %d kills wanted", seed, seed, iterations)
	rng := rand.New(rand.NewPCG(uint64(seed), 0x7e4a))

	sim := graphsim.New(graphsim.Options{Seed: 1, AutoConsent: true})
	// Refresh tokens of 5,000 bytes span three keychain chunks, so a
	// rotation is a multi-entry keychain write (the report's broken entry
	// had two chunks).
	sim.SetKnobs("*", graphsim.Knobs{RefreshTokenBytes: 5000})
	e := newEnv(t, sim)
	ready := e.connectAll()
	sort.Strings(ready)

	states := func() map[string]dirState {
		out := map[string]dirState{}
		e.gate.edit(func() {
			for _, id := range ready {
				tn, _ := sim.Tenant(id)
				d := dirState{}
				for _, u := range tn.Users {
					if !u.Deleted {
						d[u.ID] = u.DisplayName
					}
				}
				out[id] = d
			}
		})
		return out
	}

	st := &crashStats{spent: map[string]time.Duration{}, byMode: map[string]int{}, failures: map[string]int{}, details: map[string]int{}}
	h := &history{gens: []map[string]dirState{states()}, confirmed: map[string]int{}}
	begin := time.Now()
	first := e.run(5*time.Minute, "sync", "--all", "--json")
	full := time.Since(begin)
	if first.code != 0 {
		t.Fatalf("first sync --all: exit %d\n%s\n%s", first.code, first.stdout.String(), first.stderr.String())
	}
	t.Logf("%d ready tenants; a full sync --all (child process) took %s", len(ready), full.Round(time.Millisecond))
	e.checkSnapshots(st, "first sync", ready, h, true)

	added := map[string][]string{} // users this test added, per tenant
	// Until `iterations` syncs were killed: a sync that ends before its
	// kill moment is checked too and followed by another attempt.
	for i := 1; st.kills < iterations && i <= 3*iterations; i++ {
		e.gate.edit(func() { changeDirectories(t, sim, ready, rng, i, added) })
		prev, cur := h.gens[h.latest()], states()
		h.gens = append(h.gens, cur)
		for _, id := range ready {
			if prev[id].equal(cur[id]) {
				t.Fatalf("attempt %d: the directory of %s did not change", i, id)
			}
		}
		st.iterations++
		t0 := time.Now()
		e.killOneSync(t, st, rng, full, len(ready), i)
		st.spent["killed sync"] += time.Since(t0)
		e.checkAfterKill(st, i, ready, h)
	}
	t.Logf("crash test: seed %d, %d attempts, %d kills (%d syncs ended before their kill), kills by mode %v; "+
		"%d kills during a token rotation (%d with the token request in flight at graphsim, %d within 15 ms after the rotated token reached the client); "+
		"failures by kind %v; %s in all (%v)",
		seed, st.iterations, st.kills, st.exitedFirst, st.byMode, st.rotationInFlight+st.rotationSaving,
		st.rotationInFlight, st.rotationSaving, st.failures, time.Since(begin).Round(time.Second), st.spent)
	if st.kills < iterations {
		t.Errorf("only %d of %d syncs were killed before they ended (want %d kills): the kill timing is off", st.kills, st.iterations, iterations)
	}
	if st.rotationInFlight+st.rotationSaving == 0 {
		t.Errorf("no kill landed during a token rotation")
	}
}

// changeDirectories adds a user to every ready tenant, renames one, and
// (every other time) soft-deletes a user the test added earlier, through
// graphsim's directory API (which feeds /users/delta).
func changeDirectories(t *testing.T, sim *graphsim.Sim, ready []string, rng *rand.Rand, i int, added map[string][]string) {
	now := time.Now().UTC()
	for _, id := range ready {
		tn, _ := sim.Tenant(id)
		var members []*graphsim.User
		for _, u := range tn.Users {
			if !u.Deleted && !u.IsResource() && !u.IsGuest() && u != tn.Admin && len(u.Roles) == 0 {
				members = append(members, u)
			}
		}
		src := members[rng.IntN(len(members))]
		nu := *src
		nu.ID = ""
		nu.DisplayName = fmt.Sprintf("Crash Test %d %04d", i, rng.IntN(10000))
		nu.UserPrincipalName = fmt.Sprintf("crash.test.%d.%04d@%s", i, rng.IntN(10000), tn.DefaultDomain)
		nu.Mail = nu.UserPrincipalName
		nu.ProxyAddresses = []string{"SMTP:" + nu.UserPrincipalName}
		nu.AssignedLicenses = append([]graphsim.AssignedLicense(nil), src.AssignedLicenses...)
		nu.CreatedDateTime = now
		u, err := sim.AddUser(id, &nu)
		if err != nil {
			t.Fatalf("graphsim AddUser: %v", err)
		}
		added[id] = append(added[id], u.ID)
		ren := members[rng.IntN(len(members))]
		if err := sim.UpdateUser(id, ren.ID, func(u *graphsim.User) {
			base, _, _ := strings.Cut(u.DisplayName, " (rev ")
			u.DisplayName = fmt.Sprintf("%s (rev %d)", base, i)
		}); err != nil {
			t.Fatalf("graphsim UpdateUser: %v", err)
		}
		if a := added[id]; len(a) > 1 && rng.IntN(2) == 0 {
			k := rng.IntN(len(a) - 1) // never the user just added
			if err := sim.SoftDeleteUser(id, a[k]); err != nil {
				t.Fatalf("graphsim SoftDeleteUser: %v", err)
			}
			added[id] = append(a[:k:k], a[k+1:]...)
		}
	}
}

const (
	modeAnywhere = "anywhere"
	modeInFlight = "token-in-flight"
	modeSaving   = "after-token"
)

// killOneSync starts `sync --all` and SIGKILLs it at a moment drawn from
// rng.
func (e *env) killOneSync(t *testing.T, st *crashStats, rng *rand.Rand, full time.Duration, tenants, i int) {
	mode := []string{modeAnywhere, modeAnywhere, modeInFlight, modeSaving}[rng.IntN(4)]
	delay := time.Duration(0)
	if mode == modeInFlight {
		delay = 80 * time.Millisecond
	}
	e.gate.tokenDelay.Store(int64(delay))
	defer e.gate.tokenDelay.Store(0)
	e.gate.resetCounts()
	k := 1 + rng.IntN(tenants)
	var wait time.Duration
	switch mode {
	case modeAnywhere:
		wait = time.Duration(rng.Int64N(int64(full)))
	case modeInFlight:
		wait = time.Duration(rng.Int64N(int64(delay)))
	case modeSaving:
		wait = time.Duration(rng.Int64N(int64(10 * time.Millisecond)))
	}
	c := e.start(nil, "sync", "--all", "--json")
	switch mode {
	case modeInFlight:
		e.gate.waitToken(func(started, _ int) bool { return started >= k }, c.done, 2*time.Minute)
	case modeSaving:
		e.gate.waitToken(func(_, finished int) bool { return finished >= k }, c.done, 2*time.Minute)
	}
	select {
	case <-time.After(wait):
	case <-c.done:
	}
	inFlight, saving := e.gate.inRotation(15 * time.Millisecond)
	select {
	case <-c.done:
		st.exitedFirst++
		classifySync(t, st, fmt.Sprintf("iteration %d, a sync that ended before its kill", i), c)
		return
	default:
	}
	if err := c.cmd.Process.Kill(); err != nil {
		<-c.done // it ended between the check and the kill
		st.exitedFirst++
		return
	}
	<-c.done
	st.kills++
	st.byMode[mode]++
	switch {
	case inFlight:
		st.rotationInFlight++
	case saving:
		st.rotationSaving++
	}
}

// checkAfterKill runs every check of one iteration after the kill.
func (e *env) checkAfterKill(st *crashStats, i int, ready []string, h *history) {
	t := e.t
	t0 := time.Now()
	if res := integrityCheck(filepath.Join(e.home, store.FileName)); res != "ok" {
		st.fail(t, "integrity", "iteration %d: PRAGMA integrity_check: %s", i, res)
	}
	t1 := time.Now()
	rows := e.tenantRows()
	st.spent["tenants --json"] += time.Since(t1)
	for _, r := range rows {
		if r.LastSyncStatus == string(types.RunRunning) {
			st.fail(t, "stuck-running", "iteration %d: %s still shows as running after its sync was killed", i, r.DisplayName)
		}
	}
	e.checkSnapshots(st, fmt.Sprintf("iteration %d after the kill", i), ready, h, false)
	e.checkKeychain(st, i)
	st.spent["checks"] += time.Since(t0)

	t0 = time.Now()
	c := e.run(5*time.Minute, "sync", "--all", "--json")
	st.spent["next sync"] += time.Since(t0)
	okTenants := classifySync(t, st, fmt.Sprintf("iteration %d, the next sync", i), c)
	var done []string
	for _, id := range ready {
		if okTenants[id] {
			done = append(done, id)
		}
	}
	e.checkSnapshots(st, fmt.Sprintf("iteration %d after the next sync", i), done, h, true)
}

// classifySync checks a finished `sync --all --json` and returns the
// tenants it synced. A tenant refused with "a sync is already running" is a
// stuck lock; one that failed for its keychain entry or sign-in needs a
// reconnect.
func classifySync(t *testing.T, st *crashStats, what string, c *command) map[string]bool {
	t.Helper()
	var rows []cli.SyncRow
	if err := jsonRows(c.stdout.String(), &rows); err != nil {
		st.fail(t, "sync-failed", "%s exited %d without its JSON (%v)\n%s", what, c.code, err, tail(c.stderr.String(), 5))
		return nil
	}
	ok, asked := map[string]bool{}, 0
	for _, r := range rows {
		if r.Status != "skipped" {
			asked++
		}
		switch {
		case r.Status == string(types.RunSucceeded):
			ok[r.TenantID] = true
		case r.Status == "skipped":
		case r.Status == "already_running":
			st.fail(t, "stuck-lock", "%s did not start for %s: %s %s", what, r.DisplayName, r.Status, r.Error)
		case strings.Contains(r.ErrorClass, "reauth") || strings.Contains(r.ErrorClass, "keychain") ||
			strings.Contains(strings.ToLower(r.Error), "keychain") || strings.Contains(strings.ToLower(r.Error), "sign in again"):
			st.fail(t, "needs-reconnect", "%s: %s: %s (%s) %s", what, r.DisplayName, r.Status, r.ErrorClass, r.Error)
		default:
			st.fail(t, "sync-failed", "%s: %s: %s (%s) %s", what, r.DisplayName, r.Status, r.ErrorClass, r.Error)
		}
	}
	if len(ok) < asked && c.code == 0 {
		st.fail(t, "sync-failed", "%s exited 0 although not every tenant succeeded", what)
	}
	return ok
}

// tail is the last n lines of s.
func tail(s string, n int) string {
	l := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(l) > n {
		l = l[len(l)-n:]
	}
	return strings.Join(l, "\n")
}

func jsonRows(s string, v any) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("no output")
	}
	return jsonUnmarshal(s, v)
}

// integrityCheck runs PRAGMA integrity_check on the database file.
func integrityCheck(path string) string {
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		return err.Error()
	}
	defer db.Close()
	var rows []string
	r, err := db.Query("PRAGMA integrity_check")
	if err != nil {
		return err.Error()
	}
	defer r.Close()
	for r.Next() {
		var s string
		if err := r.Scan(&s); err != nil {
			return err.Error()
		}
		rows = append(rows, s)
	}
	if err := r.Err(); err != nil {
		return err.Error()
	}
	return strings.Join(rows, "; ")
}

// history is every directory generation the test produced, per tenant;
// confirmed is, per tenant, the generation its last successful sync showed.
type history struct {
	gens      []map[string]dirState
	confirmed map[string]int
}

func (h *history) latest() int { return len(h.gens) - 1 }

// checkSnapshots requires each tenant's current snapshot to be wholly one
// generation between the tenant's confirmed one and the latest (after a
// kill: the directory before or after the change; the confirmed generation
// can be older only when an earlier check already failed). A snapshot that
// matches no generation is partial; one older than confirmed went back.
// With confirm, the matched generation becomes the tenant's confirmed one.
func (e *env) checkSnapshots(st *crashStats, when string, tenants []string, h *history, confirm bool) {
	t := e.t
	s, err := store.Open(e.home, store.Options{})
	if err != nil {
		st.fail(t, "store-open", "%s: opening the data folder: %v", when, err)
		return
	}
	defer s.Close()
	last := h.latest()
	for _, id := range tenants {
		lo := h.confirmed[id]
		if confirm {
			lo = last
		}
		snap, err := s.CurrentSnapshot(context.Background(), id)
		if err != nil {
			st.fail(t, "partial-snapshot", "%s: tenant %s has no current snapshot: %v", when, id, err)
			continue
		}
		got := dirState{}
		for _, u := range snap.Users {
			if !u.Deleted {
				got[u.ID] = u.DisplayName
			}
		}
		match := -1
		for g := last; g >= 0; g-- {
			if got.equal(h.gens[g][id]) {
				match = g
				break
			}
		}
		switch {
		case match < 0:
			msg := "latest: " + got.diff(h.gens[last][id])
			if last > 0 {
				msg = "previous: " + got.diff(h.gens[last-1][id]) + "; " + msg
			}
			st.fail(t, "partial-snapshot", "%s: %s's snapshot (run %d) is no whole directory generation — %s", when, snap.TenantName, snap.Run.ID, msg)
		case match < lo:
			st.fail(t, "snapshot-went-back", "%s: %s's snapshot (run %d) is generation %d, want %d..%d", when, snap.TenantName, snap.Run.ID, match, lo, last)
		case confirm:
			h.confirmed[id] = match
		}
	}
}

// checkKeychain reads every connection's refresh token from the keychain.
func (e *env) checkKeychain(st *crashStats, i int) {
	s, err := store.Open(e.home, store.Options{})
	if err != nil {
		st.fail(e.t, "store-open", "iteration %d: %v", i, err)
		return
	}
	cs, err := s.Connections(context.Background())
	s.Close()
	if err != nil || len(cs) == 0 {
		st.fail(e.t, "store-open", "iteration %d: %d connections, %v", i, len(cs), err)
		return
	}
	for _, c := range cs {
		b, err := secrets.New("").Get(c.SecretKey)
		if err != nil || len(b) == 0 {
			st.fail(e.t, "needs-reconnect", "iteration %d: the %s connection's keychain entry does not read: %v", i, c.Kind, err)
		}
		clear(b)
	}
}
