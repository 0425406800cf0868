package report

import (
	"context"

	"tenantlens/backend/review"
	"tenantlens/backend/types"
)

// PartClients is the single part of the all-clients workbook.
const PartClients types.PartKind = "clients"

type clc = colDef[*ClientRow]

// clientsPart lays out one row per client (review's ClientRows: each
// client's totals by SumKPIs, its merge counts and findings).
func clientsPart(rows []ClientRow) Part {
	col := func(key, label string, kind CellKind, width float64, get func(*ClientRow) Cell) clc {
		return clc{Column: Column{Key: key, Label: label, Kind: kind, Width: width}, get: func(_ *Dataset, r *ClientRow) Cell {
			if r.Synced == 0 && kind != KindText && key != "tenants" && key != "contacts" {
				return Cell{Kind: kind, Null: true} // no figures yet
			}
			return get(r)
		}}
	}
	money := func(r *ClientRow, v float64) Cell {
		if !review.HasMoney(r.Currency) {
			return Cell{Kind: KindCurrency, Null: true}
		}
		return moneyCell(v)
	}
	return &tablePart[*ClientRow]{
		kind: PartClients, label: "Clients",
		rows: func(*Dataset) []*ClientRow {
			out := make([]*ClientRow, len(rows))
			for i := range rows {
				out[i] = &rows[i]
			}
			return out
		},
		cols: []clc{
			col("client", "Client", KindText, 30, func(r *ClientRow) Cell { return textCell(r.Name) }),
			col("tenants", "Tenants", KindInt, 9, func(r *ClientRow) Cell { return intCell(r.Tenants) }),
			col("synced", "Synced Tenants", KindInt, 9, func(r *ClientRow) Cell { return intCell(r.Synced) }),
			col("contacts", "Contacts", KindInt, 10, func(r *ClientRow) Cell { return intCell(r.Contacts) }),
			col("users", "Users", KindInt, 9, func(r *ClientRow) Cell { return intCell(r.Users) }),
			col("licensed", "Licensed Users", KindInt, 10, func(r *ClientRow) Cell { return intCell(r.Licensed) }),
			col("mfaCoverage", "MFA Coverage", KindPercent, 10, func(r *ClientRow) Cell {
				if !r.MFAAvailable {
					return Cell{Kind: KindPercent, Null: true}
				}
				return pctCell(r.MFACoveragePct / 100)
			}),
			col("unused", "Unused Licenses", KindInt, 10, func(r *ClientRow) Cell { return intCell(r.UnusedLicenses) }),
			col("monthlySpend", "Monthly Spend", KindCurrency, 13, func(r *ClientRow) Cell { return money(r, r.MonthlySpend) }),
			col("monthlyWaste", "Monthly Waste", KindCurrency, 13, func(r *ClientRow) Cell { return money(r, r.MonthlyWaste) }),
			col("matched", "Matched Contacts", KindInt, 10, func(r *ClientRow) Cell { return intCell(r.Matched) }),
			col("contactOnly", "Contacts Without Account", KindInt, 11, func(r *ClientRow) Cell { return intCell(r.ContactOnly) }),
			col("accountOnly", "Accounts Without Contact", KindInt, 11, func(r *ClientRow) Cell { return intCell(r.AccountOnly) }),
			col("findings", "Findings", KindInt, 9, func(r *ClientRow) Cell { return intCell(r.Findings) }),
			col("currency", "Currency", KindText, 9, func(r *ClientRow) Cell { return textCell(r.Currency) }),
			col("dataDate", "Data As Of", KindText, 20, func(r *ClientRow) Cell { return textCell(r.DataDate) }),
			col("note", "Note", KindText, 30, func(r *ClientRow) Cell {
				if r.Synced == 0 {
					return textCell("No synced tenant yet")
				}
				return textCell("")
			}),
		},
	}
}

// allClientsDocument is the all-clients workbook: one row per client at
// the Settings threshold days (<= 0: the default).
func (e *Exporter) allClientsDocument(ctx context.Context, days int) (*Document, error) {
	rv := e.svc.review(days)
	rows, err := rv.ClientRows(ctx, 0)
	if err != nil {
		return nil, err
	}
	cs := make([]string, 0, len(rows))
	for _, r := range rows {
		if r.Synced > 0 {
			cs = append(cs, r.Currency)
		}
	}
	reg := &Registry{parts: map[types.PartKind]Part{}}
	reg.Add(clientsPart(rows))
	d := &Dataset{TenantName: "All clients", DataDate: e.now().UTC(), Currency: review.CurrencyOf(cs...), InactiveDays: rv.Threshold()}
	if !review.HasMoney(d.Currency) {
		d.Currency = ""
	}
	return NewDocument("Client overview", d, nil, reg), nil
}
