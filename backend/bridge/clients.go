package bridge

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"tenantlens/backend/derive"
	"tenantlens/backend/review"
	"tenantlens/backend/services"
	"tenantlens/backend/store"
	"tenantlens/backend/types"
)

// The clients read models are review's (the CLI prints the same ones).
type (
	ClientRow         = review.ClientRow
	ContactRow        = review.ContactRow
	MappingView       = review.MappingView
	MappingRow        = review.MappingRow
	MappingSuggestion = review.MappingSuggestion
	AutoMapResult     = services.AutoMapResult
)

// Clients is the Clients page, the contacts import wizard and the tenant
// mapping page. Every figure comes from review (ClientRows, ClientAt,
// Mapping); the window computes none.
type Clients struct {
	base
	openDialog OpenDialogFunc
	saveDialog func(defaultName, title string) (string, error)
}

// OpenDialogFunc asks for a file to open ("" when cancelled). pattern is a
// semicolon-separated list of globs ("*.csv;*.txt") described by label.
type OpenDialogFunc func(title, label, pattern string) (string, error)

// ClientRef names a client.
type ClientRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// ClientKPIs are a client's totals over its synced tenants (review.SumKPIs).
type ClientKPIs struct {
	Users            int     `json:"users"`
	Licensed         int     `json:"licensed"`
	Guests           int     `json:"guests"`
	Disabled         int     `json:"disabled"`
	MFARegistered    int     `json:"mfaRegistered"`
	MFAEligible      int     `json:"mfaEligible"`
	MFAAvailable     bool    `json:"mfaAvailable"`
	MFACoveragePct   float64 `json:"mfaCoveragePct"`
	Purchased        int     `json:"purchased"`
	Assigned         int     `json:"assigned"`
	Unused           int     `json:"unused"`
	UtilizationPct   float64 `json:"utilizationPct"`
	MonthlySpend     float64 `json:"monthlySpend"`
	AnnualSpend      float64 `json:"annualSpend"`
	MonthlyWaste     float64 `json:"monthlyWaste"`
	HasMoney         bool    `json:"hasMoney"`
	Currency         string  `json:"currency"`
	Inactive         int     `json:"inactive"` // -1: no tenant could tell
	InactiveLicensed int     `json:"inactiveLicensed"`
	InactiveDays     int     `json:"inactiveDays"`
}

// ClientTenantRow is one of a client's tenants with its own figures.
type ClientTenantRow struct {
	TenantID       string  `json:"tenantId"`
	TenantName     string  `json:"tenantName"`
	DefaultDomain  string  `json:"defaultDomain"`
	Synced         bool    `json:"synced"`
	DataDate       string  `json:"dataDate"`
	Users          int     `json:"users"`
	Licensed       int     `json:"licensed"`
	MFAAvailable   bool    `json:"mfaAvailable"`
	MFACoveragePct float64 `json:"mfaCoveragePct"`
	UnusedLicenses int     `json:"unusedLicenses"`
	MonthlySpend   float64 `json:"monthlySpend"`
	MonthlyWaste   float64 `json:"monthlyWaste"`
	HasMoney       bool    `json:"hasMoney"`
	Currency       string  `json:"currency"`
	// SecureScore is the tenant's stored Secure Score and its trend.
	SecureScore review.SecureScoreView `json:"secureScore"`
}

// FindingRow is one reconciliation finding of a client.
type FindingRow struct {
	Kind       string `json:"kind"`
	Label      string `json:"label"`
	Sentence   string `json:"sentence"`
	ContactID  string `json:"contactId"`
	AccountID  string `json:"accountId"`
	TenantID   string `json:"tenantId"`
	TenantName string `json:"tenantName"`
}

// ClientDetail is one client's page: its line, totals, tenants, the
// contacts merge and its findings.
type ClientDetail struct {
	Client     ClientRow         `json:"client"`
	Website    string            `json:"website"`
	Identifier string            `json:"identifier"`
	PSAID      string            `json:"psaId"`
	MergeFrom  string            `json:"mergeFrom"` // accounts | contacts
	KPIs       ClientKPIs        `json:"kpis"`
	Tenants    []ClientTenantRow `json:"tenants"`
	Rows       []ContactRow      `json:"rows"`
	Findings   []FindingRow      `json:"findings"`
	Notes      []string          `json:"notes"`
}

// MapPair asks to put a tenant under a client.
type MapPair struct {
	TenantID string `json:"tenantId"`
	ClientID int64  `json:"clientId"`
}

// MapFailure is a tenant Map Selected could not map, and why.
type MapFailure struct {
	TenantID string `json:"tenantId"`
	Error    string `json:"error"`
}

// MapSelectedResult is what Map Selected did.
type MapSelectedResult struct {
	Mapped int          `json:"mapped"`
	Failed []MapFailure `json:"failed"`
}

// ClientExportInput asks for a client's workbook; OutPath "" opens a save
// dialog.
type ClientExportInput struct {
	ClientID int64  `json:"clientId"`
	Template string `json:"template"` // template name ("" = the default)
	Format   string `json:"format"`   // xlsx | csv | html ("" = xlsx)
	OutPath  string `json:"outPath"`
}

var findingLabels = map[derive.FindingKind]string{
	derive.FindingLicensedNoContact:        "Licensed account without contact",
	derive.FindingContactAccountDeleted:    "Contact's account deleted",
	derive.FindingContactAccountDisabled:   "Contact's account disabled",
	derive.FindingContactAccountUnlicensed: "Contact's account unlicensed",
	derive.FindingContactNoAccount:         "Contact without account",
	derive.FindingInactiveContactActive:    "Inactive contact, enabled account",
	derive.FindingSharedMailbox:            "Several contacts, one account",
	derive.FindingSeveralAccounts:          "One contact, several accounts",
}

// clientErr gives a store error its remedy.
func clientErr(err error, id int64) error {
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("client %d no longer exists: reload the Clients page", id)
	}
	if errors.Is(err, review.ErrNoClients) {
		return errors.New("clients are not available in this window: restart TenantLens")
	}
	return err
}

// List is every client's line, by name (the Clients page).
func (c *Clients) List() ([]ClientRow, error) {
	svc, err := c.svc()
	if err != nil {
		return nil, err
	}
	rows, err := c.review(svc).ClientRows(c.context(), 0)
	if err != nil {
		return nil, clientErr(err, 0)
	}
	return rows, nil
}

// Refs lists every client's id and name (the mapping page's client picker).
func (c *Clients) Refs() ([]ClientRef, error) {
	svc, err := c.svc()
	if err != nil {
		return nil, err
	}
	cs, err := svc.Store.Clients(c.context())
	if err != nil {
		return nil, err
	}
	out := make([]ClientRef, 0, len(cs))
	for _, x := range cs {
		out = append(out, ClientRef{ID: x.ID, Name: x.Name})
	}
	return out, nil
}

func mergeFromOf(from string) (review.MergeFrom, error) {
	switch from {
	case "", string(review.MergeFromAccounts):
		return review.MergeFromAccounts, nil
	case string(review.MergeFromContacts):
		return review.MergeFromContacts, nil
	}
	return "", fmt.Errorf("unknown merge direction %q: choose accounts or contacts", from)
}

// Detail is one client's page; from is the merge direction ("" or
// "accounts": build from Microsoft 365; "contacts": from the PSA's
// contacts). Every figure is review.ClientAt's.
func (c *Clients) Detail(clientID int64, from string) (ClientDetail, error) {
	svc, err := c.svc()
	if err != nil {
		return ClientDetail{}, err
	}
	mf, err := mergeFromOf(from)
	if err != nil {
		return ClientDetail{}, err
	}
	d, err := c.review(svc).ClientAt(c.context(), clientID, 0, mf)
	if err != nil {
		return ClientDetail{}, clientErr(err, clientID)
	}
	out, rv := detailOf(d, mf), c.review(svc)
	for i := range out.Tenants {
		out.Tenants[i].SecureScore = rv.SecureScoreOf(c.context(), out.Tenants[i].TenantID)
	}
	return out, nil
}

func pct(f float64) float64 { return math.Round(f*1000) / 10 }

func kpisOf(k review.KPIs) ClientKPIs {
	out := ClientKPIs{Users: k.Users, Licensed: k.Licensed, Guests: k.Guests, Disabled: k.Disabled,
		MFARegistered: k.MFARegistered, MFAEligible: k.MFAEligible, MFAAvailable: k.MFAAvailable,
		MFACoveragePct: review.Pct(k.MFARegistered, k.MFAEligible), Purchased: k.Purchased, Assigned: k.Assigned,
		Unused: k.Unused, UtilizationPct: pct(k.Utilization), Currency: k.Currency, HasMoney: review.HasMoney(k.Currency),
		Inactive: k.Inactive, InactiveLicensed: k.InactiveLicensed, InactiveDays: k.InactiveDays}
	if out.HasMoney {
		out.MonthlySpend, out.AnnualSpend, out.MonthlyWaste = k.MonthlySpend, k.AnnualSpend, k.MonthlyWaste
	}
	return out
}

func detailOf(d *review.ClientData, mf review.MergeFrom) ClientDetail {
	out := ClientDetail{Client: d.Row(), Website: d.Client.Website, Identifier: d.Client.Identifier, PSAID: d.Client.PSAID,
		MergeFrom: string(mf), KPIs: kpisOf(d.KPI), Tenants: []ClientTenantRow{}, Rows: d.Rows, Findings: []FindingRow{},
		Notes: nonNil(d.Notes)}
	if out.Rows == nil {
		out.Rows = []ContactRow{}
	}
	names := map[string]string{}
	for _, cur := range d.Tenants {
		k := cur.Data.KPI
		r := ClientTenantRow{TenantID: cur.Tenant.ID, TenantName: cur.Tenant.DisplayName, DefaultDomain: cur.Tenant.DefaultDomain,
			Synced: true, DataDate: rfcv(cur.Data.DataDate), Users: k.Users, Licensed: k.Licensed, MFAAvailable: k.MFAAvailable,
			MFACoveragePct: review.Pct(k.MFARegistered, k.MFAEligible), UnusedLicenses: k.Unused, Currency: k.Currency}
		if r.HasMoney = review.HasMoney(k.Currency); r.HasMoney {
			r.MonthlySpend, r.MonthlyWaste = k.MonthlySpend, k.MonthlyWaste
		}
		names[cur.Tenant.ID] = cur.Tenant.DisplayName
		out.Tenants = append(out.Tenants, r)
	}
	for _, t := range d.Unsynced {
		out.Tenants = append(out.Tenants, ClientTenantRow{TenantID: t.ID, TenantName: t.DisplayName, DefaultDomain: t.DefaultDomain})
	}
	for _, f := range d.Findings {
		label := findingLabels[f.Kind]
		if label == "" {
			label = strings.ReplaceAll(string(f.Kind), "_", " ")
		}
		out.Findings = append(out.Findings, FindingRow{Kind: string(f.Kind), Label: label, Sentence: f.Sentence,
			ContactID: f.ContactID, AccountID: f.AccountID, TenantID: f.TenantID, TenantName: names[f.TenantID]})
	}
	return out
}

// Create makes a client by hand.
func (c *Clients) Create(name string) (ClientRef, error) {
	svc, err := c.svc()
	if err != nil {
		return ClientRef{}, err
	}
	cl, err := svc.Store.CreateClient(c.context(), types.Client{Name: name, Source: types.SourceManual})
	if err != nil {
		return ClientRef{}, err
	}
	return ClientRef{ID: cl.ID, Name: cl.Name}, nil
}

// Rename renames a client.
func (c *Clients) Rename(clientID int64, name string) error {
	svc, err := c.svc()
	if err != nil {
		return err
	}
	return clientErr(svc.Store.RenameClient(c.context(), clientID, name), clientID)
}

// Merge moves every tenant, contact and report of client from into client
// into, then deletes from.
func (c *Clients) Merge(into, from int64) error {
	svc, err := c.svc()
	if err != nil {
		return err
	}
	if err := svc.Store.MergeClients(c.context(), into, from); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return errors.New("one of the two clients no longer exists: reload the Clients page and pick again")
		}
		return err
	}
	return nil
}

// Delete removes a client: its tenants become unmapped, its contacts stay
// (unattached) and its reports go.
func (c *Clients) Delete(clientID int64) error {
	svc, err := c.svc()
	if err != nil {
		return err
	}
	return clientErr(svc.Store.DeleteClient(c.context(), clientID), clientID)
}

func checkThreshold(t float64) error {
	if math.IsNaN(t) || t < 0 || t > 1 {
		return errors.New("the minimum confidence is between 0 and 1 (for example 0.8); 0 uses the default")
	}
	return nil
}

// Mapping is the mapping page at an auto-map threshold (0: the default):
// every tenant, Total / Mapped / Unmapped, suggestions with reasons.
func (c *Clients) Mapping(threshold float64) (MappingView, error) {
	svc, err := c.svc()
	if err != nil {
		return MappingView{}, err
	}
	if err := checkThreshold(threshold); err != nil {
		return MappingView{}, err
	}
	v, err := c.review(svc).Mapping(c.context(), threshold)
	if err != nil {
		return MappingView{}, clientErr(err, 0)
	}
	if v.Tenants == nil {
		v.Tenants = []MappingRow{}
	}
	return v, nil
}

func mapErr(err error, tenantID string, clientID int64) error {
	if errors.Is(err, store.ErrNotFound) {
		if strings.HasPrefix(err.Error(), "tenant ") {
			return fmt.Errorf("tenant %s is no longer connected: reload the mapping page", tenantID)
		}
		return clientErr(err, clientID)
	}
	return err
}

// Map puts a tenant under a client by hand.
func (c *Clients) Map(tenantID string, clientID int64) error {
	svc, err := c.svc()
	if err != nil {
		return err
	}
	if tenantID == "" || clientID <= 0 {
		return errors.New("pick a tenant and a client to map it to")
	}
	return mapErr(svc.MapTenant(c.context(), tenantID, clientID), tenantID, clientID)
}

// MapSelected maps each tenant to its client; the ones that fail are
// listed with the reason, the others stay mapped.
func (c *Clients) MapSelected(pairs []MapPair) (MapSelectedResult, error) {
	svc, err := c.svc()
	if err != nil {
		return MapSelectedResult{}, err
	}
	res := MapSelectedResult{Failed: []MapFailure{}}
	for _, p := range pairs {
		if err := c.context().Err(); err != nil {
			return res, err
		}
		if p.TenantID == "" || p.ClientID <= 0 {
			res.Failed = append(res.Failed, MapFailure{TenantID: p.TenantID, Error: "no client to map it to: pick one by hand"})
			continue
		}
		if err := mapErr(svc.MapTenant(c.context(), p.TenantID, p.ClientID), p.TenantID, p.ClientID); err != nil {
			res.Failed = append(res.Failed, MapFailure{TenantID: p.TenantID, Error: err.Error()})
			continue
		}
		res.Mapped++
	}
	return res, nil
}

// Unmap removes a tenant's client (it keeps syncing).
func (c *Clients) Unmap(tenantID string) error {
	svc, err := c.svc()
	if err != nil {
		return err
	}
	return svc.Store.UnmapTenant(c.context(), tenantID)
}

// AutoMap maps every unmapped tenant whose best suggestion reaches the
// threshold (0: the default) and leads the runner-up; the others are
// listed with the reason they were left for the user.
func (c *Clients) AutoMap(threshold float64) ([]AutoMapResult, error) {
	svc, err := c.svc()
	if err != nil {
		return nil, err
	}
	if err := checkThreshold(threshold); err != nil {
		return nil, err
	}
	out, err := svc.AutoMap(c.context(), threshold)
	if err != nil {
		return nil, clientErr(err, 0)
	}
	if out == nil {
		out = []AutoMapResult{}
	}
	return out, nil
}

// clientFileName is a file name for a client's export.
func clientFileName(ctx context.Context, svc *services.Services, id int64, format string) string {
	name := "Client review." + format
	if cl, err := svc.Store.Client(ctx, id); err == nil {
		if n := strings.TrimSpace(unsafeName.ReplaceAllString(cl.Name, " ")); n != "" {
			name = n + " review." + format
		}
	}
	return name
}
