package review

import (
	"context"
	"math"
	"sort"
	"time"

	"tenantlens/backend/types"
)

// QuarterDays is how far back "since last quarter" looks: the comparison
// snapshot is the latest stored run at or before now − 90 days.
const QuarterDays = 90

// QuarterChange is the change of a tenant's or a client's KPIs since last
// quarter: the latest stored run's metrics (run_metrics, the figures a
// run keeps) against the latest stored run at or before now − 90 days, per
// tenant. Both sides are the runs' KPIs by RunKPIs, so money uses today's
// price list on both sides (the cost change is seats, not prices). A
// client compares only the tenants that have a run that old on both
// sides; the others are named in Notes.
type QuarterChange struct {
	Scope    string `json:"scope"` // tenant | client
	TenantID string `json:"tenantId"`
	ClientID int64  `json:"clientId"`
	// Cutoff is now − 90 days (RFC 3339 UTC); Since is the date of the
	// comparison snapshot (the latest of a client's tenants'), Current the
	// date of the newest current run compared.
	Cutoff  string `json:"cutoff"`
	Since   string `json:"since"`
	Current string `json:"current"`
	// Tenants are the tenants compared; SinceRunIDs / CurrentRunIDs the
	// runs on each side, one per tenant, in the same order.
	Tenants       []string `json:"tenants"`
	SinceRunIDs   []int64  `json:"sinceRunIds"`
	CurrentRunIDs []int64  `json:"currentRunIds"`
	// Then and Now are the two sides' figures.
	Then TrendPoint `json:"then"`
	Now  TrendPoint `json:"now"`
	// The deltas (now − then). MFACoveragePct is in percentage points, nil
	// when either side's MFA was not readable; MonthlyCost is nil when
	// either side has no single priced currency or they differ.
	Users          int      `json:"users"`
	Licensed       int      `json:"licensed"`
	MFACoveragePct *float64 `json:"mfaCoveragePct,omitempty"`
	Unused         int      `json:"unused"`
	MonthlyCost    *float64 `json:"monthlyCost,omitempty"`
	Currency       string   `json:"currency"`
	Notes          []string `json:"notes"`
}

// QuarterCutoff is now − 90 days.
func QuarterCutoff(now time.Time) time.Time { return now.UTC().AddDate(0, 0, -QuarterDays) }

// quarterSides picks a tenant's two runs: the latest at or before cutoff
// and the current one (the run currentRunID when it has metrics, else the
// latest). ms is oldest first. ok is false when no run is that old or the
// only run that old is the current one.
func quarterSides(ms []types.Metrics, currentRunID int64, cutoff time.Time) (then, now types.Metrics, ok bool) {
	i := sort.Search(len(ms), func(k int) bool { return ms[k].At.After(cutoff) })
	if i == 0 || len(ms) == 0 {
		return then, now, false
	}
	then, now = ms[i-1], ms[len(ms)-1]
	if currentRunID != 0 {
		for _, m := range ms {
			if m.RunID == currentRunID {
				now = m
			}
		}
	}
	if now.RunID == then.RunID {
		return then, now, false
	}
	return then, now, true
}

// BuildQuarterChange compares each tenant's run at or before now − 90 days
// with its current run (current maps tenant ID to its current run ID; 0 or
// absent: the latest run), added up with SumKPIs. It is nil when no tenant
// has a run that old.
func BuildQuarterChange(hs []TenantHistory, current map[string]int64, now time.Time) *QuarterChange {
	cutoff := QuarterCutoff(now)
	var thenK, nowK []KPIs
	q := &QuarterChange{Cutoff: rfcv(cutoff), Tenants: []string{}, SinceRunIDs: []int64{}, CurrentRunIDs: []int64{}, Notes: []string{}}
	var since, cur time.Time
	for _, h := range hs {
		th, nw, ok := quarterSides(h.Metrics, current[h.TenantID], cutoff)
		if !ok {
			continue
		}
		thenK = append(thenK, RunKPIs(th, h.Prices))
		nowK = append(nowK, RunKPIs(nw, h.Prices))
		q.Tenants = append(q.Tenants, h.TenantID)
		q.SinceRunIDs = append(q.SinceRunIDs, th.RunID)
		q.CurrentRunIDs = append(q.CurrentRunIDs, nw.RunID)
		if th.At.After(since) {
			since = th.At
		}
		if nw.At.After(cur) {
			cur = nw.At
		}
	}
	if len(q.Tenants) == 0 {
		return nil
	}
	q.Since, q.Current = rfcv(since), rfcv(cur)
	q.Then, q.Now = pointOf(SumKPIs(thenK)), pointOf(SumKPIs(nowK))
	q.Then.Day, q.Then.At, q.Then.RunIDs, q.Then.Tenants = dayOf(since), rfcv(since), q.SinceRunIDs, len(q.Tenants)
	q.Now.Day, q.Now.At, q.Now.RunIDs, q.Now.Tenants = dayOf(cur), rfcv(cur), q.CurrentRunIDs, len(q.Tenants)
	q.Users = q.Now.Users - q.Then.Users
	q.Licensed = q.Now.Licensed - q.Then.Licensed
	q.Unused = q.Now.UnusedLicenses - q.Then.UnusedLicenses
	if q.Then.MFAAvailable && q.Now.MFAAvailable {
		d := math.Round((q.Now.MFACoveragePct-q.Then.MFACoveragePct)*10) / 10
		q.MFACoveragePct = &d
	}
	q.Currency = CurrencyOf(q.Then.Currency, q.Now.Currency)
	if HasMoney(q.Then.Currency) && HasMoney(q.Now.Currency) && q.Then.Currency == q.Now.Currency {
		d := roundCents(q.Now.MonthlyCost - q.Then.MonthlyCost)
		q.MonthlyCost = &d
	}
	q.Notes = append(q.Notes, "costs on both dates use today's price list")
	return q
}

// QuarterChangeAt is a tenant's (tenantID) or a client's (clientID) change
// since last quarter as of now; nil (and no error) when no stored run is
// 90 days old.
func (s *Service) QuarterChangeAt(ctx context.Context, tenantID string, clientID int64, now time.Time) (*QuarterChange, error) {
	if (tenantID == "") == (clientID == 0) {
		return nil, ErrCompareScope
	}
	h, err := s.history()
	if err != nil {
		return nil, err
	}
	ids := []string{tenantID}
	var names map[string]string
	if clientID != 0 {
		if s.Clients == nil {
			return nil, ErrNoClients
		}
		c, err := s.Clients.Client(ctx, clientID)
		if err != nil {
			return nil, err
		}
		ids, names = c.TenantIDs, map[string]string{}
	}
	var hs []TenantHistory
	current := map[string]int64{}
	for _, id := range ids {
		t, err := s.Src.Tenant(ctx, id)
		if err != nil {
			return nil, err
		}
		th, err := s.tenantHistory(ctx, h, t)
		if err != nil {
			return nil, err
		}
		hs = append(hs, th)
		current[id] = t.CurrentRunID
		if names != nil {
			names[id] = t.DisplayName
		}
	}
	q := BuildQuarterChange(hs, current, now)
	if q == nil {
		return nil, nil
	}
	q.Scope, q.TenantID, q.ClientID = "tenant", tenantID, clientID
	if clientID != 0 {
		q.Scope = "client"
		in := map[string]bool{}
		for _, id := range q.Tenants {
			in[id] = true
		}
		for _, id := range ids {
			if !in[id] {
				q.Notes = append(q.Notes, names[id]+": no sync 90 days ago, so it is not in the change")
			}
		}
	}
	return q, nil
}
