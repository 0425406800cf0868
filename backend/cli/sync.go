package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"tenantlens/backend/review"
	tlsync "tenantlens/backend/sync"
	"tenantlens/backend/types"
)

// SyncRow is one tenant's line of `tenantlens sync --json`: the run's
// outcome and, after a successful run, the tenant's current figures exactly
// as the Tenants page shows them.
type SyncRow struct {
	TenantID    string `json:"tenantId"`
	DisplayName string `json:"displayName"`
	// Status: succeeded | failed | cancelled | interrupted |
	// already_running (a sync of it was running here or in another
	// process) | skipped (not ready: needs consent or no access).
	Status     string `json:"status"`
	ErrorClass string `json:"errorClass"`
	Error      string `json:"error"`
	RunID      int64  `json:"runId"`
	TookMs     int64  `json:"tookMs"`
	// Current snapshot figures (review.TenantRow).
	HasSnapshot    bool    `json:"hasSnapshot"`
	Users          int     `json:"users"`
	Licensed       int     `json:"licensed"`
	MFAAvailable   bool    `json:"mfaAvailable"` // false: registration data unreadable (see tenants' notes)
	MFACoveragePct float64 `json:"mfaCoveragePct"`
	Inactive       int     `json:"inactive"` // inactive accounts at InactiveDays, -1 unknown
	// InactiveLicensed: the licensed ones among them (the reclaim list's).
	InactiveLicensed int `json:"inactiveLicensed"`
	InactiveDays     int `json:"inactiveDays"`
	UnusedLicenses   int `json:"unusedLicenses"`
}

// failed reports whether the row makes `sync` exit non-zero: a tenant that
// was asked to sync and did not succeed.
func (r SyncRow) failed() bool {
	return r.Status != string(types.RunSucceeded) && r.Status != skippedNotReady
}

// skippedNotReady marks a tenant `sync --all` left out because it cannot be
// read (needs consent or no access); it does not fail the command.
const skippedNotReady = "skipped"

// runSync: tenantlens sync [--tenant ID | --all] [--json]. It runs the
// sync in this process and waits. Exit code 1 when any tenant it tried
// failed. --all (the default) syncs every ready tenant and lists the ones
// that need consent or have no access as skipped without failing; naming
// such a tenant with --tenant fails with its remedy.
func runSync(ctx context.Context, env Env, args []string) int {
	fs := newFlags("sync", env)
	tenant := fs.String("tenant", "", "sync one tenant (ID, domain or name)")
	all := fs.Bool("all", false, "sync every ready tenant (the default)")
	asJSON := fs.Bool("json", false, "print a JSON array of per-tenant results")
	if !parse(fs, env, args) {
		return 2
	}
	if *all && *tenant != "" {
		return usageError(env, "sync", "give either --tenant ID or --all, not both")
	}
	printer := newProgressPrinter(env.Stderr, 2*time.Second)
	s, code := open(ctx, env, "sync", printer)
	if s == nil {
		return code
	}
	defer s.close()

	ts, err := s.svc.Store.Tenants(ctx)
	if err != nil {
		return fail(env, "sync", err)
	}
	names := map[string]string{}
	for _, t := range ts {
		names[t.ID] = t.DisplayName
	}
	printer.mu.Lock()
	printer.names = func(id string) string {
		if n := names[id]; n != "" {
			return n
		}
		return id
	}
	printer.mu.Unlock()

	var (
		ids  []string
		rows []SyncRow
	)
	if *tenant != "" {
		t, err := findTenant(ctx, s.svc, *tenant)
		if err != nil {
			return fail(env, "sync", err)
		}
		if t.Access != types.AccessReady {
			return fail(env, "sync", fmt.Errorf("%s cannot be synced (%s): %s", t.DisplayName, accessLabel(string(t.Access)), orDash(t.AccessDetail)))
		}
		ids = []string{t.ID}
	} else {
		if len(ts) == 0 {
			return fail(env, "sync", errNoTenants)
		}
		for _, t := range ts {
			if t.Access == types.AccessReady {
				ids = append(ids, t.ID)
				continue
			}
			rows = append(rows, SyncRow{TenantID: t.ID, DisplayName: t.DisplayName, Status: skippedNotReady,
				Error: accessLabel(string(t.Access)) + ": " + orDash(t.AccessDetail), Inactive: -1})
		}
		if len(ids) == 0 {
			if !*asJSON {
				printSyncRows(env.Stdout, rows)
			}
			return fail(env, "sync", errors.New("no tenant is ready to sync: give TenantLens consent or GDAP access first (see `tenantlens tenants`)"))
		}
	}
	fmt.Fprintf(env.Stderr, "sync: syncing %d tenant(s)…\n", len(ids))
	results, err := s.svc.Sync.SyncAll(ctx, ids, types.TriggerCLI)
	if err != nil {
		return fail(env, "sync", err)
	}
	if err := s.svc.Maintain(ctx); err != nil {
		fmt.Fprintln(env.Stderr, "sync: history retention:", err)
	}
	current, err := s.rv.List(ctx)
	if err != nil {
		return fail(env, "sync", err)
	}
	byID := map[string]review.TenantRow{}
	for _, r := range current {
		byID[r.ID] = r
	}
	synced := make([]SyncRow, 0, len(results))
	for _, res := range results {
		cur := byID[res.TenantID]
		row := syncRow(res, names[res.TenantID], cur)
		row.MFAAvailable = cur.HasSnapshot && cur.MFAAvailable
		synced = append(synced, row)
	}
	rows = append(synced, rows...)

	exit := 0
	for _, r := range rows {
		if r.failed() {
			exit = 1
		}
	}
	if *asJSON {
		if err := writeJSON(env.Stdout, rows); err != nil {
			return fail(env, "sync", err)
		}
	} else {
		printSyncRows(env.Stdout, rows)
	}
	if exit != 0 {
		fmt.Fprintln(env.Stderr, "tenantlens sync: some tenants failed (see above)")
	}
	return exit
}

func syncRow(res tlsync.Result, name string, cur review.TenantRow) SyncRow {
	r := SyncRow{TenantID: res.TenantID, DisplayName: name, Status: string(res.Status), ErrorClass: res.ErrorClass,
		Error: res.Error, RunID: res.RunID, TookMs: res.Took.Milliseconds(), Inactive: -1}
	if r.Status == string(tlsync.Skipped) {
		// Already running here or in another process: it was asked for
		// and did not run, which fails the command.
		r.Status = "already_running"
	}
	if cur.HasSnapshot {
		r.HasSnapshot, r.Users, r.Licensed = true, cur.Users, cur.Licensed
		r.MFACoveragePct, r.Inactive, r.UnusedLicenses = cur.MFACoveragePct, cur.Inactive, cur.UnusedLicenses
		r.InactiveLicensed, r.InactiveDays = cur.InactiveLicensed, cur.InactiveDays
	}
	return r
}

func printSyncRows(w io.Writer, rows []SyncRow) {
	for _, r := range rows {
		switch {
		case r.Status == string(types.RunSucceeded):
			inactive := "unknown"
			if r.Inactive >= 0 {
				inactive = fmt.Sprint(r.Inactive)
			}
			mfa := "unavailable"
			if r.MFAAvailable {
				mfa = strconv.FormatFloat(r.MFACoveragePct, 'f', 1, 64) + "%"
			}
			fmt.Fprintf(w, "ok       %s: %d users, %d licensed, MFA %s, %s inactive (%.1f s)\n",
				r.DisplayName, r.Users, r.Licensed, mfa, inactive, float64(r.TookMs)/1000)
		case r.Status == skippedNotReady:
			fmt.Fprintf(w, "skipped  %s: %s\n", r.DisplayName, r.Error)
		default:
			fmt.Fprintf(w, "FAILED   %s: %s: %s\n", r.DisplayName, r.Status, orDash(r.Error))
		}
	}
}
