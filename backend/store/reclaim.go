package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// LicenceChanges is a tenant's "Allow licence changes" setting and the
// state of its write consent. ConsentKey names the keychain entry of the
// write sign-in ("" = never consented); the token itself is only there.
type LicenceChanges struct {
	TenantID    string     `json:"tenantId"`
	Allowed     bool       `json:"allowed"`
	ConsentKey  string     `json:"-"`
	ConsentedBy string     `json:"consentedBy"`
	ConsentedAt *time.Time `json:"consentedAt"`
	UpdatedAt   time.Time  `json:"updatedAt"`
}

// Consented reports whether licence changes are allowed and consented.
func (l LicenceChanges) Consented() bool { return l.Allowed && l.ConsentKey != "" }

// LicenceChangesOf returns a tenant's setting (off when never set).
func (s *Store) LicenceChangesOf(ctx context.Context, tenantID string) (LicenceChanges, error) {
	out := LicenceChanges{TenantID: tenantID}
	var allowed int
	var at sql.NullString
	var upd string
	err := s.rdb.QueryRowContext(ctx, `SELECT allowed, consent_key, consented_by, consented_at, updated_at
		FROM licence_changes WHERE tenant_id = ?`, tenantID).Scan(&allowed, &out.ConsentKey, &out.ConsentedBy, &at, &upd)
	if errors.Is(err, sql.ErrNoRows) {
		return out, nil
	}
	if err != nil {
		return out, fmt.Errorf("reading licence changes of %s: %w", tenantID, err)
	}
	out.Allowed, out.ConsentedAt, out.UpdatedAt = allowed == 1, parseTimePtr(at), parseTime(upd)
	return out, nil
}

// SetLicenceChanges stores the setting. Allowing with a consent key records
// the consent (by, at); denying clears the consent key (the caller removes
// the keychain entry).
func (s *Store) SetLicenceChanges(ctx context.Context, tenantID string, allowed bool, consentKey, consentedBy string) error {
	now := fmtTime(s.now())
	var at any
	if consentKey != "" {
		at = now
	}
	if !allowed {
		consentKey, consentedBy, at = "", "", nil
	}
	a := 0
	if allowed {
		a = 1
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO licence_changes(tenant_id, allowed, consent_key, consented_by, consented_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT(tenant_id) DO UPDATE SET allowed = excluded.allowed, consent_key = excluded.consent_key,
			consented_by = excluded.consented_by, consented_at = excluded.consented_at, updated_at = excluded.updated_at`,
		tenantID, a, consentKey, consentedBy, at, now)
	if err != nil {
		return fmt.Errorf("saving licence changes of %s: %w", tenantID, err)
	}
	return nil
}

// Audit results.
const (
	AuditQueued  = "queued"   // planned, not sent
	AuditPending = "pending"  // sent; outcome unknown until answered or reconciled
	AuditDone    = "done"     // Graph confirmed the change
	AuditFailed  = "failed"   // Graph refused it (reason, error, remedy)
	AuditNotDone = "not_done" // interrupted: reconciled as not applied
)

// Audit actions.
const (
	AuditRemove = "remove"
	AuditAdd    = "add"
)

// AuditEntry is one row of the licence audit log.
type AuditEntry struct {
	ID            int64      `json:"id"`
	Batch         string     `json:"batch"`
	TenantID      string     `json:"tenantId"`
	TenantName    string     `json:"tenantName"`
	Actor         string     `json:"actor"`
	UserID        string     `json:"userId"`
	UserPrincipal string     `json:"userPrincipalName"`
	SkuID         string     `json:"skuId"`
	SkuName       string     `json:"skuName"`
	Action        string     `json:"action"`
	Result        string     `json:"result"`
	Reason        string     `json:"reason"`
	Error         string     `json:"error"`
	Remedy        string     `json:"remedy"`
	MonthlySaving float64    `json:"monthlySaving"`
	Currency      string     `json:"currency"`
	UndoOf        int64      `json:"undoOf"`
	UndoneBy      int64      `json:"undoneBy"`
	CreatedAt     time.Time  `json:"createdAt"`
	SentAt        *time.Time `json:"sentAt"`
	FinishedAt    *time.Time `json:"finishedAt"`
}

// QueueAudit writes entries as queued in one transaction and returns them
// with their IDs.
func (s *Store) QueueAudit(ctx context.Context, entries []AuditEntry) ([]AuditEntry, error) {
	out := append([]AuditEntry(nil), entries...)
	now := s.now().UTC()
	err := s.tx(ctx, func(t *sql.Tx) error {
		for i := range out {
			e := &out[i]
			var undoOf any
			if e.UndoOf != 0 {
				undoOf = e.UndoOf
			}
			res, err := t.ExecContext(ctx, `INSERT INTO licence_audit(batch, tenant_id, tenant_name, actor, user_id, user_upn,
				sku_id, sku_name, action, result, monthly_saving, currency, undo_of, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				e.Batch, e.TenantID, e.TenantName, e.Actor, e.UserID, e.UserPrincipal, strings.ToLower(e.SkuID), e.SkuName,
				e.Action, AuditQueued, e.MonthlySaving, e.Currency, undoOf, fmtTime(now))
			if err != nil {
				return fmt.Errorf("writing the audit log: %w", err)
			}
			if e.ID, err = res.LastInsertId(); err != nil {
				return err
			}
			e.Result, e.CreatedAt = AuditQueued, now
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// MarkAuditSent marks an entry pending: its call is about to go out. It
// must be durable before the call is sent.
func (s *Store) MarkAuditSent(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, `UPDATE licence_audit SET result = ?, sent_at = ? WHERE id = ? AND result = ?`,
		AuditPending, fmtTime(s.now()), id, AuditQueued)
	if err != nil {
		return fmt.Errorf("writing the audit log: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("audit entry %d is not queued", id)
	}
	return nil
}

// FinishAudit records an entry's outcome (done, failed or not_done). An
// undo that is done marks the entry it undid.
func (s *Store) FinishAudit(ctx context.Context, id int64, result, reason, errText, remedy string) error {
	return s.tx(ctx, func(t *sql.Tx) error {
		_, err := t.ExecContext(ctx, `UPDATE licence_audit SET result = ?, reason = ?, error = ?, remedy = ?, finished_at = ? WHERE id = ?`,
			result, reason, errText, remedy, fmtTime(s.now()), id)
		if err != nil {
			return fmt.Errorf("writing the audit log: %w", err)
		}
		if result == AuditDone {
			_, err = t.ExecContext(ctx, `UPDATE licence_audit SET undone_by = ?
				WHERE id = (SELECT undo_of FROM licence_audit WHERE id = ?)`, id, id)
		}
		return err
	})
}

// AuditFilter selects audit rows; zero values select everything.
type AuditFilter struct {
	TenantID string
	Batch    string
	Open     bool  // only queued and pending rows
	ID       int64 // one row
}

// AuditLog returns audit rows, oldest first.
func (s *Store) AuditLog(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	q := `SELECT id, batch, tenant_id, tenant_name, actor, user_id, user_upn, sku_id, sku_name, action, result, reason,
		error, remedy, monthly_saving, currency, COALESCE(undo_of, 0), COALESCE(undone_by, 0), created_at, sent_at, finished_at
		FROM licence_audit WHERE 1 = 1`
	var args []any
	if f.TenantID != "" {
		q += ` AND tenant_id = ?`
		args = append(args, f.TenantID)
	}
	if f.Batch != "" {
		q += ` AND batch = ?`
		args = append(args, f.Batch)
	}
	if f.ID != 0 {
		q += ` AND id = ?`
		args = append(args, f.ID)
	}
	if f.Open {
		q += ` AND result IN ('queued', 'pending')`
	}
	rows, err := s.rdb.QueryContext(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("reading the audit log: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var created string
		var sent, fin sql.NullString
		if err := rows.Scan(&e.ID, &e.Batch, &e.TenantID, &e.TenantName, &e.Actor, &e.UserID, &e.UserPrincipal, &e.SkuID,
			&e.SkuName, &e.Action, &e.Result, &e.Reason, &e.Error, &e.Remedy, &e.MonthlySaving, &e.Currency, &e.UndoOf,
			&e.UndoneBy, &created, &sent, &fin); err != nil {
			return nil, err
		}
		e.CreatedAt, e.SentAt, e.FinishedAt = parseTime(created), parseTimePtr(sent), parseTimePtr(fin)
		out = append(out, e)
	}
	return out, rows.Err()
}

// AuditEntryByID returns one audit row.
func (s *Store) AuditEntryByID(ctx context.Context, id int64) (AuditEntry, error) {
	all, err := s.AuditLog(ctx, AuditFilter{ID: id})
	if err != nil {
		return AuditEntry{}, err
	}
	if len(all) == 0 {
		return AuditEntry{}, fmt.Errorf("audit entry %d: %w", id, ErrNotFound)
	}
	return all[0], nil
}
