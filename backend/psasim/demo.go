package psasim

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"tenantlens/backend/graphsim"
)

// Generate builds the demo PSA of graphsim's demo MSP m: one company per
// customer tenant except a few (new customers not yet in the PSA), the MSP's
// own company, a prospect without a tenant, and a duplicate ("ambiguous")
// record of one client. Same m, seed and day of now => identical PSA.
func Generate(m *graphsim.MSP, seed int64, now time.Time) (*Data, *Truth) {
	g := &gen{
		r:   rand.New(rand.NewPCG(uint64(seed), 0xc0ffee5eed)),
		ref: now.UTC().Truncate(24 * time.Hour),
		d:   &Data{},
		t:   &Truth{TenantCompany: map[string]int{}},
		ids: map[string]bool{}, nextCo: 250, nextCt: 1301, nextIt: 5101,
	}
	if m.Partner != nil {
		co := g.company(m.Partner.DisplayName, m.Partner, []string{"Owner"}, "Active")
		g.truthFor(co, m.Partner).Own = true
		g.staff(co, m.Partner)
	}
	amb := -1
	if len(m.Customers) > 1 {
		amb = min(11, len(m.Customers)-1)
	}
	for i, t := range m.Customers {
		if skipTenant(i) {
			g.t.UnmappedTenants = append(g.t.UnmappedTenants, t.ID)
			continue
		}
		co := g.company(nameVariant(t.DisplayName, i), t, []string{"Client"}, "Active")
		g.truthFor(co, t)
		g.staff(co, t)
		if i == amb {
			twin := g.company(twinName(t.DisplayName), nil, []string{"Client"}, "Inactive")
			twin.Website = co.Website
			if twin.Website == "" {
				twin.Website = "www." + t.DefaultDomain
			}
			ct := g.truthFor(twin, nil)
			for k := 0; k < 2; k++ {
				c := g.gone(twin, t, ct, addrSet(t))
				c.InactiveFlag = true
			}
			g.t.Ambiguous = [2]int{co.ID, twin.ID}
			g.t.AmbiguousTenant = t.ID
		}
	}
	// a prospect with no tenant
	pro := g.company("Evergreen Accounting Group", nil, []string{"Prospect"}, "Active")
	pro.Website = "https://evergreenacctg.com"
	ct := g.truthFor(pro, nil)
	fake := &graphsim.Tenant{DefaultDomain: "evergreenacctg.com"}
	for k := 0; k < 4; k++ {
		g.gone(pro, fake, ct, map[string]bool{})
	}
	return g.d, g.t
}

// skipTenant: customers with no PSA company yet (index 9 of the fixed
// twelve, Copperline Coffee Roasters, and every 8th generated one).
func skipTenant(i int) bool { return i == 9 || (i >= 12 && i%8 == 5) }

// nameVariant writes the tenant's name the way a PSA user typed it.
func nameVariant(name string, i int) string {
	switch i % 5 {
	case 1:
		if strings.Contains(name, " & ") {
			return strings.ReplaceAll(name, " & ", " and ")
		}
		return name + ", Inc."
	case 2:
		return name + " LLC"
	case 3:
		for _, suf := range []string{" LLP", " LLC", " Inc."} {
			if s, ok := strings.CutSuffix(name, suf); ok {
				return s
			}
		}
		return name + ", Inc."
	case 4:
		return strings.ToUpper(name[:1]) + name[1:] + " Co."
	}
	return name
}

func twinName(name string) string { return name + ", PLLC" }

type gen struct {
	r                      *rand.Rand
	ref                    time.Time
	d                      *Data
	t                      *Truth
	ids                    map[string]bool
	nextCo, nextCt, nextIt int
	cur                    *CompanyTruth
}

func (g *gen) company(name string, t *graphsim.Tenant, types []string, status string) *Company {
	id := g.nextCo
	g.nextCo++
	ident := identifier(name)
	for k := 2; g.ids[strings.ToLower(ident)]; k++ {
		ident = identifier(name)[:min(len(identifier(name)), 28)] + strconv.Itoa(k)
	}
	g.ids[strings.ToLower(ident)] = true
	if len(name) > 50 {
		name = name[:50]
	}
	c := &Company{ID: id, Identifier: ident, Name: name, StatusID: 1, StatusName: status, Types: types,
		Phone:       "555" + strconv.Itoa(1000000+g.r.IntN(8999999)),
		DateEntered: g.ref.AddDate(-1-g.r.IntN(6), -g.r.IntN(12), 0).Add(time.Duration(g.r.IntN(86400)) * time.Second)}
	if status == "Inactive" {
		c.StatusID = 3
	}
	c.LastUpdated = c.DateEntered.AddDate(0, g.r.IntN(10), g.r.IntN(28))
	if t != nil {
		c.AddressLine1, c.City, c.State, c.Zip = t.Street, t.City, t.State, t.Postal
		switch g.r.IntN(4) {
		case 0:
			c.Website = "www." + t.DefaultDomain
		case 1:
			c.Website = "https://" + t.DefaultDomain
		case 2:
			c.Website = "http://www." + t.DefaultDomain + "/"
		}
	}
	g.d.Companies = append(g.d.Companies, c)
	return c
}

func identifier(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		for _, r := range w {
			if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				b.WriteRune(r)
			}
		}
	}
	s := b.String()
	return s[:min(len(s), 30)]
}

func (g *gen) truthFor(co *Company, t *graphsim.Tenant) *CompanyTruth {
	ct := &CompanyTruth{CompanyID: co.ID, Name: co.Name}
	if t != nil {
		ct.TenantID = t.ID
		g.t.TenantCompany[t.ID] = co.ID
		for _, u := range t.Users {
			ct.accounts = append(ct.accounts, &Account{UserID: u.ID, UserPrincipalName: u.UserPrincipalName, Mail: u.Mail,
				Enabled: u.AccountEnabled, Deleted: u.Deleted, Guest: u.IsGuest(), Resource: u.IsResource(), Licensed: len(u.AssignedLicenses) > 0})
		}
	} else {
		g.t.NoTenantCompanies = append(g.t.NoTenantCompanies, co.ID)
	}
	g.t.Companies = append(g.t.Companies, ct)
	g.cur = ct
	return ct
}

// addrSet is every address of the tenant (mail, UPN, proxies), lower case.
func addrSet(t *graphsim.Tenant) map[string]bool {
	s := map[string]bool{}
	for _, u := range t.Users {
		s[lower(u.Mail)], s[lower(u.UserPrincipalName)] = true, true
		for _, p := range u.ProxyAddresses {
			if _, a, ok := strings.Cut(p, ":"); ok {
				s[lower(a)] = true
			}
		}
	}
	delete(s, "")
	return s
}
