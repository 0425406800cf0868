package cli

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"tenantlens/backend/services"
)

// Environment variables the PSA keys are read from: keys on the command
// line would land in shell history and the process list.
const (
	EnvCWPublicKey  = "TENANTLENS_CW_PUBLIC_KEY"
	EnvCWPrivateKey = "TENANTLENS_CW_PRIVATE_KEY"
)

// runPSA: psa [status] | psa connect --site S --company C --client-id ID |
// psa sync | psa disconnect.
func runPSA(ctx context.Context, env Env, args []string) int {
	sub := "status"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		sub, args = args[0], args[1:]
	}
	switch sub {
	case "status", "connect", "sync", "disconnect":
	default:
		return usageError(env, "psa", fmt.Sprintf("unknown subcommand %q (status, connect, sync or disconnect)", sub))
	}
	fs := newFlags("psa "+sub, env)
	site := fs.String("site", "", "ConnectWise site: na.myconnectwise.net (cloud) or https://psa.example.com (on premises)")
	company := fs.String("company", "", "the company id typed at the ConnectWise login")
	clientID := fs.String("client-id", "", "the integration's clientId (developer.connectwise.com)")
	if !parse(fs, env, args) {
		return 2
	}
	var in services.PSAConnectInput
	if sub == "connect" {
		in = services.PSAConnectInput{Site: *site, CompanyID: *company, ClientID: *clientID,
			PublicKey: os.Getenv(EnvCWPublicKey), PrivateKey: os.Getenv(EnvCWPrivateKey)}
		if in.Site == "" || in.CompanyID == "" || in.ClientID == "" {
			return usageError(env, "psa connect", "give --site, --company and --client-id")
		}
		if in.PublicKey == "" || in.PrivateKey == "" {
			return usageError(env, "psa connect", "set "+EnvCWPublicKey+" and "+EnvCWPrivateKey+
				" to the API member's keys (they are saved in the OS keychain, never in the data folder)")
		}
	}
	s, code := open(ctx, env, "psa", nil)
	if s == nil {
		return code
	}
	defer s.close()
	switch sub {
	case "connect":
		c, err := s.svc.ConnectPSA(ctx, in)
		if err != nil {
			return fail(env, "psa connect", err)
		}
		fmt.Fprintf(env.Stdout, "Connected to ConnectWise PSA at %s (company %s); keys saved in the OS keychain.\n", c.Site, c.CompanyID)
		fmt.Fprintln(env.Stdout, "Next: `tenantlens psa sync` reads its companies and contacts.")
	case "sync":
		last := time.Time{}
		res, err := s.svc.SyncPSA(ctx, func(phase string, done int) {
			if now := time.Now(); now.Sub(last) >= time.Second {
				last = now
				fmt.Fprintf(env.Stderr, "reading %s: %d\n", phase, done)
			}
		})
		if err != nil {
			return fail(env, "psa sync", err)
		}
		fmt.Fprintf(env.Stdout, "Read %d contacts: %d added, %d updated, %d unchanged, %d marked inactive; %d new clients.\n",
			res.Rows, res.Added, res.Updated, res.Unchanged, res.Deactivated, res.ClientsAdded)
		if res.ClientsAdded > 0 {
			fmt.Fprintln(env.Stdout, "Next: `tenantlens map` suggests which client each tenant belongs to.")
		}
	case "disconnect":
		if err := s.svc.DisconnectPSA(ctx); err != nil {
			return fail(env, "psa disconnect", err)
		}
		fmt.Fprintln(env.Stdout, "PSA disconnected; its keys were deleted from the keychain. Clients and contacts stay.")
	default:
		c, err := s.svc.PSAConnection(ctx)
		if err != nil {
			fmt.Fprintln(env.Stdout, err)
			return 0
		}
		last := "never"
		if c.LastSync != nil {
			last = c.LastSync.Local().Format("2006-01-02 15:04")
		}
		fmt.Fprintf(env.Stdout, "ConnectWise PSA at %s (company %s), last read %s\n", c.Site, c.CompanyID, last)
		if c.LastError != "" {
			fmt.Fprintln(env.Stdout, "Last error:", c.LastError)
		}
	}
	return 0
}
