package derive

import (
	"testing"
	"time"

	"tenantlens/backend/catalog"
)

// fakePlans is a tiny licensing table: suite -> service plans.
type fakePlans map[string][]catalog.ServicePlan

func (f fakePlans) ServicePlans(sku string) []catalog.ServicePlan { return f[sku] }

func pl(id, name string) catalog.ServicePlan { return catalog.ServicePlan{ID: id, Name: name} }

var (
	exP1  = pl("ex1", "EXCHANGE_S_STANDARD")
	exP2  = pl("ex2", "EXCHANGE_S_ENTERPRISE")
	spS   = pl("sps", "SHAREPOINTSTANDARD")
	teams = pl("tm", "TEAMS1")
	apps  = pl("apps", "OFFICE_BUSINESS")
	odB   = pl("odb", "ONEDRIVE_BASIC")
	p1    = pl("p1", "AAD_PREMIUM")
)

var testPlans = fakePlans{
	"prem":  {exP1, spS, teams, apps, p1},
	"std":   {exP1, spS, teams, apps},
	"basic": {exP1, spS, teams},
	"mail":  {exP1},
	"mail2": {exP2},
	"e3":    {exP2, spS, teams, apps},
	"visio": {odB},
}

var testCands = []RightSizeCandidate{{"prem", 22}, {"std", 12.5}, {"basic", 6}, {"mail", 4}, {"mail2", 8}, {"e3", 23}}

func TestRightSizeTable(t *testing.T) {
	asOf := time.Date(2026, 6, 2, 9, 0, 0, 0, time.UTC)
	recent := asOf.AddDate(0, 0, -3)
	old := asOf.AddDate(0, 0, -120)
	cases := []struct {
		name      string
		assigned  []AssignedSKU
		last      map[Service]time.Time
		samePlans bool
		want      []string // current->suggested
	}{
		{"mail only premium goes to mail plan", []AssignedSKU{{SkuID: "prem"}}, map[Service]time.Time{ServiceExchange: recent}, false, []string{"prem->mail"}},
		{"old activity does not count", []AssignedSKU{{SkuID: "prem"}}, map[Service]time.Time{ServiceExchange: recent, ServiceTeams: old}, false, []string{"prem->mail"}},
		{"teams keeps basic", []AssignedSKU{{SkuID: "prem"}}, map[Service]time.Time{ServiceExchange: recent, ServiceTeams: recent}, false, []string{"prem->basic"}},
		{"desktop apps keep standard", []AssignedSKU{{SkuID: "prem"}}, map[Service]time.Time{ServiceOutlook: recent, ServiceExchange: recent}, false, []string{"prem->std"}},
		{"uses everything stays", []AssignedSKU{{SkuID: "std"}}, map[Service]time.Time{ServiceExchange: recent, ServiceTeams: recent, ServiceOutlook: recent, ServiceSharePoint: recent}, false, nil},
		{"nothing used: reclaim, not right-size", []AssignedSKU{{SkuID: "prem"}}, map[Service]time.Time{ServiceTeams: old}, false, nil},
		{"same plans keeps plan 2", []AssignedSKU{{SkuID: "e3"}}, map[Service]time.Time{ServiceExchange: recent}, true, []string{"e3->mail2"}},
		{"any plan of the service", []AssignedSKU{{SkuID: "e3"}}, map[Service]time.Time{ServiceExchange: recent}, false, []string{"e3->mail"}},
		{"disabled plan is not carried", []AssignedSKU{{SkuID: "prem", DisabledPlans: []string{"tm"}}}, map[Service]time.Time{ServiceExchange: recent, ServiceTeams: recent}, false, []string{"prem->mail"}},
		{"add-on carries onedrive", []AssignedSKU{{SkuID: "prem"}, {SkuID: "visio"}}, map[Service]time.Time{ServiceExchange: recent, ServiceOneDrive: recent}, false, []string{"prem->mail"}},
		{"onedrive without add-on keeps basic", []AssignedSKU{{SkuID: "prem"}}, map[Service]time.Time{ServiceExchange: recent, ServiceOneDrive: recent}, false, []string{"prem->basic"}},
		{"duplicate suites: cheaper one still needed", []AssignedSKU{{SkuID: "prem"}, {SkuID: "basic"}}, map[Service]time.Time{ServiceExchange: recent, ServiceOutlook: recent}, false, []string{"prem->std"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := RightSize(testPlans, testCands, []RightSizeUser{{UserID: "u", Assigned: c.assigned, LastActivity: c.last}},
				RightSizeOptions{WindowDays: 90, AsOf: asOf, SamePlans: c.samePlans})
			var g []string
			for _, s := range got {
				g = append(g, s.CurrentSkuID+"->"+s.SuggestedSkuID)
				if s.MonthlySaving <= 0 || s.MonthlySaving != s.CurrentPrice-s.SuggestedPrice {
					t.Errorf("saving %v = %v - %v", s.MonthlySaving, s.CurrentPrice, s.SuggestedPrice)
				}
			}
			if len(g) != len(c.want) {
				t.Fatalf("got %v want %v", g, c.want)
			}
			for i := range g {
				if g[i] != c.want[i] {
					t.Fatalf("got %v want %v", g, c.want)
				}
			}
		})
	}
}

// Whatever the user used in the window, the suggested licences (plus the
// ones kept) carry every used service: exhaustive over all service sets
// and every single-suite starting point.
func TestRightSizeNeverDropsAServiceUsedInTheWindow(t *testing.T) {
	asOf := time.Date(2026, 6, 2, 0, 0, 0, 0, time.UTC)
	provides := func(skus []AssignedSKU) map[Service]bool {
		out := map[Service]bool{}
		for _, a := range skus {
			for s := range plansFor(testPlans, a) {
				out[s] = true
			}
		}
		return out
	}
	checked := 0
	for _, start := range [][]AssignedSKU{{{SkuID: "prem"}}, {{SkuID: "e3"}}, {{SkuID: "std"}}, {{SkuID: "prem"}, {SkuID: "visio"}}, {{SkuID: "e3"}, {SkuID: "basic"}}} {
		for mask := 1; mask < 1<<len(Services); mask++ {
			last := map[Service]time.Time{}
			for i, s := range Services {
				if mask&(1<<i) != 0 {
					last[s] = asOf.AddDate(0, 0, -(i*7)%80)
				}
			}
			before := provides(start)
			got := RightSize(testPlans, testCands, []RightSizeUser{{UserID: "u", Assigned: start, LastActivity: last}},
				RightSizeOptions{WindowDays: 90, AsOf: asOf})
			after := append([]AssignedSKU(nil), start...)
			for _, g := range got {
				for i := range after {
					if after[i].SkuID == g.CurrentSkuID {
						after[i] = AssignedSKU{SkuID: g.SuggestedSkuID}
						break
					}
				}
			}
			now := provides(after)
			for _, s := range UsedServices(last, asOf, 90) {
				if before[s] && !now[s] {
					t.Fatalf("start %v used %v: suggestion %+v drops %s", start, UsedServices(last, asOf, 90), got, s)
				}
			}
			checked++
		}
	}
	if checked < 600 {
		t.Fatalf("only %d cases", checked)
	}
}
