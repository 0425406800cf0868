package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"tenantlens/backend/types"
)

func joinList(v []string, sep string) string { return strings.Join(v, sep) }

func splitList(s, sep string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, sep)
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// UpsertTenant inserts or updates a tenant's descriptive fields. The
// current run, creation time and sync history are kept.
func (s *Store) UpsertTenant(ctx context.Context, t types.Tenant) error {
	if t.ID == "" {
		return errors.New("UpsertTenant: empty tenant ID")
	}
	access := t.Access
	if access == "" {
		access = types.AccessReady
	}
	created := t.CreatedAt
	if created.IsZero() {
		created = s.now()
	}
	if access == types.AccessReconnect {
		access = types.AccessReady // stored apart, see SetTenantAccess
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO tenants(id, display_name, default_domain, domains, connection_id,
			access, access_detail, gdap_roles, role_warnings, demo, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET display_name = excluded.display_name,
			default_domain = excluded.default_domain, domains = excluded.domains,
			connection_id = excluded.connection_id, access = excluded.access,
			access_detail = excluded.access_detail, gdap_roles = excluded.gdap_roles,
			role_warnings = excluded.role_warnings, demo = excluded.demo`,
			t.ID, t.DisplayName, t.DefaultDomain, joinList(t.Domains, "; "), nullStr(t.ConnectionID),
			string(access), t.AccessDetail, joinList(t.GDAPRoles, "; "), joinList(t.RoleWarnings, "\n"),
			t.Demo, stamp(created))
		if err != nil {
			return err
		}
		// a fresh connect is a fresh sign-in: no reconnect needed any more
		_, err = tx.ExecContext(ctx, `DELETE FROM tenant_reconnect WHERE tenant_id = ?`, t.ID)
		return err
	})
	if err != nil {
		if strings.Contains(err.Error(), "FOREIGN KEY") {
			return fmt.Errorf("tenant %s: connection %s: %w", t.ID, t.ConnectionID, ErrNotFound)
		}
		return fmt.Errorf("saving tenant %s: %w", t.ID, err)
	}
	return nil
}

// SetTenantAccess records how reachable a tenant is (ready, needs consent,
// no access, reconnect needed) with a human-readable detail. Reconnect
// needed is kept in tenant_reconnect (see migration 0006) and leaves the
// stored access as it was, to come back once the tenant is connected again.
func (s *Store) SetTenantAccess(ctx context.Context, tenantID string, access types.Access, detail string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := tenantExists(ctx, tx, tenantID); err != nil {
			return err
		}
		if access == types.AccessReconnect {
			_, err := tx.ExecContext(ctx, `INSERT INTO tenant_reconnect(tenant_id, detail, since) VALUES (?, ?, ?)
				ON CONFLICT(tenant_id) DO UPDATE SET detail = excluded.detail`, tenantID, detail, stamp(s.now()))
			if err != nil {
				return fmt.Errorf("saving tenant access: %w", err)
			}
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE tenants SET access = ?, access_detail = ? WHERE id = ?`,
			string(access), detail, tenantID); err != nil {
			return fmt.Errorf("saving tenant access: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM tenant_reconnect WHERE tenant_id = ?`, tenantID); err != nil {
			return fmt.Errorf("saving tenant access: %w", err)
		}
		return nil
	})
}

// tenantSelect joins each tenant with its latest run (by id) for the last
// sync columns.
const tenantSelect = `SELECT t.id, t.display_name, t.default_domain, t.domains, t.connection_id,
	CASE WHEN rc.tenant_id IS NULL THEN t.access ELSE 'reconnect_needed' END,
	CASE WHEN rc.tenant_id IS NULL THEN t.access_detail ELSE rc.detail END,
	t.gdap_roles, t.role_warnings, t.demo, t.created_at, t.current_run_id,
	r.started_at, r.finished_at, r.status, r.error_class, r.error
	FROM tenants t
	LEFT JOIN tenant_reconnect rc ON rc.tenant_id = t.id
	LEFT JOIN sync_runs r ON r.id = (SELECT MAX(id) FROM sync_runs WHERE tenant_id = t.id)`

func scanTenant(r rowScanner) (types.Tenant, error) {
	var t types.Tenant
	var domains, access, roles, warnings, created string
	var conn, started, finished, status, errClass, errMsg sql.NullString
	var current sql.NullInt64
	err := r.Scan(&t.ID, &t.DisplayName, &t.DefaultDomain, &domains, &conn, &access, &t.AccessDetail,
		&roles, &warnings, &t.Demo, &created, &current, &started, &finished, &status, &errClass, &errMsg)
	if err != nil {
		return t, err
	}
	t.Domains = splitList(domains, "; ")
	t.ConnectionID = conn.String
	t.Access = types.Access(access)
	t.GDAPRoles = splitList(roles, "; ")
	t.RoleWarnings = splitList(warnings, "\n")
	t.CreatedAt = parseTime(created)
	t.CurrentRunID = current.Int64
	if status.Valid {
		st := types.RunStatus(status.String)
		if st == types.RunFailed && errClass.String == errClassInterrupted {
			st = types.RunInterrupted
		}
		t.LastSyncStatus = string(st)
		t.LastSyncAt = parseTimePtr(finished)
		if t.LastSyncAt == nil {
			t.LastSyncAt = parseTimePtr(started)
		}
		if st != types.RunSucceeded && st != types.RunRunning {
			t.LastError = errMsg.String
		}
	}
	return t, nil
}

// Tenant returns one tenant with its last sync info (ErrNotFound when absent).
func (s *Store) Tenant(ctx context.Context, id string) (types.Tenant, error) {
	t, err := scanTenant(s.rdb.QueryRowContext(ctx, tenantSelect+` WHERE t.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("tenant %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return t, fmt.Errorf("reading tenant %s: %w", id, err)
	}
	return t, nil
}

// Tenants lists every tenant by display name, with last sync info: the
// latest run's time (finished, or started while running), status and error.
func (s *Store) Tenants(ctx context.Context) ([]types.Tenant, error) {
	return queryAll(ctx, s.rdb, "listing tenants", scanTenant, tenantSelect+` ORDER BY t.display_name COLLATE NOCASE, t.id`)
}

// DeleteTenant removes a tenant and everything synced for it: runs,
// snapshots, logs, metrics and its sync lock.
func (s *Store) DeleteTenant(ctx context.Context, id string) error {
	return s.tx(ctx, func(t *sql.Tx) error {
		n, err := deleteTenants(ctx, t, `id = ?`, id)
		if err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("tenant %s: %w", id, ErrNotFound)
		}
		return nil
	})
}

// deleteTenants deletes the matching tenants in one statement; their runs,
// snapshot rows, logs, metrics, locks and reports (with the report
// versions' run references) go by ON DELETE CASCADE, so foreign keys are
// checked once the whole cascade is done.
func deleteTenants(ctx context.Context, t *sql.Tx, where string, arg string) (int64, error) {
	res, err := t.ExecContext(ctx, `DELETE FROM tenants WHERE `+where, arg)
	if err != nil {
		return 0, fmt.Errorf("deleting tenant: %w", err)
	}
	return res.RowsAffected()
}
