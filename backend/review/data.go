package bridge

import (
	"errors"
	"math"
	"sort"
	"strings"
	"time"

	"tenantlens/backend/derive"
	"tenantlens/backend/report"
	"tenantlens/backend/services"
	"tenantlens/backend/types"
)

// Data serves the Users, Licenses and MFA pages from the current snapshots.
type Data struct{ base }

// NeverSeenDays is UserRow.DaysInactive of a user with no visible activity
// at all (inactive for any threshold); -1 means activity cannot be known.
const NeverSeenDays = 36500

func pct(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return math.Round(float64(n)*1000/float64(d)) / 10
}

// each runs fn for the current dataset of one tenant or of all synced ones.
func (d *Data) each(tenantID string, fn func(svc *services.Services, c *current)) error {
	svc, err := d.svc()
	if err != nil {
		return err
	}
	ctx := d.context()
	ts, err := tenantsFor(ctx, svc, tenantID)
	if err != nil {
		return err
	}
	for _, t := range ts {
		c, err := d.current(ctx, svc, t)
		if errors.Is(err, errNoSnapshot) && tenantID == "" {
			continue
		}
		if err != nil {
			return err
		}
		fn(svc, c)
	}
	return nil
}

func latest(a, b string) string {
	if a > b {
		return a
	}
	return b
}

func userRow(c *current, u *types.User, names map[string]report.LicenseRow, now time.Time) UserRow {
	r := UserRow{
		TenantID: c.tenant.ID, TenantName: c.tenant.DisplayName,
		ID: u.ID, DisplayName: u.DisplayName, UserPrincipalName: u.UserPrincipalName, Mail: u.Mail,
		Department: u.Department, JobTitle: u.JobTitle, UserType: u.UserType,
		AccountEnabled: u.AccountEnabled, Deleted: u.Deleted, ResourceAccount: u.ResourceAccount,
		RecipientType: u.RecipientType,
		MFAStatus:     string(u.MFAStatus), MFASource: string(u.MFASource), MFAMethods: derive.MethodLabels(u.MFAMethods),
		MFADefaultMethod: derive.MethodLabel(u.MFADefaultMethod), MFAReason: u.MFAReason, IsAdmin: u.IsAdmin,
		LastSignIn: rfc(u.LastSignIn), LastActivity: rfc(u.LastActivity), Created: rfc(u.CreatedAt),
		EmailsSent: intOr(u.EmailsSent), EmailsRead: intOr(u.EmailsRead),
		LicenseNames: []string{}, LicenseParts: []string{},
	}
	for _, l := range u.Licenses {
		lr, ok := names[strings.ToLower(l.SkuID)]
		if !ok {
			lr = report.LicenseRow{Name: l.SkuID, PartNumber: l.SkuID}
		}
		r.LicenseNames = append(r.LicenseNames, lr.Name)
		r.LicenseParts = append(r.LicenseParts, lr.PartNumber)
	}
	r.DaysInactive = -1
	if derive.SignalsOf(c.snap.Flags).Known() {
		if seen := derive.LastSeen(u); seen != nil {
			r.LastSeen = rfc(seen)
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

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func intOr(p *int) int {
	if p == nil {
		return -1
	}
	return *p
}

func licenseIndex(c *current) map[string]report.LicenseRow {
	m := make(map[string]report.LicenseRow, len(c.data.Licenses))
	for _, l := range c.data.Licenses {
		m[strings.ToLower(l.SkuID)] = l
	}
	return m
}

// Users returns a tenant's users ("" = every synced tenant); deleted users
// are left out (they are in the MFA figures as Disabled).
func (d *Data) Users(tenantID string) (UsersView, error) {
	v := UsersView{Rows: []UserRow{}, Notes: []string{}}
	err := d.each(tenantID, func(svc *services.Services, c *current) {
		idx := licenseIndex(c)
		at := c.data.DataDate
		for i := range c.snap.Users {
			u := &c.snap.Users[i]
			if u.Deleted {
				continue
			}
			v.Rows = append(v.Rows, userRow(c, u, idx, at))
		}
		v.DataDate = latest(v.DataDate, rfcv(at))
		v.Notes = append(v.Notes, prefixed(tenantID, c, c.data.Notes)...)
	})
	return v, err
}

func prefixed(tenantID string, c *current, notes []string) []string {
	if tenantID != "" {
		return notes
	}
	out := make([]string, len(notes))
	for i, n := range notes {
		out[i] = c.tenant.DisplayName + ": " + n
	}
	return out
}

func licenseFlag(l report.LicenseRow) string {
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
func (d *Data) Licenses(tenantID string) (LicensesView, error) {
	v := LicensesView{Rows: []LicenseRow{}}
	currencies := map[string]bool{}
	err := d.each(tenantID, func(svc *services.Services, c *current) {
		for _, l := range c.data.Licenses {
			row := LicenseRow{
				TenantID: c.tenant.ID, TenantName: c.tenant.DisplayName, SkuID: l.SkuID, Name: l.Name,
				PartNumber: l.PartNumber, Status: l.Status, Purchased: l.Purchased, Suspended: l.Suspended,
				Warning: l.Warning, Assigned: l.Assigned, Available: l.Available, Flag: licenseFlag(l),
				UnitPrice: l.UnitPrice, MonthlyCost: l.MonthlyCost, UnusedCost: l.UnusedCost, Priced: l.Priced,
			}
			if l.Priced {
				row.Currency = c.data.Currency
				currencies[c.data.Currency] = true
			}
			if row.Flag != "" {
				v.FlaggedCount++
			}
			v.Rows = append(v.Rows, row)
		}
		v.MonthlyTotal += c.data.KPI.MonthlySpend
		v.UnusedTotal += c.data.KPI.UnusedCost
		v.DataDate = latest(v.DataDate, rfcv(c.data.DataDate))
	})
	if err != nil {
		return v, err
	}
	for cur := range currencies {
		if v.Currency == "" {
			v.Currency = cur
		} else if v.Currency != cur {
			v.Currency = derive.MixedCurrency
		}
	}
	v.MonthlyTotal, v.UnusedTotal = math.Round(v.MonthlyTotal*100)/100, math.Round(v.UnusedTotal*100)/100
	if svc, err := d.svc(); err == nil {
		if _, info, err := svc.Names.Load(d.context()); err == nil {
			v.CatalogUpdatedAt = rfcv(info.FetchedAt)
		}
	}
	return v, nil
}

var mfaOrder = map[string]int{string(types.MFADisabled): 0, string(types.MFAUnavailable): 1, string(types.MFAEnabled): 2, string(types.MFANotApplicable): 3}

// MFA returns coverage and the users without MFA first ("" = every synced
// tenant). Contacts are listed as N/A: they are not accounts.
func (d *Data) MFA(tenantID string) (MFAView, error) {
	v := MFAView{Rows: []UserRow{}, ByMethod: []Count{}, Available: true}
	methods := map[string]int{}
	var reasons, sources []string
	err := d.each(tenantID, func(svc *services.Services, c *current) {
		idx := licenseIndex(c)
		k := c.data.KPI
		v.Registered += k.MFARegistered
		v.Eligible += k.MFAEligible
		if !k.MFAAvailable {
			v.Available = false
			reasons = append(reasons, prefixed(tenantID, c, []string{orDefault(c.snap.Flags.MFANote, "MFA registration data could not be read")})...)
		}
		if c.snap.Flags.MFASource == types.MFASourceAuthMethods {
			sources = append(sources, c.tenant.DisplayName)
		}
		for i := range c.snap.Users {
			u := &c.snap.Users[i]
			if u.Deleted {
				continue
			}
			row := userRow(c, u, idx, c.data.DataDate)
			if u.MFAStatus == types.MFADisabled && u.IsAdmin {
				v.AdminsWithout++
			}
			for _, m := range row.MFAMethods {
				methods[m]++
			}
			v.Rows = append(v.Rows, row)
		}
		for _, ct := range c.snap.Contacts {
			v.Rows = append(v.Rows, UserRow{TenantID: c.tenant.ID, TenantName: c.tenant.DisplayName, ID: ct.ID,
				DisplayName: ct.DisplayName, Mail: ct.Mail, UserType: "Contact", MFAStatus: string(types.MFANotApplicable),
				MFAMethods: []string{}, LicenseNames: []string{}, LicenseParts: []string{}, DaysInactive: -1, EmailsSent: -1, EmailsRead: -1})
		}
		v.DataDate = latest(v.DataDate, rfcv(c.data.DataDate))
	})
	if err != nil {
		return v, err
	}
	v.CoveragePct = pct(v.Registered, v.Eligible)
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
