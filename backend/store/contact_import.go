package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"tenantlens/backend/types"
)

// ImportCompany is a PSA company an import brings (ConnectWise companies;
// a CSV's company columns).
type ImportCompany struct {
	PSAID, Name, Identifier, Website, Status string
}

// ImportContact is one contact of an import.
type ImportContact struct {
	PSAID        string
	CompanyPSAID string
	Company      string
	FirstName    string
	LastName     string
	DisplayName  string
	Title        string
	Phone        string
	Emails       []string // default first
	Active       bool
}

// ContactBatch is a whole export of one source. Contacts of that source
// missing from it are marked gone (inactive), never deleted.
type ContactBatch struct {
	Source                     types.ClientSource
	FileName, Preset, Encoding string
	Rows                       int
	Companies                  []ImportCompany
	Contacts                   []ImportContact
	// DryRun computes the outcome and changes nothing (the preview).
	DryRun bool
}

var errDryRun = errors.New("dry run")

// ImportContacts applies a batch in one transaction: clients are found by
// PSA id, else by name, else created; contacts are updated in place keyed
// by (source, PSA id), else by email; nothing is ever duplicated. With
// DryRun the same work is done and rolled back, so the preview's counts
// are exactly what the import would do.
func (s *Store) ImportContacts(ctx context.Context, b ContactBatch) (types.ContactImport, error) {
	if b.Source != types.SourceCSV && b.Source != types.SourceConnectWise {
		return types.ContactImport{}, fmt.Errorf("ImportContacts: source %q is neither csv nor connectwise", b.Source)
	}
	out := types.ContactImport{Source: b.Source, FileName: b.FileName, Preset: b.Preset, Encoding: b.Encoding,
		Rows: b.Rows, ImportedAt: s.now()}
	err := s.tx(ctx, func(t *sql.Tx) error {
		im := &importer{ctx: ctx, t: t, b: &b, out: &out, now: stamp(out.ImportedAt), clientOf: map[string]int64{}}
		if err := im.run(); err != nil {
			return err
		}
		if b.DryRun {
			return errDryRun
		}
		res, err := t.ExecContext(ctx, `INSERT INTO contact_imports(source, file_name, preset, encoding, rows, added, updated,
			unchanged, deactivated, clients_added, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			string(b.Source), b.FileName, b.Preset, b.Encoding, b.Rows, out.Added, out.Updated, out.Unchanged,
			out.Deactivated, out.ClientsAdded, im.now)
		if err != nil {
			return err
		}
		out.ID, err = res.LastInsertId()
		return err
	})
	if errors.Is(err, errDryRun) {
		return out, nil
	}
	if err != nil {
		return types.ContactImport{}, fmt.Errorf("importing contacts (nothing was changed): %w", err)
	}
	return out, nil
}

type importer struct {
	ctx      context.Context
	t        *sql.Tx
	b        *ContactBatch
	out      *types.ContactImport
	now      string
	clientOf map[string]int64 // "id:<psa id>" or "name:<lower name>" -> client
	seen     map[int64]bool
}

func (im *importer) run() error {
	for _, co := range im.b.Companies {
		if _, err := im.client(co); err != nil {
			return err
		}
	}
	im.seen = map[int64]bool{}
	for i := range im.b.Contacts {
		if err := im.contact(&im.b.Contacts[i]); err != nil {
			return err
		}
	}
	return im.deactivate()
}

// client finds or creates the client of a company; 0 when the company has
// neither id nor name.
func (im *importer) client(co ImportCompany) (int64, error) {
	co.Name = strings.Join(strings.Fields(co.Name), " ")
	idKey, nameKey := "", ""
	if co.PSAID != "" {
		idKey = "id:" + co.PSAID
	}
	if co.Name != "" {
		nameKey = "name:" + strings.ToLower(co.Name)
	}
	for _, k := range []string{idKey, nameKey} {
		if id, ok := im.clientOf[k]; ok && k != "" {
			return id, nil
		}
	}
	if idKey == "" && nameKey == "" {
		return 0, nil
	}
	var id int64
	var psaID string
	err := sql.ErrNoRows
	if co.PSAID != "" {
		err = im.t.QueryRowContext(im.ctx, `SELECT id, psa_id FROM clients WHERE source = ? AND psa_id = ?`,
			string(im.b.Source), co.PSAID).Scan(&id, &psaID)
	}
	if errors.Is(err, sql.ErrNoRows) && co.Name != "" {
		err = im.t.QueryRowContext(im.ctx, `SELECT id, psa_id FROM clients WHERE name = ? COLLATE NOCASE`, co.Name).Scan(&id, &psaID)
		if err == nil && psaID != "" && co.PSAID != "" && psaID != co.PSAID {
			err = sql.ErrNoRows // same name, another PSA company: a new client
			co.Name = co.Name + " (" + co.PSAID + ")"
		}
	}
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if co.Name == "" {
			co.Name = "Company " + co.PSAID
		}
		id, err = insertClient(im.ctx, im.t, types.Client{Name: co.Name, Source: im.b.Source, PSAID: co.PSAID,
			Identifier: co.Identifier, Website: co.Website, Status: co.Status,
			CreatedAt: parseTime(im.now), UpdatedAt: parseTime(im.now)})
		if err != nil {
			return 0, fmt.Errorf("adding client %q: %w", co.Name, err)
		}
		im.out.ClientsAdded++
	case err != nil:
		return 0, err
	default:
		// Known client: refresh what the PSA owns; the name stays (it may
		// have been renamed by hand).
		_, err = im.t.ExecContext(im.ctx, `UPDATE clients SET
			source = CASE WHEN psa_id = '' AND ? <> '' THEN ? ELSE source END,
			psa_id = CASE WHEN psa_id = '' THEN ? ELSE psa_id END,
			identifier = CASE WHEN ? <> '' THEN ? ELSE identifier END,
			website = CASE WHEN ? <> '' THEN ? ELSE website END,
			status = CASE WHEN ? <> '' THEN ? ELSE status END
			WHERE id = ?`, co.PSAID, string(im.b.Source), co.PSAID, co.Identifier, co.Identifier,
			co.Website, co.Website, co.Status, co.Status, id)
		if err != nil {
			return 0, err
		}
	}
	for _, k := range []string{idKey, nameKey} {
		if k != "" {
			im.clientOf[k] = id
		}
	}
	return id, nil
}

func (im *importer) findContact(c *ImportContact, keys []string) (types.PSAContact, bool, error) {
	q := `SELECT ` + psaContactCols + ` FROM contacts WHERE source = ? AND psa_id = ?`
	args := []any{string(im.b.Source), c.PSAID}
	if c.PSAID == "" {
		if len(keys) == 0 {
			return types.PSAContact{}, false, nil
		}
		q = `SELECT ` + psaContactCols + ` FROM contacts WHERE source = ? AND psa_id = '' AND id IN
			(SELECT contact_id FROM contact_emails WHERE key IN (?` + strings.Repeat(", ?", len(keys)-1) + `))
			ORDER BY id LIMIT 1`
		args = []any{string(im.b.Source)}
		for _, k := range keys {
			args = append(args, k)
		}
	}
	cur, err := scanContact(im.t.QueryRowContext(im.ctx, q, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return cur, false, nil
	}
	return cur, err == nil, err
}

func (im *importer) contact(c *ImportContact) error {
	clientID, err := im.client(ImportCompany{PSAID: c.CompanyPSAID, Name: c.Company})
	if err != nil {
		return err
	}
	var emails []string
	seenEmail := map[string]bool{}
	for _, e := range c.Emails {
		e = strings.TrimSpace(e)
		if k := strings.ToLower(e); e != "" && !seenEmail[k] {
			seenEmail[k] = true
			emails = append(emails, e)
		}
	}
	keys := emailKeys(emails)
	if c.PSAID == "" && len(keys) == 0 {
		// Nothing to key a re-import on: kept as a new row each time would
		// duplicate it, so a contact with neither id nor email is skipped
		// (the preview lists it as a row without email).
		return nil
	}
	cur, found, err := im.findContact(c, keys)
	if err != nil {
		return err
	}
	next := types.PSAContact{ClientID: clientID, Source: im.b.Source, PSAID: c.PSAID, Company: c.Company,
		FirstName: c.FirstName, LastName: c.LastName, DisplayName: c.DisplayName, Title: c.Title, Phone: c.Phone,
		Emails: emails, Active: c.Active}
	if next.Emails == nil {
		next.Emails = []string{}
	}
	if found {
		if im.seen[cur.ID] {
			// A second row of the same contact: keep the first, add emails.
			for _, e := range next.Emails {
				if !slices.ContainsFunc(cur.Emails, func(x string) bool { return strings.EqualFold(x, e) }) {
					cur.Emails = append(cur.Emails, e)
				}
			}
			next = cur
		}
		im.seen[cur.ID] = true
		if sameContact(cur, next) && !cur.Gone {
			im.out.Unchanged++
			return nil
		}
		if !im.seen[-cur.ID] {
			im.seen[-cur.ID] = true
			im.out.Updated++
		}
		_, err = im.t.ExecContext(im.ctx, `UPDATE contacts SET client_id = ?, company = ?, first_name = ?, last_name = ?,
			display_name = ?, title = ?, phone = ?, active = ?, gone = 0, emails = ?, updated_at = ? WHERE id = ?`,
			nullID(next.ClientID), next.Company, next.FirstName, next.LastName, next.DisplayName, next.Title, next.Phone,
			next.Active, strings.Join(next.Emails, "\n"), im.now, cur.ID)
		if err != nil {
			return err
		}
		return im.writeKeys(cur.ID, next.Emails)
	}
	res, err := im.t.ExecContext(im.ctx, `INSERT INTO contacts(client_id, source, psa_id, company, first_name, last_name,
		display_name, title, phone, active, gone, emails, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`, nullID(clientID), string(im.b.Source), c.PSAID, c.Company,
		c.FirstName, c.LastName, c.DisplayName, c.Title, c.Phone, c.Active, strings.Join(next.Emails, "\n"), im.now, im.now)
	if err != nil {
		return err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return err
	}
	im.seen[id] = true
	im.out.Added++
	return im.writeKeys(id, next.Emails)
}

func (im *importer) writeKeys(id int64, emails []string) error {
	if _, err := im.t.ExecContext(im.ctx, `DELETE FROM contact_emails WHERE contact_id = ?`, id); err != nil {
		return err
	}
	for _, k := range emailKeys(emails) {
		if _, err := im.t.ExecContext(im.ctx, `INSERT INTO contact_emails(contact_id, key) VALUES (?, ?)`, id, k); err != nil {
			return err
		}
	}
	return nil
}

// deactivate marks the source's contacts this batch did not carry as gone.
func (im *importer) deactivate() error {
	rows, err := im.t.QueryContext(im.ctx, `SELECT id FROM contacts WHERE source = ? AND gone = 0`, string(im.b.Source))
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		if !im.seen[id] {
			ids = append(ids, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := im.t.ExecContext(im.ctx, `UPDATE contacts SET gone = 1, updated_at = ? WHERE id = ?`, im.now, id); err != nil {
			return err
		}
	}
	im.out.Deactivated = len(ids)
	return nil
}

func sameContact(a, b types.PSAContact) bool {
	return a.ClientID == b.ClientID && a.Company == b.Company && a.FirstName == b.FirstName && a.LastName == b.LastName &&
		a.DisplayName == b.DisplayName && a.Title == b.Title && a.Phone == b.Phone && a.Active == b.Active &&
		slices.Equal(a.Emails, b.Emails)
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// ---- PSA connection ----

// SavePSAConnection stores the PSA connection (its keys are in the keychain).
func (s *Store) SavePSAConnection(ctx context.Context, c types.PSAConnection) error {
	if c.ID == "" || c.SecretKey == "" {
		return errors.New("SavePSAConnection: the connection needs an id and a keychain key")
	}
	created := c.CreatedAt
	if created.IsZero() {
		created = s.now()
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO psa_connections(id, kind, site, company_id, client_id, secret_key, last_sync,
		last_error, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET kind = excluded.kind,
		site = excluded.site, company_id = excluded.company_id, client_id = excluded.client_id,
		secret_key = excluded.secret_key, last_sync = excluded.last_sync, last_error = excluded.last_error`,
		c.ID, c.Kind, c.Site, c.CompanyID, c.ClientID, c.SecretKey, fmtTimePtr(c.LastSync), c.LastError, stamp(created))
	if err != nil {
		return s.storageError(fmt.Errorf("saving the PSA connection: %w", err))
	}
	return nil
}

// PSAConnections lists the PSA connections.
func (s *Store) PSAConnections(ctx context.Context) ([]types.PSAConnection, error) {
	return queryAll(ctx, s.rdb, "listing PSA connections", func(r rowScanner) (types.PSAConnection, error) {
		var c types.PSAConnection
		var last sql.NullString
		var created string
		err := r.Scan(&c.ID, &c.Kind, &c.Site, &c.CompanyID, &c.ClientID, &c.SecretKey, &last, &c.LastError, &created)
		c.LastSync, c.CreatedAt = parseTimePtr(last), parseTime(created)
		return c, err
	}, `SELECT id, kind, site, company_id, client_id, secret_key, last_sync, last_error, created_at FROM psa_connections ORDER BY id`)
}

// DeletePSAConnection forgets a PSA connection (its contacts stay).
func (s *Store) DeletePSAConnection(ctx context.Context, id string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM psa_connections WHERE id = ?`, id)
	return err
}
