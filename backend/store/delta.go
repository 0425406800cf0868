package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// DeltaState is what a tenant's next sync needs to re-sync cheaply: the
// users delta link and the snapshot it continues from.
type DeltaState struct {
	TenantID       string
	UsersDeltaLink string
	// BaseRunID is the run whose snapshot the link continues; a re-sync
	// applies the delta to that snapshot only while it is still current.
	BaseRunID int64
	// SignInReadAt: when the sign-in activity in that snapshot was read
	// (nil: not read, e.g. no P1).
	SignInReadAt *time.Time
	// MethodsReadAt: when every user's authentication methods were last
	// read (nil: never in full).
	MethodsReadAt *time.Time
	UpdatedAt     time.Time
}

// DeltaState returns the tenant's re-sync state; ok is false when there is
// none.
func (s *Store) DeltaState(ctx context.Context, tenantID string) (st DeltaState, ok bool, err error) {
	var signIn, methods sql.NullString
	var updated string
	err = s.db.QueryRowContext(ctx, `SELECT users_delta_link, base_run_id, signin_read_at, methods_read_at, updated_at
		FROM sync_delta WHERE tenant_id = ?`, tenantID).Scan(&st.UsersDeltaLink, &st.BaseRunID, &signIn, &methods, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return DeltaState{}, false, nil
	}
	if err != nil {
		return DeltaState{}, false, fmt.Errorf("reading the re-sync state of %s: %w", tenantID, err)
	}
	st.TenantID = tenantID
	st.SignInReadAt, st.MethodsReadAt = parseTimePtr(signIn), parseTimePtr(methods)
	st.UpdatedAt = parseTime(updated)
	return st, true, nil
}

// SetDeltaState records the tenant's re-sync state (after its snapshot was
// committed).
func (s *Store) SetDeltaState(ctx context.Context, st DeltaState) error {
	if st.UpdatedAt.IsZero() {
		st.UpdatedAt = s.now()
	}
	err := s.tx(ctx, func(t *sql.Tx) error {
		_, err := t.ExecContext(ctx, `INSERT INTO sync_delta(tenant_id, users_delta_link, base_run_id, signin_read_at, methods_read_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT(tenant_id) DO UPDATE SET users_delta_link = excluded.users_delta_link, base_run_id = excluded.base_run_id,
				signin_read_at = excluded.signin_read_at, methods_read_at = excluded.methods_read_at, updated_at = excluded.updated_at`,
			st.TenantID, st.UsersDeltaLink, st.BaseRunID, fmtTimePtr(st.SignInReadAt), fmtTimePtr(st.MethodsReadAt), fmtTime(st.UpdatedAt))
		return err
	})
	if err != nil {
		return fmt.Errorf("saving the re-sync state of %s: %w", st.TenantID, err)
	}
	return nil
}

// ClearDeltaState forgets the tenant's re-sync state (the next sync reads
// everything).
func (s *Store) ClearDeltaState(ctx context.Context, tenantID string) error {
	err := s.tx(ctx, func(t *sql.Tx) error {
		_, err := t.ExecContext(ctx, `DELETE FROM sync_delta WHERE tenant_id = ?`, tenantID)
		return err
	})
	if err != nil {
		return fmt.Errorf("clearing the re-sync state of %s: %w", tenantID, err)
	}
	return nil
}

// UsageCache is the last downloaded usage data of a tenant, encoded by the
// caller.
type UsageCache struct {
	FetchedAt   time.Time
	RefreshDate string
	Data        []byte
}

// UsageCache returns the tenant's cached usage data; ok is false when none.
func (s *Store) UsageCache(ctx context.Context, tenantID string) (c UsageCache, ok bool, err error) {
	var fetched string
	err = s.db.QueryRowContext(ctx, `SELECT fetched_at, refresh_date, data FROM usage_cache WHERE tenant_id = ?`, tenantID).
		Scan(&fetched, &c.RefreshDate, &c.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return UsageCache{}, false, nil
	}
	if err != nil {
		return UsageCache{}, false, fmt.Errorf("reading the usage cache of %s: %w", tenantID, err)
	}
	c.FetchedAt = parseTime(fetched)
	return c, true, nil
}

// SetUsageCache replaces the tenant's cached usage data.
func (s *Store) SetUsageCache(ctx context.Context, tenantID string, c UsageCache) error {
	err := s.tx(ctx, func(t *sql.Tx) error {
		_, err := t.ExecContext(ctx, `INSERT INTO usage_cache(tenant_id, fetched_at, refresh_date, data) VALUES (?, ?, ?, ?)
			ON CONFLICT(tenant_id) DO UPDATE SET fetched_at = excluded.fetched_at, refresh_date = excluded.refresh_date, data = excluded.data`,
			tenantID, fmtTime(c.FetchedAt), c.RefreshDate, c.Data)
		return err
	})
	if err != nil {
		return fmt.Errorf("saving the usage cache of %s: %w", tenantID, err)
	}
	return nil
}

// ClearUsageCache forgets the tenant's cached usage data.
func (s *Store) ClearUsageCache(ctx context.Context, tenantID string) error {
	err := s.tx(ctx, func(t *sql.Tx) error {
		_, err := t.ExecContext(ctx, `DELETE FROM usage_cache WHERE tenant_id = ?`, tenantID)
		return err
	})
	if err != nil {
		return fmt.Errorf("clearing the usage cache of %s: %w", tenantID, err)
	}
	return nil
}
