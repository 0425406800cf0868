package report

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"tenantlens/backend/derive"
	"tenantlens/backend/review"
	"tenantlens/backend/store"
	"tenantlens/backend/types"
)

// syncDomain commits a fixture snapshot for a tenant whose users live at
// their own domain (so two tenants of one client have distinct emails).
func (e *env) syncDomain(tenantID, domain string, n, variant int) int64 {
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
	snap.TenantID, snap.TenantName, snap.DefaultDomain, snap.Run = tenantID, ten.DisplayName, domain, types.SyncRun{}
	for i := range snap.Users {
		u := &snap.Users[i]
		u.UserPrincipalName = strings.Replace(u.UserPrincipalName, "contoso.example", domain, 1)
		u.Mail = strings.Replace(u.Mail, "contoso.example", domain, 1)
	}
	withRun := *snap
	withRun.Run.ID = run
	if err := e.s.CommitSnapshot(e.ctx, run, snap, store.WithMetrics(derive.ComputeMetrics(&withRun, e.now, nil))); err != nil {
		e.t.Fatal(err)
	}
	return run
}

// importContacts imports a PSA export of the Northwind company.
func (e *env) importContacts(contacts ...store.ImportContact) {
	e.t.Helper()
	for i := range contacts {
		contacts[i].CompanyPSAID, contacts[i].Company = "NW", "Northwind Group"
	}
	if _, err := e.s.ImportContacts(e.ctx, store.ContactBatch{Source: types.SourceCSV, FileName: "contacts.csv",
		Rows: len(contacts), Companies: []store.ImportCompany{{PSAID: "NW", Name: "Northwind Group"}}, Contacts: contacts}); err != nil {
		e.t.Fatal(err)
	}
}

func contact(id, first, last, email string, active bool) store.ImportContact {
	return store.ImportContact{PSAID: id, FirstName: first, LastName: last, Emails: []string{email}, Active: active}
}

// clientEnv is a client with two synced tenants (Alpha: 120 users, Beta:
// 80) and six PSA contacts: four matching accounts (one of them disabled in
// Beta), one without an account, one inactive.
func clientEnv(t *testing.T) (*env, types.Client) {
	e := newEnv(t)
	e.tenant("t-alpha", "Alpha Ltd")
	e.tenant("t-beta", "Beta GmbH")
	e.syncDomain("t-alpha", "alpha.example", 120, 0)
	e.syncDomain("t-beta", "beta.example", 80, 0)
	c, err := e.s.CreateClient(e.ctx, types.Client{Name: "Northwind Group"})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"t-alpha", "t-beta"} {
		if err := e.s.MapTenant(e.ctx, types.TenantMapping{TenantID: id, ClientID: c.ID}); err != nil {
			t.Fatal(err)
		}
	}
	e.importContacts(
		contact("1", "Ann", "Alpha", "user00000@alpha.example", true),
		contact("2", "Bob", "Alpha", "User00001@Alpha.example", true),
		contact("3", "Cat", "Beta", "user00012@beta.example", true), // disabled account
		contact("4", "Dan", "Beta", "user00002@beta.example", true),
		contact("5", "Eve", "Nobody", "eve@northwind.example", true), // no account
		contact("6", "Fay", "Former", "fay@northwind.example", false),
	)
	if c, err = e.s.Client(e.ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	return e, c
}

// breakdownRows returns the Summary's per-tenant table: header and rows.
func breakdownRows(t *testing.T, sum [][]string) ([]string, [][]string) {
	t.Helper()
	for i, r := range sum {
		if len(r) > 2 && r[0] == TenantColumn && r[2] == "Users" {
			var rows [][]string
			for _, x := range sum[i+1:] {
				if len(x) == 0 || x[0] == "" {
					break
				}
				rows = append(rows, x)
			}
			return r, rows
		}
	}
	t.Fatalf("no per-tenant table on the Summary sheet: %q", sum)
	return nil, nil
}

func colOf(t *testing.T, header []string, label string) int {
	t.Helper()
	for i, h := range header {
		if h == label {
			return i
		}
	}
	t.Fatalf("no column %q in %q", label, header)
	return -1
}

// Acceptance: a client workbook's totals equal the sum of its tenants'
// figures, and equal the read model's client totals.
func TestClientWorkbookTotalsEqualTenants(t *testing.T) {
	e, c := clientEnv(t)
	path := e.export(ExportRequest{ClientID: c.ID})
	_, sheets := readAll(t, path)
	days := e.svc.ThresholdOf(types.Template{})
	cd, err := e.svc.review(0).ClientAt(e.ctx, c.ID, days, review.MergeFromAccounts)
	if err != nil {
		t.Fatal(err)
	}
	sum := sheets["Summary"]
	if !strings.HasSuffix(sum[0][0], ": Northwind Group") {
		t.Errorf("Summary title %q does not name the client", sum[0][0])
	}
	header, rows := breakdownRows(t, sum)
	if len(rows) != 2 || rows[0][0] != "Alpha Ltd" || rows[1][0] != "Beta GmbH" {
		t.Fatalf("per-tenant rows %q, want Alpha Ltd and Beta GmbH", rows)
	}
	// each breakdown row is the tenant's own figures (its own report's)
	own := map[string]*Dataset{}
	for _, id := range []string{"t-alpha", "t-beta"} {
		doc, err := e.svc.Live(e.ctx, id, "")
		if err != nil {
			t.Fatal(err)
		}
		own[doc.Data.TenantName] = doc.Data
	}
	kpis := []struct {
		label string
		total float64
		of    func(k *KPIs) float64
	}{
		{"Users", float64(cd.KPI.Users), func(k *KPIs) float64 { return float64(k.Users) }},
		{"Licensed Users", float64(cd.KPI.Licensed), func(k *KPIs) float64 { return float64(k.Licensed) }},
		{"Guests", float64(cd.KPI.Guests), func(k *KPIs) float64 { return float64(k.Guests) }},
		{"Unused Licenses", float64(cd.KPI.Unused), func(k *KPIs) float64 { return float64(k.Unused) }},
		{"Reclaim Candidates", float64(cd.KPI.ReclaimUsers), func(k *KPIs) float64 { return float64(k.ReclaimUsers) }},
		{"Monthly Spend", cd.KPI.MonthlySpend, func(k *KPIs) float64 { return k.MonthlySpend }},
		{"Monthly Waste", cd.KPI.MonthlyWaste, func(k *KPIs) float64 { return k.MonthlyWaste }},
	}
	for _, k := range kpis {
		col := colOf(t, header, k.label)
		var added float64
		for _, r := range rows {
			v := num(t, r[col])
			if want := k.of(&own[r[0]].KPI); math.Abs(v-want) > 0.005 {
				t.Errorf("%s %s: breakdown %v, the tenant's own report %v", r[0], k.label, v, want)
			}
			added += v
		}
		got := num(t, summaryRow(sum, k.label)[1])
		if math.Abs(got-added) > 0.005 || math.Abs(got-k.total) > 0.005 {
			t.Errorf("%s: Summary %v, sum of tenants %v, review.ClientAt %v", k.label, got, added, k.total)
		}
		if k.total == 0 {
			t.Errorf("%s is 0: the fixture should exercise it", k.label)
		}
	}
	// inactivity at the report's threshold, named with it on both tables
	ic := colOf(t, header, InactiveLabel(days))
	if got, added := num(t, summaryRow(sum, InactiveLabel(days))[1]), num(t, rows[0][ic])+num(t, rows[1][ic]); got != added || got != float64(cd.KPI.Inactive) || got == 0 {
		t.Errorf("inactive: Summary %v, tenants %v, review %d", got, added, cd.KPI.Inactive)
	}
	var reg, elig int
	for _, d := range own {
		reg, elig = reg+d.KPI.MFARegistered, elig+d.KPI.MFAEligible
	}
	if got := num(t, summaryRow(sum, "MFA Coverage")[1]); math.Abs(got-float64(reg)/float64(elig)) > 1e-9 || math.Abs(got-cd.KPI.MFACoverage) > 1e-9 {
		t.Errorf("MFA coverage %v, tenants %d/%d, review %v", got, reg, elig, cd.KPI.MFACoverage)
	}

	// The tenant parts span both tenants, each row naming its tenant.
	for _, sheet := range []string{"Users", "Licenses", "MFA", "Reclaim"} {
		rs := sheets[sheet]
		if len(rs) == 0 || len(rs[0]) == 0 || rs[0][0] != TenantColumn {
			t.Fatalf("%s header %q does not start with %s", sheet, rs[0], TenantColumn)
		}
		per := map[string]int{}
		for _, r := range rs[1:] {
			if len(r) == 0 {
				break // the Reclaim totals follow after a blank row
			}
			per[r[0]]++
		}
		for name, d := range own {
			want := len(d.Users)
			switch sheet {
			case "Licenses":
				want = len(d.Licenses)
			case "Reclaim":
				want = len(d.Reclaim)
			}
			if per[name] != want {
				t.Errorf("%s: %d rows of %s, its dataset has %d", sheet, per[name], name, want)
			}
		}
	}

	// Contacts: one row per merged record, categories as the merge's.
	cs := sheets["Contacts"]
	if len(cs)-1 != len(cd.Rows) {
		t.Fatalf("Contacts rows %d, merge rows %d", len(cs)-1, len(cd.Rows))
	}
	counts := map[string]int{}
	for i, r := range cs[1:] {
		counts[r[0]]++
		if want := cd.Rows[i]; r[0] != MatchLabel(want.Match) || r[1] != want.Email || cellAt(r, 4) != want.TenantName {
			t.Errorf("Contacts row %d %q, merge row %+v", i, r, want)
		}
	}
	for _, k := range []derive.MatchKind{derive.MatchMatched, derive.MatchContactOnly, derive.MatchAccountOnly} {
		if counts[MatchLabel(string(k))] != cd.Merge.Count(k) {
			t.Errorf("Contacts %s: %d rows, merge %d", k, counts[MatchLabel(string(k))], cd.Merge.Count(k))
		}
	}
	if cd.Merge.Count(derive.MatchMatched) != 4 || cd.Merge.Count(derive.MatchContactOnly) < 1 {
		t.Errorf("fixture merge: %d matched, %d contact only", cd.Merge.Count(derive.MatchMatched), cd.Merge.Count(derive.MatchContactOnly))
	}
	fs := sheets["Findings"]
	if len(fs)-1 != len(cd.Findings) || len(cd.Findings) == 0 {
		t.Fatalf("Findings rows %d, review %d", len(fs)-1, len(cd.Findings))
	}
	for i, f := range cd.Findings {
		if fs[i+1][1] != f.Sentence || fs[i+1][0] != FindingLabel(f.Kind) {
			t.Errorf("Findings row %d %q, review %+v", i, fs[i+1], f)
		}
	}

	// Trend: one day of runs, the sum of both tenants' stored figures.
	tr := sheets["Trend"]
	if len(tr) != 2 {
		t.Fatalf("Trend rows %q, want one day", tr)
	}
	var users int
	for _, id := range []string{"t-alpha", "t-beta"} {
		h, err := e.s.MetricsHistory(e.ctx, id)
		if err != nil || len(h) != 1 {
			t.Fatalf("metrics of %s: %v %v", id, h, err)
		}
		users += h[0].Users
	}
	if num(t, tr[1][1]) != 2 || num(t, tr[1][2]) != float64(users) {
		t.Errorf("Trend row %q, want 2 tenants and %d users", tr[1], users)
	}
}

// A final client version shows what it showed after the contacts are
// re-imported and a tenant re-syncs; a new version shows the new state.
func TestClientFinalVersionUnchanged(t *testing.T) {
	e, c := clientEnv(t)
	rep, err := e.svc.CreateClientReport(e.ctx, c.ID, "Northwind Q4", 0)
	if err != nil {
		t.Fatal(err)
	}
	if rs, err := e.svc.ClientReports(e.ctx, c.ID); err != nil || len(rs) != 1 || rs[0].ID != rep.ID || rs[0].ClientID != c.ID {
		t.Fatalf("ClientReports %+v %v", rs, err)
	}
	v, err := e.svc.NewVersion(e.ctx, rep.ID)
	if err != nil {
		t.Fatal(err)
	}
	var want []int64
	for _, id := range []string{"t-alpha", "t-beta"} {
		ten, _ := e.s.Tenant(e.ctx, id)
		want = append(want, ten.CurrentRunID)
	}
	if !reflect.DeepEqual(v.RunIDs, want) || len(v.Contacts) != 6 {
		t.Fatalf("version runs %v (want %v), %d contacts (want 6)", v.RunIDs, want, len(v.Contacts))
	}
	per := map[string]int{}
	for _, k := range v.SKUs {
		per[k.TenantID]++
	}
	if per["t-alpha"] == 0 || per["t-beta"] == 0 || per[""] != 0 {
		t.Fatalf("version SKUs per tenant %v", per)
	}
	if err := e.svc.Finalize(e.ctx, v.ID); err != nil {
		t.Fatal(err)
	}
	out := func(name string) map[string][][]string {
		p := filepath.Join(e.dir, name)
		e.export(ExportRequest{VersionID: v.ID, OutPath: p})
		_, sheets := readAll(t, p)
		return sheets
	}
	before := out("v1-before.xlsx")
	if _, rows := breakdownRows(t, before["Summary"]); len(rows) != 2 {
		t.Fatalf("version breakdown %q", rows)
	}

	// Contacts re-imported (Bob gone, Gus new) and Beta re-synced a day later.
	e.importContacts(
		contact("1", "Ann", "Alpha", "user00000@alpha.example", true),
		contact("3", "Cat", "Beta", "user00012@beta.example", true),
		contact("4", "Dan", "Beta", "user00002@beta.example", true),
		contact("5", "Eve", "Nobody", "eve@northwind.example", true),
		contact("6", "Fay", "Former", "fay@northwind.example", false),
		contact("7", "Gus", "New", "user00003@alpha.example", true),
	)
	e.now = e.now.Add(24 * time.Hour)
	e.syncDomain("t-beta", "beta.example", 80, 1)

	after := out("v1-after.xlsx")
	if !reflect.DeepEqual(before, after) {
		for name := range before {
			if !reflect.DeepEqual(before[name], after[name]) {
				t.Errorf("final version's %s sheet changed after a contact re-import and a re-sync", name)
			}
		}
	}

	// A new version sees the new contacts and the new run, with deltas.
	v2, err := e.svc.NewVersion(e.ctx, rep.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(v2.Contacts) != 7 || reflect.DeepEqual(v2.RunIDs, v.RunIDs) {
		t.Fatalf("second version: %d contacts, runs %v (first %v)", len(v2.Contacts), v2.RunIDs, v.RunIDs)
	}
	p := filepath.Join(e.dir, "v2.xlsx")
	e.export(ExportRequest{VersionID: v2.ID, OutPath: p})
	_, sheets := readAll(t, p)
	u1, u2 := summaryRow(before["Summary"], "Users"), summaryRow(sheets["Summary"], "Users")
	if num(t, u2[1]) != num(t, u1[1])+7 || num(t, u2[2]) != num(t, u1[1]) || num(t, u2[3]) != 7 {
		t.Errorf("v2 Users %q (v1 %q): want +7 against v1", u2, u1)
	}
	if len(sheets["Trend"]) != 3 {
		t.Errorf("v2 trend %q, want two days", sheets["Trend"])
	}
	if len(sheets["Contacts"]) == len(before["Contacts"]) && reflect.DeepEqual(sheets["Contacts"], before["Contacts"]) {
		t.Error("v2 Contacts equal v1's although the contacts changed")
	}

	// A draft refreshes to the latest runs and contacts; a final refuses.
	if _, err := e.svc.RefreshDraft(e.ctx, v.ID); err == nil {
		t.Error("refreshing a final client version succeeded")
	}
	e.now = e.now.Add(time.Hour)
	run := e.syncDomain("t-alpha", "alpha.example", 120, 2)
	v2r, err := e.svc.RefreshDraft(e.ctx, v2.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(v2r.RunIDs) != 2 || !slices.Contains(v2r.RunIDs, run) || len(v2r.Contacts) != 7 {
		t.Errorf("refreshed draft runs %v (want %d among 2), %d contacts", v2r.RunIDs, run, len(v2r.Contacts))
	}
}

// The all-clients workbook has one row per client, with review's figures.
func TestAllClientsWorkbook(t *testing.T) {
	e, c := clientEnv(t)
	e.tenant("t-gamma", "Gamma Inc")
	e.syncDomain("t-gamma", "gamma.example", 30, 0)
	other, err := e.s.CreateClient(e.ctx, types.Client{Name: "Contoso Holdings"})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.s.MapTenant(e.ctx, types.TenantMapping{TenantID: "t-gamma", ClientID: other.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.s.CreateClient(e.ctx, types.Client{Name: "Empty Co"}); err != nil {
		t.Fatal(err)
	}
	path := e.export(ExportRequest{AllClients: true})
	_, sheets := readAll(t, path)
	rows := sheets["Clients"]
	want, err := e.svc.ClientRows(e.ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) != 3 || len(rows)-1 != len(want) {
		t.Fatalf("Clients sheet %d rows, %d clients", len(rows)-1, len(want))
	}
	h := rows[0]
	for i, w := range want {
		r := rows[i+1]
		if r[0] != w.Name || num(t, r[colOf(t, h, "Tenants")]) != float64(w.Tenants) {
			t.Errorf("row %d %q, client %+v", i, r, w)
		}
		if w.Synced == 0 {
			if cellAt(r, colOf(t, h, "Users")) != "" {
				t.Errorf("%s without a synced tenant shows users %q", w.Name, r)
			}
			continue
		}
		if num(t, r[colOf(t, h, "Users")]) != float64(w.Users) || num(t, r[colOf(t, h, "Findings")]) != float64(w.Findings) ||
			num(t, r[colOf(t, h, "Contacts")]) != float64(w.Contacts) {
			t.Errorf("row %q, client %+v", r, w)
		}
		if w.ID == c.ID {
			cd, err := e.svc.review(0).ClientAt(e.ctx, c.ID, 0, review.MergeFromAccounts)
			if err != nil {
				t.Fatal(err)
			}
			if num(t, r[colOf(t, h, "Users")]) != float64(cd.KPI.Users) ||
				math.Abs(num(t, r[colOf(t, h, "Monthly Waste")])-cd.KPI.MonthlyWaste) > 0.005 {
				t.Errorf("Northwind row %q, client totals %+v", r, cd.KPI)
			}
		}
	}
}

// The client report as CSV (one file per part) and HTML.
func TestClientCSVAndHTML(t *testing.T) {
	e, c := clientEnv(t)
	res, err := e.exp.Export(e.ctx, ExportRequest{ClientID: c.ID, OutPath: filepath.Join(e.dir, "nw.csv")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := e.svc.LiveClient(e.ctx, c.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	tables := doc.Tables()
	if len(res.Files) != len(tables) {
		t.Fatalf("CSV files %q, parts %d", res.Files, len(tables))
	}
	for i, tb := range tables {
		b, err := os.ReadFile(res.Files[i])
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Count(strings.TrimSpace(string(b)), "\n")
		if lines != tb.Len {
			t.Errorf("%s: %d CSV data lines, %d rows", tb.Label, lines, tb.Len)
		}
	}
	hp := filepath.Join(e.dir, "nw.html")
	if _, err := e.exp.Export(e.ctx, ExportRequest{ClientID: c.ID, OutPath: hp}, nil); err != nil {
		t.Fatal(err)
	}
	hb, err := os.ReadFile(hp)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<h1>Quarterly review: Northwind Group</h1>", "<h2>Tenants</h2>", "<h2>Contacts</h2>", "<h2>Findings</h2>", "Alpha Ltd", "Beta GmbH"} {
		if !strings.Contains(string(hb), want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
}
