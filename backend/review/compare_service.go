package review

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"tenantlens/backend/types"
)

// ComparePair is one tenant's two snapshots and the licence names and
// prices its comparison uses.
type ComparePair struct {
	From, To *types.Snapshot
	SKUs     []types.VersionSKU
}

// BuildClientComparison adds up its tenants' comparisons (CompareSnapshots
// each): the lists side by side, the totals over all, one currency rule.
func BuildClientComparison(c types.Client, pairs []ComparePair) *Comparison {
	out := newComparison("client")
	out.ClientID, out.Name = c.ID, c.Name
	for _, p := range pairs {
		out.addTenant(p.From, p.To, p.SKUs)
		out.Sides = append(out.Sides, sideOf(p.From, p.To))
	}
	out.finish()
	return out
}

func sideOf(from, to *types.Snapshot) CompareSide {
	return CompareSide{TenantID: to.TenantID, TenantName: to.TenantName, FromRunID: from.Run.ID,
		FromDate: rfcv(SnapshotDate(from)), ToRunID: to.Run.ID, ToDate: rfcv(SnapshotDate(to))}
}

// CompareQuery names what to compare: a tenant (by run IDs, or by dates)
// or a client (by dates). From/To are YYYY-MM-DD or RFC 3339 (ParseAt); a
// date picks the latest kept snapshot at or before it. An empty To (and
// ToRunID 0) is the current snapshot.
type CompareQuery struct {
	TenantID  string `json:"tenantId"`
	ClientID  int64  `json:"clientId"`
	From      string `json:"from"`
	To        string `json:"to"`
	FromRunID int64  `json:"fromRunId"`
	ToRunID   int64  `json:"toRunId"`
}

// pick resolves one side of a tenant's comparison.
func (s *Service) pick(snaps []StoredSnapshot, runID int64, date string, current int64) (StoredSnapshot, error) {
	switch {
	case runID != 0:
		for _, sn := range snaps {
			if sn.RunID == runID {
				return sn, nil
			}
		}
		return StoredSnapshot{}, fmt.Errorf("run %d has no stored snapshot (failed, or removed by retention): pick one of the listed dates", runID)
	case strings.TrimSpace(date) != "":
		at, err := ParseAt(date)
		if err != nil {
			return StoredSnapshot{}, err
		}
		sn, ok := snapshotAt(snaps, at)
		if !ok {
			return StoredSnapshot{}, fmt.Errorf("%s: %w", strings.TrimSpace(date), ErrNoSnapshotAt)
		}
		return sn, nil
	}
	for _, sn := range snaps {
		if sn.RunID == current {
			return sn, nil
		}
	}
	if len(snaps) > 0 {
		return snaps[0], nil
	}
	return StoredSnapshot{}, ErrNoSnapshot
}

// comparePair reads a tenant's two snapshots and today's prices.
func (s *Service) comparePair(ctx context.Context, from, to StoredSnapshot) (ComparePair, error) {
	a, err := s.snapshot(ctx, from.RunID)
	if err != nil {
		return ComparePair{}, err
	}
	b, err := s.snapshot(ctx, to.RunID)
	if err != nil {
		return ComparePair{}, err
	}
	prices, err := s.Src.EffectivePrices(ctx, b.TenantID)
	if err != nil {
		return ComparePair{}, err
	}
	both := &types.Snapshot{SKUs: append(append([]types.SKU{}, a.SKUs...), b.SKUs...)}
	return ComparePair{From: a, To: b, SKUs: FreezeSKUs(both, prices, s.Names)}, nil
}

// ErrCompareScope is a compare naming neither or both a tenant and a client.
var ErrCompareScope = errors.New("compare a tenant or a client: give exactly one")

// Compare is what changed between two stored snapshots of a tenant, or of
// a client's tenants at two dates. Licence costs use today's price list
// (monthly, in the currency rule's one currency).
func (s *Service) Compare(ctx context.Context, q CompareQuery) (*Comparison, error) {
	switch {
	case (q.TenantID == "") == (q.ClientID == 0):
		return nil, ErrCompareScope
	case q.TenantID != "":
		return s.compareTenant(ctx, q)
	}
	return s.compareClient(ctx, q)
}

func (s *Service) compareTenant(ctx context.Context, q CompareQuery) (*Comparison, error) {
	t, err := s.Src.Tenant(ctx, q.TenantID)
	if err != nil {
		return nil, err
	}
	snaps, err := s.StoredSnapshots(ctx, t.ID)
	if err != nil {
		return nil, err
	}
	if len(snaps) == 0 {
		return nil, ErrNoSnapshot
	}
	if q.FromRunID == 0 && strings.TrimSpace(q.From) == "" {
		return nil, errors.New("give the earlier date to compare from (YYYY-MM-DD or a stored snapshot)")
	}
	from, err := s.pick(snaps, q.FromRunID, q.From, 0)
	if err != nil {
		return nil, err
	}
	to, err := s.pick(snaps, q.ToRunID, q.To, t.CurrentRunID)
	if err != nil {
		return nil, err
	}
	if from.at.After(to.at) {
		from, to = to, from
	}
	p, err := s.comparePair(ctx, from, to)
	if err != nil {
		return nil, err
	}
	c := CompareSnapshots(p.From, p.To, p.SKUs)
	c.TenantID, c.Name = t.ID, t.DisplayName
	c.From, c.To = orText(q.From, from.Date), orText(q.To, to.Date)
	c.Sides = []CompareSide{sideOf(p.From, p.To)}
	if from.RunID == to.RunID {
		c.Notes = append(c.Notes, "both dates fall on the same stored snapshot ("+from.Date+"), so nothing changed between them")
	}
	return c, nil
}

func (s *Service) compareClient(ctx context.Context, q CompareQuery) (*Comparison, error) {
	if s.Clients == nil {
		return nil, ErrNoClients
	}
	cl, err := s.Clients.Client(ctx, q.ClientID)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(q.From) == "" {
		return nil, errors.New("give the earlier date to compare from (YYYY-MM-DD)")
	}
	fromAt, err := ParseAt(q.From)
	if err != nil {
		return nil, err
	}
	toAt := time.Now().UTC()
	if strings.TrimSpace(q.To) != "" {
		if toAt, err = ParseAt(q.To); err != nil {
			return nil, err
		}
	}
	if fromAt.After(toAt) {
		fromAt, toAt = toAt, fromAt
	}
	var pairs []ComparePair
	var notes []string
	for _, id := range cl.TenantIDs {
		t, err := s.Src.Tenant(ctx, id)
		if err != nil {
			return nil, err
		}
		snaps, err := s.StoredSnapshots(ctx, id)
		if err != nil {
			return nil, err
		}
		from, okFrom := snapshotAt(snaps, fromAt)
		to, okTo := snapshotAt(snaps, toAt)
		switch {
		case !okTo:
			notes = append(notes, t.DisplayName+": no stored snapshot at or before "+dayOf(toAt)+"; not compared")
			continue
		case !okFrom:
			notes = append(notes, t.DisplayName+": no stored snapshot at or before "+dayOf(fromAt)+" (first synced later); not compared")
			continue
		}
		p, err := s.comparePair(ctx, from, to)
		if err != nil {
			return nil, err
		}
		pairs = append(pairs, p)
	}
	c := BuildClientComparison(cl, pairs)
	c.From, c.To = q.From, orText(q.To, rfcv(toAt))
	c.Notes = append(notes, c.Notes...)
	return c, nil
}

// CompareChoices are the stored snapshots a compare can pick from: a
// tenant's (newest first), and the distinct UTC days with any of them
// (for a client, over its tenants).
type CompareChoices struct {
	Snapshots []StoredSnapshot `json:"snapshots"`
	Days      []string         `json:"days"` // newest first
}

// CompareChoicesOf lists the stored snapshots of a tenant or of a client's
// tenants.
func (s *Service) CompareChoicesOf(ctx context.Context, tenantID string, clientID int64) (CompareChoices, error) {
	ids := []string{tenantID}
	switch {
	case (tenantID == "") == (clientID == 0):
		return CompareChoices{}, ErrCompareScope
	case clientID != 0:
		if s.Clients == nil {
			return CompareChoices{}, ErrNoClients
		}
		c, err := s.Clients.Client(ctx, clientID)
		if err != nil {
			return CompareChoices{}, err
		}
		ids = c.TenantIDs
	}
	out := CompareChoices{Snapshots: []StoredSnapshot{}, Days: []string{}}
	seen := map[string]bool{}
	for _, id := range ids {
		snaps, err := s.StoredSnapshots(ctx, id)
		if err != nil {
			return CompareChoices{}, err
		}
		out.Snapshots = append(out.Snapshots, snaps...)
		for _, sn := range snaps {
			if !seen[sn.Day] {
				seen[sn.Day] = true
				out.Days = append(out.Days, sn.Day)
			}
		}
	}
	sort.SliceStable(out.Snapshots, func(i, j int) bool { return out.Snapshots[i].at.After(out.Snapshots[j].at) })
	sort.Sort(sort.Reverse(sort.StringSlice(out.Days)))
	return out, nil
}
