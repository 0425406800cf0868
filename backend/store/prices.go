package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"tenantlens/backend/types"
)

// ErrInvalidPrice is matched by every validation error of SetPrice.
var ErrInvalidPrice = errors.New("invalid price")

func priceSkuKey(id string) string { return strings.ToLower(strings.TrimSpace(id)) }

func checkPrice(p *types.Price) error {
	p.SkuID = priceSkuKey(p.SkuID)
	p.Currency = strings.ToUpper(strings.TrimSpace(p.Currency))
	p.PartNumber = strings.TrimSpace(p.PartNumber)
	if p.Billing == "" {
		p.Billing = types.BillingMonthly
	}
	p.TermStart, p.TermEnd = priceTermDate(p.TermStart), priceTermDate(p.TermEnd)
	switch {
	case p.SkuID == "":
		return fmt.Errorf("%w: the SKU is missing", ErrInvalidPrice)
	case math.IsNaN(p.UnitPrice) || math.IsInf(p.UnitPrice, 0) || p.UnitPrice < 0:
		return fmt.Errorf("%w: unit price %v for %s must be zero or more", ErrInvalidPrice, p.UnitPrice, p.SkuID)
	case len(p.Currency) != 3:
		return fmt.Errorf("%w: currency %q for %s must be a three-letter code such as EUR", ErrInvalidPrice, p.Currency, p.SkuID)
	case p.Billing != types.BillingMonthly && p.Billing != types.BillingAnnual:
		return fmt.Errorf("%w: billing %q for %s must be monthly or annual", ErrInvalidPrice, p.Billing, p.SkuID)
	case p.TermStart != nil && p.TermEnd != nil && p.TermEnd.Before(*p.TermStart):
		return fmt.Errorf("%w: the term of %s ends before it starts", ErrInvalidPrice, p.SkuID)
	}
	return nil
}

// SetPrice stores a list price (p.TenantID empty) or a tenant's override,
// replacing any previous one for the same SKU.
func (s *Store) SetPrice(ctx context.Context, p types.Price) error {
	if err := checkPrice(&p); err != nil {
		return err
	}
	now := fmtTime(s.now())
	var err error
	if p.TenantID == "" {
		_, err = s.db.ExecContext(ctx, `INSERT INTO prices(sku_id, part_number, unit_price, currency, billing, term_start, term_end, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT(sku_id) DO UPDATE SET part_number = excluded.part_number, unit_price = excluded.unit_price,
				currency = excluded.currency, billing = excluded.billing, term_start = excluded.term_start,
				term_end = excluded.term_end, updated_at = excluded.updated_at`,
			p.SkuID, p.PartNumber, p.UnitPrice, p.Currency, string(p.Billing), fmtTimePtr(p.TermStart), fmtTimePtr(p.TermEnd), now)
	} else {
		_, err = s.db.ExecContext(ctx, `INSERT INTO tenant_prices(tenant_id, sku_id, part_number, unit_price, currency, billing, term_start, term_end, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT(tenant_id, sku_id) DO UPDATE SET part_number = excluded.part_number, unit_price = excluded.unit_price,
				currency = excluded.currency, billing = excluded.billing, term_start = excluded.term_start,
				term_end = excluded.term_end, updated_at = excluded.updated_at`,
			p.TenantID, p.SkuID, p.PartNumber, p.UnitPrice, p.Currency, string(p.Billing), fmtTimePtr(p.TermStart), fmtTimePtr(p.TermEnd), now)
	}
	if err != nil {
		return fmt.Errorf("saving the price of %s: %w", p.SkuID, err)
	}
	s.pricesVersion.Add(1)
	return nil
}

// PricesVersion changes after every successful SetPrice or DeletePrice of
// this Store (the only writer of the folder, under its lock): a cache of
// ListPrices read when PricesVersion was v is current while it still is v.
// Read it before reading the prices.
func (s *Store) PricesVersion() uint64 { return s.pricesVersion.Load() }

// DeletePrice removes a list price (tenantID empty) or a tenant's override.
// Removing an override makes the list price apply again.
func (s *Store) DeletePrice(ctx context.Context, tenantID, skuID string) error {
	var err error
	if tenantID == "" {
		_, err = s.db.ExecContext(ctx, `DELETE FROM prices WHERE sku_id = ?`, priceSkuKey(skuID))
	} else {
		_, err = s.db.ExecContext(ctx, `DELETE FROM tenant_prices WHERE tenant_id = ? AND sku_id = ?`, tenantID, priceSkuKey(skuID))
	}
	if err != nil {
		return fmt.Errorf("deleting the price of %s: %w", skuID, err)
	}
	s.pricesVersion.Add(1)
	return nil
}

// ListPrices returns the list prices ordered by part number.
func (s *Store) ListPrices(ctx context.Context) ([]types.Price, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT '', sku_id, part_number, unit_price, currency, billing, term_start, term_end, updated_at
		FROM prices ORDER BY part_number, sku_id`)
	if err != nil {
		return nil, fmt.Errorf("reading prices: %w", err)
	}
	return scanPriceRows(rows)
}

// TenantPrices returns a tenant's overrides ordered by part number.
func (s *Store) TenantPrices(ctx context.Context, tenantID string) ([]types.Price, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT tenant_id, sku_id, part_number, unit_price, currency, billing, term_start, term_end, updated_at
		FROM tenant_prices WHERE tenant_id = ? ORDER BY part_number, sku_id`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("reading the prices of tenant %s: %w", tenantID, err)
	}
	return scanPriceRows(rows)
}

// EffectivePrices returns, per lower-case skuId, the price that applies to a
// tenant: its override where one exists, else the list price.
func (s *Store) EffectivePrices(ctx context.Context, tenantID string) (map[string]types.Price, error) {
	list, err := s.ListPrices(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]types.Price, len(list))
	for _, p := range list {
		out[p.SkuID] = p
	}
	if tenantID == "" {
		return out, nil
	}
	over, err := s.TenantPrices(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	for _, p := range over {
		out[p.SkuID] = p
	}
	return out, nil
}

func scanPriceRows(rows *sql.Rows) ([]types.Price, error) {
	defer rows.Close()
	var out []types.Price
	for rows.Next() {
		var p types.Price
		var billing, updated string
		var start, end sql.NullString
		if err := rows.Scan(&p.TenantID, &p.SkuID, &p.PartNumber, &p.UnitPrice, &p.Currency, &billing, &start, &end, &updated); err != nil {
			return nil, fmt.Errorf("reading prices: %w", err)
		}
		p.Billing = types.BillingFrequency(billing)
		p.TermStart, p.TermEnd = parseTimePtr(start), parseTimePtr(end)
		p.UpdatedAt = parseTime(updated)
		out = append(out, p)
	}
	return out, rows.Err()
}

// priceTermDate truncates term dates to the day in UTC, which is all a price term
// means; kept here so callers need not care.
func priceTermDate(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return &d
}
