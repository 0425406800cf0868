package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"tenantlens/backend/types"
)

// AcquireSyncLock takes the tenant's persisted sync lock for owner (a
// per-process, per-job identifier). A lock whose heartbeat is fresher than
// staleAfter and held by another owner gives ErrLocked. A stale lock — its
// process died or hung — is taken over. Either way, runs the tenant still
// has in "running" (no live holder can own them once this owner holds the
// lock) are marked interrupted and listed in the grant. Re-acquiring one's
// own lock refreshes it.
func (s *Store) AcquireSyncLock(ctx context.Context, tenantID, owner string, staleAfter time.Duration) (types.SyncLockGrant, error) {
	if owner == "" {
		return types.SyncLockGrant{}, errors.New("AcquireSyncLock: empty owner")
	}
	g := types.SyncLockGrant{TenantID: tenantID, Owner: owner}
	err := s.tx(ctx, func(t *sql.Tx) error {
		if err := tenantExists(ctx, t, tenantID); err != nil {
			return err
		}
		now := s.now()
		var prevOwner, beat string
		err := t.QueryRowContext(ctx, `SELECT owner, heartbeat_at FROM sync_locks WHERE tenant_id = ?`, tenantID).Scan(&prevOwner, &beat)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return fmt.Errorf("reading sync lock: %w", err)
		case prevOwner == owner:
		case now.Sub(parseTime(beat)) < staleAfter:
			return fmt.Errorf("tenant %s: %w", tenantID, ErrLocked)
		default:
			g.TookOver, g.PreviousOwner = true, prevOwner
		}
		if prevOwner != owner {
			ids, err := interruptRunning(ctx, t, tenantID, now, prevOwner)
			if err != nil {
				return err
			}
			g.InterruptedRunIDs = ids
		}
		g.AcquiredAt = now
		_, err = t.ExecContext(ctx, `INSERT INTO sync_locks(tenant_id, run_id, owner, heartbeat_at) VALUES (?, 0, ?, ?)
			ON CONFLICT(tenant_id) DO UPDATE SET run_id = CASE WHEN owner = excluded.owner THEN run_id ELSE 0 END,
				owner = excluded.owner, heartbeat_at = excluded.heartbeat_at`, tenantID, owner, stamp(now))
		if err != nil {
			return fmt.Errorf("taking sync lock: %w", err)
		}
		return nil
	})
	if err != nil {
		return types.SyncLockGrant{}, err
	}
	return g, nil
}

// interruptedMsg is the error stored on a run that stopped without
// finishing; prevOwner names the lock holder when known.
func interruptedMsg(prevOwner string) string {
	msg := "the sync stopped before it finished (the app was closed or crashed); the previous snapshot stays current"
	if prevOwner != "" {
		msg += " [lock holder " + prevOwner + "]"
	}
	return msg
}

// interruptRunning marks the tenant's running runs interrupted.
func interruptRunning(ctx context.Context, t *sql.Tx, tenantID string, now time.Time, prevOwner string) ([]int64, error) {
	return interruptWhere(ctx, t, `tenant_id = ? AND status = 'running'`, []any{tenantID}, now, interruptedMsg(prevOwner))
}

// interruptWhere marks the runs selected by where (a condition on
// sync_runs) interrupted and returns their IDs in order.
func interruptWhere(ctx context.Context, t *sql.Tx, where string, args []any, now time.Time, msg string) ([]int64, error) {
	rows, err := t.QueryContext(ctx, `SELECT id FROM sync_runs WHERE `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("finding interrupted runs: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, id := range ids {
		if _, err := t.ExecContext(ctx, `UPDATE sync_runs SET status = 'failed', error_class = ?, error = ?, finished_at = ?
			WHERE id = ?`, errClassInterrupted, msg, stamp(now), id); err != nil {
			return nil, fmt.Errorf("marking run %d interrupted: %w", id, err)
		}
	}
	return ids, nil
}

// Recovery is what Open cleared that a previous process left behind.
type Recovery struct {
	// ClearedLocks are the tenants whose sync lock was still in the file.
	ClearedLocks []string
	// InterruptedRunIDs are the runs still "running", now interrupted.
	InterruptedRunIDs []int64
}

// Recovered reports what Open cleared (empty after a clean shutdown).
func (s *Store) Recovered() Recovery { return s.recovered }

// recoverAfterCrash runs at Open, with the data folder's exclusive lock
// held: no other TenantLens can be syncing on this folder, so every sync
// lock in the file belongs to a process that is gone (killed, crashed,
// power lost) and every "running" run stopped. Both are cleared at once, in
// one transaction, instead of waiting for the locks to go stale.
func (s *Store) recoverAfterCrash(ctx context.Context) error {
	// After a clean shutdown there is nothing to clear: no write at all (a
	// read-only data folder still opens).
	var tables int
	if err := s.rdb.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master
			WHERE type = 'table' AND name IN ('sync_locks', 'sync_runs')`).Scan(&tables); err != nil {
		return fmt.Errorf("reading the schema: %w", err)
	}
	if tables < 2 { // a schema without sync (tests of migrations)
		return nil
	}
	var dirty bool
	if err := s.rdb.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM sync_locks)
			OR EXISTS(SELECT 1 FROM sync_runs WHERE status = 'running')`).Scan(&dirty); err != nil {
		return fmt.Errorf("reading sync locks: %w", err)
	}
	if !dirty {
		return nil
	}
	var rec Recovery
	err := s.tx(ctx, func(t *sql.Tx) error {
		rows, err := t.QueryContext(ctx, `SELECT tenant_id FROM sync_locks ORDER BY tenant_id`)
		if err != nil {
			return fmt.Errorf("reading sync locks: %w", err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			rec.ClearedLocks = append(rec.ClearedLocks, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if _, err := t.ExecContext(ctx, `DELETE FROM sync_locks`); err != nil {
			return fmt.Errorf("clearing sync locks: %w", err)
		}
		rec.InterruptedRunIDs, err = interruptWhere(ctx, t, `status = 'running'`, nil, s.now(), interruptedMsg(""))
		return err
	})
	if err != nil {
		return fmt.Errorf("clearing the sync locks of a previous TenantLens (close other TenantLens windows and retry; if it persists, run tenantlens doctor): %w", err)
	}
	s.recovered = rec
	return nil
}

// HeartbeatSyncLock refreshes owner's lock; ErrLocked when the lock is no
// longer owner's (it went stale and another job took it over) or is gone.
func (s *Store) HeartbeatSyncLock(ctx context.Context, tenantID, owner string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE sync_locks SET heartbeat_at = ? WHERE tenant_id = ? AND owner = ?`,
		stamp(s.now()), tenantID, owner)
	if err != nil {
		return fmt.Errorf("sync lock heartbeat: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("tenant %s: lock lost by %s: %w", tenantID, owner, ErrLocked)
	}
	return nil
}

// ReleaseSyncLock drops owner's lock; releasing a lock one does not hold
// is a no-op.
func (s *Store) ReleaseSyncLock(ctx context.Context, tenantID, owner string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM sync_locks WHERE tenant_id = ? AND owner = ?`, tenantID, owner); err != nil {
		return fmt.Errorf("releasing sync lock: %w", err)
	}
	return nil
}
