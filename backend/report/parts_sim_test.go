package report

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"tenantlens/backend/catalog"
	"tenantlens/backend/events"
	"tenantlens/backend/graphsim"
	"tenantlens/backend/review"
	"tenantlens/backend/store"
	tlsync "tenantlens/backend/sync"
	"tenantlens/backend/types"
)

// defaultSheets are the sheets of the default template, in order.
var defaultSheets = []string{"Summary", "Users", "Licenses", "MFA", "Reclaim", "Right-size", "Renewals", "Assignment Errors", "Security"}

// simEnv is graphsim's demo MSP (first two customers: Harbor Dental, a
// Conditional Access tenant with a break-glass account, and Cedar & Pine,
// per-user MFA) synced through the real msgraph-sdk-go client and sync
// engine into a real SQLite store, with the catalog graphsim serves and
// the demo's list prices.
type simEnv struct {
	ctx  context.Context
	sim  *graphsim.Sim
	st   *store.Store
	eng  *tlsync.Engine
	cat  *catalog.Catalog
	svc  *Service
	exp  *Exporter
	ids  []string
	dir  string
	toks map[string]string
}

func newSimEnv(t *testing.T) *simEnv {
	t.Helper()
	e := &simEnv{ctx: context.Background(), sim: graphsim.New(graphsim.Options{Seed: 1, Tenants: 2}), dir: t.TempDir(), toks: map[string]string{}}
	if err := e.sim.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.sim.Close)
	st, err := store.Open(filepath.Join(e.dir, "data"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e.st = st
	for _, c := range e.sim.MSP().Customers {
		if err := st.UpsertTenant(e.ctx, types.Tenant{ID: c.ID, DisplayName: c.DisplayName, DefaultDomain: c.DefaultDomain,
			Domains: c.Domains, Access: types.AccessReady, Demo: true}); err != nil {
			t.Fatal(err)
		}
		e.toks[c.ID] = e.sim.IssueToken(c.ID)
		e.ids = append(e.ids, c.ID)
	}
	for id, p := range graphsim.DemoPrices {
		if err := st.SetPrice(e.ctx, types.Price{SkuID: id, PartNumber: graphsim.SkuPartNumber(id), UnitPrice: p, Currency: "USD",
			Billing: types.BillingMonthly}); err != nil {
			t.Fatal(err)
		}
	}
	e.eng, err = tlsync.New(tlsync.Options{Store: st, GraphBase: e.sim.GraphURL(), Bus: events.NewRecorder(), Cooldown: time.Nanosecond,
		Tokens: func(id string) (oauth2.TokenSource, error) {
			return oauth2.StaticTokenSource(&oauth2.Token{AccessToken: e.toks[id], TokenType: "Bearer"}), nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	if e.cat, _, err = (&catalog.Source{URL: e.sim.CatalogURL(), Dir: t.TempDir()}).Load(e.ctx); err != nil {
		t.Fatal(err)
	}
	e.svc = NewService(st, st, e.cat)
	e.exp = NewExporter(e.svc)
	e.syncAll(t)
	return e
}

func (e *simEnv) syncAll(t *testing.T) {
	t.Helper()
	res, err := e.eng.SyncAll(e.ctx, nil, types.TriggerManual)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Status != types.RunSucceeded {
			t.Fatalf("sync of %s: %s %s", r.TenantID, r.Status, r.Error)
		}
	}
}

// review is the read model straight over the store (the database), at a
// threshold.
func (e *simEnv) review(days int) *review.Service {
	return &review.Service{Src: e.st, Names: e.cat, InactiveDays: days}
}

func (e *simEnv) export(t *testing.T, req ExportRequest, name string) map[string][][]string {
	t.Helper()
	req.OutPath = filepath.Join(e.dir, name)
	if _, err := e.exp.Export(e.ctx, req, nil); err != nil {
		t.Fatalf("Export(%+v): %v", req, err)
	}
	_, rows := readAll(t, req.OutPath)
	return rows
}

// showColumns makes the default template show the given columns of a part.
func (e *simEnv) showColumns(t *testing.T, kind types.PartKind, keys ...string) {
	t.Helper()
	tpl, err := e.svc.DefaultTemplate(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	show := map[string]bool{}
	for _, k := range keys {
		show[k] = true
	}
	for i := range tpl.Parts {
		if tpl.Parts[i].Kind != kind {
			continue
		}
		for j := range tpl.Parts[i].Columns {
			if show[tpl.Parts[i].Columns[j].Key] {
				tpl.Parts[i].Columns[j].Visible = true
			}
		}
	}
	if _, err := e.svc.SaveTemplate(e.ctx, tpl); err != nil {
		t.Fatal(err)
	}
}

// header maps a sheet's labels to column indexes.
func header(t *testing.T, rows [][]string, labels ...string) map[string]int {
	t.Helper()
	if len(rows) == 0 {
		t.Fatal("sheet has no header row")
	}
	idx := map[string]int{}
	for i, l := range rows[0] {
		idx[l] = i
	}
	for _, l := range labels {
		if _, ok := idx[l]; !ok {
			t.Fatalf("header %q lacks %q", rows[0], l)
		}
	}
	return idx
}

// fnum is a raw numeric cell ("" = 0).
func fnum(t *testing.T, s string) float64 {
	t.Helper()
	if s == "" {
		return 0
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("cell %q is not a number", s)
	}
	return v
}

// day is a raw date cell as YYYY-MM-DD ("" = empty).
func day(t *testing.T, s string) string {
	t.Helper()
	if s == "" {
		return ""
	}
	return serialTime(t, s).Format("2006-01-02")
}

// rfcDay is a view's RFC 3339 time as YYYY-MM-DD.
func rfcDay(s string) string {
	if s == "" {
		return ""
	}
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return "bad:" + s
	}
	return tm.UTC().Format("2006-01-02")
}
