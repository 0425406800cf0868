package report

import (
	"sort"
	"strings"

	"tenantlens/backend/derive"
	"tenantlens/backend/review"
	"tenantlens/backend/types"
)

// Parts only a client report has.
const (
	// PartClientTenants is the per-tenant breakdown of the client's totals
	// (on the Summary sheet of the workbook).
	PartClientTenants types.PartKind = "clientTenants"
	// PartContacts is the PSA contacts merged with the Microsoft 365
	// accounts, in the template's merge direction.
	PartContacts types.PartKind = "contacts"
	// PartFindings is the reconciliation findings of the merge.
	PartFindings types.PartKind = "findings"
	// PartTrend is the client's summed figures per day of stored runs.
	PartTrend types.PartKind = "trend"
)

// TenantColumn is the first column of every part that spans a client's
// tenants (Users, Licenses, MFA, Reclaim). It is always shown.
const TenantColumn = "Tenant"

// clientRegistry is the client report's parts over one client's figures:
// Summary (the totals), the per-tenant breakdown, the tenant parts spanning
// every tenant with a Tenant column, Contacts, Findings and Trend. cd nil
// gives the shape only (kinds and columns, for resolving layouts).
func clientRegistry(cd *ClientData, trend []TrendPoint, days int) *Registry {
	return clientRegistryWith(cd, trend, days, nil)
}

// clientRegistryWith is clientRegistry over the views of the client's
// tenants (the licensing and security parts span them too).
func clientRegistryWith(cd *ClientData, trend []TrendPoint, days int, vw *docViews) *Registry {
	r := &Registry{parts: map[types.PartKind]Part{}}
	r.Add(summaryPart{})
	r.Add(breakdownPart(cd, days))
	r.Add(&spanPart{inner: usersPartWith(vw), cd: cd})
	r.Add(&spanPart{inner: licensesPart(), cd: cd})
	r.Add(&spanPart{inner: mfaPartWith(vw), cd: cd})
	r.Add(&spanPart{inner: reclaimPart(), cd: cd})
	r.Add(&spanPart{inner: rightSizePart(vw), cd: cd})
	r.Add(&spanPart{inner: renewalsPart(vw), cd: cd})
	r.Add(&spanPart{inner: assignmentErrorsPart(vw), cd: cd})
	r.Add(&spanPart{inner: securityPart(vw), cd: cd})
	r.Add(contactsPart(cd))
	r.Add(findingsPart(cd))
	r.Add(trendPart(trend))
	r.Add(newComparePart(nil)) // What changed: a sheet only when a comparison exists
	return r
}

// clientParts resolves a template's layout for a client report: the
// client-only parts it lacks are added with their defaults, the breakdown
// right after the Summary.
func clientParts(parts []types.PartSettings) []types.PartSettings {
	res := clientRegistry(nil, nil, 0).Resolve(parts)
	var bd *types.PartSettings
	out := make([]types.PartSettings, 0, len(res))
	for i := range res {
		if res[i].Kind == PartClientTenants {
			bd = &res[i]
			continue
		}
		out = append(out, res[i])
	}
	if bd == nil {
		return out
	}
	at := 0
	for i, ps := range out {
		if ps.Kind == types.PartSummary {
			at = i + 1
		}
	}
	return append(out[:at], append([]types.PartSettings{*bd}, out[at:]...)...)
}

// clientDataset is what the Summary and the writers read for a client:
// the client's name, its totals (ClientData.KPI: never added up here), the
// oldest tenant data date, the notes, and the reclaim rows of every tenant
// (the Reclaim totals are review's over them).
func clientDataset(cd *ClientData, prev *ClientData, days int) *Dataset {
	d := &Dataset{TenantName: cd.Client.Name, DataDate: cd.DataDate, InactiveDays: days,
		Currency: cd.KPI.Currency, KPI: cd.KPI, Notes: append([]string(nil), cd.Notes...)}
	for _, cur := range cd.Tenants {
		d.RunIDs = append(d.RunIDs, cur.Data.RunIDs...)
		d.Reclaim = append(d.Reclaim, cur.Data.Reclaim...)
	}
	if prev != nil {
		d.Prev, d.PrevDate = &prev.KPI, &prev.DataDate
	}
	return d
}

// clientDocument lays out a client's figures; the caller sets Parts.
func clientDocument(title string, cd *ClientData, prev *ClientData, trend []TrendPoint, days int, vw *docViews) *Document {
	d := clientDataset(cd, prev, days)
	if len(trend) == 0 {
		d.Notes = append(d.Notes, "Trend: no stored run figures for the client's tenants")
	}
	return &Document{Title: title, Data: d, Registry: clientRegistryWith(cd, trend, days, vw), Client: cd}
}

// spanPart is a tenant part over every tenant of a client: the tenant
// part's own columns and rows per tenant dataset, after a Tenant column.
type spanPart struct {
	inner Part
	cd    *ClientData
}

func (p *spanPart) Kind() types.PartKind { return p.inner.Kind() }
func (p *spanPart) DefaultLabel() string { return p.inner.DefaultLabel() }
func (p *spanPart) Columns() []Column    { return p.inner.Columns() }

func (p *spanPart) Table(_ *Dataset, ps types.PartSettings) Table {
	var parts []Table
	var names []string
	if p.cd != nil {
		for _, cur := range p.cd.Tenants {
			parts = append(parts, p.inner.Table(cur.Data, ps))
			names = append(names, cur.Tenant.DisplayName)
		}
	}
	var cols []Column
	if len(parts) > 0 {
		cols = parts[0].Columns
	} else {
		cols = p.inner.Table(&Dataset{}, ps).Columns
	}
	t := Table{Kind: p.inner.Kind(), Label: labelOr(ps.Label, p.inner.DefaultLabel()),
		Columns: append([]Column{{Key: "tenant", Label: TenantColumn, Kind: KindText, Width: 24}}, cols...)}
	uniqueLabels(t.Columns)
	starts := make([]int, len(parts)+1)
	for i, pt := range parts {
		starts[i+1] = starts[i] + pt.Len
	}
	t.Len = starts[len(parts)]
	t.Row = func(i int, dst []Cell) {
		seg := sort.Search(len(parts), func(k int) bool { return starts[k+1] > i })
		dst[0] = textCell(names[seg])
		parts[seg].Row(i-starts[seg], dst[1:])
	}
	return t
}

// breakdown is the per-tenant table: each tenant's own KPIs from its
// dataset, as in its own Summary (and as the all-tenants workbook shows).
type breakdown struct {
	inner Part
	days  int
}

// The breakdown's inactivity labels; the threshold is added when the table
// is laid out (as the Summary does), not stored in a layout.
const (
	inactiveBase         = "Inactive Accounts"
	inactiveLicensedBase = "Inactive Licensed Accounts"
)

// breakdownShown are the breakdown columns shown by default.
var breakdownShown = map[string]bool{"tenant": true, "dataDate": true, "users": true, "licensed": true, "guests": true,
	"mfaCoverage": true, "unused": true, "monthlySpend": true, "reclaimUsers": true, "monthlyWaste": true,
	"inactive": true, "note": true}

func breakdownPart(cd *ClientData, days int) Part {
	var rows []*TenantRow
	if cd != nil {
		for _, cur := range cd.Tenants {
			rows = append(rows, &TenantRow{Tenant: cur.Tenant, HasData: true, DataDate: cur.Data.DataDate, KPI: cur.Data.KPI})
		}
		for _, t := range cd.Unsynced {
			rows = append(rows, &TenantRow{Tenant: t, Note: "Not synced yet: not in the totals"})
		}
	}
	return breakdown{inner: tenantsPart(rows, days), days: days}
}

func (breakdown) Kind() types.PartKind { return PartClientTenants }
func (breakdown) DefaultLabel() string { return "Tenants" }
func (b breakdown) Columns() []Column {
	cols := b.inner.Columns()
	for i := range cols {
		cols[i].Hidden = !breakdownShown[cols[i].Key]
		switch cols[i].Key {
		case "inactive":
			cols[i].Label = inactiveBase
		case "inactiveLicensed":
			cols[i].Label = inactiveLicensedBase
		}
	}
	return cols
}

func (b breakdown) Table(d *Dataset, ps types.PartSettings) Table {
	t := b.inner.Table(d, ps)
	t.Kind, t.Label = PartClientTenants, labelOr(ps.Label, "Tenants")
	for i, c := range t.Columns {
		switch {
		case c.Key == "inactive" && c.Label == inactiveBase:
			t.Columns[i].Label = InactiveLabel(b.days)
		case c.Key == "inactiveLicensed" && c.Label == inactiveLicensedBase:
			t.Columns[i].Label = InactiveLicensedLabel(b.days)
		}
	}
	return t
}

// MatchLabel is how the Contacts part names a merge category.
func MatchLabel(m string) string {
	switch derive.MatchKind(m) {
	case derive.MatchMatched:
		return "Matched"
	case derive.MatchContactOnly:
		return "Contact only"
	case derive.MatchAccountOnly:
		return "Account only"
	}
	return m
}

func boolPtrCell(b *bool) Cell {
	if b == nil {
		return Cell{Kind: KindBool, Null: true}
	}
	return boolCell(*b)
}

type cc = colDef[*review.ContactRow]

func ccol(key, label string, kind CellKind, width float64, hidden bool, get func(*review.ContactRow) Cell) cc {
	return cc{Column: Column{Key: key, Label: label, Kind: kind, Width: width, Hidden: hidden},
		get: func(_ *Dataset, r *review.ContactRow) Cell { return get(r) }}
}

// contactsPart is one row per merged record, in the merge's order.
func contactsPart(cd *ClientData) Part {
	return &tablePart[*review.ContactRow]{
		kind: PartContacts, label: "Contacts",
		rows: func(*Dataset) []*review.ContactRow {
			if cd == nil {
				return nil
			}
			out := make([]*review.ContactRow, len(cd.Rows))
			for i := range cd.Rows {
				out[i] = &cd.Rows[i]
			}
			return out
		},
		cols: []cc{
			ccol("match", "Match", KindText, 14, false, func(r *review.ContactRow) Cell { return textCell(MatchLabel(r.Match)) }),
			ccol("email", "Email", KindText, 32, false, func(r *review.ContactRow) Cell { return textCell(r.Email) }),
			ccol("upn", "User Principal Name", KindText, 36, false, func(r *review.ContactRow) Cell { return textCell(r.UserPrincipalName) }),
			ccol("contactName", "Contact Name", KindText, 26, false, func(r *review.ContactRow) Cell { return textCell(r.ContactName) }),
			ccol("tenant", TenantColumn, KindText, 24, false, func(r *review.ContactRow) Cell { return textCell(r.TenantName) }),
			ccol("licenses", "Licenses", KindText, 40, false, func(r *review.ContactRow) Cell { return textCell(r.Licenses) }),
			ccol("mfaStatus", "MFA Status", KindMFA, 12, false, func(r *review.ContactRow) Cell {
				if r.MFAStatus == "" {
					return textCell("")
				}
				return Cell{Kind: KindMFA, Text: r.MFAStatus}
			}),
			ccol("accountEnabled", "Account Enabled", KindBool, 10, false, func(r *review.ContactRow) Cell { return boolPtrCell(r.AccountEnabled) }),
			// Hidden by default.
			ccol("displayName", "Display Name", KindText, 28, true, func(r *review.ContactRow) Cell { return textCell(r.DisplayName) }),
			ccol("contactActive", "Contact Active", KindBool, 10, true, func(r *review.ContactRow) Cell { return boolPtrCell(r.ContactActive) }),
			ccol("deleted", "Account Deleted", KindBool, 10, true, func(r *review.ContactRow) Cell { return boolCell(r.Deleted) }),
			ccol("conflicts", "Conflicts", KindText, 30, true, func(r *review.ContactRow) Cell { return textCell(strings.Join(r.Conflicts, "; ")) }),
		},
	}
}

// FindingLabel is how the Findings part names a finding kind
// ("licensed_account_without_contact" → "Licensed account without contact").
func FindingLabel(k derive.FindingKind) string {
	s := strings.ReplaceAll(string(k), "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

type fc = colDef[*derive.Finding]

// findingsPart lists the reconciliation findings.
func findingsPart(cd *ClientData) Part {
	names := map[string]string{}
	if cd != nil {
		for _, cur := range cd.Tenants {
			names[cur.Tenant.ID] = cur.Tenant.DisplayName
		}
	}
	col := func(key, label string, width float64, hidden bool, get func(*derive.Finding) string) fc {
		return fc{Column: Column{Key: key, Label: label, Kind: KindText, Width: width, Hidden: hidden},
			get: func(_ *Dataset, f *derive.Finding) Cell { return textCell(get(f)) }}
	}
	return &tablePart[*derive.Finding]{
		kind: PartFindings, label: "Findings",
		rows: func(*Dataset) []*derive.Finding {
			if cd == nil {
				return nil
			}
			out := make([]*derive.Finding, len(cd.Findings))
			for i := range cd.Findings {
				out[i] = &cd.Findings[i]
			}
			return out
		},
		cols: []fc{
			col("kind", "Finding", 30, false, func(f *derive.Finding) string { return FindingLabel(f.Kind) }),
			col("sentence", "Detail", 80, false, func(f *derive.Finding) string { return f.Sentence }),
			col("tenant", TenantColumn, 24, false, func(f *derive.Finding) string { return names[f.TenantID] }),
			col("kindKey", "Finding Key", 30, true, func(f *derive.Finding) string { return string(f.Kind) }),
		},
	}
}
