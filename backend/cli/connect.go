package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	goruntime "runtime"
	"strings"
	"time"

	"tenantlens/backend/identity"
	"tenantlens/backend/review"
	"tenantlens/backend/services"
	"tenantlens/backend/types"
)

// browserCommand is the command that opens a URL in the system browser.
func browserCommand(u string) *exec.Cmd {
	switch goruntime.GOOS {
	case "windows":
		return exec.Command("rundll32", "url.dll,FileProtocolHandler", u)
	case "darwin":
		return exec.Command("open", u)
	default:
		return exec.Command("xdg-open", u)
	}
}

// startBrowser runs the opener command. xdg-open and friends return at
// once; one still running after a few seconds (a terminal browser) is taken
// as having opened the page.
func startBrowser(u string) error {
	cmd := browserCommand(u)
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(5 * time.Second):
		return nil
	}
}

// systemBrowser opens the sign-in link in the system browser; when that is
// impossible it prints "open: <URL>" on out so the user can open it by hand.
type systemBrowser struct {
	out io.Writer
	run func(url string) error
}

func (b systemBrowser) Open(u string) error {
	run := b.run
	if run == nil {
		run = startBrowser
	}
	if err := run(u); err != nil {
		_, werr := fmt.Fprintf(b.out, "could not open a browser (%v); open this link yourself:\nopen: %s\n", err, u)
		return werr
	}
	return nil
}

// connectProgress prints the identity steps on stderr. With --no-browser
// the sign-in link is on stdout already ("open: ..."), so it is not repeated.
func connectProgress(w io.Writer, showURL bool) identity.ProgressFunc {
	return func(p identity.Progress) {
		if p.Step == identity.StepBrowser && p.URL != "" && showURL {
			fmt.Fprintf(w, "connect: %s\n  %s\n", p.Message, p.URL)
			return
		}
		fmt.Fprintf(w, "connect: %s\n", p.Message)
	}
}

// runConnect: tenantlens connect --tenant ID|DOMAIN [--no-browser]
// or tenantlens connect --partner [--tenant PARTNER-DOMAIN] [--no-browser].
func runConnect(ctx context.Context, env Env, args []string) int {
	fs := newFlags("connect", env)
	tenant := fs.String("tenant", "", "the client's tenant ID or one of its domains (with --partner: your partner tenant, optional)")
	partner := fs.Bool("partner", false, "connect as the MSP's partner tenant and discover every GDAP customer")
	noBrowser := fs.Bool("no-browser", false, "print the sign-in link as \"open: <URL>\" instead of opening a browser")
	if !parse(fs, env, args) {
		return 2
	}
	if !*partner && strings.TrimSpace(*tenant) == "" {
		return usageError(env, "connect", "give --tenant ID|DOMAIN, or --partner")
	}
	if strings.TrimSpace(*tenant) != "" {
		// Refused before anything is opened, with a short message that
		// never echoes a long paste back.
		tn, err := identity.ParseTenantInput(*tenant)
		if err != nil {
			return usageError(env, "connect", err.Error())
		}
		*tenant = tn
	}
	s, code := open(ctx, env, "connect", nil)
	if s == nil {
		return code
	}
	defer s.close()

	in := identity.Interaction{Progress: connectProgress(env.Stderr, !*noBrowser)}
	if *noBrowser {
		in.Opener = identity.PrintOpener{W: env.Stdout}
	} else {
		in.Opener = systemBrowser{out: env.Stdout}
	}
	res, err := s.svc.Connect(ctx, *partner, *tenant, in)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintln(env.Stderr, "tenantlens connect: cancelled")
			return 1
		}
		return fail(env, "connect", err)
	}
	rows, err := connectedRows(ctx, s, res)
	if err != nil {
		return fail(env, "connect", err)
	}
	printConnected(env.Stdout, res, rows)
	return 0
}

// connectedRows are the stored tenants of a finished connect, as the
// Tenants page shows them.
func connectedRows(ctx context.Context, s *session, res types.ConnectResult) ([]review.TenantRow, error) {
	all, err := s.rv.List(ctx)
	if err != nil {
		return nil, err
	}
	var rows []review.TenantRow
	for _, r := range all {
		if r.ConnectionID == res.Connection.ID {
			rows = append(rows, r)
		}
	}
	return rows, nil
}

func accessLabel(a string) string {
	switch types.Access(a) {
	case types.AccessReady:
		return "ready"
	case types.AccessNeedsConsent:
		return "needs consent"
	case types.AccessNoAccess:
		return "no access"
	case types.AccessReconnect:
		return "reconnect needed"
	}
	return orDash(a)
}

func printConnected(w io.Writer, res types.ConnectResult, rows []review.TenantRow) {
	counts := map[string]int{}
	for _, r := range rows {
		counts[r.Access]++
	}
	kind := "Connected"
	if res.Connection.Kind == types.ConnectionPartner {
		kind = "Connected as partner " + orDash(res.Connection.DisplayName)
	}
	fmt.Fprintf(w, "%s: %d tenant(s) — %d ready, %d need consent, %d no access\n", kind, len(rows),
		counts[string(types.AccessReady)], counts[string(types.AccessNeedsConsent)], counts[string(types.AccessNoAccess)])
	t := newTable(w, "TENANT", "DOMAIN", "ID", "ACCESS")
	for _, r := range rows {
		t.row(r.DisplayName, orDash(r.DefaultDomain), r.ID, accessLabel(r.Access))
	}
	t.flush()
	for _, r := range rows {
		if r.AccessDetail != "" {
			fmt.Fprintf(w, "\n%s (%s): %s\n", r.DisplayName, accessLabel(r.Access), r.AccessDetail)
		}
		for _, warn := range r.RoleWarnings {
			fmt.Fprintf(w, "%s: warning: %s\n", r.DisplayName, warn)
		}
	}
	for _, warn := range res.Warnings {
		fmt.Fprintf(w, "warning: %s\n", warn)
	}
	if counts[string(types.AccessReady)] > 0 {
		fmt.Fprintln(w, "\nNext: `tenantlens sync --all` reads the ready tenants (the window syncs them by itself).")
	}
}

// runDisconnect: tenantlens disconnect --tenant ID | --partner [--tenant PARTNER].
// It asks nothing and prints what it removed.
func runDisconnect(ctx context.Context, env Env, args []string) int {
	fs := newFlags("disconnect", env)
	tenant := fs.String("tenant", "", "the tenant to remove (ID, domain or name); with --partner: which partner sign-in")
	partner := fs.Bool("partner", false, "remove the partner sign-in and every customer it found")
	if !parse(fs, env, args) {
		return 2
	}
	if !*partner && strings.TrimSpace(*tenant) == "" {
		return usageError(env, "disconnect", "give --tenant ID or --partner")
	}
	s, code := open(ctx, env, "disconnect", nil)
	if s == nil {
		return code
	}
	defer s.close()
	if *partner {
		return disconnectPartner(ctx, env, s.svc, *tenant)
	}
	t, err := findTenant(ctx, s.svc, *tenant)
	if err != nil {
		return fail(env, "disconnect", err)
	}
	if err := s.svc.DisconnectTenant(ctx, t.ID); err != nil {
		return fail(env, "disconnect", err)
	}
	fmt.Fprintf(env.Stdout, "Removed %s (%s): its synced data, reports and sync logs.\n", t.DisplayName, t.ID)
	if t.ConnectionID != "" {
		if _, err := s.svc.Store.Connection(ctx, t.ConnectionID); err != nil {
			fmt.Fprintln(env.Stdout, "It was the last tenant of its sign-in: the sign-in and its token were removed from the system keychain.")
		}
	}
	return 0
}

func disconnectPartner(ctx context.Context, env Env, svc *services.Services, which string) int {
	conns, err := svc.Store.Connections(ctx)
	if err != nil {
		return fail(env, "disconnect", err)
	}
	var partners []types.Connection
	for _, c := range conns {
		if c.Kind != types.ConnectionPartner {
			continue
		}
		if which == "" || strings.EqualFold(c.HomeTenantID, which) || strings.EqualFold(c.DisplayName, which) || strings.EqualFold(c.ID, which) {
			partners = append(partners, c)
		}
	}
	switch {
	case len(partners) == 0 && which == "":
		return fail(env, "disconnect", errors.New("there is no partner connection"))
	case len(partners) == 0:
		return fail(env, "disconnect", fmt.Errorf("no partner connection matches %q", which))
	case len(partners) > 1:
		names := make([]string, 0, len(partners))
		for _, c := range partners {
			names = append(names, c.HomeTenantID+" ("+c.DisplayName+")")
		}
		return usageError(env, "disconnect", "several partner connections: "+strings.Join(names, ", ")+"; choose one with --partner --tenant ID")
	}
	c := partners[0]
	ts, err := svc.Store.Tenants(ctx)
	if err != nil {
		return fail(env, "disconnect", err)
	}
	var gone []types.Tenant
	for _, t := range ts {
		if t.ConnectionID == c.ID {
			gone = append(gone, t)
		}
	}
	if err := svc.DisconnectConnection(ctx, c.ID); err != nil {
		return fail(env, "disconnect", err)
	}
	fmt.Fprintf(env.Stdout, "Removed the partner sign-in %s (%s) and its token from the system keychain.\n", orDash(c.DisplayName), c.HomeTenantID)
	fmt.Fprintf(env.Stdout, "Removed %d customer tenant(s) with their synced data, reports and sync logs:\n", len(gone))
	for _, t := range gone {
		fmt.Fprintf(env.Stdout, "  %s (%s)\n", t.DisplayName, t.ID)
	}
	return 0
}
