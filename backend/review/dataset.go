package report

import (
	"math"
	"sort"
	"strings"
	"time"

	"tenantlens/backend/derive"
	"tenantlens/backend/types"
)

// Namer gives the friendly licence name of a SKU; *catalog.Catalog is one.
type Namer interface {
	Name(skuID, partNumber string) string
}

// isFreeSKU: see derive.IsFreeSKU (metrics and reports agree on it).
func isFreeSKU(partNumber string) bool { return derive.IsFreeSKU(partNumber) }

// LicenseRow is one subscribed SKU with its costs (monthly, in Currency).
type LicenseRow struct {
	SkuID, PartNumber, Name, Status string
	Purchased, Suspended, Warning   int
	Assigned, Available             int
	Free, Priced, Override          bool
	UnitPrice                       float64 // per licence per month
	Billing                         types.BillingFrequency
	TermStart, TermEnd              *time.Time
	MonthlyCost, UnusedCost         float64
}

// userRow is a listed (not deleted) user with derived licence facts.
type userRow struct {
	U             *types.User
	LicenseNames  string // "; "-joined friendly names
	LicenseValues string // "; "-joined part numbers
	MonthlyCost   float64
	Licensed      bool
}

// KPIs are the figures of the Summary and of quarter-over-quarter deltas.
// Definitions:
//   - Users, Licensed, Guests, Disabled, MFA registered/eligible/coverage:
//     exactly derive.ComputeMetrics' (non-deleted users; coverage =
//     Enabled / (Enabled + Disabled)). Coverage is not shown when the
//     tenant's MFA data was unavailable.
//   - Purchased/Assigned/Unused/Utilization: over paid SKUs (see freeSKUs).
//   - Monthly spend: purchased × monthly unit price; annual = 12 × monthly.
//   - Monthly waste: unused licence cost + reclaimable cost.
type KPIs struct {
	Users, Licensed, Guests, Disabled int
	MFARegistered, MFAEligible        int
	MFAAvailable                      bool
	MFACoverage                       float64
	Purchased, Assigned, Unused       int
	Utilization                       float64
	MonthlySpend, AnnualSpend         float64
	UnusedCost, ReclaimCost           float64
	MonthlyWaste                      float64
	ReclaimUsers                      int
	Currency                          string
}

// Dataset is everything one report version shows, computed once.
type Dataset struct {
	TenantID, TenantName, DefaultDomain string
	DataDate                            time.Time
	RunIDs                              []int64
	Flags                               types.SnapshotFlags
	InactiveDays                        int
	Currency                            string
	Users                               []userRow
	Licenses                            []LicenseRow
	Reclaim                             []ReclaimRow
	KPI                                 KPIs
	Prev                                *KPIs // previous version, for deltas
	PrevDate                            *time.Time
	Notes                               []string // what the data could not show
	skus                                map[string]types.VersionSKU
}

// SnapshotDate is the moment a snapshot describes: when its run finished,
// else when it started.
func SnapshotDate(s *types.Snapshot) time.Time {
	if s.Run.FinishedAt != nil && !s.Run.FinishedAt.IsZero() {
		return s.Run.FinishedAt.UTC()
	}
	return s.Run.StartedAt.UTC()
}

// FreezeSKUs records, for every SKU of the snapshot, the name and price a
// version uses: prices are lower-case-skuId keyed (store.EffectivePrices).
func FreezeSKUs(snap *types.Snapshot, prices map[string]types.Price, names Namer) []types.VersionSKU {
	out := make([]types.VersionSKU, 0, len(snap.SKUs))
	for _, s := range snap.SKUs {
		id := strings.ToLower(s.SkuID)
		k := types.VersionSKU{SkuID: id, PartNumber: s.PartNumber, Name: s.PartNumber, Billing: types.BillingMonthly}
		if names != nil {
			k.Name = names.Name(s.SkuID, s.PartNumber)
		}
		if p, ok := prices[id]; ok {
			k.Priced, k.UnitPrice, k.Currency, k.Billing = true, p.UnitPrice, p.Currency, p.Billing
			k.TermStart, k.TermEnd, k.Override = p.TermStart, p.TermEnd, p.TenantID != ""
		}
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SkuID < out[j].SkuID })
	return out
}

func monthlyOf(k types.VersionSKU) float64 {
	if !k.Priced {
		return 0
	}
	if k.Billing == types.BillingAnnual {
		return k.UnitPrice / 12
	}
	return k.UnitPrice
}

func roundCents(v float64) float64 { return math.Round(v*100) / 100 }

// Build computes a dataset from a snapshot and the SKU names and prices a
// version froze. inactiveDays <= 0 means the default (90).
func Build(snap *types.Snapshot, skus []types.VersionSKU, inactiveDays int) *Dataset {
	if inactiveDays <= 0 {
		inactiveDays = types.DefaultInactiveDays
	}
	d := &Dataset{
		TenantID: snap.TenantID, TenantName: snap.TenantName, DefaultDomain: snap.DefaultDomain,
		DataDate: SnapshotDate(snap), RunIDs: []int64{snap.Run.ID}, Flags: snap.Flags,
		InactiveDays: inactiveDays, skus: make(map[string]types.VersionSKU, len(skus)),
	}
	for _, k := range skus {
		d.skus[strings.ToLower(k.SkuID)] = k
	}
	d.Currency = mainCurrency(skus)
	d.buildLicenses(snap)
	d.buildUsers(snap)
	d.Reclaim = findReclaim(d)
	d.KPI = d.computeKPIs(snap)
	d.notes()
	return d
}

// mainCurrency is the currency most priced SKUs use (ties: alphabetical).
// Costs in other currencies are left out of totals, with a note.
func mainCurrency(skus []types.VersionSKU) string {
	count := map[string]int{}
	for _, k := range skus {
		if k.Priced && k.Currency != "" {
			count[k.Currency]++
		}
	}
	best := ""
	for c, n := range count {
		if n > count[best] || (n == count[best] && c < best) {
			best = c
		}
	}
	return best
}

// sku returns the frozen SKU, and whether its price counts in this
// dataset's currency.
func (d *Dataset) sku(id string) (types.VersionSKU, bool) {
	k, ok := d.skus[strings.ToLower(id)]
	if !ok {
		return types.VersionSKU{SkuID: id, Name: id}, false
	}
	return k, k.Priced && k.Currency == d.Currency
}

// monthly is a SKU's monthly unit price in the dataset currency (0 when
// unpriced or priced in another currency).
func (d *Dataset) monthly(id string) float64 {
	k, ok := d.sku(id)
	if !ok {
		return 0
	}
	return monthlyOf(k)
}

func (d *Dataset) buildLicenses(snap *types.Snapshot) {
	for _, s := range snap.SKUs {
		k, inCur := d.sku(s.SkuID)
		name := k.Name
		if name == "" {
			name = s.PartNumber
		}
		r := LicenseRow{
			SkuID: strings.ToLower(s.SkuID), PartNumber: s.PartNumber, Name: name, Status: s.CapabilityStatus,
			Purchased: s.Enabled, Suspended: s.Suspended, Warning: s.Warning, Assigned: s.Consumed,
			Available: max(0, s.Enabled-s.Consumed), Priced: k.Priced, Override: k.Override,
			Billing: k.Billing, TermStart: k.TermStart, TermEnd: k.TermEnd,
		}
		r.Free = isFreeSKU(s.PartNumber) || (k.Priced && k.UnitPrice == 0)
		if inCur {
			r.UnitPrice = monthlyOf(k)
			r.MonthlyCost = roundCents(float64(r.Purchased) * r.UnitPrice)
			r.UnusedCost = roundCents(float64(r.Available) * r.UnitPrice)
		}
		d.Licenses = append(d.Licenses, r)
	}
	sort.SliceStable(d.Licenses, func(i, j int) bool {
		a, b := d.Licenses[i], d.Licenses[j]
		if a.Free != b.Free {
			return !a.Free
		}
		return strings.ToLower(a.Name) < strings.ToLower(b.Name)
	})
}

func (d *Dataset) buildUsers(snap *types.Snapshot) {
	d.Users = make([]userRow, 0, len(snap.Users))
	var names, values []string
	for i := range snap.Users {
		u := &snap.Users[i]
		if u.Deleted {
			continue
		}
		r := userRow{U: u, Licensed: len(u.Licenses) > 0}
		names, values = names[:0], values[:0]
		for _, l := range u.Licenses {
			k, _ := d.sku(l.SkuID)
			names = append(names, k.Name)
			values = append(values, k.PartNumber)
			r.MonthlyCost += d.monthly(l.SkuID)
		}
		r.LicenseNames, r.LicenseValues = strings.Join(names, "; "), strings.Join(values, "; ")
		r.MonthlyCost = roundCents(r.MonthlyCost)
		d.Users = append(d.Users, r)
	}
	sort.SliceStable(d.Users, func(i, j int) bool {
		a, b := d.Users[i].U, d.Users[j].U
		if la, lb := strings.ToLower(a.DisplayName), strings.ToLower(b.DisplayName); la != lb {
			return la < lb
		}
		return a.UserPrincipalName < b.UserPrincipalName
	})
}

func (d *Dataset) computeKPIs(snap *types.Snapshot) KPIs {
	// User and MFA counts are derive's, so the workbook agrees with the
	// per-run metrics the window and the CLI show.
	m := derive.ComputeMetrics(snap, d.DataDate, nil)
	k := KPIs{
		Currency: d.Currency, MFAAvailable: d.Flags.MFAAvailable,
		Users: m.Users, Licensed: m.Licensed, Guests: m.Guests, Disabled: m.Disabled,
		MFARegistered: m.MFARegistered, MFAEligible: m.MFAEligible, MFACoverage: m.MFACoveragePct / 100,
	}
	for _, l := range d.Licenses {
		if l.Free {
			continue
		}
		k.Purchased += l.Purchased
		k.Assigned += l.Assigned
		k.Unused += l.Available
		k.MonthlySpend += l.MonthlyCost
		k.UnusedCost += l.UnusedCost
	}
	if k.Purchased > 0 {
		k.Utilization = float64(k.Assigned) / float64(k.Purchased)
	}
	for _, r := range d.Reclaim {
		k.ReclaimUsers++
		k.ReclaimCost += r.MonthlyCost
	}
	k.MonthlySpend, k.UnusedCost, k.ReclaimCost = roundCents(k.MonthlySpend), roundCents(k.UnusedCost), roundCents(k.ReclaimCost)
	k.AnnualSpend = roundCents(k.MonthlySpend * 12)
	k.MonthlyWaste = roundCents(k.UnusedCost + k.ReclaimCost)
	return k
}

func (d *Dataset) notes() {
	f := d.Flags
	if !f.MFAAvailable {
		d.Notes = append(d.Notes, "MFA: "+orText(f.MFANote, "registration data could not be read"))
	}
	if !f.SignInAvailable {
		d.Notes = append(d.Notes, "Sign-ins: "+orText(f.SignInNote, "sign-in data was not available"))
	}
	if !f.UsageAvailable {
		d.Notes = append(d.Notes, "Usage: "+orText(f.UsageNote, "usage reports were not available"))
	} else if f.UsageConcealed {
		d.Notes = append(d.Notes, "Usage: user names are concealed in the tenant's usage reports")
	}
	other := map[string]bool{}
	for _, k := range d.skus {
		if k.Priced && k.Currency != d.Currency {
			other[k.Currency] = true
		}
	}
	if len(other) > 0 {
		cs := make([]string, 0, len(other))
		for c := range other {
			cs = append(cs, c)
		}
		sort.Strings(cs)
		d.Notes = append(d.Notes, "Costs: prices in "+strings.Join(cs, ", ")+" are not included in the "+d.Currency+" totals")
	}
}

func orText(s, def string) string {
	if strings.TrimSpace(s) != "" {
		return s
	}
	return def
}
