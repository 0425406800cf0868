package derive

import (
	"math"
	"sort"
	"strings"
	"time"

	"tenantlens/backend/catalog"
)

// Right-sizing (issue 13): a licensed user whose suite carries services
// they have not used in the window gets the cheapest cheaper suite that
// still carries every service they used. A used service is never dropped.

// Service is a workload measured by the usage reports.
type Service string

// Services, in display order.
const (
	ServiceExchange   Service = "Exchange"
	ServiceOutlook    Service = "Outlook" // desktop Outlook (Microsoft 365 Apps); no report in GRAPH-FACTS feeds it
	ServiceOneDrive   Service = "OneDrive"
	ServiceSharePoint Service = "SharePoint"
	ServiceTeams      Service = "Teams"
	ServiceYammer     Service = "Yammer"
	ServiceSkype      Service = "Skype"
)

// Services lists every Service in display order.
var Services = []Service{ServiceExchange, ServiceOutlook, ServiceOneDrive, ServiceSharePoint, ServiceTeams, ServiceYammer, ServiceSkype}

// ServicePlanNames maps each service to the licensing CSV's service plan
// names that provide it (Service_Plan_Name, compared case-insensitively).
// SharePoint plans carry OneDrive. Foundation and add-on plans
// (EXCHANGE_S_FOUNDATION, EXCHANGE_S_ARCHIVE_ADDON, MCOEV) are not a
// service. The Outlook row (desktop apps) is a judgement call.
var ServicePlanNames = map[Service][]string{
	ServiceExchange: {"EXCHANGE_S_STANDARD", "EXCHANGE_S_ENTERPRISE", "EXCHANGE_S_DESKLESS", "EXCHANGE_S_ESSENTIALS",
		"EXCHANGE_S_STANDARD_GOV", "EXCHANGE_S_ENTERPRISE_GOV", "EXCHANGE_S_DESKLESS_GOV"},
	ServiceOutlook: {"OFFICESUBSCRIPTION", "OFFICE_BUSINESS", "OFFICESUBSCRIPTION_GOV"},
	ServiceOneDrive: {"SHAREPOINTSTANDARD", "SHAREPOINTENTERPRISE", "SHAREPOINTDESKLESS", "SHAREPOINTENTERPRISE_GOV",
		"SHAREPOINTSTANDARD_EDU", "SHAREPOINTENTERPRISE_EDU", "ONEDRIVESTANDARD", "ONEDRIVE_BASIC", "ONEDRIVE_BASIC_P2", "ONEDRIVEENTERPRISE"},
	ServiceSharePoint: {"SHAREPOINTSTANDARD", "SHAREPOINTENTERPRISE", "SHAREPOINTDESKLESS", "SHAREPOINTENTERPRISE_GOV",
		"SHAREPOINTSTANDARD_EDU", "SHAREPOINTENTERPRISE_EDU"},
	ServiceTeams:  {"TEAMS1", "TEAMS_GOV", "TEAMS_AR_GCCHIGH", "TEAMS_AR_DOD"},
	ServiceYammer: {"YAMMER_ENTERPRISE", "YAMMER_EDU", "YAMMER_MIDSIZE"},
	ServiceSkype:  {"MCOSTANDARD", "MCOSTANDARD_GOV", "MCOIMP"},
}

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
}

// RightSizeUser is one user's licences and per-service last activity.
type RightSizeUser struct {
	UserID, UserPrincipalName string
	Assigned                  []AssignedSKU
	LastActivity              map[Service]time.Time // zero or absent: never
}

// RightSizeOptions tune the rule.
type RightSizeOptions struct {
	WindowDays int       // a service counts as used when its last activity is within this many days (default 90)
	AsOf       time.Time // the window ends here (the report date)
	// SamePlans: the suggestion must carry the very service plans (ids)
	// the current suite gives the used services (e.g. Exchange Online
	// Plan 2 stays Plan 2), instead of any plan of the same service.
	SamePlans bool
}

// RightSizeSuggestion replaces one licence of a user.
type RightSizeSuggestion struct {
	UserID, UserPrincipalName string
	CurrentSkuID              string
	SuggestedSkuID            string
	Used                      []Service // used in the window, display order
	Needs                     []Service // used services only the current licence carries
	CurrentPrice              float64
	SuggestedPrice            float64
	MonthlySaving             float64
}

// UsedServices returns the services with activity on or after asOf's day
// minus windowDays, in display order.
func UsedServices(last map[Service]time.Time, asOf time.Time, windowDays int) []Service {
	cut := asOf.UTC().Truncate(24*time.Hour).AddDate(0, 0, -windowDays)
	var out []Service
	for _, s := range Services {
		if t, ok := last[s]; ok && !t.IsZero() && !t.Before(cut) {
			out = append(out, s)
		}
	}
	return out
}

type svcPlans map[Service]map[string]bool // service -> plan ids providing it

func plansFor(src PlanSource, a AssignedSKU) svcPlans {
	off := map[string]bool{}
	for _, d := range a.DisabledPlans {
		off[skuKey(d)] = true
	}
	out := svcPlans{}
	for _, p := range src.ServicePlans(a.SkuID) {
		id := skuKey(p.ID)
		if off[id] {
			continue
		}
		for s, names := range ServicePlanNames {
			for _, n := range names {
				if strings.EqualFold(strings.TrimSpace(p.Name), n) {
					if out[s] == nil {
						out[s] = map[string]bool{}
					}
					out[s][id] = true
				}
			}
		}
	}
	return out
}

// RightSize suggests, per user, cheaper suites. For each assigned licence
// that is a candidate, most expensive first, the services the user used
// that only this licence carries (its "needs") must all be carried by the
// suggestion, which is the cheapest candidate strictly cheaper than the
// current one (ties: lower skuId). Licences no used service depends on get
// no suggestion (that is reclaim, not right-sizing); users without any
// used service get none either. A replaced licence counts as its
// suggestion for the user's later licences. Output: by user id, then the
// order the licences were examined.
func RightSize(src PlanSource, cands []RightSizeCandidate, users []RightSizeUser, opt RightSizeOptions) []RightSizeSuggestion {
	if opt.WindowDays <= 0 {
		opt.WindowDays = DefaultInactiveDays
	}
	price := map[string]float64{}
	candPlans := map[string]svcPlans{}
	for _, c := range cands {
		k := skuKey(c.SkuID)
		price[k] = c.MonthlyPrice
		candPlans[k] = plansFor(src, AssignedSKU{SkuID: c.SkuID})
	}
	var out []RightSizeSuggestion
	for _, u := range users {
		used := UsedServices(u.LastActivity, opt.AsOf, opt.WindowDays)
		if len(used) == 0 {
			continue
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
		for _, i := range order {
			x := cur[i]
			xk := skuKey(x.SkuID)
			mine := plansFor(src, x)
			others := svcPlans{}
			for j, a := range cur {
				if j == i {
					continue
				}
				for s, ids := range plansFor(src, a) {
					if others[s] == nil {
						others[s] = map[string]bool{}
					}
					for id := range ids {
						others[s][id] = true
					}
				}
			}
			var needs []Service
			for _, s := range used {
				if len(mine[s]) > 0 && len(others[s]) == 0 {
					needs = append(needs, s)
				}
			}
			if len(needs) == 0 {
				continue
			}
			best, bestPrice := "", math.Inf(1)
			for _, c := range cands {
				ck := skuKey(c.SkuID)
				p := price[ck]
				if p >= price[xk] || !carries(candPlans[ck], mine, needs, opt.SamePlans) {
					continue
				}
				if p < bestPrice || (p == bestPrice && ck < best) {
					best, bestPrice = ck, p
				}
			}
			if best == "" {
				continue
			}
			var bestID string
			for _, c := range cands {
				if skuKey(c.SkuID) == best {
					bestID = c.SkuID
					break
				}
			}
			out = append(out, RightSizeSuggestion{UserID: u.UserID, UserPrincipalName: u.UserPrincipalName,
				CurrentSkuID: x.SkuID, SuggestedSkuID: bestID, Used: used, Needs: needs,
				CurrentPrice: price[xk], SuggestedPrice: bestPrice,
				MonthlySaving: math.Round((price[xk]-bestPrice)*100) / 100})
			cur[i] = AssignedSKU{SkuID: bestID}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].UserID < out[j].UserID })
	return out
}

// carries reports whether a candidate provides every needed service (any
// plan of it, or with samePlans the current licence's very plans).
func carries(cand, current svcPlans, needs []Service, samePlans bool) bool {
	for _, s := range needs {
		if len(cand[s]) == 0 {
			return false
		}
		if samePlans {
			for id := range current[s] {
				if !cand[s][id] {
					return false
				}
			}
		}
	}
	return true
}
