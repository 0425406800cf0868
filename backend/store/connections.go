package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"tenantlens/backend/types"
)

// UpsertConnection inserts or updates a connection. Only the keychain key
// of its refresh token is stored, never the token.
func (s *Store) UpsertConnection(ctx context.Context, c types.Connection) error {
	if c.ID == "" {
		return errors.New("UpsertConnection: empty connection ID")
	}
	if c.Kind != types.ConnectionDirect && c.Kind != types.ConnectionPartner {
		return fmt.Errorf("UpsertConnection: kind %q is neither direct nor partner", c.Kind)
	}
	cloud := c.Cloud
	if cloud == "" {
		cloud = "public"
	}
	created := c.CreatedAt
	if created.IsZero() {
		created = s.now()
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO connections(id, kind, home_tenant_id, display_name, username,
			cloud, client_id, secret_key, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, home_tenant_id = excluded.home_tenant_id,
			display_name = excluded.display_name, username = excluded.username, cloud = excluded.cloud,
			client_id = excluded.client_id, secret_key = excluded.secret_key`,
		c.ID, string(c.Kind), c.HomeTenantID, c.DisplayName, c.Username, cloud, c.ClientID, c.SecretKey, stamp(created))
	if err != nil {
		return fmt.Errorf("saving connection %s: %w", c.ID, err)
	}
	return nil
}

const connectionColumns = `id, kind, home_tenant_id, display_name, username, cloud, client_id, secret_key, created_at`

func scanConnection(r rowScanner) (types.Connection, error) {
	var c types.Connection
	var kind, created string
	err := r.Scan(&c.ID, &kind, &c.HomeTenantID, &c.DisplayName, &c.Username, &c.Cloud, &c.ClientID, &c.SecretKey, &created)
	c.Kind = types.ConnectionKind(kind)
	c.CreatedAt = parseTime(created)
	return c, err
}

// Connection returns one connection (ErrNotFound when absent).
func (s *Store) Connection(ctx context.Context, id string) (types.Connection, error) {
	c, err := scanConnection(s.rdb.QueryRowContext(ctx, `SELECT `+connectionColumns+` FROM connections WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("connection %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("reading connection %s: %w", id, err)
	}
	return c, nil
}

// Connections lists every connection, oldest first.
func (s *Store) Connections(ctx context.Context) ([]types.Connection, error) {
	return queryAll(ctx, s.rdb, "listing connections", scanConnection,
		`SELECT `+connectionColumns+` FROM connections ORDER BY created_at, id`)
}

// DeleteConnection disconnects: it removes the connection and every tenant
// reached through it, with their runs, snapshots, logs, metrics and locks,
// in one transaction. The caller removes the keychain entry.
func (s *Store) DeleteConnection(ctx context.Context, id string) error {
	return s.tx(ctx, func(t *sql.Tx) error {
		if _, err := deleteTenants(ctx, t, `connection_id = ?`, id); err != nil {
			return err
		}
		res, err := t.ExecContext(ctx, `DELETE FROM connections WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("deleting connection %s: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("connection %s: %w", id, ErrNotFound)
		}
		return nil
	})
}
