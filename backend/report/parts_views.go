package report

import (
	"context"
	"strings"

	"tenantlens/backend/catalog"
	"tenantlens/backend/derive"
	"tenantlens/backend/review"
	"tenantlens/backend/types"
)

// The licensing and security parts (Renewals, Right-size, Assignment
// errors, Security, and the Users/MFA columns they add) show review's views
// — the same builders the window and the CLI use — computed over exactly
// the runs, prices and date a document froze: review is given a Source
// that serves only the frozen snapshots (as each tenant's current run), the
// frozen prices, and the Secure Score history up to the frozen run. Nothing
// live enters a version's figures.

// tenantViews are review's views of one tenant of a document.
type tenantViews struct {
	users     map[string]*review.UserRow // by user id
	renewals  review.RenewalsView
	states    review.LicenseStatesView
	rightSize review.RightSizeView
	posture   review.Posture
}

// docViews are the views of every tenant of a document; nil when the
// document was built from a dataset alone (the parts are then empty).
type docViews struct {
	byTenant map[string]*tenantViews // lower-case tenant id
}

// of is the views of a dataset's tenant (nil when none).
func (v *docViews) of(d *Dataset) *tenantViews {
	if v == nil || d == nil {
		return nil
	}
	return v.byTenant[strings.ToLower(d.TenantID)]
}

// user is a user's review row (nil when unknown).
func (v *docViews) user(d *Dataset, id string) *review.UserRow {
	if tv := v.of(d); tv != nil {
		return tv.users[id]
	}
	return nil
}

// frozenTenant is one tenant as a document froze it.
type frozenTenant struct {
	tenant types.Tenant // CurrentRunID is the frozen run
	snap   *types.Snapshot
	prices map[string]types.Price // lower-case SKU id
	names  map[string]string      // frozen SKU names, lower-case SKU id
}

// frozenSource is review.Source (and review.ScoreSource) over frozen
// tenants only.
type frozenSource struct {
	src     Source // the store: Secure Score history
	tenants []frozenTenant
}

func (f *frozenSource) find(id string) (*frozenTenant, bool) {
	for i := range f.tenants {
		if strings.EqualFold(f.tenants[i].tenant.ID, id) {
			return &f.tenants[i], true
		}
	}
	return nil, false
}

func (f *frozenSource) Tenant(_ context.Context, id string) (types.Tenant, error) {
	if t, ok := f.find(id); ok {
		return t.tenant, nil
	}
	return types.Tenant{}, ErrNoData
}

func (f *frozenSource) Tenants(context.Context) ([]types.Tenant, error) {
	out := make([]types.Tenant, len(f.tenants))
	for i, t := range f.tenants {
		out[i] = t.tenant
	}
	return out, nil
}

func (f *frozenSource) Snapshot(ctx context.Context, runID int64) (*types.Snapshot, error) {
	for _, t := range f.tenants {
		if t.tenant.CurrentRunID == runID {
			return t.snap, nil
		}
	}
	return f.src.Snapshot(ctx, runID)
}

func (f *frozenSource) EffectivePrices(_ context.Context, id string) (map[string]types.Price, error) {
	if t, ok := f.find(id); ok {
		return t.prices, nil
	}
	return map[string]types.Price{}, nil
}

// SecureScoreHistory is the stored history up to the frozen run's newest
// day: a later sync's days never enter a version.
func (f *frozenSource) SecureScoreHistory(ctx context.Context, id string) ([]types.SecureScoreDay, error) {
	ss, ok := f.src.(review.ScoreSource)
	t, found := f.find(id)
	if !ok || !found {
		return nil, nil
	}
	hist, err := ss.SecureScoreHistory(ctx, t.tenant.ID)
	if err != nil {
		return nil, err
	}
	upTo := scoreDayBound(t.snap)
	out := hist[:0:0]
	for _, d := range hist {
		if d.Day <= upTo {
			out = append(out, d)
		}
	}
	return out, nil
}

// scoreDayBound is the newest Secure Score day a run can show: the newest
// day it read, else its data date (Secure Score is read once a day).
func scoreDayBound(snap *types.Snapshot) string {
	bound := ""
	if sec := snap.Security; sec != nil {
		for _, d := range sec.ScoreDays {
			if d.Day > bound {
				bound = d.Day
			}
		}
	}
	if bound == "" {
		bound = SnapshotDate(snap).Format("2006-01-02")
	}
	return bound
}

// frozenNamer names SKUs as the version froze them; other SKUs (a
// right-size suggestion the tenant does not own) by the catalog.
type frozenNamer struct {
	names map[string]string
	inner Namer
}

func (n frozenNamer) Name(skuID, partNumber string) string {
	if s, ok := n.names[strings.ToLower(skuID)]; ok && s != "" {
		return s
	}
	if n.inner != nil {
		return n.inner.Name(skuID, partNumber)
	}
	if partNumber != "" {
		return partNumber
	}
	return skuID
}

// frozenPlanNamer is a frozenNamer whose catalog also gives service plans
// (right-sizing needs them).
type frozenPlanNamer struct {
	frozenNamer
	plans derive.PlanSource
}

func (n frozenPlanNamer) ServicePlans(skuID string) []catalog.ServicePlan {
	return n.plans.ServicePlans(skuID)
}

func (s *Service) namerFor(names map[string]string) review.Namer {
	fn := frozenNamer{names: names, inner: s.names}
	if p, ok := s.names.(derive.PlanSource); ok && s.names != nil {
		return frozenPlanNamer{frozenNamer: fn, plans: p}
	}
	return fn
}

// priceListTenant marks the price-list entries a version freezes beside
// its SKUs (the candidates of right-sizing: suites the tenant may not own),
// so Build never mistakes them for the tenant's SKUs.
func priceListTenant(tenantID string) string {
	return "@prices:" + strings.ToLower(tenantID)
}

// freezePriceList records the prices of prices' SKUs the snapshot lacks,
// marked as the tenant's price list.
func freezePriceList(snap *types.Snapshot, prices map[string]types.Price, tenantID string) []types.VersionSKU {
	own := map[string]bool{}
	for _, k := range snap.SKUs {
		own[strings.ToLower(k.SkuID)] = true
	}
	var out []types.VersionSKU
	for id, p := range prices {
		if own[strings.ToLower(id)] {
			continue
		}
		out = append(out, types.VersionSKU{TenantID: priceListTenant(tenantID), SkuID: strings.ToLower(id), PartNumber: p.PartNumber,
			Name: p.PartNumber, Priced: true, UnitPrice: p.UnitPrice, Currency: p.Currency, Billing: p.Billing,
			TermStart: p.TermStart, TermEnd: p.TermEnd, Override: p.TenantID != ""})
	}
	return out
}

// ownSKUs are a version's SKUs of one tenant ("" in a tenant report),
// without the price-list entries.
func ownSKUs(skus []types.VersionSKU, tenantID string) []types.VersionSKU {
	out := make([]types.VersionSKU, 0, len(skus))
	for _, k := range skus {
		if strings.EqualFold(k.TenantID, tenantID) {
			out = append(out, k)
		}
	}
	return out
}

// frozenPrices are the prices a version froze for a tenant: its SKUs'
// (as FreezeSKUs recorded them) and its price list's.
func frozenPrices(skus []types.VersionSKU, tenantID, listKey string) (map[string]types.Price, map[string]string) {
	prices, names := map[string]types.Price{}, map[string]string{}
	for _, k := range skus {
		own := strings.EqualFold(k.TenantID, tenantID)
		if !own && !strings.EqualFold(k.TenantID, priceListTenant(listKey)) {
			continue
		}
		id := strings.ToLower(k.SkuID)
		if own {
			names[id] = k.Name
		}
		if !k.Priced {
			continue
		}
		p := types.Price{SkuID: id, PartNumber: k.PartNumber, UnitPrice: k.UnitPrice, Currency: k.Currency, Billing: k.Billing,
			TermStart: k.TermStart, TermEnd: k.TermEnd}
		if k.Override {
			p.TenantID = listKey
			if p.TenantID == "" {
				p.TenantID = "tenant"
			}
		}
		prices[id] = p
	}
	return prices, names
}

// liveTenant is a tenant's current run with today's prices (live
// documents).
func (s *Service) liveTenant(ctx context.Context, t types.Tenant, snap *types.Snapshot) (frozenTenant, error) {
	prices, err := s.repo.EffectivePrices(ctx, t.ID)
	if err != nil {
		return frozenTenant{}, err
	}
	t.CurrentRunID = snap.Run.ID
	names := map[string]string{}
	for _, k := range FreezeSKUs(snap, prices, s.names) {
		names[k.SkuID] = k.Name
	}
	return frozenTenant{tenant: t, snap: snap, prices: prices, names: names}, nil
}

// computeViews runs review's builders over the frozen tenants at the
// document's inactivity threshold.
func (s *Service) computeViews(ctx context.Context, ts []frozenTenant, days int) (*docViews, error) {
	names := map[string]string{}
	for _, t := range ts {
		for id, n := range t.names {
			names[id] = n
		}
	}
	fs := &frozenSource{src: s.src, tenants: ts}
	rv := &review.Service{Src: fs, Names: s.namerFor(names), InactiveDays: days, Cache: review.NewCache()}
	out := &docViews{byTenant: map[string]*tenantViews{}}
	for _, t := range ts {
		id := t.tenant.ID
		tv := &tenantViews{users: map[string]*review.UserRow{}}
		users, err := rv.Users(ctx, id)
		if err != nil {
			return nil, err
		}
		for i := range users.Rows {
			tv.users[users.Rows[i].ID] = &users.Rows[i]
		}
		if tv.renewals, err = rv.Renewals(ctx, id); err != nil {
			return nil, err
		}
		if tv.states, err = rv.LicenseStates(ctx, id); err != nil {
			return nil, err
		}
		if tv.rightSize, err = rv.RightSize(ctx, id, days); err != nil {
			return nil, err
		}
		if tv.posture, err = rv.Posture(ctx, id); err != nil {
			return nil, err
		}
		out.byTenant[strings.ToLower(id)] = tv
	}
	return out, nil
}

// tenantOfSnap is the tenant a frozen run describes, with that run as its
// current one.
func tenantOfSnap(snap *types.Snapshot) types.Tenant {
	t := types.Tenant{ID: snap.TenantID, DisplayName: snap.TenantName, DefaultDomain: snap.DefaultDomain, CurrentRunID: snap.Run.ID}
	if t.DisplayName == "" {
		t.DisplayName = snap.TenantID
	}
	return t
}

// versionViews are a tenant version's views: its run, its frozen prices
// (and price list) and threshold.
func (s *Service) versionViews(ctx context.Context, v types.ReportVersion, snap *types.Snapshot) (*docViews, error) {
	prices, names := frozenPrices(v.SKUs, "", "")
	return s.computeViews(ctx, []frozenTenant{{tenant: tenantOfSnap(snap), snap: snap, prices: prices, names: names}}, v.InactiveDays)
}

// clientVersionViews are a client version's views over its frozen runs.
func (s *Service) clientVersionViews(ctx context.Context, v types.ReportVersion, cd *ClientData) (*docViews, error) {
	var ts []frozenTenant
	for _, cur := range cd.Tenants {
		prices, names := frozenPrices(v.SKUs, cur.Tenant.ID, cur.Tenant.ID)
		ts = append(ts, frozenTenant{tenant: cur.Tenant, snap: cur.Snap, prices: prices, names: names})
	}
	return s.computeViews(ctx, ts, v.InactiveDays)
}

// liveViews are the views of tenants' current runs with today's prices.
func (s *Service) liveViews(ctx context.Context, curs []*review.Current, days int) (*docViews, error) {
	var ts []frozenTenant
	for _, cur := range curs {
		ft, err := s.liveTenant(ctx, cur.Tenant, cur.Snap)
		if err != nil {
			return nil, err
		}
		ts = append(ts, ft)
	}
	return s.computeViews(ctx, ts, days)
}
