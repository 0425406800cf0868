package sync

import (
	"context"
	cryptorand "crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"github.com/zalando/go-keyring"
	"golang.org/x/oauth2"

	"tenantlens/backend/config"
	"tenantlens/backend/graphsim"
	"tenantlens/backend/identity"
	"tenantlens/backend/review"
	"tenantlens/backend/secrets"
	"tenantlens/backend/store"
	"tenantlens/backend/types"
)

// National clouds end to end: for each cloud, the Settings choice gives the
// cloud's authority and Graph (graphsim's own table of §21 says which);
// with TENANTLENS_AUTHORITY/TENANTLENS_GRAPH pointing at graphsim playing
// that cloud, a real sign-in (its scopes must name the cloud's Graph root,
// or graphsim answers AADSTS500011) connects a demo tenant, and the real
// engine syncs it through msgraph-sdk-go: the sync succeeds, every endpoint
// the cloud lacks is a note on the tenant and was never requested.

func cloudKeychain(t *testing.T) *secrets.Store {
	t.Helper()
	var b [6]byte
	if _, err := cryptorand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	s := secrets.New("TenantLens-test-sync-cloud-" + hex.EncodeToString(b[:]))
	if err := s.Check(); err != nil {
		if errors.Is(err, secrets.ErrUnavailable) && os.Getenv("TENANTLENS_SKIP_KEYCHAIN_TESTS") == "1" {
			t.Skipf("no keychain: %v", err)
		}
		t.Fatalf("real keychain needed (run via scripts/with-keyring.sh): %v", err)
	}
	t.Cleanup(func() { _ = keyring.DeleteAll(s.Service()) })
	return s
}

// browserOpener follows the authorize URL like a browser (graphsim's
// auto-consent redirects to the loopback listener) and records it.
func browserOpener(t *testing.T, seen *[]string, mu *gosync.Mutex) identity.Opener {
	return identity.OpenerFunc(func(u string) error {
		mu.Lock()
		*seen = append(*seen, u)
		mu.Unlock()
		go func() {
			resp, err := (&http.Client{Timeout: 30 * time.Second}).Get(u)
			if err != nil {
				t.Errorf("browser: %v", err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}()
		return nil
	})
}

func hostOf(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host
}

func TestNationalCloudsConnectAndSync(t *testing.T) {
	sec := cloudKeychain(t)
	for _, prof := range graphsim.CloudProfiles() {
		t.Run(prof.Name, func(t *testing.T) {
			t.Setenv(config.EnvAuthority, "")
			t.Setenv(config.EnvGraph, "")
			// 1. The Settings choice alone: the cloud's endpoints.
			cfg, err := config.Resolve(t.TempDir(), map[string]string{config.KeyCloud: prof.Name})
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Cloud != prof.Name || cfg.Authority != "https://"+prof.AuthorityHost || cfg.Graph != prof.GraphRoot {
				t.Fatalf("cloud %s resolves to %s / %s / %s", prof.Name, cfg.Cloud, cfg.Authority, cfg.Graph)
			}
			idc, err := identity.New(identity.OptionsFromConfig(cfg, sec))
			if err != nil {
				t.Fatal(err)
			}
			if h := hostOf(t, idc.Endpoints("contoso.com").Authorize); h != prof.AuthorityHost {
				t.Errorf("authorize host %s, want %s", h, prof.AuthorityHost)
			}
			if idc.GraphURL() != prof.GraphRoot {
				t.Errorf("Graph %s, want %s", idc.GraphURL(), prof.GraphRoot)
			}
			for _, sc := range idc.Scopes(false) {
				if strings.Contains(sc, "/") && !strings.HasPrefix(sc, prof.GraphRoot+"/") {
					t.Errorf("scope %s is not for %s", sc, prof.GraphRoot)
				}
			}

			// 2. graphsim plays the cloud; the environment variables win.
			sim := graphsim.New(graphsim.Options{Seed: 1, Tenants: 4, AutoConsent: true, Cloud: prof.Name})
			if err := sim.Start(); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(sim.Close)
			t.Setenv(config.EnvAuthority, sim.AuthorityURL())
			t.Setenv(config.EnvGraph, sim.GraphURL())
			cfg, err = config.Resolve(t.TempDir(), map[string]string{config.KeyCloud: prof.Name})
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Cloud != prof.Name || cfg.Authority != sim.AuthorityURL() || cfg.Graph != sim.GraphURL() {
				t.Fatalf("environment did not win: %s %s %s", cfg.Cloud, cfg.Authority, cfg.Graph)
			}
			cfg.ClientID = graphsim.DemoClientID
			idc, err = identity.New(identity.OptionsFromConfig(cfg, sec))
			if err != nil {
				t.Fatal(err)
			}
			var want []*graphsim.Tenant // a consented customer with Entra ID P1 and one without, when the demo has them
			var p1, nop1 bool
			for _, c := range sim.MSP().Customers {
				if c.DemoConsented && (c.HasP1 && !p1 || !c.HasP1 && !nop1) {
					want = append(want, c)
					p1, nop1 = p1 || c.HasP1, nop1 || !c.HasP1
				}
			}
			if len(want) == 0 {
				t.Fatal("no consented demo customer")
			}
			st, err := store.Open(t.TempDir(), store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			ctx := context.Background()
			var opened []string
			var mu gosync.Mutex
			conns := map[string]types.Connection{}
			for _, c := range want {
				cctx, cancel := context.WithTimeout(ctx, 60*time.Second)
				res, err := idc.ConnectDirect(cctx, c.DefaultDomain, identity.Interaction{Opener: browserOpener(t, &opened, &mu)})
				cancel()
				if err != nil {
					t.Fatalf("connect %s in %s: %v", c.DisplayName, prof.Name, err)
				}
				if res.Connection.Cloud != prof.Name {
					t.Errorf("connection cloud %q, want %q", res.Connection.Cloud, prof.Name)
				}
				if err := st.UpsertConnection(ctx, res.Connection); err != nil {
					t.Fatal(err)
				}
				for _, tn := range res.Tenants {
					if err := st.UpsertTenant(ctx, tn); err != nil {
						t.Fatal(err)
					}
					conns[tn.ID] = res.Connection
				}
			}
			mu.Lock()
			for _, u := range opened {
				if h := hostOf(t, u); h != hostOf(t, sim.AuthorityURL()) || !strings.Contains(u, url.QueryEscape(prof.GraphRoot+"/")) {
					t.Errorf("authorize URL %s: not graphsim's authority or not the cloud's scopes", u)
				}
			}
			mu.Unlock()

			eng, err := New(Options{Store: st, GraphBase: cfg.Graph, Tokens: func(id string) (oauth2.TokenSource, error) {
				return idc.TokenSource(conns[id], id), nil
			}})
			if err != nil {
				t.Fatal(err)
			}
			rv := &review.Service{Src: st}
			for _, c := range want {
				res, err := eng.SyncTenant(ctx, c.ID, types.TriggerManual)
				if err != nil || res.Status != types.RunSucceeded {
					t.Fatalf("sync %s in %s: %v %s %s", c.DisplayName, prof.Name, err, res.Status, res.Error)
				}
				v, err := rv.Users(ctx, c.ID)
				if err != nil {
					t.Fatal(err)
				}
				if len(v.Rows) == 0 {
					t.Errorf("%s: no users synced", c.DisplayName)
				}
				notes := strings.Join(v.Notes, "\n")
				snap, err := st.CurrentSnapshot(ctx, c.ID)
				if err != nil {
					t.Fatal(err)
				}
				if snap.Flags.MFANote != "" {
					notes += "\n" + snap.Flags.MFANote
				}
				type absent struct {
					cap     config.Capability
					lacks   bool
					paths   []string
					applies bool
				}
				for _, a := range []absent{
					{config.CapUsageReports, prof.NoUsageReportsV1, []string{"getOffice365ActiveUserDetail", "getTeamsUserActivityUserDetail", "getOneDriveUsageAccountDetail"}, true},
					{config.CapSecureScore, prof.NoSecureScore, []string{"/security/secureScores", "/security/secureScoreControlProfiles"}, true},
					{config.CapAuthMethods, prof.NoAuthMethods, []string{"/authentication/methods"}, !c.HasP1},
				} {
					note := config.NotOfferedNote(prof.Name, a.cap)
					if got := strings.Contains(notes, note); a.lacks && a.applies && !got {
						t.Errorf("%s in %s: no note %q; notes:\n%s", c.DisplayName, prof.Name, note, notes)
					} else if !a.lacks && got {
						t.Errorf("%s in %s: note %q though the cloud offers it", c.DisplayName, prof.Name, note)
					}
					n := 0
					for _, r := range sim.Requests() {
						for _, p := range a.paths {
							if r.Tenant == c.ID && strings.Contains(r.Path, p) {
								n++
							}
						}
					}
					if a.lacks && n > 0 {
						t.Errorf("%s in %s: %d requests for %s, which the cloud lacks", c.DisplayName, prof.Name, n, a.cap)
					}
					if !a.lacks && a.applies && a.cap != config.CapAuthMethods && n == 0 {
						t.Errorf("%s in %s: %s never requested", c.DisplayName, prof.Name, a.cap)
					}
				}
				if !prof.NoUsageReportsV1 && !snap.Flags.UsageAvailable {
					t.Errorf("%s in %s: usage not read: %s", c.DisplayName, prof.Name, snap.Flags.UsageNote)
				}
				if snap.Security == nil || snap.Security.SecurityDefaults == nil {
					t.Errorf("%s in %s: security defaults not read (offered in every cloud)", c.DisplayName, prof.Name)
				}
			}
		})
	}
}

// TestGraphsimCloudRefusesAbsentEndpoints: graphsim in a cloud answers 400
// for an endpoint the cloud lacks (and 404 when asked), so a sync that
// requested one would see what the real cloud answers; a client of
// another cloud is refused at discovery with the cloud to choose.
func TestGraphsimCloudRefusesAbsentEndpoints(t *testing.T) {
	sim := graphsim.New(graphsim.Options{Seed: 1, Tenants: 2, Cloud: graphsim.CloudChina})
	if err := sim.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	id := sim.MSP().Customers[0].ID
	tok := sim.IssueToken(id)
	get := func(path string) int {
		req, _ := http.NewRequest(http.MethodGet, sim.GraphURL()+path, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if s := get("/v1.0/security/secureScores?$top=1"); s != http.StatusBadRequest {
		t.Errorf("secureScores in China: %d, want 400", s)
	}
	if s := get("/v1.0/policies/identitySecurityDefaultsEnforcementPolicy"); s != http.StatusOK {
		t.Errorf("security defaults in China: %d, want 200", s)
	}
	sim.SetCloudAbsentStatus(http.StatusNotFound)
	if s := get("/v1.0/reports/getOffice365ActiveUserDetail(period='D30')"); s != http.StatusNotFound {
		t.Errorf("usage report in China with 404 chosen: %d", s)
	}
	sec := cloudKeychain(t)
	idc, err := identity.New(identity.Options{Authority: sim.AuthorityURL(), Graph: sim.GraphURL(), Cloud: config.CloudPublic,
		ClientID: graphsim.DemoClientID, Secrets: sec})
	if err != nil {
		t.Fatal(err)
	}
	_, err = idc.ResolveTenant(context.Background(), id)
	if err == nil || !strings.Contains(err.Error(), "China") || !strings.Contains(err.Error(), "Settings") {
		t.Fatalf("a China tenant from a Global client: %v", err)
	}
}
