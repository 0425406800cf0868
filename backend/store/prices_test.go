package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"tenantlens/backend/types"
)

// seedTenantRuns inserts a tenant and n succeeded runs directly (the report
// tests must not depend on the sync repositories) and returns the run IDs.
func seedTenantRuns(t *testing.T, s *Store, tenantID string, n int) []int64 {
	t.Helper()
	ctx := context.Background()
	if _, err := s.db.ExecContext(ctx, `INSERT OR IGNORE INTO tenants(id, display_name, created_at) VALUES (?, ?, ?)`,
		tenantID, "Tenant "+tenantID, fmtTime(time.Now())); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for i := 0; i < n; i++ {
		res, err := s.db.ExecContext(ctx, `INSERT INTO sync_runs(tenant_id, started_at, status) VALUES (?, ?, 'succeeded')`,
			tenantID, fmtTime(time.Now()))
		if err != nil {
			t.Fatal(err)
		}
		id, _ := res.LastInsertId()
		ids = append(ids, id)
	}
	return ids
}

func TestPricesListOverrideAndValidation(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	seedTenantRuns(t, s, "t1", 0)
	start := time.Date(2026, 1, 15, 13, 0, 0, 0, time.UTC)
	end := time.Date(2027, 1, 14, 0, 0, 0, 0, time.UTC)
	if err := s.SetPrice(ctx, types.Price{SkuID: " CBDC14AB-D96C-4C30-B9F4-6ADA7CDC1D46 ", PartNumber: "SPB", UnitPrice: 22, Currency: "eur"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPrice(ctx, types.Price{SkuID: "6fd2c87f-b296-42f0-b197-1e91e994b900", PartNumber: "ENTERPRISEPACK", UnitPrice: 360,
		Currency: "EUR", Billing: types.BillingAnnual, TermStart: &start, TermEnd: &end}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPrice(ctx, types.Price{TenantID: "t1", SkuID: "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46", PartNumber: "SPB", UnitPrice: 19.5, Currency: "EUR"}); err != nil {
		t.Fatal(err)
	}
	list, err := s.ListPrices(ctx)
	if err != nil || len(list) != 2 {
		t.Fatalf("ListPrices = %v, %v", list, err)
	}
	if list[0].PartNumber != "ENTERPRISEPACK" || list[0].Billing != types.BillingAnnual || list[0].Monthly() != 30 {
		t.Errorf("E3 list price = %+v (monthly %v)", list[0], list[0].Monthly())
	}
	if list[0].TermStart == nil || !list[0].TermStart.Equal(time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("term start = %v, want the day", list[0].TermStart)
	}
	if list[1].SkuID != "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46" || list[1].Currency != "EUR" || list[1].Billing != types.BillingMonthly {
		t.Errorf("SPB not normalised: %+v", list[1])
	}

	eff, err := s.EffectivePrices(ctx, "t1")
	if err != nil {
		t.Fatal(err)
	}
	if p := eff["cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46"]; p.UnitPrice != 19.5 || p.TenantID != "t1" {
		t.Errorf("override not effective: %+v", p)
	}
	if p := eff["6fd2c87f-b296-42f0-b197-1e91e994b900"]; p.UnitPrice != 360 {
		t.Errorf("list price missing for t1: %+v", p)
	}
	other, _ := s.EffectivePrices(ctx, "t2")
	if p := other["cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46"]; p.UnitPrice != 22 {
		t.Errorf("t2 sees %+v, want the list price", p)
	}

	if err := s.DeletePrice(ctx, "t1", "CBDC14AB-D96C-4C30-B9F4-6ADA7CDC1D46"); err != nil {
		t.Fatal(err)
	}
	eff, _ = s.EffectivePrices(ctx, "t1")
	if p := eff["cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46"]; p.UnitPrice != 22 {
		t.Errorf("after deleting the override: %+v", p)
	}

	bad := []types.Price{
		{SkuID: "", UnitPrice: 1, Currency: "EUR"},
		{SkuID: "x", UnitPrice: -1, Currency: "EUR"},
		{SkuID: "x", UnitPrice: 1, Currency: "EURO"},
		{SkuID: "x", UnitPrice: 1, Currency: "EUR", Billing: "weekly"},
		{SkuID: "x", UnitPrice: 1, Currency: "EUR", TermStart: &end, TermEnd: &start},
	}
	for _, p := range bad {
		if err := s.SetPrice(ctx, p); !errors.Is(err, ErrInvalidPrice) {
			t.Errorf("SetPrice(%+v) = %v, want ErrInvalidPrice", p, err)
		}
	}
}
