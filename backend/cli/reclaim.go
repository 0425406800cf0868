package cli

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"tenantlens/backend/identity"
	"tenantlens/backend/services"
)

// Reclaim commands (issue 13): reclaim (dry run, --apply), audit,
// licence-changes.

// listFlag collects a repeatable flag (--user A --user B, or A,B).
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error {
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

func amount(v float64, cur string) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	if cur != "" {
		s += " " + cur
	}
	return s
}

// runReclaim: tenantlens reclaim --tenant ID [--inactive-days N] [--user UPN ...] [--apply --confirm NAME] [--json]
func runReclaim(ctx context.Context, env Env, args []string) int {
	fs := newFlags("reclaim", env)
	tenant := fs.String("tenant", "", "tenant ID, domain or name")
	days := fs.Int("inactive-days", 0, "inactivity threshold (default: Settings)")
	var users listFlag
	fs.Var(&users, "user", "only this user (UPN or id); repeatable")
	apply := fs.Bool("apply", false, "remove the licences (after the same checks)")
	confirm := fs.String("confirm", "", "the tenant's name, typed exactly (required with --apply)")
	asJSON := fs.Bool("json", false, "print JSON")
	if !parse(fs, env, args) {
		return 2
	}
	if *tenant == "" {
		return usageError(env, "reclaim", "--tenant is required")
	}
	if *apply && *confirm == "" {
		return usageError(env, "reclaim", "--apply needs --confirm \"Tenant Name\" (the tenant's name, typed exactly)")
	}
	s, code := open(ctx, env, "reclaim", nil)
	if s == nil {
		return code
	}
	defer s.close()
	t, err := findTenant(ctx, s.svc, *tenant)
	if err != nil {
		return fail(env, "reclaim", err)
	}
	req := services.ReclaimRequest{TenantID: t.ID, InactiveDays: *days, Users: users}
	if !*apply {
		plan, err := s.svc.ReclaimDryRun(ctx, req)
		if err != nil {
			return fail(env, "reclaim", err)
		}
		if *asJSON {
			if err := writeJSON(env.Stdout, plan); err != nil {
				return fail(env, "reclaim", err)
			}
			return 0
		}
		printPlan(env, plan)
		return 0
	}
	res, err := s.svc.ReclaimApply(ctx, req, *confirm, func(p services.ReclaimProgress) {
		if !*asJSON {
			fmt.Fprintf(env.Stderr, "reclaim: %d/%d %s %s from %s: %s\n", p.Done, p.Total, p.Entry.Action, p.Entry.SkuName, p.Entry.UserPrincipal, p.Entry.Result)
		}
	})
	if err != nil {
		var cm services.ErrConfirmMismatch
		if errors.As(err, &cm) {
			return usageError(env, "reclaim", err.Error())
		}
		return fail(env, "reclaim", err)
	}
	if *asJSON {
		if err := writeJSON(env.Stdout, res); err != nil {
			return fail(env, "reclaim", err)
		}
	} else {
		printResult(env, res)
	}
	if !res.OK() {
		return 1
	}
	return 0
}

func printPlan(env Env, p services.ReclaimPlan) {
	fmt.Fprintf(env.Stdout, "Reclaim dry run for %s (inactive after %d days)\n\n", p.TenantName, p.InactiveDays)
	tb := newTable(env.Stdout, "USER", "LICENCE", "REASON", "REMOVE", "MONTHLY", "ANNUAL", "WHY NOT / REMEDY")
	for _, it := range p.Items {
		why := "-"
		if !it.Removable {
			why = it.Blocker + " — " + it.Remedy
		}
		tb.row(it.UserPrincipalName, it.SkuName, it.Reason, yes(it.Removable), amount(it.MonthlySaving, ""), amount(it.AnnualSaving, ""), why)
	}
	tb.flush()
	fmt.Fprintf(env.Stdout, "\n%d licence(s) of %d user(s) can be removed: saves %s a month, %s a year.\n",
		p.Removable, p.Users, amount(p.MonthlySaving, p.Currency), amount(p.AnnualSaving, p.Currency))
	if p.CanApply {
		fmt.Fprintf(env.Stdout, "To apply: tenantlens reclaim --tenant %s --apply --confirm %q\n", p.TenantID, p.TenantName)
	} else {
		fmt.Fprintf(env.Stdout, "Cannot apply: %s. %s\n", p.Blocker, p.Remedy)
	}
}

func printResult(env Env, r services.ReclaimResult) {
	tb := newTable(env.Stdout, "ID", "USER", "LICENCE", "RESULT", "ERROR / REMEDY")
	for _, e := range r.Entries {
		why := "-"
		if e.Error != "" {
			why = e.Error + " — " + e.Remedy
		}
		tb.row(strconv.FormatInt(e.ID, 10), e.UserPrincipal, e.SkuName, e.Result, why)
	}
	tb.flush()
	fmt.Fprintf(env.Stdout, "\n%d removed, %d failed, %d not done; saves %s a month, %s a year.\n",
		r.Removed, r.Failed, r.NotDone, amount(r.MonthlySaving, r.Plan.Currency), amount(r.AnnualSaving, r.Plan.Currency))
	if r.Resync != "" {
		fmt.Fprintf(env.Stdout, "Re-sync: %s %s\n", r.Resync, r.ResyncError)
	}
	fmt.Fprintln(env.Stdout, "Undo one change: tenantlens audit --undo ID")
}

// runAudit: tenantlens audit [--tenant ID] [--json|--csv] [--undo ID]
func runAudit(ctx context.Context, env Env, args []string) int {
	fs := newFlags("audit", env)
	tenant := fs.String("tenant", "", "tenant ID, domain or name (default: every tenant)")
	asJSON := fs.Bool("json", false, "print JSON")
	asCSV := fs.Bool("csv", false, "print CSV")
	undo := fs.Int64("undo", 0, "re-add the licence the audit entry ID removed")
	if !parse(fs, env, args) {
		return 2
	}
	if *asJSON && *asCSV {
		return usageError(env, "audit", "choose --json or --csv")
	}
	s, code := open(ctx, env, "audit", nil)
	if s == nil {
		return code
	}
	defer s.close()
	if *undo != 0 {
		res, err := s.svc.ReclaimUndo(ctx, *undo)
		if err != nil {
			return fail(env, "audit", err)
		}
		printResult(env, res)
		if !res.OK() {
			return 1
		}
		return 0
	}
	id := ""
	if *tenant != "" {
		t, err := findTenant(ctx, s.svc, *tenant)
		if err != nil {
			return fail(env, "audit", err)
		}
		id = t.ID
		if _, err := s.svc.ReconcileAudit(ctx, id); err != nil {
			fmt.Fprintf(env.Stderr, "tenantlens audit: interrupted changes could not be checked with Microsoft now: %v\n", err)
		}
	}
	rows, err := s.svc.AuditLog(ctx, id)
	if err != nil {
		return fail(env, "audit", err)
	}
	switch {
	case *asJSON:
		err = writeJSON(env.Stdout, rows)
	case *asCSV:
		err = services.WriteAuditCSV(env.Stdout, rows)
	default:
		tb := newTable(env.Stdout, "ID", "WHEN", "SIGNED IN AS", "TENANT", "USER", "LICENCE", "ACTION", "RESULT", "ERROR")
		for _, e := range rows {
			tb.row(strconv.FormatInt(e.ID, 10), e.CreatedAt.Format("2006-01-02 15:04"), e.Actor, e.TenantName, e.UserPrincipal,
				e.SkuName, e.Action, e.Result, orDash(e.Error))
		}
		tb.flush()
	}
	if err != nil {
		return fail(env, "audit", err)
	}
	return 0
}

// runLicenceChanges: tenantlens licence-changes --tenant ID --allow|--deny [--no-browser]
func runLicenceChanges(ctx context.Context, env Env, args []string) int {
	fs := newFlags("licence-changes", env)
	tenant := fs.String("tenant", "", "tenant ID, domain or name")
	allow := fs.Bool("allow", false, "allow licence changes (asks Microsoft for the licence-assignment permission)")
	deny := fs.Bool("deny", false, "deny licence changes (removes that permission's sign-in from the keychain)")
	noBrowser := fs.Bool("no-browser", false, "print the sign-in link instead of opening the browser")
	if !parse(fs, env, args) {
		return 2
	}
	if *tenant == "" || *allow == *deny {
		return usageError(env, "licence-changes", "use --tenant ID and one of --allow or --deny")
	}
	s, code := open(ctx, env, "licence-changes", nil)
	if s == nil {
		return code
	}
	defer s.close()
	t, err := findTenant(ctx, s.svc, *tenant)
	if err != nil {
		return fail(env, "licence-changes", err)
	}
	in := identity.Interaction{Progress: connectProgress(env.Stderr, !*noBrowser)}
	if *noBrowser {
		in.Opener = identity.PrintOpener{W: env.Stdout}
	} else {
		in.Opener = systemBrowser{out: env.Stdout}
	}
	lc, err := s.svc.SetLicenceChanges(ctx, t.ID, *allow, in)
	if err != nil {
		return fail(env, "licence-changes", err)
	}
	if lc.Consented() {
		fmt.Fprintf(env.Stdout, "Licence changes allowed for %s (consented by %s).\n", t.DisplayName, lc.ConsentedBy)
	} else {
		fmt.Fprintf(env.Stdout, "Licence changes denied for %s.\n", t.DisplayName)
	}
	return 0
}

// The reclaim commands, listed in commands().
var (
	cmdReclaim        = command{"reclaim", "reclaim licences --tenant ID [--inactive-days N] [--user UPN ...] [--json]: dry run; --apply --confirm \"Tenant Name\" removes them; exit 1 if any failed", runReclaim}
	cmdAudit          = command{"audit", "licence change audit log [--tenant ID] [--json|--csv]; --undo ID re-adds a removed licence", runAudit}
	cmdLicenceChanges = command{"licence-changes", "allow or deny licence changes for a tenant: --tenant ID --allow|--deny [--no-browser]", runLicenceChanges}
)
