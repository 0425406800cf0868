package derive

import (
	"math"
	"sort"
	"strings"
	"time"
)

// Renewal calendar (issue 13): what renews, expires or ends its trial in
// the next 30/90/365 days, which subscriptions need attention (Warning,
// Suspended, LockedOut), and per SKU the paid seats nobody uses and what
// they cost until the SKU's next renewal — when the seat count can change.

// Subscription is one companySubscription (GET /directory/subscriptions).
type Subscription struct {
	ID            string
	SkuID         string
	SkuPartNumber string
	Status        string // Enabled, Warning, Suspended, Deleted, LockedOut
	TotalLicenses int
	IsTrial       bool
	// NextLifecycle: when the subscription moves to its next status if
	// not renewed (renewal/expiry date); nil for free/viral ones.
	NextLifecycle *time.Time
}

// RenewalEvent is one subscription's next lifecycle date.
type RenewalEvent struct {
	SubscriptionID, SkuID, SkuPartNumber, Status string
	IsTrial                                      bool
	TotalLicenses                                int
	Date                                         time.Time
	DaysLeft                                     int // whole days from asOf (floor)
	// Bucket is 30, 90 or 365 (the smallest window containing the date);
	// 0 when the date has already passed.
	Bucket int
}

// UnusedSeats is a SKU's paid seats nobody holds and their cost until the
// SKU's next renewal.
type UnusedSeats struct {
	SkuID, SkuPartNumber string
	Purchased            int // TotalLicenses of non-trial Enabled and Warning subscriptions
	Consumed             int
	Unused               int // max(0, Purchased - Consumed)
	// RenewsAt: the earliest next lifecycle date of the SKU's non-trial
	// Enabled subscriptions (else of its Warning ones); nil when none has one.
	RenewsAt *time.Time
	DaysLeft int // days until RenewsAt (0 when passed or unknown)
	Priced   bool
	// CostUntilRenewal = Unused × monthly price × 12 × DaysLeft / 365,
	// rounded to cents; 0 when not priced or no renewal date.
	CostUntilRenewal float64
}

// RenewalCalendar is a tenant's renewal view.
type RenewalCalendar struct {
	Events    []RenewalEvent // dates within 365 days (or passed), by date then id
	Trials    []RenewalEvent // trial subscriptions, by date then id
	Attention []RenewalEvent // Warning, Suspended and LockedOut subscriptions
	Unused    []UnusedSeats  // per SKU with non-trial subscriptions, by SKU id
}

// Within returns the events whose bucket is at most days (30, 90 or 365),
// passed dates excluded.
func (c RenewalCalendar) Within(days int) []RenewalEvent {
	var out []RenewalEvent
	for _, e := range c.Events {
		if e.Bucket > 0 && e.DaysLeft <= days {
			out = append(out, e)
		}
	}
	return out
}

func daysUntil(d, asOf time.Time) int { return int(math.Floor(d.Sub(asOf).Hours() / 24)) }

func bucketOf(days int) int {
	switch {
	case days < 0:
		return 0
	case days <= 30:
		return 30
	case days <= 90:
		return 90
	}
	return 365
}

func skuKey(id string) string { return strings.ToLower(strings.TrimSpace(id)) }

// BuildRenewalCalendar computes the calendar as of asOf. consumed is the
// consumedUnits of each SKU (subscribedSkus), monthlyPrice the price per
// licence per month; both keyed by skuId in any case.
func BuildRenewalCalendar(subs []Subscription, consumed map[string]int, monthlyPrice map[string]float64, asOf time.Time) RenewalCalendar {
	cons := map[string]int{}
	for k, v := range consumed {
		cons[skuKey(k)] = v
	}
	price := map[string]float64{}
	for k, v := range monthlyPrice {
		price[skuKey(k)] = v
	}
	var cal RenewalCalendar
	bySku := map[string]*UnusedSeats{}
	earliest := map[string][2]*time.Time{} // sku -> [enabled, warning]
	for _, s := range subs {
		e := RenewalEvent{SubscriptionID: s.ID, SkuID: s.SkuID, SkuPartNumber: s.SkuPartNumber, Status: s.Status,
			IsTrial: s.IsTrial, TotalLicenses: s.TotalLicenses}
		if s.NextLifecycle != nil {
			e.Date = *s.NextLifecycle
			e.DaysLeft = daysUntil(e.Date, asOf)
			e.Bucket = bucketOf(e.DaysLeft)
			if e.DaysLeft <= 365 {
				cal.Events = append(cal.Events, e)
			}
		}
		if s.IsTrial {
			cal.Trials = append(cal.Trials, e)
			continue
		}
		switch s.Status {
		case "Warning", "Suspended", "LockedOut":
			cal.Attention = append(cal.Attention, e)
		}
		k := skuKey(s.SkuID)
		u := bySku[k]
		if u == nil {
			u = &UnusedSeats{SkuID: s.SkuID, SkuPartNumber: s.SkuPartNumber, Consumed: cons[k]}
			bySku[k] = u
		}
		if s.Status == "Enabled" || s.Status == "Warning" {
			u.Purchased += s.TotalLicenses
		}
		if s.NextLifecycle != nil {
			pair := earliest[k]
			i := -1
			if s.Status == "Enabled" {
				i = 0
			} else if s.Status == "Warning" {
				i = 1
			}
			if i >= 0 && (pair[i] == nil || s.NextLifecycle.Before(*pair[i])) {
				d := *s.NextLifecycle
				pair[i] = &d
				earliest[k] = pair
			}
		}
	}
	for k, u := range bySku {
		pair := earliest[k]
		u.RenewsAt = pair[0]
		if u.RenewsAt == nil {
			u.RenewsAt = pair[1]
		}
		u.Unused = max(0, u.Purchased-u.Consumed)
		p, ok := price[k]
		u.Priced = ok
		if u.RenewsAt != nil {
			u.DaysLeft = max(0, daysUntil(*u.RenewsAt, asOf))
			if ok {
				u.CostUntilRenewal = math.Round(float64(u.Unused)*p*12*float64(u.DaysLeft)/365*100) / 100
			}
		}
		cal.Unused = append(cal.Unused, *u)
	}
	byDate := func(v []RenewalEvent) {
		sort.SliceStable(v, func(i, j int) bool {
			if !v[i].Date.Equal(v[j].Date) {
				return v[i].Date.Before(v[j].Date)
			}
			return v[i].SubscriptionID < v[j].SubscriptionID
		})
	}
	byDate(cal.Events)
	byDate(cal.Trials)
	byDate(cal.Attention)
	sort.Slice(cal.Unused, func(i, j int) bool { return skuKey(cal.Unused[i].SkuID) < skuKey(cal.Unused[j].SkuID) })
	return cal
}
