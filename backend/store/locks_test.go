package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"tenantlens/backend/types"
)

func TestSyncLockHeldGivesErrLocked(t *testing.T) {
	s, clk := openClock(t, t0)
	ctx := context.Background()
	addTenant(t, s, "t1", "")
	g, err := s.AcquireSyncLock(ctx, "t1", "job-A", 2*time.Minute)
	if err != nil || g.TookOver || !g.AcquiredAt.Equal(t0) {
		t.Fatalf("first acquire: %+v (%v)", g, err)
	}
	clk.Advance(90 * time.Second)
	if _, err := s.AcquireSyncLock(ctx, "t1", "job-B", 2*time.Minute); !errors.Is(err, ErrLocked) {
		t.Fatalf("second owner: %v, want ErrLocked", err)
	}
	if ErrLocked.Error() != "a sync is already running" {
		t.Fatalf("ErrLocked says %q", ErrLocked)
	}
	// Heartbeats keep it fresh past staleAfter.
	if err := s.HeartbeatSyncLock(ctx, "t1", "job-A"); err != nil {
		t.Fatal(err)
	}
	clk.Advance(90 * time.Second) // 3 min after acquire, 1.5 min after heartbeat
	if _, err := s.AcquireSyncLock(ctx, "t1", "job-B", 2*time.Minute); !errors.Is(err, ErrLocked) {
		t.Fatalf("after heartbeat: %v, want ErrLocked", err)
	}
	if err := s.HeartbeatSyncLock(ctx, "t1", "job-B"); !errors.Is(err, ErrLocked) {
		t.Fatalf("heartbeat by a non-owner: %v", err)
	}
	// Releasing by a non-owner does nothing; by the owner frees it.
	if err := s.ReleaseSyncLock(ctx, "t1", "job-B"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AcquireSyncLock(ctx, "t1", "job-B", 2*time.Minute); !errors.Is(err, ErrLocked) {
		t.Fatalf("after foreign release: %v", err)
	}
	if err := s.ReleaseSyncLock(ctx, "t1", "job-A"); err != nil {
		t.Fatal(err)
	}
	g, err = s.AcquireSyncLock(ctx, "t1", "job-B", 2*time.Minute)
	if err != nil || g.TookOver || len(g.InterruptedRunIDs) != 0 {
		t.Fatalf("after release: %+v (%v)", g, err)
	}
	if _, err := s.AcquireSyncLock(ctx, "missing", "job", time.Minute); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown tenant: %v", err)
	}
	// Locks are per tenant.
	addTenant(t, s, "t2", "")
	if _, err := s.AcquireSyncLock(ctx, "t2", "job-C", 2*time.Minute); err != nil {
		t.Fatalf("other tenant: %v", err)
	}
}

func TestStaleSyncLockIsTakenOverAndRunInterrupted(t *testing.T) {
	s, clk := openClock(t, t0)
	ctx := context.Background()
	addTenant(t, s, "t1", "")
	prev := commitNew(t, s, "t1", genSnapshot("t1", 10, 1))
	if _, err := s.AcquireSyncLock(ctx, "t1", "dead-process", time.Minute); err != nil {
		t.Fatal(err)
	}
	run, err := s.BeginRun(ctx, "t1", types.TriggerSchedule)
	if err != nil {
		t.Fatal(err)
	}
	var lockRun int64
	if err := s.db.QueryRow(`SELECT run_id FROM sync_locks WHERE tenant_id = 't1'`).Scan(&lockRun); err != nil || lockRun != run {
		t.Fatalf("lock records run %d (%v), want %d", lockRun, err, run)
	}
	// The holder dies: no more heartbeats.
	clk.Advance(61 * time.Second)
	g, err := s.AcquireSyncLock(ctx, "t1", "new-job", time.Minute)
	if err != nil {
		t.Fatalf("takeover: %v", err)
	}
	if !g.TookOver || g.PreviousOwner != "dead-process" || len(g.InterruptedRunIDs) != 1 || g.InterruptedRunIDs[0] != run {
		t.Fatalf("grant = %+v", g)
	}
	ri, err := s.Run(ctx, run)
	if err != nil || ri.Status != types.RunInterrupted || ri.FinishedAt == nil || !strings.Contains(ri.Error, "previous snapshot stays current") {
		t.Fatalf("run after takeover = %+v (%v)", ri, err)
	}
	ten, _ := s.Tenant(ctx, "t1")
	if ten.LastSyncStatus != string(types.RunInterrupted) || ten.CurrentRunID != prev {
		t.Fatalf("tenant = %+v", ten)
	}
	// The old holder wakes up: it lost the lock and cannot commit.
	if err := s.HeartbeatSyncLock(ctx, "t1", "dead-process"); !errors.Is(err, ErrLocked) {
		t.Fatalf("old holder heartbeat: %v", err)
	}
	if err := s.CommitSnapshot(ctx, run, genSnapshot("t1", 3, 2)); !errors.Is(err, ErrRunNotRunning) {
		t.Fatalf("old holder commit: %v", err)
	}
	if err := s.FailRun(ctx, run, types.RunFailed, "x", "y"); !errors.Is(err, ErrRunNotRunning) {
		t.Fatalf("old holder FailRun: %v", err)
	}
	if cur, _ := s.CurrentSnapshot(ctx, "t1"); cur.Run.ID != prev {
		t.Fatalf("current moved to %d", cur.Run.ID)
	}
}

func TestRunLogAndCooldownFacts(t *testing.T) {
	s, clk := openClock(t, t0)
	ctx := context.Background()
	addTenant(t, s, "t1", "")
	if _, ok, err := s.LastRunFinishedAt(ctx, "t1"); ok || err != nil {
		t.Fatalf("no runs yet: ok=%v err=%v", ok, err)
	}
	run, _ := s.BeginRun(ctx, "t1", types.TriggerManual)
	msgs := []string{"fetching users", "page 2", "registration details: 403, falling back to per-user methods"}
	for i, m := range msgs {
		lvl := types.LogInfo
		if i == 2 {
			lvl = types.LogWarn
		}
		clk.Advance(time.Second)
		if err := s.AppendRunLog(ctx, run, lvl, m); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AppendRunLog(ctx, 9999, types.LogInfo, "x"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("log of unknown run: %v", err)
	}
	log, err := s.RunLog(ctx, run)
	if err != nil || len(log) != 3 {
		t.Fatalf("log = %+v (%v)", log, err)
	}
	for i, e := range log {
		if e.Seq != int64(i+1) || e.Message != msgs[i] || !e.At.Equal(t0.Add(time.Duration(i+1)*time.Second)) {
			t.Errorf("line %d = %+v", i, e)
		}
	}
	if log[2].Level != types.LogWarn {
		t.Errorf("level = %s", log[2].Level)
	}
	clk.Advance(10 * time.Second)
	if err := s.CommitSnapshot(ctx, run, genSnapshot("t1", 4, 1)); err != nil {
		t.Fatal(err)
	}
	at, ok, err := s.LastRunFinishedAt(ctx, "t1")
	if err != nil || !ok || !at.Equal(t0.Add(13*time.Second)) {
		t.Fatalf("LastRunFinishedAt = %v %v %v", at, ok, err)
	}
	ri, _ := s.Run(ctx, run)
	if ri.Trigger != types.TriggerManual || ri.Status != types.RunSucceeded {
		t.Fatalf("run = %+v", ri)
	}
}

func TestRunsAndLastSuccessfulBefore(t *testing.T) {
	s, clk := openClock(t, t0)
	ctx := context.Background()
	addTenant(t, s, "t1", "")
	var ok []int64
	for i := 0; i < 4; i++ {
		ok = append(ok, commitNew(t, s, "t1", genSnapshot("t1", 3, int64(i))))
		clk.Advance(24 * time.Hour)
		bad, _ := s.BeginRun(ctx, "t1", types.TriggerSchedule)
		clk.Advance(time.Hour)
		if err := s.FailRun(ctx, bad, types.RunCancelled, "cancelled", "stopped by the user"); err != nil {
			t.Fatal(err)
		}
		clk.Advance(24 * time.Hour)
	}
	runs, err := s.Runs(ctx, "t1", 3)
	if err != nil || len(runs) != 3 || runs[0].Status != types.RunCancelled || runs[1].ID != ok[3] {
		t.Fatalf("Runs(3) = %+v (%v)", runs, err)
	}
	if all, _ := s.Runs(ctx, "t1", 0); len(all) != 8 {
		t.Fatalf("Runs(0) = %d", len(all))
	}
	// Successful runs finish every 49 h; 26 h after ok[1] the latest
	// successful one is still ok[1] (the cancelled run after it does not count).
	ri, err := s.LastSuccessfulRunBefore(ctx, "t1", t0.Add(49*time.Hour+26*time.Hour))
	if err != nil || ri.ID != ok[1] {
		t.Fatalf("LastSuccessfulRunBefore = %d (%v), want %d", ri.ID, err, ok[1])
	}
	if _, err := s.LastSuccessfulRunBefore(ctx, "t1", t0.Add(-time.Hour)); !errors.Is(err, ErrNoSnapshot) {
		t.Fatalf("before any run: %v", err)
	}
	if _, err := s.Run(ctx, 12345); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown run: %v", err)
	}
	if _, err := s.BeginRun(ctx, "ghost", types.TriggerCLI); !errors.Is(err, ErrNotFound) {
		t.Fatalf("BeginRun on unknown tenant: %v", err)
	}
}
