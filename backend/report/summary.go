package report

import (
	"strconv"

	"tenantlens/backend/review"
	"tenantlens/backend/types"
)

// kpiDef is one Summary metric. The Summary part's "columns" are its
// metrics: a template shows, hides, orders and renames them like columns.
type kpiDef struct {
	Column
	get func(k *KPIs) Cell
}

func kpi(key, label string, kind CellKind, hidden bool, get func(k *KPIs) Cell) kpiDef {
	return kpiDef{Column: Column{Key: key, Label: label, Kind: kind, Hidden: hidden}, get: get}
}

// NoPriceList is shown instead of costs when no licence of the tenant has
// a price: zero would read as "costs nothing".
const NoPriceList = "No price list set"

// MixedCurrencies is shown instead of costs when the tenant's prices are in
// several currencies (review's currency rule adds money up only within one).
const MixedCurrencies = "Prices in several currencies (see notes)"

// noMoneyText is what a cost shows when it has no figure in currency cur.
func noMoneyText(cur string) string {
	if cur == review.Mixed {
		return MixedCurrencies
	}
	return NoPriceList
}

// kpiMoney is a cost KPI; empty (shown as NoPriceList) when the figures
// were built without any price.
func kpiMoney(k *KPIs, v float64) Cell {
	if !review.HasMoney(k.Currency) {
		return Cell{Kind: KindCurrency, Null: true}
	}
	return moneyCell(v)
}

func kpiDefs() []kpiDef {
	return []kpiDef{
		kpi("users", "Users", KindInt, false, func(k *KPIs) Cell { return intCell(k.Users) }),
		kpi("licensed", "Licensed Users", KindInt, false, func(k *KPIs) Cell { return intCell(k.Licensed) }),
		kpi("guests", "Guests", KindInt, false, func(k *KPIs) Cell { return intCell(k.Guests) }),
		kpi("disabled", "Disabled Accounts", KindInt, true, func(k *KPIs) Cell { return intCell(k.Disabled) }),
		kpi("mfaCoverage", "MFA Coverage", KindPercent, false, func(k *KPIs) Cell {
			if !k.MFAAvailable {
				return Cell{Kind: KindPercent, Null: true}
			}
			return pctCell(k.MFACoverage)
		}),
		kpi("mfaRegistered", "MFA Registered Users", KindInt, true, func(k *KPIs) Cell {
			if !k.MFAAvailable {
				return Cell{Kind: KindInt, Null: true}
			}
			return intCell(k.MFARegistered)
		}),
		kpi("purchased", "Purchased Licenses", KindInt, true, func(k *KPIs) Cell { return intCell(k.Purchased) }),
		kpi("inactive", "Inactive Accounts", KindInt, false, func(k *KPIs) Cell {
			if k.Inactive < 0 {
				return Cell{Kind: KindInt, Null: true}
			}
			return intCell(k.Inactive)
		}),
		kpi("inactiveLicensed", "Inactive Licensed Accounts", KindInt, false, func(k *KPIs) Cell { return intCell(k.InactiveLicensed) }),
		kpi("unused", "Unused Licenses", KindInt, false, func(k *KPIs) Cell { return intCell(k.Unused) }),
		kpi("utilization", "License Utilization", KindPercent, false, func(k *KPIs) Cell { return pctCell(k.Utilization) }),
		kpi("monthlySpend", "Monthly Spend", KindCurrency, false, func(k *KPIs) Cell { return kpiMoney(k, k.MonthlySpend) }),
		kpi("annualSpend", "Annual Spend", KindCurrency, false, func(k *KPIs) Cell { return kpiMoney(k, k.AnnualSpend) }),
		kpi("unusedCost", "Unused License Cost (monthly)", KindCurrency, false, func(k *KPIs) Cell { return kpiMoney(k, k.UnusedCost) }),
		kpi("reclaimUsers", "Reclaim Candidates", KindInt, false, func(k *KPIs) Cell { return intCell(k.ReclaimUsers) }),
		kpi("reclaimCost", "Reclaimable Cost (monthly)", KindCurrency, false, func(k *KPIs) Cell { return kpiMoney(k, k.ReclaimCost) }),
		kpi("monthlyWaste", "Monthly Waste", KindCurrency, false, func(k *KPIs) Cell { return kpiMoney(k, k.MonthlyWaste) }),
	}
}

// Summary table columns (fixed; the metrics are the configurable rows).
const (
	SummaryMetric   = "Metric"
	SummaryValue    = "Value"
	SummaryPrevious = "Previous"
	SummaryChange   = "Change"
)

type summaryPart struct{}

func (summaryPart) Kind() types.PartKind { return types.PartSummary }
func (summaryPart) DefaultLabel() string { return "Summary" }
func (summaryPart) Columns() []Column {
	defs := kpiDefs()
	out := make([]Column, len(defs))
	for i, k := range defs {
		out[i] = k.Column
	}
	return out
}

// Table has one row per visible metric: Metric, Value, Previous, Change.
// Previous and Change are empty without a previous version.
func (summaryPart) Table(d *Dataset, ps types.PartSettings) Table {
	defs := map[string]kpiDef{}
	for _, k := range kpiDefs() {
		defs[k.Key] = k
	}
	type shown struct {
		label string
		def   kpiDef
	}
	var rows []shown
	for _, cs := range ps.Columns {
		if k, ok := defs[cs.Key]; ok && cs.Visible {
			label := labelOr(cs.Label, k.Label)
			if label == k.Label && (k.Key == "inactive" || k.Key == "inactiveLicensed") {
				label += " (" + strconv.Itoa(d.InactiveDays) + " days)" // the threshold it used
			}
			rows = append(rows, shown{label, k})
		}
	}
	return Table{
		Kind:  types.PartSummary,
		Label: labelOr(ps.Label, "Summary"),
		Columns: []Column{
			{Key: "metric", Label: SummaryMetric, Kind: KindText, Width: 32},
			{Key: "value", Label: SummaryValue, Kind: KindNumber, Width: 16},
			{Key: "previous", Label: SummaryPrevious, Kind: KindNumber, Width: 16},
			{Key: "change", Label: SummaryChange, Kind: KindNumber, Width: 16},
		},
		Len: len(rows),
		Row: func(i int, dst []Cell) {
			r := rows[i]
			dst[0] = textCell(r.label)
			dst[1] = r.def.get(&d.KPI)
			dst[2], dst[3] = Cell{Kind: dst[1].Kind, Null: true}, Cell{Kind: dst[1].Kind, Null: true}
			if d.Prev != nil {
				dst[2] = r.def.get(d.Prev)
				if !dst[1].Null && !dst[2].Null {
					dst[3] = Cell{Kind: dst[1].Kind, Num: dst[1].Num - dst[2].Num}
					if dst[1].Kind == KindCurrency {
						dst[3].Num = roundCents(dst[3].Num)
					}
				}
			}
		},
	}
}
