package bridge

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"tenantlens/backend/config"
	"tenantlens/backend/fault"
	"tenantlens/backend/graphsim"
	"tenantlens/backend/services"
	"tenantlens/backend/types"
)

// With the emulator stopped the app opens on the last synced data: the
// services open without the network, the overview and trends show the
// stored runs, Connectivity reports offline (probe), a sync attempt fails
// with the offline message and the previous snapshot stays current.
func TestOfflineStartShowsLastSnapshot(t *testing.T) {
	sim := graphsim.New(graphsim.Options{AutoConsent: true})
	if err := sim.Start(); err != nil {
		t.Fatal(err)
	}
	service := "TenantLens-test-offline-" + time.Now().Format("150405.000000")
	t.Cleanup(func() { _ = keyring.DeleteAll(service) })
	home := t.TempDir()
	override := func(c *config.Config) {
		c.Authority, c.Graph, c.CatalogURL, c.ClientID = sim.AuthorityURL(), sim.GraphURL(), sim.CatalogURL(), graphsim.DemoClientID
	}
	svc, err := services.Open(context.Background(), services.Options{Home: home, KeychainService: service, Override: override})
	if err != nil {
		t.Fatal(err)
	}
	b := New(func() (*services.Services, error) { return svc, nil }, nil, Options{OpenURL: httpGet})
	if _, err := b.Tenants.Connect(ConnectRequest{Partner: true}); err != nil {
		t.Fatal(err)
	}
	svc.Sync.Wait()
	online, err := b.History.Connectivity()
	if err != nil {
		t.Fatal(err)
	}
	if online.Offline || !online.Probed || !online.Reachable {
		t.Fatalf("online connectivity %+v", online)
	}
	before, err := b.Tenants.Overview()
	if err != nil {
		t.Fatal(err)
	}
	svc.Close()
	sim.Close() // the emulator stops: Microsoft cannot be reached

	svc, err = services.Open(context.Background(), services.Options{Home: home, KeychainService: service, Override: override})
	if err != nil {
		t.Fatalf("the app does not open offline: %v", err)
	}
	t.Cleanup(func() { svc.Close() })
	b = New(func() (*services.Services, error) { return svc, nil }, nil, Options{OpenURL: httpGet})
	c, err := b.History.Connectivity()
	if err != nil {
		t.Fatal(err)
	}
	if !c.Offline || c.Reachable || c.Reason != fault.OfflineMessage {
		t.Fatalf("offline start: connectivity %+v", c)
	}
	after, err := b.Tenants.Overview()
	if err != nil {
		t.Fatal(err)
	}
	if after.Synced == 0 || after.Synced != before.Synced || after.Users != before.Users || after.MonthlyWaste != before.MonthlyWaste {
		t.Fatalf("offline overview %d synced, %d users; online %d, %d", after.Synced, after.Users, before.Synced, before.Users)
	}
	o, err := b.History.ClientsOverview("", false)
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Rows) != after.Tenants || o.Sort != "worst" {
		t.Fatalf("clients overview: %d rows for %d unmapped tenants", len(o.Rows), after.Tenants)
	}
	var synced *TenantRow
	for i := range after.Rows {
		if after.Rows[i].HasSnapshot {
			synced = &after.Rows[i]
			break
		}
	}
	tr, err := b.History.Trends(TrendRequest{TenantID: synced.ID, Range: "all"})
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Points) != 1 || tr.Points[0].Users != synced.Users || tr.Points[0].Licensed != synced.Licensed {
		t.Fatalf("offline trend %+v, tenant row %d users", tr.Points, synced.Users)
	}
	ch, err := b.History.CompareChoices(synced.ID, 0)
	if err != nil || len(ch.Snapshots) != 1 || len(ch.Days) != 1 {
		t.Fatalf("compare choices %+v %v", ch, err)
	}

	tn, err := svc.Store.Tenant(context.Background(), synced.ID)
	if err != nil {
		t.Fatal(err)
	}
	res, err := svc.Sync.SyncTenant(context.Background(), synced.ID, types.TriggerSchedule)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != types.RunFailed || res.ErrorClass != string(fault.Offline) || !strings.Contains(res.Error, fault.OfflineMessage) {
		t.Fatalf("offline sync: %s %s %q", res.Status, res.ErrorClass, res.Error)
	}
	t.Logf("offline sync: %s", res.Error)
	again, err := svc.Store.Tenant(context.Background(), synced.ID)
	if err != nil {
		t.Fatal(err)
	}
	if again.CurrentRunID != tn.CurrentRunID {
		t.Fatalf("current run moved from %d to %d", tn.CurrentRunID, again.CurrentRunID)
	}
	c, err = b.History.Connectivity()
	if err != nil {
		t.Fatal(err)
	}
	if !c.Offline || !c.LastAttemptOffline || c.TenantID != synced.ID || !strings.Contains(c.Detail, fault.OfflineMessage) {
		t.Fatalf("after the offline sync: %+v", c)
	}
	att, err := b.History.Attention()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, a := range att.FailedSyncs {
		found = found || a.TenantID == synced.ID
	}
	if !found {
		t.Fatalf("no failed-sync card for the offline tenant: %+v", att.FailedSyncs)
	}
}
