package bridge

import (
	"context"
	"math"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"github.com/zalando/go-keyring"

	"tenantlens/backend/config"
	"tenantlens/backend/graphsim"
	"tenantlens/backend/services"
	"tenantlens/backend/types"
)

// What changed export: graphsim's directory changes between two syncs;
// History.ExportComparison writes a workbook with just the What changed
// sheet, whose rows equal History.Compare's lists (kind, tenant, user,
// UPN, licence, cost) in order; without a path the save dialog asks, and
// a cancelled dialog writes nothing.
func TestHistoryExportComparison(t *testing.T) {
	if testing.Short() {
		t.Skip("ground truth, not goroutines meeting: make test runs it without -race; its -race pass (-short) skips it")
	}
	sim := graphsim.New(graphsim.Options{AutoConsent: true})
	if err := sim.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	service := "TenantLens-test-whatchanged-" + time.Now().Format("150405.000000")
	t.Cleanup(func() { _ = keyring.DeleteAll(service) })
	override := func(c *config.Config) {
		c.Authority, c.Graph, c.CatalogURL, c.ClientID = sim.AuthorityURL(), sim.GraphURL(), sim.CatalogURL(), graphsim.DemoClientID
	}
	svc, err := services.Open(context.Background(), services.Options{Home: t.TempDir(), KeychainService: service, Override: override})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	dir := t.TempDir()
	dialogPath := ""
	b := New(func() (*services.Services, error) { return svc, nil }, nil, Options{OpenURL: httpGet,
		SaveDialog: func(string, string) (string, error) { return dialogPath, nil }})
	if _, err := b.Tenants.Connect(ConnectRequest{Partner: true}); err != nil {
		t.Fatal(err)
	}
	svc.Sync.Wait()
	ctx := context.Background()
	ts, err := svc.Store.Tenants(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var tn types.Tenant
	for _, x := range ts {
		if x.CurrentRunID != 0 {
			tn = x
			break
		}
	}
	if tn.ID == "" {
		t.Fatal("no synced tenant (fixture)")
	}
	first := tn.CurrentRunID
	snap, err := svc.Store.Snapshot(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	// Disable a licensed member, soft-delete another, and add one.
	var done int
	sku := ""
	for i := range snap.Users {
		u := &snap.Users[i]
		if u.Deleted || !u.AccountEnabled || len(u.Licenses) == 0 || u.ResourceAccount {
			continue
		}
		sku = u.Licenses[0].SkuID
		switch done {
		case 0:
			err = sim.UpdateUser(tn.ID, u.ID, func(g *graphsim.User) { g.AccountEnabled = false })
		case 1:
			err = sim.SoftDeleteUser(tn.ID, u.ID)
		}
		if err != nil {
			t.Fatal(err)
		}
		if done++; done == 2 {
			break
		}
	}
	if _, err := sim.AddUser(tn.ID, &graphsim.User{UserPrincipalName: "bridge.hire@" + tn.DefaultDomain, DisplayName: "Bridge Hire",
		UserType: "Member", AccountEnabled: true, CreatedDateTime: time.Now().UTC().Add(-time.Hour),
		AssignedLicenses: []graphsim.AssignedLicense{{SkuID: sku}}}); err != nil {
		t.Fatal(err)
	}
	if res, err := svc.Sync.SyncTenant(ctx, tn.ID, types.TriggerSchedule); err != nil || res.Status != types.RunSucceeded {
		t.Fatalf("second sync: %+v %v", res, err)
	}
	q := CompareQuery{TenantID: tn.ID, FromRunID: first}
	want, err := b.History.Compare(q)
	if err != nil {
		t.Fatal(err)
	}
	if want.Totals.UsersAdded != 1 || want.Totals.UsersRemoved != 1 || want.Totals.Disabled != 1 {
		t.Fatalf("compare totals %+v, want 1 added, 1 removed, 1 disabled", want.Totals)
	}

	// No path: the dialog is asked; cancelled writes nothing.
	out, err := b.History.ExportComparison(q, "")
	if err != nil || !out.Cancelled || len(out.Files) != 0 {
		t.Fatalf("cancelled dialog: %+v %v", out, err)
	}
	dialogPath = filepath.Join(dir, "changes.xlsx")
	out, err = b.History.ExportComparison(q, "")
	if err != nil || out.Cancelled || !reflect.DeepEqual(out.Files, []string{dialogPath}) {
		t.Fatalf("export: %+v %v", out, err)
	}
	f, err := excelize.OpenFile(dialogPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{"What changed"}) {
		t.Fatalf("sheets %v", got)
	}
	rows, err := f.GetRows("What changed", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	type line struct {
		kind, tenant, user, upn, lic string
		cost                         float64
	}
	var exp []line
	for _, u := range want.Added {
		exp = append(exp, line{"User added", u.TenantName, u.DisplayName, u.UserPrincipalName, strings.Join(u.Licenses, "; "), u.MonthlyCost})
	}
	for _, u := range want.Removed {
		exp = append(exp, line{"User removed", u.TenantName, u.DisplayName, u.UserPrincipalName, strings.Join(u.Licenses, "; "), u.MonthlyCost})
	}
	for _, l := range want.LicencesGained {
		exp = append(exp, line{"Licence gained", l.TenantName, l.DisplayName, l.UserPrincipalName, l.Name, l.MonthlyCost})
	}
	for _, l := range want.LicencesLost {
		exp = append(exp, line{"Licence lost", l.TenantName, l.DisplayName, l.UserPrincipalName, l.Name, l.MonthlyCost})
	}
	for _, m := range want.MFARegistered {
		exp = append(exp, line{"MFA registered", m.TenantName, m.DisplayName, m.UserPrincipalName, "", 0})
	}
	for _, m := range want.MFALost {
		exp = append(exp, line{"MFA lost", m.TenantName, m.DisplayName, m.UserPrincipalName, "", 0})
	}
	for _, u := range want.Disabled {
		exp = append(exp, line{"Disabled", u.TenantName, u.DisplayName, u.UserPrincipalName, strings.Join(u.Licenses, "; "), u.MonthlyCost})
	}
	for _, u := range want.Reenabled {
		exp = append(exp, line{"Re-enabled", u.TenantName, u.DisplayName, u.UserPrincipalName, strings.Join(u.Licenses, "; "), u.MonthlyCost})
	}
	if out.Rows != len(exp) || len(rows) < len(exp)+1 {
		t.Fatalf("%d rows written, %d read, comparison %d", out.Rows, len(rows)-1, len(exp))
	}
	cell := func(r []string, i int) string {
		if i < len(r) {
			return r[i]
		}
		return ""
	}
	for i, w := range exp {
		r := rows[i+1]
		cost := 0.0
		if s := cell(r, 5); s != "" {
			if cost, err = strconv.ParseFloat(s, 64); err != nil {
				t.Fatalf("row %d cost %q", i+1, s)
			}
		}
		got := line{cell(r, 0), cell(r, 1), cell(r, 2), cell(r, 3), cell(r, 4), cost}
		if math.Abs(got.cost-w.cost) > 0.005 {
			t.Errorf("row %d cost %v, compare %v", i+1, got.cost, w.cost)
		}
		got.cost = w.cost
		if got != w {
			t.Errorf("row %d %+v, compare %+v", i+1, got, w)
		}
	}
}
