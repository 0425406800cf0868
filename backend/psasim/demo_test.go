package psasim

import (
	"reflect"
	"strings"
	"testing"

	"tenantlens/backend/graphsim"
)

func demo(seed int64, tenants int) (*graphsim.MSP, *Data, *Truth) {
	m := graphsim.GenerateMSPWith(graphsim.GenOptions{Seed: seed, Tenants: tenants, Now: fixedNow()})
	d, tr := Generate(m, seed, fixedNow())
	return m, d, tr
}

func TestDemoDeterministicPerSeed(t *testing.T) {
	_, d1, t1 := demo(7, 14)
	_, d2, t2 := demo(7, 14)
	if !reflect.DeepEqual(d1, d2) || !reflect.DeepEqual(t1, t2) {
		t.Fatal("same seed gave different PSAs")
	}
	_, d3, _ := demo(8, 14)
	if reflect.DeepEqual(d1.Contacts, d3.Contacts) {
		t.Fatal("different seeds gave the same contacts")
	}
}

// index: address (lower case) -> user, over mail, UPN and proxy addresses.
func index(tn *graphsim.Tenant) map[string][]*graphsim.User {
	ix := map[string][]*graphsim.User{}
	for _, u := range tn.Users {
		seen := map[string]bool{}
		add := func(a string) {
			a = strings.ToLower(strings.TrimSpace(a))
			if a != "" && !seen[a] {
				seen[a] = true
				ix[a] = append(ix[a], u)
			}
		}
		add(u.Mail)
		add(u.UserPrincipalName)
		for _, p := range u.ProxyAddresses {
			if _, a, ok := strings.Cut(p, ":"); ok {
				add(a)
			}
		}
	}
	return ix
}

func TestDemoConsistentWithGraphsim(t *testing.T) {
	m, d, tr := demo(1, 20)
	tenants := map[string]*graphsim.Tenant{m.Partner.ID: m.Partner}
	for _, c := range m.Customers {
		tenants[c.ID] = c
	}
	contacts := map[int]*Contact{}
	for _, c := range d.Contacts {
		contacts[c.ID] = c
	}
	companies := map[int]*Company{}
	for _, c := range d.Companies {
		companies[c.ID] = c
	}
	mapped := 0
	for _, ct := range tr.Companies {
		co := companies[ct.CompanyID]
		if co == nil || co.Name != ct.Name {
			t.Fatalf("truth company %d not in the data", ct.CompanyID)
		}
		recs := ct.Records(Scope{})
		if ct.TenantID == "" {
			for _, r := range recs {
				if r.Match != ContactOnly {
					t.Errorf("%s has no tenant but a %s row", ct.Name, r.Match)
				}
			}
			continue
		}
		tn := tenants[ct.TenantID]
		if !ct.Own {
			mapped++
		}
		ix := index(tn)
		hits := 0
		claimed := map[string]bool{}
		nContacts := 0
		for _, r := range recs {
			switch r.Match {
			case Matched:
				nContacts++
				c := contacts[r.ContactID]
				if c.CompanyID != ct.CompanyID {
					t.Errorf("contact %d in company %d, truth says %d", c.ID, c.CompanyID, ct.CompanyID)
				}
				// the contact's emails hit exactly the truth's user, and only it
				var users []*graphsim.User
				for _, e := range c.Emails() {
					users = append(users, ix[strings.ToLower(e)]...)
				}
				if len(users) != 1 || users[0].ID != r.UserID {
					t.Errorf("%s contact %d %v hits %d users, truth user %s", ct.Name, c.ID, c.Emails(), len(users), r.UserID)
				}
				claimed[r.UserID] = true
				hits++
			case ContactOnly:
				nContacts++
				for _, e := range contacts[r.ContactID].Emails() {
					if len(ix[strings.ToLower(e)]) > 0 {
						t.Errorf("%s contact_only %d email %s exists in the tenant", ct.Name, r.ContactID, e)
					}
				}
			case AccountOnly:
				if claimed[r.UserID] {
					t.Errorf("user %s both matched and account_only", r.UserID)
				}
			}
		}
		n := 0
		for _, c := range d.Contacts {
			if c.CompanyID == ct.CompanyID {
				n++
			}
		}
		if n != nContacts {
			t.Errorf("%s: %d contacts, truth rows for %d", ct.Name, n, nContacts)
		}
		if hits == 0 {
			t.Errorf("%s mapped to %s but no contact email exists there", ct.Name, tn.DisplayName)
		}
		ma, co2, ao := ct.Counts(Scope{})
		if ma+ao != len(tn.Users) || ma+co2 != n {
			t.Errorf("%s counts %d/%d/%d vs %d users, %d contacts", ct.Name, ma, co2, ao, len(tn.Users), n)
		}
	}
	if mapped < len(m.Customers)*3/4 || len(tr.UnmappedTenants) == 0 || mapped+len(tr.UnmappedTenants) != len(m.Customers) {
		t.Errorf("mapped %d, unmapped %d of %d customers", mapped, len(tr.UnmappedTenants), len(m.Customers))
	}
	if tr.Departed == 0 || tr.Aliases == 0 || tr.NewHires == 0 || tr.MultiEmail == 0 || tr.NoEmail == 0 {
		t.Errorf("scenarios missing: %+v", tr)
	}
	// the ambiguous pair: same normalised name, same website, one tenant
	a, b := companies[tr.Ambiguous[0]], companies[tr.Ambiguous[1]]
	norm := func(s string) string {
		s = strings.ToLower(s)
		for _, x := range []string{", pllc", ", inc.", " llc", " co.", ","} {
			s = strings.TrimSuffix(s, x)
		}
		return strings.ReplaceAll(s, " and ", " & ")
	}
	if a == nil || b == nil || norm(a.Name) != norm(b.Name) || a.Website != b.Website || tr.TenantCompany[tr.AmbiguousTenant] != a.ID {
		t.Errorf("ambiguous pair: %+v %+v", a, b)
	}
	if len(tr.NoTenantCompanies) < 2 {
		t.Errorf("companies without tenant: %v", tr.NoTenantCompanies)
	}
}

func TestTruthScope(t *testing.T) {
	_, _, tr := demo(1, 12)
	moved := 0
	for _, ct := range tr.Companies {
		all := ct.Records(Scope{})
		noDel := ct.Records(Scope{ExcludeDeleted: true})
		for i, r := range all {
			if r.Match == Matched && r.Account.Deleted {
				if noDel[i].Match != ContactOnly {
					t.Errorf("contact %d of a deleted account not contact_only when deleted are excluded", r.ContactID)
				}
				moved++
			}
		}
		for _, r := range noDel {
			if r.Account != nil && r.Account.Deleted {
				t.Errorf("deleted account %s in an ExcludeDeleted row", r.UserID)
			}
		}
	}
	if moved == 0 {
		t.Error("demo has no contact of a deleted account")
	}
}

func TestDemoServedMatchesTruth(t *testing.T) {
	m := graphsim.GenerateMSPWith(graphsim.GenOptions{Seed: 3, Tenants: 12, Now: fixedNow()})
	s := startSim(t, Options{MSP: m, Seed: 3})
	if s.Truth() == nil || len(s.Truth().Companies) != len(s.Data().Companies) {
		t.Fatal("truth missing")
	}
	total := 0
	for _, ct := range s.Truth().Companies {
		_, co, _ := ct.Counts(Scope{})
		ma, _, _ := ct.Counts(Scope{})
		total += ma + co
	}
	r := get(t, s, "/v4_6_release/apis/3.0/company/contacts/count", nil)
	if n := decode[map[string]int](t, r.body)["count"]; n != total {
		t.Errorf("served %d contacts, truth has %d", n, total)
	}
}
