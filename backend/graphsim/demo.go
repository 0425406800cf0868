package graphsim

import (
	"math/rand/v2"
	"strings"
	"time"
)

// GenOptions controls GenerateMSPWith.
type GenOptions struct {
	Seed    int64
	Tenants int // customer tenants; <= 0 means 12
	// UsersPerTenant, when > 0, gives every customer that many users instead
	// of the realistic size mix (load tests and benchmarks).
	UsersPerTenant int
	// UsersScale, when > 0, multiplies every customer's size in the
	// realistic mix (MSP-scale benchmarks keep the mix of small and large).
	UsersScale float64
	// AllReady gives every customer full GDAP roles and consent, so a
	// partner connection can sync all of them (benchmarks).
	AllReady bool
	// Now is the reference time; generated dates are relative to Now
	// truncated to the day (UTC). Zero means time.Now().
	Now time.Time
}

// gdap access a customer gets from the partner.
type gdapKind uint8

const (
	gdapFull      gdapKind = iota // Global Reader + User Administrator + Reports Reader
	gdapNoReports                 // Directory Readers + User Administrator only
	gdapExpired                   // only an expired relationship
	gdapNone                      // no relationship at all
)

// licence mixes.
const (
	mixSPB = iota
	mixE3
	mixStandard
	mixBasicP1
	mixE5
	mixDup
	mixM365E3
	mixBasic
	mixStandardP1
	mixSPBVisio
	mixCount
)

// tenantSpec is the recipe for one generated tenant.
type tenantSpec struct {
	company   companyProfile
	size      int
	mix       int
	gdap      gdapKind
	consented bool
	concealed bool
	mfaRate   float64
	onPrem    bool
	partner   bool
}

// fixedCustomers are the 12 hand-shaped demo customers (see README in the
// package doc): sizes, licence mixes and GDAP situations chosen to exercise
// every code path of TenantLens.
var fixedCustomers = [...]tenantSpec{
	{companyProfile{"Harbor Dental Group", "harbordental.com", "Portland", "OR", "dental"}, 45, mixSPB, gdapFull, true, false, 0.92, false, false},
	{companyProfile{"Cedar & Pine Law LLP", "cedarpinelaw.com", "Seattle", "WA", "law"}, 120, mixE3, gdapFull, true, false, 0.65, true, false},
	{companyProfile{"Summit Ridge Construction", "summitridgebuild.com", "Boise", "ID", "construction"}, 260, mixStandard, gdapFull, true, false, 0.45, false, false},
	{companyProfile{"Brightwater Veterinary Clinic", "brightwatervet.com", "Madison", "WI", "vet"}, 8, mixBasicP1, gdapFull, true, false, 1.0, false, false},
	{companyProfile{"Meridian Financial Advisors", "meridianfinancial.com", "Denver", "CO", "finance"}, 2000, mixE5, gdapFull, true, true, 0.88, true, false},
	{companyProfile{"Oakline Manufacturing", "oaklinemfg.com", "Columbus", "OH", "manufacturing"}, 180, mixDup, gdapExpired, true, false, 0.7, true, false},
	{companyProfile{"Lakeside Pediatrics", "lakesidepeds.com", "Raleigh", "NC", "medical"}, 70, mixSPB, gdapNoReports, true, false, 0.8, false, false},
	{companyProfile{"Northgate Logistics", "northgatelogistics.com", "Omaha", "NE", "logistics"}, 300, mixM365E3, gdapNoReports, true, false, 0.55, true, false},
	{companyProfile{"Willow Creek Realty", "willowcreekrealty.com", "Sacramento", "CA", "realty"}, 35, mixSPB, gdapFull, false, false, 0.75, false, false},
	{companyProfile{"Copperline Coffee Roasters", "copperlinecoffee.com", "Burlington", "VT", "retail"}, 5, mixSPB, gdapNone, true, false, 0.4, false, false},
	{companyProfile{"Granite Peak Engineering", "granitepeakeng.com", "Spokane", "WA", "engineering"}, 95, mixStandardP1, gdapExpired, true, false, 0.6, false, false},
	{companyProfile{"Blue Heron Architects", "blueheronarch.com", "Asheville", "NC", "architecture"}, 24, mixSPBVisio, gdapFull, true, false, 0.95, false, false},
}

var partnerSpec = tenantSpec{
	company: companyProfile{"Bluewater IT Partners", "bluewaterit.com", "Tacoma", "WA", "msp"},
	size:    14, mix: mixSPB, gdap: gdapNone, consented: true, mfaRate: 1.0, partner: true,
}

// GenerateMSP builds the demo MSP: a partner tenant plus `tenants` customers
// (default 12). Same seed and day of `now` => identical MSP.
func GenerateMSP(seed int64, tenants int, now time.Time) *MSP {
	return GenerateMSPWith(GenOptions{Seed: seed, Tenants: tenants, Now: now})
}

// GenerateMSPWith is GenerateMSP with all options.
func GenerateMSPWith(o GenOptions) *MSP {
	if o.Tenants <= 0 {
		o.Tenants = 12
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	ref := o.Now.UTC().Truncate(24 * time.Hour)
	master := rand.New(rand.NewPCG(uint64(o.Seed), 0x5eed5eed5eed5eed))

	specs := make([]tenantSpec, o.Tenants)
	usedDomains := map[string]bool{partnerSpec.company.Domain: true}
	for i := range specs {
		if i < len(fixedCustomers) {
			specs[i] = fixedCustomers[i]
		} else {
			specs[i] = randomSpec(master, usedDomains)
		}
		usedDomains[specs[i].company.Domain] = true
		if o.UsersPerTenant > 0 {
			specs[i].size = o.UsersPerTenant
		}
		if o.UsersScale > 0 {
			specs[i].size = max(1, int(float64(specs[i].size)*o.UsersScale+0.5))
		}
		if o.AllReady {
			specs[i].gdap, specs[i].consented = gdapFull, true
		}
	}

	msp := &MSP{}
	msp.Partner = genTenant(rand.New(rand.NewPCG(master.Uint64(), master.Uint64())), partnerSpec, ref)
	msp.Customers = make([]*Tenant, len(specs))
	for i := range specs {
		msp.Customers[i] = genTenant(rand.New(rand.NewPCG(master.Uint64(), master.Uint64())), specs[i], ref)
	}
	rr := rand.New(rand.NewPCG(master.Uint64(), master.Uint64()))
	for i, c := range msp.Customers {
		msp.Relationships = append(msp.Relationships, genRelationships(rr, msp.Partner, c, specs[i].gdap, ref)...)
	}
	return msp
}

// randomSpec invents a customer beyond the fixed twelve.
func randomSpec(r *rand.Rand, used map[string]bool) tenantSpec {
	var sp tenantSpec
	for {
		pre := companyPrefixes[r.IntN(len(companyPrefixes))]
		suf := companySuffixes[r.IntN(len(companySuffixes))]
		dom := strings.ToLower(strings.ReplaceAll(pre, " ", "")) + suf.Short + ".com"
		if used[dom] {
			dom = strings.TrimSuffix(dom, ".com") + itoa(2+r.IntN(97)) + ".com"
			if used[dom] {
				continue
			}
		}
		c := cities[r.IntN(len(cities))]
		sp.company = companyProfile{pre + " " + suf.Name, dom, c.City, c.State, suf.Short}
		break
	}
	switch x := r.Float64(); {
	case x < 0.15:
		sp.size = 3 + r.IntN(10)
	case x < 0.85:
		sp.size = 20 + r.IntN(281)
	case x < 0.98:
		sp.size = 300 + r.IntN(501)
	default:
		sp.size = 1000 + r.IntN(1501)
	}
	sp.mix = r.IntN(mixCount)
	switch x := r.Float64(); {
	case x < 0.80:
		sp.gdap = gdapFull
	case x < 0.87:
		sp.gdap = gdapNoReports
	case x < 0.95:
		sp.gdap = gdapExpired
	default:
		sp.gdap = gdapNone
	}
	sp.consented = r.Float64() < 0.95
	sp.concealed = r.Float64() < 0.10
	sp.mfaRate = 0.4 + 0.6*r.Float64()
	sp.onPrem = r.Float64() < 0.3
	return sp
}

// genRelationships creates the GDAP relationships of one customer.
func genRelationships(r *rand.Rand, partner, c *Tenant, kind gdapKind, ref time.Time) []Relationship {
	short := shortName(c.DisplayName)
	pshort := shortName(partner.DisplayName)
	mk := func(status string, roles []string, start time.Time, days int, autoExt string, label string) Relationship {
		activated := start.Add(time.Duration(90+r.IntN(600)) * time.Second)
		end := activated.AddDate(0, 0, days)
		rel := Relationship{
			ID:              seededGUID(r) + "-" + seededGUID(r),
			DisplayName:     pshort + "_" + short + "_" + label,
			CustomerID:      c.ID,
			CustomerName:    c.DisplayName,
			Status:          status,
			Roles:           roles,
			Duration:        "P" + itoa(days) + "D",
			AutoExtend:      autoExt,
			CreatedDateTime: start,
			ActivatedAt:     activated,
			EndDateTime:     end,
		}
		rel.LastModifiedTime = activated
		if status == RelationshipExpired {
			rel.LastModifiedTime = end
		}
		return rel
	}
	full := []string{RoleGlobalReader, RoleUserAdministrator, RoleReportsReader}
	limited := []string{RoleDirectoryReaders, RoleUserAdministrator}
	ageDays := func(lo, hi int) time.Time {
		return ref.Add(-time.Duration(lo+r.IntN(hi-lo+1))*24*time.Hour - time.Duration(r.IntN(86400))*time.Second)
	}
	switch kind {
	case gdapFull:
		out := []Relationship{mk(RelationshipActive, full, ageDays(30, 500), 730, "P180D", "Read")}
		if r.IntN(3) == 0 || c.DisplayName == fixedCustomers[0].company.Name {
			// an older, expired relationship next to the active one
			start := ageDays(800, 1000)
			out = append([]Relationship{mk(RelationshipExpired, []string{RoleGlobalAdministrator}, start, 365, "PT0S", start.Format("2006"))}, out...)
		}
		return out
	case gdapNoReports:
		return []Relationship{mk(RelationshipActive, limited, ageDays(30, 400), 730, "P180D", "Helpdesk")}
	case gdapExpired:
		start := ageDays(420, 700)
		return []Relationship{mk(RelationshipExpired, []string{RoleGlobalReader}, start, 365, "PT0S", start.Format("2006"))}
	}
	return nil
}

// shortName: "Harbor Dental Group" -> "HarborDental".
func shortName(name string) string {
	f := strings.Fields(strings.NewReplacer("&", "", ",", "", ".", "").Replace(name))
	if len(f) > 2 {
		f = f[:2]
	}
	return strings.Join(f, "")
}

// genTenant creates one tenant from its spec.
func genTenant(r *rand.Rand, sp tenantSpec, ref time.Time) *Tenant {
	base := strings.TrimSuffix(sp.company.Domain, ".com")
	base = strings.ReplaceAll(base, ".", "")
	t := &Tenant{
		ID:            seededGUID(r),
		DisplayName:   sp.company.Name,
		InitialDomain: base + ".onmicrosoft.com",
		DefaultDomain: sp.company.Domain,
		Concealed:     sp.concealed,
		IsPartner:     sp.partner,
		Street:        itoa(100+r.IntN(9800)) + " " + [...]string{"Main St", "Commerce Way", "Harbor Blvd", "Oak Ave", "Industrial Pkwy", "Market St"}[r.IntN(6)],
		City:          sp.company.City,
		State:         sp.company.State,
		Postal:        itoa(10000 + r.IntN(89999)),
		Country:       "US",
		Phone:         "+1 " + itoa(200+r.IntN(700)) + " 555 0" + itoa(100+r.IntN(899)),
		OnPremSync:    sp.onPrem,
	}
	t.Domains = []string{t.InitialDomain, t.DefaultDomain}
	t.CreatedDateTime = ref.AddDate(-2-r.IntN(9), -r.IntN(12), -r.IntN(28)).Add(time.Duration(r.IntN(86400)) * time.Second)
	t.DemoConsented = sp.consented
	t.DemoServicePrincipal = sp.consented
	g := userGen{r: r, t: t, sp: sp, ref: ref, upns: make(map[string]struct{}, sp.size+sp.size/20+8)}
	g.run()
	genLicensing(t, sp, ref) // subscriptions, licensing groups, per-service intents (licgen.go)
	t.HasP1 = skusGrantP1(t.SKUs)
	genSecurity(t, sp, ref) // security defaults, CA, groups, Secure Score + truth (security_demo.go)
	return t
}
