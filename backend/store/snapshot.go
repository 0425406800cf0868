package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"tenantlens/backend/types"
)

// CommitOption tunes CommitSnapshot.
type CommitOption func(*commitConfig)

type commitConfig struct {
	metrics  *types.Metrics
	progress func(done, total int)
}

// WithMetrics stores the run's figures (derive.ComputeMetrics, computed by
// the caller: the store persists, it computes nothing) with the snapshot,
// in the same transaction. Their run and tenant are the commit's.
func WithMetrics(m types.Metrics) CommitOption {
	return func(c *commitConfig) { c.metrics = &m }
}

// WithCommitProgress reports rows written so far out of the total (users,
// licences, SKUs, contacts) while the transaction runs.
func WithCommitProgress(fn func(done, total int)) CommitOption {
	return func(c *commitConfig) { c.progress = fn }
}

var userCols = []string{"run_id", "user_id", "upn", "mail", "display_name", "given_name", "surname",
	"department", "job_title", "user_type", "account_enabled", "created_at", "on_prem_sync", "deleted",
	"deleted_at", "resource", "recipient_type", "last_signin", "last_signin_ni", "last_activity",
	"emails_sent", "emails_read", "emails_received", "mfa_status", "mfa_source", "mfa_methods",
	"mfa_default", "mfa_reason", "is_admin", "proxy_addresses"}

var licenseCols = []string{"run_id", "user_id", "sku_id", "disabled_plans"}

var skuCols = []string{"run_id", "sku_id", "part_number", "applies_to", "capability_status", "consumed",
	"enabled", "suspended", "warning", "locked_out", "service_plans"}

var contactCols = []string{"run_id", "contact_id", "display_name", "mail", "company_name", "given_name", "surname"}

func stampPtr(t *time.Time) any {
	if t == nil || t.IsZero() {
		return nil
	}
	return stamp(*t)
}

func intPtr(v *int) any {
	if v == nil {
		return nil
	}
	return int64(*v)
}

func boolPtr(v *bool) any {
	if v == nil {
		return nil
	}
	return *v
}

// CommitSnapshot stores a run's complete snapshot in ONE transaction: users,
// licence assignments, SKUs, contacts, MFA and activity columns, the run's
// flags and metrics; it marks the run succeeded and only then makes it the
// tenant's current run. On any error nothing of it is visible and the
// previous snapshot stays current; the run stays "running" for the caller
// to FailRun. A run that is no longer running (e.g. interrupted by a lock
// takeover) gives ErrRunNotRunning.
func (s *Store) CommitSnapshot(ctx context.Context, runID int64, snap *types.Snapshot, opts ...CommitOption) error {
	if snap == nil {
		return errors.New("CommitSnapshot: nil snapshot")
	}
	var cfg commitConfig
	for _, o := range opts {
		o(&cfg)
	}
	// The run check happens before the write transaction opens (and again
	// inside, authoritatively); the transaction only writes, so other
	// tenants' writes wait for it as briefly as possible.
	tenantID, err := s.runningRunTenant(ctx, s.rdb, runID, snap)
	if err != nil {
		return err
	}
	now := s.now()
	return s.tx(ctx, func(t *sql.Tx) error {
		if _, err := s.runningRunTenant(ctx, t, runID, snap); err != nil {
			return err
		}
		if err := writeSnapshotRows(ctx, t, runID, snap, cfg.progress); err != nil {
			return err
		}
		if err := writeLicensingRows(ctx, t, runID, snap); err != nil { // snap_licensing.go
			return err
		}
		if err := writeSecurity(ctx, t, runID, tenantID, snap.Security, stamp(now)); err != nil {
			return err
		}
		f := snap.Flags
		if _, err := t.ExecContext(ctx, `UPDATE sync_runs SET status = 'succeeded', finished_at = ?,
				error_class = '', error = '', tenant_name = ?, default_domain = ?, domains = ?,
				signin_available = ?, signin_note = ?, usage_available = ?, usage_concealed = ?, usage_note = ?,
				mfa_source = ?, mfa_available = ?, mfa_note = ?, report_refresh = ?
			WHERE id = ?`, stamp(now), snap.TenantName, snap.DefaultDomain, joinList(snap.Domains, "; "),
			f.SignInAvailable, f.SignInNote, f.UsageAvailable, f.UsageConcealed, f.UsageNote,
			string(f.MFASource), f.MFAAvailable, f.MFANote, f.ReportRefreshDate, runID); err != nil {
			return fmt.Errorf("finishing run %d: %w", runID, err)
		}
		if cfg.metrics != nil {
			m := *cfg.metrics
			m.RunID, m.TenantID = runID, tenantID
			if err := insertMetrics(ctx, t, m); err != nil {
				return err
			}
		}
		_, err := t.ExecContext(ctx, `UPDATE tenants SET current_run_id = ?,
				display_name = CASE WHEN ? <> '' THEN ? ELSE display_name END,
				default_domain = CASE WHEN ? <> '' THEN ? ELSE default_domain END,
				domains = CASE WHEN ? <> '' THEN ? ELSE domains END
			WHERE id = ?`, runID, snap.TenantName, snap.TenantName, snap.DefaultDomain, snap.DefaultDomain,
			joinList(snap.Domains, "; "), joinList(snap.Domains, "; "), tenantID)
		if err != nil {
			return fmt.Errorf("moving tenant %s to run %d: %w", tenantID, runID, err)
		}
		return nil
	})
}

// querier is what runningRunTenant reads through: the read pool or the
// write transaction.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// runningRunTenant returns the tenant of a run that is still running and
// matches snap's tenant; ErrNotFound or ErrRunNotRunning otherwise.
func (s *Store) runningRunTenant(ctx context.Context, q querier, runID int64, snap *types.Snapshot) (string, error) {
	var tenantID, status string
	err := q.QueryRowContext(ctx, `SELECT tenant_id, status FROM sync_runs WHERE id = ?`, runID).Scan(&tenantID, &status)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("run %d: %w", runID, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("reading run %d: %w", runID, err)
	}
	if status != string(types.RunRunning) {
		return "", fmt.Errorf("run %d (%s): %w", runID, status, ErrRunNotRunning)
	}
	if snap.TenantID != "" && snap.TenantID != tenantID {
		return "", fmt.Errorf("CommitSnapshot: snapshot of tenant %s given for run %d of tenant %s", snap.TenantID, runID, tenantID)
	}
	return tenantID, nil
}

func writeSnapshotRows(ctx context.Context, t *sql.Tx, runID int64, snap *types.Snapshot, progress func(done, total int)) error {
	total := len(snap.Users) + len(snap.SKUs) + len(snap.Contacts)
	for i := range snap.Users {
		total += len(snap.Users[i].Licenses)
	}
	done := 0
	onFlush := func(n int) {
		done += n
		if progress != nil {
			progress(done, total)
		}
	}
	// Rows go in primary-key order so the B-trees grow at their right edge
	// instead of splitting pages all over (several times faster at 100k).
	order := make([]int, len(snap.Users))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return snap.Users[order[a]].ID < snap.Users[order[b]].ID })
	users := newBatchInsert(ctx, t, "snap_users", userCols, onFlush)
	lics := newBatchInsert(ctx, t, "snap_user_licenses", licenseCols, onFlush)
	var userLics []types.AssignedLicense
	for _, i := range order {
		u := &snap.Users[i]
		if u.ID == "" {
			return fmt.Errorf("snapshot user %d (%s) has no ID", i, u.UserPrincipalName)
		}
		if err := users.add(runID, u.ID, u.UserPrincipalName, u.Mail, u.DisplayName, u.GivenName, u.Surname,
			u.Department, u.JobTitle, u.UserType, u.AccountEnabled, stampPtr(u.CreatedAt), boolPtr(u.OnPremisesSyncEnabled),
			u.Deleted, stampPtr(u.DeletedAt), u.ResourceAccount, u.RecipientType, stampPtr(u.LastSignIn),
			stampPtr(u.LastNonInteractiveSignIn), stampPtr(u.LastActivity), intPtr(u.EmailsSent), intPtr(u.EmailsRead),
			intPtr(u.EmailsReceived), string(u.MFAStatus), string(u.MFASource), joinList(u.MFAMethods, "; "),
			u.MFADefaultMethod, u.MFAReason, u.IsAdmin, joinList(u.ProxyAddresses, "\n")); err != nil {
			return err
		}
		userLics = append(userLics[:0], u.Licenses...)
		sort.Slice(userLics, func(a, b int) bool { return userLics[a].SkuID < userLics[b].SkuID })
		for _, l := range userLics {
			if err := lics.add(runID, u.ID, l.SkuID, joinList(l.DisabledPlans, ";")); err != nil {
				return err
			}
		}
	}
	if err := users.close(); err != nil {
		return err
	}
	if err := lics.close(); err != nil {
		return err
	}
	skus := newBatchInsert(ctx, t, "snap_skus", skuCols, onFlush)
	for _, k := range snap.SKUs {
		if err := skus.add(runID, k.SkuID, k.PartNumber, k.AppliesTo, k.CapabilityStatus, k.Consumed, k.Enabled,
			k.Suspended, k.Warning, k.LockedOut, joinList(k.ServicePlans, "; ")); err != nil {
			return err
		}
	}
	if err := skus.close(); err != nil {
		return err
	}
	contacts := newBatchInsert(ctx, t, "snap_contacts", contactCols, onFlush)
	for _, c := range snap.Contacts {
		if err := contacts.add(runID, c.ID, c.DisplayName, c.Mail, c.CompanyName, c.GivenName, c.Surname); err != nil {
			return err
		}
	}
	return contacts.close()
}

// CurrentSnapshot returns the tenant's current snapshot (ErrNoSnapshot when
// it never synced successfully, ErrNotFound when the tenant is unknown).
func (s *Store) CurrentSnapshot(ctx context.Context, tenantID string) (*types.Snapshot, error) {
	var cur sql.NullInt64
	err := s.rdb.QueryRowContext(ctx, `SELECT current_run_id FROM tenants WHERE id = ?`, tenantID).Scan(&cur)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("tenant %s: %w", tenantID, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("reading tenant %s: %w", tenantID, err)
	}
	if !cur.Valid {
		return nil, fmt.Errorf("tenant %s: %w", tenantID, ErrNoSnapshot)
	}
	return s.Snapshot(ctx, cur.Int64)
}

// Snapshot returns the complete snapshot of a successful run: users ordered
// by ID with licences by SKU ID, SKUs by part number, contacts by name. A run that did not succeed, or whose snapshot retention
// pruned, gives ErrNoSnapshot; an unknown run ErrNotFound.
func (s *Store) Snapshot(ctx context.Context, runID int64) (*types.Snapshot, error) {
	// One read transaction so the rows are consistent with each other.
	rtx, err := s.rdb.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("reading snapshot %d: %w", runID, err)
	}
	defer rtx.Rollback()
	snap := &types.Snapshot{}
	var domains, mfaSource, status, started, errClass string
	var finished, pruned sql.NullString
	err = rtx.QueryRowContext(ctx, `SELECT tenant_id, started_at, finished_at, status, error_class, pruned_at,
			tenant_name, default_domain, domains, signin_available, signin_note, usage_available,
			usage_concealed, usage_note, mfa_source, mfa_available, mfa_note, report_refresh
		FROM sync_runs WHERE id = ?`, runID).Scan(&snap.TenantID, &started, &finished, &status, &errClass, &pruned,
		&snap.TenantName, &snap.DefaultDomain, &domains, &snap.Flags.SignInAvailable, &snap.Flags.SignInNote,
		&snap.Flags.UsageAvailable, &snap.Flags.UsageConcealed, &snap.Flags.UsageNote, &mfaSource,
		&snap.Flags.MFAAvailable, &snap.Flags.MFANote, &snap.Flags.ReportRefreshDate)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("run %d: %w", runID, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("reading run %d: %w", runID, err)
	}
	if status != string(types.RunSucceeded) || pruned.Valid {
		return nil, fmt.Errorf("run %d (%s): %w", runID, status, ErrNoSnapshot)
	}
	snap.Run = types.SyncRun{ID: runID, TenantID: snap.TenantID, StartedAt: parseTime(started),
		FinishedAt: parseTimePtr(finished), Status: types.RunSucceeded}
	snap.Domains = splitList(domains, "; ")
	snap.Flags.MFASource = types.MFASource(mfaSource)
	if snap.Users, err = readUsers(ctx, rtx, runID); err != nil {
		return nil, err
	}
	if err := readLicenses(ctx, rtx, runID, snap.Users); err != nil {
		return nil, err
	}
	if snap.SKUs, err = readSKUs(ctx, rtx, runID); err != nil {
		return nil, err
	}
	if snap.Contacts, err = readContacts(ctx, rtx, runID); err != nil {
		return nil, err
	}
	if err := readLicensingRows(ctx, rtx, runID, snap); err != nil { // snap_licensing.go
		return nil, err
	}
	if snap.Security, err = readSecurity(ctx, rtx, runID); err != nil {
		return nil, err
	}
	return snap, nil
}

func readUsers(ctx context.Context, q *sql.Tx, runID int64) ([]types.User, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM snap_users WHERE run_id = ?`, runID).Scan(&n); err != nil {
		return nil, fmt.Errorf("counting users: %w", err)
	}
	rows, err := q.QueryContext(ctx, `SELECT `+strings.Join(userCols[1:], ", ")+` FROM snap_users WHERE run_id = ? ORDER BY user_id`, runID)
	if err != nil {
		return nil, fmt.Errorf("reading users: %w", err)
	}
	defer rows.Close()
	out := make([]types.User, 0, n)
	for rows.Next() {
		var u types.User
		var userType, mfaStatus, mfaSource, methods, proxies string
		var created, deletedAt, signin, signinNI, activity sql.NullString
		var onPrem sql.NullBool
		var sent, read, received sql.NullInt64
		if err := rows.Scan(&u.ID, &u.UserPrincipalName, &u.Mail, &u.DisplayName, &u.GivenName, &u.Surname,
			&u.Department, &u.JobTitle, &userType, &u.AccountEnabled, &created, &onPrem, &u.Deleted, &deletedAt,
			&u.ResourceAccount, &u.RecipientType, &signin, &signinNI, &activity, &sent, &read, &received,
			&mfaStatus, &mfaSource, &methods, &u.MFADefaultMethod, &u.MFAReason, &u.IsAdmin, &proxies); err != nil {
			return nil, fmt.Errorf("reading users: %w", err)
		}
		u.UserType = userType
		u.CreatedAt, u.DeletedAt = parseTimePtr(created), parseTimePtr(deletedAt)
		u.LastSignIn, u.LastNonInteractiveSignIn, u.LastActivity = parseTimePtr(signin), parseTimePtr(signinNI), parseTimePtr(activity)
		if onPrem.Valid {
			v := onPrem.Bool
			u.OnPremisesSyncEnabled = &v
		}
		u.EmailsSent, u.EmailsRead, u.EmailsReceived = nullIntPtr(sent), nullIntPtr(read), nullIntPtr(received)
		u.MFAStatus, u.MFASource = types.MFAStatus(mfaStatus), types.MFASource(mfaSource)
		u.MFAMethods = splitList(methods, "; ")
		u.ProxyAddresses = splitList(proxies, "\n")
		out = append(out, u)
	}
	return out, rows.Err()
}

func nullIntPtr(v sql.NullInt64) *int {
	if !v.Valid {
		return nil
	}
	i := int(v.Int64)
	return &i
}

// readLicenses attaches licence assignments to users (both ordered by
// user ID, so a merge walk suffices).
func readLicenses(ctx context.Context, q *sql.Tx, runID int64, users []types.User) error {
	rows, err := q.QueryContext(ctx, `SELECT user_id, sku_id, disabled_plans FROM snap_user_licenses
		WHERE run_id = ? ORDER BY user_id, sku_id`, runID)
	if err != nil {
		return fmt.Errorf("reading licences: %w", err)
	}
	defer rows.Close()
	i := 0
	for rows.Next() {
		var uid, sku, plans string
		if err := rows.Scan(&uid, &sku, &plans); err != nil {
			return fmt.Errorf("reading licences: %w", err)
		}
		for i < len(users) && users[i].ID < uid {
			i++
		}
		if i == len(users) || users[i].ID != uid {
			return fmt.Errorf("run %d: licence %s for unknown user %s", runID, sku, uid)
		}
		users[i].Licenses = append(users[i].Licenses, types.AssignedLicense{SkuID: sku, DisabledPlans: splitList(plans, ";")})
	}
	return rows.Err()
}

func readSKUs(ctx context.Context, q *sql.Tx, runID int64) ([]types.SKU, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+strings.Join(skuCols[1:], ", ")+` FROM snap_skus WHERE run_id = ? ORDER BY part_number, sku_id`, runID)
	if err != nil {
		return nil, fmt.Errorf("reading SKUs: %w", err)
	}
	defer rows.Close()
	var out []types.SKU
	for rows.Next() {
		var k types.SKU
		var plans string
		if err := rows.Scan(&k.SkuID, &k.PartNumber, &k.AppliesTo, &k.CapabilityStatus, &k.Consumed, &k.Enabled,
			&k.Suspended, &k.Warning, &k.LockedOut, &plans); err != nil {
			return nil, fmt.Errorf("reading SKUs: %w", err)
		}
		k.ServicePlans = splitList(plans, "; ")
		out = append(out, k)
	}
	return out, rows.Err()
}

func readContacts(ctx context.Context, q *sql.Tx, runID int64) ([]types.Contact, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+strings.Join(contactCols[1:], ", ")+` FROM snap_contacts WHERE run_id = ? ORDER BY display_name, contact_id`, runID)
	if err != nil {
		return nil, fmt.Errorf("reading contacts: %w", err)
	}
	defer rows.Close()
	var out []types.Contact
	for rows.Next() {
		var c types.Contact
		if err := rows.Scan(&c.ID, &c.DisplayName, &c.Mail, &c.CompanyName, &c.GivenName, &c.Surname); err != nil {
			return nil, fmt.Errorf("reading contacts: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// maxBatchVars stays under SQLite's default limit of 32766 bound variables.
const maxBatchVars = 30000

// batchInsert writes rows with multi-row INSERTs inside one transaction:
// one prepared statement for full batches, one ad-hoc for the remainder.
type batchInsert struct {
	ctx     context.Context
	tx      *sql.Tx
	table   string
	head    string // INSERT INTO t(cols) VALUES
	ncols   int
	perStmt int
	full    *sql.Stmt
	args    []any
	rows    int
	onFlush func(rows int)
}

func newBatchInsert(ctx context.Context, tx *sql.Tx, table string, cols []string, onFlush func(int)) *batchInsert {
	per := maxBatchVars / len(cols)
	if per > 500 {
		per = 500
	}
	return &batchInsert{
		ctx: ctx, tx: tx, table: table, ncols: len(cols), perStmt: per, onFlush: onFlush,
		head: "INSERT INTO " + table + "(" + strings.Join(cols, ", ") + ") VALUES ",
		args: make([]any, 0, per*len(cols)),
	}
}

func valuesSQL(head string, ncols, nrows int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?,", ncols), ",") + ")"
	var b strings.Builder
	b.Grow(len(head) + nrows*(len(one)+1))
	b.WriteString(head)
	for i := 0; i < nrows; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(one)
	}
	return b.String()
}

// add queues one row; vals must have ncols values.
func (b *batchInsert) add(vals ...any) error {
	if len(vals) != b.ncols {
		return fmt.Errorf("%s: %d values for %d columns", b.table, len(vals), b.ncols)
	}
	b.args = append(b.args, vals...)
	b.rows++
	if b.rows == b.perStmt {
		return b.flush()
	}
	return nil
}

func (b *batchInsert) flush() error {
	if b.rows == 0 {
		return nil
	}
	var err error
	if b.rows == b.perStmt {
		if b.full == nil {
			if b.full, err = b.tx.PrepareContext(b.ctx, valuesSQL(b.head, b.ncols, b.perStmt)); err != nil {
				return fmt.Errorf("preparing %s insert: %w", b.table, err)
			}
		}
		_, err = b.full.ExecContext(b.ctx, b.args...)
	} else {
		_, err = b.tx.ExecContext(b.ctx, valuesSQL(b.head, b.ncols, b.rows), b.args...)
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", b.table, err)
	}
	if b.onFlush != nil {
		b.onFlush(b.rows)
	}
	b.args, b.rows = b.args[:0], 0
	return nil
}

// close writes the remainder and releases the statement.
func (b *batchInsert) close() error {
	err := b.flush()
	if b.full != nil {
		b.full.Close()
	}
	return err
}
