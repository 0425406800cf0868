package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"tenantlens/backend/review"
)

// The history commands: compare two stored snapshots, trends over the
// stored runs. Both print review's figures (the window shows the same).
var (
	cmdCompare = command{"compare", "what changed between two dates --tenant ID|--client NAME --from DATE [--to DATE] [--json] (DATE: YYYY-MM-DD; the latest snapshot at or before it; no --to: the current one)", runCompare}
	cmdTrends  = command{"trends", "MFA coverage, licensed users, unused licences and monthly cost over the stored runs --tenant ID|--client NAME [--range quarter|year|all] [--json]", runTrends}
)

// scopeArgs resolves --tenant or --client (exactly one) after parsing.
func scopeArgs(ctx context.Context, env Env, name, tenant, client string) (s *session, tenantID string, clientID int64, code int) {
	tenant, client = strings.TrimSpace(tenant), strings.TrimSpace(client)
	if (tenant == "") == (client == "") {
		return nil, "", 0, usageError(env, name, "give --tenant ID or --client NAME (one of them)")
	}
	s, code = open(ctx, env, name, nil)
	if s == nil {
		return nil, "", 0, code
	}
	if tenant != "" {
		t, err := findTenant(ctx, s.svc, tenant)
		if err != nil {
			s.close()
			return nil, "", 0, fail(env, name, err)
		}
		return s, t.ID, 0, 0
	}
	c, err := clientNamed(ctx, s, client)
	if err != nil {
		s.close()
		return nil, "", 0, fail(env, name, err)
	}
	return s, "", c.ID, 0
}

// runCompare: tenantlens compare --tenant ID|--client NAME --from DATE [--to DATE] [--json]
func runCompare(ctx context.Context, env Env, args []string) int {
	const name = "compare"
	fs := newFlags(name, env)
	tenant := fs.String("tenant", "", "the tenant (ID, domain or name)")
	client := fs.String("client", "", "the client (name or ID)")
	from := fs.String("from", "", "the earlier date (YYYY-MM-DD or RFC 3339)")
	to := fs.String("to", "", "the later date (default: the current snapshot)")
	j := fs.Bool("json", false, "print the comparison as JSON")
	if !parse(fs, env, args) {
		return 2
	}
	if strings.TrimSpace(*from) == "" {
		return usageError(env, name, "give --from DATE (YYYY-MM-DD); `tenantlens compare --tenant ID --from 2000-01-01` lists nothing before the first sync")
	}
	s, tid, cid, code := scopeArgs(ctx, env, name, *tenant, *client)
	if s == nil {
		return code
	}
	defer s.close()
	c, err := s.rv.Compare(ctx, review.CompareQuery{TenantID: tid, ClientID: cid, From: *from, To: *to})
	if err != nil {
		return fail(env, name, err)
	}
	if *j {
		if err := writeJSON(env.Stdout, c); err != nil {
			return fail(env, name, err)
		}
		return 0
	}
	printCompare(env.Stdout, c)
	return 0
}

func printCompare(w io.Writer, c *review.Comparison) {
	fmt.Fprintf(w, "%s — what changed\n", c.Name)
	for _, s := range c.Sides {
		fmt.Fprintf(w, "  %s: %s (run %d) → %s (run %d)\n", s.TenantName, shortTime(s.FromDate), s.FromRunID, shortTime(s.ToDate), s.ToRunID)
	}
	t := c.Totals
	fmt.Fprintf(w, "\nUsers added %d, removed %d; licences gained %d, lost %d; MFA registered %d, lost %d; disabled %d, re-enabled %d\n",
		t.UsersAdded, t.UsersRemoved, t.LicencesGained, t.LicencesLost, t.MFARegistered, t.MFALost, t.Disabled, t.Reenabled)
	if review.HasMoney(t.Currency) {
		fmt.Fprintf(w, "Monthly cost: +%s, -%s, change %s\n", amount(t.CostGained, t.Currency), amount(t.CostLost, t.Currency), amount(t.CostChange, t.Currency))
	}
	users := func(title string, us []review.UserChange) {
		if len(us) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s\n", title)
		tb := newTable(w, "TENANT", "USER", "UPN", "LICENCES", "MONTHLY")
		for _, u := range us {
			tb.row(u.TenantName, u.DisplayName, u.UserPrincipalName, orDash(strings.Join(u.Licenses, "; ")), cash(u.MonthlyCost, u.Currency))
		}
		tb.flush()
	}
	lics := func(title string, ls []review.LicenceChange) {
		if len(ls) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s\n", title)
		tb := newTable(w, "TENANT", "USER", "UPN", "LICENCE", "MONTHLY")
		for _, l := range ls {
			tb.row(l.TenantName, l.DisplayName, l.UserPrincipalName, l.Name, cash(l.MonthlyCost, l.Currency))
		}
		tb.flush()
	}
	mfa := func(title string, ms []review.MFAChange) {
		if len(ms) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s\n", title)
		tb := newTable(w, "TENANT", "USER", "UPN", "FROM", "TO")
		for _, m := range ms {
			tb.row(m.TenantName, m.DisplayName, m.UserPrincipalName, m.From, m.To)
		}
		tb.flush()
	}
	users("USERS ADDED", c.Added)
	users("USERS REMOVED", c.Removed)
	lics("LICENCES GAINED", c.LicencesGained)
	lics("LICENCES LOST", c.LicencesLost)
	mfa("MFA NEWLY REGISTERED", c.MFARegistered)
	mfa("MFA LOST", c.MFALost)
	users("ACCOUNTS DISABLED", c.Disabled)
	users("ACCOUNTS RE-ENABLED", c.Reenabled)
	for _, n := range c.Notes {
		fmt.Fprintf(w, "\nNote: %s\n", n)
	}
}

func cash(v float64, cur string) string {
	if !review.HasMoney(cur) {
		return "-"
	}
	return amount(v, cur)
}

// runTrends: tenantlens trends --tenant ID|--client NAME [--range quarter|year|all] [--json]
func runTrends(ctx context.Context, env Env, args []string) int {
	const name = "trends"
	fs := newFlags(name, env)
	tenant := fs.String("tenant", "", "the tenant (ID, domain or name)")
	client := fs.String("client", "", "the client (name or ID)")
	rng := fs.String("range", "quarter", "quarter, year or all")
	j := fs.Bool("json", false, "print the trend as JSON")
	if !parse(fs, env, args) {
		return 2
	}
	r, err := review.ParseTrendRange(*rng)
	if err != nil {
		return usageError(env, name, err.Error())
	}
	s, tid, cid, code := scopeArgs(ctx, env, name, *tenant, *client)
	if s == nil {
		return code
	}
	defer s.close()
	var tr review.Trend
	if tid != "" {
		tr, err = s.rv.TenantTrend(ctx, tid, r)
	} else {
		tr, err = s.rv.ClientTrend(ctx, cid, r)
	}
	if err != nil {
		return fail(env, name, err)
	}
	if *j {
		if err := writeJSON(env.Stdout, tr); err != nil {
			return fail(env, name, err)
		}
		return 0
	}
	fmt.Fprintf(env.Stdout, "%s — trend over the last %s\n\n", tr.Name, tr.Range)
	tb := newTable(env.Stdout, "DATE", "TENANTS", "USERS", "LICENSED", "MFA", "UNUSED", "MONTHLY COST")
	for _, p := range tr.Points {
		mfa := "-"
		if p.MFAAvailable {
			mfa = num(p.MFACoveragePct) + "%"
		}
		date := shortTime(p.At)
		if tr.Scope == "client" {
			date = p.Day
		}
		tb.row(date, fmt.Sprint(p.Tenants), fmt.Sprint(p.Users), fmt.Sprint(p.Licensed), mfa, fmt.Sprint(p.UnusedLicenses), cash(p.MonthlyCost, p.Currency))
	}
	tb.flush()
	for _, n := range tr.Notes {
		fmt.Fprintf(env.Stdout, "\nNote: %s\n", n)
	}
	return 0
}
