package review

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"tenantlens/backend/derive"
	"tenantlens/backend/types"
)

// TrendRange is how far back a trend goes.
type TrendRange string

const (
	RangeQuarter TrendRange = "quarter" // the last 3 months
	RangeYear    TrendRange = "year"    // the last 12 months
	RangeAll     TrendRange = "all"     // every stored run
)

// ParseTrendRange reads a range name ("" is a quarter).
func ParseTrendRange(v string) (TrendRange, error) {
	switch r := TrendRange(strings.ToLower(strings.TrimSpace(v))); r {
	case "":
		return RangeQuarter, nil
	case RangeQuarter, RangeYear, RangeAll:
		return r, nil
	}
	return "", fmt.Errorf("unknown range %q: use quarter, year or all", v)
}

// Since is the first moment of the range ending at now (zero for all).
func (r TrendRange) Since(now time.Time) time.Time {
	switch r {
	case RangeYear:
		return now.AddDate(-1, 0, 0)
	case RangeAll:
		return time.Time{}
	}
	return now.AddDate(0, -3, 0)
}

// TrendPoint is one point of a trend: a tenant's run, or a client's day.
type TrendPoint struct {
	// Day is the UTC calendar day; At the run's time (tenant) or the
	// latest run time summed that day (client).
	Day string `json:"day"`
	At  string `json:"at"`
	// RunIDs are the runs the point comes from (a client: each tenant's
	// latest run at the end of the day).
	RunIDs []int64 `json:"runIds"`
	// Tenants counts the tenants in a client's point (1 for a tenant).
	Tenants        int     `json:"tenants"`
	Users          int     `json:"users"`
	Licensed       int     `json:"licensed"`
	MFARegistered  int     `json:"mfaRegistered"`
	MFAEligible    int     `json:"mfaEligible"`
	MFAAvailable   bool    `json:"mfaAvailable"`
	MFACoveragePct float64 `json:"mfaCoveragePct"`
	UnusedLicenses int     `json:"unusedLicenses"`
	// MonthlyCost is purchased × today's monthly price, in Currency
	// (0 and not shown when Currency is "" or MIXED).
	MonthlyCost float64 `json:"monthlyCost"`
	Currency    string  `json:"currency"`
}

// Trend is a tenant's or a client's figures over its stored runs.
type Trend struct {
	Scope    string       `json:"scope"` // tenant | client
	TenantID string       `json:"tenantId"`
	ClientID int64        `json:"clientId"`
	Name     string       `json:"name"`
	Range    TrendRange   `json:"range"`
	Since    string       `json:"since"`    // first day of the range ("" for all)
	Currency string       `json:"currency"` // the rule over every point
	Points   []TrendPoint `json:"points"`   // oldest first
	Notes    []string     `json:"notes"`
}

// TrendPrices is the price knowledge a trend's money and free-SKU rule use:
// today's effective prices (lower-case SKU ID keyed, store.EffectivePrices)
// and part numbers by lower-case SKU ID (from the prices and the tenant's
// current snapshot; a stored run keeps only SKU IDs).
type TrendPrices struct {
	Prices map[string]types.Price
	Parts  map[string]string
}

func (p TrendPrices) part(sku string) string {
	if pr, ok := p.Prices[sku]; ok && pr.PartNumber != "" {
		return pr.PartNumber
	}
	return p.Parts[sku]
}

// RunKPIs is a stored run's figures as KPIs (the part a run keeps): users,
// licensed and MFA exactly as stored; unused licences as stored (free
// SKUs by part number left out) less SKUs priced at 0 today (review's
// free-SKU rule, isFree); monthly spend = Σ purchased × today's monthly
// price over the paid SKUs, in the currency of the run's priced SKUs
// (CurrencyOf: with several, 0 and MIXED). Money therefore uses today's
// price list, not the prices of the day of the run.
func RunKPIs(m types.Metrics, p TrendPrices) KPIs {
	k := KPIs{Users: m.Users, Licensed: m.Licensed, Guests: m.Guests, Disabled: m.Disabled,
		MFARegistered: m.MFARegistered, MFAEligible: m.MFAEligible, MFAAvailable: m.MFAEligible > 0,
		Unused: m.UnusedLicenses, Inactive: -1}
	if m.MFAEligible > 0 {
		k.MFACoverage = float64(m.MFARegistered) / float64(m.MFAEligible)
	}
	skus := make([]string, 0, len(m.EnabledBySKU))
	for id := range m.EnabledBySKU {
		skus = append(skus, id)
	}
	sort.Strings(skus)
	var cs []string
	for _, id := range skus {
		if pr, ok := p.Prices[strings.ToLower(id)]; ok {
			cs = append(cs, pr.Currency)
		}
	}
	k.Currency = CurrencyOf(cs...)
	for _, id := range skus {
		lid := strings.ToLower(id)
		enabled, consumed := m.EnabledBySKU[id], m.ConsumedBySKU[id]
		pr, priced := p.Prices[lid]
		part := p.part(lid)
		if priced && pr.UnitPrice == 0 && !derive.IsFreeSKU(part) && enabled > consumed {
			k.Unused -= enabled - consumed // free by its price: not an unused licence
		}
		if !priced || derive.IsFreeSKU(part) || pr.UnitPrice == 0 || !HasMoney(k.Currency) || pr.Currency != k.Currency {
			continue
		}
		k.MonthlySpend += roundCents(float64(enabled) * pr.Monthly())
	}
	k.MonthlySpend = roundCents(k.MonthlySpend)
	return k
}

func pointOf(k KPIs) TrendPoint {
	p := TrendPoint{Users: k.Users, Licensed: k.Licensed, MFARegistered: k.MFARegistered,
		MFAEligible: k.MFAEligible, MFAAvailable: k.MFAAvailable, UnusedLicenses: k.Unused, Currency: k.Currency}
	if k.MFAAvailable {
		p.MFACoveragePct = Pct(k.MFARegistered, k.MFAEligible)
	}
	if HasMoney(k.Currency) {
		p.MonthlyCost = k.MonthlySpend
	}
	return p
}

// BuildTenantTrend is one point per stored run (ms oldest first) from the
// run's metrics (RunKPIs), keeping the runs at or after since.
func BuildTenantTrend(ms []types.Metrics, p TrendPrices, since time.Time) []TrendPoint {
	out := []TrendPoint{}
	for _, m := range ms {
		if m.At.Before(since) {
			continue
		}
		pt := pointOf(RunKPIs(m, p))
		pt.Day, pt.At, pt.RunIDs, pt.Tenants = dayOf(m.At), rfcv(m.At), []int64{m.RunID}, 1
		out = append(out, pt)
	}
	return out
}

// TenantHistory is one tenant's stored run metrics (oldest first) with
// the prices its money uses.
type TenantHistory struct {
	TenantID string
	Metrics  []types.Metrics
	Prices   TrendPrices
}

// BuildClientTrend is one point per UTC day on which any of the tenants
// ran: each tenant's latest run at the end of that day (a tenant with no
// run that day carries its last value; one that has not run yet is left
// out), added up with SumKPIs. Days before since are left out.
func BuildClientTrend(hs []TenantHistory, since time.Time) []TrendPoint {
	days := map[string]time.Time{}
	for _, h := range hs {
		for _, m := range h.Metrics {
			d := dayOf(m.At)
			if _, ok := days[d]; !ok {
				t, _ := time.Parse(time.DateOnly, d)
				days[d] = t
			}
		}
	}
	order := make([]string, 0, len(days))
	for d := range days {
		order = append(order, d)
	}
	sort.Strings(order)
	sinceDay := ""
	if !since.IsZero() {
		sinceDay = dayOf(since)
	}
	out := []TrendPoint{}
	for _, d := range order {
		if d < sinceDay {
			continue
		}
		end := days[d].AddDate(0, 0, 1)
		var parts []KPIs
		var runs []int64
		var last time.Time
		for _, h := range hs {
			ms := h.Metrics
			i := sort.Search(len(ms), func(k int) bool { return !ms[k].At.Before(end) })
			if i == 0 {
				continue
			}
			m := ms[i-1]
			parts = append(parts, RunKPIs(m, h.Prices))
			runs = append(runs, m.RunID)
			if m.At.After(last) {
				last = m.At
			}
		}
		pt := pointOf(SumKPIs(parts))
		pt.Day, pt.At, pt.RunIDs, pt.Tenants = d, rfcv(last), runs, len(parts)
		out = append(out, pt)
	}
	return out
}

func trendCurrency(ps []TrendPoint) string {
	cs := make([]string, 0, len(ps))
	for _, p := range ps {
		cs = append(cs, p.Currency)
	}
	return CurrencyOf(cs...)
}

// tenantHistory reads a tenant's metrics and today's prices.
func (s *Service) tenantHistory(ctx context.Context, h History, t types.Tenant) (TenantHistory, error) {
	ms, err := h.MetricsHistory(ctx, t.ID)
	if err != nil {
		return TenantHistory{}, err
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].At.Before(ms[j].At) })
	prices, err := s.Src.EffectivePrices(ctx, t.ID)
	if err != nil {
		return TenantHistory{}, err
	}
	parts := map[string]string{}
	if t.CurrentRunID != 0 {
		if snap, err := s.snapshot(ctx, t.CurrentRunID); err == nil {
			for _, k := range snap.SKUs {
				parts[strings.ToLower(k.SkuID)] = k.PartNumber
			}
		}
	}
	return TenantHistory{TenantID: t.ID, Metrics: ms, Prices: TrendPrices{Prices: prices, Parts: parts}}, nil
}

func newTrend(scope string, r TrendRange, now time.Time) (Trend, time.Time) {
	since := r.Since(now)
	tr := Trend{Scope: scope, Range: r, Notes: []string{}}
	if !since.IsZero() {
		tr.Since = dayOf(since)
	}
	return tr, since
}

// TenantTrend is a tenant's MFA coverage, licensed users, unused licences
// and monthly cost over its stored runs in the range (one point per run).
// Money uses today's price list (see RunKPIs).
func (s *Service) TenantTrend(ctx context.Context, tenantID string, r TrendRange) (Trend, error) {
	h, err := s.history()
	if err != nil {
		return Trend{}, err
	}
	t, err := s.Src.Tenant(ctx, tenantID)
	if err != nil {
		return Trend{}, err
	}
	th, err := s.tenantHistory(ctx, h, t)
	if err != nil {
		return Trend{}, err
	}
	tr, since := newTrend("tenant", r, time.Now())
	tr.TenantID, tr.Name = t.ID, t.DisplayName
	tr.Points = BuildTenantTrend(th.Metrics, th.Prices, since)
	tr.Currency = trendCurrency(tr.Points)
	if len(th.Metrics) == 0 {
		tr.Notes = append(tr.Notes, "no sync has succeeded yet: use Sync now to start the history")
	} else if len(tr.Points) == 0 {
		tr.Notes = append(tr.Notes, "no sync in this range: choose a longer range")
	}
	tr.Notes = append(tr.Notes, "costs use today's price list")
	return tr, nil
}

// ClientTrend is a client's trend: per day, its tenants' latest runs added
// up with SumKPIs' rules (BuildClientTrend). Money uses today's price list.
func (s *Service) ClientTrend(ctx context.Context, clientID int64, r TrendRange) (Trend, error) {
	if s.Clients == nil {
		return Trend{}, ErrNoClients
	}
	h, err := s.history()
	if err != nil {
		return Trend{}, err
	}
	c, err := s.Clients.Client(ctx, clientID)
	if err != nil {
		return Trend{}, err
	}
	tr, since := newTrend("client", r, time.Now())
	tr.ClientID, tr.Name = c.ID, c.Name
	var hs []TenantHistory
	for _, id := range c.TenantIDs {
		t, err := s.Src.Tenant(ctx, id)
		if err != nil {
			return Trend{}, err
		}
		th, err := s.tenantHistory(ctx, h, t)
		if err != nil {
			return Trend{}, err
		}
		if len(th.Metrics) == 0 {
			tr.Notes = append(tr.Notes, t.DisplayName+": not synced yet, so it is not in the figures")
		}
		hs = append(hs, th)
	}
	tr.Points = BuildClientTrend(hs, since)
	tr.Currency = trendCurrency(tr.Points)
	if len(tr.Points) == 0 {
		tr.Notes = append(tr.Notes, "no sync in this range: choose a longer range")
	}
	tr.Notes = append(tr.Notes, "costs use today's price list")
	return tr, nil
}
