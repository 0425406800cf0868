package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"tenantlens/backend/types"
)

type dayRun struct {
	id int64
	at time.Time
}

// seedDaily commits one small successful run per day at 06:00 for days
// days ending the day before now, and a failed run every 10th day.
func seedDaily(t *testing.T, s *Store, clk *fakeClock, tenantID string, now time.Time, days int) (ok []dayRun, failed []dayRun) {
	t.Helper()
	ctx := context.Background()
	first := time.Date(now.Year(), now.Month(), now.Day(), 6, 0, 0, 0, time.UTC).AddDate(0, 0, -days)
	for d := 0; d < days; d++ {
		at := first.AddDate(0, 0, d)
		clk.t = at
		id := commitNew(t, s, tenantID, genSnapshot(tenantID, 2, int64(d)))
		ok = append(ok, dayRun{id, at})
		if d%10 == 0 {
			clk.t = at.Add(time.Hour)
			f, err := s.BeginRun(ctx, tenantID, types.TriggerSchedule)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.AppendRunLog(ctx, f, types.LogError, "throttled"); err != nil {
				t.Fatal(err)
			}
			if err := s.FailRun(ctx, f, types.RunFailed, "throttled", "429"); err != nil {
				t.Fatal(err)
			}
			failed = append(failed, dayRun{f, clk.t})
		}
	}
	return ok, failed
}

func hasSnapshot(t *testing.T, s *Store, id int64) bool {
	t.Helper()
	_, err := s.Snapshot(context.Background(), id)
	if err != nil && !errors.Is(err, ErrNoSnapshot) {
		t.Fatal(err)
	}
	return err == nil
}

// checkRetention verifies the policy's observable facts at now.
//
// exact: every run was still there before this pass, so each ISO week keeps
// its Sunday and each quarter its last day (away from the zone edges).
// After an earlier pass only "one per week / quarter" holds: the keeper is
// the latest run that survived.
func checkRetention(t *testing.T, s *Store, ok []dayRun, failed []dayRun, now time.Time, protected map[int64]bool, exact bool) (weekly, quarterly int) {
	t.Helper()
	ctx := context.Background()
	monthAgo, yearAgo := now.AddDate(0, 0, -30), now.AddDate(-1, 0, 0)
	weekKept := map[[2]int]int{}
	quarterKept := map[[2]int]int{}
	for _, r := range ok {
		kept := hasSnapshot(t, s, r.id)
		ri, err := s.Run(ctx, r.id)
		if err != nil {
			t.Fatal(err)
		}
		if ri.Pruned == kept {
			t.Fatalf("run %d: Pruned=%v but snapshot readable=%v", r.id, ri.Pruned, kept)
		}
		switch {
		case protected[r.id]:
			if !kept {
				t.Errorf("protected run %d (%s) was pruned", r.id, r.at.Format("2006-01-02"))
			}
		case !r.at.Before(monthAgo):
			if !kept {
				t.Errorf("recent run %s pruned", r.at.Format("2006-01-02"))
			}
		case !r.at.Before(yearAgo):
			if kept {
				y, w := r.at.ISOWeek()
				weekKept[[2]int{y, w}]++
				// Inside the zone each ISO week keeps its latest day: Sunday.
				if exact && r.at.Weekday() != time.Sunday && r.at.AddDate(0, 0, 1).Before(monthAgo) {
					t.Errorf("weekly tier kept a %s (%s)", r.at.Weekday(), r.at.Format("2006-01-02"))
				}
				if ri.Kept != "weekly" {
					t.Errorf("run %s kept as %q", r.at.Format("2006-01-02"), ri.Kept)
				}
			}
		default:
			if kept {
				quarterKept[[2]int{r.at.Year(), int(r.at.Month()-1) / 3}]++
				next := r.at.AddDate(0, 0, 1)
				if exact && (next.Month() == r.at.Month() || int(next.Month()-1)%3 != 0) {
					if next.Before(yearAgo) {
						t.Errorf("quarterly tier kept %s, not a quarter's last day", r.at.Format("2006-01-02"))
					}
				}
				if ri.Kept != "quarterly" {
					t.Errorf("run %s kept as %q", r.at.Format("2006-01-02"), ri.Kept)
				}
			}
		}
	}
	for k, n := range weekKept {
		if n != 1 {
			t.Errorf("ISO week %v kept %d runs", k, n)
		}
	}
	for k, n := range quarterKept {
		if n != 1 {
			t.Errorf("quarter %v kept %d runs", k, n)
		}
	}
	for _, f := range failed {
		_, err := s.Run(ctx, f.id)
		gone := errors.Is(err, ErrNotFound)
		if gone != f.at.Before(monthAgo) {
			t.Errorf("failed run of %s: gone=%v", f.at.Format("2006-01-02"), gone)
		}
	}
	return len(weekKept), len(quarterKept)
}

func TestRetentionThinsWeeklyThenQuarterly(t *testing.T) {
	if testing.Short() {
		t.Skip("ground truth, not goroutines meeting: make test runs it without -race; its -race pass (-short) skips it")
	}
	now := time.Date(2027, 6, 30, 12, 0, 0, 0, time.UTC)
	s, clk := openClock(t, now)
	ctx := context.Background()
	addTenant(t, s, "t1", "")
	ok, failed := seedDaily(t, s, clk, "t1", now, 800)

	// A report version built from a run ~500 days ago that is neither its
	// week's nor its quarter's last keeps it.
	ref := ok[300]
	for i := 300; ref.at.Weekday() == time.Sunday || ref.at.AddDate(0, 0, 1).Day() == 1; i++ {
		ref = ok[i]
	}
	rep, err := s.CreateReport(ctx, types.Report{TenantID: "t1", Name: "QBR"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateVersion(ctx, types.ReportVersion{ReportID: rep.ID, RunIDs: []int64{ref.id}, InactiveDays: 90}); err != nil {
		t.Fatal(err)
	}
	current := ok[len(ok)-1].id
	protected := map[int64]bool{ref.id: true, current: true}

	clk.t = now
	res, err := s.ApplyRetention(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	weeks, quarters := checkRetention(t, s, ok, failed, now, protected, true)
	// 335 days between 30 days and a year ago: 48 or 49 ISO weeks;
	// 435 days older than a year: 5 or 6 quarters (counting partial ones).
	if weeks < 48 || weeks > 49 || quarters < 5 || quarters > 6 {
		t.Errorf("kept %d weeks and %d quarters", weeks, quarters)
	}
	if res.KeptWeekly != weeks || res.KeptQuarterly != quarters || res.Protected != 2 {
		t.Errorf("result %+v vs %d weeks %d quarters", res, weeks, quarters)
	}
	recent, oldFailed := 0, 0
	for _, r := range ok {
		if !r.at.Before(now.AddDate(0, 0, -30)) {
			recent++
		}
	}
	for _, f := range failed {
		if f.at.Before(now.AddDate(0, 0, -30)) {
			oldFailed++
		}
	}
	if recent != 29 || oldFailed != 78 {
		t.Fatalf("seed: %d recent runs, %d old failed runs", recent, oldFailed)
	}
	if want := 800 - recent - weeks - quarters - 1; res.Pruned != want { // -1: the referenced run
		t.Errorf("pruned %d, want %d", res.Pruned, want)
	}
	if res.Deleted != oldFailed {
		t.Errorf("deleted %d failed runs, want %d", res.Deleted, oldFailed)
	}
	// Metrics stay for every successful run, so trends keep each point.
	hist, err := s.MetricsHistory(ctx, "t1")
	if err != nil || len(hist) != 800 {
		t.Fatalf("metrics history: %d rows (%v)", len(hist), err)
	}
	if cur, err := s.CurrentSnapshot(ctx, "t1"); err != nil || cur.Run.ID != current {
		t.Fatalf("current snapshot: %v", err)
	}
	if log, _ := s.RunLog(ctx, failed[len(failed)-1].id); len(log) != 1 {
		t.Errorf("recent failed run lost its log")
	}
	// Pruned snapshots leave no rows behind.
	var orphan int
	s.db.QueryRow(`SELECT count(*) FROM snap_users u JOIN sync_runs r ON r.id = u.run_id WHERE r.pruned_at IS NOT NULL`).Scan(&orphan)
	if orphan != 0 {
		t.Errorf("%d user rows of pruned runs", orphan)
	}

	// Idempotent.
	again, err := s.ApplyRetention(ctx, now)
	if err != nil || again.Pruned != 0 || again.Deleted != 0 {
		t.Fatalf("second pass: %+v (%v)", again, err)
	}

	// Four months later, without new syncs: daily runs age into weekly,
	// weekly ones into quarterly; the rules still hold.
	later := now.AddDate(0, 4, 0)
	if _, err := s.ApplyRetention(ctx, later); err != nil {
		t.Fatal(err)
	}
	checkRetention(t, s, ok, failed, later, protected, false)
	// LastSuccessfulRunBefore skips pruned runs.
	ri, err := s.LastSuccessfulRunBefore(ctx, "t1", ok[450].at.Add(time.Hour))
	if err != nil || !hasSnapshot(t, s, ri.ID) || ri.ID > ok[450].id {
		t.Fatalf("LastSuccessfulRunBefore = %+v (%v)", ri, err)
	}
}

func TestRetentionWithoutReportTable(t *testing.T) {
	now := time.Date(2027, 1, 15, 12, 0, 0, 0, time.UTC)
	s, clk := openClock(t, now)
	ctx := context.Background()
	addTenant(t, s, "t1", "")
	ok, _ := seedDaily(t, s, clk, "t1", now, 60)
	if _, err := s.db.Exec(`DROP TABLE report_version_runs`); err != nil {
		t.Fatal(err)
	}
	res, err := s.ApplyRetention(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	if res.Pruned == 0 || !hasSnapshot(t, s, ok[len(ok)-1].id) {
		t.Fatalf("retention without report_version_runs: %+v", res)
	}
}
