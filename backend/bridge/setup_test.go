package bridge

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"tenantlens/backend/config"
	"tenantlens/backend/graphsim"
	"tenantlens/backend/services"
	"tenantlens/backend/types"
)

// First run against graphsim: no client ID → connect explains what to do;
// "Create the app registration for me" creates one (the browser here is a
// plain HTTP client following graphsim's auto-consent), stores it, and a
// partner connect with it finds the demo customers.
func TestFirstRunCreatesAppRegistrationThenConnects(t *testing.T) {
	sim := graphsim.New(graphsim.Options{AutoConsent: true})
	if err := sim.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	t.Setenv(config.EnvClientID, "")
	service := "TenantLens-test-bridge-" + time.Now().Format("150405.000000")
	t.Cleanup(func() { _ = keyring.DeleteAll(service) })
	svc, err := services.Open(context.Background(), services.Options{
		Home: t.TempDir(), KeychainService: service,
		Override: func(c *config.Config) {
			c.Authority, c.Graph, c.CatalogURL, c.ClientID = sim.AuthorityURL(), sim.GraphURL(), sim.CatalogURL(), ""
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	browser := func(u string) error {
		resp, err := (&http.Client{Timeout: 30 * time.Second}).Get(u)
		if err != nil {
			return err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		return resp.Body.Close()
	}
	b := New(func() (*services.Services, error) { return svc, nil }, nil, Options{OpenURL: browser})

	if _, err := b.Tenants.Connect(ConnectRequest{Partner: true}); err == nil || err.Error() != services.ErrNoClientID.Error() {
		t.Fatalf("connect without a client ID: %v", err)
	}
	if _, err := b.Settings.SetClientID("not-a-guid"); err == nil {
		t.Fatal("a malformed client ID was accepted")
	}
	reg, err := b.Settings.CreateAppRegistration("")
	if err != nil {
		t.Fatal(err)
	}
	if reg.ClientID == "" || reg.ClientID == graphsim.DemoClientID || reg.TenantID != sim.MSP().Partner.ID {
		t.Fatalf("registration %+v", reg)
	}
	v, err := b.Settings.Get()
	if err != nil {
		t.Fatal(err)
	}
	if got := valueOf(v, config.KeyClientID); got.Value != reg.ClientID || got.Source != "setting" {
		t.Fatalf("client ID setting %+v", got)
	}
	res, err := b.Tenants.Connect(ConnectRequest{Partner: true})
	if err != nil {
		t.Fatalf("partner connect with the new app: %v", err)
	}
	ready := 0
	for _, r := range res.Tenants {
		if r.Access == string(types.AccessReady) {
			ready++
		}
	}
	if len(res.Tenants) == 0 {
		t.Fatal("no customers found")
	}
	conns, err := svc.Store.Connections(context.Background())
	if err != nil || len(conns) != 1 || conns[0].ClientID != reg.ClientID {
		t.Fatalf("connections %+v (%v): want one made with the new client ID", conns, err)
	}
	t.Logf("bootstrapped %s; partner connect found %d customers, %d ready", reg.ClientID, len(res.Tenants), ready)
	svc.Sync.Wait()
}
