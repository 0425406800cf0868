package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"tenantlens/backend/config"
	"tenantlens/backend/graphsim"
	"tenantlens/backend/identity"
	"tenantlens/backend/services"
	"tenantlens/backend/store"
	"tenantlens/backend/types"
)

// DemoKeychainService keeps the demo's tokens apart from real ones.
const DemoKeychainService = "TenantLens Demo"

// demoHome is the demo's own data folder, so trying the demo never touches
// real client data: TENANTLENS_HOME when set, else a sibling of the real one.
func demoHome() (string, error) {
	if h := os.Getenv(config.EnvHome); h != "" {
		return h, nil
	}
	real, err := store.DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(real), filepath.Base(real)+" Demo"), nil
}

// Demo is the built-in demo: graphsim's demo MSP running in-process with
// auto-consent, and the configuration that points TenantLens at it.
type Demo struct {
	Sim  *graphsim.Sim
	Home string
}

// StartDemo starts the emulated cloud.
func StartDemo(seed int64) (*Demo, error) {
	home, err := demoHome()
	if err != nil {
		return nil, err
	}
	sim := graphsim.New(graphsim.Options{Seed: seed, AutoConsent: true})
	if err := sim.Start(); err != nil {
		return nil, fmt.Errorf("starting the demo's emulated Microsoft cloud: %w", err)
	}
	return &Demo{Sim: sim, Home: home}, nil
}

// Override points configuration at the emulator.
func (d *Demo) Override(c *config.Config) {
	c.Authority, c.Graph, c.CatalogURL = d.Sim.AuthorityURL(), d.Sim.GraphURL(), d.Sim.CatalogURL()
	c.ClientID, c.Cloud = graphsim.DemoClientID, "public"
}

// autoBrowser plays the user's browser against graphsim's auto-consent:
// it follows the authorize redirect to TenantLens' loopback listener.
type autoBrowser struct{ client *http.Client }

func (b autoBrowser) Open(url string) error {
	resp, err := b.client.Get(url)
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.Body.Close()
}

// Connect signs in as the demo MSP's partner (no clicks: auto-consent). The
// emulator's tokens die with its process, so every demo start signs in
// again; the connection is replaced and the synced history is kept.
func (d *Demo) Connect(ctx context.Context, svc *services.Services) (types.ConnectResult, error) {
	in := identity.Interaction{Opener: autoBrowser{client: &http.Client{Timeout: 30 * time.Second}}}
	return svc.Connect(ctx, true, d.Sim.MSP().Partner.DefaultDomain, in)
}

// Close stops the emulator.
func (d *Demo) Close() { d.Sim.Close() }

func runDemo(ctx context.Context, env Env, args []string) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	seed := fs.Int64("seed", 1, "demo MSP generator seed")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if env.OpenWindow == nil {
		fmt.Fprintln(env.Stderr, "tenantlens demo: this build cannot open a window")
		return 1
	}
	d, err := StartDemo(*seed)
	if err != nil {
		fmt.Fprintln(env.Stderr, "tenantlens demo:", err)
		return 1
	}
	log := slog.New(slog.NewTextHandler(env.Stderr, nil))
	opt := WindowOptions{
		Home: d.Home, Demo: true, KeychainService: DemoKeychainService,
		Override: d.Override,
		Prepare: func(pctx context.Context, svc *services.Services) error {
			// Connect and sync behind the window: it opens at once and shows
			// the tenants appearing and syncing.
			go func() {
				res, err := d.Connect(ctx, svc)
				if err != nil {
					log.Error("demo: connecting to the demo MSP failed", "error", err)
					return
				}
				n := 0
				for _, t := range res.Tenants {
					if t.Access == types.AccessReady {
						if err := svc.Sync.Trigger(ctx, t.ID); err == nil {
							n++
						}
					}
				}
				log.Info("demo: connected", "tenants", len(res.Tenants), "syncing", n)
			}()
			return nil
		},
		Cleanup: d.Close,
	}
	if err := env.OpenWindow(opt); err != nil {
		fmt.Fprintln(env.Stderr, "tenantlens demo:", err)
		return 1
	}
	return 0
}
