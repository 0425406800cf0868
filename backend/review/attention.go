package review

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"tenantlens/backend/fault"
	"tenantlens/backend/types"
)

// AttentionItem is one thing to look at today, about one tenant.
type AttentionItem struct {
	Kind       string `json:"kind"` // failed | reconnect | over-assigned | suspended | warning | mfa-dropped
	TenantID   string `json:"tenantId"`
	TenantName string `json:"tenantName"`
	ClientID   int64  `json:"clientId"` // 0: not mapped to a client
	ClientName string `json:"clientName"`
	Detail     string `json:"detail"`
	Remedy     string `json:"remedy"`
	At         string `json:"at"` // when it happened (RFC 3339)
	// Licence cards: the SKU and its counts.
	SkuID     string `json:"skuId"`
	SkuName   string `json:"skuName"`
	Assigned  int    `json:"assigned"`
	Purchased int    `json:"purchased"`
	// MFA card: coverage at the previous and the latest sync.
	FromPct float64 `json:"fromPct"`
	ToPct   float64 `json:"toPct"`
}

// Attention are the overview's cards: failed syncs, tenants whose sign-in
// needs reconnecting, licences over-assigned (assigned > purchased) or
// with suspended/warning seats, and MFA coverage that dropped from the
// previous successful sync to the latest one (MetricsHistory).
type Attention struct {
	FailedSyncs []AttentionItem `json:"failedSyncs"`
	Reconnect   []AttentionItem `json:"reconnect"`
	Licences    []AttentionItem `json:"licences"`
	MFADropped  []AttentionItem `json:"mfaDropped"`
	Total       int             `json:"total"`
}

// Attention builds the overview's cards alone.
func (s *Service) Attention(ctx context.Context) (Attention, error) {
	_, curs, owner, err := s.overviewRows(ctx)
	if err != nil {
		return Attention{}, err
	}
	return s.attention(ctx, curs, owner)
}

func (s *Service) attention(ctx context.Context, curs map[string]*Current, owner owners) (Attention, error) {
	a := Attention{FailedSyncs: []AttentionItem{}, Reconnect: []AttentionItem{}, Licences: []AttentionItem{}, MFADropped: []AttentionItem{}}
	h, hErr := s.history()
	ids := make([]string, 0, len(curs))
	for id := range curs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		cur := curs[id]
		t := cur.Tenant
		item := func(kind, detail, remedy, at string) AttentionItem {
			it := AttentionItem{Kind: kind, TenantID: t.ID, TenantName: t.DisplayName, Detail: detail, Remedy: remedy, At: at}
			if c, ok := owner[t.ID]; ok {
				it.ClientID, it.ClientName = c.ID, c.Name
			}
			return it
		}
		switch st, detail := tenantStatus(t); st {
		case StatusReconnect:
			a.Reconnect = append(a.Reconnect, item("reconnect", detail, fault.Remedy(fault.Reconnect), RFC(t.LastSyncAt)))
		case StatusFailed:
			a.FailedSyncs = append(a.FailedSyncs, item("failed", detail, "Open the tenant's sync log, fix the cause it names, then sync again.", RFC(t.LastSyncAt)))
		}
		if cur.Data != nil {
			for _, l := range cur.Data.Licenses {
				flag := licenseFlag(l)
				if flag == "" {
					continue
				}
				var d string
				switch flag {
				case "over-assigned":
					d = fmt.Sprintf("%s: %d assigned, %d purchased", l.Name, l.Assigned, l.Purchased)
				case "suspended":
					d = fmt.Sprintf("%s: %d suspended seats (status %s)", l.Name, l.Suspended, l.Status)
				default:
					d = fmt.Sprintf("%s: %d seats in warning (status %s)", l.Name, l.Warning, l.Status)
				}
				it := item(flag, d, licenceRemedy(flag), rfcv(cur.Data.DataDate))
				it.SkuID, it.SkuName, it.Assigned, it.Purchased = l.SkuID, l.Name, l.Assigned, l.Purchased
				a.Licences = append(a.Licences, it)
			}
		}
		if hErr != nil {
			continue
		}
		ms, err := h.MetricsHistory(ctx, t.ID)
		if err != nil {
			return Attention{}, err
		}
		if prev, last, ok := MFADrop(ms); ok {
			it := item("mfa-dropped", fmt.Sprintf("MFA coverage fell from %.1f%% to %.1f%% since the previous sync", Pct(prev.MFARegistered, prev.MFAEligible), Pct(last.MFARegistered, last.MFAEligible)),
				"Open the MFA page: the users without MFA are listed first; ask them to register.", rfcv(last.At))
			it.FromPct, it.ToPct = Pct(prev.MFARegistered, prev.MFAEligible), Pct(last.MFARegistered, last.MFAEligible)
			a.MFADropped = append(a.MFADropped, it)
		}
	}
	byName := func(xs []AttentionItem) {
		sort.SliceStable(xs, func(i, j int) bool {
			return strings.ToLower(xs[i].TenantName) < strings.ToLower(xs[j].TenantName)
		})
	}
	byName(a.FailedSyncs)
	byName(a.Reconnect)
	byName(a.Licences)
	byName(a.MFADropped)
	a.Total = len(a.FailedSyncs) + len(a.Reconnect) + len(a.Licences) + len(a.MFADropped)
	return a, nil
}

// MFADrop compares the latest two stored runs (oldest first) that could
// read MFA registration: ok when coverage (one decimal) fell.
func MFADrop(ms []types.Metrics) (prev, last types.Metrics, ok bool) {
	var known []types.Metrics
	for _, m := range ms {
		if m.MFAEligible > 0 {
			known = append(known, m)
		}
	}
	if len(known) < 2 || ms[len(ms)-1].RunID != known[len(known)-1].RunID {
		return prev, last, false
	}
	prev, last = known[len(known)-2], known[len(known)-1]
	return prev, last, Pct(last.MFARegistered, last.MFAEligible) < Pct(prev.MFARegistered, prev.MFAEligible)
}

func licenceRemedy(flag string) string {
	switch flag {
	case "over-assigned":
		return "Buy the missing licences or remove them from users who do not need them (Licenses › Reclaim)."
	case "suspended":
		return "Renew or reactivate the subscription in the Microsoft 365 admin center before its data is removed."
	}
	return "The subscription expires soon or its payment failed: renew it in the Microsoft 365 admin center."
}
