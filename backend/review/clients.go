package review

import (
	"context"
	"errors"
	"sort"
	"strconv"
	"strings"
	"time"

	"tenantlens/backend/derive"
	"tenantlens/backend/types"
)

// ClientSource is where review reads clients and their contacts
// (*store.Store).
type ClientSource interface {
	Clients(ctx context.Context) ([]types.Client, error)
	Client(ctx context.Context, id int64) (types.Client, error)
	Contacts(ctx context.Context, clientID int64) ([]types.PSAContact, error)
}

// MergeFrom is a report template's merge direction.
type MergeFrom string

const (
	// MergeFromAccounts builds from Microsoft 365 and adds contact data.
	MergeFromAccounts MergeFrom = "accounts"
	// MergeFromContacts builds from the PSA's contacts and adds Microsoft
	// 365 data.
	MergeFromContacts MergeFrom = "contacts"
)

// SumKPIs is the one rule for a client's totals: counts and money add up
// over its tenants; MFA coverage is Σ registered / Σ eligible over the
// tenants whose MFA data was available; utilisation Σ assigned / Σ
// purchased; money only in one currency (CurrencyOf: with no price or
// several currencies the money is 0 and Currency says why); inactive
// counts add up over the tenants that could tell (-1 when none could).
func SumKPIs(parts []KPIs) KPIs {
	var k KPIs
	k.Inactive, k.InactiveLicensed = -1, 0
	cs := make([]string, 0, len(parts))
	money := moneyTotals{}
	for _, p := range parts {
		k.Users += p.Users
		k.Licensed += p.Licensed
		k.Guests += p.Guests
		k.Disabled += p.Disabled
		if p.MFAAvailable {
			k.MFAAvailable = true
			k.MFARegistered += p.MFARegistered
			k.MFAEligible += p.MFAEligible
		}
		k.Purchased += p.Purchased
		k.Assigned += p.Assigned
		k.Unused += p.Unused
		k.ReclaimUsers += p.ReclaimUsers
		k.InactiveLicensed += p.InactiveLicensed
		if p.Inactive >= 0 {
			k.Inactive = max(k.Inactive, 0) + p.Inactive
		}
		if p.InactiveDays > k.InactiveDays {
			k.InactiveDays = p.InactiveDays
		}
		cs = append(cs, p.Currency)
		money.add(p.Currency, p.MonthlySpend)
	}
	k.Currency = CurrencyOf(cs...)
	if k.MFAEligible > 0 {
		k.MFACoverage = float64(k.MFARegistered) / float64(k.MFAEligible)
	}
	if k.Purchased > 0 {
		k.Utilization = float64(k.Assigned) / float64(k.Purchased)
	}
	if HasMoney(k.Currency) {
		for _, p := range parts {
			k.MonthlySpend += p.MonthlySpend
			k.UnusedCost += p.UnusedCost
			k.ReclaimCost += p.ReclaimCost
		}
		k.MonthlySpend, k.UnusedCost, k.ReclaimCost = roundCents(k.MonthlySpend), roundCents(k.UnusedCost), roundCents(k.ReclaimCost)
		k.AnnualSpend = roundCents(k.MonthlySpend * 12)
		k.MonthlyWaste = roundCents(k.UnusedCost + k.ReclaimCost)
	}
	return k
}

// ClientData is one client's figures, built once: every synced tenant's
// dataset (the tenant builder's, unchanged), the totals over them
// (SumKPIs), the contacts merge and its findings.
type ClientData struct {
	Client   types.Client
	Tenants  []*Current     // synced tenants, by name
	Unsynced []types.Tenant // mapped tenants without a snapshot yet
	KPI      KPIs
	// DataDate is the oldest tenant snapshot's date (the totals are as
	// fresh as their stalest part).
	DataDate time.Time
	Contacts []types.PSAContact
	Merge    derive.MergeResult
	Findings []derive.Finding
	Rows     []ContactRow
	Notes    []string
}

// ContactRow is one merged record as the window, the CLI and the workbook
// show it.
type ContactRow struct {
	Match             string   `json:"match"` // matched | contact_only | account_only
	Email             string   `json:"email"`
	UserPrincipalName string   `json:"userPrincipalName"`
	ContactName       string   `json:"contactName"`
	ContactID         int64    `json:"contactId"`
	ContactPSAID      string   `json:"contactPsaId"`
	ContactActive     *bool    `json:"contactActive"`
	TenantID          string   `json:"tenantId"`
	TenantName        string   `json:"tenantName"`
	UserID            string   `json:"userId"`
	DisplayName       string   `json:"displayName"`
	Licenses          string   `json:"licenses"`
	MFAStatus         string   `json:"mfaStatus"`
	AccountEnabled    *bool    `json:"accountEnabled"`
	Deleted           bool     `json:"deleted"`
	Conflicts         []string `json:"conflicts"`
}

// MergeAccountOf is the merge's view of a synced user; ok is false for
// guests (other companies' people), whom the merge leaves out. Resource
// accounts (shared, room and equipment mailboxes) stay in: a PSA often has
// a contact for a shared mailbox ("Accounts Payable"), and whether an
// account is one is only known when the usage reports could be read.
// Deleted users stay in, so a contact whose account was deleted is
// reported as such.
func MergeAccountOf(tenantID string, u *types.User) (derive.MergeAccount, bool) {
	if strings.EqualFold(u.UserType, "Guest") {
		return derive.MergeAccount{}, false
	}
	return derive.AccountFromUser(tenantID, *u, u.ProxyAddresses), true
}

// MergeContactOf is the merge's view of a stored contact: active unless the
// PSA says inactive or it was missing from the latest export.
func MergeContactOf(c types.PSAContact) derive.MergeContact {
	return derive.MergeContact{ID: strconv.FormatInt(c.ID, 10), Name: c.Name(), Emails: c.Emails, Active: c.Active && !c.Gone}
}

// BuildClient computes a client's figures from its tenants' datasets and
// its contacts. It is pure: report versions call it with frozen inputs.
func BuildClient(c types.Client, tenants []*Current, unsynced []types.Tenant, contacts []types.PSAContact, from MergeFrom) *ClientData {
	d := &ClientData{Client: c, Tenants: tenants, Unsynced: unsynced, Contacts: contacts}
	sort.SliceStable(d.Tenants, func(i, j int) bool {
		return strings.ToLower(d.Tenants[i].Tenant.DisplayName) < strings.ToLower(d.Tenants[j].Tenant.DisplayName)
	})
	parts := make([]KPIs, 0, len(tenants))
	var accounts []derive.MergeAccount
	facts := map[string]*UserFacts{} // tenant|user -> facts
	names := map[string]string{}
	for _, cur := range d.Tenants {
		parts = append(parts, cur.Data.KPI)
		if d.DataDate.IsZero() || cur.Data.DataDate.Before(d.DataDate) {
			d.DataDate = cur.Data.DataDate
		}
		names[cur.Tenant.ID] = cur.Tenant.DisplayName
		for i := range cur.Data.Users {
			f := &cur.Data.Users[i]
			facts[cur.Tenant.ID+"|"+f.U.ID] = f
		}
		for i := range cur.Snap.Users {
			if a, ok := MergeAccountOf(cur.Tenant.ID, &cur.Snap.Users[i]); ok {
				accounts = append(accounts, a)
			}
		}
		for _, n := range cur.Data.Notes {
			d.Notes = append(d.Notes, cur.Tenant.DisplayName+": "+n)
		}
	}
	for _, t := range unsynced {
		d.Notes = append(d.Notes, t.DisplayName+": not synced yet, so it is not in the figures")
	}
	d.KPI = SumKPIs(parts)
	mcs := make([]derive.MergeContact, len(contacts))
	byID := make(map[string]*types.PSAContact, len(contacts))
	for i := range contacts {
		mcs[i] = MergeContactOf(contacts[i])
		byID[mcs[i].ID] = &contacts[i]
	}
	if from == MergeFromContacts {
		d.Merge = derive.BuildFromContacts(mcs, accounts)
	} else {
		d.Merge = derive.BuildFromAccounts(mcs, accounts)
	}
	d.Findings = derive.Findings(d.Merge)
	d.Rows = make([]ContactRow, 0, len(d.Merge.Rows))
	for _, r := range d.Merge.Rows {
		d.Rows = append(d.Rows, contactRow(r, byID, facts, names))
	}
	return d
}

func contactRow(r derive.MergeRow, byID map[string]*types.PSAContact, facts map[string]*UserFacts, names map[string]string) ContactRow {
	row := ContactRow{Match: string(r.Match), Email: r.Email, Conflicts: []string{}}
	if r.Contact != nil {
		row.ContactName = r.Contact.Name
		row.ContactID, _ = strconv.ParseInt(r.Contact.ID, 10, 64)
		if c := byID[r.Contact.ID]; c != nil {
			row.ContactPSAID = c.PSAID
		}
		active := r.Contact.Active
		row.ContactActive = &active
	}
	if a := r.Account; a != nil {
		row.UserPrincipalName, row.TenantID, row.TenantName = a.UPN, a.TenantID, names[a.TenantID]
		row.UserID, row.DisplayName, row.Deleted = a.ID, a.DisplayName, a.Deleted
		row.MFAStatus = string(a.MFAStatus)
		enabled := a.Enabled
		row.AccountEnabled = &enabled
		if f := facts[a.TenantID+"|"+a.ID]; f != nil {
			row.Licenses = f.LicenseNames
		}
	}
	for _, c := range r.Conflicts {
		row.Conflicts = append(row.Conflicts, string(c.Kind))
	}
	return row
}

// ErrNoClients is returned when the review service was built without a
// client source.
var ErrNoClients = errors.New("clients are not available here")

// ClientAt builds a client's figures from its tenants' current snapshots
// with today's prices, at an inactivity threshold (<= 0: Settings).
func (s *Service) ClientAt(ctx context.Context, clientID int64, days int, from MergeFrom) (*ClientData, error) {
	if s.Clients == nil {
		return nil, ErrNoClients
	}
	c, err := s.Clients.Client(ctx, clientID)
	if err != nil {
		return nil, err
	}
	var curs []*Current
	var unsynced []types.Tenant
	for _, id := range c.TenantIDs {
		t, err := s.Src.Tenant(ctx, id)
		if err != nil {
			return nil, err
		}
		cur, err := s.CurrentAt(ctx, t, days)
		if errors.Is(err, ErrNoSnapshot) {
			unsynced = append(unsynced, t)
			continue
		}
		if err != nil {
			return nil, err
		}
		curs = append(curs, cur)
	}
	contacts, err := s.Clients.Contacts(ctx, clientID)
	if err != nil {
		return nil, err
	}
	return BuildClient(c, curs, unsynced, contacts, from), nil
}

// ClientRow is a client's line in the clients list (`tenantlens clients`,
// the Clients page, the all-clients workbook).
type ClientRow struct {
	ID             int64    `json:"id"`
	Name           string   `json:"name"`
	Source         string   `json:"source"`
	TenantIDs      []string `json:"tenantIds"`
	Tenants        int      `json:"tenants"`
	Synced         int      `json:"synced"`
	Contacts       int      `json:"contacts"`
	Users          int      `json:"users"`
	Licensed       int      `json:"licensed"`
	MFARegistered  int      `json:"mfaRegistered"`
	MFAEligible    int      `json:"mfaEligible"`
	MFAAvailable   bool     `json:"mfaAvailable"`
	MFACoveragePct float64  `json:"mfaCoveragePct"`
	UnusedLicenses int      `json:"unusedLicenses"`
	MonthlySpend   float64  `json:"monthlySpend"`
	MonthlyWaste   float64  `json:"monthlyWaste"`
	Currency       string   `json:"currency"`
	Matched        int      `json:"matched"`
	ContactOnly    int      `json:"contactOnly"`
	AccountOnly    int      `json:"accountOnly"`
	Findings       int      `json:"findings"`
	DataDate       string   `json:"dataDate"`
}

// Row is the client's list line, from its figures.
func (d *ClientData) Row() ClientRow {
	k := d.KPI
	r := ClientRow{ID: d.Client.ID, Name: d.Client.Name, Source: string(d.Client.Source),
		TenantIDs: nonNil(d.Client.TenantIDs), Tenants: len(d.Client.TenantIDs), Synced: len(d.Tenants),
		Contacts: d.Client.Contacts, Users: k.Users, Licensed: k.Licensed, MFARegistered: k.MFARegistered,
		MFAEligible: k.MFAEligible, MFAAvailable: k.MFAAvailable, MFACoveragePct: Pct(k.MFARegistered, k.MFAEligible),
		UnusedLicenses: k.Unused, Currency: k.Currency, Findings: len(d.Findings),
		Matched: d.Merge.Count(derive.MatchMatched), ContactOnly: d.Merge.Count(derive.MatchContactOnly),
		AccountOnly: d.Merge.Count(derive.MatchAccountOnly)}
	if HasMoney(k.Currency) {
		r.MonthlySpend, r.MonthlyWaste = k.MonthlySpend, k.MonthlyWaste
	}
	if !d.DataDate.IsZero() {
		r.DataDate = rfcv(d.DataDate)
	}
	return r
}

// ClientRows builds every client's line, by name.
func (s *Service) ClientRows(ctx context.Context, days int) ([]ClientRow, error) {
	if s.Clients == nil {
		return nil, ErrNoClients
	}
	cs, err := s.Clients.Clients(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]ClientRow, 0, len(cs))
	for _, c := range cs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		d, err := s.ClientAt(ctx, c.ID, days, MergeFromAccounts)
		if err != nil {
			return nil, err
		}
		out = append(out, d.Row())
	}
	return out, nil
}
