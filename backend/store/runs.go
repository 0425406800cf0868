package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"tenantlens/backend/types"
)

// Errors of the tenant/run/snapshot repositories.
var (
	ErrNotFound   = errors.New("not found")
	ErrNoSnapshot = errors.New("no snapshot yet: this tenant has not synced successfully")
	ErrLocked     = errors.New("a sync is already running")
	// ErrRunNotRunning: the run already finished (or was interrupted by a
	// lock takeover) and cannot be committed or failed again.
	ErrRunNotRunning = errors.New("the sync run is no longer running")
)

// errClassInterrupted is how an interrupted run is stored: status 'failed'
// with this error class (0002's CHECK on status predates "interrupted").
const errClassInterrupted = "interrupted"

// stampLayout is a fixed-width UTC RFC 3339 layout: unlike RFC3339Nano it
// never trims zeros, so stored stamps compare correctly as text.
const stampLayout = "2006-01-02T15:04:05.000000000Z07:00"

func stamp(t time.Time) string { return t.UTC().Format(stampLayout) }

// BeginRun starts a sync run of a tenant and returns its ID. If the tenant's
// sync lock is held, the lock records the run.
func (s *Store) BeginRun(ctx context.Context, tenantID string, trigger types.RunTrigger) (int64, error) {
	var id int64
	err := s.tx(ctx, func(t *sql.Tx) error {
		if err := tenantExists(ctx, t, tenantID); err != nil {
			return err
		}
		res, err := t.ExecContext(ctx, `INSERT INTO sync_runs(tenant_id, started_at, status, trigger_kind)
			VALUES (?, ?, 'running', ?)`, tenantID, stamp(s.now()), string(trigger))
		if err != nil {
			return fmt.Errorf("starting sync run: %w", err)
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		_, err = t.ExecContext(ctx, `UPDATE sync_locks SET run_id = ? WHERE tenant_id = ?`, id, tenantID)
		return err
	})
	return id, err
}

func tenantExists(ctx context.Context, t *sql.Tx, tenantID string) error {
	var one int
	err := t.QueryRowContext(ctx, `SELECT 1 FROM tenants WHERE id = ?`, tenantID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("tenant %s: %w", tenantID, ErrNotFound)
	}
	return err
}

// AppendRunLog adds a line to a run's log. Callers must not pass secrets.
func (s *Store) AppendRunLog(ctx context.Context, runID int64, level types.LogLevel, msg string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO run_logs(run_id, seq, at, level, message)
		VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM run_logs WHERE run_id = ?), ?, ?, ?)`,
		runID, runID, stamp(s.now()), string(level), msg)
	if err != nil {
		if strings.Contains(err.Error(), "FOREIGN KEY") {
			return fmt.Errorf("run %d: %w", runID, ErrNotFound)
		}
		return fmt.Errorf("writing run log: %w", err)
	}
	return nil
}

// RunLog returns a run's log in order.
func (s *Store) RunLog(ctx context.Context, runID int64) ([]types.RunLogEntry, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT seq, at, level, message FROM run_logs WHERE run_id = ? ORDER BY seq`, runID)
	if err != nil {
		return nil, fmt.Errorf("reading run log: %w", err)
	}
	defer rows.Close()
	var out []types.RunLogEntry
	for rows.Next() {
		var e types.RunLogEntry
		var at, level string
		if err := rows.Scan(&e.Seq, &at, &level, &e.Message); err != nil {
			return nil, err
		}
		e.At, e.Level = parseTime(at), types.LogLevel(level)
		out = append(out, e)
	}
	return out, rows.Err()
}

// FailRun finishes a running run without a snapshot: status is RunFailed,
// RunCancelled or RunInterrupted. The tenant's current snapshot is
// untouched. A run that already finished gives ErrRunNotRunning.
func (s *Store) FailRun(ctx context.Context, runID int64, status types.RunStatus, errClass, errMsg string) error {
	dbStatus := string(status)
	switch status {
	case types.RunFailed, types.RunCancelled:
	case types.RunInterrupted:
		dbStatus, errClass = string(types.RunFailed), errClassInterrupted
	default:
		return fmt.Errorf("FailRun: status %q is not a failure", status)
	}
	res, err := s.db.ExecContext(ctx, `UPDATE sync_runs SET status = ?, finished_at = ?, error_class = ?, error = ?
		WHERE id = ? AND status = 'running'`, dbStatus, stamp(s.now()), errClass, errMsg, runID)
	if err != nil {
		return fmt.Errorf("finishing run %d: %w", runID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := s.Run(ctx, runID); err != nil {
			return err
		}
		return fmt.Errorf("run %d: %w", runID, ErrRunNotRunning)
	}
	return nil
}

const runColumns = `id, tenant_id, started_at, finished_at, status, error_class, error, trigger_kind, kept, pruned_at`

type rowScanner interface{ Scan(dest ...any) error }

// queryAll runs a query and reads every row with scan; what names the
// listing in errors ("listing tenants: …").
func queryAll[T any](ctx context.Context, db *sql.DB, what string, scan func(rowScanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func scanRun(r rowScanner) (types.RunInfo, error) {
	var ri types.RunInfo
	var started, status, trigger string
	var finished, pruned sql.NullString
	err := r.Scan(&ri.ID, &ri.TenantID, &started, &finished, &status, &ri.ErrorClass, &ri.Error, &trigger, &ri.Kept, &pruned)
	if err != nil {
		return ri, err
	}
	ri.StartedAt = parseTime(started)
	ri.FinishedAt = parseTimePtr(finished)
	ri.Status = types.RunStatus(status)
	if ri.Status == types.RunFailed && ri.ErrorClass == errClassInterrupted {
		ri.Status = types.RunInterrupted
	}
	ri.Trigger = types.RunTrigger(trigger)
	ri.Pruned = pruned.Valid
	return ri, nil
}

// Run returns one run (ErrNotFound when absent).
func (s *Store) Run(ctx context.Context, runID int64) (types.RunInfo, error) {
	ri, err := scanRun(s.rdb.QueryRowContext(ctx, `SELECT `+runColumns+` FROM sync_runs WHERE id = ?`, runID))
	if errors.Is(err, sql.ErrNoRows) {
		return ri, fmt.Errorf("run %d: %w", runID, ErrNotFound)
	}
	if err != nil {
		return ri, fmt.Errorf("reading run %d: %w", runID, err)
	}
	return ri, nil
}

// Runs lists a tenant's runs, newest first; limit <= 0 means all.
func (s *Store) Runs(ctx context.Context, tenantID string, limit int) ([]types.RunInfo, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT `+runColumns+` FROM sync_runs WHERE tenant_id = ? ORDER BY id DESC LIMIT ?`, tenantID, limit)
	if err != nil {
		return nil, fmt.Errorf("listing runs: %w", err)
	}
	defer rows.Close()
	var out []types.RunInfo
	for rows.Next() {
		ri, err := scanRun(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, ri)
	}
	return out, rows.Err()
}

// LastSuccessfulRunBefore returns the tenant's latest successful run with a
// snapshot (not pruned) that finished before t — "the state last quarter".
func (s *Store) LastSuccessfulRunBefore(ctx context.Context, tenantID string, t time.Time) (types.RunInfo, error) {
	ri, err := scanRun(s.rdb.QueryRowContext(ctx, `SELECT `+runColumns+` FROM sync_runs
		WHERE tenant_id = ? AND status = 'succeeded' AND pruned_at IS NULL AND finished_at < ?
		ORDER BY finished_at DESC, id DESC LIMIT 1`, tenantID, stamp(t)))
	if errors.Is(err, sql.ErrNoRows) {
		return ri, fmt.Errorf("tenant %s before %s: %w", tenantID, t.Format(time.RFC3339), ErrNoSnapshot)
	}
	return ri, err
}

// LastRunFinishedAt is when the tenant's latest finished run (any outcome)
// ended, for the manual-sync cooldown; ok is false when none has finished.
func (s *Store) LastRunFinishedAt(ctx context.Context, tenantID string) (at time.Time, ok bool, err error) {
	var v sql.NullString
	err = s.rdb.QueryRowContext(ctx, `SELECT MAX(finished_at) FROM sync_runs WHERE tenant_id = ?`, tenantID).Scan(&v)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("reading last run: %w", err)
	}
	if !v.Valid {
		return time.Time{}, false, nil
	}
	return parseTime(v.String), true, nil
}
