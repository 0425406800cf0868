package cli

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"tenantlens/backend/review"
)

// dataArgs parses --tenant ID [--json] and opens the data folder.
func dataArgs(ctx context.Context, env Env, name string, args []string) (s *session, tenantID string, asJSON bool, code int) {
	fs := newFlags(name, env)
	tenant := fs.String("tenant", "", "the tenant (ID, domain or name)")
	j := fs.Bool("json", false, "print the view as JSON")
	if !parse(fs, env, args) {
		return nil, "", false, 2
	}
	if strings.TrimSpace(*tenant) == "" {
		return nil, "", false, usageError(env, name, "give --tenant ID (`tenantlens tenants` lists them)")
	}
	s, code = open(ctx, env, name, nil)
	if s == nil {
		return nil, "", false, code
	}
	t, err := findTenant(ctx, s.svc, *tenant)
	if err != nil {
		s.close()
		return nil, "", false, fail(env, name, err)
	}
	return s, t.ID, *j, 0
}

// runUsers: tenantlens users --tenant ID [--json] — the Users page of one
// tenant (deleted users left out, as in the window).
func runUsers(ctx context.Context, env Env, args []string) int {
	s, id, asJSON, code := dataArgs(ctx, env, "users", args)
	if s == nil {
		return code
	}
	defer s.close()
	v, err := s.rv.Users(ctx, id)
	if err != nil {
		return fail(env, "users", err)
	}
	if asJSON {
		if err := writeJSON(env.Stdout, v); err != nil {
			return fail(env, "users", err)
		}
		return 0
	}
	printUsers(env.Stdout, v)
	return 0
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func daysInactive(r review.UserRow) string {
	switch {
	case r.DaysInactive < 0:
		return "unknown"
	case r.DaysInactive >= review.NeverSeenDays:
		return "never"
	}
	return strconv.Itoa(r.DaysInactive)
}

func printUsers(w io.Writer, v review.UsersView) {
	t := newTable(w, "DISPLAY NAME", "USER PRINCIPAL NAME", "TYPE", "ENABLED", "LICENSES", "MFA", "LAST SEEN", "DAYS INACTIVE")
	for _, r := range v.Rows {
		typ := r.UserType
		if r.ResourceAccount {
			typ += " (resource)"
		}
		t.row(r.DisplayName, r.UserPrincipalName, orDash(typ), yes(r.AccountEnabled), orDash(strings.Join(r.LicenseNames, "; ")),
			orDash(r.MFAStatus), shortTime(r.LastSeen), daysInactive(r))
	}
	t.flush()
	fmt.Fprintf(w, "\n%d users, data from %s\n", len(v.Rows), shortTime(v.DataDate))
	for _, n := range v.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
}

// runLicenses: tenantlens licenses --tenant ID [--json] — the Licenses page
// of one tenant: SKUs with counts, flags and costs.
func runLicenses(ctx context.Context, env Env, args []string) int {
	s, id, asJSON, code := dataArgs(ctx, env, "licenses", args)
	if s == nil {
		return code
	}
	defer s.close()
	v, err := s.rv.Licenses(ctx, id)
	if err != nil {
		return fail(env, "licenses", err)
	}
	if asJSON {
		if err := writeJSON(env.Stdout, v); err != nil {
			return fail(env, "licenses", err)
		}
		return 0
	}
	printLicenses(env.Stdout, v)
	return 0
}

func money(v float64, priced bool) string {
	if !priced {
		return "-"
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

func printLicenses(w io.Writer, v review.LicensesView) {
	t := newTable(w, "LICENSE", "SKU", "STATUS", "PURCHASED", "ASSIGNED", "AVAILABLE", "SUSPENDED", "WARNING", "MONTHLY", "UNUSED", "FLAG")
	for _, r := range v.Rows {
		t.row(r.Name, r.PartNumber, orDash(r.Status), strconv.Itoa(r.Purchased), strconv.Itoa(r.Assigned), strconv.Itoa(r.Available),
			strconv.Itoa(r.Suspended), strconv.Itoa(r.Warning), money(r.MonthlyCost, r.Priced), money(r.UnusedCost, r.Priced), orDash(r.Flag))
	}
	t.flush()
	cur := v.Currency
	if cur == "" {
		cur = "(no prices set)"
	}
	fmt.Fprintf(w, "\n%d SKUs, %d flagged; monthly %.2f, unused %.2f %s; data from %s\n",
		len(v.Rows), v.FlaggedCount, v.MonthlyTotal, v.UnusedTotal, cur, shortTime(v.DataDate))
}
