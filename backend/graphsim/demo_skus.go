package graphsim

// Licence assignment and subscribedSkus for generated tenants.

// assign adds skuID to the user, sometimes with one disabled service plan.
func (g *userGen) assign(u *User, skuID string) {
	al := AssignedLicense{SkuID: skuID}
	if p, ok := productBySkuID(skuID); ok && len(p.Plans) > 2 && g.r.IntN(10) == 0 {
		pl := catalogPlanTable[p.Plans[1+g.r.IntN(len(p.Plans)-1)]]
		al.DisabledPlans = []string{pl.ID}
	}
	u.AssignedLicenses = append(u.AssignedLicenses, al)
	g.noteSku(skuID)
}

func (g *userGen) noteSku(skuID string) {
	if _, ok := g.skuSeen[skuID]; !ok {
		g.skuSeen[skuID] = len(g.skuOrder)
		g.skuOrder = append(g.skuOrder, skuID)
	}
}

// license assigns the tenant's licence mix to a person or shared mailbox;
// it reports whether the user ended up licensed.
func (g *userGen) license(u *User, disabled bool) bool {
	r := g.r
	if disabled && r.IntN(2) == 0 {
		return false // leaver whose licence was reclaimed
	}
	if !disabled && u.RecipientType == RecipientUser && r.IntN(30) == 0 {
		return false // service account / never licensed
	}
	shared := u.RecipientType == RecipientShared
	pct := func(p int) bool { return !shared && r.IntN(100) < p }
	switch g.sp.mix {
	case mixSPB:
		g.assign(u, SkuBusinessPremium)
		if pct(10) {
			g.assign(u, SkuFlowFree)
		}
	case mixE3:
		g.assign(u, SkuOffice365E3)
		if pct(5) {
			g.assign(u, SkuVisioPlan2)
		}
		if pct(15) {
			g.assign(u, SkuPowerBIStandard)
		}
	case mixStandard:
		switch {
		case shared:
			g.assign(u, SkuBusinessBasic)
		case r.IntN(70) == 0:
			g.assign(u, SkuExchangePlan1) // still holds the suspended subscription
		case r.IntN(100) < 60:
			g.assign(u, SkuBusinessStandard)
		default:
			g.assign(u, SkuBusinessBasic)
		}
		if pct(5) {
			g.assign(u, SkuTeamsPhone)
		}
	case mixBasicP1:
		g.assign(u, SkuBusinessBasic)
		if !shared {
			g.assign(u, SkuEntraP1)
		}
	case mixE5:
		switch {
		case shared:
			g.assign(u, SkuM365E3)
		case u.Department == "Executive" || u.Department == "Finance" || u.Department == "IT":
			g.assign(u, SkuM365E5)
		default:
			g.assign(u, SkuM365E3)
		}
		if pct(10) {
			g.assign(u, SkuPowerBIPro)
		}
		if pct(3) {
			g.assign(u, SkuProjectPlan3)
		}
		if pct(10) {
			g.assign(u, SkuTeamsPhone)
		}
		if pct(8) {
			g.assign(u, SkuFlowFree)
		}
		if pct(20) {
			g.assign(u, SkuPowerBIStandard)
		}
	case mixDup:
		g.assign(u, SkuBusinessPremium)
		if pct(15) {
			g.assign(u, SkuOffice365E3) // duplicate: Business Premium + E3
		}
		if pct(2) {
			g.assign(u, SkuVisioPlan2)
		}
	case mixM365E3:
		g.assign(u, SkuM365E3)
		if pct(20) {
			g.assign(u, SkuTeamsPhone)
		}
	case mixBasic:
		g.assign(u, SkuBusinessBasic)
	case mixStandardP1:
		g.assign(u, SkuBusinessStandard)
		if !shared {
			g.assign(u, SkuEntraP1)
		}
		if pct(5) {
			g.assign(u, SkuProjectPlan3)
		}
	case mixSPBVisio:
		g.assign(u, SkuBusinessPremium)
		if pct(10) {
			g.assign(u, SkuVisioPlan2)
		}
	}
	return true
}

// buildSKUs derives subscribedSkus from the assignments: consumed units are
// exactly the non-deleted assignments, prepaid units leave some slack, and a
// few subscriptions are over-bought, suspended or in warning.
func (g *userGen) buildSKUs() {
	r := g.r
	switch g.sp.mix {
	case mixStandard:
		g.noteSku(SkuExchangePlan1)
	case mixDup:
		g.noteSku(SkuVisioPlan2)
	case mixSPB:
		if r.IntN(10) < 3 {
			g.noteSku(SkuTeamsPhone) // bought, never assigned
		}
	}
	consumed := make([]int, len(g.skuOrder))
	for _, u := range g.t.Users {
		if u.Deleted {
			continue
		}
		for _, al := range u.AssignedLicenses {
			consumed[g.skuSeen[al.SkuID]]++
		}
	}
	g.t.SKUs = make([]*SKU, 0, len(g.skuOrder))
	for i, id := range g.skuOrder {
		c := consumed[i]
		s := &SKU{SkuID: id, SkuPartNumber: SkuPartNumber(id), CapabilityStatus: CapabilityEnabled, AppliesTo: "User"}
		s.Enabled = c + r.IntN(4)
		switch {
		case id == SkuFlowFree:
			s.Enabled = 10000
		case id == SkuPowerBIStandard:
			s.Enabled = 1000000
		case id == SkuTeamsPhone && c == 0:
			s.Enabled = 3 + r.IntN(5)
		case g.sp.mix == mixE3 && id == SkuOffice365E3:
			s.Enabled = c + c/2 + 5 // over-bought by a lot
		case g.sp.mix == mixE5 && id == SkuPowerBIPro:
			s.Enabled = c + 25
		case g.sp.mix == mixStandard && id == SkuBusinessBasic:
			s.Enabled = c + 20
		case g.sp.mix == mixStandard && id == SkuExchangePlan1:
			s.CapabilityStatus = CapabilitySuspended
			s.Enabled, s.Suspended = 0, c+3
		case g.sp.mix == mixDup && id == SkuVisioPlan2:
			s.CapabilityStatus = CapabilityWarning
			s.Enabled, s.Warning = 0, c+1
		}
		if id != SkuFlowFree && id != SkuPowerBIStandard {
			s.SubscriptionIDs = []string{seededGUID(r)}
		}
		g.t.SKUs = append(g.t.SKUs, s)
	}
}
