package review

import (
	"sort"
	"strings"

	"tenantlens/backend/types"
)

// UserChange is a user added, removed, disabled or re-enabled between two
// snapshots, with the licences the user holds (added, disabled,
// re-enabled: in the later snapshot; removed: in the earlier one).
type UserChange struct {
	TenantID          string   `json:"tenantId"`
	TenantName        string   `json:"tenantName"`
	UserID            string   `json:"userId"`
	UserPrincipalName string   `json:"userPrincipalName"`
	DisplayName       string   `json:"displayName"`
	Licenses          []string `json:"licenses"` // friendly names
	// MonthlyCost is the licences' monthly cost at today's prices, in
	// Currency ("" unpriced).
	MonthlyCost float64 `json:"monthlyCost"`
	Currency    string  `json:"currency"`
}

// LicenceChange is one licence gained or lost by a user present in both
// snapshots.
type LicenceChange struct {
	TenantID          string  `json:"tenantId"`
	TenantName        string  `json:"tenantName"`
	UserID            string  `json:"userId"`
	UserPrincipalName string  `json:"userPrincipalName"`
	DisplayName       string  `json:"displayName"`
	SkuID             string  `json:"skuId"`
	PartNumber        string  `json:"partNumber"`
	Name              string  `json:"name"`
	MonthlyCost       float64 `json:"monthlyCost"` // today's monthly price of the licence
	Currency          string  `json:"currency"`    // "" unpriced or free
}

// MFAChange is a user whose MFA registration changed between two
// snapshots where both could read it (Enabled ↔ Disabled).
type MFAChange struct {
	TenantID          string `json:"tenantId"`
	TenantName        string `json:"tenantName"`
	UserID            string `json:"userId"`
	UserPrincipalName string `json:"userPrincipalName"`
	DisplayName       string `json:"displayName"`
	From              string `json:"from"`
	To                string `json:"to"`
}

// CompareTotals count a comparison's changes. The money is monthly at
// today's prices in Currency under the one currency rule (0 when MIXED or
// unpriced): CostGained is the licences gained plus the added users'
// licences, CostLost the licences lost plus the removed users' licences;
// each part is kept too (CostAdded + CostLicencesGained = CostGained, up to
// a cent of rounding), so a count is never shown beside another's money.
type CompareTotals struct {
	UsersAdded     int     `json:"usersAdded"`
	UsersRemoved   int     `json:"usersRemoved"`
	LicencesGained int     `json:"licencesGained"`
	LicencesLost   int     `json:"licencesLost"`
	MFARegistered  int     `json:"mfaRegistered"`
	MFALost        int     `json:"mfaLost"`
	Disabled       int     `json:"disabled"`
	Reenabled      int     `json:"reenabled"`
	CostGained     float64 `json:"costGained"`
	CostLost       float64 `json:"costLost"`
	CostChange     float64 `json:"costChange"`
	// The parts: the added and removed users' licences, and the licences
	// existing users gained and lost.
	CostAdded          float64 `json:"costAdded"`
	CostRemoved        float64 `json:"costRemoved"`
	CostLicencesGained float64 `json:"costLicencesGained"`
	CostLicencesLost   float64 `json:"costLicencesLost"`
	Currency           string  `json:"currency"`
}

// CompareSide is the snapshot a side of a comparison used, per tenant.
type CompareSide struct {
	TenantID   string `json:"tenantId"`
	TenantName string `json:"tenantName"`
	FromRunID  int64  `json:"fromRunId"`
	FromDate   string `json:"fromDate"`
	ToRunID    int64  `json:"toRunId"`
	ToDate     string `json:"toDate"`
}

// Comparison is what changed between two snapshots of a tenant, or between
// two dates of a client (each tenant's snapshots at those dates).
type Comparison struct {
	Scope          string          `json:"scope"` // tenant | client
	TenantID       string          `json:"tenantId"`
	ClientID       int64           `json:"clientId"`
	Name           string          `json:"name"`
	From           string          `json:"from"` // what was asked (date or run)
	To             string          `json:"to"`
	Sides          []CompareSide   `json:"sides"`
	Added          []UserChange    `json:"added"`
	Removed        []UserChange    `json:"removed"`
	LicencesGained []LicenceChange `json:"licencesGained"`
	LicencesLost   []LicenceChange `json:"licencesLost"`
	MFARegistered  []MFAChange     `json:"mfaRegistered"`
	MFALost        []MFAChange     `json:"mfaLost"`
	Disabled       []UserChange    `json:"disabled"`
	Reenabled      []UserChange    `json:"reenabled"`
	Totals         CompareTotals   `json:"totals"`
	Notes          []string        `json:"notes"`
}

func newComparison(scope string) *Comparison {
	return &Comparison{Scope: scope, Sides: []CompareSide{}, Added: []UserChange{}, Removed: []UserChange{},
		LicencesGained: []LicenceChange{}, LicencesLost: []LicenceChange{}, MFARegistered: []MFAChange{},
		MFALost: []MFAChange{}, Disabled: []UserChange{}, Reenabled: []UserChange{}, Notes: []string{}}
}

// comparePrices names and prices licences for a comparison: today's
// prices frozen over both snapshots' SKUs (FreezeSKUs).
type comparePrices map[string]types.VersionSKU

func (p comparePrices) of(skuID string) (types.VersionSKU, float64, string) {
	k, ok := p[strings.ToLower(skuID)]
	if !ok {
		return types.VersionSKU{SkuID: strings.ToLower(skuID), Name: skuID, PartNumber: skuID}, 0, ""
	}
	if !k.Priced || isFree(k.PartNumber, k) {
		return k, 0, ""
	}
	return k, monthlyOf(k), k.Currency
}

// CompareSnapshots is what changed from one snapshot of a tenant to a later
// one, with licence names and today's prices from skus (FreezeSKUs over
// both snapshots). Users are the non-deleted ones: a user listed (not
// deleted) only in to was added; only in from was removed (deleted or gone).
// For users in both: licences gained and lost, MFA registration changes
// where both snapshots could read it (Enabled ↔ Disabled), and accounts
// disabled or re-enabled. It is pure: tests and the workbook call it.
func CompareSnapshots(from, to *types.Snapshot, skus []types.VersionSKU) *Comparison {
	c := newComparison("tenant")
	c.TenantID, c.Name = to.TenantID, to.TenantName
	c.addTenant(from, to, skus)
	c.finish()
	return c
}

func listed(s *types.Snapshot) map[string]*types.User {
	out := make(map[string]*types.User, len(s.Users))
	for i := range s.Users {
		if u := &s.Users[i]; !u.Deleted {
			out[strings.ToLower(u.ID)] = u
		}
	}
	return out
}

func (c *Comparison) addTenant(from, to *types.Snapshot, skus []types.VersionSKU) {
	prices := comparePrices{}
	for _, k := range skus {
		prices[strings.ToLower(k.SkuID)] = k
	}
	tid, tname := to.TenantID, to.TenantName
	userChange := func(u *types.User) UserChange {
		r := UserChange{TenantID: tid, TenantName: tname, UserID: u.ID, UserPrincipalName: u.UserPrincipalName,
			DisplayName: u.DisplayName, Licenses: []string{}}
		money := moneyTotals{}
		for _, l := range u.Licenses {
			k, cost, cur := prices.of(l.SkuID)
			r.Licenses = append(r.Licenses, orText(k.Name, k.PartNumber))
			money.add(cur, cost)
		}
		r.MonthlyCost, r.Currency = money.total()
		if !HasMoney(r.Currency) {
			r.MonthlyCost = 0
		}
		return r
	}
	was, now := listed(from), listed(to)
	for id, u := range now {
		if _, ok := was[id]; !ok {
			c.Added = append(c.Added, userChange(u))
		}
	}
	for id, u := range was {
		if _, ok := now[id]; !ok {
			c.Removed = append(c.Removed, userChange(u))
		}
	}
	for id, b := range now {
		a, ok := was[id]
		if !ok {
			continue
		}
		had := map[string]bool{}
		for _, l := range a.Licenses {
			had[strings.ToLower(l.SkuID)] = true
		}
		has := map[string]bool{}
		for _, l := range b.Licenses {
			has[strings.ToLower(l.SkuID)] = true
		}
		lic := func(u *types.User, sku string) LicenceChange {
			k, cost, cur := prices.of(sku)
			return LicenceChange{TenantID: tid, TenantName: tname, UserID: u.ID, UserPrincipalName: u.UserPrincipalName,
				DisplayName: u.DisplayName, SkuID: strings.ToLower(sku), PartNumber: k.PartNumber,
				Name: orText(k.Name, k.PartNumber), MonthlyCost: roundCents(cost), Currency: cur}
		}
		for sku := range has {
			if !had[sku] {
				c.LicencesGained = append(c.LicencesGained, lic(b, sku))
			}
		}
		for sku := range had {
			if !has[sku] {
				c.LicencesLost = append(c.LicencesLost, lic(b, sku))
			}
		}
		mfa := func() MFAChange {
			return MFAChange{TenantID: tid, TenantName: tname, UserID: b.ID, UserPrincipalName: b.UserPrincipalName,
				DisplayName: b.DisplayName, From: string(a.MFAStatus), To: string(b.MFAStatus)}
		}
		switch {
		case a.MFAStatus == types.MFADisabled && b.MFAStatus == types.MFAEnabled:
			c.MFARegistered = append(c.MFARegistered, mfa())
		case a.MFAStatus == types.MFAEnabled && b.MFAStatus == types.MFADisabled:
			c.MFALost = append(c.MFALost, mfa())
		}
		switch {
		case a.AccountEnabled && !b.AccountEnabled:
			c.Disabled = append(c.Disabled, userChange(b))
		case !a.AccountEnabled && b.AccountEnabled:
			c.Reenabled = append(c.Reenabled, userChange(b))
		}
	}
	if from.Flags.MFAAvailable != to.Flags.MFAAvailable {
		c.Notes = append(c.Notes, tname+": MFA registration could be read in only one of the two snapshots; MFA changes are listed only where both could read it")
	}
}

func userLess(ta, tb, na, nb, ua, ub string) bool {
	if ta != tb {
		return strings.ToLower(ta) < strings.ToLower(tb)
	}
	if la, lb := strings.ToLower(na), strings.ToLower(nb); la != lb {
		return la < lb
	}
	return ua < ub
}

func sortUsers(us []UserChange) {
	sort.SliceStable(us, func(i, j int) bool {
		a, b := us[i], us[j]
		return userLess(a.TenantName, b.TenantName, a.DisplayName, b.DisplayName, a.UserPrincipalName, b.UserPrincipalName)
	})
}

func sortLicences(ls []LicenceChange) {
	sort.SliceStable(ls, func(i, j int) bool {
		a, b := ls[i], ls[j]
		if a.UserID != b.UserID || a.TenantID != b.TenantID {
			return userLess(a.TenantName, b.TenantName, a.DisplayName, b.DisplayName, a.UserPrincipalName, b.UserPrincipalName)
		}
		return strings.ToLower(a.Name) < strings.ToLower(b.Name)
	})
}

func sortMFA(ms []MFAChange) {
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		return userLess(a.TenantName, b.TenantName, a.DisplayName, b.DisplayName, a.UserPrincipalName, b.UserPrincipalName)
	})
}

// finish sorts the lists (tenant, name, UPN) and counts the totals.
func (c *Comparison) finish() {
	sortUsers(c.Added)
	sortUsers(c.Removed)
	sortUsers(c.Disabled)
	sortUsers(c.Reenabled)
	sortLicences(c.LicencesGained)
	sortLicences(c.LicencesLost)
	sortMFA(c.MFARegistered)
	sortMFA(c.MFALost)
	t := &c.Totals
	t.UsersAdded, t.UsersRemoved = len(c.Added), len(c.Removed)
	t.LicencesGained, t.LicencesLost = len(c.LicencesGained), len(c.LicencesLost)
	t.MFARegistered, t.MFALost = len(c.MFARegistered), len(c.MFALost)
	t.Disabled, t.Reenabled = len(c.Disabled), len(c.Reenabled)
	added, removed, licGained, licLost := moneyTotals{}, moneyTotals{}, moneyTotals{}, moneyTotals{}
	for _, u := range c.Added {
		added.add(u.Currency, u.MonthlyCost)
	}
	for _, l := range c.LicencesGained {
		licGained.add(l.Currency, l.MonthlyCost)
	}
	for _, u := range c.Removed {
		removed.add(u.Currency, u.MonthlyCost)
	}
	for _, l := range c.LicencesLost {
		licLost.add(l.Currency, l.MonthlyCost)
	}
	all := moneyTotals{}
	for _, m := range []moneyTotals{added, removed, licGained, licLost} {
		for cur := range m {
			all.add(cur, 0)
		}
	}
	_, t.Currency = all.total()
	if HasMoney(t.Currency) {
		cur := t.Currency
		t.CostAdded, t.CostRemoved = roundCents(added[cur]), roundCents(removed[cur])
		t.CostLicencesGained, t.CostLicencesLost = roundCents(licGained[cur]), roundCents(licLost[cur])
		t.CostGained, t.CostLost = roundCents(added[cur]+licGained[cur]), roundCents(removed[cur]+licLost[cur])
		t.CostChange = roundCents(t.CostGained - t.CostLost)
	} else if t.Currency == Mixed {
		c.Notes = append(c.Notes, "Costs: the licences are priced in several currencies; costs are added up only within one currency")
	}
}
