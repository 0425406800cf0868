package graphsim

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestDemoIsDeterministic(t *testing.T) {
	a := GenerateMSP(7, 20, fixedNow)
	b := GenerateMSP(7, 20, fixedNow)
	c := GenerateMSP(8, 20, fixedNow)
	if len(a.Customers) != 20 || len(a.Relationships) != len(b.Relationships) {
		t.Fatal("shape differs")
	}
	for i := range a.Customers {
		x, y := a.Customers[i], b.Customers[i]
		if x.ID != y.ID || len(x.Users) != len(y.Users) || x.Users[len(x.Users)-1].ID != y.Users[len(y.Users)-1].ID ||
			x.Users[3].UserPrincipalName != y.Users[3].UserPrincipalName {
			t.Fatalf("tenant %d differs between runs with the same seed", i)
		}
	}
	if a.Customers[0].ID == c.Customers[0].ID {
		t.Error("different seeds gave the same tenant id")
	}
}

func TestDemoMixMatchesTheIssue(t *testing.T) {
	s := startSim(t, Options{})
	m := s.MSP()
	if len(m.Customers) != 12 || m.Partner == nil || !m.Partner.IsPartner {
		t.Fatalf("%d customers, partner %v", len(m.Customers), m.Partner != nil)
	}
	var noP1, concealed, unconsented, noRel, expiredOnly, noReports int
	minMFA, maxMFA := 1.0, 0.0
	skus := map[string]bool{}
	states := map[string]bool{}
	for _, c := range m.Customers {
		gt := s.GroundTruth(c.ID)
		if gt.Users < 5 || gt.Users > 2000 {
			t.Errorf("%s: %d users", c.DisplayName, gt.Users)
		}
		if !gt.HasP1 {
			noP1++
		}
		if gt.Concealed {
			concealed++
		}
		if !c.DemoConsented {
			unconsented++
		}
		roles := s.gdapRoles(c.ID)
		hasRel := false
		for _, r := range m.Relationships {
			hasRel = hasRel || r.CustomerID == c.ID
		}
		switch {
		case !hasRel:
			noRel++
		case len(roles) == 0:
			expiredOnly++
		case !roles[RoleReportsReader]:
			noReports++
		}
		members := 0
		reg := 0
		for _, u := range c.Users {
			if !u.Deleted && !u.IsGuest() && !u.IsResource() {
				members++
				if u.MFARegistered() {
					reg++
				}
			}
		}
		r := float64(reg) / float64(members)
		minMFA, maxMFA = min(minMFA, r), max(maxMFA, r)
		for _, k := range c.SKUs {
			skus[k.SkuPartNumber] = true
			states[k.CapabilityStatus] = true
			if gt.ConsumedBySKU[k.SkuID] > k.Enabled+k.Warning+k.Suspended {
				t.Errorf("%s %s: consumed %d > purchased", c.DisplayName, k.SkuPartNumber, gt.ConsumedBySKU[k.SkuID])
			}
		}
		if gt.Members+gt.Guests+gt.ResourceAccounts != gt.Users || gt.Inactive < 0 {
			t.Errorf("%s: inconsistent truth %+v", c.DisplayName, gt)
		}
	}
	if noP1 != 2 || concealed != 1 || unconsented != 1 || noRel != 1 || expiredOnly < 1 || noReports < 1 {
		t.Errorf("noP1=%d concealed=%d unconsented=%d noRelationship=%d expiredOnly=%d noReportsReader=%d",
			noP1, concealed, unconsented, noRel, expiredOnly, noReports)
	}
	if minMFA > 0.55 || maxMFA < 0.99 {
		t.Errorf("MFA registration spans %.2f-%.2f, want about 40-100 %%", minMFA, maxMFA)
	}
	for _, want := range []string{"O365_BUSINESS_ESSENTIALS", "O365_BUSINESS_PREMIUM", "SPB", "ENTERPRISEPACK", "SPE_E3", "SPE_E5",
		"AAD_PREMIUM", "MCOEV", "VISIOCLIENT", "PROJECTPROFESSIONAL", "POWER_BI_PRO", "FLOW_FREE", "POWER_BI_STANDARD"} {
		if !skus[want] {
			t.Errorf("SKU %s missing from the demo", want)
		}
	}
	if !states[CapabilitySuspended] || !states[CapabilityWarning] {
		t.Errorf("capability states %v", states)
	}
}

// No sign-in or activity date may sit within 3 days of the 90-day line.
func TestDemoSignalsStayClearOfTheInactivityBoundary(t *testing.T) {
	now := fixedNow
	m := GenerateMSP(1, 40, now)
	check := func(who string, ts ...time.Time) {
		for _, x := range ts {
			if x.IsZero() {
				continue
			}
			age := now.Sub(x)
			if age > 87*day && age < 93*day {
				t.Fatalf("%s: signal %s is %.1f days old", who, x, age.Hours()/24)
			}
		}
	}
	inactive := 0
	for _, ten := range append([]*Tenant{m.Partner}, m.Customers...) {
		for _, u := range ten.Users {
			if u.SignIn != nil {
				check(u.UserPrincipalName, u.SignIn.LastSignIn, u.SignIn.LastNonInteractive, u.SignIn.LastSuccessful)
			}
			us := u.Usage
			check(u.UserPrincipalName, us.ExchangeLast, us.OneDriveLast, us.SharePointLast, us.SkypeLast, us.YammerLast, us.TeamsLast)
		}
		inactive += InactiveCount(ten, true, true, now)
	}
	if inactive == 0 {
		t.Error("no inactive users at all")
	}
}

// The inactivity rule applied to what graphsim serves equals GroundTruth,
// for a P1 tenant, a tenant without P1 and the concealed tenant.
func TestDemoServedSignalsReproduceInactiveTruth(t *testing.T) {
	s := startSim(t, Options{})
	for _, name := range []string{"Harbor", "Summit Ridge", "Meridian"} {
		ten := tenantNamed(t, s, name)
		gt := s.GroundTruth(ten.ID)
		tok := s.IssueToken(ten.ID)
		last := map[string]time.Time{} // by UPN
		type row struct {
			upn     string
			enabled bool
		}
		var people []row
		sel := "id,userPrincipalName,accountEnabled"
		if gt.HasP1 {
			sel += ",signInActivity"
		}
		next := s.GraphURL() + "/v1.0/users?$top=500&$select=" + sel
		for next != "" {
			st, _, b := rawGet(t, next, tok, nil)
			if st != 200 {
				t.Fatalf("%d %s", st, b)
			}
			var page struct {
				Next  string `json:"@odata.nextLink"`
				Value []struct {
					UPN     string `json:"userPrincipalName"`
					Enabled bool   `json:"accountEnabled"`
					Sign    *struct {
						Last   *time.Time `json:"lastSignInDateTime"`
						NonInt *time.Time `json:"lastNonInteractiveSignInDateTime"`
					} `json:"signInActivity"`
				} `json:"value"`
			}
			_ = json.Unmarshal(b, &page)
			for _, u := range page.Value {
				people = append(people, row{u.UPN, u.Enabled})
				if u.Sign != nil {
					for _, x := range []*time.Time{u.Sign.Last, u.Sign.NonInt} {
						if x != nil && x.After(last[u.UPN]) {
							last[u.UPN] = *x
						}
					}
				}
			}
			next = page.Next
		}
		report := func(name string) [][]string {
			_, h, _ := rawGet(t, s.GraphURL()+"/v1.0/reports/"+name+"(period='D30')", tok, nil)
			_, _, b := rawGet(t, h.Get("Location"), "", nil)
			rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff"))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			return rows
		}
		resource := map[string]bool{}
		for _, r := range report("getMailboxUsageDetail")[1:] {
			if r[16] == "Shared" || r[16] == "Room" || r[16] == "Equipment" {
				resource[r[1]] = true
			}
		}
		if !gt.Concealed {
			for _, r := range report("getOffice365ActiveUserDetail")[1:] {
				for _, v := range r[11:17] {
					if d, err := time.Parse("2006-01-02", v); err == nil && d.After(last[r[1]]) {
						last[r[1]] = d
					}
				}
			}
		}
		inactive := 0
		for _, p := range people {
			if !p.enabled || resource[p.upn] {
				continue
			}
			if l := last[p.upn]; l.IsZero() || fixedNow.Sub(l) > InactiveAfter {
				inactive++
			}
		}
		if inactive != gt.Inactive || inactive == 0 {
			t.Errorf("%s: inactive from served data %d, truth %d", name, inactive, gt.Inactive)
		}
	}
}

func TestDemoSubscribedSkusConsumedEqualsTruth(t *testing.T) {
	s := startSim(t, Options{})
	for _, ten := range s.MSP().Customers {
		_, _, b := rawGet(t, s.GraphURL()+"/v1.0/subscribedSkus", s.IssueToken(ten.ID), nil)
		var v struct {
			Value []struct {
				SkuID    string `json:"skuId"`
				Consumed int    `json:"consumedUnits"`
			} `json:"value"`
		}
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		gt := s.GroundTruth(ten.ID)
		if len(v.Value) != len(gt.ConsumedBySKU) {
			t.Errorf("%s: %d skus, truth %d", ten.DisplayName, len(v.Value), len(gt.ConsumedBySKU))
		}
		for _, k := range v.Value {
			if k.Consumed != gt.ConsumedBySKU[k.SkuID] {
				t.Errorf("%s %s: consumed %d, truth %d", ten.DisplayName, k.SkuID, k.Consumed, gt.ConsumedBySKU[k.SkuID])
			}
		}
	}
	// knobs move the truth with them
	h := tenantNamed(t, s, "Harbor")
	s.SetKnobs(h.ID, Knobs{NoP1: true, Concealed: true})
	if gt := s.GroundTruth(h.ID); gt.HasP1 || !gt.Concealed || gt.Inactive != -1 {
		t.Errorf("knobbed truth %+v", gt)
	}
	st, _, _ := rawGet(t, s.GraphURL()+"/v1.0/reports/authenticationMethods/userRegistrationDetails", s.IssueToken(h.ID), nil)
	if st != http.StatusForbidden {
		t.Errorf("NoP1 knob: registration details %d", st)
	}
}
