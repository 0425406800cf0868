package services

import (
	"context"
	"fmt"
	"io"
	"net/http"
	gosync "sync"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"tenantlens/backend/config"
	"tenantlens/backend/graphsim"
	"tenantlens/backend/identity"
	"tenantlens/backend/sync"
	"tenantlens/backend/types"
)

// openWithSim composes the services against graphsim with a throwaway
// keychain service and connects the demo MSP as partner.
func openWithSim(t *testing.T, sim *graphsim.Sim) *Services {
	t.Helper()
	if err := sim.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	service := "TenantLens-test-services-" + time.Now().Format("150405.000000")
	t.Cleanup(func() { _ = keyring.DeleteAll(service) })
	svc, err := Open(context.Background(), Options{
		Home: t.TempDir(), KeychainService: service,
		Override: func(c *config.Config) {
			c.Authority, c.Graph, c.CatalogURL, c.ClientID = sim.AuthorityURL(), sim.GraphURL(), sim.CatalogURL(), graphsim.DemoClientID
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	browser := identity.Interaction{Opener: identity.OpenerFunc(func(u string) error {
		resp, err := (&http.Client{Timeout: 30 * time.Second}).Get(u)
		if err != nil {
			return err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		return resp.Body.Close()
	})}
	if _, err := svc.Connect(context.Background(), true, "", browser); err != nil {
		t.Fatal(err)
	}
	return svc
}

func readyTenants(t *testing.T, svc *Services) []string {
	t.Helper()
	ts, err := svc.Store.Tenants(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, tn := range ts {
		if tn.Access == types.AccessReady {
			ids = append(ids, tn.ID)
		}
	}
	if len(ids) < 3 {
		t.Fatalf("only %d ready tenants", len(ids))
	}
	return ids
}

// Settings saved while syncs run (run under -race in make test): every
// save applies at once — the configuration, the identity client, the sync
// engine's concurrency and schedule — without a data race, and every sync
// still completes.
func TestSaveSettingsWhileSyncsRun(t *testing.T) {
	sim := graphsim.New(graphsim.Options{Seed: 3, AutoConsent: true})
	svc := openWithSim(t, sim)
	ids := readyTenants(t, svc)
	for _, id := range ids {
		sim.SetKnobs(id, graphsim.Knobs{Latency: 2 * time.Millisecond})
	}
	ctx := context.Background()
	var wg gosync.WaitGroup
	results := make(chan []sync.Result, 1)
	wg.Add(1)
	go func() {
		defer wg.Done()
		res, err := svc.Sync.SyncAll(ctx, ids, types.TriggerCLI)
		if err != nil {
			t.Error(err)
		}
		results <- res
	}()
	saves := 0
	for i := 0; i < 20; i++ {
		values := map[string]string{
			config.KeySyncConcurrency: fmt.Sprint(1 + i%4),
			config.KeyInactiveDays:    fmt.Sprint(30 + i),
			config.KeySyncInterval:    fmt.Sprint(i % 3),
		}
		if err := svc.SaveSettings(ctx, values); err != nil {
			t.Fatal(err)
		}
		saves++
		cfg := svc.Config()
		if cfg.InactiveDays != 30+i || cfg.SyncConcurrency != 1+i%4 {
			t.Fatalf("save %d not in force: %+v", i, cfg)
		}
		if got := svc.Sync.Interval(); got != time.Duration(i%3)*time.Hour {
			t.Fatalf("save %d: sync interval %s, want %dh", i, got, i%3)
		}
		if _, err := svc.Settings(ctx); err != nil {
			t.Fatal(err)
		}
		_ = svc.Identity() // sign-ins read it concurrently with saves
	}
	wg.Wait()
	for _, r := range <-results {
		if r.Status != types.RunSucceeded {
			t.Errorf("%s: %s %s", r.TenantID, r.Status, r.Error)
		}
	}
	// A refused value changes nothing, with the same words the window shows.
	before := svc.Config()
	if err := svc.SaveSettings(ctx, map[string]string{config.KeySyncConcurrency: "0"}); err == nil {
		t.Fatal("concurrency 0 was accepted")
	}
	if svc.Config() != before {
		t.Fatal("a refused save changed the configuration in force")
	}
	if saves != 20 {
		t.Fatal("not every save ran")
	}
}

// Close cancels running syncs and waits for them to record their outcome
// before the store closes: the runs end cancelled (not left running), the
// previous snapshots stay current, and the data folder reopens at once.
func TestCloseWaitsForRunningSyncs(t *testing.T) {
	sim := graphsim.New(graphsim.Options{Seed: 4, AutoConsent: true})
	svc := openWithSim(t, sim)
	ids := readyTenants(t, svc)
	home := svc.Config().Home
	ctx := context.Background()
	for _, id := range ids {
		sim.SetKnobs(id, graphsim.Knobs{Latency: 300 * time.Millisecond})
	}
	done := make(chan []sync.Result, 1)
	go func() {
		res, _ := svc.Sync.SyncAll(ctx, ids, types.TriggerCLI)
		done <- res
	}()
	deadline := time.Now().Add(10 * time.Second)
	for len(svc.Sync.Running()) == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if len(svc.Sync.Running()) == 0 {
		t.Fatal("no sync started")
	}
	if err := svc.Close(); err != nil {
		t.Fatal(err)
	}
	res := <-done
	for _, r := range res {
		if r.Status == types.RunSucceeded || r.Status == types.RunRunning {
			continue
		}
		if r.Status != types.RunCancelled && r.Error == "" {
			t.Errorf("%s: %s with no reason", r.TenantID, r.Status)
		}
	}
	again, err := Open(ctx, Options{Home: home})
	if err != nil {
		t.Fatalf("reopening after Close: %v", err)
	}
	defer again.Close()
	ts, err := again.Store.Tenants(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tn := range ts {
		if tn.LastSyncStatus == string(types.RunRunning) {
			t.Errorf("%s: a run was left running after Close", tn.DisplayName)
		}
	}
}
