package review

import (
	"context"
	"strings"
	"time"

	"tenantlens/backend/derive"
)

// Renewal calendar (issue 13): what renews or expires in the next
// 30/90/365 days, trials ending, subscriptions that need attention, and per
// SKU the paid seats nobody holds and what they cost until the SKU renews.
// The rule is derive.BuildRenewalCalendar; prices follow the dataset's one
// currency rule (a SKU priced in another currency counts as unpriced).

// RenewalRow is one subscription's next lifecycle date.
type RenewalRow struct {
	TenantID       string `json:"tenantId"`
	TenantName     string `json:"tenantName"`
	SubscriptionID string `json:"subscriptionId"`
	SkuID          string `json:"skuId"`
	PartNumber     string `json:"partNumber"`
	Name           string `json:"name"`
	Status         string `json:"status"`
	IsTrial        bool   `json:"isTrial"`
	TotalLicenses  int    `json:"totalLicenses"`
	Date           string `json:"date"`     // RFC 3339; "" when the subscription has none
	DaysLeft       int    `json:"daysLeft"` // whole days from the data date
	// Bucket is 30, 90 or 365 (the smallest window holding Date), 0 when
	// the date has passed or is unknown.
	Bucket int `json:"bucket"`
	// Attention: Warning, Suspended or LockedOut — show it first.
	Attention bool `json:"attention"`
}

// UnusedSeatsRow is a SKU's paid seats nobody holds until its renewal.
type UnusedSeatsRow struct {
	TenantID   string  `json:"tenantId"`
	TenantName string  `json:"tenantName"`
	SkuID      string  `json:"skuId"`
	PartNumber string  `json:"partNumber"`
	Name       string  `json:"name"`
	Purchased  int     `json:"purchased"` // non-trial Enabled + Warning subscriptions
	Consumed   int     `json:"consumed"`
	Unused     int     `json:"unused"`
	RenewsAt   string  `json:"renewsAt"` // "" when unknown
	DaysLeft   int     `json:"daysLeft"`
	Priced     bool    `json:"priced"`
	UnitPrice  float64 `json:"unitPrice"` // monthly, in Currency
	// CostUntilRenewal = Unused × monthly price × 12 × DaysLeft / 365.
	CostUntilRenewal float64 `json:"costUntilRenewal"`
	Currency         string  `json:"currency"`
}

// RenewalsView is the renewal calendar of one tenant (or every synced one).
type RenewalsView struct {
	DataDate string `json:"dataDate"`
	// Available is false when no tenant's subscriptions could be read
	// (Notes say why and the fix).
	Available bool `json:"available"`
	// Events within 365 days (passed ones included, Bucket 0), by date.
	Events    []RenewalRow     `json:"events"`
	Trials    []RenewalRow     `json:"trials"`
	Attention []RenewalRow     `json:"attention"`
	Unused    []UnusedSeatsRow `json:"unused"`
	// Counts of Events per window (30 ⊂ 90 ⊂ 365; passed dates excluded).
	Within30  int `json:"within30"`
	Within90  int `json:"within90"`
	Within365 int `json:"within365"`
	// UnusedCostTotal adds CostUntilRenewal in Currency ("" no prices,
	// MIXED: several currencies, not added up).
	UnusedCostTotal float64  `json:"unusedCostTotal"`
	Currency        string   `json:"currency"`
	Notes           []string `json:"notes"`
}

// TenantRenewals is one tenant's calendar as derive computes it, with the
// prices it used (the read model's single computation of these figures).
type TenantRenewals struct {
	Calendar derive.RenewalCalendar
	AsOf     time.Time
	Currency string
	Note     string // why subscriptions are missing ("" when read)
}

// renewalsOf builds a tenant's calendar from its current dataset.
func renewalsOf(c *Current) TenantRenewals {
	out := TenantRenewals{AsOf: c.Data.DataDate, Currency: c.Data.Currency}
	lic := c.Snap.Licensing
	switch {
	case lic == nil:
		out.Note = "Renewals: this snapshot has no subscription data; sync the tenant again"
		return out
	case !lic.SubscriptionsAvailable:
		out.Note = "Renewals: " + orText(lic.SubscriptionsNote, "subscriptions could not be read")
		return out
	}
	subs := make([]derive.Subscription, 0, len(lic.Subscriptions))
	for _, s := range lic.Subscriptions {
		subs = append(subs, derive.Subscription{ID: s.ID, SkuID: s.SkuID, SkuPartNumber: s.SkuPartNumber, Status: s.Status,
			TotalLicenses: s.TotalLicenses, IsTrial: s.IsTrial, NextLifecycle: s.NextLifecycleAt})
	}
	consumed := map[string]int{}
	for _, k := range c.Snap.SKUs {
		consumed[strings.ToLower(k.SkuID)] = k.Consumed
	}
	out.Calendar = derive.BuildRenewalCalendar(subs, consumed, c.Data.monthlyPrices(), out.AsOf)
	return out
}

// monthlyPrices are the snapshot SKUs' monthly prices in the dataset
// currency (unpriced, free or other-currency SKUs left out).
func (d *Dataset) monthlyPrices() map[string]float64 {
	out := map[string]float64{}
	if !HasMoney(d.Currency) {
		return out
	}
	for id, k := range d.skus {
		if k.Priced && k.Currency == d.Currency {
			out[id] = monthlyOf(k)
		}
	}
	return out
}

func (d *Dataset) skuName(id, part string) string {
	if k, ok := d.skus[strings.ToLower(id)]; ok && k.Name != "" {
		return k.Name
	}
	return part
}

func renewalRow(c *Current, e derive.RenewalEvent) RenewalRow {
	r := RenewalRow{TenantID: c.Tenant.ID, TenantName: c.Tenant.DisplayName, SubscriptionID: e.SubscriptionID,
		SkuID: strings.ToLower(e.SkuID), PartNumber: e.SkuPartNumber, Name: c.Data.skuName(e.SkuID, e.SkuPartNumber),
		Status: e.Status, IsTrial: e.IsTrial, TotalLicenses: e.TotalLicenses, DaysLeft: e.DaysLeft, Bucket: e.Bucket}
	if !e.Date.IsZero() {
		r.Date = rfcv(e.Date)
	}
	switch e.Status {
	case "Warning", "Suspended", "LockedOut":
		r.Attention = true
	}
	return r
}

// Renewals returns the renewal calendar ("" = every synced tenant).
func (s *Service) Renewals(ctx context.Context, tenantID string) (RenewalsView, error) {
	v := RenewalsView{Events: []RenewalRow{}, Trials: []RenewalRow{}, Attention: []RenewalRow{}, Unused: []UnusedSeatsRow{}, Notes: []string{}}
	costs := moneyTotals{}
	err := s.each(ctx, tenantID, func(c *Current) {
		v.DataDate = latest(v.DataDate, rfcv(c.Data.DataDate))
		tr := renewalsOf(c)
		if tr.Note != "" {
			v.Notes = append(v.Notes, prefixed(tenantID, c, []string{tr.Note})...)
			return
		}
		v.Available = true
		cal := tr.Calendar
		for _, e := range cal.Events {
			v.Events = append(v.Events, renewalRow(c, e))
			if e.Bucket > 0 {
				if e.DaysLeft <= 30 {
					v.Within30++
				}
				if e.DaysLeft <= 90 {
					v.Within90++
				}
				v.Within365++
			}
		}
		for _, e := range cal.Trials {
			v.Trials = append(v.Trials, renewalRow(c, e))
		}
		for _, e := range cal.Attention {
			v.Attention = append(v.Attention, renewalRow(c, e))
		}
		prices := c.Data.monthlyPrices()
		for _, u := range cal.Unused {
			r := UnusedSeatsRow{TenantID: c.Tenant.ID, TenantName: c.Tenant.DisplayName, SkuID: strings.ToLower(u.SkuID),
				PartNumber: u.SkuPartNumber, Name: c.Data.skuName(u.SkuID, u.SkuPartNumber), Purchased: u.Purchased,
				Consumed: u.Consumed, Unused: u.Unused, RenewsAt: RFC(u.RenewsAt), DaysLeft: u.DaysLeft, Priced: u.Priced,
				CostUntilRenewal: u.CostUntilRenewal}
			if u.Priced {
				r.UnitPrice, r.Currency = prices[strings.ToLower(u.SkuID)], tr.Currency
				costs.add(tr.Currency, u.CostUntilRenewal)
			}
			v.Unused = append(v.Unused, r)
		}
	})
	if err != nil {
		return v, err
	}
	v.UnusedCostTotal, v.Currency = costs.total()
	return v, nil
}

// TenantRenewalCalendar is one tenant's calendar for callers that need
// derive's shape (the workbook, tests): the same computation as Renewals.
func (s *Service) TenantRenewalCalendar(ctx context.Context, tenantID string) (TenantRenewals, error) {
	t, err := s.Src.Tenant(ctx, tenantID)
	if err != nil {
		return TenantRenewals{}, err
	}
	c, err := s.CurrentAt(ctx, t, 0)
	if err != nil {
		return TenantRenewals{}, err
	}
	return renewalsOf(c), nil
}
