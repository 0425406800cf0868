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

// History is where review reads a tenant's stored runs and per-run metrics
// (*store.Store is one). The Service's Src must implement it for trends,
// compare, the clients overview's attention cards and connectivity.
type History interface {
	Runs(ctx context.Context, tenantID string, limit int) ([]types.RunInfo, error)
	MetricsHistory(ctx context.Context, tenantID string) ([]types.Metrics, error)
}

// ErrNoHistory is returned when the service's source keeps no run history.
var ErrNoHistory = errors.New("the stored sync history is not available here")

func (s *Service) history() (History, error) {
	h, ok := s.Src.(History)
	if !ok {
		return nil, ErrNoHistory
	}
	return h, nil
}

// StoredSnapshot is a run whose snapshot is kept (succeeded, not pruned by
// retention): one date a compare can pick.
type StoredSnapshot struct {
	RunID    int64  `json:"runId"`
	TenantID string `json:"tenantId"`
	// Date is when the snapshot was taken (the run's end, RFC 3339 UTC);
	// Day its UTC calendar day (YYYY-MM-DD).
	Date    string `json:"date"`
	Day     string `json:"day"`
	Kept    string `json:"kept"`    // retention tier: "" | weekly | quarterly
	Current bool   `json:"current"` // the tenant's current snapshot
	at      time.Time
}

// runDate is the moment a run's snapshot describes (SnapshotDate's rule).
func runDate(r types.RunInfo) time.Time {
	if r.FinishedAt != nil && !r.FinishedAt.IsZero() {
		return r.FinishedAt.UTC()
	}
	return r.StartedAt.UTC()
}

// dayOf is a time's UTC calendar day.
func dayOf(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// StoredSnapshots lists a tenant's kept snapshots, newest first.
func (s *Service) StoredSnapshots(ctx context.Context, tenantID string) ([]StoredSnapshot, error) {
	h, err := s.history()
	if err != nil {
		return nil, err
	}
	t, err := s.Src.Tenant(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	runs, err := h.Runs(ctx, tenantID, 0)
	if err != nil {
		return nil, err
	}
	out := []StoredSnapshot{}
	for _, r := range runs {
		if r.Status != types.RunSucceeded || r.Pruned {
			continue
		}
		at := runDate(r)
		out = append(out, StoredSnapshot{RunID: r.ID, TenantID: tenantID, Date: rfcv(at), Day: dayOf(at),
			Kept: r.Kept, Current: r.ID == t.CurrentRunID, at: at})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].at.Equal(out[j].at) {
			return out[i].at.After(out[j].at)
		}
		return out[i].RunID > out[j].RunID
	})
	return out, nil
}

// ParseAt reads a date a user gave: YYYY-MM-DD means the end of that UTC
// day (a snapshot taken that day counts); an RFC 3339 time means the end of
// its last written digit — "…T11:51:17Z" the end of that second — so the
// second-precision dates the snapshot lists show select their own snapshot.
func ParseAt(v string) (time.Time, error) {
	v = strings.TrimSpace(v)
	if d, err := time.Parse(time.DateOnly, v); err == nil {
		return d.Add(24*time.Hour - time.Nanosecond), nil
	}
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return t.UTC().Add(precisionOf(v) - time.Nanosecond), nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date: give YYYY-MM-DD (or an RFC 3339 time)", v)
}

// ErrNoSnapshotAt is a date before a tenant's first kept snapshot.
var ErrNoSnapshotAt = errors.New("no stored snapshot at or before that date: pick a later date (the dates with snapshots are listed)")

// snapshotAt is the latest kept snapshot taken at or before at.
func snapshotAt(snaps []StoredSnapshot, at time.Time) (StoredSnapshot, bool) {
	for _, sn := range snaps { // newest first
		if !sn.at.After(at) {
			return sn, true
		}
	}
	return StoredSnapshot{}, false
}

// precisionOf is the unit of an RFC 3339 time's last written digit: a
// second, or 10^-n s for n fractional digits.
func precisionOf(v string) time.Duration {
	dot := strings.IndexByte(v, '.')
	if dot < 0 {
		return time.Second
	}
	n := 0
	for _, c := range v[dot+1:] {
		if c < '0' || c > '9' {
			break
		}
		n++
	}
	p := time.Second
	for ; n > 0 && p > time.Nanosecond; n-- {
		p /= 10
	}
	return p
}
