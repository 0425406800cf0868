package review

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"tenantlens/backend/types"
)

// Overview row statuses, worst first.
const (
	StatusReconnect = "reconnect" // a tenant's sign-in is gone: reconnect it
	StatusNoAccess  = "no_access" // consent or access missing
	StatusFailed    = "failed"    // a tenant's last sync failed
	StatusNotSynced = "not_synced"
	StatusOK        = "ok"
)

// ClientOverviewRow is one line of the all-clients overview: a client
// (its figures are exactly its ClientRow's) or a tenant not mapped to any
// client yet (its TenantRow's).
type ClientOverviewRow struct {
	Kind           string   `json:"kind"` // client | tenant
	ClientID       int64    `json:"clientId"`
	TenantID       string   `json:"tenantId"`
	Name           string   `json:"name"`
	TenantIDs      []string `json:"tenantIds"`
	Tenants        int      `json:"tenants"`
	Synced         int      `json:"synced"`
	Users          int      `json:"users"`
	Licensed       int      `json:"licensed"`
	MFAAvailable   bool     `json:"mfaAvailable"`
	MFACoveragePct float64  `json:"mfaCoveragePct"`
	UnusedLicenses int      `json:"unusedLicenses"`
	// MonthlyWaste is in Currency (0 and not shown when "" or MIXED).
	MonthlyWaste float64 `json:"monthlyWaste"`
	Currency     string  `json:"currency"`
	LastSync     string  `json:"lastSync"` // newest last sync attempt of its tenants
	DataDate     string  `json:"dataDate"` // oldest current snapshot of its tenants
	// Status is the worst of its tenants' (reconnect, no_access, failed,
	// not_synced, ok); StatusDetail says which tenant and why.
	Status       string `json:"status"`
	StatusDetail string `json:"statusDetail"`
}

// Sort keys of the overview; SortWorst is the default.
const (
	SortWorst    = "worst"
	SortName     = "name"
	SortUsers    = "users"
	SortLicensed = "licensed"
	SortMFA      = "mfa"
	SortUnused   = "unused"
	SortWaste    = "waste"
	SortLastSync = "lastSync"
	SortStatus   = "status"
)

func statusRank(s string) int {
	switch s {
	case StatusReconnect:
		return 0
	case StatusNoAccess:
		return 1
	case StatusFailed:
		return 2
	case StatusNotSynced:
		return 3
	}
	return 4
}

// problem is the first tier of "worst problems first".
func problem(s string) bool {
	return s == StatusReconnect || s == StatusNoAccess || s == StatusFailed
}

// mfaKey is the coverage a sort compares: unknown coverage sorts as 101 so
// known gaps come first.
func mfaKey(r ClientOverviewRow) float64 {
	if !r.MFAAvailable {
		return 101
	}
	return r.MFACoveragePct
}

// WorstFirst is the overview's default order: rows with a sync problem
// (reconnect needed, no access, last sync failed) first; then the highest
// monthly waste (amounts compared as numbers whatever their currency; a
// MIXED or unpriced waste counts 0); then the lowest MFA coverage (unknown
// coverage after every known one); then the name.
func WorstFirst(a, b ClientOverviewRow) bool {
	if pa, pb := problem(a.Status), problem(b.Status); pa != pb {
		return pa
	}
	if a.MonthlyWaste != b.MonthlyWaste {
		return a.MonthlyWaste > b.MonthlyWaste
	}
	if ma, mb := mfaKey(a), mfaKey(b); ma != mb {
		return ma < mb
	}
	return nameLess(a, b)
}

func nameLess(a, b ClientOverviewRow) bool {
	if la, lb := strings.ToLower(a.Name), strings.ToLower(b.Name); la != lb {
		return la < lb
	}
	return a.TenantID < b.TenantID
}

// ErrSortKey is an unknown overview sort key.
var ErrSortKey = errors.New("unknown sort: use worst, name, users, licensed, mfa, unused, waste, lastSync or status")

// SortOverview orders rows by key ("" is SortWorst), descending when desc
// (SortWorst ignores desc); ties fall back to the name.
func SortOverview(rows []ClientOverviewRow, key string, desc bool) error {
	var less func(a, b ClientOverviewRow) int
	cmpInt := func(x, y int) int { return x - y }
	cmpF := func(x, y float64) int {
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	}
	switch key {
	case "", SortWorst:
		sort.SliceStable(rows, func(i, j int) bool { return WorstFirst(rows[i], rows[j]) })
		return nil
	case SortName:
		less = func(a, b ClientOverviewRow) int {
			return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
		}
	case SortUsers:
		less = func(a, b ClientOverviewRow) int { return cmpInt(a.Users, b.Users) }
	case SortLicensed:
		less = func(a, b ClientOverviewRow) int { return cmpInt(a.Licensed, b.Licensed) }
	case SortMFA:
		less = func(a, b ClientOverviewRow) int { return cmpF(mfaKey(a), mfaKey(b)) }
	case SortUnused:
		less = func(a, b ClientOverviewRow) int { return cmpInt(a.UnusedLicenses, b.UnusedLicenses) }
	case SortWaste:
		less = func(a, b ClientOverviewRow) int { return cmpF(a.MonthlyWaste, b.MonthlyWaste) }
	case SortLastSync:
		less = func(a, b ClientOverviewRow) int { return strings.Compare(a.LastSync, b.LastSync) }
	case SortStatus:
		less = func(a, b ClientOverviewRow) int { return cmpInt(statusRank(a.Status), statusRank(b.Status)) }
	default:
		return fmt.Errorf("%q: %w", key, ErrSortKey)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		c := less(rows[i], rows[j])
		if desc {
			c = -c
		}
		if c != 0 {
			return c < 0
		}
		return nameLess(rows[i], rows[j])
	})
	return nil
}

// tenantStatus is one tenant's overview status and why.
func tenantStatus(t types.Tenant) (string, string) {
	switch {
	case t.Access == types.AccessReconnect:
		return StatusReconnect, orText(t.AccessDetail, "the sign-in expired or was revoked: reconnect the tenant")
	case t.Access == types.AccessNeedsConsent || t.Access == types.AccessNoAccess:
		return StatusNoAccess, orText(t.AccessDetail, "TenantLens has no access: connect the tenant again")
	case t.LastSyncStatus == string(types.RunFailed) || t.LastSyncStatus == string(types.RunInterrupted):
		return StatusFailed, orText(t.LastError, "the last sync failed: sync again")
	case t.CurrentRunID == 0:
		return StatusNotSynced, "not synced yet: use Sync now"
	}
	return StatusOK, ""
}

// worstStatus is the worst status over tenants, with "Tenant: why".
func worstStatus(ts []types.Tenant) (string, string) {
	st, detail := StatusOK, ""
	if len(ts) == 0 {
		return StatusNotSynced, "no tenant is mapped to this client yet"
	}
	for _, t := range ts {
		s, d := tenantStatus(t)
		if statusRank(s) < statusRank(st) {
			st, detail = s, t.DisplayName+": "+d
		}
	}
	return st, detail
}

func lastSyncOf(ts []types.Tenant) string {
	out := ""
	for _, t := range ts {
		out = latest(out, RFC(t.LastSyncAt))
	}
	return out
}

// clientOverviewRow is a client's line: its ClientRow's figures, its
// tenants' worst status and newest sync.
func clientOverviewRow(d *ClientData) ClientOverviewRow {
	r := d.Row()
	ts := make([]types.Tenant, 0, len(d.Tenants)+len(d.Unsynced))
	for _, c := range d.Tenants {
		ts = append(ts, c.Tenant)
	}
	ts = append(ts, d.Unsynced...)
	o := ClientOverviewRow{Kind: "client", ClientID: r.ID, Name: r.Name, TenantIDs: r.TenantIDs, Tenants: r.Tenants,
		Synced: r.Synced, Users: r.Users, Licensed: r.Licensed, MFAAvailable: r.MFAAvailable,
		MFACoveragePct: r.MFACoveragePct, UnusedLicenses: r.UnusedLicenses, MonthlyWaste: r.MonthlyWaste,
		Currency: r.Currency, DataDate: r.DataDate, LastSync: lastSyncOf(ts)}
	o.Status, o.StatusDetail = worstStatus(ts)
	return o
}

// tenantOverviewRow is an unmapped tenant's line, from its TenantRow.
func tenantOverviewRow(t types.Tenant, r TenantRow) ClientOverviewRow {
	o := ClientOverviewRow{Kind: "tenant", TenantID: r.ID, Name: r.DisplayName, TenantIDs: []string{r.ID}, Tenants: 1,
		Users: r.Users, Licensed: r.Licensed, MFAAvailable: r.MFAAvailable, MFACoveragePct: r.MFACoveragePct,
		UnusedLicenses: r.UnusedLicenses, MonthlyWaste: r.MonthlyWaste, Currency: r.Currency,
		LastSync: r.LastSyncAt, DataDate: r.DataDate}
	if !r.MFAAvailable {
		o.MFACoveragePct = 0
	}
	if r.HasSnapshot {
		o.Synced = 1
	}
	o.Status, o.StatusDetail = worstStatus([]types.Tenant{t})
	return o
}

// ClientsOverview is the landing page over every client and every tenant
// not mapped yet, worst problems first, with what needs attention today.
type ClientsOverview struct {
	Rows      []ClientOverviewRow `json:"rows"`
	Sort      string              `json:"sort"`
	Attention Attention           `json:"attention"`
}

// ClientsOverview builds the overview's rows in the default order
// (WorstFirst) and the attention cards.
func (s *Service) ClientsOverview(ctx context.Context) (ClientsOverview, error) {
	rows, curs, owner, err := s.overviewRows(ctx)
	if err != nil {
		return ClientsOverview{}, err
	}
	att, err := s.attention(ctx, curs, owner)
	if err != nil {
		return ClientsOverview{}, err
	}
	return ClientsOverview{Rows: rows, Sort: SortWorst, Attention: att}, nil
}

// owners maps a tenant to its client.
type owners map[string]types.Client

func (s *Service) overviewRows(ctx context.Context) ([]ClientOverviewRow, map[string]*Current, owners, error) {
	owner := owners{}
	rows := []ClientOverviewRow{}
	curs := map[string]*Current{}
	if s.Clients != nil {
		cs, err := s.Clients.Clients(ctx)
		if err != nil {
			return nil, nil, nil, err
		}
		for _, c := range cs {
			if err := ctx.Err(); err != nil {
				return nil, nil, nil, err
			}
			d, err := s.ClientAt(ctx, c.ID, 0, MergeFromAccounts)
			if err != nil {
				return nil, nil, nil, err
			}
			for _, id := range c.TenantIDs {
				owner[id] = c
			}
			for _, cur := range d.Tenants {
				curs[cur.Tenant.ID] = cur
			}
			rows = append(rows, clientOverviewRow(d))
		}
	}
	ts, err := s.Src.Tenants(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	var unmapped []types.Tenant
	for _, t := range ts {
		if _, ok := owner[t.ID]; !ok {
			unmapped = append(unmapped, t)
		}
	}
	trs, data, err := s.Rows(ctx, unmapped)
	if err != nil {
		return nil, nil, nil, err
	}
	for i, t := range unmapped {
		rows = append(rows, tenantOverviewRow(t, trs[i]))
		if data[i] != nil {
			curs[t.ID] = data[i]
		}
	}
	// tenants of clients that have not synced still count for attention
	for _, t := range ts {
		if _, ok := curs[t.ID]; !ok {
			curs[t.ID] = &Current{Tenant: t}
		}
	}
	SortOverview(rows, SortWorst, false)
	return rows, curs, owner, nil
}
