package bridge

import (
	"context"
	"io"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"tenantlens/backend/config"
	"tenantlens/backend/events"
	"tenantlens/backend/graphsim"
	"tenantlens/backend/services"
	"tenantlens/backend/types"
)

// A partner connect through the bound Tenants service reports its steps as
// connect:status events, then every ready tenant syncs; the Overview's totals
// are the sums of its rows and each row equals graphsim's ground truth.
func TestPartnerConnectThenOverviewAddsUpToGroundTruth(t *testing.T) {
	sim := graphsim.New(graphsim.Options{AutoConsent: true})
	if err := sim.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	service := "TenantLens-test-overview-" + time.Now().Format("150405.000000")
	t.Cleanup(func() { _ = keyring.DeleteAll(service) })
	rec := events.NewRecorder()
	svc, err := services.Open(context.Background(), services.Options{
		Home: t.TempDir(), KeychainService: service, Bus: rec,
		Override: func(c *config.Config) {
			c.Authority, c.Graph, c.CatalogURL, c.ClientID = sim.AuthorityURL(), sim.GraphURL(), sim.CatalogURL(), graphsim.DemoClientID
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

	res, err := b.Tenants.Connect(ConnectRequest{Partner: true})
	if err != nil {
		t.Fatal(err)
	}
	steps := rec.Events(events.ConnectStatus)
	if len(steps) < 3 {
		t.Fatalf("only %d connect:status events", len(steps))
	}
	last := steps[len(steps)-1].Payload.(events.ConnectStatusPayload)
	if last.Step != "done" || last.Error {
		t.Fatalf("last step %+v", last)
	}
	sawLink := false
	for _, e := range steps {
		if p := e.Payload.(events.ConnectStatusPayload); p.SignInURL != "" {
			sawLink = true
		}
	}
	if !sawLink {
		t.Error("no connect:status event carried the sign-in link")
	}
	svc.Sync.Wait() // the first syncs Connect started

	o, err := b.Tenants.Overview()
	if err != nil {
		t.Fatal(err)
	}
	if o.Tenants != len(res.Tenants) {
		t.Fatalf("overview lists %d tenants, connect found %d", o.Tenants, len(res.Tenants))
	}
	var synced, users, licensed, unused int
	for _, r := range o.Rows {
		if !r.HasSnapshot {
			if r.Access == string(types.AccessReady) {
				t.Errorf("%s is ready but did not sync: %s", r.DisplayName, r.LastError)
			}
			continue
		}
		synced++
		users += r.Users
		licensed += r.Licensed
		unused += r.UnusedLicenses
		g := sim.GroundTruth(r.ID)
		if r.Users != g.Users || r.Licensed != g.LicensedUsers {
			t.Errorf("%s: users %d licensed %d; truth %d / %d", r.DisplayName, r.Users, r.Licensed, g.Users, g.LicensedUsers)
		}
	}
	// The window shows the read model's Overview as is: cli/agree_test.go
	// proves the CLI and the workbooks show the same builder's figures.
	ro, err := svc.Review(nil).Overview(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(withoutCountdown(o), withoutCountdown(ro)) {
		t.Fatalf("the bound Overview differs from the read model's:\n%+v\n%+v", o, ro)
	}
	if synced == 0 || o.Synced != synced || o.Users != users || o.Licensed != licensed || o.UnusedLicenses != unused {
		t.Fatalf("overview %d synced, %d users, %d licensed, %d unused; rows add up to %d, %d, %d, %d",
			o.Synced, o.Users, o.Licensed, o.UnusedLicenses, synced, users, licensed, unused)
	}
}

// withoutCountdown drops the cooldown countdown (seconds left, which moves
// between two reads) from an Overview's rows.
func withoutCountdown(o Overview) Overview {
	rows := append([]TenantRow(nil), o.Rows...)
	for i := range rows {
		rows[i].CooldownS = 0
	}
	o.Rows = rows
	return o
}
