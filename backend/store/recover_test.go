package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"tenantlens/backend/types"
)

// TestOpenClearsLocksOfADeadProcess: a killed TenantLens leaves its sync
// locks and running runs in the file. The next Open holds the folder's
// exclusive lock, so it knows they are dead and clears them at once: the
// next sync starts immediately (not after the stale timeout) and no tenant
// keeps showing "running".
func TestOpenClearsLocksOfADeadProcess(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"t1", "t2", "t3"} {
		addTenant(t, s, id, "")
	}
	prev := commitNew(t, s, "t1", genSnapshot("t1", 10, 1))
	done := commitNew(t, s, "t3", genSnapshot("t3", 5, 2))
	// "Killed" mid-sync of t1 and t2: locks held, runs running, one with
	// log lines; t3 finished cleanly before.
	var running []int64
	for _, id := range []string{"t1", "t2"} {
		if _, err := s.AcquireSyncLock(ctx, id, "dead-"+id, time.Hour); err != nil {
			t.Fatal(err)
		}
		run, err := s.BeginRun(ctx, id, types.TriggerManual)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.AppendRunLog(ctx, run, types.LogInfo, "sync started"); err != nil {
			t.Fatal(err)
		}
		running = append(running, run)
	}
	if ts, _ := s.Tenants(ctx); countStatus(ts, types.RunRunning) != 2 {
		t.Fatalf("before the kill: %d tenants running, want 2", countStatus(ts, types.RunRunning))
	}
	// No release: the process is gone. Close only drops the folder lock, as
	// the OS does for a dead process.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = Open(dir, Options{})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	rec := s.Recovered()
	if strings.Join(rec.ClearedLocks, ",") != "t1,t2" || len(rec.InterruptedRunIDs) != 2 ||
		rec.InterruptedRunIDs[0] != running[0] || rec.InterruptedRunIDs[1] != running[1] {
		t.Fatalf("recovered = %+v, want locks t1,t2 and runs %v", rec, running)
	}
	for _, run := range running {
		ri, err := s.Run(ctx, run)
		if err != nil || ri.Status != types.RunInterrupted || ri.FinishedAt == nil ||
			!strings.Contains(ri.Error, "the previous snapshot stays current") {
			t.Fatalf("run %d after reopen = %+v (%v)", run, ri, err)
		}
		if lines, _ := s.RunLog(ctx, run); len(lines) != 1 {
			t.Fatalf("run %d lost its log: %d lines", run, len(lines))
		}
	}
	if r, _ := s.Run(ctx, done); r.Status != types.RunSucceeded {
		t.Fatalf("a finished run was touched: %s", r.Status)
	}
	ts, err := s.Tenants(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n := countStatus(ts, types.RunRunning); n != 0 {
		t.Fatalf("%d tenants still show running", n)
	}
	if n := countStatus(ts, types.RunInterrupted); n != 2 {
		t.Fatalf("%d tenants show interrupted, want 2", n)
	}
	// The previous snapshot stays current.
	if cur, err := s.CurrentSnapshot(ctx, "t1"); err != nil || cur.Run.ID != prev || len(cur.Users) != 10 {
		t.Fatalf("t1 current after reopen: %v", err)
	}
	// The next sync starts at once, even with an hour-long stale timeout.
	for _, id := range []string{"t1", "t2"} {
		g, err := s.AcquireSyncLock(ctx, id, "next", time.Hour)
		if err != nil || g.TookOver || len(g.InterruptedRunIDs) != 0 {
			t.Fatalf("%s: lock after reopen = %+v (%v)", id, g, err)
		}
	}
	next := commitNew(t, s, "t1", genSnapshot("t1", 12, 3))
	if cur, err := s.CurrentSnapshot(ctx, "t1"); err != nil || cur.Run.ID != next {
		t.Fatalf("sync after recovery: %v", err)
	}
	for _, id := range []string{"t1", "t2"} {
		if err := s.ReleaseSyncLock(ctx, id, "next"); err != nil {
			t.Fatal(err)
		}
	}

	// After a clean close there is nothing to recover.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rec := s.Recovered(); len(rec.ClearedLocks) != 0 || len(rec.InterruptedRunIDs) != 0 {
		t.Fatalf("recovered after a clean close: %+v", rec)
	}
}

func countStatus(ts []types.Tenant, st types.RunStatus) int {
	n := 0
	for _, t := range ts {
		if t.LastSyncStatus == string(st) {
			n++
		}
	}
	return n
}
