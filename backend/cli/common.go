package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	gosync "sync"
	"text/tabwriter"
	"time"

	"tenantlens/backend/events"
	"tenantlens/backend/review"
	"tenantlens/backend/services"
	"tenantlens/backend/store"
	"tenantlens/backend/types"
)

// session is one command's view of the composed services: the same
// services and read model (review) the window uses, so the CLI prints the
// numbers the UI shows.
type session struct {
	svc *services.Services
	rv  *review.Service
}

// open opens the data folder (TENANTLENS_HOME or the default) with the
// configuration from the environment and settings. On failure it prints
// the reason (the data-folder lock says "TenantLens is already running on
// this data folder") and returns the exit code.
func open(ctx context.Context, env Env, name string, bus events.Bus) (*session, int) {
	svc, err := services.Open(ctx, services.Options{Bus: bus})
	if err != nil {
		if errors.Is(err, store.ErrAlreadyRunning) {
			fmt.Fprintf(env.Stderr, "tenantlens %s: %s (close the window or the other tenantlens command first)\n", name, store.ErrAlreadyRunning)
			return nil, 1
		}
		fmt.Fprintf(env.Stderr, "tenantlens %s: %v\n", name, err)
		return nil, 1
	}
	return &session{svc: svc, rv: svc.Review(review.NewCache())}, 0
}

func (s *session) close() { _ = s.svc.Close() }

// mfaCell is the MFA coverage as the tables show it.
func mfaCell(r review.TenantRow) string {
	switch {
	case !r.HasSnapshot:
		return "-"
	case !r.MFAAvailable:
		return "unavailable"
	}
	return strconv.FormatFloat(r.MFACoveragePct, 'f', 1, 64)
}

// newFlags is a flag set that reports parse errors on stderr (exit 2).
func newFlags(name string, env Env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	return fs
}

// parse parses args and refuses positional arguments.
func parse(fs *flag.FlagSet, env Env, args []string) bool {
	if err := fs.Parse(args); err != nil {
		return false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "tenantlens %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return false
	}
	return true
}

// usageError prints a message and returns exit code 2.
func usageError(env Env, name, msg string) int {
	fmt.Fprintf(env.Stderr, "tenantlens %s: %s\n", name, msg)
	return 2
}

// fail prints an error and returns exit code 1.
func fail(env Env, name string, err error) int {
	fmt.Fprintf(env.Stderr, "tenantlens %s: %v\n", name, err)
	return 1
}

// writeJSON prints v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// table writes aligned columns.
type table struct{ tw *tabwriter.Writer }

func newTable(w io.Writer, header ...string) *table {
	t := &table{tw: tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)}
	t.row(header...)
	return t
}

func (t *table) row(cells ...string) {
	for i, c := range cells {
		cells[i] = strings.NewReplacer("\t", " ", "\n", " ").Replace(c)
	}
	fmt.Fprintln(t.tw, strings.Join(cells, "\t"))
}

func (t *table) flush() { _ = t.tw.Flush() }

// orDash shows "-" for an empty cell.
func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

// shortTime turns an RFC 3339 time into local "2006-01-02 15:04".
func shortTime(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return orDash(s)
	}
	return t.Local().Format("2006-01-02 15:04")
}

// errNoTenants is the answer of commands that need a tenant before any
// was connected.
var errNoTenants = errors.New("no tenants are connected yet: run `tenantlens connect --tenant DOMAIN` or `tenantlens connect --partner` first")

// findTenant resolves what a user typed for --tenant: the tenant ID, one of
// its verified domains, or its display name (case-insensitive).
func findTenant(ctx context.Context, svc *services.Services, what string) (types.Tenant, error) {
	what = strings.TrimSpace(what)
	ts, err := svc.Store.Tenants(ctx)
	if err != nil {
		return types.Tenant{}, err
	}
	if len(ts) == 0 {
		return types.Tenant{}, errNoTenants
	}
	match := func(pred func(types.Tenant) bool) []types.Tenant {
		var out []types.Tenant
		for _, t := range ts {
			if pred(t) {
				out = append(out, t)
			}
		}
		return out
	}
	rules := []func(types.Tenant) bool{
		func(t types.Tenant) bool { return strings.EqualFold(t.ID, what) },
		func(t types.Tenant) bool {
			if strings.EqualFold(t.DefaultDomain, what) {
				return true
			}
			for _, d := range t.Domains {
				if strings.EqualFold(d, what) {
					return true
				}
			}
			return false
		},
		func(t types.Tenant) bool { return strings.EqualFold(t.DisplayName, what) },
	}
	for _, r := range rules {
		switch m := match(r); len(m) {
		case 0:
			continue
		case 1:
			return m[0], nil
		default:
			names := make([]string, 0, len(m))
			for _, t := range m {
				names = append(names, t.ID+" ("+t.DisplayName+")")
			}
			return types.Tenant{}, fmt.Errorf("%q matches several tenants: %s; use the tenant ID", what, strings.Join(names, ", "))
		}
	}
	return types.Tenant{}, fmt.Errorf("no connected tenant has the ID, domain or name %q (`tenantlens tenants` lists them)", what)
}

// progressPrinter is the event bus of a CLI command: it prints sync and
// export progress on w, at most one line per tenant every interval unless
// the phase changes, plus connect steps. Everything else is dropped.
type progressPrinter struct {
	w        io.Writer
	interval time.Duration
	names    func(tenantID string) string

	mu   gosync.Mutex
	last map[string]printed
}

type printed struct {
	phase string
	at    time.Time
}

func newProgressPrinter(w io.Writer, interval time.Duration) *progressPrinter {
	return &progressPrinter{w: w, interval: interval, last: map[string]printed{}}
}

// pass reports whether a progress line for key should be printed now.
func (p *progressPrinter) pass(key, phase string, final bool) bool {
	now := time.Now()
	l, seen := p.last[key]
	if seen && l.phase == phase && !final && now.Sub(l.at) < p.interval {
		return false
	}
	p.last[key] = printed{phase: phase, at: now}
	return true
}

func (p *progressPrinter) Emit(name string, payload any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch v := payload.(type) {
	case events.SyncProgressPayload:
		if !p.pass("sync|"+v.TenantID, v.Phase, false) {
			return
		}
		who := v.TenantID
		if p.names != nil {
			who = p.names(v.TenantID)
		}
		if v.Total > 0 {
			fmt.Fprintf(p.w, "sync: %s: %s %d/%d\n", who, v.Phase, v.Done, v.Total)
		} else {
			fmt.Fprintf(p.w, "sync: %s: %s\n", who, v.Phase)
		}
	case events.ExportProgressPayload:
		final := v.Total > 0 && v.Done >= v.Total
		if !p.pass("export", "", final) {
			return
		}
		fmt.Fprintf(p.w, "export: %d/%d rows\n", v.Done, v.Total)
	}
}

func (p *progressPrinter) On(string, func(...any)) func() { return func() {} }
