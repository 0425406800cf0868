package report

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tenantlens/backend/derive"
	"tenantlens/backend/events"
	"tenantlens/backend/store"
	"tenantlens/backend/types"
)

// env is a real store (SQLite in a temp folder) with a controllable clock,
// the report service and exporter over it.
type env struct {
	t   *testing.T
	ctx context.Context
	s   *store.Store
	svc *Service
	exp *Exporter
	now time.Time
	dir string
}

func newEnv(t *testing.T) *env {
	e := &env{t: t, ctx: context.Background(), now: at, dir: t.TempDir()}
	s, err := store.Open(filepath.Join(e.dir, "data"), store.Options{Now: func() time.Time { return e.now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	e.s = s
	e.svc = NewService(s, s, testCatalog(t))
	e.exp = NewExporter(e.svc)
	for _, p := range testPrices() {
		if err := s.SetPrice(e.ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	return e
}

func (e *env) tenant(id, name string) {
	if err := e.s.UpsertTenant(e.ctx, types.Tenant{ID: id, DisplayName: name}); err != nil {
		e.t.Fatal(err)
	}
}

// sync commits a fixture snapshot as a real sync run at the env's clock.
func (e *env) sync(tenantID string, n, variant int) int64 {
	e.t.Helper()
	run, err := e.s.BeginRun(e.ctx, tenantID, types.TriggerManual)
	if err != nil {
		e.t.Fatal(err)
	}
	ten, err := e.s.Tenant(e.ctx, tenantID)
	if err != nil {
		e.t.Fatal(err)
	}
	snap := fixtureSnapshot(n, variant, e.now)
	snap.TenantID, snap.TenantName, snap.Run = tenantID, ten.DisplayName, types.SyncRun{}
	// the run's figures, as the sync engine computes them
	withRun := *snap
	withRun.Run.ID = run
	metrics := derive.ComputeMetrics(&withRun, e.now, nil)
	if err := e.s.CommitSnapshot(e.ctx, run, snap, store.WithMetrics(metrics)); err != nil {
		e.t.Fatal(err)
	}
	return run
}

func (e *env) export(req ExportRequest) string {
	e.t.Helper()
	if req.OutPath == "" {
		req.OutPath = filepath.Join(e.dir, "out-"+strings.ReplaceAll(e.t.Name(), "/", "_")+".xlsx")
	}
	res, err := e.exp.Export(e.ctx, req, nil)
	if err != nil {
		e.t.Fatalf("Export(%+v): %v", req, err)
	}
	return res.Files[0]
}

func readAll(t *testing.T, path string) (*excelize.File, map[string][][]string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	out := map[string][][]string{}
	for _, sh := range f.GetSheetList() {
		out[sh] = rawRows(t, f, sh)
	}
	return f, out
}

func summaryRow(rows [][]string, label string) []string {
	for _, r := range rows {
		if len(r) > 0 && r[0] == label {
			return r
		}
	}
	return nil
}

// Acceptance 1: the workbook for a tenant, read back, equals the database.
func TestWorkbookEqualsDatabase(t *testing.T) {
	e := newEnv(t)
	e.tenant("tenant-1", "Contoso Ltd")
	run := e.sync("tenant-1", 400, 0)
	rep, err := e.svc.CreateReport(e.ctx, "tenant-1", "Q4 2026 review", 0)
	if err != nil {
		t.Fatal(err)
	}
	v, err := e.svc.NewVersion(e.ctx, rep.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(v.RunIDs, []int64{run}) {
		t.Fatalf("version runs %v, want [%d]", v.RunIDs, run)
	}
	rec := events.NewRecorder()
	res, err := e.exp.Export(e.ctx, ExportRequest{VersionID: v.ID, OutPath: filepath.Join(e.dir, "q4.xlsx")}, EmitProgress(rec))
	if err != nil {
		t.Fatal(err)
	}
	evs := rec.Events(events.ExportProgress)
	if len(evs) == 0 {
		t.Fatal("no export:progress events")
	}
	if last, ok := evs[len(evs)-1].Payload.(events.ExportProgressPayload); !ok || last.Done != last.Total || last.Total != res.Rows {
		t.Errorf("last export:progress %+v, rows %d", evs[len(evs)-1].Payload, res.Rows)
	}
	f, sheets := readAll(t, res.Files[0])

	// Everything compared with what the database holds.
	snap, err := e.s.Snapshot(e.ctx, run)
	if err != nil {
		t.Fatal(err)
	}
	prices, err := e.s.EffectivePrices(e.ctx, "tenant-1")
	if err != nil {
		t.Fatal(err)
	}
	checkWorkbook(t, f, Build(snap, v.SKUs, v.InactiveDays))

	listed := map[string]types.User{}
	for _, u := range snap.Users {
		if !u.Deleted {
			listed[u.UserPrincipalName] = u
		}
	}
	users := sheets["Users"]
	if len(users)-1 != len(listed) {
		t.Fatalf("Users rows %d, database %d non-deleted users", len(users)-1, len(listed))
	}
	for _, row := range users[1:] {
		u, ok := listed[row[1]]
		if !ok || row[10] != string(u.MFAStatus) || row[6] != yesNo(u.AccountEnabled) || row[4] != u.JobTitle {
			t.Fatalf("Users row %q does not match the database user %+v", row, u)
		}
	}
	lic := sheets["Licenses"]
	for _, s := range snap.SKUs {
		var row []string
		for _, r := range lic[1:] {
			if r[1] == s.PartNumber {
				row = r
			}
		}
		if row == nil || num(t, row[3]) != float64(s.Enabled) || num(t, row[6]) != float64(s.Consumed) || num(t, row[4]) != float64(s.Suspended) {
			t.Fatalf("Licenses row for %s = %q, database %+v", s.PartNumber, row, s)
		}
		if p, ok := prices[s.SkuID]; ok && p.UnitPrice > 0 {
			if want := float64(s.Enabled) * p.Monthly(); math.Abs(num(t, row[9])-want) > 0.005 {
				t.Errorf("%s monthly cost %s, want %.2f", s.PartNumber, row[9], want)
			}
			if want := float64(max(0, s.Enabled-s.Consumed)) * p.Monthly(); math.Abs(num(t, row[10])-want) > 0.005 {
				t.Errorf("%s unused cost %s, want %.2f", s.PartNumber, row[10], want)
			}
		}
	}
	m, err := e.s.Metrics(e.ctx, run)
	if err != nil {
		t.Fatal(err)
	}
	sum := sheets["Summary"]
	if r := summaryRow(sum, "Users"); num(t, r[1]) != float64(m.Users) {
		t.Errorf("Summary Users %q, run metrics %d", r, m.Users)
	}
	if r := summaryRow(sum, "MFA Coverage"); math.Abs(num(t, r[1])*100-m.MFACoveragePct) > 1e-9 {
		t.Errorf("Summary MFA coverage %q, run metrics %.4f%%", r, m.MFACoveragePct)
	}
}

// Acceptance 3: a final version reopened after three more syncs (and a
// price change) shows what it showed; a new version shows the new numbers
// with deltas against it.
func TestFinalVersionUnchangedAfterThreeSyncs(t *testing.T) {
	e := newEnv(t)
	e.tenant("tenant-1", "Contoso Ltd")
	first := e.sync("tenant-1", 300, 0)
	rep, err := e.svc.CreateReport(e.ctx, "tenant-1", "Quarterly review", 0)
	if err != nil {
		t.Fatal(err)
	}
	v1, err := e.svc.NewVersion(e.ctx, rep.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Finalize(e.ctx, v1.ID); err != nil {
		t.Fatal(err)
	}
	_, before := readAll(t, e.export(ExportRequest{VersionID: v1.ID, OutPath: filepath.Join(e.dir, "v1-before.xlsx")}))

	if err := e.s.SetPrice(e.ctx, types.Price{TenantID: "tenant-1", SkuID: skuSPB, PartNumber: "SPB", UnitPrice: 25, Currency: "EUR"}); err != nil {
		t.Fatal(err)
	}
	var last int64
	for i := 1; i <= 3; i++ {
		e.now = e.now.AddDate(0, 1, 0)
		last = e.sync("tenant-1", 300, i)
	}
	if _, err := e.svc.RefreshDraft(e.ctx, v1.ID); !errors.Is(err, store.ErrVersionFinal) {
		t.Errorf("refreshing a final version: %v", err)
	}
	_, after := readAll(t, e.export(ExportRequest{VersionID: v1.ID, OutPath: filepath.Join(e.dir, "v1-after.xlsx")}))
	if !reflect.DeepEqual(before, after) {
		for sh := range before {
			if !reflect.DeepEqual(before[sh], after[sh]) {
				t.Errorf("sheet %s of the final version changed after three syncs", sh)
			}
		}
	}

	v2, err := e.svc.NewVersion(e.ctx, rep.ID)
	if err != nil {
		t.Fatal(err)
	}
	if v2.Number != 2 || !reflect.DeepEqual(v2.RunIDs, []int64{last}) {
		t.Fatalf("v2 = number %d runs %v, want 2 and [%d] (first was %d)", v2.Number, v2.RunIDs, last, first)
	}
	_, now := readAll(t, e.export(ExportRequest{VersionID: v2.ID, OutPath: filepath.Join(e.dir, "v2.xlsx")}))
	snapNew, _ := e.s.Snapshot(e.ctx, last)
	dNew := Build(snapNew, v2.SKUs, v2.InactiveDays)
	old := summaryRow(before["Summary"], "Users")
	cur := summaryRow(now["Summary"], "Users")
	if num(t, cur[1]) != float64(dNew.KPI.Users) || cur[2] != old[1] || num(t, cur[3]) != num(t, cur[1])-num(t, old[1]) || num(t, cur[3]) == 0 {
		t.Errorf("Users in v2 %q (v1 %q), want new value %d, previous = v1, change = difference ≠ 0", cur, old, dNew.KPI.Users)
	}
	for _, label := range []string{"Monthly Spend", "MFA Coverage", "Unused Licenses", "Monthly Waste", "Licensed Users"} {
		o, c := summaryRow(before["Summary"], label), summaryRow(now["Summary"], label)
		if c[2] != o[1] || math.Abs(num(t, c[3])-(num(t, c[1])-num(t, o[1]))) > 0.006 {
			t.Errorf("%s in v2 %q, v1 %q: previous must be v1's value, change the difference", label, c, o)
		}
	}
	if a, b := summaryRow(before["Summary"], "Monthly Spend"), summaryRow(now["Summary"], "Monthly Spend"); a[1] == b[1] {
		t.Errorf("monthly spend did not move with the new SPB price: %q", b)
	}
}

func TestApplyPartSettingsToDrafts(t *testing.T) {
	e := newEnv(t)
	e.tenant("tenant-1", "Contoso Ltd")
	e.sync("tenant-1", 50, 0)
	tpl, err := e.svc.DefaultTemplate(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if tpl.Name != DefaultTemplateName || !tpl.IsDefault {
		t.Fatalf("default template %+v", tpl)
	}
	rep, _ := e.svc.CreateReport(e.ctx, "tenant-1", "QBR", tpl.ID)
	final, _ := e.svc.NewVersion(e.ctx, rep.ID)
	if err := e.svc.Finalize(e.ctx, final.ID); err != nil {
		t.Fatal(err)
	}
	draft, _ := e.svc.NewVersion(e.ctx, rep.ID)

	for i := range tpl.Parts {
		if tpl.Parts[i].Kind == types.PartUsers {
			tpl.Parts[i].Columns = layoutColumns(tpl.Parts[i].Columns)
		}
	}
	if _, err := e.svc.SaveTemplate(e.ctx, tpl); err != nil {
		t.Fatal(err)
	}
	n, err := e.svc.ApplyPartToDrafts(e.ctx, tpl.ID, types.PartUsers)
	if err != nil || n != 1 {
		t.Fatalf("ApplyPartToDrafts = %d, %v; want the one draft", n, err)
	}
	_, d := readAll(t, e.export(ExportRequest{VersionID: draft.ID, OutPath: filepath.Join(e.dir, "draft.xlsx")}))
	_, f := readAll(t, e.export(ExportRequest{VersionID: final.ID, OutPath: filepath.Join(e.dir, "final.xlsx")}))
	if !reflect.DeepEqual(d["Users"][0], layoutHeader) {
		t.Errorf("draft Users header %q, want %q", d["Users"][0], layoutHeader)
	}
	if !reflect.DeepEqual(f["Users"][0], designUsersLabels) {
		t.Errorf("final Users header changed: %q", f["Users"][0])
	}
	// A live export by template name uses the edited template too.
	_, live := readAll(t, e.export(ExportRequest{TenantID: "tenant-1", Template: "quarterly REVIEW", OutPath: filepath.Join(e.dir, "live.xlsx")}))
	if !reflect.DeepEqual(live["Users"][0], layoutHeader) {
		t.Errorf("live Users header %q", live["Users"][0])
	}
}

func TestAllTenantsWorkbookAndOtherFormats(t *testing.T) {
	e := newEnv(t)
	e.tenant("tenant-1", "Contoso Ltd")
	e.tenant("tenant-2", "Fabrikam")
	e.tenant("tenant-3", "Northwind (never synced)")
	e.sync("tenant-1", 120, 0)
	e.sync("tenant-2", 60, 2)
	_, sheets := readAll(t, e.export(ExportRequest{AllTenants: true, OutPath: filepath.Join(e.dir, "all.xlsx")}))
	rows := sheets["Tenants"]
	if len(sheets) != 1 || len(rows) != 4 {
		t.Fatalf("all-tenants workbook: sheets %d rows %d, want 1 sheet, header + 3 tenants", len(sheets), len(rows))
	}
	for _, id := range []string{"tenant-1", "tenant-2"} {
		snap, err := e.s.CurrentSnapshot(e.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		prices, _ := e.s.EffectivePrices(e.ctx, id)
		k := Build(snap, FreezeSKUs(snap, prices, nil), 0).KPI
		row := summaryRow(rows, snap.TenantName)
		if row == nil || num(t, row[3]) != float64(k.Users) || num(t, row[4]) != float64(k.Licensed) ||
			math.Abs(num(t, row[9])-k.MonthlySpend) > 0.005 || math.Abs(num(t, row[13])-k.MonthlyWaste) > 0.005 {
			t.Errorf("row %q, KPIs %+v", row, k)
		}
	}
	if r := summaryRow(rows, "Northwind (never synced)"); r == nil || r[len(r)-1] != "Not synced yet" {
		t.Errorf("unsynced tenant row %q", r)
	}

	res, err := e.exp.Export(e.ctx, ExportRequest{TenantID: "tenant-1", OutPath: filepath.Join(e.dir, "c.csv")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var wantFiles []string
	for _, s := range defaultSheets {
		wantFiles = append(wantFiles, "c - "+s+".csv")
	}
	var got []string
	for _, f := range res.Files {
		got = append(got, filepath.Base(f))
	}
	if !reflect.DeepEqual(got, wantFiles) {
		t.Errorf("CSV files %v, want %v", got, wantFiles)
	}
	one, err := e.exp.Export(e.ctx, ExportRequest{TenantID: "tenant-1", Part: types.PartLicenses, OutPath: filepath.Join(e.dir, "lic.csv")}, nil)
	if err != nil || len(one.Files) != 1 {
		t.Fatalf("single-part CSV: %v %v", one, err)
	}
	b, _ := os.ReadFile(one.Files[0])
	if !strings.HasPrefix(string(b), "\uFEFF"+strings.Join(designLicensesLabels, ",")+"\r\n") {
		t.Errorf("Licenses CSV starts %q", string(b[:min(len(b), 120)]))
	}
	html := e.export(ExportRequest{TenantID: "tenant-2", Format: FormatHTML, OutPath: filepath.Join(e.dir, "f.html")})
	hb, _ := os.ReadFile(html)
	if !strings.Contains(string(hb), "<h1>Quarterly review: Fabrikam</h1>") || strings.Contains(string(hb), "Contoso Ltd") {
		t.Errorf("HTML heading missing: %.300s", hb)
	}
	if _, err := e.exp.Export(e.ctx, ExportRequest{TenantID: "tenant-3", OutPath: filepath.Join(e.dir, "n.xlsx")}, nil); !errors.Is(err, ErrNoData) {
		t.Errorf("export of a never-synced tenant: %v", err)
	}
	if _, err := os.Stat(filepath.Join(e.dir, "n.xlsx")); !os.IsNotExist(err) {
		t.Errorf("a failed export left a file: %v", err)
	}
	entries, _ := os.ReadDir(e.dir)
	for _, en := range entries {
		if strings.HasSuffix(en.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", en.Name())
		}
	}
}
