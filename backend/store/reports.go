package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"tenantlens/backend/types"
)

// Errors of the report repositories (errors.Is).
var (
	ErrTemplateNotFound = errors.New("report template not found")
	ErrReportNotFound   = errors.New("report not found")
	ErrVersionNotFound  = errors.New("report version not found")
	ErrVersionFinal     = errors.New("the report version is final and cannot be changed")
)

// queryer is what both *sql.DB and *sql.Tx offer for reads.
type repQueryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// ---- templates ----

// CreateTemplate stores a new template and returns it with its ID. A
// template marked IsDefault becomes the only default.
func (s *Store) CreateTemplate(ctx context.Context, t types.Template) (types.Template, error) {
	t.Name = strings.TrimSpace(t.Name)
	if t.Name == "" {
		return t, errors.New("a template needs a name")
	}
	if t.InactiveDays < 0 {
		t.InactiveDays = 0 // 0: the template follows the Settings threshold
	}
	now := s.now()
	t.CreatedAt, t.UpdatedAt = now, now
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if t.IsDefault {
			if _, err := tx.ExecContext(ctx, `UPDATE report_templates SET is_default = 0`); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO report_templates(name, is_default, inactive_days, merge_from, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?)`, t.Name, t.IsDefault, t.InactiveDays, mergeFromOf(t.MergeFrom), fmtTime(now), fmtTime(now))
		if err != nil {
			if strings.Contains(err.Error(), "UNIQUE") {
				return fmt.Errorf("a template named %q already exists", t.Name)
			}
			return fmt.Errorf("saving template %q: %w", t.Name, err)
		}
		if t.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return repWriteLayout(ctx, tx, "template_id", t.ID, t.Parts)
	})
	return t, err
}

// UpdateTemplate replaces a template's name, default flag, reclaim
// threshold and parts. Existing report versions keep their own layout (see
// ApplyPartToDrafts).
func (s *Store) UpdateTemplate(ctx context.Context, t types.Template) error {
	t.Name = strings.TrimSpace(t.Name)
	if t.Name == "" {
		return errors.New("a template needs a name")
	}
	if t.InactiveDays < 0 {
		t.InactiveDays = 0 // 0: the template follows the Settings threshold
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if t.IsDefault {
			if _, err := tx.ExecContext(ctx, `UPDATE report_templates SET is_default = 0 WHERE id <> ?`, t.ID); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE report_templates SET name = ?, is_default = ?, inactive_days = ?, merge_from = ?,
			updated_at = ? WHERE id = ?`, t.Name, t.IsDefault, t.InactiveDays, mergeFromOf(t.MergeFrom), fmtTime(s.now()), t.ID)
		if err != nil {
			return fmt.Errorf("saving template %q: %w", t.Name, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%w: %d", ErrTemplateNotFound, t.ID)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM report_layout_parts WHERE template_id = ?`, t.ID); err != nil {
			return err
		}
		return repWriteLayout(ctx, tx, "template_id", t.ID, t.Parts)
	})
}

// DeleteTemplate removes a template; reports made from it keep their
// versions and lose only the link.
func (s *Store) DeleteTemplate(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM report_templates WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("deleting template: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%w: %d", ErrTemplateNotFound, id)
	}
	return nil
}

const repTemplateCols = `id, name, is_default, inactive_days, merge_from, created_at, updated_at`

// mergeFromOf stores a template's merge direction ("accounts" by default).
func mergeFromOf(v string) string {
	if v == "contacts" {
		return v
	}
	return "accounts"
}

// Template returns one template with its parts.
func (s *Store) Template(ctx context.Context, id int64) (types.Template, error) {
	return s.templateWhere(ctx, `id = ?`, id)
}

// TemplateByName finds a template by name, ignoring case.
func (s *Store) TemplateByName(ctx context.Context, name string) (types.Template, error) {
	return s.templateWhere(ctx, `name = ?`, strings.TrimSpace(name))
}

// DefaultTemplate returns the template marked default.
func (s *Store) DefaultTemplate(ctx context.Context) (types.Template, error) {
	return s.templateWhere(ctx, `is_default = 1 ORDER BY id LIMIT 1`)
}

func (s *Store) templateWhere(ctx context.Context, where string, args ...any) (types.Template, error) {
	var t types.Template
	var created, updated string
	err := s.rdb.QueryRowContext(ctx, `SELECT `+repTemplateCols+` FROM report_templates WHERE `+where, args...).
		Scan(&t.ID, &t.Name, &t.IsDefault, &t.InactiveDays, &t.MergeFrom, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return t, ErrTemplateNotFound
	}
	if err != nil {
		return t, fmt.Errorf("reading template: %w", err)
	}
	t.CreatedAt, t.UpdatedAt = parseTime(created), parseTime(updated)
	t.Parts, err = repReadLayout(ctx, s.db, "template_id", t.ID)
	return t, err
}

// Templates lists every template (with parts), by name.
func (s *Store) Templates(ctx context.Context) ([]types.Template, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT id FROM report_templates ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("listing templates: %w", err)
	}
	ids, err := repScanIDs(rows)
	if err != nil {
		return nil, err
	}
	out := make([]types.Template, 0, len(ids))
	for _, id := range ids {
		t, err := s.Template(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// ---- layouts ----

func repWriteLayout(ctx context.Context, tx *sql.Tx, ownerCol string, ownerID int64, parts []types.PartSettings) error {
	for i, p := range parts {
		res, err := tx.ExecContext(ctx, `INSERT INTO report_layout_parts(`+ownerCol+`, position, kind, label, enabled)
			VALUES (?, ?, ?, ?, ?)`, ownerID, i, string(p.Kind), p.Label, p.Enabled)
		if err != nil {
			return fmt.Errorf("saving part %s: %w", p.Kind, err)
		}
		partID, err := res.LastInsertId()
		if err != nil {
			return err
		}
		for j, c := range p.Columns {
			if _, err := tx.ExecContext(ctx, `INSERT INTO report_layout_columns(part_id, position, key, label, visible)
				VALUES (?, ?, ?, ?, ?)`, partID, j, c.Key, c.Label, c.Visible); err != nil {
				return fmt.Errorf("saving column %s of part %s: %w", c.Key, p.Kind, err)
			}
		}
	}
	return nil
}

func repReadLayout(ctx context.Context, q repQueryer, ownerCol string, ownerID int64) ([]types.PartSettings, error) {
	rows, err := q.QueryContext(ctx, `SELECT p.id, p.kind, p.label, p.enabled, c.key, c.label, c.visible
		FROM report_layout_parts p LEFT JOIN report_layout_columns c ON c.part_id = p.id
		WHERE p.`+ownerCol+` = ? ORDER BY p.position, c.position`, ownerID)
	if err != nil {
		return nil, fmt.Errorf("reading layout: %w", err)
	}
	defer rows.Close()
	var out []types.PartSettings
	last := int64(-1)
	for rows.Next() {
		var id int64
		var kind, label string
		var enabled bool
		var key, clabel sql.NullString
		var visible sql.NullBool
		if err := rows.Scan(&id, &kind, &label, &enabled, &key, &clabel, &visible); err != nil {
			return nil, fmt.Errorf("reading layout: %w", err)
		}
		if id != last {
			out = append(out, types.PartSettings{Kind: types.PartKind(kind), Label: label, Enabled: enabled, Columns: []types.ColumnSetting{}})
			last = id
		}
		if key.Valid {
			p := &out[len(out)-1]
			p.Columns = append(p.Columns, types.ColumnSetting{Key: key.String, Label: clabel.String, Visible: visible.Bool})
		}
	}
	return out, rows.Err()
}

func repScanIDs(rows *sql.Rows) ([]int64, error) {
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// ---- reports ----

// CreateReport stores a new report for a tenant.
func (s *Store) CreateReport(ctx context.Context, r types.Report) (types.Report, error) {
	r.Name = strings.TrimSpace(r.Name)
	if r.Name == "" {
		return r, errors.New("a report needs a name")
	}
	if (r.TenantID == "") == (r.ClientID == 0) {
		return r, errors.New("a report belongs to exactly one tenant or one client")
	}
	r.CreatedAt = s.now()
	res, err := s.db.ExecContext(ctx, `INSERT INTO reports(tenant_id, client_id, name, template_id, created_at) VALUES (?, ?, ?, ?, ?)`,
		nullStr(r.TenantID), repNullID(r.ClientID), r.Name, repNullID(r.TemplateID), fmtTime(r.CreatedAt))
	if err != nil {
		return r, fmt.Errorf("saving report %q: %w", r.Name, err)
	}
	r.ID, err = res.LastInsertId()
	return r, err
}

func repNullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

const repReportCols = `id, COALESCE(tenant_id, ''), COALESCE(client_id, 0), name, COALESCE(template_id, 0), created_at`

func repScanReport(sc rowScanner) (types.Report, error) {
	var r types.Report
	var created string
	if err := sc.Scan(&r.ID, &r.TenantID, &r.ClientID, &r.Name, &r.TemplateID, &created); err != nil {
		return r, err
	}
	r.CreatedAt = parseTime(created)
	return r, nil
}

// Report returns one report.
func (s *Store) Report(ctx context.Context, id int64) (types.Report, error) {
	r, err := repScanReport(s.rdb.QueryRowContext(ctx, `SELECT `+repReportCols+` FROM reports WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("%w: %d", ErrReportNotFound, id)
	}
	return r, err
}

// Reports lists a tenant's reports, newest first.
func (s *Store) Reports(ctx context.Context, tenantID string) ([]types.Report, error) {
	return queryAll(ctx, s.rdb, "listing reports", repScanReport,
		`SELECT `+repReportCols+` FROM reports WHERE tenant_id = ? ORDER BY created_at DESC, id DESC`, tenantID)
}

// ClientReports lists a client's reports, newest first.
func (s *Store) ClientReports(ctx context.Context, clientID int64) ([]types.Report, error) {
	return queryAll(ctx, s.rdb, "listing reports", repScanReport,
		`SELECT `+repReportCols+` FROM reports WHERE client_id = ? ORDER BY created_at DESC, id DESC`, clientID)
}

// DeleteReport removes a report and all its versions.
func (s *Store) DeleteReport(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM reports WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("deleting report: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%w: %d", ErrReportNotFound, id)
	}
	return nil
}

// ---- versions ----

// CreateVersion stores a new version of a report with the next number and
// returns it. Status defaults to draft.
func (s *Store) CreateVersion(ctx context.Context, v types.ReportVersion) (types.ReportVersion, error) {
	if v.Status == "" {
		v.Status = types.VersionDraft
	}
	if v.InactiveDays <= 0 {
		v.InactiveDays = types.DefaultInactiveDays
	}
	v.CreatedAt = s.now()
	if v.Status == types.VersionFinal {
		t := v.CreatedAt
		v.FinalizedAt = &t
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(number), 0) + 1 FROM report_versions WHERE report_id = ?`, v.ReportID).Scan(&v.Number); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO report_versions(report_id, number, status, inactive_days, merge_from, created_at, finalized_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, v.ReportID, v.Number, string(v.Status), v.InactiveDays, v.MergeFrom, fmtTime(v.CreatedAt), fmtTimePtr(v.FinalizedAt))
		if err != nil {
			return fmt.Errorf("saving version %d of report %d: %w", v.Number, v.ReportID, err)
		}
		if v.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return repWriteVersionData(ctx, tx, v)
	})
	return v, err
}

func repWriteVersionData(ctx context.Context, tx *sql.Tx, v types.ReportVersion) error {
	for _, run := range v.RunIDs {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO report_version_runs(version_id, run_id) VALUES (?, ?)`, v.ID, run); err != nil {
			return fmt.Errorf("recording run %d: %w", run, err)
		}
	}
	for _, k := range v.SKUs {
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO report_version_skus(version_id, tenant_id, sku_id, part_number, name, priced,
			unit_price, currency, billing, term_start, term_end, override) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			v.ID, strings.ToLower(k.TenantID), priceSkuKey(k.SkuID), k.PartNumber, k.Name, k.Priced, k.UnitPrice, k.Currency, string(k.Billing),
			fmtTimePtr(k.TermStart), fmtTimePtr(k.TermEnd), k.Override); err != nil {
			return fmt.Errorf("recording SKU %s: %w", k.SkuID, err)
		}
	}
	if v.Contacts != nil {
		blob, err := json.Marshal(v.Contacts)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO report_version_contacts(version_id, contacts) VALUES (?, ?)`,
			v.ID, string(blob)); err != nil {
			return fmt.Errorf("recording contacts: %w", err)
		}
	}
	return repWriteLayout(ctx, tx, "version_id", v.ID, v.Parts)
}

// UpdateDraft replaces a draft's runs, layout, prices and reclaim
// threshold. A final version is refused with ErrVersionFinal.
func (s *Store) UpdateDraft(ctx context.Context, v types.ReportVersion) error {
	if v.InactiveDays <= 0 {
		v.InactiveDays = types.DefaultInactiveDays
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := repRequireDraft(ctx, tx, v.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE report_versions SET inactive_days = ?, merge_from = ? WHERE id = ?`, v.InactiveDays, v.MergeFrom, v.ID); err != nil {
			return err
		}
		for _, q := range []string{
			`DELETE FROM report_version_runs WHERE version_id = ?`,
			`DELETE FROM report_version_skus WHERE version_id = ?`,
			`DELETE FROM report_version_contacts WHERE version_id = ?`,
			`DELETE FROM report_layout_parts WHERE version_id = ?`,
		} {
			if _, err := tx.ExecContext(ctx, q, v.ID); err != nil {
				return err
			}
		}
		return repWriteVersionData(ctx, tx, v)
	})
}

func repRequireDraft(ctx context.Context, tx *sql.Tx, id int64) error {
	var status string
	err := tx.QueryRowContext(ctx, `SELECT status FROM report_versions WHERE id = ?`, id).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: %d", ErrVersionNotFound, id)
	}
	if err != nil {
		return err
	}
	if status != string(types.VersionDraft) {
		return ErrVersionFinal
	}
	return nil
}

// FinalizeVersion freezes a draft. Finalising a final version is an error.
func (s *Store) FinalizeVersion(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := repRequireDraft(ctx, tx, id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE report_versions SET status = 'final', finalized_at = ? WHERE id = ?`, fmtTime(s.now()), id)
		return err
	})
}

// DeleteVersion removes a version (draft or final); its runs become free for
// retention unless another version lists them.
func (s *Store) DeleteVersion(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM report_versions WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("deleting version: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%w: %d", ErrVersionNotFound, id)
	}
	return nil
}

// Version returns one version with its runs, layout and prices.
func (s *Store) Version(ctx context.Context, id int64) (types.ReportVersion, error) {
	var v types.ReportVersion
	var status, created string
	var final sql.NullString
	err := s.rdb.QueryRowContext(ctx, `SELECT id, report_id, number, status, inactive_days, merge_from, created_at, finalized_at
		FROM report_versions WHERE id = ?`, id).Scan(&v.ID, &v.ReportID, &v.Number, &status, &v.InactiveDays, &v.MergeFrom, &created, &final)
	if errors.Is(err, sql.ErrNoRows) {
		return v, fmt.Errorf("%w: %d", ErrVersionNotFound, id)
	}
	if err != nil {
		return v, fmt.Errorf("reading version: %w", err)
	}
	v.Status, v.CreatedAt, v.FinalizedAt = types.VersionStatus(status), parseTime(created), parseTimePtr(final)
	rows, err := s.rdb.QueryContext(ctx, `SELECT run_id FROM report_version_runs WHERE version_id = ? ORDER BY run_id`, id)
	if err != nil {
		return v, err
	}
	if v.RunIDs, err = repScanIDs(rows); err != nil {
		return v, err
	}
	if v.SKUs, err = s.versionSKUs(ctx, id); err != nil {
		return v, err
	}
	var blob string
	switch err := s.rdb.QueryRowContext(ctx, `SELECT contacts FROM report_version_contacts WHERE version_id = ?`, id).Scan(&blob); {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return v, fmt.Errorf("reading version contacts: %w", err)
	default:
		if err := json.Unmarshal([]byte(blob), &v.Contacts); err != nil {
			return v, fmt.Errorf("reading version contacts: %w", err)
		}
	}
	v.Parts, err = repReadLayout(ctx, s.db, "version_id", id)
	return v, err
}

func (s *Store) versionSKUs(ctx context.Context, id int64) ([]types.VersionSKU, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT tenant_id, sku_id, part_number, name, priced, unit_price, currency, billing, term_start, term_end, override
		FROM report_version_skus WHERE version_id = ? ORDER BY tenant_id, sku_id`, id)
	if err != nil {
		return nil, fmt.Errorf("reading version prices: %w", err)
	}
	defer rows.Close()
	var out []types.VersionSKU
	for rows.Next() {
		var k types.VersionSKU
		var billing string
		var start, end sql.NullString
		if err := rows.Scan(&k.TenantID, &k.SkuID, &k.PartNumber, &k.Name, &k.Priced, &k.UnitPrice, &k.Currency, &billing, &start, &end, &k.Override); err != nil {
			return nil, err
		}
		k.Billing, k.TermStart, k.TermEnd = types.BillingFrequency(billing), parseTimePtr(start), parseTimePtr(end)
		out = append(out, k)
	}
	return out, rows.Err()
}

// Versions lists a report's versions, oldest first, each complete.
func (s *Store) Versions(ctx context.Context, reportID int64) ([]types.ReportVersion, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT id FROM report_versions WHERE report_id = ? ORDER BY number`, reportID)
	if err != nil {
		return nil, fmt.Errorf("listing versions: %w", err)
	}
	ids, err := repScanIDs(rows)
	if err != nil {
		return nil, err
	}
	out := make([]types.ReportVersion, 0, len(ids))
	for _, id := range ids {
		v, err := s.Version(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// ApplyPartToDrafts replaces the settings of part.Kind in every draft
// version of every report made from the template (adding the part at the
// end where a draft lacks it) and returns how many drafts changed. Final
// versions are never touched.
func (s *Store) ApplyPartToDrafts(ctx context.Context, templateID int64, part types.PartSettings) (int, error) {
	n := 0
	err := s.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT v.id FROM report_versions v JOIN reports r ON r.id = v.report_id
			WHERE r.template_id = ? AND v.status = 'draft' ORDER BY v.id`, templateID)
		if err != nil {
			return err
		}
		ids, err := repScanIDs(rows)
		if err != nil {
			return err
		}
		for _, id := range ids {
			parts, err := repReadLayout(ctx, tx, "version_id", id)
			if err != nil {
				return err
			}
			replaced := false
			for i := range parts {
				if parts[i].Kind == part.Kind {
					parts[i], replaced = part, true
				}
			}
			if !replaced {
				parts = append(parts, part)
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM report_layout_parts WHERE version_id = ?`, id); err != nil {
				return err
			}
			if err := repWriteLayout(ctx, tx, "version_id", id, parts); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

// ReportedRunIDs returns every sync run some report version was built from;
// retention must keep them.
func (s *Store) ReportedRunIDs(ctx context.Context) ([]int64, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT DISTINCT run_id FROM report_version_runs ORDER BY run_id`)
	if err != nil {
		return nil, fmt.Errorf("reading reported runs: %w", err)
	}
	return repScanIDs(rows)
}
