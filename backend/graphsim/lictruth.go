package graphsim

import (
	"math"
	"sort"
	"strings"
	"time"
)

// Ground truth for licences: the renewal calendar, assignment errors and
// right-sizing suggestions a correct client must find. They are computed
// from the generator's own tables (which products carry which services, as
// read by hand from Microsoft's licensing CSV) — not by TenantLens' rules.

// DemoPrices are the demo's list prices in USD per licence per month (the
// same list the demo app seeds).
var DemoPrices = map[string]float64{
	SkuBusinessBasic: 6.00, SkuBusinessStandard: 12.50, SkuBusinessPremium: 22.00, SkuOffice365E3: 23.00,
	SkuM365E3: 36.00, SkuM365E5: 57.00, SkuEntraP1: 6.00, SkuTeamsPhone: 10.00, SkuVisioPlan2: 15.00,
	SkuProjectPlan3: 30.00, SkuPowerBIPro: 14.00, SkuExchangePlan1: 4.00,
}

// Services a licence provides. The usage reports measure the first six;
// desktop apps (Microsoft 365 Apps) and the security & device management
// features are measured by no report, so right-sizing assumes them used
// whenever the user's current licence carries them and never drops them.
// Security is tracked feature by feature (a suggestion keeps each one).
type svcSet uint32

const (
	svcExchange svcSet = 1 << iota
	svcOneDrive
	svcSharePoint
	svcTeams
	svcYammer
	svcSkype
	svcDesktop // Microsoft 365 Apps
	secIntune
	secEntraP1
	secEntraP2
	secMDO1 // Defender for Office 365 Plan 1
	secMDO2
	secMDE // Defender for Endpoint Plan 1 / Defender for Business
	secMDE2
	secAIP1 // Information Protection Premium P1
	secAIP2
)

var svcNames = [...]string{"Exchange", "OneDrive", "SharePoint", "Teams", "Yammer", "Skype", "Desktop apps", "Security & device management"}

const (
	svcMeasured = svcExchange | svcOneDrive | svcSharePoint | svcTeams | svcYammer | svcSkype
	svcSecurity = secIntune | secEntraP1 | secEntraP2 | secMDO1 | secMDO2 | secMDE | secMDE2 | secAIP1 | secAIP2
	svcAssumed  = svcDesktop | svcSecurity // not measured: assumed used when carried
)

// names lists the services in the set in display order (every security
// feature under the one security service).
func (s svcSet) names() []string {
	var out []string
	for i, n := range svcNames[:7] {
		if s&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	if s&svcSecurity != 0 {
		out = append(out, svcNames[7])
	}
	return out
}

const svcBasic = svcMeasured
const secBusinessPremium = secIntune | secEntraP1 | secMDO1 | secMDE | secAIP1

// rightSizeCandidates are the suites the demo right-sizes between and the
// services each carries, read by hand from Microsoft's licensing CSV:
// Business Basic has no desktop apps; Business Standard adds them
// (OFFICE_BUSINESS); Business Premium and Microsoft 365 E3 add Intune,
// Entra ID P1, Defender for Office 365 P1, Defender for Business /
// Endpoint P1 and Information Protection P1; Office 365 E3 has desktop
// apps and Defender for Office 365 P1 (ATP_ENTERPRISE) only; Microsoft 365
// E5 adds every P2; Exchange Online Plan 1 is mail only.
var rightSizeCandidates = map[string]svcSet{
	SkuBusinessBasic: svcBasic, SkuBusinessStandard: svcBasic | svcDesktop,
	SkuBusinessPremium: svcBasic | svcDesktop | secBusinessPremium, SkuOffice365E3: svcBasic | svcDesktop | secMDO1,
	SkuM365E3: svcBasic | svcDesktop | secBusinessPremium, SkuM365E5: svcBasic | svcDesktop | svcSecurity,
	SkuExchangePlan1: svcExchange,
}

// addOnServices: add-ons that carry one of the services (Visio Plan 2:
// ONEDRIVE_BASIC; Project Plan 3: SHAREPOINTENTERPRISE; Entra ID P1:
// AAD_PREMIUM).
var addOnServices = map[string]svcSet{SkuVisioPlan2: svcOneDrive, SkuProjectPlan3: svcOneDrive | svcSharePoint, SkuEntraP1: secEntraP1}

// planServices maps the demo products' plans to services (a higher plan
// carries the lower feature too).
func planServices(planName string) svcSet {
	switch planName {
	case "EXCHANGE_S_STANDARD", "EXCHANGE_S_ENTERPRISE":
		return svcExchange
	case "SHAREPOINTSTANDARD", "SHAREPOINTENTERPRISE":
		return svcSharePoint | svcOneDrive
	case "ONEDRIVE_BASIC":
		return svcOneDrive
	case "TEAMS1":
		return svcTeams
	case "YAMMER_ENTERPRISE":
		return svcYammer
	case "MCOSTANDARD":
		return svcSkype
	case "OFFICESUBSCRIPTION", "OFFICE_BUSINESS":
		return svcDesktop
	case "INTUNE_A", "INTUNE_SMBIZ":
		return secIntune
	case "AAD_PREMIUM", "AAD_SMB":
		return secEntraP1
	case "AAD_PREMIUM_P2":
		return secEntraP1 | secEntraP2
	case "ATP_ENTERPRISE":
		return secMDO1
	case "THREAT_INTELLIGENCE":
		return secMDO1 | secMDO2
	case "MDE_LITE", "MDE_SMB":
		return secMDE
	case "WINDEFATP":
		return secMDE | secMDE2
	case "RMS_S_PREMIUM":
		return secAIP1
	case "RMS_S_PREMIUM2":
		return secAIP1 | secAIP2
	}
	return 0
}

// assignedServices: the product's services less those only its disabled
// plans give (Business Premium without AAD_PREMIUM keeps Entra ID P1
// through AAD_SMB).
func assignedServices(al AssignedLicense) svcSet {
	s := rightSizeCandidates[al.SkuID] | addOnServices[al.SkuID]
	if len(al.DisabledPlans) == 0 {
		return s
	}
	p, ok := productBySkuID(al.SkuID)
	if !ok {
		return s
	}
	var lost, kept svcSet
	for _, pi := range p.Plans {
		pl := catalogPlanTable[pi]
		off := false
		for _, id := range al.DisabledPlans {
			if strings.EqualFold(pl.ID, id) {
				off = true
			}
		}
		if off {
			lost |= planServices(pl.Name)
		} else {
			kept |= planServices(pl.Name)
		}
	}
	return s &^ (lost &^ kept)
}

// usedServices: measured services with a last activity date on or after the cut.
func usedServices(us Usage, cut time.Time) svcSet {
	var s svcSet
	for _, x := range []struct {
		t time.Time
		s svcSet
	}{{us.ExchangeLast, svcExchange}, {us.OneDriveLast, svcOneDrive}, {us.SharePointLast, svcSharePoint},
		{us.TeamsLast, svcTeams}, {us.YammerLast, svcYammer}, {us.SkypeLast, svcSkype}} {
		if !x.t.IsZero() && !x.t.Before(cut) {
			s |= x.s
		}
	}
	return s
}

// RightSizeTruth is one expected right-sizing suggestion.
type RightSizeTruth struct {
	UserID, UserPrincipalName string
	CurrentSkuID              string
	SuggestedSkuID            string
	UsedServices              []string // measured services used in the window, sorted as svcNames
	KeptServices              []string // services not measured (desktop apps, security) only the current licence carried
	MonthlySaving             float64
	Intent                    RightSizeIntent // "" unless the generator shaped the user
}

// businessSeatCaps: Microsoft's Business plans hold at most 300 seats each
// per tenant (its published limit); the demo's other suites are unlimited.
var businessSeatCaps = map[string]int{SkuBusinessBasic: 300, SkuBusinessStandard: 300, SkuBusinessPremium: 300}

// RightSizing returns the expected suggestions of a tenant for a window of
// windowDays before Now (as of Now's day): for every non-deleted user with
// any measured service used in the window, each assigned suite (most
// expensive first) that carries a used service no other licence of the
// user carries is replaced by the cheapest cheaper suite carrying all of
// those and every desktop-apps / security feature only it gave the user
// (not measured, so assumed used); the demo's DemoPrices price them.
// A Business plan is suggested only while the tenant's seats of it (the
// consumed units now plus the suggestions to it so far) stay within 300;
// users are taken by their total saving without the cap (largest first),
// then lower-cased UPN, then id, and one whose cheapest suite is full gets
// the next cheapest that fits and has room (or none).
// Ordered by user id, then current price.
func (s *Sim) RightSizing(tenantID string, windowDays int) []RightSizeTruth {
	t, ok := s.Tenant(tenantID)
	if !ok {
		return nil
	}
	cut := s.now().UTC().Truncate(day).AddDate(0, 0, -windowDays)
	l := t.lic()
	type planned struct {
		u      *User
		saving float64
	}
	var users []planned
	for _, u := range t.Users {
		if u.Deleted {
			continue
		}
		var saving float64
		for _, x := range rightSizeUser(u, cut, l, nil) {
			saving += x.MonthlySaving
		}
		if saving > 0 {
			users = append(users, planned{u, math.Round(saving*100) / 100})
		}
	}
	sort.SliceStable(users, func(i, j int) bool {
		a, b := users[i], users[j]
		if a.saving != b.saving {
			return a.saving > b.saving
		}
		if ua, ub := strings.ToLower(a.u.UserPrincipalName), strings.ToLower(b.u.UserPrincipalName); ua != ub {
			return ua < ub
		}
		return a.u.ID < b.u.ID
	})
	seats := map[string]int{}
	for id, n := range s.GroundTruth(t.ID).ConsumedBySKU {
		seats[id] = n
	}
	var out []RightSizeTruth
	for _, p := range users {
		out = append(out, rightSizeUser(p.u, cut, l, seats)...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].UserID < out[j].UserID })
	return out
}

// rightSizeUser is one user's suggestions; seats nil ignores the Business
// plans' cap, else counts the tenant's seats per SKU up.
func rightSizeUser(u *User, cut time.Time, l *TenantLicensing, seats map[string]int) []RightSizeTruth {
	used := usedServices(u.Usage, cut)
	if used == 0 {
		return nil
	}
	var out []RightSizeTruth
	cur := append([]AssignedLicense(nil), u.AssignedLicenses...)
	var order []int
	for i, al := range cur {
		if _, ok := rightSizeCandidates[al.SkuID]; ok {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool {
		pa, pb := DemoPrices[cur[order[a]].SkuID], DemoPrices[cur[order[b]].SkuID]
		if pa != pb {
			return pa > pb
		}
		return cur[order[a]].SkuID < cur[order[b]].SkuID
	})
	for _, i := range order {
		x := cur[i]
		var others svcSet
		for j, al := range cur {
			if j != i {
				others |= assignedServices(al)
			}
		}
		only := assignedServices(x) &^ others
		if used&only == 0 {
			continue // no used service depends on it: reclaim
		}
		need := only & (used | svcAssumed)
		best, bestPrice := "", math.Inf(1)
		for c, cs := range rightSizeCandidates {
			p := DemoPrices[c]
			if cs&need != need || p >= DemoPrices[x.SkuID] {
				continue
			}
			if capN := businessSeatCaps[c]; seats != nil && capN > 0 && seats[c] >= capN {
				continue // 300 seats already: the next cheapest
			}
			if p < bestPrice || (p == bestPrice && c < best) {
				best, bestPrice = c, p
			}
		}
		if best == "" {
			continue
		}
		if seats != nil {
			seats[best]++
		}
		out = append(out, RightSizeTruth{UserID: u.ID, UserPrincipalName: u.UserPrincipalName, CurrentSkuID: x.SkuID,
			SuggestedSkuID: best, UsedServices: used.names(), KeptServices: (need & svcAssumed).names(), Intent: l.Intent[u.ID],
			MonthlySaving: math.Round((DemoPrices[x.SkuID]-bestPrice)*100) / 100})
		cur[i] = AssignedLicense{SkuID: best}
	}
	return out
}

// AssignmentErrorTruth is one licence assignment error.
type AssignmentErrorTruth struct {
	UserID, UserPrincipalName string
	SkuID, GroupID, GroupName string
	State, Error              string
}

// AssignmentErrors returns the tenant's licence assignment states with an
// error (Error other than None), ordered by user id then SKU.
func (s *Sim) AssignmentErrors(tenantID string) []AssignmentErrorTruth {
	t, ok := s.Tenant(tenantID)
	if !ok {
		return nil
	}
	l := t.lic()
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []AssignmentErrorTruth
	for _, u := range t.Users {
		if u.Deleted {
			continue
		}
		for _, st := range l.statesOf(u) {
			if st.Error == "" || st.Error == LicErrNone {
				continue
			}
			e := AssignmentErrorTruth{UserID: u.ID, UserPrincipalName: u.UserPrincipalName, SkuID: st.SkuID, GroupID: st.GroupID,
				State: st.State, Error: st.Error}
			if g := l.groupByID(st.GroupID); g != nil {
				e.GroupName = g.DisplayName
			}
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].UserID != out[j].UserID {
			return out[i].UserID < out[j].UserID
		}
		return out[i].SkuID < out[j].SkuID
	})
	return out
}

// RenewalEventTruth is one subscription's next lifecycle date within a year.
type RenewalEventTruth struct {
	SubscriptionID, SkuID, SkuPartNumber, Status string
	IsTrial                                      bool
	TotalLicenses                                int
	Date                                         time.Time
	DaysLeft                                     int // whole days from Now
	Bucket                                       int // 30, 90 or 365 (0: already passed)
}

// UnusedTruth is a SKU's unused paid seats until its next renewal.
type UnusedTruth struct {
	SkuID, SkuPartNumber string
	Purchased, Consumed  int // purchased: non-trial Enabled + Warning subscriptions
	Unused               int
	RenewsAt             time.Time // earliest non-trial Enabled (else Warning) date; zero if none
	DaysLeft             int
	CostUntilRenewal     float64 // unused × monthly price × 12 × daysLeft / 365, in cents
	Priced               bool
}

// RenewalTruth is a tenant's renewal calendar.
type RenewalTruth struct {
	Events    []RenewalEventTruth // by date, then subscription id
	Trials    []RenewalEventTruth // trial subscriptions (any date)
	Attention []RenewalEventTruth // Warning, Suspended, LockedOut subscriptions
	Unused    []UnusedTruth       // per SKU with paid subscriptions, by SKU id
}

// RenewalCalendar returns the tenant's renewal calendar as of Now with
// DemoPrices; consumed seats are the ground truth's ConsumedBySKU.
func (s *Sim) RenewalCalendar(tenantID string) RenewalTruth {
	t, ok := s.Tenant(tenantID)
	if !ok {
		return RenewalTruth{}
	}
	now := s.now()
	consumed := s.GroundTruth(t.ID).ConsumedBySKU
	l := t.lic()
	l.mu.Lock()
	subs := append([]*Subscription(nil), l.Subscriptions...)
	l.mu.Unlock()
	var rt RenewalTruth
	daysLeft := func(d time.Time) int { return int(math.Floor(d.Sub(now).Hours() / 24)) }
	ev := func(x *Subscription) RenewalEventTruth {
		e := RenewalEventTruth{SubscriptionID: x.ID, SkuID: x.SkuID, SkuPartNumber: x.SkuPartNumber, Status: x.Status,
			IsTrial: x.IsTrial, TotalLicenses: x.TotalLicenses, Date: x.NextLifecycleDateTime}
		if !e.Date.IsZero() {
			e.DaysLeft = daysLeft(e.Date)
			switch {
			case e.DaysLeft < 0:
				e.Bucket = 0
			case e.DaysLeft <= 30:
				e.Bucket = 30
			case e.DaysLeft <= 90:
				e.Bucket = 90
			default:
				e.Bucket = 365
			}
		}
		return e
	}
	bySku := map[string]*UnusedTruth{}
	var skuOrder []string
	for _, x := range subs {
		e := ev(x)
		if !e.Date.IsZero() && e.DaysLeft <= 365 {
			rt.Events = append(rt.Events, e)
		}
		if x.IsTrial {
			rt.Trials = append(rt.Trials, e)
			continue
		}
		if x.Status == SubWarning || x.Status == SubSuspended || x.Status == SubLockedOut {
			rt.Attention = append(rt.Attention, e)
		}
		u := bySku[x.SkuID]
		if u == nil {
			u = &UnusedTruth{SkuID: x.SkuID, SkuPartNumber: x.SkuPartNumber, Consumed: consumed[x.SkuID]}
			bySku[x.SkuID] = u
			skuOrder = append(skuOrder, x.SkuID)
		}
		if x.Status == SubEnabled || x.Status == SubWarning {
			u.Purchased += x.TotalLicenses
		}
	}
	for _, id := range skuOrder {
		u := bySku[id]
		var enabled, warning time.Time
		for _, x := range subs {
			if x.SkuID != id || x.IsTrial || x.NextLifecycleDateTime.IsZero() {
				continue
			}
			d := x.NextLifecycleDateTime
			if x.Status == SubEnabled && (enabled.IsZero() || d.Before(enabled)) {
				enabled = d
			}
			if x.Status == SubWarning && (warning.IsZero() || d.Before(warning)) {
				warning = d
			}
		}
		u.RenewsAt = enabled
		if u.RenewsAt.IsZero() {
			u.RenewsAt = warning
		}
		u.Unused = max(0, u.Purchased-u.Consumed)
		p, priced := DemoPrices[id]
		u.Priced = priced
		if !u.RenewsAt.IsZero() {
			u.DaysLeft = max(0, daysLeft(u.RenewsAt))
			if priced {
				u.CostUntilRenewal = math.Round(float64(u.Unused)*p*12*float64(u.DaysLeft)/365*100) / 100
			}
		}
		rt.Unused = append(rt.Unused, *u)
	}
	sortEv := func(v []RenewalEventTruth) {
		sort.SliceStable(v, func(i, j int) bool {
			if !v[i].Date.Equal(v[j].Date) {
				return v[i].Date.Before(v[j].Date)
			}
			return v[i].SubscriptionID < v[j].SubscriptionID
		})
	}
	sortEv(rt.Events)
	sortEv(rt.Trials)
	sortEv(rt.Attention)
	sort.SliceStable(rt.Unused, func(i, j int) bool { return rt.Unused[i].SkuID < rt.Unused[j].SkuID })
	return rt
}
