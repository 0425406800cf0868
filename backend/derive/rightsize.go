package derive

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"tenantlens/backend/catalog"
)

// Right-sizing (issue 13): a licensed user whose suite carries services
// they have not used in the window gets the cheapest cheaper suite that
// still carries everything they use. A used service is never dropped.
//
// The rule, per user:
//   - Measured services (Exchange, OneDrive, SharePoint, Teams, Yammer,
//     Skype) count as used when the usage reports show activity within the
//     window. A user with no measured use gets no suggestion (that is
//     reclaim, not right-sizing).
//   - Services no report measures are assumed USED whenever the user's
//     current licence carries them: "Desktop apps" (Microsoft 365 Apps:
//     OFFICESUBSCRIPTION, OFFICE_BUSINESS, …) and "Security & device
//     management" (Intune, Entra ID P1/P2, Defender for Office 365 P1/P2,
//     Defender for Endpoint / Business, Information Protection P1/P2). The
//     security service is checked feature by feature (SecurityFeatures): a
//     suggestion must carry every feature the current licence gives.
//   - Each assigned licence with a price (most expensive first) whose
//     measured used services include one no other licence of the user
//     carries is replaced by the cheapest candidate strictly cheaper than
//     it (ties: lower skuId) that carries all of those services and every
//     assumed-used service and security feature that only this licence
//     gives the user. A replaced licence counts as its suggestion for the
//     user's later licences.
//   - Each suggestion's Reason names the used services and the services
//     kept because their use is not measured.
//
// Seat caps (Microsoft's Business plans — Business Basic, Standard,
// Premium, Apps for business — hold at most 300 seats per tenant,
// BusinessSeatCap): a candidate with MaxSeats > 0 is suggested only while
// the tenant's seats of it — its current assigned count
// (RightSizeOptions.Seats, the consumed units) plus the suggestions to it
// already made in this run — stay within MaxSeats. Users are taken in a
// stable order: largest saving first (the user's total monthly saving
// without caps), then UPN (case-insensitive), then user id. A user whose
// cheapest target is full gets the next cheapest target that fits and has
// room; when none has, that licence gets no suggestion. Seats freed by
// users moving off a suite are not counted back.

// Service is a workload a licence provides: measured by the usage reports
// (MeasuredServices) or not measured, hence assumed used (AssumedServices).
type Service string

// Services, in display order: the measured ones, then the assumed ones.
const (
	ServiceExchange    Service = "Exchange"
	ServiceOneDrive    Service = "OneDrive"
	ServiceSharePoint  Service = "SharePoint"
	ServiceTeams       Service = "Teams"
	ServiceYammer      Service = "Yammer"
	ServiceSkype       Service = "Skype"
	ServiceDesktopApps Service = "Desktop apps"                 // Microsoft 365 Apps (Word, Excel, Outlook desktop, …): no report measures it
	ServiceSecurity    Service = "Security & device management" // Intune, Entra ID, Defender, Information Protection: no report measures it
)

// MeasuredServices are the services the usage reports measure, in display order.
var MeasuredServices = []Service{ServiceExchange, ServiceOneDrive, ServiceSharePoint, ServiceTeams, ServiceYammer, ServiceSkype}

// AssumedServices are the services no report measures: assumed used when
// the current licence carries them. Display order.
var AssumedServices = []Service{ServiceDesktopApps, ServiceSecurity}

// Services lists every Service in display order.
var Services = append(append([]Service{}, MeasuredServices...), AssumedServices...)

// ServicePlanNames maps each service to the licensing CSV's service plan
// names that provide it (Service_Plan_Name, compared case-insensitively).
// SharePoint plans carry OneDrive. Foundation and add-on plans
// (EXCHANGE_S_FOUNDATION, EXCHANGE_S_ARCHIVE_ADDON, MCOEV) are not a
// service; neither is INTUNE_O365 (basic mobility for every Office 365
// suite) nor RMS_S_ENTERPRISE/RMS_S_BASIC (Azure Rights Management). The
// security service is the union of SecurityFeatures' plans.
var ServicePlanNames = map[Service][]string{
	ServiceExchange: {"EXCHANGE_S_STANDARD", "EXCHANGE_S_ENTERPRISE", "EXCHANGE_S_DESKLESS", "EXCHANGE_S_ESSENTIALS",
		"EXCHANGE_S_STANDARD_GOV", "EXCHANGE_S_ENTERPRISE_GOV", "EXCHANGE_S_DESKLESS_GOV"},
	ServiceOneDrive: {"SHAREPOINTSTANDARD", "SHAREPOINTENTERPRISE", "SHAREPOINTDESKLESS", "SHAREPOINTENTERPRISE_GOV",
		"SHAREPOINTSTANDARD_EDU", "SHAREPOINTENTERPRISE_EDU", "ONEDRIVESTANDARD", "ONEDRIVE_BASIC", "ONEDRIVE_BASIC_P2", "ONEDRIVEENTERPRISE"},
	ServiceSharePoint: {"SHAREPOINTSTANDARD", "SHAREPOINTENTERPRISE", "SHAREPOINTDESKLESS", "SHAREPOINTENTERPRISE_GOV",
		"SHAREPOINTSTANDARD_EDU", "SHAREPOINTENTERPRISE_EDU"},
	ServiceTeams:  {"TEAMS1", "TEAMS_GOV", "TEAMS_AR_GCCHIGH", "TEAMS_AR_DOD"},
	ServiceYammer: {"YAMMER_ENTERPRISE", "YAMMER_EDU", "YAMMER_MIDSIZE"},
	ServiceSkype:  {"MCOSTANDARD", "MCOSTANDARD_GOV", "MCOIMP"},
	// Microsoft 365 Apps for enterprise / business (and the old small
	// business and device-based variants); unattended (RPA) plans are no
	// person's desktop apps.
	ServiceDesktopApps: {"OFFICESUBSCRIPTION", "OFFICE_BUSINESS", "OFFICESUBSCRIPTION_GOV", "OFFICE_PRO_PLUS_SUBSCRIPTION_SMBIZ",
		"OFFICE_PROPLUS_DEVICE"},
	ServiceSecurity: securityPlanNames(),
}

// SecurityFeature is one feature of the security & device management
// service and the plans that give it (a higher plan also gives the lower
// feature: Defender for Office 365 Plan 2 carries Plan 1's protection).
type SecurityFeature struct {
	Name  string
	Plans []string
}

// SecurityFeatures, in display order.
var SecurityFeatures = []SecurityFeature{
	{"Intune", []string{"INTUNE_A", "INTUNE_A_VL", "INTUNE_A_GOV", "INTUNE_SMBIZ", "INTUNE_EDU"}},
	{"Entra ID P1", []string{"AAD_PREMIUM", "AAD_SMB", "AAD_PREMIUM_P2"}},
	{"Entra ID P2", []string{"AAD_PREMIUM_P2"}},
	{"Defender for Office 365 P1", []string{"ATP_ENTERPRISE", "ATP_ENTERPRISE_GOV", "THREAT_INTELLIGENCE", "THREAT_INTELLIGENCE_GOV"}},
	{"Defender for Office 365 P2", []string{"THREAT_INTELLIGENCE", "THREAT_INTELLIGENCE_GOV"}},
	{"Defender for Endpoint", []string{"MDE_LITE", "MDE_SMB", "WINDEFATP"}},
	{"Defender for Endpoint P2", []string{"WINDEFATP"}},
	{"Information Protection P1", []string{"RMS_S_PREMIUM", "RMS_S_PREMIUM_GOV", "RMS_S_PREMIUM2", "RMS_S_PREMIUM2_GOV"}},
	{"Information Protection P2", []string{"RMS_S_PREMIUM2", "RMS_S_PREMIUM2_GOV"}},
}

func securityPlanNames() []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range SecurityFeatures {
		for _, p := range f.Plans {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return out
}

// capability is what the carry check compares: a service other than
// security, or one security feature.
type capability struct {
	svc     Service
	feature string // "" except for ServiceSecurity
}

type capPlans struct {
	c     capability
	plans []string
}

// capabilities lists every capability in display order with its plans.
var capabilities = func() []capPlans {
	var out []capPlans
	for _, s := range Services {
		if s == ServiceSecurity {
			for _, f := range SecurityFeatures {
				out = append(out, capPlans{capability{s, f.Name}, f.Plans})
			}
			continue
		}
		out = append(out, capPlans{capability{svc: s}, ServicePlanNames[s]})
	}
	return out
}()

func isAssumed(s Service) bool { return s == ServiceDesktopApps || s == ServiceSecurity }

// PlanSource gives a SKU's service plans; *catalog.Catalog is one.
type PlanSource interface {
	ServicePlans(skuID string) []catalog.ServicePlan
}

// AssignedSKU is one of the user's licences.
type AssignedSKU struct {
	SkuID         string
	DisabledPlans []string // service plan ids switched off for the user
}

// RightSizeCandidate is a suite right-sizing may move users between.
type RightSizeCandidate struct {
	SkuID        string
	MonthlyPrice float64
	MaxSeats     int // most seats a tenant may hold (Business plans: BusinessSeatCap); 0 = unlimited
}

// RightSizeUser is one user's licences and per-service last activity.
type RightSizeUser struct {
	UserID, UserPrincipalName string
	Assigned                  []AssignedSKU
	LastActivity              map[Service]time.Time // measured services; zero or absent: never
}

// RightSizeOptions tune the rule.
type RightSizeOptions struct {
	WindowDays int       // a service counts as used when its last activity is within this many days (default 90)
	AsOf       time.Time // the window ends here (the report date)
	// SamePlans: the suggestion must carry the very service plans (ids)
	// the current suite gives the kept services (e.g. Exchange Online
	// Plan 2 stays Plan 2), instead of any plan of the same service.
	SamePlans bool
	// Seats: the tenant's current assigned seats (consumed units) per SKU
	// id, any case; counted against a candidate's MaxSeats.
	Seats map[string]int
}

// RightSizeSuggestion replaces one licence of a user.
type RightSizeSuggestion struct {
	UserID, UserPrincipalName string
	CurrentSkuID              string
	SuggestedSkuID            string
	Used                      []Service // measured services used in the window, display order
	Needs                     []Service // used services only the current licence carries
	// Kept: services whose use is not measured that only the current
	// licence carries, so the suggestion keeps them (display order);
	// KeptFeatures: the security features among them.
	Kept           []Service
	KeptFeatures   []string
	Reason         string
	CurrentPrice   float64
	SuggestedPrice float64
	MonthlySaving  float64
}

// UsedServices returns the measured services with activity on or after
// asOf's day minus windowDays, in display order.
func UsedServices(last map[Service]time.Time, asOf time.Time, windowDays int) []Service {
	cut := asOf.UTC().Truncate(24*time.Hour).AddDate(0, 0, -windowDays)
	var out []Service
	for _, s := range MeasuredServices {
		if t, ok := last[s]; ok && !t.IsZero() && !t.Before(cut) {
			out = append(out, s)
		}
	}
	return out
}

type capSet map[capability]map[string]bool // capability -> plan ids providing it

func (c capSet) add(o capSet) {
	for k, ids := range o {
		if c[k] == nil {
			c[k] = map[string]bool{}
		}
		for id := range ids {
			c[k][id] = true
		}
	}
}

func plansFor(src PlanSource, a AssignedSKU) capSet {
	off := map[string]bool{}
	for _, d := range a.DisabledPlans {
		off[skuKey(d)] = true
	}
	out := capSet{}
	for _, p := range src.ServicePlans(a.SkuID) {
		id := skuKey(p.ID)
		if off[id] {
			continue
		}
		name := strings.TrimSpace(p.Name)
		for _, cp := range capabilities {
			for _, n := range cp.plans {
				if strings.EqualFold(name, n) {
					if out[cp.c] == nil {
						out[cp.c] = map[string]bool{}
					}
					out[cp.c][id] = true
				}
			}
		}
	}
	return out
}

// RightSize suggests, per user, cheaper suites by the rule at the top of
// this file. Output: by user id, then the order the licences were examined.
func RightSize(src PlanSource, cands []RightSizeCandidate, users []RightSizeUser, opt RightSizeOptions) []RightSizeSuggestion {
	if opt.WindowDays <= 0 {
		opt.WindowDays = DefaultInactiveDays
	}
	r := rightSizer{src: src, cands: cands, opt: opt, price: map[string]float64{}, maxSeats: map[string]int{}, candPlans: map[string]capSet{}}
	capped := false
	for _, c := range cands {
		k := skuKey(c.SkuID)
		r.price[k] = c.MonthlyPrice
		r.maxSeats[k] = c.MaxSeats
		r.candPlans[k] = plansFor(src, AssignedSKU{SkuID: c.SkuID})
		capped = capped || c.MaxSeats > 0
	}
	type userSugg struct {
		u      *RightSizeUser
		saving float64
		out    []RightSizeSuggestion
	}
	var all []userSugg
	for i := range users {
		out := r.user(&users[i], nil)
		if len(out) == 0 {
			continue
		}
		us := userSugg{u: &users[i], out: out}
		for _, x := range out {
			us.saving += x.MonthlySaving
		}
		us.saving = math.Round(us.saving*100) / 100
		all = append(all, us)
	}
	if capped {
		sort.SliceStable(all, func(i, j int) bool {
			a, b := all[i], all[j]
			if a.saving != b.saving {
				return a.saving > b.saving
			}
			if ua, ub := strings.ToLower(a.u.UserPrincipalName), strings.ToLower(b.u.UserPrincipalName); ua != ub {
				return ua < ub
			}
			return a.u.UserID < b.u.UserID
		})
		seats := map[string]int{}
		for id, n := range opt.Seats {
			seats[skuKey(id)] += n
		}
		for i := range all {
			all[i].out = r.user(all[i].u, seats)
		}
	}
	var out []RightSizeSuggestion
	for _, us := range all {
		out = append(out, us.out...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].UserID < out[j].UserID })
	return out
}

type rightSizer struct {
	src       PlanSource
	cands     []RightSizeCandidate
	opt       RightSizeOptions
	price     map[string]float64
	maxSeats  map[string]int
	candPlans map[string]capSet
}

// user returns one user's suggestions in the order the licences were
// examined. seats nil: caps ignored; else the tenant's seats per SKU key so
// far, counted up with each suggestion to a capped candidate.
func (r *rightSizer) user(u *RightSizeUser, seats map[string]int) []RightSizeSuggestion {
	src, cands, opt, price := r.src, r.cands, r.opt, r.price
	used := UsedServices(u.LastActivity, opt.AsOf, opt.WindowDays)
	if len(used) == 0 {
		return nil
	}
	usedSet := map[Service]bool{}
	for _, s := range used {
		usedSet[s] = true
	}
	cur := make([]AssignedSKU, len(u.Assigned))
	copy(cur, u.Assigned)
	var order []int
	for i, a := range cur {
		if _, ok := price[skuKey(a.SkuID)]; ok {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool {
		ka, kb := skuKey(cur[order[a]].SkuID), skuKey(cur[order[b]].SkuID)
		if price[ka] != price[kb] {
			return price[ka] > price[kb]
		}
		return ka < kb
	})
	var out []RightSizeSuggestion
	for _, i := range order {
		x := cur[i]
		xk := skuKey(x.SkuID)
		mine := plansFor(src, x)
		others := capSet{}
		for j, a := range cur {
			if j != i {
				others.add(plansFor(src, a))
			}
		}
		// keep: capabilities only this licence gives the user that are
		// used (measured) or assumed used (not measured).
		var keep []capability
		var needs, kept []Service
		var feats []string
		for _, cp := range capabilities {
			c := cp.c
			if len(mine[c]) == 0 || len(others[c]) > 0 || !(usedSet[c.svc] || isAssumed(c.svc)) {
				continue
			}
			keep = append(keep, c)
			switch {
			case usedSet[c.svc]:
				needs = append(needs, c.svc)
			case len(kept) == 0 || kept[len(kept)-1] != c.svc:
				kept = append(kept, c.svc)
			}
			if c.feature != "" {
				feats = append(feats, c.feature)
			}
		}
		if len(needs) == 0 {
			continue // no used service depends on it: reclaim, not right-sizing
		}
		best, bestPrice := "", math.Inf(1)
		for _, c := range cands {
			ck := skuKey(c.SkuID)
			p := price[ck]
			if p >= price[xk] || !carries(r.candPlans[ck], mine, keep, opt.SamePlans) {
				continue
			}
			if seats != nil && r.maxSeats[ck] > 0 && seats[ck] >= r.maxSeats[ck] {
				continue // the tenant's seats of this suite are at its cap: the next cheapest that fits
			}
			if p < bestPrice || (p == bestPrice && ck < best) {
				best, bestPrice = ck, p
			}
		}
		if best == "" {
			continue
		}
		if seats != nil && r.maxSeats[best] > 0 {
			seats[best]++
		}
		var bestID string
		for _, c := range cands {
			if skuKey(c.SkuID) == best {
				bestID = c.SkuID
				break
			}
		}
		out = append(out, RightSizeSuggestion{UserID: u.UserID, UserPrincipalName: u.UserPrincipalName,
			CurrentSkuID: x.SkuID, SuggestedSkuID: bestID, Used: used, Needs: needs, Kept: kept, KeptFeatures: feats,
			Reason:       rightSizeReason(used, kept, feats, opt.WindowDays),
			CurrentPrice: price[xk], SuggestedPrice: bestPrice,
			MonthlySaving: math.Round((price[xk]-bestPrice)*100) / 100})
		cur[i] = AssignedSKU{SkuID: bestID}
	}
	return out
}

// rightSizeReason says what the suggestion keeps and why.
func rightSizeReason(used, kept []Service, feats []string, days int) string {
	names := func(v []Service) string {
		s := make([]string, len(v))
		for i, x := range v {
			s[i] = string(x)
			if x == ServiceSecurity && len(feats) > 0 {
				s[i] += " (" + strings.Join(feats, ", ") + ")"
			}
		}
		return strings.Join(s, ", ")
	}
	r := fmt.Sprintf("Used in the last %d days: %s.", days, names(used))
	if len(kept) == 0 {
		return r + " The current licence carries no desktop apps or security features whose use cannot be measured."
	}
	return r + " Kept because their use is not measured: " + names(kept) + "."
}

// carries reports whether a candidate provides every capability to keep
// (any plan of it, or with samePlans the current licence's very plans).
func carries(cand, current capSet, keep []capability, samePlans bool) bool {
	for _, c := range keep {
		if len(cand[c]) == 0 {
			return false
		}
		if samePlans {
			for id := range current[c] {
				if !cand[c][id] {
					return false
				}
			}
		}
	}
	return true
}
