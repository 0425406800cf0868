// Package cli is TenantLens' headless command line: the same binary with
// arguments runs a subcommand instead of opening the window.
package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"tenantlens/backend/config"
	"tenantlens/backend/doctor"
	"tenantlens/backend/services"
)

// Env is what a command may use: its output streams and, for commands that
// open the window (demo), the window launcher from package main.
type Env struct {
	Stdout, Stderr io.Writer
	OpenWindow     func(WindowOptions) error
}

// WindowOptions tell package main how to open the window.
type WindowOptions struct {
	Home            string
	Demo            bool
	KeychainService string
	// Prepare runs once the services are open, before the UI starts (the
	// demo connects and syncs itself here).
	Prepare func(ctx context.Context, s *services.Services) error
	// Override adjusts configuration for this run only (the demo's emulator).
	Override func(*config.Config)
	// Cleanup runs after the window closes.
	Cleanup func()
}

type command struct {
	name, summary string
	run           func(ctx context.Context, env Env, args []string) int
}

func commands() []command {
	return []command{
		{"version", "print the version", runVersion},
		{"help", "list the commands", nil},
		{"doctor", "check data folder, SQLite, keychain and web view", runDoctor},
		{"demo", "open the window on the built-in demo MSP", runDemo},
		{"emulator", "serve the emulated Microsoft cloud (graphsim) standalone", runEmulator},
		{"connect", "connect a tenant (--tenant ID|DOMAIN) or as partner (--partner) [--no-browser]", runConnect},
		{"disconnect", "remove a tenant (--tenant ID) or the partner sign-in (--partner)", runDisconnect},
		{"tenants", "list tenants with access, last sync and figures [--json]", runTenants},
		{"sync", "sync now and wait [--tenant ID | --all] [--json]; exit 1 if any failed", runSync},
		{"users", "list a tenant's users --tenant ID [--json]", runUsers},
		{"licenses", "list a tenant's licences and costs --tenant ID [--json]", runLicenses},
		{"renewals", "a tenant's renewal calendar and unused seats until renewal --tenant ID [--json]", runRenewals},
		{"rightsize", "cheaper suites for users who use fewer services --tenant ID [--days N] [--json]", runRightSize},
		{"license-states", "where a tenant's licences come from (direct/group) and assignment errors --tenant ID [--json]", runLicenseStates},
		{"posture", "a tenant's security posture (MFA enforcement, Secure Score) --tenant ID [--json]", runPosture},
		{"settings", "show settings [--json]; settings set KEY VALUE; settings reset KEY", runSettings},
		{"export", "write a report (--tenant ID | --all | --client NAME | --all-clients) --out FILE [--template NAME] [--format xlsx|csv|html]", runExport},
		{"import", "import contacts --file F [--preset connectwise|autotask|halo|generic] [--map field=Header] [--dry-run] [--json]", runImport},
		{"clients", "list clients [--json]; clients add NAME; clients rename OLD NEW; clients merge --into A --from B", runClients},
		{"map", "map tenants to clients: --tenant ID --client NAME | --unmap --tenant ID | --auto [--min-confidence X] [--dry-run]; alone lists", runMap},
		{"contacts", "a client's merged contacts and accounts --client NAME [--from accounts|contacts] [--json]", runContacts},
		{"findings", "a client's reconciliation findings --client NAME [--json]", runFindings},
		{"psa", "ConnectWise PSA: psa [status] | psa connect --site S --company C --client-id ID (keys from " + EnvCWPublicKey + "/" + EnvCWPrivateKey + ") | psa sync | psa disconnect", runPSA},
		cmdReclaim, cmdAudit, cmdLicenceChanges, cmdCompare, cmdTrends,
	}
}

// Main runs one subcommand and returns the process exit code.
func Main(ctx context.Context, args []string, env Env) int {
	if len(args) == 0 {
		return usage(env.Stderr, 2)
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" {
		return usage(env.Stdout, 0)
	}
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return c.run(ctx, env, args[1:])
		}
	}
	fmt.Fprintf(env.Stderr, "tenantlens: unknown command %q\n\n", name)
	return usage(env.Stderr, 2)
}

func usage(w io.Writer, code int) int {
	fmt.Fprintln(w, "TenantLens — Microsoft 365 licence, MFA and usage reviews for MSPs.")
	fmt.Fprintln(w, "\nUsage: tenantlens [command] [flags]   (no command opens the window)")
	fmt.Fprintln(w, "\nCommands:")
	cs := commands()
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	for _, c := range cs {
		fmt.Fprintf(w, "  %-11s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nEnvironment: TENANTLENS_HOME, TENANTLENS_AUTHORITY, TENANTLENS_GRAPH, TENANTLENS_CLIENT_ID, TENANTLENS_CATALOG_URL")
	return code
}

func runVersion(_ context.Context, env Env, _ []string) int {
	fmt.Fprintf(env.Stdout, "tenantlens %s\n", config.Version)
	return 0
}

func runDoctor(ctx context.Context, env Env, args []string) int {
	fs := flag.NewFlagSet("doctor", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	r := services.DoctorWithoutOpening(ctx, "", "")
	fmt.Fprint(env.Stdout, indentLines(doctor.Format(r)))
	if !r.OK {
		fmt.Fprintln(env.Stderr, "tenantlens doctor: some checks failed (see FAIL lines above)")
		return 1
	}
	return 0
}

func indentLines(s string) string { return strings.TrimRight(s, "\n") + "\n" }
