package derive

import (
	"os"
	"strings"
	"testing"
	"time"

	"tenantlens/backend/catalog"
)

// fakePlans is a tiny licensing table: suite -> service plans.
type fakePlans map[string][]catalog.ServicePlan

func (f fakePlans) ServicePlans(sku string) []catalog.ServicePlan { return f[sku] }

func pl(id, name string) catalog.ServicePlan { return catalog.ServicePlan{ID: id, Name: name} }

var (
	exP1    = pl("ex1", "EXCHANGE_S_STANDARD")
	exP2    = pl("ex2", "EXCHANGE_S_ENTERPRISE")
	spS     = pl("sps", "SHAREPOINTSTANDARD")
	spE     = pl("spe", "SHAREPOINTENTERPRISE")
	teams   = pl("tm", "TEAMS1")
	yam     = pl("ym", "YAMMER_ENTERPRISE")
	sky     = pl("sk", "MCOSTANDARD")
	appsBiz = pl("appsb", "OFFICE_BUSINESS")
	appsEnt = pl("appse", "OFFICESUBSCRIPTION")
	odB     = pl("odb", "ONEDRIVE_BASIC")
	intune  = pl("intune", "INTUNE_A")
	mdm365  = pl("mdm", "INTUNE_O365") // basic mobility: not a security feature
	p1      = pl("p1", "AAD_PREMIUM")
	p2      = pl("p2", "AAD_PREMIUM_P2")
	mdo1    = pl("mdo1", "ATP_ENTERPRISE")
	mdo2    = pl("mdo2", "THREAT_INTELLIGENCE")
	mdeSMB  = pl("mdesmb", "MDE_SMB")
	mdeLite = pl("mdelite", "MDE_LITE")
	mdeP2   = pl("mdep2", "WINDEFATP")
	aip1    = pl("aip1", "RMS_S_PREMIUM")
	aip2    = pl("aip2", "RMS_S_PREMIUM2")
)

func plans(groups ...[]catalog.ServicePlan) []catalog.ServicePlan {
	var out []catalog.ServicePlan
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

var (
	collab  = []catalog.ServicePlan{spS, teams, yam, sky}
	collabE = []catalog.ServicePlan{spE, teams, yam, sky}
	secBP   = []catalog.ServicePlan{intune, p1, mdo1, mdeSMB, aip1}
)

// testPlans mirror the licensing CSV's suites (trimmed to the plans that matter).
var testPlans = fakePlans{
	"prem":     plans([]catalog.ServicePlan{exP1, appsBiz, mdm365}, collab, secBP),                                           // Business Premium
	"premNoIn": plans([]catalog.ServicePlan{exP1, appsBiz}, collab, []catalog.ServicePlan{p1, mdo1, mdeSMB, aip1}),           // a premium suite without Intune
	"std":      plans([]catalog.ServicePlan{exP1, appsBiz, mdm365}, collab),                                                  // Business Standard
	"basic":    plans([]catalog.ServicePlan{exP1}, collab),                                                                   // Business Basic
	"mail":     {exP1, mdm365},                                                                                               // Exchange Online Plan 1
	"mail2":    {exP2},                                                                                                       // Exchange Online Plan 2
	"tmail":    {exP1, teams},                                                                                                // mail and Teams
	"o365e3":   plans([]catalog.ServicePlan{exP2, appsEnt, mdm365}, collabE),                                                 // Office 365 E3 (no security plan)
	"o365e3d":  plans([]catalog.ServicePlan{exP2, appsEnt, mdm365, mdo1}, collabE),                                           // Office 365 E3 as the CSV has it (Defender for Office 365 P1)
	"e3lite":   {exP2, appsEnt},                                                                                              // mail plan 2 + enterprise apps
	"m365e3":   plans([]catalog.ServicePlan{exP2, appsEnt}, collabE, []catalog.ServicePlan{intune, p1, mdo1, mdeLite, aip1}), // Microsoft 365 E3
	"m365e5":   plans([]catalog.ServicePlan{exP2, appsEnt}, collabE, []catalog.ServicePlan{intune, p1, p2, mdo1, mdo2, mdeP2, aip1, aip2}),
	"visio":    {odB},
	"p1add":    {p1},
}

var testCands = []RightSizeCandidate{{SkuID: "prem", MonthlyPrice: 22}, {SkuID: "std", MonthlyPrice: 12.5}, {SkuID: "basic", MonthlyPrice: 6}, {SkuID: "mail", MonthlyPrice: 4}, {SkuID: "mail2", MonthlyPrice: 8}, {SkuID: "o365e3", MonthlyPrice: 23}, {SkuID: "o365e3d", MonthlyPrice: 23},
	{SkuID: "m365e3", MonthlyPrice: 36}, {SkuID: "m365e5", MonthlyPrice: 57}}

func TestRightSizeTable(t *testing.T) {
	asOf := time.Date(2026, 6, 2, 9, 0, 0, 0, time.UTC)
	recent := asOf.AddDate(0, 0, -3)
	old := asOf.AddDate(0, 0, -120)
	mailOnly := map[Service]time.Time{ServiceExchange: recent}
	everything := map[Service]time.Time{}
	for _, s := range MeasuredServices {
		everything[s] = recent
	}
	withCands := func(extra ...RightSizeCandidate) []RightSizeCandidate {
		return append(append([]RightSizeCandidate{}, testCands...), extra...)
	}
	premDear := []RightSizeCandidate{{SkuID: "prem", MonthlyPrice: 40}, {SkuID: "std", MonthlyPrice: 12.5}, {SkuID: "basic", MonthlyPrice: 6}, {SkuID: "mail", MonthlyPrice: 4}, {SkuID: "m365e3", MonthlyPrice: 36}}
	type want struct {
		move  string // current->suggested
		kept  []Service
		feats []string
	}
	allSec := []string{"Intune", "Entra ID P1", "Defender for Office 365 P1", "Defender for Endpoint", "Information Protection P1"}
	cases := []struct {
		name      string
		assigned  []AssignedSKU
		last      map[Service]time.Time
		cands     []RightSizeCandidate
		samePlans bool
		want      []want
	}{
		{"business premium using everything stays", []AssignedSKU{{SkuID: "prem"}}, everything, testCands, false, nil},
		{"business premium mail-only stays: its security is kept", []AssignedSKU{{SkuID: "prem"}}, mailOnly, testCands, false, nil},
		{"m365 e3 mail-only goes to business premium", []AssignedSKU{{SkuID: "m365e3"}}, mailOnly, testCands, false,
			[]want{{"m365e3->prem", []Service{ServiceDesktopApps, ServiceSecurity}, allSec}}},
		{"m365 e3 using everything goes to business premium", []AssignedSKU{{SkuID: "m365e3"}}, everything, testCands, false,
			[]want{{"m365e3->prem", []Service{ServiceDesktopApps, ServiceSecurity}, allSec}}},
		{"m365 e3: business premium priced higher, none", []AssignedSKU{{SkuID: "m365e3"}}, mailOnly, premDear, false, nil},
		{"m365 e3: a suite without intune is no replacement", []AssignedSKU{{SkuID: "m365e3"}}, mailOnly,
			[]RightSizeCandidate{{SkuID: "premNoIn", MonthlyPrice: 20}, {SkuID: "std", MonthlyPrice: 12.5}, {SkuID: "mail", MonthlyPrice: 4}, {SkuID: "m365e3", MonthlyPrice: 36}}, false, nil},
		{"m365 e3 with intune switched off may lose it", []AssignedSKU{{SkuID: "m365e3", DisabledPlans: []string{"intune"}}}, mailOnly,
			[]RightSizeCandidate{{SkuID: "premNoIn", MonthlyPrice: 20}, {SkuID: "std", MonthlyPrice: 12.5}, {SkuID: "mail", MonthlyPrice: 4}, {SkuID: "m365e3", MonthlyPrice: 36}}, false,
			[]want{{"m365e3->premNoIn", []Service{ServiceDesktopApps, ServiceSecurity}, []string{"Entra ID P1", "Defender for Office 365 P1", "Defender for Endpoint", "Information Protection P1"}}}},
		{"entra p1 add-on covers p1", []AssignedSKU{{SkuID: "m365e3"}, {SkuID: "p1add"}}, mailOnly,
			[]RightSizeCandidate{{SkuID: "premNoIn", MonthlyPrice: 20}, {SkuID: "prem", MonthlyPrice: 22}, {SkuID: "mail", MonthlyPrice: 4}, {SkuID: "m365e3", MonthlyPrice: 36}}, false,
			[]want{{"m365e3->prem", []Service{ServiceDesktopApps, ServiceSecurity}, []string{"Intune", "Defender for Office 365 P1", "Defender for Endpoint", "Information Protection P1"}}}},
		{"m365 e5 mail-only stays (P2 features)", []AssignedSKU{{SkuID: "m365e5"}}, mailOnly, testCands, false, nil},
		{"office 365 e3 mail-only keeps desktop apps", []AssignedSKU{{SkuID: "o365e3"}}, mailOnly, testCands, false,
			[]want{{"o365e3->std", []Service{ServiceDesktopApps}, nil}}},
		{"office 365 e3 with defender keeps it too", []AssignedSKU{{SkuID: "o365e3d"}}, mailOnly, testCands, false,
			[]want{{"o365e3d->prem", []Service{ServiceDesktopApps, ServiceSecurity}, []string{"Defender for Office 365 P1"}}}},
		{"business standard mail-only stays (desktop apps)", []AssignedSKU{{SkuID: "std"}}, mailOnly, testCands, false, nil},
		{"desktop apps switched off: mail plan", []AssignedSKU{{SkuID: "std", DisabledPlans: []string{"appsb"}}}, mailOnly, testCands, false,
			[]want{{"std->mail", nil, nil}}},
		{"business basic mail-only goes to the mail plan", []AssignedSKU{{SkuID: "basic"}}, mailOnly, testCands, false,
			[]want{{"basic->mail", nil, nil}}},
		{"old activity does not count", []AssignedSKU{{SkuID: "basic"}}, map[Service]time.Time{ServiceExchange: recent, ServiceTeams: old}, testCands, false,
			[]want{{"basic->mail", nil, nil}}},
		{"teams keeps a teams suite", []AssignedSKU{{SkuID: "basic"}}, map[Service]time.Time{ServiceExchange: recent, ServiceTeams: recent},
			withCands(RightSizeCandidate{SkuID: "tmail", MonthlyPrice: 5}), false, []want{{"basic->tmail", nil, nil}}},
		{"nothing used: reclaim, not right-size", []AssignedSKU{{SkuID: "m365e3"}}, map[Service]time.Time{ServiceTeams: old}, testCands, false, nil},
		{"same plans keeps enterprise apps and plan 2", []AssignedSKU{{SkuID: "o365e3"}}, mailOnly, withCands(RightSizeCandidate{SkuID: "e3lite", MonthlyPrice: 15}), true,
			[]want{{"o365e3->e3lite", []Service{ServiceDesktopApps}, nil}}},
		{"any plan of the service", []AssignedSKU{{SkuID: "o365e3"}}, mailOnly, withCands(RightSizeCandidate{SkuID: "e3lite", MonthlyPrice: 15}), false,
			[]want{{"o365e3->std", []Service{ServiceDesktopApps}, nil}}},
		{"disabled plan is not carried", []AssignedSKU{{SkuID: "basic", DisabledPlans: []string{"tm"}}}, map[Service]time.Time{ServiceExchange: recent, ServiceTeams: recent},
			testCands, false, []want{{"basic->mail", nil, nil}}},
		{"add-on carries onedrive", []AssignedSKU{{SkuID: "basic"}, {SkuID: "visio"}}, map[Service]time.Time{ServiceExchange: recent, ServiceOneDrive: recent},
			testCands, false, []want{{"basic->mail", nil, nil}}},
		{"onedrive without add-on stays on basic", []AssignedSKU{{SkuID: "basic"}}, map[Service]time.Time{ServiceExchange: recent, ServiceOneDrive: recent}, testCands, false, nil},
		{"duplicate suites: reclaim, not right-size", []AssignedSKU{{SkuID: "std"}, {SkuID: "basic"}}, mailOnly, testCands, false, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := RightSize(testPlans, c.cands, []RightSizeUser{{UserID: "u", Assigned: c.assigned, LastActivity: c.last}},
				RightSizeOptions{WindowDays: 90, AsOf: asOf, SamePlans: c.samePlans})
			if len(got) != len(c.want) {
				t.Fatalf("got %+v want %+v", got, c.want)
			}
			for i, s := range got {
				w := c.want[i]
				if g := s.CurrentSkuID + "->" + s.SuggestedSkuID; g != w.move {
					t.Fatalf("got %s want %s", g, w.move)
				}
				if s.MonthlySaving <= 0 || s.MonthlySaving != s.CurrentPrice-s.SuggestedPrice {
					t.Errorf("saving %v = %v - %v", s.MonthlySaving, s.CurrentPrice, s.SuggestedPrice)
				}
				if strings.Join(svcStrings(s.Kept), ",") != strings.Join(svcStrings(w.kept), ",") ||
					strings.Join(s.KeptFeatures, ",") != strings.Join(w.feats, ",") {
					t.Errorf("kept %v %v, want %v %v", s.Kept, s.KeptFeatures, w.kept, w.feats)
				}
				if !strings.Contains(s.Reason, "Used in the last 90 days: "+strings.Join(svcStrings(s.Used), ", ")+".") {
					t.Errorf("reason %q does not name the used services %v", s.Reason, s.Used)
				}
				if len(w.kept) == 0 && !strings.Contains(s.Reason, "no desktop apps or security features") {
					t.Errorf("reason %q", s.Reason)
				}
				if len(w.kept) > 0 && !strings.Contains(s.Reason, "Kept because their use is not measured: "+string(w.kept[0])) {
					t.Errorf("reason %q does not name %v", s.Reason, w.kept)
				}
				for _, f := range w.feats {
					if !strings.Contains(s.Reason, f) {
						t.Errorf("reason %q does not name %s", s.Reason, f)
					}
				}
			}
		})
	}
}

func svcStrings(v []Service) []string {
	out := make([]string, len(v))
	for i, s := range v {
		out[i] = string(s)
	}
	return out
}

// Whatever the user used in the window, the suggested licences (plus the
// ones kept) carry every used service and every service or security
// feature whose use is not measured that the user had: exhaustive over all
// measured service sets and several starting points.
func TestRightSizeNeverDropsAServiceUsedInTheWindow(t *testing.T) {
	asOf := time.Date(2026, 6, 2, 0, 0, 0, 0, time.UTC)
	provides := func(skus []AssignedSKU) map[capability]bool {
		out := map[capability]bool{}
		for _, a := range skus {
			for c := range plansFor(testPlans, a) {
				out[c] = true
			}
		}
		return out
	}
	starts := [][]AssignedSKU{{{SkuID: "prem"}}, {{SkuID: "m365e3"}}, {{SkuID: "m365e5"}}, {{SkuID: "o365e3"}}, {{SkuID: "o365e3d"}},
		{{SkuID: "std"}}, {{SkuID: "basic"}}, {{SkuID: "prem"}, {SkuID: "visio"}}, {{SkuID: "m365e3"}, {SkuID: "basic"}},
		{{SkuID: "m365e3"}, {SkuID: "p1add"}}, {{SkuID: "m365e3", DisabledPlans: []string{"intune", "appse"}}}}
	checked, suggested := 0, 0
	for _, start := range starts {
		for mask := 1; mask < 1<<len(MeasuredServices); mask++ {
			last := map[Service]time.Time{}
			for i, s := range MeasuredServices {
				if mask&(1<<i) != 0 {
					last[s] = asOf.AddDate(0, 0, -(i*7)%80)
				}
			}
			before := provides(start)
			got := RightSize(testPlans, testCands, []RightSizeUser{{UserID: "u", Assigned: start, LastActivity: last}},
				RightSizeOptions{WindowDays: 90, AsOf: asOf})
			suggested += len(got)
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
			used := map[Service]bool{}
			for _, s := range UsedServices(last, asOf, 90) {
				used[s] = true
			}
			for c := range before {
				if (used[c.svc] || isAssumed(c.svc)) && !now[c] {
					t.Fatalf("start %v used %v: suggestion %+v drops %v", start, UsedServices(last, asOf, 90), got, c)
				}
			}
			checked++
		}
	}
	if checked != len(starts)*63 || suggested == 0 {
		t.Fatalf("%d cases, %d suggestions", checked, suggested)
	}
}

// The same rule over Microsoft's licensing CSV (real plan names) and the
// demo's list prices.
func TestRightSizeOverLicensingCSV(t *testing.T) {
	f, err := os.Open("../../../shared/data/licensing.csv")
	if err != nil {
		t.Skipf("licensing CSV not available: %v", err)
	}
	defer f.Close()
	cat, err := catalog.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	id := func(pn string) string {
		p, ok := cat.ByPartNumber(pn)
		if !ok {
			t.Fatalf("%s not in the CSV", pn)
		}
		return p.SkuID
	}
	prices := map[string]float64{"O365_BUSINESS_ESSENTIALS": 6, "O365_BUSINESS_PREMIUM": 12.5, "SPB": 22, "ENTERPRISEPACK": 23,
		"SPE_E3": 36, "SPE_E5": 57, "EXCHANGESTANDARD": 4}
	var cands []RightSizeCandidate
	for pn, p := range prices {
		cands = append(cands, RightSizeCandidate{SkuID: id(pn), MonthlyPrice: p})
	}
	asOf := time.Date(2026, 6, 2, 0, 0, 0, 0, time.UTC)
	mail := map[Service]time.Time{ServiceExchange: asOf.AddDate(0, 0, -2)}
	all := map[Service]time.Time{}
	for _, s := range MeasuredServices {
		all[s] = asOf.AddDate(0, 0, -2)
	}
	for _, c := range []struct {
		from string
		last map[Service]time.Time
		to   string // "" none
		kept string
	}{
		{"SPB", all, "", ""},
		{"SPB", mail, "", ""},
		{"O365_BUSINESS_PREMIUM", mail, "", ""},
		{"SPE_E5", mail, "", ""},
		{"SPE_E3", mail, "SPB", "Desktop apps,Security & device management"},
		// The CSV gives Office 365 E3 Defender for Office 365 (Plan 1)
		// (ATP_ENTERPRISE), which Business Standard lacks.
		{"ENTERPRISEPACK", mail, "SPB", "Desktop apps,Security & device management"},
		{"O365_BUSINESS_ESSENTIALS", mail, "EXCHANGESTANDARD", ""},
	} {
		got := RightSize(cat, cands, []RightSizeUser{{UserID: "u", Assigned: []AssignedSKU{{SkuID: id(c.from)}}, LastActivity: c.last}},
			RightSizeOptions{WindowDays: 90, AsOf: asOf})
		switch {
		case c.to == "" && len(got) != 0:
			t.Errorf("%s: got %+v, want none", c.from, got)
		case c.to != "" && (len(got) != 1 || got[0].SuggestedSkuID != id(c.to) || strings.Join(svcStrings(got[0].Kept), ",") != c.kept):
			t.Errorf("%s: got %+v, want %s keeping %s", c.from, got, c.to, c.kept)
		}
	}
}
