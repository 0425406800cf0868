package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"reflect"
	"sort"
	"testing"
	"time"

	"tenantlens/backend/derive"
	"tenantlens/backend/types"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// fakeClock is a settable clock for Options.Now.
type fakeClock struct{ t time.Time }

func (c *fakeClock) Now() time.Time          { return c.t }
func (c *fakeClock) Advance(d time.Duration) { c.t = c.t.Add(d) }

func openClock(t *testing.T, start time.Time) (*Store, *fakeClock) {
	t.Helper()
	c := &fakeClock{t: start}
	s, err := Open(t.TempDir(), Options{Now: c.Now})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s, c
}

func addTenant(t *testing.T, s *Store, id, conn string) {
	t.Helper()
	if err := s.UpsertTenant(context.Background(), types.Tenant{ID: id, DisplayName: "Tenant " + id, ConnectionID: conn}); err != nil {
		t.Fatalf("UpsertTenant: %v", err)
	}
}

func ptrTime(t time.Time) *time.Time { return &t }
func ptrInt(i int) *int              { return &i }
func ptrBool(b bool) *bool           { return &b }

// genSnapshot builds a deterministic snapshot of n users (about 1.5
// licences each), a few deleted, guests and resource accounts.
func genSnapshot(tenantID string, n int, seed int64) *types.Snapshot {
	r := rand.New(rand.NewSource(seed))
	skus := []types.SKU{
		{SkuID: "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46", PartNumber: "SPB", CapabilityStatus: "Enabled", Enabled: n, ServicePlans: []string{"EXCHANGE_S_STANDARD", "AAD_PREMIUM"}},
		{SkuID: "05e9a617-0261-4cee-bb44-138d3ef5d965", PartNumber: "SPE_E3", CapabilityStatus: "Warning", Enabled: n / 2, Warning: 3},
		{SkuID: "f30db892-07e9-47e9-837c-80727f46fd3d", PartNumber: "FLOW_FREE", CapabilityStatus: "Enabled", Enabled: 10000},
	}
	snap := &types.Snapshot{TenantID: tenantID, TenantName: "Contoso " + tenantID, DefaultDomain: tenantID + ".onmicrosoft.com",
		Domains: []string{tenantID + ".onmicrosoft.com", "contoso.example"},
		Flags: types.SnapshotFlags{SignInAvailable: true, UsageAvailable: true, MFASource: types.MFASourceRegistrationDetails,
			MFAAvailable: true, ReportRefreshDate: "2026-03-01"}}
	snap.Users = make([]types.User, n)
	for i := range snap.Users {
		u := &snap.Users[i]
		u.ID = fmt.Sprintf("%08x-0000-4000-8000-%012d", r.Uint32(), i)
		u.UserPrincipalName = fmt.Sprintf("user%d@%s.onmicrosoft.com", i, tenantID)
		u.Mail = u.UserPrincipalName
		u.DisplayName = fmt.Sprintf("User %d", i)
		u.GivenName, u.Surname = "User", fmt.Sprint(i)
		u.Department = []string{"Sales", "Finance", "IT", ""}[i%4]
		u.JobTitle = "Analyst"
		u.UserType = "Member"
		if i%20 == 0 {
			u.UserType = "Guest"
		}
		u.AccountEnabled = i%15 != 0
		u.CreatedAt = ptrTime(t0.Add(-time.Duration(r.Intn(900)) * 24 * time.Hour))
		if i%3 == 0 {
			u.OnPremisesSyncEnabled = ptrBool(i%6 == 0)
		}
		if i%50 == 0 {
			u.Deleted, u.DeletedAt = true, ptrTime(t0.Add(-48*time.Hour))
		}
		if i%40 == 7 {
			u.ResourceAccount, u.RecipientType = true, "Shared"
		} else {
			u.RecipientType = "User"
		}
		if i%4 != 3 {
			u.Licenses = append(u.Licenses, types.AssignedLicense{SkuID: skus[0].SkuID})
			skus[0].Consumed++
		}
		if i%2 == 0 {
			u.Licenses = append(u.Licenses, types.AssignedLicense{SkuID: skus[1].SkuID, DisabledPlans: []string{"a0e6a48f-b056-4037-af70-b9ac53504551", "9f431833-0334-42de-a7dc-70aa40db46db"}})
			skus[1].Consumed++
		}
		if i%5 != 4 {
			u.LastSignIn = ptrTime(t0.Add(-time.Duration(r.Intn(200*24)) * time.Hour))
			u.LastNonInteractiveSignIn = ptrTime(t0.Add(-time.Duration(r.Intn(200*24)) * time.Hour))
		}
		if i%3 != 2 {
			u.LastActivity = ptrTime(t0.Add(-time.Duration(r.Intn(150)) * 24 * time.Hour))
			u.EmailsSent, u.EmailsRead, u.EmailsReceived = ptrInt(r.Intn(300)), ptrInt(r.Intn(900)), ptrInt(0)
		}
		if r.Intn(10) < 7 {
			u.MFAStatus, u.MFAMethods, u.MFADefaultMethod = types.MFAEnabled, []string{"microsoftAuthenticatorPush", "mobilePhone"}, "microsoftAuthenticatorPush"
		} else {
			u.MFAStatus = types.MFADisabled
		}
		u.MFASource = types.MFASourceRegistrationDetails
		u.IsAdmin = i == 1
	}
	snap.SKUs = skus
	snap.Contacts = []types.Contact{
		{ID: "c1", DisplayName: "Alice Vendor", Mail: "alice@vendor.example", CompanyName: "Vendor", GivenName: "Alice", Surname: "Vendor"},
		{ID: "c2", DisplayName: "Bob Partner", Mail: "bob@partner.example"},
	}
	return snap
}

// normalised orders a snapshot as Snapshot returns it, for comparison.
func normalised(s *types.Snapshot) *types.Snapshot {
	c := *s
	c.Users = append([]types.User(nil), s.Users...)
	sort.Slice(c.Users, func(i, j int) bool { return c.Users[i].ID < c.Users[j].ID })
	for i := range c.Users {
		l := append([]types.AssignedLicense(nil), c.Users[i].Licenses...)
		sort.Slice(l, func(a, b int) bool { return l[a].SkuID < l[b].SkuID })
		c.Users[i].Licenses = l
	}
	c.SKUs = append([]types.SKU(nil), s.SKUs...)
	sort.Slice(c.SKUs, func(i, j int) bool { return c.SKUs[i].PartNumber < c.SKUs[j].PartNumber })
	c.Contacts = append([]types.Contact(nil), s.Contacts...)
	sort.Slice(c.Contacts, func(i, j int) bool { return c.Contacts[i].DisplayName < c.Contacts[j].DisplayName })
	return &c
}

func commitNew(t testing.TB, s *Store, tenantID string, snap *types.Snapshot) int64 {
	t.Helper()
	ctx := context.Background()
	id, err := s.BeginRun(ctx, tenantID, types.TriggerManual)
	if err != nil {
		t.Fatalf("BeginRun: %v", err)
	}
	// the run's figures, as the sync engine computes them
	withRun := *snap
	withRun.TenantID, withRun.Run.ID = tenantID, id
	if err := s.CommitSnapshot(ctx, id, snap, WithMetrics(derive.ComputeMetrics(&withRun, s.now(), nil))); err != nil {
		t.Fatalf("CommitSnapshot: %v", err)
	}
	return id
}

func TestSnapshotRoundTrip(t *testing.T) {
	s, clk := openClock(t, t0)
	ctx := context.Background()
	addTenant(t, s, "t1", "")
	if _, err := s.CurrentSnapshot(ctx, "t1"); !errors.Is(err, ErrNoSnapshot) {
		t.Fatalf("before any sync: %v, want ErrNoSnapshot", err)
	}
	want := genSnapshot("t1", 300, 1)
	runID, err := s.BeginRun(ctx, "t1", types.TriggerManual)
	if err != nil {
		t.Fatal(err)
	}
	clk.Advance(90 * time.Second)
	if err := s.CommitSnapshot(ctx, runID, want); err != nil {
		t.Fatal(err)
	}
	got, err := s.CurrentSnapshot(ctx, "t1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Run.ID != runID || got.Run.Status != types.RunSucceeded || !got.Run.StartedAt.Equal(t0) ||
		got.Run.FinishedAt == nil || !got.Run.FinishedAt.Equal(t0.Add(90*time.Second)) {
		t.Fatalf("run = %+v", got.Run)
	}
	w := normalised(want)
	w.Run = got.Run
	if !reflect.DeepEqual(got.Users, w.Users) {
		for i := range got.Users {
			if !reflect.DeepEqual(got.Users[i], w.Users[i]) {
				t.Fatalf("user %d differs:\n got %+v\nwant %+v", i, got.Users[i], w.Users[i])
			}
		}
		t.Fatalf("users differ (len %d vs %d)", len(got.Users), len(w.Users))
	}
	if !reflect.DeepEqual(got, w) {
		t.Fatalf("snapshot differs:\n got %+v\nwant %+v", got.Flags, w.Flags)
	}
	// The tenant took the snapshot's name and domains.
	ten, err := s.Tenant(ctx, "t1")
	if err != nil {
		t.Fatal(err)
	}
	if ten.CurrentRunID != runID || ten.DisplayName != "Contoso t1" || len(ten.Domains) != 2 ||
		ten.LastSyncStatus != "succeeded" || ten.LastSyncAt == nil || !ten.LastSyncAt.Equal(t0.Add(90*time.Second)) {
		t.Fatalf("tenant after commit = %+v", ten)
	}
}

func TestCurrentMovesOnlyAtCommit(t *testing.T) {
	s, _ := openClock(t, t0)
	ctx := context.Background()
	addTenant(t, s, "t1", "")
	first := commitNew(t, s, "t1", genSnapshot("t1", 20, 1))
	second, err := s.BeginRun(ctx, "t1", types.TriggerSchedule)
	if err != nil {
		t.Fatal(err)
	}
	cur, err := s.CurrentSnapshot(ctx, "t1")
	if err != nil || cur.Run.ID != first {
		t.Fatalf("while run %d is running, current = %v (%v), want %d", second, cur, err, first)
	}
	if err := s.FailRun(ctx, second, types.RunFailed, "throttled", "Graph kept answering 429"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Snapshot(ctx, second); !errors.Is(err, ErrNoSnapshot) {
		t.Fatalf("failed run's snapshot: %v, want ErrNoSnapshot", err)
	}
	cur, err = s.CurrentSnapshot(ctx, "t1")
	if err != nil || cur.Run.ID != first || len(cur.Users) != 20 {
		t.Fatalf("after failure current = run %d (%v)", cur.Run.ID, err)
	}
	ten, _ := s.Tenant(ctx, "t1")
	if ten.LastSyncStatus != "failed" || ten.LastError != "Graph kept answering 429" || ten.CurrentRunID != first {
		t.Fatalf("tenant = %+v", ten)
	}
	if err := s.CommitSnapshot(ctx, second, genSnapshot("t1", 5, 2)); !errors.Is(err, ErrRunNotRunning) {
		t.Fatalf("committing a failed run: %v, want ErrRunNotRunning", err)
	}
	third := commitNew(t, s, "t1", genSnapshot("t1", 7, 3))
	cur, err = s.CurrentSnapshot(ctx, "t1")
	if err != nil || cur.Run.ID != third || len(cur.Users) != 7 {
		t.Fatalf("after third run current = %d with %d users (%v)", cur.Run.ID, len(cur.Users), err)
	}
	// History stays readable.
	old, err := s.Snapshot(ctx, first)
	if err != nil || len(old.Users) != 20 {
		t.Fatalf("first snapshot: %d users (%v)", len(old.Users), err)
	}
}

func countRows(t *testing.T, s *Store, table string, runID int64) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM `+table+` WHERE run_id = ?`, runID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestCommitSnapshotIsAtomic(t *testing.T) {
	ctx := context.Background()
	cases := map[string]func(s *Store, runID int64) error{
		// A duplicate user ID fails on the primary key after 1,200 users
		// (several batches) were written in the transaction.
		"duplicate user mid-way": func(s *Store, runID int64) error {
			snap := genSnapshot("t1", 2000, 5)
			snap.Users[1200].ID = snap.Users[3].ID
			return s.CommitSnapshot(ctx, runID, snap)
		},
		// The context is cancelled while rows are being written.
		"cancelled mid-way": func(s *Store, runID int64) error {
			cctx, cancel := context.WithCancel(ctx)
			defer cancel()
			return s.CommitSnapshot(cctx, runID, genSnapshot("t1", 3000, 6), WithCommitProgress(func(done, total int) {
				if done >= total/2 {
					cancel()
				}
			}))
		},
	}
	for name, commit := range cases {
		t.Run(name, func(t *testing.T) {
			s, _ := openClock(t, t0)
			addTenant(t, s, "t1", "")
			first := commitNew(t, s, "t1", genSnapshot("t1", 50, 1))
			runID, err := s.BeginRun(ctx, "t1", types.TriggerManual)
			if err != nil {
				t.Fatal(err)
			}
			if err := commit(s, runID); err == nil {
				t.Fatal("commit succeeded, want an error")
			}
			for _, table := range []string{"snap_users", "snap_user_licenses", "snap_skus", "snap_contacts", "run_metrics"} {
				if n := countRows(t, s, table, runID); n != 0 {
					t.Errorf("%s has %d rows of the failed run", table, n)
				}
			}
			ri, err := s.Run(ctx, runID)
			if err != nil || ri.Status != types.RunRunning {
				t.Fatalf("run after failed commit = %+v (%v), want still running", ri, err)
			}
			cur, err := s.CurrentSnapshot(ctx, "t1")
			if err != nil || cur.Run.ID != first || len(cur.Users) != 50 {
				t.Fatalf("current = %d (%v), want %d", cur.Run.ID, err, first)
			}
		})
	}
}

func TestCommitProgressReachesTotal(t *testing.T) {
	s, _ := openClock(t, t0)
	addTenant(t, s, "t1", "")
	snap := genSnapshot("t1", 1234, 9)
	want := len(snap.Users) + len(snap.SKUs) + len(snap.Contacts)
	for _, u := range snap.Users {
		want += len(u.Licenses)
	}
	runID, _ := s.BeginRun(context.Background(), "t1", types.TriggerCLI)
	var last, calls int
	err := s.CommitSnapshot(context.Background(), runID, snap, WithCommitProgress(func(done, total int) {
		if done <= last || total != want {
			t.Errorf("progress %d/%d after %d (want total %d)", done, total, last, want)
		}
		last = done
		calls++
	}))
	if err != nil {
		t.Fatal(err)
	}
	if last != want || calls < 3 {
		t.Fatalf("progress ended at %d/%d after %d calls", last, want, calls)
	}
}

// BenchmarkCommitSnapshot100k commits a 100,000-user snapshot (about
// 125,000 licence assignments) per iteration, into a fresh tenant each time.
func BenchmarkCommitSnapshot100k(b *testing.B) {
	s, err := Open(b.TempDir(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	snap := genSnapshot("t", 100_000, 7)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		id := fmt.Sprintf("t%d", i)
		if err := s.UpsertTenant(ctx, types.Tenant{ID: id}); err != nil {
			b.Fatal(err)
		}
		snap.TenantID = id
		b.StartTimer()
		commitNew(b, s, id, snap)
	}
}

// BenchmarkSnapshotRead100k reads a 100,000-user snapshot back.
func BenchmarkSnapshotRead100k(b *testing.B) {
	s, err := Open(b.TempDir(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if err := s.UpsertTenant(ctx, types.Tenant{ID: "t"}); err != nil {
		b.Fatal(err)
	}
	run := commitNew(b, s, "t", genSnapshot("t", 100_000, 7))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		snap, err := s.Snapshot(ctx, run)
		if err != nil || len(snap.Users) != 100_000 {
			b.Fatalf("read %d users (%v)", len(snap.Users), err)
		}
	}
}
