package derive

import (
	"os"
	"strings"
	"testing"
	"time"

	"tenantlens/backend/catalog"
)

// A capped candidate (Business plans: 300 seats per tenant) is suggested
// only while the tenant's seats of it — assigned now plus suggested in this
// run — stay within the cap; users are taken largest saving first, then
// UPN; a full target gives way to the next cheapest that fits.
func TestRightSizeSeatCap(t *testing.T) {
	asOf := time.Date(2026, 6, 2, 9, 0, 0, 0, time.UTC)
	mailOnly := map[Service]time.Time{ServiceExchange: asOf.AddDate(0, 0, -3)}
	user := func(id, upn, sku string) RightSizeUser {
		return RightSizeUser{UserID: id, UserPrincipalName: upn, Assigned: []AssignedSKU{{SkuID: sku}}, LastActivity: mailOnly}
	}
	capped := func(caps map[string]int) []RightSizeCandidate {
		out := make([]RightSizeCandidate, len(testCands))
		for i, c := range testCands {
			c.MaxSeats = caps[c.SkuID]
			out[i] = c
		}
		return out
	}
	// three Microsoft 365 E3 users whose only cheaper suite is Business Premium
	e3s := []RightSizeUser{user("u1", "carol@x", "m365e3"), user("u2", "alice@x", "m365e3"), user("u3", "Bob@x", "m365e3")}
	cases := []struct {
		name  string
		cands []RightSizeCandidate
		seats map[string]int
		users []RightSizeUser
		want  []string // user|current->suggested, in output order (user id)
	}{
		{"uncapped: every user", testCands, map[string]int{"prem": 1000}, e3s,
			[]string{"u1|m365e3->prem", "u2|m365e3->prem", "u3|m365e3->prem"}},
		{"cap not reached", capped(map[string]int{"prem": 10}), map[string]int{"prem": 2}, e3s,
			[]string{"u1|m365e3->prem", "u2|m365e3->prem", "u3|m365e3->prem"}},
		{"cap reached exactly by the suggestions", capped(map[string]int{"prem": 5}), map[string]int{"prem": 2}, e3s,
			[]string{"u1|m365e3->prem", "u2|m365e3->prem", "u3|m365e3->prem"}},
		{"cap reached: equal savings go by UPN (case-insensitive)", capped(map[string]int{"prem": 4}), map[string]int{"prem": 2}, e3s,
			[]string{"u2|m365e3->prem", "u3|m365e3->prem"}},
		{"cap already full: none", capped(map[string]int{"prem": 3}), map[string]int{"PREM": 3}, e3s, nil},
		{"cap already over: none", capped(map[string]int{"prem": 3}), map[string]int{"prem": 7}, e3s, nil},
		{"largest saving first", capped(map[string]int{"prem": 1}), nil,
			[]RightSizeUser{user("u1", "a@x", "o365e3d"), user("u2", "z@x", "m365e3")}, // savings 1 and 14
			[]string{"u2|m365e3->prem"}},
		{"next cheapest target that fits", capped(map[string]int{"std": 1, "prem": 300}), map[string]int{"std": 1}, // Office 365 E3 keeps desktop apps
			[]RightSizeUser{user("u1", "a@x", "o365e3")}, []string{"u1|o365e3->prem"}},
		{"next target used once the cheapest fills up", capped(map[string]int{"std": 2, "prem": 300}), map[string]int{"std": 1},
			[]RightSizeUser{user("u1", "c@x", "o365e3"), user("u2", "a@x", "o365e3"), user("u3", "b@x", "o365e3")},
			[]string{"u1|o365e3->prem", "u2|o365e3->std", "u3|o365e3->prem"}},
		{"every target that fits is full: none", capped(map[string]int{"std": 1, "prem": 1}), map[string]int{"std": 1, "prem": 1},
			[]RightSizeUser{user("u1", "a@x", "o365e3")}, nil},
		{"an uncapped target is never full", capped(map[string]int{"basic": 1}), map[string]int{"basic": 1, "mail": 1_000_000},
			[]RightSizeUser{user("u1", "a@x", "basic"), user("u2", "b@x", "basic")}, []string{"u1|basic->mail", "u2|basic->mail"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := RightSize(testPlans, c.cands, c.users, RightSizeOptions{WindowDays: 90, AsOf: asOf, Seats: c.seats})
			var g []string
			for _, s := range got {
				g = append(g, s.UserID+"|"+s.CurrentSkuID+"->"+s.SuggestedSkuID)
				if s.MonthlySaving != s.CurrentPrice-s.SuggestedPrice || s.MonthlySaving <= 0 {
					t.Errorf("%s: saving %v = %v - %v", s.UserID, s.MonthlySaving, s.CurrentPrice, s.SuggestedPrice)
				}
			}
			if strings.Join(g, ",") != strings.Join(c.want, ",") {
				t.Errorf("got %v want %v", g, c.want)
			}
		})
	}
}

// With a multi-licence user, a suggestion the cap refuses leaves the
// licence in place for the user's later licences.
func TestRightSizeSeatCapKeepsRefusedLicence(t *testing.T) {
	asOf := time.Date(2026, 6, 2, 9, 0, 0, 0, time.UTC)
	last := map[Service]time.Time{ServiceExchange: asOf.AddDate(0, 0, -3), ServiceOneDrive: asOf.AddDate(0, 0, -3)}
	u := RightSizeUser{UserID: "u", UserPrincipalName: "u@x", Assigned: []AssignedSKU{{SkuID: "m365e3"}, {SkuID: "visio"}}, LastActivity: last}
	cands := append([]RightSizeCandidate{}, testCands...)
	for i := range cands {
		if cands[i].SkuID == "prem" {
			cands[i].MaxSeats = 1
		}
	}
	if got := RightSize(testPlans, cands, []RightSizeUser{u}, RightSizeOptions{WindowDays: 90, AsOf: asOf, Seats: map[string]int{"prem": 1}}); len(got) != 0 {
		t.Errorf("full Business Premium: got %+v, want none", got)
	}
	got := RightSize(testPlans, cands, []RightSizeUser{u}, RightSizeOptions{WindowDays: 90, AsOf: asOf})
	if len(got) != 1 || got[0].SuggestedSkuID != "prem" {
		t.Errorf("room on Business Premium: got %+v", got)
	}
}

// Every Business plan named in the list is a String_Id of Microsoft's
// licensing CSV, and the Business suites the demo prices are capped while
// the Enterprise ones are not.
func TestBusinessPlanPartNumbersAreInTheCSV(t *testing.T) {
	for pn, want := range map[string]int{"SPB": 300, "spb": 300, " O365_BUSINESS_ESSENTIALS ": 300, "O365_BUSINESS_PREMIUM": 300,
		"O365_BUSINESS": 300, "SPE_E3": 0, "ENTERPRISEPACK": 0, "EXCHANGESTANDARD": 0, "": 0} {
		if got := MaxSeatsFor(pn); got != want {
			t.Errorf("MaxSeatsFor(%q) = %d, want %d", pn, got, want)
		}
	}
	f, err := os.Open("../../../shared/data/licensing.csv")
	if err != nil {
		t.Skipf("licensing CSV not available: %v", err)
	}
	defer f.Close()
	cat, err := catalog.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, pn := range BusinessPlanPartNumbers {
		p, ok := cat.ByPartNumber(pn)
		if !ok {
			t.Errorf("%q is not a String_Id in the licensing CSV", pn)
			continue
		}
		if !strings.Contains(p.DisplayName, "Business") {
			t.Errorf("%q is %q, not a Business plan", pn, p.DisplayName)
		}
	}
}
