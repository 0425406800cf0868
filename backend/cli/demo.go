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
	"tenantlens/backend/psasim"
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
// auto-consent, its ConnectWise PSA (psasim, generated from the same MSP:
// companies for most tenants, departed staff, aliases, new hires not yet in
// the PSA), and the configuration that points TenantLens at them.
type Demo struct {
	Sim  *graphsim.Sim
	PSA  *psasim.Sim
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
	psa := psasim.New(psasim.Options{MSP: sim.MSP()})
	if err := psa.Start(); err != nil {
		sim.Close()
		return nil, fmt.Errorf("starting the demo's emulated ConnectWise PSA: %w", err)
	}
	return &Demo{Sim: sim, PSA: psa, Home: home}, nil
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

// demoPrices are list prices (USD per licence per month, annual commitment)
// of the demo's paid SKUs, so the demo shows costs and waste out of the box.
// A real MSP enters its own price list.
var demoPrices = []struct {
	skuID, part string
	price       float64
}{
	{"3b555118-da6a-4418-894f-7df1e2096870", "O365_BUSINESS_ESSENTIALS", 6.00},
	{"f245ecc8-75af-4f8e-b61f-27d8114de5f3", "O365_BUSINESS_PREMIUM", 12.50},
	{"cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46", "SPB", 22.00},
	{"6fd2c87f-b296-42f0-b197-1e91e994b900", "ENTERPRISEPACK", 23.00},
	{"05e9a617-0261-4cee-bb44-138d3ef5d965", "SPE_E3", 36.00},
	{"06ebc4ee-1bb5-47dd-8120-11324bc54e06", "SPE_E5", 57.00},
	{"078d2b04-f1bd-4111-bbd4-b4b1b354cef4", "AAD_PREMIUM", 6.00},
	{"e43b5b99-8dfb-405f-9987-dc307f34bcbd", "MCOEV", 10.00},
	{"c5928f49-12ba-48f7-ada3-0d743a3601d5", "VISIOCLIENT", 15.00},
	{"53818b1b-4a27-454b-8896-0dba576410e6", "PROJECTPROFESSIONAL", 30.00},
	{"f8a1db68-be16-40ed-86d5-cb42ce701560", "POWER_BI_PRO", 14.00},
	{"4b9405b0-7788-4568-add1-99614e613b69", "EXCHANGESTANDARD", 4.00},
}

// SeedPrices fills an empty price list with the demo's list prices.
func (d *Demo) SeedPrices(ctx context.Context, svc *services.Services) error {
	have, err := svc.Store.ListPrices(ctx)
	if err != nil || len(have) > 0 {
		return err
	}
	for _, p := range demoPrices {
		if err := svc.Store.SetPrice(ctx, types.Price{SkuID: p.skuID, PartNumber: p.part, UnitPrice: p.price,
			Currency: "USD", Billing: types.BillingMonthly}); err != nil {
			return err
		}
	}
	return nil
}

// ConnectPSA connects the demo's ConnectWise PSA (its port changes every
// start, so every start connects again; the keys go to the demo keychain)
// and reads its companies and contacts.
func (d *Demo) ConnectPSA(ctx context.Context, svc *services.Services) (types.ContactImport, error) {
	cr := d.PSA.Credentials()
	in := services.PSAConnectInput{Site: d.PSA.URL(), CompanyID: cr.CompanyID, ClientID: psasim.DemoClientID,
		PublicKey: cr.PublicKey, PrivateKey: cr.PrivateKey}
	if _, err := svc.ConnectPSA(ctx, in); err != nil {
		return types.ContactImport{}, err
	}
	return svc.SyncPSA(ctx, nil)
}

// Close stops the emulators.
func (d *Demo) Close() {
	d.PSA.Close()
	d.Sim.Close()
}

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
			svc.DemoDirectory = &demoDirectory{sim: d.Sim} // History.DemoChangeDirectory
			if err := d.SeedPrices(pctx, svc); err != nil {
				return err
			}
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
						if err := svc.Sync.Trigger(ctx, t.ID); err != nil {
							log.Warn("demo: the tenant's sync did not start", "tenant", t.DisplayName, "error", err)
						} else {
							n++
						}
					}
				}
				log.Info("demo: connected", "tenants", len(res.Tenants), "syncing", n)
				imp, err := d.ConnectPSA(ctx, svc)
				if err != nil {
					log.Error("demo: reading the demo PSA failed", "error", err)
					return
				}
				log.Info("demo: PSA read", "contacts", imp.Rows, "clients added", imp.ClientsAdded)
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
