package report

import (
	"tenantlens/backend/review"
	"tenantlens/backend/types"
)

type lc = colDef[*LicenseRow]

func lcol(key, label string, kind CellKind, width float64, hidden bool, get func(*Dataset, *LicenseRow) Cell) lc {
	return lc{Column: Column{Key: key, Label: label, Kind: kind, Width: width, Hidden: hidden}, get: get}
}

func pricedMoney(r *LicenseRow, v float64) Cell {
	if !r.Priced {
		return Cell{Kind: KindCurrency, Null: true}
	}
	return moneyCell(v)
}

func priceSource(r *LicenseRow) string {
	switch {
	case !r.Priced:
		return "Not priced"
	case r.Override:
		return "Tenant price"
	}
	return "List price"
}

// licensesPart is one row per subscribed SKU. Unit Price is per licence per
// month (annual prices divided by 12), so Monthly Cost = Purchased × Unit
// Price and Unused Cost = Available × Unit Price hold in the sheet.
func licensesPart() Part {
	return &tablePart[*LicenseRow]{
		kind: types.PartLicenses, label: "Licenses",
		rows: func(d *Dataset) []*LicenseRow {
			out := make([]*LicenseRow, len(d.Licenses))
			for i := range d.Licenses {
				out[i] = &d.Licenses[i]
			}
			return out
		},
		cols: []lc{
			lcol("name", "License Name", KindText, 40, false, func(_ *Dataset, r *LicenseRow) Cell { return textCell(r.Name) }),
			lcol("partNumber", "SKU Part Number", KindText, 26, false, func(_ *Dataset, r *LicenseRow) Cell { return textCell(r.PartNumber) }),
			lcol("status", "Status", KindText, 11, false, func(_ *Dataset, r *LicenseRow) Cell { return textCell(r.Status) }),
			lcol("purchased", "Purchased", KindInt, 11, false, func(_ *Dataset, r *LicenseRow) Cell { return intCell(r.Purchased) }),
			lcol("suspended", "Suspended", KindInt, 11, false, func(_ *Dataset, r *LicenseRow) Cell { return intCell(r.Suspended) }),
			lcol("warning", "Warning", KindInt, 10, false, func(_ *Dataset, r *LicenseRow) Cell { return intCell(r.Warning) }),
			lcol("assigned", "Assigned", KindInt, 10, false, func(_ *Dataset, r *LicenseRow) Cell { return intCell(r.Assigned) }),
			lcol("available", "Available", KindInt, 10, false, func(_ *Dataset, r *LicenseRow) Cell { return intCell(r.Available) }),
			lcol("unitPrice", "Unit Price", KindCurrency, 12, false, func(_ *Dataset, r *LicenseRow) Cell { return pricedMoney(r, r.UnitPrice) }),
			lcol("monthlyCost", "Monthly Cost", KindCurrency, 13, false, func(_ *Dataset, r *LicenseRow) Cell { return pricedMoney(r, r.MonthlyCost) }),
			lcol("unusedCost", "Unused Cost", KindCurrency, 13, false, func(_ *Dataset, r *LicenseRow) Cell { return pricedMoney(r, r.UnusedCost) }),
			// Hidden by default.
			lcol("skuId", "SKU ID", KindText, 38, true, func(_ *Dataset, r *LicenseRow) Cell { return textCell(r.SkuID) }),
			lcol("billing", "Billing", KindText, 10, true, func(_ *Dataset, r *LicenseRow) Cell {
				if !r.Priced {
					return textCell("")
				}
				return textCell(titleWord(string(r.Billing)))
			}),
			lcol("termStart", "Term Start", KindDate, 12, true, func(_ *Dataset, r *LicenseRow) Cell { return timeCell(KindDate, r.TermStart) }),
			lcol("termEnd", "Term End", KindDate, 12, true, func(_ *Dataset, r *LicenseRow) Cell { return timeCell(KindDate, r.TermEnd) }),
			lcol("priceSource", "Price Source", KindText, 13, true, func(_ *Dataset, r *LicenseRow) Cell { return textCell(priceSource(r)) }),
			lcol("free", "Free", KindBool, 7, true, func(_ *Dataset, r *LicenseRow) Cell { return boolCell(r.Free) }),
		},
	}
}

func titleWord(s string) string {
	if s == "" {
		return s
	}
	b := []byte(s)
	if b[0] >= 'a' && b[0] <= 'z' {
		b[0] -= 'a' - 'A'
	}
	return string(b)
}

type rc = colDef[*ReclaimRow]

func rcol(key, label string, kind CellKind, width float64, hidden bool, get func(*Dataset, *ReclaimRow) Cell) rc {
	return rc{Column: Column{Key: key, Label: label, Kind: kind, Width: width, Hidden: hidden}, get: get}
}

// reclaimPart lists licensed users whose licences could be taken back.
func reclaimPart() Part {
	return &tablePart[*ReclaimRow]{
		kind: types.PartReclaim, label: "Reclaim",
		rows: func(d *Dataset) []*ReclaimRow {
			out := make([]*ReclaimRow, len(d.Reclaim))
			for i := range d.Reclaim {
				out[i] = &d.Reclaim[i]
			}
			return out
		},
		cols: []rc{
			rcol("displayName", "Display Name", KindText, 28, false, func(_ *Dataset, r *ReclaimRow) Cell { return textCell(r.User.DisplayName) }),
			rcol("upn", "User Principal Name", KindText, 36, false, func(_ *Dataset, r *ReclaimRow) Cell { return textCell(r.User.UserPrincipalName) }),
			rcol("reason", "Reason", KindText, 18, false, func(_ *Dataset, r *ReclaimRow) Cell { return textCell(r.Reason) }),
			rcol("detail", "Detail", KindText, 44, false, func(_ *Dataset, r *ReclaimRow) Cell { return textCell(r.Detail) }),
			rcol("licenses", "Licenses", KindText, 40, false, func(_ *Dataset, r *ReclaimRow) Cell { return textCell(r.Licenses) }),
			rcol("lastActive", "Last Active", KindDateTime, 17, false, func(_ *Dataset, r *ReclaimRow) Cell { return timeCell(KindDateTime, r.LastActive) }),
			rcol("daysInactive", "Days Inactive", KindInt, 11, false, func(_ *Dataset, r *ReclaimRow) Cell {
				if r.DaysInactive < 0 {
					return Cell{Kind: KindInt, Null: true}
				}
				return intCell(r.DaysInactive)
			}),
			rcol("monthlyCost", "Monthly Cost", KindCurrency, 13, false, func(_ *Dataset, r *ReclaimRow) Cell { return moneyCell(r.MonthlyCost) }),
			rcol("annualCost", "Annual Cost", KindCurrency, 13, false, func(_ *Dataset, r *ReclaimRow) Cell { return moneyCell(r.MonthlyCost * 12) }),
			// Hidden by default.
			rcol("department", "Department", KindText, 18, true, func(_ *Dataset, r *ReclaimRow) Cell { return textCell(r.User.Department) }),
			rcol("accountEnabled", "Account Enabled", KindBool, 10, true, func(_ *Dataset, r *ReclaimRow) Cell { return boolCell(r.User.AccountEnabled) }),
			rcol("lastSignIn", "Last Sign-In", KindDateTime, 17, true, func(_ *Dataset, r *ReclaimRow) Cell { return timeCell(KindDateTime, r.User.LastSignIn) }),
			rcol("lastActivity", "Last Activity", KindDate, 13, true, func(_ *Dataset, r *ReclaimRow) Cell { return timeCell(KindDate, r.User.LastActivity) }),
		},
	}
}

// ReclaimTotal is review.ReclaimTotal.
type ReclaimTotal = review.ReclaimTotal
