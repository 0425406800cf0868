package review

import (
	"context"
	"sort"
	"strings"
	"time"

	"tenantlens/backend/derive"
	"tenantlens/backend/types"
)

// NeverSeenDays is UserRow.DaysInactive of a user with no visible activity
// at all (inactive for any threshold); -1 means activity cannot be known.
const NeverSeenDays = 36500

func userRow(c *Current, u *types.User, names map[string]License, now time.Time) UserRow {
	r := UserRow{
		TenantID: c.Tenant.ID, TenantName: c.Tenant.DisplayName,
		ID: u.ID, DisplayName: u.DisplayName, UserPrincipalName: u.UserPrincipalName, Mail: u.Mail,
		Department: u.Department, JobTitle: u.JobTitle, UserType: u.UserType,
		AccountEnabled: u.AccountEnabled, Deleted: u.Deleted, ResourceAccount: u.ResourceAccount,
		RecipientType: u.RecipientType,
		MFAStatus:     string(u.MFAStatus), MFASource: string(u.MFASource), MFAMethods: derive.MethodLabels(u.MFAMethods),
		MFADefaultMethod: derive.MethodLabel(u.MFADefaultMethod), MFAReason: u.MFAReason, IsAdmin: u.IsAdmin,
		LastSignIn: RFC(u.LastSignIn), LastActivity: RFC(u.LastActivity), Created: RFC(u.CreatedAt),
		EmailsSent: intOr(u.EmailsSent), EmailsRead: intOr(u.EmailsRead),
		LicenseNames: []string{}, LicenseParts: []string{},
	}
	for _, l := range u.Licenses {
		lr, ok := names[strings.ToLower(l.SkuID)]
		if !ok {
			lr = License{Name: l.SkuID, PartNumber: l.SkuID}
		}
		r.LicenseNames = append(r.LicenseNames, lr.Name)
		r.LicenseParts = append(r.LicenseParts, lr.PartNumber)
	}
	r.UserLicensing = userLicensing(u, r.LicenseNames) // licstates.go
	r.DaysInactive = -1
	if derive.SignalsOf(c.Snap.Flags).Known() {
		if seen := derive.LastSeen(u); seen != nil {
			r.LastSeen = RFC(seen)
			r.DaysInactive = int(now.Sub(*seen).Hours() / 24)
			if r.DaysInactive < 0 {
				r.DaysInactive = 0
			}
		} else {
			r.DaysInactive = NeverSeenDays
		}
	}
	return r
}

func intOr(p *int) int {
	if p == nil {
		return -1
	}
	return *p
}

func licenseIndex(c *Current) map[string]License {
	m := make(map[string]License, len(c.Data.Licenses))
	for _, l := range c.Data.Licenses {
		m[strings.ToLower(l.SkuID)] = l
	}
	return m
}

// Users returns a tenant's users ("" = every synced tenant); deleted users
// are left out (they are in the MFA figures as Disabled).
func (s *Service) Users(ctx context.Context, tenantID string) (UsersView, error) {
	v := UsersView{Rows: []UserRow{}, Notes: []string{}, InactiveDays: s.Threshold()}
	err := s.each(ctx, tenantID, func(c *Current) {
		idx := licenseIndex(c)
		at := c.Data.DataDate
		sec := enforcementIndex(c) // security.go
		for i := range c.Snap.Users {
			u := &c.Snap.Users[i]
			if u.Deleted {
				continue
			}
			row := userRow(c, u, idx, at)
			sec.applyEnforcement(&row)
			v.Rows = append(v.Rows, row)
		}
		v.Notes = append(v.Notes, prefixed(tenantID, c, securityNotes(c))...)
		v.DataDate = latest(v.DataDate, rfcv(at))
		v.Notes = append(v.Notes, prefixed(tenantID, c, c.Data.Notes)...)
	})
	return v, err
}

func prefixed(tenantID string, c *Current, notes []string) []string {
	if tenantID != "" {
		return notes
	}
	out := make([]string, len(notes))
	for i, n := range notes {
		out[i] = c.Tenant.DisplayName + ": " + n
	}
	return out
}

func licenseFlag(l License) string {
	switch {
	case l.Assigned > l.Purchased && !l.Free:
		return "over-assigned"
	case l.Suspended > 0 || strings.EqualFold(l.Status, "Suspended"):
		return "suspended"
	case l.Warning > 0 || strings.EqualFold(l.Status, "Warning"):
		return "warning"
	}
	return ""
}

// Licenses returns SKUs with costs ("" = every synced tenant).
func (s *Service) Licenses(ctx context.Context, tenantID string) (LicensesView, error) {
	v := LicensesView{Rows: []LicenseRow{}}
	monthly, unused, mixed := moneyTotals{}, moneyTotals{}, false
	err := s.each(ctx, tenantID, func(c *Current) {
		for _, l := range c.Data.Licenses {
			row := LicenseRow{
				TenantID: c.Tenant.ID, TenantName: c.Tenant.DisplayName, SkuID: l.SkuID, Name: l.Name,
				PartNumber: l.PartNumber, Status: l.Status, Purchased: l.Purchased, Suspended: l.Suspended,
				Warning: l.Warning, Assigned: l.Assigned, Available: l.Available, Flag: licenseFlag(l),
				UnitPrice: l.UnitPrice, MonthlyCost: l.MonthlyCost, UnusedCost: l.UnusedCost, Priced: l.Priced,
			}
			if l.Priced {
				row.Currency = c.Data.Currency
			}
			if row.Flag != "" {
				v.FlaggedCount++
			}
			v.Rows = append(v.Rows, row)
		}
		k := c.Data.KPI
		monthly.add(k.Currency, k.MonthlySpend)
		unused.add(k.Currency, k.UnusedCost)
		mixed = mixed || k.Currency == Mixed
		v.DataDate = latest(v.DataDate, rfcv(c.Data.DataDate))
	})
	if err != nil {
		return v, err
	}
	v.MonthlyTotal, v.Currency = monthly.total()
	v.UnusedTotal, _ = unused.total()
	if mixed {
		v.MonthlyTotal, v.UnusedTotal, v.Currency = 0, 0, Mixed
	}
	if s.Live != nil {
		v.CatalogUpdatedAt = s.Live.CatalogUpdatedAt(ctx)
	}
	return v, nil
}

var mfaOrder = map[string]int{string(types.MFADisabled): 0, string(types.MFAUnavailable): 1, string(types.MFAEnabled): 2, string(types.MFANotApplicable): 3}

// MFA returns coverage and the users without MFA first ("" = every synced
// tenant). Contacts are listed as N/A: they are not accounts.
func (s *Service) MFA(ctx context.Context, tenantID string) (MFAView, error) {
	v := MFAView{Rows: []UserRow{}, ByMethod: []Count{}, Available: true, SecurityNotes: []string{}}
	methods, enf, comb := map[string]int{}, map[string]int{}, map[string]int{}
	var reasons, sources []string
	err := s.each(ctx, tenantID, func(c *Current) {
		idx := licenseIndex(c)
		k := c.Data.KPI
		v.Registered += k.MFARegistered
		v.Eligible += k.MFAEligible
		if !k.MFAAvailable {
			v.Available = false
			reasons = append(reasons, prefixed(tenantID, c, []string{orDefault(c.Snap.Flags.MFANote, "MFA registration data could not be read")})...)
		}
		if c.Snap.Flags.MFASource == types.MFASourceAuthMethods {
			sources = append(sources, c.Tenant.DisplayName)
		}
		sec := enforcementIndex(c) // security.go
		v.SecurityNotes = append(v.SecurityNotes, prefixed(tenantID, c, securityNotes(c))...)
		for i := range c.Snap.Users {
			u := &c.Snap.Users[i]
			if u.Deleted {
				continue
			}
			row := userRow(c, u, idx, c.Data.DataDate)
			sec.applyEnforcement(&row)
			enf[row.MFAEnforcement]++
			comb[row.MFACombined]++
			if u.MFAStatus == types.MFADisabled && u.IsAdmin {
				v.AdminsWithout++
			}
			for _, m := range row.MFAMethods {
				methods[m]++
			}
			v.Rows = append(v.Rows, row)
		}
		for _, ct := range c.Snap.Contacts {
			v.Rows = append(v.Rows, UserRow{TenantID: c.Tenant.ID, TenantName: c.Tenant.DisplayName, ID: ct.ID,
				DisplayName: ct.DisplayName, Mail: ct.Mail, UserType: "Contact", MFAStatus: string(types.MFANotApplicable),
				MFAMethods: []string{}, LicenseNames: []string{}, LicenseParts: []string{}, DaysInactive: -1, EmailsSent: -1, EmailsRead: -1})
		}
		v.DataDate = latest(v.DataDate, rfcv(c.Data.DataDate))
	})
	if err != nil {
		return v, err
	}
	v.Enforcement, v.Combined = enforcementCounts(enf, comb) // security.go
	v.CoveragePct = Pct(v.Registered, v.Eligible)
	v.Unregistered = v.Eligible - v.Registered
	v.Reason = strings.Join(reasons, "\n")
	if len(sources) > 0 {
		v.SourceNote = "Without Entra ID P1, MFA was read from each user's authentication methods: " + strings.Join(sources, ", ")
	}
	for m, n := range methods {
		v.ByMethod = append(v.ByMethod, Count{Label: m, Value: n})
	}
	sort.Slice(v.ByMethod, func(i, j int) bool {
		if v.ByMethod[i].Value != v.ByMethod[j].Value {
			return v.ByMethod[i].Value > v.ByMethod[j].Value
		}
		return v.ByMethod[i].Label < v.ByMethod[j].Label
	})
	sort.SliceStable(v.Rows, func(i, j int) bool {
		a, b := v.Rows[i], v.Rows[j]
		if mfaOrder[a.MFAStatus] != mfaOrder[b.MFAStatus] {
			return mfaOrder[a.MFAStatus] < mfaOrder[b.MFAStatus]
		}
		if a.IsAdmin != b.IsAdmin {
			return a.IsAdmin
		}
		return strings.ToLower(a.DisplayName) < strings.ToLower(b.DisplayName)
	})
	return v, nil
}

func orDefault(s, d string) string {
	if strings.TrimSpace(s) == "" {
		return d
	}
	return s
}
