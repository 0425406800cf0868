package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"tenantlens/backend/types"
)

const helperEnv = "TENANTLENS_STORE_HELPER_DIR"

// TestHelperProcess is the child of TestKilledDuringCommit: it takes the
// sync lock, begins a run and starts committing a 100,000-user snapshot;
// once rows are being written it says so on stdout and blocks inside the
// transaction until it is killed.
func TestHelperProcess(t *testing.T) {
	dir := os.Getenv(helperEnv)
	if dir == "" {
		return // not started as the helper
	}
	ctx := context.Background()
	s, err := Open(dir, Options{})
	if err != nil {
		fmt.Println("ERR", err)
		os.Exit(2)
	}
	if _, err := s.AcquireSyncLock(ctx, "t1", "helper-"+strconv.Itoa(os.Getpid()), time.Minute); err != nil {
		fmt.Println("ERR", err)
		os.Exit(2)
	}
	run, err := s.BeginRun(ctx, "t1", types.TriggerSchedule)
	if err != nil {
		fmt.Println("ERR", err)
		os.Exit(2)
	}
	fmt.Println("RUN", run)
	snap := genSnapshot("t1", 100_000, 42)
	err = s.CommitSnapshot(ctx, run, snap, WithCommitProgress(func(done, total int) {
		if done >= 60_000 {
			fmt.Println("WRITING", done, total)
			time.Sleep(time.Hour) // killed here, mid-transaction
		}
	}))
	fmt.Println("ERR commit returned", err)
	os.Exit(2)
}

func TestKilledDuringCommit(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process that writes 100,000 users")
	}
	dir := t.TempDir()
	ctx := context.Background()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	addTenant(t, s, "t1", "")
	prev := commitNew(t, s, "t1", genSnapshot("t1", 10, 1))
	s.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperEnv+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	defer func() {
		if !killed {
			cmd.Process.Kill()
			cmd.Wait()
		}
	}()
	var childRun int64
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "ERR") {
			t.Fatalf("helper: %s", line)
		}
		if v, ok := strings.CutPrefix(line, "RUN "); ok {
			childRun, _ = strconv.ParseInt(v, 10, 64)
		}
		if strings.HasPrefix(line, "WRITING") {
			break
		}
	}
	if childRun == 0 {
		t.Fatalf("helper never reported writing (scan err %v)", sc.Err())
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	killed = true
	if st, err := os.Stat(filepath.Join(dir, FileName+"-wal")); err == nil {
		t.Logf("WAL left by the killed writer: %d bytes", st.Size())
	}

	// Reopen: ten minutes later, so the dead helper's lock is stale.
	later := func() time.Time { return time.Now().Add(10 * time.Minute) }
	s, err = Open(dir, Options{Now: later})
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer s.Close()
	var integrity string
	if err := s.db.QueryRow(`PRAGMA integrity_check`).Scan(&integrity); err != nil || integrity != "ok" {
		t.Fatalf("integrity_check = %q (%v)", integrity, err)
	}
	cur, err := s.CurrentSnapshot(ctx, "t1")
	if err != nil || cur.Run.ID != prev || len(cur.Users) != 10 {
		t.Fatalf("current after kill: run %v (%v), want %d with 10 users", cur, err, prev)
	}
	for _, table := range []string{"snap_users", "snap_user_licenses", "snap_skus", "run_metrics"} {
		if n := countRows(t, s, table, childRun); n != 0 {
			t.Errorf("%s has %d rows of the killed run", table, n)
		}
	}
	// Open holds the folder's exclusive lock, so the dead helper's lock and
	// running run were cleared at once — no waiting for the lock to go stale.
	rec := s.Recovered()
	if len(rec.ClearedLocks) != 1 || rec.ClearedLocks[0] != "t1" ||
		len(rec.InterruptedRunIDs) != 1 || rec.InterruptedRunIDs[0] != childRun {
		t.Fatalf("recovered at open = %+v, want t1's lock and run %d", rec, childRun)
	}
	if ri, err := s.Run(ctx, childRun); err != nil || ri.Status != types.RunInterrupted {
		t.Fatalf("killed run after reopen = %+v (%v)", ri, err)
	}
	g, err := s.AcquireSyncLock(ctx, "t1", "fresh", time.Hour)
	if err != nil || g.TookOver || len(g.InterruptedRunIDs) != 0 {
		t.Fatalf("lock after reopen = %+v (%v), want a plain grant", g, err)
	}
	next := commitNew(t, s, "t1", genSnapshot("t1", 12, 3))
	if cur, err := s.CurrentSnapshot(ctx, "t1"); err != nil || cur.Run.ID != next {
		t.Fatalf("sync after recovery: %v", err)
	}
}
