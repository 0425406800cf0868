package derive

import (
	"testing"
	"time"
)

func TestRenewalCalendarBucketsTrialsAndUnusedCost(t *testing.T) {
	asOf := time.Date(2026, 6, 2, 9, 0, 0, 0, time.UTC)
	at := func(days int) *time.Time {
		d := asOf.Truncate(24*time.Hour).AddDate(0, 0, days).Add(24*time.Hour - time.Second)
		return &d
	}
	subs := []Subscription{
		{ID: "a", SkuID: "SPB", Status: "Enabled", TotalLicenses: 10, NextLifecycle: at(10)},
		{ID: "b", SkuID: "spb", Status: "Enabled", TotalLicenses: 5, NextLifecycle: at(60)},
		{ID: "c", SkuID: "basic", Status: "Enabled", TotalLicenses: 20, NextLifecycle: at(200)},
		{ID: "d", SkuID: "visio", Status: "Warning", TotalLicenses: 3, NextLifecycle: at(15)},
		{ID: "e", SkuID: "exch", Status: "Suspended", TotalLicenses: 4, NextLifecycle: at(45)},
		{ID: "f", SkuID: "pbi", Status: "Enabled", TotalLicenses: 25, IsTrial: true, NextLifecycle: at(12)},
		{ID: "g", SkuID: "e5", Status: "Enabled", TotalLicenses: 2, NextLifecycle: at(400)},
		{ID: "h", SkuID: "free", Status: "Enabled", TotalLicenses: 10000},
	}
	cal := BuildRenewalCalendar(subs, map[string]int{"spb": 12, "BASIC": 25, "visio": 1, "e5": 0},
		map[string]float64{"spb": 22, "basic": 6, "visio": 15, "e5": 57}, asOf)
	ids := func(v []RenewalEvent) string {
		s := ""
		for _, e := range v {
			s += e.SubscriptionID
		}
		return s
	}
	if got := ids(cal.Within(30)); got != "afd" {
		t.Errorf("30 days: %q", got)
	}
	if got := ids(cal.Within(90)); got != "afdeb" {
		t.Errorf("90 days: %q", got)
	}
	if got := ids(cal.Within(365)); got != "afdebc" {
		t.Errorf("365 days: %q (the e5 renewal is 400 days out)", got)
	}
	if ids(cal.Trials) != "f" || ids(cal.Attention) != "de" {
		t.Errorf("trials %q attention %q", ids(cal.Trials), ids(cal.Attention))
	}
	want := map[string]struct {
		unused, days int
		cost         float64
	}{
		"SPB":   {3, 10, 21.70},    // 15-12 seats × 22 × 12 × 10/365
		"basic": {0, 200, 0},       // over-assigned: no unused seats
		"visio": {2, 15, 14.79},    // warning seats until suspension
		"exch":  {0, 0, 0},         // suspended seats are not purchased; no renewal date
		"e5":    {2, 400, 1499.18}, // 2 × 57 × 12 × 400/365
		"free":  {10000, 0, 0},     // no date, no price
	}
	if len(cal.Unused) != len(want) {
		t.Fatalf("unused rows %+v", cal.Unused)
	}
	for _, u := range cal.Unused {
		w, ok := want[u.SkuID]
		if !ok || u.Unused != w.unused || u.DaysLeft != w.days || u.CostUntilRenewal != w.cost {
			t.Errorf("%s: unused %d days %d cost %.2f, want %+v", u.SkuID, u.Unused, u.DaysLeft, u.CostUntilRenewal, w)
		}
	}
}
