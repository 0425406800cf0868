package cli

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"tenantlens/backend/review"
)

// runTenants: tenantlens tenants [--json] — the Tenants page: every tenant
// with its access, last sync and current figures (review.TenantRow).
func runTenants(ctx context.Context, env Env, args []string) int {
	fs := newFlags("tenants", env)
	asJSON := fs.Bool("json", false, "print a JSON array of tenant rows")
	if !parse(fs, env, args) {
		return 2
	}
	s, code := open(ctx, env, "tenants", nil)
	if s == nil {
		return code
	}
	defer s.close()
	rows, err := s.rv.List(ctx)
	if err != nil {
		return fail(env, "tenants", err)
	}
	if *asJSON {
		if rows == nil {
			rows = []review.TenantRow{}
		}
		if err := writeJSON(env.Stdout, rows); err != nil {
			return fail(env, "tenants", err)
		}
		return 0
	}
	if len(rows) == 0 {
		fmt.Fprintln(env.Stdout, "No tenants yet: `tenantlens connect --tenant DOMAIN` or `tenantlens connect --partner`.")
		return 0
	}
	printTenants(env.Stdout, s, rows)
	return 0
}

func syncStatus(r review.TenantRow) string {
	switch {
	case r.Syncing:
		return "syncing"
	case r.LastSyncStatus == "":
		return "never synced"
	}
	return r.LastSyncStatus
}

func printTenants(w io.Writer, s *session, rows []review.TenantRow) {
	t := newTable(w, "TENANT", "DOMAIN", "ACCESS", "LAST SYNC", "STATUS", "USERS", "MFA %")
	for _, r := range rows {
		users := "-"
		if r.HasSnapshot {
			users = strconv.Itoa(r.Users)
		}
		t.row(r.DisplayName, orDash(r.DefaultDomain), accessLabel(r.Access), shortTime(r.LastSyncAt), syncStatus(r), users, mfaCell(r))
	}
	t.flush()
	for _, r := range rows {
		if r.LastError != "" && r.LastSyncStatus != "succeeded" {
			fmt.Fprintf(w, "%s: last sync: %s\n", r.DisplayName, r.LastError)
		}
		for _, n := range r.Notes {
			fmt.Fprintf(w, "%s: note: %s\n", r.DisplayName, n)
		}
	}
}
