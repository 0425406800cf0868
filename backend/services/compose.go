package services

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	gosync "sync"
	"time"

	"golang.org/x/oauth2"

	"tenantlens/backend/catalog"
	"tenantlens/backend/derive"
	"tenantlens/backend/identity"
	"tenantlens/backend/report"
	"tenantlens/backend/sync"
	"tenantlens/backend/types"
)

// DemoSyncCooldown is the wait between manual syncs of a demo tenant: the
// demo's cloud is an emulator in the app's own process, with no Graph
// throttling to respect, and the demo invites syncing again soon (Compare ›
// Simulate changes).
const DemoSyncCooldown = 5 * time.Second

// wire builds the services that sit on store, keychain and configuration:
// identity (sign-in, token sources), sync, reports and the licence catalog.
func (s *Services) wire() error {
	cfg := s.Config()
	id, err := identity.New(identity.OptionsFromConfig(cfg, s.Secrets))
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.id = id
	s.mu.Unlock()
	var cooldown time.Duration // the engine's default (Graph's throttling)
	if cfg.Demo {
		cooldown = DemoSyncCooldown
	}
	eng, err := sync.New(sync.Options{
		Store:       s.Store,
		Tokens:      s.tokenSource,
		GraphBase:   cfg.Graph,
		Bus:         s.Bus,
		Concurrency: cfg.SyncConcurrency,
		Interval:    time.Duration(cfg.SyncIntervalHours) * time.Hour,
		Prices:      s.listPrices(),
		Cooldown:    cooldown,
	})
	if err != nil {
		return err
	}
	s.Sync = eng
	s.Names = &Names{src: catalog.Source{URL: cfg.CatalogURL, Dir: filepath.Join(cfg.Home, "cache")}}
	s.Reports = report.NewService(s.Store, s.Store, s.Names)
	s.Reports.FollowSettings(func() int { return s.Config().InactiveDays })
	s.Exporter = report.NewExporter(s.Reports)
	return nil
}

// listPrices returns the MSP's list price of a SKU (per licence per month)
// for the per-run metrics; reports apply tenant overrides on top. The price
// list is read once and kept until a price changes (Store.PricesVersion),
// not once per SKU of every commit.
func (s *Services) listPrices() derive.PriceFunc {
	var (
		mu      gosync.Mutex
		version uint64
		byID    map[string]types.Price
	)
	return func(skuID, _ string) (float64, string, bool) {
		mu.Lock()
		defer mu.Unlock()
		if v := s.Store.PricesVersion(); byID == nil || v != version {
			ps, err := s.Store.ListPrices(context.Background())
			if err != nil {
				return 0, "", false
			}
			byID, version = make(map[string]types.Price, len(ps)), v
			for _, p := range ps {
				if p.TenantID == "" {
					byID[strings.ToLower(p.SkuID)] = p
				}
			}
		}
		p, ok := byID[strings.ToLower(skuID)]
		if !ok {
			return 0, "", false
		}
		return p.Monthly(), p.Currency, true
	}
}

// Maintain thins old sync history (DESIGN.md retention: every run for 30
// days, weekly for a year, quarterly after); reports keep what they use.
func (s *Services) Maintain(ctx context.Context) error {
	_, err := s.Store.ApplyRetention(ctx, time.Now())
	return err
}

// tokenSource finds a tenant's connection and returns its token source.
func (s *Services) tokenSource(tenantID string) (oauth2.TokenSource, error) {
	ctx := context.Background()
	t, err := s.Store.Tenant(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	conn, err := s.Store.Connection(ctx, t.ConnectionID)
	if err != nil {
		return nil, fmt.Errorf("tenant %s has no connection: %w", t.DisplayName, err)
	}
	return s.Identity().TokenSource(conn, tenantID), nil
}

// Names resolves SKU IDs to Microsoft's friendly product names. The
// catalog is loaded (from the cache, downloading when older than 30 days)
// the first time a name is needed; until it is available, or when it cannot
// be had at all, the SKU part number is the name.
type Names struct {
	src  catalog.Source
	mu   gosync.Mutex
	cat  *catalog.Catalog
	info catalog.LoadInfo
	err  error
	done bool
}

// Load loads the catalog once; later calls return the first outcome.
func (n *Names) Load(ctx context.Context) (*catalog.Catalog, catalog.LoadInfo, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if !n.done {
		n.cat, n.info, n.err = n.src.Load(ctx)
		n.done = true
	}
	return n.cat, n.info, n.err
}

// Name is the friendly name of a SKU, or its part number.
func (n *Names) Name(skuID, partNumber string) string {
	// The download has its own 2-minute HTTP timeout and runs once.
	cat, _, err := n.Load(context.Background())
	if err != nil || cat == nil {
		return partNumber
	}
	return cat.Name(skuID, partNumber)
}
