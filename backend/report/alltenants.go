package report

import (
	"context"
	"sort"
	"strings"
	"time"

	"tenantlens/backend/types"
)

// PartTenants is the single part of the all-tenants workbook.
const PartTenants types.PartKind = "tenants"

// TenantRow is one tenant's line in the all-tenants workbook.
type TenantRow struct {
	Tenant   types.Tenant
	HasData  bool
	DataDate time.Time
	KPI      KPIs
	Note     string
}

type tc = colDef[*TenantRow]

func tcol(key, label string, kind CellKind, width float64, get func(*TenantRow) Cell) tc {
	return tc{Column: Column{Key: key, Label: label, Kind: kind, Width: width}, get: func(_ *Dataset, r *TenantRow) Cell {
		if !r.HasData && kind != KindText {
			return Cell{Kind: kind, Null: true}
		}
		return get(r)
	}}
}

// tenantsPart lays out one row per tenant (KPIs as in each tenant's Summary).
func tenantsPart(rows []*TenantRow) Part {
	return &tablePart[*TenantRow]{
		kind: PartTenants, label: "Tenants",
		rows: func(*Dataset) []*TenantRow { return rows },
		cols: []tc{
			tcol("tenant", "Tenant", KindText, 30, func(r *TenantRow) Cell { return textCell(r.Tenant.DisplayName) }),
			tcol("domain", "Default Domain", KindText, 30, func(r *TenantRow) Cell { return textCell(r.Tenant.DefaultDomain) }),
			tcol("dataDate", "Data As Of", KindDateTime, 17, func(r *TenantRow) Cell { return timeCell(KindDateTime, &r.DataDate) }),
			tcol("users", "Users", KindInt, 9, func(r *TenantRow) Cell { return intCell(r.KPI.Users) }),
			tcol("licensed", "Licensed Users", KindInt, 10, func(r *TenantRow) Cell { return intCell(r.KPI.Licensed) }),
			tcol("guests", "Guests", KindInt, 9, func(r *TenantRow) Cell { return intCell(r.KPI.Guests) }),
			tcol("mfaCoverage", "MFA Coverage", KindPercent, 10, func(r *TenantRow) Cell {
				if !r.KPI.MFAAvailable {
					return Cell{Kind: KindPercent, Null: true}
				}
				return pctCell(r.KPI.MFACoverage)
			}),
			tcol("unused", "Unused Licenses", KindInt, 10, func(r *TenantRow) Cell { return intCell(r.KPI.Unused) }),
			tcol("utilization", "License Utilization", KindPercent, 11, func(r *TenantRow) Cell { return pctCell(r.KPI.Utilization) }),
			tcol("monthlySpend", "Monthly Spend", KindCurrency, 13, func(r *TenantRow) Cell { return moneyCell(r.KPI.MonthlySpend) }),
			tcol("unusedCost", "Unused License Cost", KindCurrency, 13, func(r *TenantRow) Cell { return moneyCell(r.KPI.UnusedCost) }),
			tcol("reclaimUsers", "Reclaim Candidates", KindInt, 10, func(r *TenantRow) Cell { return intCell(r.KPI.ReclaimUsers) }),
			tcol("reclaimCost", "Reclaimable Cost", KindCurrency, 13, func(r *TenantRow) Cell { return moneyCell(r.KPI.ReclaimCost) }),
			tcol("monthlyWaste", "Monthly Waste", KindCurrency, 13, func(r *TenantRow) Cell { return moneyCell(r.KPI.MonthlyWaste) }),
			tcol("currency", "Currency", KindText, 9, func(r *TenantRow) Cell { return textCell(r.KPI.Currency) }),
			tcol("lastSync", "Last Sync", KindText, 11, func(r *TenantRow) Cell { return textCell(r.Tenant.LastSyncStatus) }),
			tcol("note", "Note", KindText, 40, func(r *TenantRow) Cell { return textCell(r.Note) }),
		},
	}
}

// TenantRows computes every tenant's KPIs from its current sync with
// today's prices and the default template's reclaim threshold.
func (s *Service) TenantRows(ctx context.Context) ([]*TenantRow, error) {
	tpl, err := s.DefaultTemplate(ctx)
	if err != nil {
		return nil, err
	}
	tenants, err := s.src.Tenants(ctx)
	if err != nil {
		return nil, err
	}
	rows := make([]*TenantRow, 0, len(tenants))
	for _, t := range tenants {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		r := &TenantRow{Tenant: t}
		rows = append(rows, r)
		if t.CurrentRunID == 0 {
			r.Note = "Not synced yet"
			continue
		}
		snap, err := s.src.Snapshot(ctx, t.CurrentRunID)
		if err != nil {
			r.Note = err.Error()
			continue
		}
		prices, err := s.repo.EffectivePrices(ctx, t.ID)
		if err != nil {
			return nil, err
		}
		d := Build(snap, FreezeSKUs(snap, prices, s.names), tpl.InactiveDays)
		r.HasData, r.DataDate, r.KPI = true, d.DataDate, d.KPI
		r.Note = strings.Join(d.Notes, "; ")
	}
	sort.SliceStable(rows, func(i, j int) bool {
		return strings.ToLower(rows[i].Tenant.DisplayName) < strings.ToLower(rows[j].Tenant.DisplayName)
	})
	return rows, nil
}

func (e *Exporter) allTenantsDocument(ctx context.Context) (*Document, error) {
	rows, err := e.svc.TenantRows(ctx)
	if err != nil {
		return nil, err
	}
	reg := &Registry{parts: map[types.PartKind]Part{}}
	reg.Add(tenantsPart(rows))
	// One currency for the money format: the most common among tenants.
	count := map[string]int{}
	cur := ""
	for _, r := range rows {
		if c := r.KPI.Currency; c != "" {
			count[c]++
			if count[c] > count[cur] {
				cur = c
			}
		}
	}
	d := &Dataset{TenantName: "All tenants", DataDate: e.now().UTC(), Currency: cur}
	return NewDocument("Tenant overview", d, nil, reg), nil
}
