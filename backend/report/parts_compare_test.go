package report

import (
	"math"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"tenantlens/backend/graphsim"
	"tenantlens/backend/review"
	"tenantlens/backend/types"
)

const whatChanged = "What changed"

// changeSet is what the test did to graphsim's directory.
type changeSet struct {
	added, removed, disabled, mfaOn, mfaOff  string // user IDs ("" when not done)
	gainedUser, gainedSKU, lostUser, lostSKU string
}

func mustDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// current is a tenant's current stored snapshot.
func (e *simEnv) current(t *testing.T, id string) *types.Snapshot {
	t.Helper()
	tn, err := e.st.Tenant(e.ctx, id)
	mustDo(t, err)
	snap, err := e.st.Snapshot(e.ctx, tn.CurrentRunID)
	mustDo(t, err)
	return snap
}

// resync re-reads the tenant in full (MFA registration and licences).
func (e *simEnv) resync(t *testing.T, id string) {
	t.Helper()
	mustDo(t, e.eng.ForceFullSync(e.ctx, id))
	if res, err := e.eng.SyncTenant(e.ctx, id, types.TriggerManual); err != nil || res.Status != types.RunSucceeded {
		t.Fatalf("re-sync: %+v %v", res, err)
	}
}

// mutate changes graphsim's directory of tenant id: a licensed user
// joins, one leaves (soft delete), one is disabled, one gains a priced
// licence, one loses one, and (when MFA is readable) one registers MFA and
// one loses it.
func mutate(t *testing.T, e *simEnv, id string) changeSet {
	t.Helper()
	before := e.current(t, id)
	tn, ok := e.sim.Tenant(id)
	if !ok {
		t.Fatal("no graphsim tenant")
	}
	used := map[string]bool{}
	pick := func(pred func(u *types.User, g *graphsim.User) bool) (*types.User, *graphsim.User) {
		for i := range before.Users {
			u := &before.Users[i]
			g, ok := tn.UserByID(u.ID)
			if u.Deleted || used[u.ID] || !ok || strings.EqualFold(u.UserType, "Guest") || u.ResourceAccount || !u.AccountEnabled {
				continue
			}
			if pred(u, g) {
				used[u.ID] = true
				return u, g
			}
		}
		t.Fatal("no user fits the change (fixture)")
		return nil, nil
	}
	var paid []string
	for _, k := range tn.SKUs {
		if graphsim.DemoPrices[k.SkuID] > 0 || graphsim.DemoPrices[strings.ToLower(k.SkuID)] > 0 {
			paid = append(paid, strings.ToLower(k.SkuID))
		}
	}
	if len(paid) == 0 {
		t.Fatal("tenant has no priced SKU (fixture)")
	}
	var c changeSet
	if before.Flags.MFAAvailable {
		u, _ := pick(func(u *types.User, _ *graphsim.User) bool { return u.MFAStatus == types.MFADisabled })
		mustDo(t, e.sim.UpdateUser(id, u.ID, func(g *graphsim.User) { g.Methods |= graphsim.MethodAuthenticatorPush }))
		c.mfaOn = u.ID
		u, _ = pick(func(u *types.User, _ *graphsim.User) bool { return u.MFAStatus == types.MFAEnabled })
		mustDo(t, e.sim.UpdateUser(id, u.ID, func(g *graphsim.User) { g.Methods = 0 }))
		c.mfaOff = u.ID
	}
	u, _ := pick(func(u *types.User, _ *graphsim.User) bool { return len(u.Licenses) > 0 })
	mustDo(t, e.sim.UpdateUser(id, u.ID, func(g *graphsim.User) { g.AccountEnabled = false }))
	c.disabled = u.ID
	u, _ = pick(func(_ *types.User, g *graphsim.User) bool {
		for _, s := range paid {
			has := false
			for _, l := range g.AssignedLicenses {
				has = has || strings.EqualFold(l.SkuID, s)
			}
			if !has {
				c.gainedSKU = s
				return true
			}
		}
		return false
	})
	mustDo(t, e.sim.UpdateUser(id, u.ID, func(g *graphsim.User) {
		g.AssignedLicenses = append(g.AssignedLicenses, graphsim.AssignedLicense{SkuID: c.gainedSKU})
	}))
	c.gainedUser = u.ID
	u, g := pick(func(_ *types.User, g *graphsim.User) bool { return len(g.AssignedLicenses) > 0 })
	c.lostUser, c.lostSKU = u.ID, strings.ToLower(g.AssignedLicenses[0].SkuID)
	mustDo(t, e.sim.UpdateUser(id, u.ID, func(g *graphsim.User) { g.AssignedLicenses = g.AssignedLicenses[1:] }))
	u, _ = pick(func(_ *types.User, g *graphsim.User) bool { return len(g.AssignedLicenses) > 0 })
	mustDo(t, e.sim.SoftDeleteUser(id, u.ID))
	c.removed = u.ID
	nu, err := e.sim.AddUser(id, &graphsim.User{UserPrincipalName: "what.changed@" + tn.DefaultDomain, Mail: "what.changed@" + tn.DefaultDomain,
		DisplayName: "What Changed", GivenName: "What", Surname: "Changed", UserType: "Member", AccountEnabled: true,
		CreatedDateTime: time.Now().UTC().Add(-time.Hour), UsageLocation: "US",
		AssignedLicenses: []graphsim.AssignedLicense{{SkuID: paid[0]}}})
	mustDo(t, err)
	c.added = nu.ID
	return c
}

// wantChangeRows is a comparison as the What changed sheet must read it
// back (raw cells), in the part's order.
func wantChangeRows(c *review.Comparison) [][]string {
	cost := func(v float64, cur string) string {
		if !review.HasMoney(cur) {
			return ""
		}
		return strconv.FormatFloat(roundCents(v), 'f', -1, 64)
	}
	var out [][]string
	for _, g := range []struct {
		kind string
		us   []review.UserChange
	}{{"User added", c.Added}, {"User removed", c.Removed}} {
		for _, u := range g.us {
			out = append(out, []string{g.kind, u.TenantName, u.DisplayName, u.UserPrincipalName, strings.Join(u.Licenses, "; "), cost(u.MonthlyCost, u.Currency)})
		}
	}
	for _, g := range []struct {
		kind string
		ls   []review.LicenceChange
	}{{"Licence gained", c.LicencesGained}, {"Licence lost", c.LicencesLost}} {
		for _, l := range g.ls {
			out = append(out, []string{g.kind, l.TenantName, l.DisplayName, l.UserPrincipalName, l.Name, cost(l.MonthlyCost, l.Currency)})
		}
	}
	for _, g := range []struct {
		kind string
		ms   []review.MFAChange
	}{{"MFA registered", c.MFARegistered}, {"MFA lost", c.MFALost}} {
		for _, m := range g.ms {
			out = append(out, []string{g.kind, m.TenantName, m.DisplayName, m.UserPrincipalName, "", ""})
		}
	}
	for _, g := range []struct {
		kind string
		us   []review.UserChange
	}{{"Disabled", c.Disabled}, {"Re-enabled", c.Reenabled}} {
		for _, u := range g.us {
			out = append(out, []string{g.kind, u.TenantName, u.DisplayName, u.UserPrincipalName, strings.Join(u.Licenses, "; "), cost(u.MonthlyCost, u.Currency)})
		}
	}
	return out
}

// checkWhatChanged asserts the sheet equals the comparison: every row in
// order (6 columns, cost to the cent), then the totals block.
func checkWhatChanged(t *testing.T, rows [][]string, c *review.Comparison) {
	t.Helper()
	want := wantChangeRows(c)
	if len(rows) == 0 || !reflect.DeepEqual(rows[0], []string{"Change", "Tenant", "User", "UPN", "Licence", "Monthly Cost"}) {
		t.Fatalf("What changed header %q", rows)
	}
	if len(rows) < len(want)+1 {
		t.Fatalf("What changed has %d rows, comparison %d", len(rows)-1, len(want))
	}
	for i, w := range want {
		got := rows[i+1]
		for j := 0; j < 6; j++ {
			g := cellAt(got, j)
			if j == 5 && g != "" && w[5] != "" {
				if math.Abs(fnum(t, g)-fnum(t, w[5])) > 0.005 {
					t.Errorf("row %d cost %q, comparison %q", i+1, g, w[5])
				}
				continue
			}
			if g != w[j] {
				t.Errorf("row %d: %q, comparison %q", i+1, got, w)
				break
			}
		}
	}
	// The totals block: two rows below the table.
	at := max(2, len(want)+1) + 2 - 1
	if len(rows) <= at || cellAt(rows[at], 0) != "Totals" {
		t.Fatalf("no totals block at row %d: %q", at+1, rows[len(want)+1:])
	}
	for i := len(want) + 1; i < at; i++ {
		if len(rows[i]) != 0 {
			t.Errorf("row %d between the table and the totals is %q", i+1, rows[i])
		}
	}
	tot := c.Totals
	counts := []int{tot.UsersAdded, tot.UsersRemoved, tot.LicencesGained, tot.LicencesLost, tot.MFARegistered, tot.MFALost, tot.Disabled, tot.Reenabled}
	parts := []float64{tot.CostAdded, tot.CostRemoved, tot.CostLicencesGained, tot.CostLicencesLost}
	for i, n := range counts {
		r := rows[at+1+i]
		if cellAt(r, 0) != CompareTotalsLabels[i] || fnum(t, cellAt(r, 1)) != float64(n) {
			t.Errorf("totals row %q, want %s %d", r, CompareTotalsLabels[i], n)
		}
		// users and licences carry their own money; the other counts none
		if i < len(parts) && review.HasMoney(tot.Currency) {
			if math.Abs(fnum(t, cellAt(r, 2))-parts[i]) > 0.005 {
				t.Errorf("totals row %q, want cost %.2f", r, parts[i])
			}
		} else if cellAt(r, 2) != "" {
			t.Errorf("totals row %q has a cost", r)
		}
	}
	for i, v := range []float64{tot.CostGained, tot.CostLost, tot.CostChange} {
		r := rows[at+9+i]
		if cellAt(r, 0) != CompareTotalsLabels[8+i] || math.Abs(fnum(t, cellAt(r, 2))-v) > 0.005 {
			t.Errorf("totals row %q, want %s %.2f", r, CompareTotalsLabels[8+i], v)
		}
	}
	next := at + 12
	for _, s := range c.Sides {
		if next >= len(rows) || cellAt(rows[next], 0) != "Compared" || cellAt(rows[next], 1) != s.TenantName {
			t.Errorf("compared row %d: %q, want %s", next+1, rows[min(next, len(rows)-1)], s.TenantName)
		}
		next++
	}
	for _, n := range c.Notes {
		if next >= len(rows) || cellAt(rows[next], 1) != n {
			t.Errorf("note row %d, want %q", next+1, n)
		}
		next++
	}
}

// Acceptance: version 1 before graphsim's directory changed, version 2
// after; version 2's What changed sheet equals review's comparison of the
// two runs (every row and the totals), version 1 and live exports keep the
// default sheets, the final version 2's sheet is unchanged after new
// prices and another sync, and a live export with CompareFromRunID equals
// review's comparison of the current run at today's prices.
func TestWhatChangedVersionEqualsReview(t *testing.T) {
	e := newSimEnv(t)
	id := ""
	for _, x := range e.ids {
		if e.current(t, x).Flags.MFAAvailable {
			id = x
			break
		}
	}
	if id == "" {
		t.Fatal("no demo customer with readable MFA (fixture)")
	}
	rep, err := e.svc.CreateReport(e.ctx, id, "QBR", 0)
	mustDo(t, err)
	v1, err := e.svc.NewVersion(e.ctx, rep.ID)
	mustDo(t, err)
	mustDo(t, e.svc.Finalize(e.ctx, v1.ID))
	first := e.export(t, ExportRequest{VersionID: v1.ID}, "v1.xlsx")
	if _, ok := first[whatChanged]; ok || len(first) != len(defaultSheets) {
		t.Errorf("first version's sheets %d (What changed present: %v), want the default %d", len(first), ok, len(defaultSheets))
	}

	cs := mutate(t, e, id)
	e.resync(t, id)
	v2, err := e.svc.NewVersion(e.ctx, rep.ID)
	mustDo(t, err)
	mustDo(t, e.svc.Finalize(e.ctx, v2.ID))
	if reflect.DeepEqual(v1.RunIDs, v2.RunIDs) {
		t.Fatalf("both versions on runs %v", v1.RunIDs)
	}
	want, err := e.review(0).Compare(e.ctx, review.CompareQuery{TenantID: id, FromRunID: v1.RunIDs[0], ToRunID: v2.RunIDs[0]})
	mustDo(t, err)
	// review saw what graphsim did (so the sheet check below is not vacuous).
	has := func(us []review.UserChange, id string) bool {
		for _, u := range us {
			if u.UserID == id {
				return true
			}
		}
		return false
	}
	hasLic := func(ls []review.LicenceChange, user, sku string) bool {
		for _, l := range ls {
			if l.UserID == user && l.SkuID == sku {
				return true
			}
		}
		return false
	}
	if !has(want.Added, cs.added) || !has(want.Removed, cs.removed) || !has(want.Disabled, cs.disabled) ||
		!hasLic(want.LicencesGained, cs.gainedUser, cs.gainedSKU) || !hasLic(want.LicencesLost, cs.lostUser, cs.lostSKU) ||
		len(want.MFARegistered) == 0 || len(want.MFALost) == 0 || want.Totals.CostGained == 0 {
		t.Fatalf("review's comparison lacks graphsim's changes %+v: %+v", cs, want.Totals)
	}

	second := e.export(t, ExportRequest{VersionID: v2.ID}, "v2.xlsx")
	rows, ok := second[whatChanged]
	if !ok {
		t.Fatalf("version 2 has no What changed sheet: %d sheets", len(second))
	}
	checkWhatChanged(t, rows, want)
	if live := e.export(t, ExportRequest{TenantID: id}, "live.xlsx"); len(live) != len(defaultSheets) {
		t.Errorf("live export without CompareFrom has %d sheets, want the default %d", len(live), len(defaultSheets))
	}

	// New prices, another change and another sync: the final v2 keeps its sheet.
	for sku, p := range graphsim.DemoPrices {
		mustDo(t, e.st.SetPrice(e.ctx, types.Price{SkuID: sku, PartNumber: graphsim.SkuPartNumber(sku), UnitPrice: 3 * p, Currency: "USD",
			Billing: types.BillingMonthly}))
	}
	nu, err := e.sim.AddUser(id, &graphsim.User{UserPrincipalName: "later.hire@example.com", DisplayName: "Later Hire",
		UserType: "Member", AccountEnabled: true, CreatedDateTime: time.Now().UTC().Add(-time.Hour)})
	mustDo(t, err)
	e.resync(t, id)
	again := e.export(t, ExportRequest{VersionID: v2.ID}, "v2-again.xlsx")
	if !reflect.DeepEqual(again[whatChanged], rows) {
		t.Errorf("final version 2's What changed sheet changed after new prices and a sync")
	}

	// Live: current vs version 1's run, at today's (tripled) prices.
	live := e.export(t, ExportRequest{TenantID: id, CompareFromRunID: v1.RunIDs[0]}, "live-compare.xlsx")
	lw, err := e.review(0).Compare(e.ctx, review.CompareQuery{TenantID: id, FromRunID: v1.RunIDs[0]})
	mustDo(t, err)
	if !has(lw.Added, nu.ID) || math.Abs(lw.Totals.CostGained-3*want.Totals.CostGained) > 0.02 {
		t.Fatalf("live comparison lacks the later hire or the new prices: %+v (v2 %+v)", lw.Totals, want.Totals)
	}
	checkWhatChanged(t, live[whatChanged], lw)
	if len(live) != len(defaultSheets)+1 {
		t.Errorf("live export with CompareFrom has %d sheets, want %d", len(live), len(defaultSheets)+1)
	}

	// The standalone workbook: just the What changed sheet.
	out := e.dir + "/only.xlsx"
	res, err := e.exp.ExportComparison(e.ctx, review.CompareQuery{TenantID: id, FromRunID: v1.RunIDs[0]}, out, nil)
	mustDo(t, err)
	f, only := readAll(t, out)
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{whatChanged}) || res.Rows != len(wantChangeRows(lw)) {
		t.Fatalf("comparison workbook sheets %v, %d rows", got, res.Rows)
	}
	checkWhatChanged(t, only[whatChanged], lw)

	// A live export of a version, or a client by run, is refused with the remedy.
	if _, err := e.exp.Export(e.ctx, ExportRequest{VersionID: v2.ID, CompareFrom: "2020-01-01", OutPath: e.dir + "/x.xlsx"}, nil); err == nil {
		t.Error("CompareFrom on a version export was accepted")
	}
}

// LibreOffice opens the What changed workbook: converted to CSV, its rows
// (change, tenant, user, UPN, licence) equal review's comparison, and the
// totals block follows.
func TestLibreOfficeOpensWhatChanged(t *testing.T) {
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("soffice is not on PATH (make test installs libreoffice-calc); skipping the LibreOffice conversion")
	}
	e := newSimEnv(t)
	id := e.ids[0]
	from := e.current(t, id).Run.ID
	mutate(t, e, id)
	e.resync(t, id)
	q := review.CompareQuery{TenantID: id, FromRunID: from}
	want, err := e.review(0).Compare(e.ctx, q)
	mustDo(t, err)
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "changes.xlsx")
	if _, err := e.exp.ExportComparison(e.ctx, q, xlsx, nil); err != nil {
		t.Fatal(err)
	}
	csvDir := filepath.Join(dir, "csv")
	soffice(t, dir, "--convert-to", `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1`, "--outdir", csvDir, xlsx)
	files, _ := filepath.Glob(filepath.Join(csvDir, "*.csv"))
	if len(files) != 1 {
		t.Fatalf("LibreOffice wrote %v, want one sheet", files)
	}
	recs := readCSVFile(t, files[0])
	exp := wantChangeRows(want)
	if len(exp) == 0 || len(recs) < len(exp)+3 {
		t.Fatalf("via LibreOffice %d rows, comparison %d", len(recs), len(exp))
	}
	for i, w := range exp {
		if got := recs[i+1]; len(got) < 5 || !reflect.DeepEqual(got[:5], w[:5]) {
			t.Errorf("row %d via LibreOffice %q, comparison %q", i+1, got, w[:5])
		}
	}
	if r := recs[len(exp)+2]; len(r) == 0 || r[0] != "Totals" {
		t.Errorf("no totals block via LibreOffice: %q", recs[len(exp)+1:])
	}
}
