package store

import (
	"context"
	"errors"
	"io/fs"
	"testing"
	"testing/fstest"
	"time"

	"tenantlens/backend/derive"
	"tenantlens/backend/types"
)

func TestMetricsStoredWithCommit(t *testing.T) {
	s, clk := openClock(t, t0)
	ctx := context.Background()
	addTenant(t, s, "t1", "")
	snap := genSnapshot("t1", 500, 3)
	prices := func(skuID, part string) (float64, string, bool) {
		if part == "SPB" {
			return 20.6, "EUR", true
		}
		return 0, "", false
	}
	run, _ := s.BeginRun(ctx, "t1", types.TriggerManual)
	withRun := *snap
	withRun.Run.ID = run
	want := derive.ComputeMetrics(&withRun, t0, prices)
	if err := s.CommitSnapshot(ctx, run, snap, WithMetrics(want)); err != nil {
		t.Fatal(err)
	}
	got, err := s.Metrics(ctx, run)
	if err != nil {
		t.Fatal(err)
	}
	if got.Users != want.Users || got.Licensed != want.Licensed || got.Inactive != want.Inactive ||
		got.MFARegistered != want.MFARegistered || got.MFACoveragePct != want.MFACoveragePct ||
		got.MonthlyCost != want.MonthlyCost || got.Currency != "EUR" || got.RunID != run || !got.At.Equal(t0) {
		t.Fatalf("stored metrics\n got %+v\nwant %+v", got, want)
	}
	// Sanity: the fixture has users of every kind, so these are not zeros.
	if got.Users == 0 || got.Deleted == 0 || got.Guests == 0 || got.Inactive <= 0 || got.MonthlyCost != 20.6*500 {
		t.Fatalf("fixture figures look empty: %+v", got)
	}
	for _, k := range snap.SKUs {
		if got.ConsumedBySKU[k.SkuID] != k.Consumed || got.EnabledBySKU[k.SkuID] != k.Enabled {
			t.Errorf("SKU %s: %d/%d, want %d/%d", k.PartNumber, got.ConsumedBySKU[k.SkuID], got.EnabledBySKU[k.SkuID], k.Consumed, k.Enabled)
		}
	}
	// History, oldest first; a failed run adds no point.
	clk.Advance(24 * time.Hour)
	bad, _ := s.BeginRun(ctx, "t1", types.TriggerSchedule)
	s.FailRun(ctx, bad, types.RunFailed, "x", "y")
	clk.Advance(24 * time.Hour)
	second := commitNew(t, s, "t1", genSnapshot("t1", 80, 4))
	hist, err := s.MetricsHistory(ctx, "t1")
	if err != nil || len(hist) != 2 || hist[0].RunID != run || hist[1].RunID != second || hist[1].Users >= hist[0].Users {
		t.Fatalf("history = %+v (%v)", hist, err)
	}
	if _, err := s.Metrics(ctx, bad); !errors.Is(err, ErrNotFound) {
		t.Fatalf("metrics of failed run: %v", err)
	}
}

func TestBySKUEncoding(t *testing.T) {
	enc := encodeBySKU(map[string]int{"b": 2, "a": 1}, map[string]int{"a": 5, "c": 9})
	if enc != "a=1/5;b=2/0;c=0/9" {
		t.Fatalf("encoded %q", enc)
	}
	c, e, err := decodeBySKU(enc)
	if err != nil || c["b"] != 2 || e["c"] != 9 || e["a"] != 5 {
		t.Fatalf("decoded %v %v %v", c, e, err)
	}
	if _, _, err := decodeBySKU("a=1"); err == nil {
		t.Fatal("accepted a malformed entry")
	}
}

// TestMigration0003UpgradesExistingData opens a folder at schema 0002 with
// a synced tenant, then upgrades it: the run and its snapshot survive and
// the new columns and tables work.
func TestMigration0003UpgradesExistingData(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	old := fstest.MapFS{}
	for _, name := range []string{"0001_init.sql", "0002_tenants_snapshots.sql"} {
		b, err := fs.ReadFile(embeddedMigrations(), name)
		if err != nil {
			t.Fatal(err)
		}
		old[name] = &fstest.MapFile{Data: b}
	}
	s, err := Open(dir, Options{Migrations: old})
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := s.SchemaVersion(ctx); v != 2 {
		t.Fatalf("schema %d", v)
	}
	mustExec := func(q string, args ...any) {
		t.Helper()
		if _, err := s.db.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	mustExec(`INSERT INTO tenants(id, display_name, created_at) VALUES ('t1', 'Old', ?)`, fmtTime(t0))
	mustExec(`INSERT INTO sync_runs(id, tenant_id, started_at, finished_at, status) VALUES (1, 't1', ?, ?, 'succeeded')`, fmtTime(t0), fmtTime(t0.Add(time.Minute)))
	mustExec(`INSERT INTO snap_users(run_id, user_id, upn, account_enabled) VALUES (1, 'u1', 'a@old.example', 1)`)
	mustExec(`UPDATE tenants SET current_run_id = 1`)
	s.Close()

	s, err = Open(dir, Options{Now: func() time.Time { return t0.Add(time.Hour) }})
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer s.Close()
	cur, err := s.CurrentSnapshot(ctx, "t1")
	if err != nil || len(cur.Users) != 1 || cur.Users[0].UserPrincipalName != "a@old.example" {
		t.Fatalf("old snapshot after upgrade: %+v (%v)", cur, err)
	}
	ri, err := s.Run(ctx, 1)
	if err != nil || ri.Trigger != "" || ri.Pruned || ri.Status != types.RunSucceeded {
		t.Fatalf("old run: %+v (%v)", ri, err)
	}
	run, err := s.BeginRun(ctx, "t1", types.TriggerCLI)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AppendRunLog(ctx, run, types.LogInfo, "after upgrade"); err != nil {
		t.Fatal(err)
	}
	if err := s.CommitSnapshot(ctx, run, genSnapshot("t1", 5, 1)); err != nil {
		t.Fatal(err)
	}
	var problems int
	if err := s.db.QueryRow(`SELECT count(*) FROM pragma_foreign_key_check`).Scan(&problems); err != nil || problems != 0 {
		t.Fatalf("foreign key check: %d (%v)", problems, err)
	}
}
