package bridge

import (
	"context"
	"errors"
	gosync "sync"
	"time"

	"tenantlens/backend/report"
	"tenantlens/backend/services"
	"tenantlens/backend/store"
	"tenantlens/backend/types"
)

// snapCache keeps the last few snapshots read: a snapshot never changes
// once committed, so its run ID is a complete cache key.
type snapCache struct {
	mu    gosync.Mutex
	order []int64
	snaps map[int64]*types.Snapshot
}

const snapCacheSize = 24

func newSnapCache() *snapCache { return &snapCache{snaps: map[int64]*types.Snapshot{}} }

func (c *snapCache) get(ctx context.Context, st *store.Store, runID int64) (*types.Snapshot, error) {
	c.mu.Lock()
	if s, ok := c.snaps[runID]; ok {
		c.mu.Unlock()
		return s, nil
	}
	c.mu.Unlock()
	s, err := st.Snapshot(ctx, runID)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.snaps[runID]; !ok {
		c.snaps[runID] = s
		c.order = append(c.order, runID)
		if len(c.order) > snapCacheSize {
			delete(c.snaps, c.order[0])
			c.order = c.order[1:]
		}
	}
	return s, nil
}

// current is a tenant's current snapshot with its review dataset (names,
// prices, costs and reclaim computed exactly as the workbook computes them).
type current struct {
	tenant types.Tenant
	snap   *types.Snapshot
	data   *report.Dataset
}

var errNoSnapshot = errors.New("this tenant has not been synced yet: use Sync now on the Tenants page")

func (b base) current(ctx context.Context, svc *services.Services, t types.Tenant) (*current, error) {
	if t.CurrentRunID == 0 {
		return nil, errNoSnapshot
	}
	snap, err := b.cache.get(ctx, svc.Store, t.CurrentRunID)
	if errors.Is(err, store.ErrNoSnapshot) {
		return nil, errNoSnapshot
	}
	if err != nil {
		return nil, err
	}
	prices, err := svc.Store.EffectivePrices(ctx, t.ID)
	if err != nil {
		return nil, err
	}
	skus := report.FreezeSKUs(snap, prices, svc.Names)
	return &current{tenant: t, snap: snap, data: report.Build(snap, skus, svc.Config.InactiveDays)}, nil
}

// tenantsFor returns one tenant, or every tenant for "".
func tenantsFor(ctx context.Context, svc *services.Services, tenantID string) ([]types.Tenant, error) {
	if tenantID != "" {
		t, err := svc.Store.Tenant(ctx, tenantID)
		if err != nil {
			return nil, err
		}
		return []types.Tenant{t}, nil
	}
	return svc.Store.Tenants(ctx)
}

func rfc(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func rfcv(t time.Time) string { return rfc(&t) }
