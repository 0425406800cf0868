package report

import (
	"context"
	"strconv"

	"tenantlens/backend/review"
	"tenantlens/backend/types"
)

// PartTenants is the single part of the all-tenants workbook.
const PartTenants types.PartKind = "tenants"

// TenantRow is one tenant's line in the all-tenants workbook (review's).
type TenantRow = review.TenantFigures

type tc = colDef[*TenantRow]

func tcol(key, label string, kind CellKind, width float64, get func(*TenantRow) Cell) tc {
	return tc{Column: Column{Key: key, Label: label, Kind: kind, Width: width}, get: func(_ *Dataset, r *TenantRow) Cell {
		if !r.HasData && kind != KindText {
			return Cell{Kind: kind, Null: true}
		}
		return get(r)
	}}
}

// InactiveLabel and InactiveLicensedLabel name the two inactivity figures
// at a threshold, as every sheet states them.
func InactiveLabel(days int) string { return "Inactive Accounts (" + strconv.Itoa(days) + " days)" }

// InactiveLicensedLabel: see InactiveLabel.
func InactiveLicensedLabel(days int) string {
	return "Inactive Licensed Accounts (" + strconv.Itoa(days) + " days)"
}

// tenantsPart lays out one row per tenant (KPIs as in each tenant's Summary)
// at the inactivity threshold days.
func tenantsPart(rows []*TenantRow, days int) Part {
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
			tcol("monthlySpend", "Monthly Spend", KindCurrency, 13, func(r *TenantRow) Cell { return kpiMoney(&r.KPI, r.KPI.MonthlySpend) }),
			tcol("unusedCost", "Unused License Cost", KindCurrency, 13, func(r *TenantRow) Cell { return kpiMoney(&r.KPI, r.KPI.UnusedCost) }),
			tcol("reclaimUsers", "Reclaim Candidates", KindInt, 10, func(r *TenantRow) Cell { return intCell(r.KPI.ReclaimUsers) }),
			tcol("reclaimCost", "Reclaimable Cost", KindCurrency, 13, func(r *TenantRow) Cell { return kpiMoney(&r.KPI, r.KPI.ReclaimCost) }),
			tcol("monthlyWaste", "Monthly Waste", KindCurrency, 13, func(r *TenantRow) Cell { return kpiMoney(&r.KPI, r.KPI.MonthlyWaste) }),
			tcol("inactive", InactiveLabel(days), KindInt, 12, func(r *TenantRow) Cell {
				if r.KPI.Inactive < 0 {
					return Cell{Kind: KindInt, Null: true}
				}
				return intCell(r.KPI.Inactive)
			}),
			tcol("inactiveLicensed", InactiveLicensedLabel(days), KindInt, 12, func(r *TenantRow) Cell { return intCell(r.KPI.InactiveLicensed) }),
			tcol("currency", "Currency", KindText, 9, func(r *TenantRow) Cell { return textCell(r.KPI.Currency) }),
			tcol("lastSync", "Last Sync", KindText, 11, func(r *TenantRow) Cell { return textCell(r.Tenant.LastSyncStatus) }),
			tcol("note", "Note", KindText, 40, func(r *TenantRow) Cell { return textCell(r.Note) }),
		},
	}
}

// TenantRows computes every tenant's KPIs from its current sync with
// today's prices at the Settings threshold days (<= 0: the default), and
// the currency of their totals (review's rule).
func (s *Service) TenantRows(ctx context.Context, days int) ([]*TenantRow, string, error) {
	return s.review(days).AllTenants(ctx, 0)
}

func (e *Exporter) allTenantsDocument(ctx context.Context, days int) (*Document, error) {
	rv := e.svc.review(days)
	rows, cur, err := rv.AllTenants(ctx, 0)
	if err != nil {
		return nil, err
	}
	reg := &Registry{parts: map[types.PartKind]Part{}}
	reg.Add(tenantsPart(rows, rv.Threshold()))
	d := &Dataset{TenantName: "All tenants", DataDate: e.now().UTC(), Currency: cur, InactiveDays: rv.Threshold()}
	if !review.HasMoney(cur) {
		d.Currency = ""
	}
	return NewDocument("Tenant overview", d, nil, reg), nil
}
