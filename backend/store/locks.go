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

// interruptRunning marks the tenant's running runs interrupted.
func interruptRunning(ctx context.Context, t *sql.Tx, tenantID string, now time.Time, prevOwner string) ([]int64, error) {
	rows, err := t.QueryContext(ctx, `SELECT id FROM sync_runs WHERE tenant_id = ? AND status = 'running' ORDER BY id`, tenantID)
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
	msg := "the sync stopped before it finished (the app was closed or crashed); the previous snapshot stays current"
	if prevOwner != "" {
		msg += " [lock holder " + prevOwner + "]"
	}
	for _, id := range ids {
		if _, err := t.ExecContext(ctx, `UPDATE sync_runs SET status = 'failed', error_class = ?, error = ?, finished_at = ?
			WHERE id = ?`, errClassInterrupted, msg, stamp(now), id); err != nil {
			return nil, fmt.Errorf("marking run %d interrupted: %w", id, err)
		}
	}
	return ids, nil
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
