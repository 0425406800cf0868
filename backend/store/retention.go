package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"tenantlens/backend/types"
)

// Retention tiers (sync_runs.kept).
const (
	keptWeekly    = "weekly"
	keptQuarterly = "quarterly"
)

type retRun struct {
	id       int64
	tenantID string
	at       time.Time // finished (started when never finished)
	status   string
	kept     string
}

// ApplyRetention thins old runs, relative to now:
//   - successful runs finished in the last 30 days are all kept;
//   - from 30 days to a year, the latest successful run of each ISO week
//     is kept (kept = "weekly");
//   - older than a year, the latest successful run of each calendar quarter
//     is kept (kept = "quarterly");
//   - other successful runs are pruned: their users, licences, SKUs,
//     contacts and log are removed, the run row and its metrics stay so
//     trends keep every point;
//   - failed, cancelled and interrupted runs older than 30 days are deleted
//     with their logs; running runs are never touched.
//
// A tenant's current run and every run a report version references
// (report_version_runs) are always kept whole. One transaction.
func (s *Store) ApplyRetention(ctx context.Context, now time.Time) (types.RetentionResult, error) {
	var res types.RetentionResult
	err := s.tx(ctx, func(t *sql.Tx) error {
		protected, err := protectedRuns(ctx, t)
		if err != nil {
			return err
		}
		runs, err := retentionCandidates(ctx, t)
		if err != nil {
			return err
		}
		res = types.RetentionResult{RunsExamined: len(runs)}
		keep, tier := planRetention(runs, now)
		monthAgo := now.AddDate(0, 0, -30)
		stamped := stamp(now)
		for _, r := range runs {
			if protected[r.id] {
				res.Protected++
				if err := setKept(ctx, t, r, keep[r.id], tier[r.id]); err != nil {
					return err
				}
				continue
			}
			if r.status != string(types.RunSucceeded) {
				if r.at.Before(monthAgo) {
					if _, err := t.ExecContext(ctx, `DELETE FROM sync_runs WHERE id = ?`, r.id); err != nil {
						return fmt.Errorf("retention: deleting run %d: %w", r.id, err)
					}
					res.Deleted++
				}
				continue
			}
			if keep[r.id] {
				switch tier[r.id] {
				case keptWeekly:
					res.KeptWeekly++
				case keptQuarterly:
					res.KeptQuarterly++
				}
				if err := setKept(ctx, t, r, true, tier[r.id]); err != nil {
					return err
				}
				continue
			}
			if err := pruneRun(ctx, t, r.id, stamped); err != nil {
				return err
			}
			res.Pruned++
		}
		return nil
	})
	return res, err
}

// setKept records the tier that keeps a run ("" when it is kept only
// because it is recent or protected).
func setKept(ctx context.Context, t *sql.Tx, r retRun, keeper bool, tier string) error {
	if !keeper {
		tier = ""
	}
	if tier == r.kept {
		return nil
	}
	if _, err := t.ExecContext(ctx, `UPDATE sync_runs SET kept = ? WHERE id = ?`, tier, r.id); err != nil {
		return fmt.Errorf("retention: run %d: %w", r.id, err)
	}
	return nil
}

// planRetention decides which successful runs are kept and in which tier.
// Runs newer than 30 days are kept with tier "".
func planRetention(runs []retRun, now time.Time) (keep map[int64]bool, tier map[int64]string) {
	monthAgo, yearAgo := now.AddDate(0, 0, -30), now.AddDate(-1, 0, 0)
	keep, tier = map[int64]bool{}, map[int64]string{}
	type bucket struct {
		tenant string
		tier   string
		year   int
		n      int // ISO week or quarter
	}
	latest := map[bucket]retRun{}
	for _, r := range runs {
		if r.status != string(types.RunSucceeded) {
			continue
		}
		if !r.at.Before(monthAgo) {
			keep[r.id] = true
			continue
		}
		var b bucket
		if !r.at.Before(yearAgo) {
			y, w := r.at.UTC().ISOWeek()
			b = bucket{r.tenantID, keptWeekly, y, w}
		} else {
			u := r.at.UTC()
			b = bucket{r.tenantID, keptQuarterly, u.Year(), (int(u.Month())-1)/3 + 1}
		}
		tier[r.id] = b.tier
		if cur, ok := latest[b]; !ok || r.at.After(cur.at) || (r.at.Equal(cur.at) && r.id > cur.id) {
			latest[b] = r
		}
	}
	for _, r := range latest {
		keep[r.id] = true
	}
	return keep, tier
}

// retentionCandidates lists finished runs whose snapshot still exists (or
// that failed), oldest first.
func retentionCandidates(ctx context.Context, t *sql.Tx) ([]retRun, error) {
	rows, err := t.QueryContext(ctx, `SELECT id, tenant_id, COALESCE(finished_at, started_at), status, kept FROM sync_runs
		WHERE status <> 'running' AND pruned_at IS NULL ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("retention: listing runs: %w", err)
	}
	defer rows.Close()
	var out []retRun
	for rows.Next() {
		var r retRun
		var at string
		if err := rows.Scan(&r.id, &r.tenantID, &at, &r.status, &r.kept); err != nil {
			return nil, err
		}
		r.at = parseTime(at)
		out = append(out, r)
	}
	return out, rows.Err()
}

// protectedRuns are current runs and runs report versions were built from.
// report_version_runs arrives with the reports migration; it is looked up
// at run time so retention works with or without it.
func protectedRuns(ctx context.Context, t *sql.Tx) (map[int64]bool, error) {
	q := `SELECT current_run_id FROM tenants WHERE current_run_id IS NOT NULL`
	var n int
	if err := t.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'report_version_runs'`).Scan(&n); err != nil {
		return nil, fmt.Errorf("retention: %w", err)
	}
	if n > 0 {
		q += ` UNION SELECT run_id FROM report_version_runs`
	}
	rows, err := t.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("retention: protected runs: %w", err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// pruneRun removes a run's snapshot rows and log, keeping the run and its
// metrics.
func pruneRun(ctx context.Context, t *sql.Tx, runID int64, at string) error {
	for _, table := range []string{"snap_user_licenses", "snap_users", "snap_skus", "snap_contacts", "run_logs",
		"snap_licensing", "snap_subscriptions", "snap_license_states", "snap_user_services"} {
		if _, err := t.ExecContext(ctx, `DELETE FROM `+table+` WHERE run_id = ?`, runID); err != nil {
			return fmt.Errorf("retention: pruning run %d (%s): %w", runID, table, err)
		}
	}
	if _, err := t.ExecContext(ctx, `UPDATE sync_runs SET pruned_at = ?, kept = '' WHERE id = ?`, at, runID); err != nil {
		return fmt.Errorf("retention: pruning run %d: %w", runID, err)
	}
	return nil
}
