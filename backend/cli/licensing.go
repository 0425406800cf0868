package cli

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"tenantlens/backend/review"
)

// Licensing commands (issue 13): the renewal calendar, the right-size list
// and where licences come from. Every figure comes from review.

// licArgs parses --tenant ID [--json] [--days N] and opens the data folder.
func licArgs(ctx context.Context, env Env, name string, args []string, withDays bool) (s *session, tenantID string, asJSON bool, days, code int) {
	fs := newFlags(name, env)
	tenant := fs.String("tenant", "", "the tenant (ID, domain or name)")
	j := fs.Bool("json", false, "print the view as JSON")
	var d *int
	if withDays {
		d = fs.Int("days", 0, "services count as used with activity in this many days (default: the Settings inactivity threshold)")
	}
	if !parse(fs, env, args) {
		return nil, "", false, 0, 2
	}
	if strings.TrimSpace(*tenant) == "" {
		return nil, "", false, 0, usageError(env, name, "give --tenant ID (`tenantlens tenants` lists them)")
	}
	if d != nil {
		if *d < 0 {
			return nil, "", false, 0, usageError(env, name, "--days must be a positive number of days")
		}
		days = *d
	}
	s, code = open(ctx, env, name, nil)
	if s == nil {
		return nil, "", false, 0, code
	}
	t, err := findTenant(ctx, s.svc, *tenant)
	if err != nil {
		s.close()
		return nil, "", false, 0, fail(env, name, err)
	}
	return s, t.ID, *j, days, 0
}

// runRenewals: tenantlens renewals --tenant ID [--json].
func runRenewals(ctx context.Context, env Env, args []string) int {
	s, id, asJSON, _, code := licArgs(ctx, env, "renewals", args, false)
	if s == nil {
		return code
	}
	defer s.close()
	v, err := s.rv.Renewals(ctx, id)
	if err != nil {
		return fail(env, "renewals", err)
	}
	if asJSON {
		if err := writeJSON(env.Stdout, v); err != nil {
			return fail(env, "renewals", err)
		}
		return 0
	}
	printRenewals(env.Stdout, v)
	return 0
}

func printRenewals(w io.Writer, v review.RenewalsView) {
	t := newTable(w, "DATE", "DAYS", "LICENSE", "STATUS", "SEATS", "TRIAL", "ATTENTION")
	for _, r := range v.Events {
		t.row(shortTime(r.Date), strconv.Itoa(r.DaysLeft), r.Name, r.Status, strconv.Itoa(r.TotalLicenses), yes(r.IsTrial), attention(r.Attention))
	}
	t.flush()
	fmt.Fprintf(w, "\nwithin 30 days: %d, 90 days: %d, 365 days: %d; trials: %d; need attention: %d\n",
		v.Within30, v.Within90, v.Within365, len(v.Trials), len(v.Attention))
	if len(v.Unused) > 0 {
		fmt.Fprintln(w)
		u := newTable(w, "LICENSE", "PURCHASED", "ASSIGNED", "UNUSED", "RENEWS", "DAYS", "COST UNTIL RENEWAL")
		for _, r := range v.Unused {
			u.row(r.Name, strconv.Itoa(r.Purchased), strconv.Itoa(r.Consumed), strconv.Itoa(r.Unused), shortTime(r.RenewsAt),
				strconv.Itoa(r.DaysLeft), money(r.CostUntilRenewal, r.Priced))
		}
		u.flush()
		cur := v.Currency
		if cur == "" {
			cur = "(no prices set)"
		}
		fmt.Fprintf(w, "\nunused seats cost %.2f %s until they renew\n", v.UnusedCostTotal, cur)
	}
	for _, n := range v.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
}

func attention(b bool) string {
	if b {
		return "YES"
	}
	return "-"
}

// runRightSize: tenantlens rightsize --tenant ID [--json] [--days N].
func runRightSize(ctx context.Context, env Env, args []string) int {
	s, id, asJSON, days, code := licArgs(ctx, env, "rightsize", args, true)
	if s == nil {
		return code
	}
	defer s.close()
	v, err := s.rv.RightSize(ctx, id, days)
	if err != nil {
		return fail(env, "rightsize", err)
	}
	if asJSON {
		if err := writeJSON(env.Stdout, v); err != nil {
			return fail(env, "rightsize", err)
		}
		return 0
	}
	t := newTable(env.Stdout, "USER", "CURRENT", "SUGGESTED", "USED", "SOURCE", "MONTHLY SAVING")
	for _, r := range v.Rows {
		t.row(r.UserPrincipalName, r.CurrentName, r.SuggestedName, orDash(strings.Join(r.Used, ", ")), orDash(r.Source),
			money(r.MonthlySaving, true))
	}
	t.flush()
	fmt.Fprintf(env.Stdout, "\n%d suggestions over %d days; saving %.2f a month, %.2f a year %s\n",
		len(v.Rows), v.WindowDays, v.MonthlySaving, v.AnnualSaving, v.Currency)
	for _, n := range v.Notes {
		fmt.Fprintf(env.Stdout, "note: %s\n", n)
	}
	return 0
}

// runLicenseStates: tenantlens license-states --tenant ID [--json] — where
// each licence comes from (direct or group) and the assignment errors.
func runLicenseStates(ctx context.Context, env Env, args []string) int {
	s, id, asJSON, _, code := licArgs(ctx, env, "license-states", args, false)
	if s == nil {
		return code
	}
	defer s.close()
	v, err := s.rv.LicenseStates(ctx, id)
	if err != nil {
		return fail(env, "license-states", err)
	}
	if asJSON {
		if err := writeJSON(env.Stdout, v); err != nil {
			return fail(env, "license-states", err)
		}
		return 0
	}
	t := newTable(env.Stdout, "USER", "LICENSE", "SOURCE", "STATE", "ERROR")
	for _, r := range v.Rows {
		t.row(r.UserPrincipalName, r.Name, r.Source, r.State, orDash(strings.TrimPrefix(r.Error, "None")))
	}
	t.flush()
	fmt.Fprintf(env.Stdout, "\n%d direct, %d inherited from groups, %d assignment errors\n", v.Direct, v.Inherited, len(v.Errors))
	for _, r := range v.Errors {
		fmt.Fprintf(env.Stdout, "error: %s — %s (%s): %s — %s\n", r.UserPrincipalName, r.Name, r.Source, r.Error, r.ErrorText)
	}
	for _, n := range v.Notes {
		fmt.Fprintf(env.Stdout, "note: %s\n", n)
	}
	return 0
}
