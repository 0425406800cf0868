package bridge

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"tenantlens/backend/config"
	"tenantlens/backend/graphsim"
	"tenantlens/backend/services"
	"tenantlens/backend/store"
	"tenantlens/backend/types"
)

// The Licensing service's reclaim list is exactly what the dry run checks
// (one item per listed user and licence); after an apply through the bound
// Reclaim service, AuditRows offers Undo on the removals that were done and
// on nothing else, and once undone (graphsim holds the licence again) the
// row says so and offers it no more.
func TestReclaimListMatchesDryRunAndAuditRowsOfferUndo(t *testing.T) {
	sim := graphsim.New(graphsim.Options{Seed: 1, AutoConsent: true})
	if err := sim.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	service := "TenantLens-test-licensing-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	t.Cleanup(func() { _ = keyring.DeleteAll(service) })
	svc, err := services.Open(context.Background(), services.Options{Home: t.TempDir(), KeychainService: service,
		Override: func(c *config.Config) {
			c.Authority, c.Graph, c.CatalogURL, c.ClientID = sim.AuthorityURL(), sim.GraphURL(), sim.CatalogURL(), graphsim.DemoClientID
		}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	ctx := context.Background()
	for sku, price := range graphsim.DemoPrices {
		if err := svc.Store.SetPrice(ctx, types.Price{SkuID: sku, UnitPrice: price, Currency: "USD", Billing: types.BillingMonthly}); err != nil {
			t.Fatal(err)
		}
	}
	b := New(func() (*services.Services, error) { return svc, nil }, nil, Options{OpenURL: httpGet})

	var tenant *graphsim.Tenant
	var list ReclaimListView
	var plan services.ReclaimPlan
	for _, c := range sim.MSP().Customers {
		if !c.DemoConsented || c.Lic == nil {
			continue
		}
		if _, err := b.Tenants.Connect(ConnectRequest{Tenant: c.ID}); err != nil {
			t.Fatalf("connect %s: %v", c.DisplayName, err)
		}
		svc.Sync.Wait()
		if list, err = b.Licensing.ReclaimList(c.ID, 0); err != nil {
			t.Fatal(err)
		}
		if plan, err = b.Reclaim.DryRun(services.ReclaimRequest{TenantID: c.ID}); err != nil {
			t.Fatal(err)
		}
		if plan.Removable >= 2 {
			tenant = c
			break
		}
	}
	if tenant == nil {
		t.Fatal("no demo customer has two removable licences")
	}

	var listed, planned []string
	monthly := 0.0
	for _, r := range list.Rows {
		if r.TenantID != tenant.ID || r.Currency != "USD" {
			t.Fatalf("row of %s in %s: %+v", r.TenantID, r.Currency, r)
		}
		for _, sku := range r.SkuIDs {
			listed = append(listed, r.UserID+"/"+sku)
		}
		monthly += r.MonthlyCost
	}
	for _, it := range plan.Items {
		planned = append(planned, it.UserID+"/"+it.SkuID)
	}
	sort.Strings(listed)
	sort.Strings(planned)
	if strings.Join(listed, ",") != strings.Join(planned, ",") {
		t.Fatalf("reclaim list %v, dry run %v", listed, planned)
	}
	if list.Currency != "USD" || list.MonthlyCost <= 0 || list.MonthlyCost-monthly > 0.01 || monthly-list.MonthlyCost > 0.01 {
		t.Fatalf("list total %.2f %s, rows add up to %.2f", list.MonthlyCost, list.Currency, monthly)
	}

	if _, err := b.Reclaim.SetLicenceChanges(tenant.ID, true); err != nil {
		t.Fatal(err)
	}
	res, err := b.Reclaim.Apply(services.ReclaimRequest{TenantID: tenant.ID}, plan.TenantName)
	if err != nil {
		t.Fatal(err)
	}
	if res.Removed < 2 {
		t.Fatalf("removed %d of %d", res.Removed, plan.Removable)
	}
	rows, err := b.Licensing.AuditRows(tenant.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(res.Entries) {
		t.Fatalf("%d audit rows for %d changes", len(rows), len(res.Entries))
	}
	var undo store.AuditEntry
	for _, r := range rows {
		want := r.Entry.Action == store.AuditRemove && r.Entry.Result == store.AuditDone
		if r.CanUndo != want || (r.UndoBlocker == "") != want {
			t.Fatalf("entry %d (%s %s): CanUndo %v, blocker %q", r.Entry.ID, r.Entry.Action, r.Entry.Result, r.CanUndo, r.UndoBlocker)
		}
		if want && undo.ID == 0 {
			undo = r.Entry
		}
	}
	if _, err := b.Reclaim.Undo(undo.ID); err != nil {
		t.Fatal(err)
	}
	u, ok := tenant.UserByID(undo.UserID)
	if !ok {
		t.Fatalf("user %s gone from graphsim", undo.UserID)
	}
	held := false
	for _, st := range tenant.LicenseStates(u) {
		held = held || (strings.EqualFold(st.SkuID, undo.SkuID) && st.GroupID == "")
	}
	if !held {
		t.Fatalf("graphsim: %s does not hold %s directly after undo", undo.UserPrincipal, undo.SkuName)
	}
	rows, err = b.Licensing.AuditRows(tenant.ID)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, r := range rows {
		switch {
		case r.Entry.ID == undo.ID:
			found++
			if r.CanUndo || !strings.Contains(r.UndoBlocker, "already undone") {
				t.Fatalf("undone entry still offers undo: %+v", r)
			}
		case r.Entry.UndoOf == undo.ID:
			found++
			if r.CanUndo || r.Entry.Action != store.AuditAdd || r.Entry.Result != store.AuditDone {
				t.Fatalf("the undo's own row: %+v", r)
			}
		}
	}
	if found != 2 {
		t.Fatalf("found %d of the undone entry and its undo", found)
	}
	if _, err := b.Reclaim.Undo(undo.ID); err == nil {
		t.Fatal("a second undo of the same entry was accepted")
	}
}
