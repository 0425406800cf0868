package derive

import (
	"strings"
	"testing"
	"time"

	"tenantlens/backend/graphsim"
)

// demoPSAName renders a demo tenant's name the way a PSA might hold it:
// legal suffixes, "and" for "&", other case, punctuation.
func demoPSAName(i int, name string) string {
	switch i % 5 {
	case 0:
		return name + ", Inc."
	case 1:
		return strings.ReplaceAll(name, "&", "and") + " LLC"
	case 2:
		return strings.ToUpper(name)
	case 3:
		return "The " + name + " Co."
	}
	return name
}

// TestDemoTenantsRankTheirClientFirst: for every demo customer, with all
// demo customers (PSA-style names) plus decoys as candidates, the right
// client ranks first and strictly ahead. Names only, then with websites.
func TestDemoTenantsRankTheirClientFirst(t *testing.T) {
	msp := graphsim.GenerateMSPWith(graphsim.GenOptions{Seed: 7, Tenants: 60, UsersPerTenant: 1,
		Now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)})
	decoys := []ClientCandidate{
		{ID: "d1", Name: "Harbor Freight Dental Supply"}, {ID: "d2", Name: "Cedar Pine Realty"},
		{ID: "d3", Name: "Summit CPA Partners", Website: "summitcpa.com"}, {ID: "d4", Name: "Bluewater IT Partners", Website: "bluewaterit.com"},
		{ID: "d5", Name: "Meridian Health"}, {ID: "d6", Name: "Northgate Storage"}, {ID: "d7", Name: "Granite Legal Services"},
	}
	for _, withSite := range []bool{false, true} {
		cands := append([]ClientCandidate(nil), decoys...)
		for i, c := range msp.Customers {
			cc := ClientCandidate{ID: c.ID, Name: demoPSAName(i, c.DisplayName)}
			if withSite {
				cc.Website = "https://www." + c.DefaultDomain + "/"
			}
			cands = append(cands, cc)
		}
		right, auto, wrongAuto := 0, 0, 0
		for _, c := range msp.Customers {
			s := SuggestClients(TenantInfo{ID: c.ID, DisplayName: c.DisplayName, Domains: c.Domains}, cands)
			if len(s) > 0 && s[0].ClientID == c.ID && (len(s) == 1 || s[1].Score < s[0].Score) {
				right++
			} else if len(s) > 1 {
				t.Logf("websites=%v %q: first %q (%.3f), second %q (%.3f)", withSite, c.DisplayName, s[0].ClientName, s[0].Score, s[1].ClientName, s[1].Score)
			}
			if d := AutoMap(s, DefaultAutoMapThreshold); d.Mapped {
				auto++
				if d.Client.ClientID != c.ID {
					wrongAuto++
				}
			}
		}
		pct := 100 * float64(right) / float64(len(msp.Customers))
		t.Logf("websites=%v: right client first for %d/%d demo tenants (%.1f %%); auto-mapped %d, wrongly %d",
			withSite, right, len(msp.Customers), pct, auto, wrongAuto)
		if pct < 95 {
			t.Errorf("websites=%v: %.1f %% ranked right, want >= 95 %%", withSite, pct)
		}
		if wrongAuto > 0 {
			t.Errorf("websites=%v: %d tenants auto-mapped to the wrong client", withSite, wrongAuto)
		}
	}
}
