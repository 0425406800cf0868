package review

import (
	"context"
	"sort"
	"strings"
	"time"

	"tenantlens/backend/catalog"
	"tenantlens/backend/derive"
	"tenantlens/backend/types"
)

// Right-sizing (issue 13): licensed users whose suite carries services they
// have not used in the window get the cheapest cheaper suite that still
// carries every service they used and the desktop apps / security
// features their licence gives, whose use no report measures
// (derive.RightSize). Candidates are the
// price list's suites: SKUs priced in the tenant's currency (not free)
// whose service plans (Microsoft's licensing CSV) include a mailbox —
// add-ons (Visio, Project, Power BI, Teams Phone, Entra ID) are never
// suggested as a replacement. Microsoft's Business plans
// (derive.BusinessPlanPartNumbers, by the SKU's part number) are capped at
// derive.BusinessSeatCap seats per tenant: the tenant's assigned seats
// (subscribedSkus consumed units) plus the suggestions to the plan stay
// within the cap, so a 2,000-user tenant is not told to move everyone to
// Business Premium.

// RightSizeRow is one suggested replacement of a user's licence.
type RightSizeRow struct {
	TenantID          string   `json:"tenantId"`
	TenantName        string   `json:"tenantName"`
	UserID            string   `json:"userId"`
	UserPrincipalName string   `json:"userPrincipalName"`
	DisplayName       string   `json:"displayName"`
	CurrentSkuID      string   `json:"currentSkuId"`
	CurrentName       string   `json:"currentName"`
	SuggestedSkuID    string   `json:"suggestedSkuId"`
	SuggestedName     string   `json:"suggestedName"`
	Used              []string `json:"used"`   // services used in the window
	Needs             []string `json:"needs"`  // used services only the current licence carries
	Kept              []string `json:"kept"`   // services not measured (desktop apps, security) the suggestion keeps
	Reason            string   `json:"reason"` // what is used and what is kept because its use is not measured
	CurrentPrice      float64  `json:"currentPrice"`
	SuggestedPrice    float64  `json:"suggestedPrice"`
	MonthlySaving     float64  `json:"monthlySaving"`
	AnnualSaving      float64  `json:"annualSaving"`
	Currency          string   `json:"currency"`
	// Source: where the current licence comes from ("Direct", "Group: X").
	Source string `json:"source"`
}

// RightSizeView is the right-size list of one tenant (or every one).
type RightSizeView struct {
	Rows          []RightSizeRow `json:"rows"`
	WindowDays    int            `json:"windowDays"`
	DataDate      string         `json:"dataDate"`
	MonthlySaving float64        `json:"monthlySaving"` // in Currency (0 when MIXED or no prices)
	AnnualSaving  float64        `json:"annualSaving"`
	Currency      string         `json:"currency"`
	Notes         []string       `json:"notes"`
}

// plans returns the service-plan source (the licensing catalog) behind
// Names, when it has one.
func (s *Service) plans() derive.PlanSource {
	if p, ok := s.Names.(derive.PlanSource); ok {
		return p
	}
	return nil
}

// rightSizeOf computes a tenant's suggestions; note says why there are
// none to compute ("" when computed).
func rightSizeOf(c *Current, src derive.PlanSource, prices map[string]types.Price, days int) (out []derive.RightSizeSuggestion, note string) {
	switch {
	case src == nil:
		return nil, "Right-sizing: the licensing catalog (service plans) is not available; check the catalog URL in Settings and try again"
	case !HasMoney(c.Data.Currency):
		if c.Data.Currency == Mixed {
			return nil, "Right-sizing: this tenant's prices are in several currencies; set every price in one currency"
		}
		return nil, "Right-sizing: no prices are set; add licence prices in Settings › Prices to see cheaper suites"
	case !c.Snap.Flags.UsageAvailable || c.Snap.Flags.UsageConcealed:
		return nil, "Right-sizing: per-service activity is not available (" + orText(c.Snap.Flags.UsageNote, "usage reports could not be read") + ")"
	}
	seats := map[string]int{}
	partNumbers := map[string][]string{} // sku id (lower) -> part numbers known for it
	for _, k := range c.Snap.SKUs {
		seats[strings.ToLower(k.SkuID)] += k.Consumed
		partNumbers[strings.ToLower(k.SkuID)] = append(partNumbers[strings.ToLower(k.SkuID)], k.PartNumber)
	}
	var cands []derive.RightSizeCandidate
	for id, p := range prices {
		if p.Currency != c.Data.Currency || p.Monthly() <= 0 || derive.IsFreeSKU(p.PartNumber) {
			continue
		}
		if !carriesMailbox(src, id) {
			continue
		}
		cands = append(cands, derive.RightSizeCandidate{SkuID: id, MonthlyPrice: p.Monthly(),
			MaxSeats: maxSeats(src, id, append([]string{p.PartNumber}, partNumbers[strings.ToLower(id)]...))})
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].SkuID < cands[j].SkuID })
	users := make([]derive.RightSizeUser, 0, len(c.Snap.Users))
	for i := range c.Snap.Users {
		u := &c.Snap.Users[i]
		if u.Deleted || len(u.Licenses) == 0 || u.Services == nil {
			continue
		}
		ru := derive.RightSizeUser{UserID: u.ID, UserPrincipalName: u.UserPrincipalName, LastActivity: serviceDates(u.Services)}
		for _, l := range u.Licenses {
			ru.Assigned = append(ru.Assigned, derive.AssignedSKU{SkuID: l.SkuID, DisabledPlans: l.DisabledPlans})
		}
		users = append(users, ru)
	}
	return derive.RightSize(src, cands, users, derive.RightSizeOptions{WindowDays: days, AsOf: c.Data.DataDate, Seats: seats}), ""
}

// maxSeats is a SKU's per-tenant seat cap by its part number: the
// licensing catalog's (by skuId), the price's or the subscribed SKU's.
func maxSeats(src derive.PlanSource, skuID string, partNumbers []string) int {
	if cat, ok := src.(interface {
		Product(skuID string) (catalog.Product, bool)
	}); ok {
		if p, ok := cat.Product(skuID); ok {
			partNumbers = append(partNumbers, p.PartNumber)
		}
	}
	n := 0
	for _, pn := range partNumbers {
		n = max(n, derive.MaxSeatsFor(pn))
	}
	return n
}

// carriesMailbox reports a SKU whose plans include an Exchange mailbox plan.
func carriesMailbox(src derive.PlanSource, skuID string) bool {
	for _, p := range src.ServicePlans(skuID) {
		for _, n := range derive.ServicePlanNames[derive.ServiceExchange] {
			if strings.EqualFold(strings.TrimSpace(p.Name), n) {
				return true
			}
		}
	}
	return false
}

// serviceDates maps a user's service activity to derive's services.
func serviceDates(s *types.UserServices) map[derive.Service]time.Time {
	out := map[derive.Service]time.Time{}
	for svc, t := range map[derive.Service]*time.Time{derive.ServiceExchange: s.ExchangeLast, derive.ServiceOneDrive: s.OneDriveLast,
		derive.ServiceSharePoint: s.SharePointLast, derive.ServiceTeams: s.TeamsLast, derive.ServiceYammer: s.YammerLast,
		derive.ServiceSkype: s.SkypeLast} {
		if t != nil {
			out[svc] = *t
		}
	}
	return out
}

// RightSize returns the right-size list at a window of days (<= 0: the
// Settings inactivity threshold), "" = every synced tenant.
func (s *Service) RightSize(ctx context.Context, tenantID string, days int) (RightSizeView, error) {
	days = s.threshold(days)
	v := RightSizeView{Rows: []RightSizeRow{}, WindowDays: days, Notes: []string{}}
	monthly := moneyTotals{}
	src := s.plans()
	var firstErr error
	err := s.each(ctx, tenantID, func(c *Current) {
		v.DataDate = latest(v.DataDate, rfcv(c.Data.DataDate))
		prices, err := s.Src.EffectivePrices(ctx, c.Tenant.ID)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			return
		}
		sugg, note := rightSizeOf(c, src, prices, days)
		if note != "" {
			v.Notes = append(v.Notes, prefixed(tenantID, c, []string{note})...)
			return
		}
		byID := make(map[string]*types.User, len(c.Snap.Users))
		for i := range c.Snap.Users {
			byID[c.Snap.Users[i].ID] = &c.Snap.Users[i]
		}
		names := func(id string) string {
			if k, ok := c.Data.skus[strings.ToLower(id)]; ok && k.Name != "" {
				return k.Name
			}
			if s.Names != nil {
				return s.Names.Name(id, "")
			}
			return id
		}
		for _, x := range sugg {
			u := byID[x.UserID]
			r := RightSizeRow{TenantID: c.Tenant.ID, TenantName: c.Tenant.DisplayName, UserID: x.UserID,
				UserPrincipalName: x.UserPrincipalName, CurrentSkuID: strings.ToLower(x.CurrentSkuID), CurrentName: names(x.CurrentSkuID),
				SuggestedSkuID: strings.ToLower(x.SuggestedSkuID), SuggestedName: names(x.SuggestedSkuID),
				Used: serviceNames(x.Used), Needs: serviceNames(x.Needs), Kept: serviceNames(x.Kept), Reason: x.Reason, CurrentPrice: RoundCents(x.CurrentPrice),
				SuggestedPrice: RoundCents(x.SuggestedPrice), MonthlySaving: x.MonthlySaving,
				AnnualSaving: RoundCents(x.MonthlySaving * 12), Currency: c.Data.Currency}
			if u != nil {
				r.DisplayName = u.DisplayName
				r.Source = licenseSource(u, x.CurrentSkuID)
			}
			monthly.add(c.Data.Currency, x.MonthlySaving)
			v.Rows = append(v.Rows, r)
		}
	})
	if err == nil {
		err = firstErr
	}
	if err != nil {
		return v, err
	}
	v.MonthlySaving, v.Currency = monthly.total()
	v.AnnualSaving = RoundCents(v.MonthlySaving * 12)
	return v, nil
}

func serviceNames(v []derive.Service) []string {
	out := make([]string, len(v))
	for i, s := range v {
		out[i] = string(s)
	}
	return out
}
