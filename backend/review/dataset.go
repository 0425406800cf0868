package review

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

// isFree is the one free-SKU rule: a free, viral or self-service SKU
// (derive.IsFreeSKU) or one priced at 0. Free SKUs never count as unused
// licences or as spend.
func isFree(partNumber string, k types.VersionSKU) bool {
	return derive.IsFreeSKU(partNumber) || (k.Priced && k.UnitPrice == 0)
}

// License is one subscribed SKU with its costs (monthly, in Currency).
type License struct {
	SkuID, PartNumber, Name, Status string
	Purchased, Suspended, Warning   int
	Assigned, Available             int
	Free, Priced, Override          bool
	UnitPrice                       float64 // per licence per month
	Billing                         types.BillingFrequency
	TermStart, TermEnd              *time.Time
	MonthlyCost, UnusedCost         float64
}

// UserFacts is a listed (not deleted) user with derived licence facts.
type UserFacts struct {
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
//   - Inactive: inactive accounts (enabled, not a resource account, no
//     sign-in or activity for InactiveDays; see IsInactive), -1 when the
//     snapshot saw neither sign-ins nor usage. InactiveLicensed: the
//     reclaim list's "Inactive" rows (licensed, enabled inactive accounts,
//     without new hires that never signed in).
//   - Money is in Currency (see CurrencyOf); with no price, or prices in
//     several currencies, the money figures are 0 and must not be shown.
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
	Inactive, InactiveLicensed        int
	InactiveDays                      int
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
	Users                               []UserFacts
	// Inactive marks, by index into Users, the inactive accounts.
	Inactive []bool
	Licenses []License
	Reclaim  []ReclaimRow
	KPI      KPIs
	Prev     *KPIs // previous version, for deltas
	PrevDate *time.Time
	Notes    []string // what the data could not show
	skus     map[string]types.VersionSKU
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

// RoundCents rounds money to cents.
func RoundCents(v float64) float64 { return math.Round(v*100) / 100 }

func roundCents(v float64) float64 { return RoundCents(v) }

// Build computes a dataset from a snapshot and the SKU names and prices a
// version froze, with an inactivity threshold in days (<= 0: the default,
// 90). It is the only place tenant figures are computed.
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
	d.Currency = skuCurrency(skus)
	d.buildLicenses(snap)
	d.buildUsers(snap)
	d.Reclaim = findReclaim(d)
	d.KPI = d.computeKPIs(snap)
	d.notes()
	return d
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
		r := License{
			SkuID: strings.ToLower(s.SkuID), PartNumber: s.PartNumber, Name: name, Status: s.CapabilityStatus,
			Purchased: s.Enabled, Suspended: s.Suspended, Warning: s.Warning, Assigned: s.Consumed,
			Available: max(0, s.Enabled-s.Consumed), Priced: k.Priced, Override: k.Override,
			Billing: k.Billing, TermStart: k.TermStart, TermEnd: k.TermEnd,
		}
		r.Free = isFree(s.PartNumber, k)
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
	d.Users = make([]UserFacts, 0, len(snap.Users))
	var names, values []string
	for i := range snap.Users {
		u := &snap.Users[i]
		if u.Deleted {
			continue
		}
		r := UserFacts{U: u, Licensed: len(u.Licenses) > 0}
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
	sig := derive.SignalsOf(d.Flags)
	d.Inactive = make([]bool, len(d.Users))
	for i := range d.Users {
		d.Inactive[i] = IsInactive(d.Users[i].U, d.DataDate, d.InactiveDays, sig)
	}
}

func (d *Dataset) computeKPIs(snap *types.Snapshot) KPIs {
	// User and MFA counts are derive's, so the workbook agrees with the
	// per-run metrics the window and the CLI show.
	m := derive.ComputeMetrics(snap, d.DataDate, nil)
	k := KPIs{
		Currency: d.Currency, MFAAvailable: d.Flags.MFAAvailable, InactiveDays: d.InactiveDays,
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
		if r.Reason == ReasonInactive {
			k.InactiveLicensed++
		}
	}
	k.Inactive = -1
	if derive.SignalsOf(d.Flags).Known() {
		k.Inactive = 0
		for _, in := range d.Inactive {
			if in {
				k.Inactive++
			}
		}
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
	if n := d.currencyNote(); n != "" {
		d.Notes = append(d.Notes, n)
	}
}

func orText(s, def string) string {
	if strings.TrimSpace(s) != "" {
		return s
	}
	return def
}
