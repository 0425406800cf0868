package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"tenantlens/backend/types"
)

// ErrClientExists is returned when a client name is already taken.
var ErrClientExists = errors.New("a client with this name already exists")

const clientCols = `id, name, source, psa_id, identifier, website, status, created_at, updated_at`

func scanClient(r rowScanner) (types.Client, error) {
	var c types.Client
	var source, created, updated string
	if err := r.Scan(&c.ID, &c.Name, &source, &c.PSAID, &c.Identifier, &c.Website, &c.Status, &created, &updated); err != nil {
		return c, err
	}
	c.Source, c.CreatedAt, c.UpdatedAt = types.ClientSource(source), parseTime(created), parseTime(updated)
	return c, nil
}

func checkClientName(name string) (string, error) {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return "", errors.New("a client needs a name: type the company's name")
	}
	if len(name) > 200 {
		return "", errors.New("a client name has at most 200 characters: shorten it")
	}
	return name, nil
}

func isUniqueErr(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// CreateClient stores a client made by hand (or by an import).
func (s *Store) CreateClient(ctx context.Context, c types.Client) (types.Client, error) {
	name, err := checkClientName(c.Name)
	if err != nil {
		return c, err
	}
	c.Name = name
	if c.Source == "" {
		c.Source = types.SourceManual
	}
	c.CreatedAt = s.now()
	c.UpdatedAt = c.CreatedAt
	err = s.tx(ctx, func(t *sql.Tx) error {
		id, err := insertClient(ctx, t, c)
		c.ID = id
		return err
	})
	if isUniqueErr(err) {
		return c, fmt.Errorf("%w: %q — pick another name or merge into it", ErrClientExists, c.Name)
	}
	return c, err
}

func insertClient(ctx context.Context, t *sql.Tx, c types.Client) (int64, error) {
	res, err := t.ExecContext(ctx, `INSERT INTO clients(name, source, psa_id, identifier, website, status, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.Name, string(c.Source), c.PSAID, c.Identifier, c.Website, c.Status,
		stamp(c.CreatedAt), stamp(c.UpdatedAt))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// RenameClient renames a client.
func (s *Store) RenameClient(ctx context.Context, id int64, name string) error {
	name, err := checkClientName(name)
	if err != nil {
		return err
	}
	res, err := s.db.ExecContext(ctx, `UPDATE clients SET name = ?, updated_at = ? WHERE id = ?`, name, stamp(s.now()), id)
	if isUniqueErr(err) {
		return fmt.Errorf("%w: %q — pick another name or merge the two clients", ErrClientExists, name)
	}
	if err != nil {
		return s.storageError(fmt.Errorf("renaming client: %w", err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("client %d: %w", id, ErrNotFound)
	}
	return nil
}

// MergeClients moves every tenant, contact and report of client from into
// client into, then deletes from.
func (s *Store) MergeClients(ctx context.Context, into, from int64) error {
	if into == from {
		return errors.New("pick two different clients to merge")
	}
	return s.tx(ctx, func(t *sql.Tx) error {
		for _, id := range []int64{into, from} {
			var n int
			if err := t.QueryRowContext(ctx, `SELECT count(*) FROM clients WHERE id = ?`, id).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return fmt.Errorf("client %d: %w", id, ErrNotFound)
			}
		}
		for _, q := range []string{
			`UPDATE client_tenants SET client_id = ? WHERE client_id = ?`,
			`UPDATE contacts SET client_id = ? WHERE client_id = ?`,
			`UPDATE reports SET client_id = ? WHERE client_id = ?`,
		} {
			if _, err := t.ExecContext(ctx, q, into, from); err != nil {
				return err
			}
		}
		if _, err := t.ExecContext(ctx, `UPDATE clients SET updated_at = ? WHERE id = ?`, stamp(s.now()), into); err != nil {
			return err
		}
		_, err := t.ExecContext(ctx, `DELETE FROM clients WHERE id = ?`, from)
		return err
	})
}

// DeleteClient removes a client; its tenants become unmapped, its contacts
// stay (unattached) and its reports go.
func (s *Store) DeleteClient(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM clients WHERE id = ?`, id)
	if err != nil {
		return s.storageError(fmt.Errorf("deleting client: %w", err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("client %d: %w", id, ErrNotFound)
	}
	return nil
}

// Clients lists every client by name, with its tenants and active contacts.
func (s *Store) Clients(ctx context.Context) ([]types.Client, error) {
	cs, err := queryAll(ctx, s.rdb, "listing clients", scanClient,
		`SELECT `+clientCols+` FROM clients ORDER BY name COLLATE NOCASE, id`)
	if err != nil {
		return nil, err
	}
	idx := make(map[int64]int, len(cs))
	for i := range cs {
		idx[cs[i].ID] = i
		cs[i].TenantIDs = []string{}
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT client_id, tenant_id FROM client_tenants ORDER BY tenant_id`)
	if err != nil {
		return nil, fmt.Errorf("listing client tenants: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var cid int64
		var tid string
		if err := rows.Scan(&cid, &tid); err != nil {
			return nil, err
		}
		if i, ok := idx[cid]; ok {
			cs[i].TenantIDs = append(cs[i].TenantIDs, tid)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	crows, err := s.rdb.QueryContext(ctx, `SELECT client_id, count(*) FROM contacts
		WHERE client_id IS NOT NULL AND active = 1 AND gone = 0 GROUP BY client_id`)
	if err != nil {
		return nil, fmt.Errorf("counting contacts: %w", err)
	}
	defer crows.Close()
	for crows.Next() {
		var cid int64
		var n int
		if err := crows.Scan(&cid, &n); err != nil {
			return nil, err
		}
		if i, ok := idx[cid]; ok {
			cs[i].Contacts = n
		}
	}
	return cs, crows.Err()
}

// Client returns one client with its tenants and contact count.
func (s *Store) Client(ctx context.Context, id int64) (types.Client, error) {
	cs, err := s.Clients(ctx)
	if err != nil {
		return types.Client{}, err
	}
	for _, c := range cs {
		if c.ID == id {
			return c, nil
		}
	}
	return types.Client{}, fmt.Errorf("client %d: %w", id, ErrNotFound)
}

// ClientByName finds a client by name, case-insensitively.
func (s *Store) ClientByName(ctx context.Context, name string) (types.Client, error) {
	var id int64
	err := s.rdb.QueryRowContext(ctx, `SELECT id FROM clients WHERE name = ? COLLATE NOCASE`,
		strings.Join(strings.Fields(name), " ")).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return types.Client{}, fmt.Errorf("no client named %q (`tenantlens clients` lists them): %w", name, ErrNotFound)
	}
	if err != nil {
		return types.Client{}, err
	}
	return s.Client(ctx, id)
}

// ---- tenant mapping ----

// MapTenant puts a tenant under a client (replacing any earlier client).
func (s *Store) MapTenant(ctx context.Context, m types.TenantMapping) error {
	if m.MappedBy == "" {
		m.MappedBy = types.MappedByUser
	}
	err := s.tx(ctx, func(t *sql.Tx) error {
		var n int
		if err := t.QueryRowContext(ctx, `SELECT count(*) FROM tenants WHERE id = ?`, m.TenantID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("tenant %s: %w", m.TenantID, ErrNotFound)
		}
		if err := t.QueryRowContext(ctx, `SELECT count(*) FROM clients WHERE id = ?`, m.ClientID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("client %d: %w", m.ClientID, ErrNotFound)
		}
		_, err := t.ExecContext(ctx, `INSERT INTO client_tenants(tenant_id, client_id, mapped_by, confidence, mapped_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT(tenant_id) DO UPDATE SET client_id = excluded.client_id,
			mapped_by = excluded.mapped_by, confidence = excluded.confidence, mapped_at = excluded.mapped_at`,
			m.TenantID, m.ClientID, string(m.MappedBy), m.Confidence, stamp(s.now()))
		return err
	})
	return err
}

// UnmapTenant removes a tenant's client (no error when it had none).
func (s *Store) UnmapTenant(ctx context.Context, tenantID string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM client_tenants WHERE tenant_id = ?`, tenantID)
	if err != nil {
		return s.storageError(fmt.Errorf("unmapping tenant: %w", err))
	}
	return nil
}

// Mappings lists every tenant's client.
func (s *Store) Mappings(ctx context.Context) ([]types.TenantMapping, error) {
	return queryAll(ctx, s.rdb, "listing tenant mappings", func(r rowScanner) (types.TenantMapping, error) {
		var m types.TenantMapping
		var by, at string
		err := r.Scan(&m.TenantID, &m.ClientID, &by, &m.Confidence, &at)
		m.MappedBy, m.MappedAt = types.MappedBy(by), parseTime(at)
		return m, err
	}, `SELECT tenant_id, client_id, mapped_by, confidence, mapped_at FROM client_tenants ORDER BY tenant_id`)
}

// ---- contacts ----

const psaContactCols = `id, COALESCE(client_id, 0), source, psa_id, company, first_name, last_name, display_name,
	title, phone, active, gone, emails, updated_at`

func scanContact(r rowScanner) (types.PSAContact, error) {
	var c types.PSAContact
	var source, emails, updated string
	err := r.Scan(&c.ID, &c.ClientID, &source, &c.PSAID, &c.Company, &c.FirstName, &c.LastName, &c.DisplayName,
		&c.Title, &c.Phone, &c.Active, &c.Gone, &emails, &updated)
	c.Source, c.UpdatedAt = types.ClientSource(source), parseTime(updated)
	c.Emails = splitList(emails, "\n")
	if c.Emails == nil {
		c.Emails = []string{}
	}
	return c, err
}

// Contacts lists a client's contacts (gone ones included), by name.
func (s *Store) Contacts(ctx context.Context, clientID int64) ([]types.PSAContact, error) {
	cs, err := queryAll(ctx, s.rdb, "listing contacts", scanContact,
		`SELECT `+psaContactCols+` FROM contacts WHERE client_id = ? ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id`, clientID)
	return cs, err
}

// AllContacts lists every contact, attached or not.
func (s *Store) AllContacts(ctx context.Context) ([]types.PSAContact, error) {
	return queryAll(ctx, s.rdb, "listing contacts", scanContact, `SELECT `+psaContactCols+` FROM contacts ORDER BY id`)
}

// ContactImports lists the imports, newest first.
func (s *Store) ContactImports(ctx context.Context) ([]types.ContactImport, error) {
	return queryAll(ctx, s.rdb, "listing imports", func(r rowScanner) (types.ContactImport, error) {
		var ci types.ContactImport
		var src, at string
		err := r.Scan(&ci.ID, &src, &ci.FileName, &ci.Preset, &ci.Encoding, &ci.Rows, &ci.Added, &ci.Updated,
			&ci.Unchanged, &ci.Deactivated, &ci.ClientsAdded, &at)
		ci.Source, ci.ImportedAt = types.ClientSource(src), parseTime(at)
		return ci, err
	}, `SELECT id, source, file_name, preset, encoding, rows, added, updated, unchanged, deactivated, clients_added,
		imported_at FROM contact_imports ORDER BY id DESC`)
}

// sortedKeys returns the lower-case emails of a contact, each once.
func emailKeys(emails []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, e := range emails {
		k := strings.ToLower(strings.TrimSpace(e))
		if k != "" && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}
