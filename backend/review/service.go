package review

import (
	"context"
	"errors"
	"math"
	gosync "sync"
	"time"

	"tenantlens/backend/store"
	"tenantlens/backend/types"
)

// Source is where review reads tenants, snapshots and prices
// (*store.Store). Review computes; the store only persists.
type Source interface {
	Tenant(ctx context.Context, id string) (types.Tenant, error)
	Tenants(ctx context.Context) ([]types.Tenant, error)
	Snapshot(ctx context.Context, runID int64) (*types.Snapshot, error)
	EffectivePrices(ctx context.Context, tenantID string) (map[string]types.Price, error)
}

// Live is the running state a tenant row shows (sync progress, cooldown,
// connection kinds); nil in the workbook, which shows none.
type Live interface {
	// ConnectionKinds maps connection IDs to direct | partner.
	ConnectionKinds(ctx context.Context) (map[string]string, error)
	// Progress is a running sync's phase and counts.
	Progress(tenantID string) (phase string, done, total int, ok bool)
	// Running lists tenants syncing in this process.
	Running() []string
	// CooldownLeft is how long until a manual sync of the tenant is allowed
	// (the sync engine's cooldown).
	CooldownLeft(ctx context.Context, tenantID string) time.Duration
	// CatalogUpdatedAt is when the licence-name catalog was fetched ("").
	CatalogUpdatedAt(ctx context.Context) string
}

// Service builds every figure a user sees: the window's bound services, the
// command line and the report writers all ask it, so they agree by
// construction.
type Service struct {
	Src   Source
	Names Namer
	// InactiveDays is the Settings threshold (config InactiveDays), the
	// default of every view; a report template overrides it for its report.
	InactiveDays int
	Demo         bool
	Live         Live   // nil: no live state
	Cache        *Cache // nil: snapshots are read every time
	// Clients reads clients and contacts; nil where there are none (the
	// client views answer ErrNoClients).
	Clients ClientSource
}

// Cache keeps the last few snapshots read: a snapshot never changes once
// committed, so its run ID is a complete key. Share one per window/session.
type Cache struct {
	mu    gosync.Mutex
	order []int64
	snaps map[int64]*types.Snapshot
}

const cacheSize = 24

// NewCache returns an empty snapshot cache.
func NewCache() *Cache { return &Cache{snaps: map[int64]*types.Snapshot{}} }

func (s *Service) snapshot(ctx context.Context, runID int64) (*types.Snapshot, error) {
	c := s.Cache
	if c == nil {
		return s.Src.Snapshot(ctx, runID)
	}
	c.mu.Lock()
	if sn, ok := c.snaps[runID]; ok {
		c.mu.Unlock()
		return sn, nil
	}
	c.mu.Unlock()
	sn, err := s.Src.Snapshot(ctx, runID)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.snaps[runID]; !ok {
		c.snaps[runID] = sn
		c.order = append(c.order, runID)
		if len(c.order) > cacheSize {
			delete(c.snaps, c.order[0])
			c.order = c.order[1:]
		}
	}
	return sn, nil
}

// ErrNoSnapshot is a tenant that has not synced successfully yet.
var ErrNoSnapshot = errors.New("this tenant has not been synced yet: use Sync now on the Tenants page (or `tenantlens sync --tenant ID`)")

// Current is a tenant's current snapshot with its dataset at a threshold.
type Current struct {
	Tenant types.Tenant
	Snap   *types.Snapshot
	Data   *Dataset
}

// threshold is days, else the Settings value, else the default.
func (s *Service) threshold(days int) int {
	switch {
	case days > 0:
		return days
	case s.InactiveDays > 0:
		return s.InactiveDays
	}
	return types.DefaultInactiveDays
}

// Threshold is the inactivity threshold the views use (the Settings value).
func (s *Service) Threshold() int { return s.threshold(0) }

// CurrentAt builds a tenant's current dataset with today's prices at an
// inactivity threshold (<= 0: the Settings value).
func (s *Service) CurrentAt(ctx context.Context, t types.Tenant, days int) (*Current, error) {
	if t.CurrentRunID == 0 {
		return nil, ErrNoSnapshot
	}
	snap, err := s.snapshot(ctx, t.CurrentRunID)
	if errors.Is(err, store.ErrNoSnapshot) {
		return nil, ErrNoSnapshot
	}
	if err != nil {
		return nil, err
	}
	prices, err := s.Src.EffectivePrices(ctx, t.ID)
	if err != nil {
		return nil, err
	}
	return &Current{Tenant: t, Snap: snap, Data: Build(snap, FreezeSKUs(snap, prices, s.Names), s.threshold(days))}, nil
}

// tenantsFor returns one tenant, or every tenant for "".
func (s *Service) tenantsFor(ctx context.Context, tenantID string) ([]types.Tenant, error) {
	if tenantID != "" {
		t, err := s.Src.Tenant(ctx, tenantID)
		if err != nil {
			return nil, err
		}
		return []types.Tenant{t}, nil
	}
	return s.Src.Tenants(ctx)
}

// each runs fn for the current dataset of one tenant or of every synced one.
func (s *Service) each(ctx context.Context, tenantID string, fn func(c *Current)) error {
	ts, err := s.tenantsFor(ctx, tenantID)
	if err != nil {
		return err
	}
	for _, t := range ts {
		c, err := s.CurrentAt(ctx, t, 0)
		if errors.Is(err, ErrNoSnapshot) && tenantID == "" {
			continue
		}
		if err != nil {
			return err
		}
		fn(c)
	}
	return nil
}

// Pct is n/d as a percentage with one decimal (0 when d is 0).
func Pct(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return math.Round(float64(n)*1000/float64(d)) / 10
}

// RFC is a time as the views show it ("" when unknown).
func RFC(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func rfcv(t time.Time) string { return RFC(&t) }

func latest(a, b string) string {
	if a > b {
		return a
	}
	return b
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
