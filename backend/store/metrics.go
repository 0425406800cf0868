package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"tenantlens/backend/types"
)

// encodeBySKU writes "skuId=consumed/enabled;..." sorted by SKU ID.
func encodeBySKU(consumed, enabled map[string]int) string {
	ids := make([]string, 0, len(consumed)+len(enabled))
	for id := range consumed {
		ids = append(ids, id)
	}
	for id := range enabled {
		if _, dup := consumed[id]; !dup {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(';')
		}
		fmt.Fprintf(&b, "%s=%d/%d", id, consumed[id], enabled[id])
	}
	return b.String()
}

func decodeBySKU(s string) (consumed, enabled map[string]int, err error) {
	consumed, enabled = map[string]int{}, map[string]int{}
	if s == "" {
		return consumed, enabled, nil
	}
	for _, part := range strings.Split(s, ";") {
		id, nums, ok := strings.Cut(part, "=")
		c, e, ok2 := strings.Cut(nums, "/")
		if !ok || !ok2 {
			return nil, nil, fmt.Errorf("bad per-SKU metrics %q", part)
		}
		ci, err1 := strconv.Atoi(c)
		ei, err2 := strconv.Atoi(e)
		if err1 != nil || err2 != nil {
			return nil, nil, fmt.Errorf("bad per-SKU metrics %q", part)
		}
		consumed[id], enabled[id] = ci, ei
	}
	return consumed, enabled, nil
}

func insertMetrics(ctx context.Context, t *sql.Tx, m types.Metrics) error {
	_, err := t.ExecContext(ctx, `INSERT INTO run_metrics(run_id, tenant_id, at, users, licensed, guests, disabled,
			deleted, contacts, resource, mfa_registered, mfa_eligible, mfa_coverage, inactive, unused_licenses,
			monthly_cost, currency, by_sku)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.RunID, m.TenantID, stamp(m.At), m.Users, m.Licensed, m.Guests, m.Disabled, m.Deleted, m.Contacts,
		m.Resource, m.MFARegistered, m.MFAEligible, m.MFACoveragePct, m.Inactive, m.UnusedLicenses,
		m.MonthlyCost, m.Currency, encodeBySKU(m.ConsumedBySKU, m.EnabledBySKU))
	if err != nil {
		return fmt.Errorf("writing metrics of run %d: %w", m.RunID, err)
	}
	return nil
}

const metricsColumns = `run_id, tenant_id, at, users, licensed, guests, disabled, deleted, contacts, resource,
	mfa_registered, mfa_eligible, mfa_coverage, inactive, unused_licenses, monthly_cost, currency, by_sku`

func scanMetrics(r rowScanner) (types.Metrics, error) {
	var m types.Metrics
	var at, bySKU string
	err := r.Scan(&m.RunID, &m.TenantID, &at, &m.Users, &m.Licensed, &m.Guests, &m.Disabled, &m.Deleted,
		&m.Contacts, &m.Resource, &m.MFARegistered, &m.MFAEligible, &m.MFACoveragePct, &m.Inactive,
		&m.UnusedLicenses, &m.MonthlyCost, &m.Currency, &bySKU)
	if err != nil {
		return m, err
	}
	m.At = parseTime(at)
	m.ConsumedBySKU, m.EnabledBySKU, err = decodeBySKU(bySKU)
	return m, err
}

// Metrics returns a successful run's tenant metrics (ErrNotFound when the
// run has none).
func (s *Store) Metrics(ctx context.Context, runID int64) (types.Metrics, error) {
	m, err := scanMetrics(s.rdb.QueryRowContext(ctx, `SELECT `+metricsColumns+` FROM run_metrics WHERE run_id = ?`, runID))
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("metrics of run %d: %w", runID, ErrNotFound)
	}
	if err != nil {
		return m, fmt.Errorf("reading metrics of run %d: %w", runID, err)
	}
	return m, nil
}

// MetricsHistory returns every kept metrics row of a tenant, oldest first
// (retention keeps metrics even when it prunes a run's snapshot).
func (s *Store) MetricsHistory(ctx context.Context, tenantID string) ([]types.Metrics, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT `+metricsColumns+` FROM run_metrics WHERE tenant_id = ? ORDER BY at, run_id`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("reading metrics history: %w", err)
	}
	defer rows.Close()
	var out []types.Metrics
	for rows.Next() {
		m, err := scanMetrics(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
