package services

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"tenantlens/backend/config"
	"tenantlens/backend/graph"
	"tenantlens/backend/graphsim"
	"tenantlens/backend/identity"
	"tenantlens/backend/store"
	"tenantlens/backend/types"
)

// reclaimEnv is one demo customer connected directly and synced through the
// real SDK from graphsim, with a real SQLite file and the real keychain.
type reclaimEnv struct {
	svc     *Services
	sim     *graphsim.Sim
	tenant  *graphsim.Tenant
	home    string
	service string
	plan    ReclaimPlan // the dry run before licence changes were allowed
}

func simBrowser() identity.Interaction {
	return identity.Interaction{Opener: identity.OpenerFunc(func(u string) error {
		resp, err := (&http.Client{Timeout: 30 * time.Second}).Get(u)
		if err != nil {
			return err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		return resp.Body.Close()
	})}
}

func openReclaimServices(t *testing.T, sim *graphsim.Sim, home, service string) *Services {
	t.Helper()
	svc, err := Open(context.Background(), Options{Home: home, KeychainService: service,
		Override: func(c *config.Config) {
			c.Authority, c.Graph, c.CatalogURL, c.ClientID = sim.AuthorityURL(), sim.GraphURL(), sim.CatalogURL(), graphsim.DemoClientID
		}})
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

// startReclaim connects and syncs consented demo customers with a licensing
// group until one's reclaim list has at least two removable licences and
// one inherited only from the group.
func startReclaim(t *testing.T) *reclaimEnv {
	t.Helper()
	sim := graphsim.New(graphsim.Options{Seed: 1, AutoConsent: true})
	if err := sim.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	service := "TenantLens-test-reclaim-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	t.Cleanup(func() { _ = keyring.DeleteAll(service) })
	home := t.TempDir()
	svc := openReclaimServices(t, sim, home, service)
	t.Cleanup(func() { svc.Close() })
	ctx := context.Background()
	for sku, price := range graphsim.DemoPrices {
		if err := svc.Store.SetPrice(ctx, types.Price{SkuID: sku, UnitPrice: price, Currency: "USD", Billing: types.BillingMonthly}); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range sim.MSP().Customers {
		if !c.DemoConsented || c.Lic == nil || len(c.Lic.Groups) == 0 {
			continue
		}
		if _, err := svc.Connect(ctx, false, c.ID, simBrowser()); err != nil {
			t.Fatalf("connect %s: %v", c.DisplayName, err)
		}
		if r, err := svc.Sync.SyncTenant(ctx, c.ID, types.TriggerCLI); err != nil || r.Status != types.RunSucceeded {
			t.Fatalf("sync %s: %+v %v", c.DisplayName, r, err)
		}
		plan, err := svc.ReclaimDryRun(ctx, ReclaimRequest{TenantID: c.ID})
		if err != nil {
			t.Fatalf("dry run %s: %v", c.DisplayName, err)
		}
		inherited := false
		for _, it := range plan.Items {
			direct, groups := simDirect(c, it.UserID, it.SkuID)
			inherited = inherited || (!direct && len(groups) > 0)
		}
		if plan.Removable >= 2 && inherited {
			t.Logf("%s: %d reclaim items, %d removable (%d users), %.2f %s/month", c.DisplayName, len(plan.Items), plan.Removable, plan.Users, plan.MonthlySaving, plan.Currency)
			return &reclaimEnv{svc: svc, sim: sim, tenant: c, home: home, service: service, plan: plan}
		}
	}
	t.Fatal("no demo customer has a reclaim list with removable and group-inherited licences")
	return nil
}

// simDirect is graphsim's own answer: does the user hold the SKU directly,
// and from which groups (display names) does it inherit it.
func simDirect(c *graphsim.Tenant, userID, sku string) (bool, []string) {
	u, ok := c.UserByID(userID)
	if !ok || u.Deleted {
		return false, nil
	}
	direct := false
	var groups []string
	for _, st := range c.LicenseStates(u) {
		if !strings.EqualFold(st.SkuID, sku) {
			continue
		}
		if st.GroupID == "" {
			direct = true
			continue
		}
		for _, g := range c.Lic.Groups {
			if g.ID == st.GroupID {
				groups = append(groups, g.DisplayName)
			}
		}
	}
	return direct, groups
}

// simStates is every user's licence states in graphsim, as text per user.
func simStates(c *graphsim.Tenant) map[string]string {
	out := map[string]string{}
	for _, u := range c.Users {
		var parts []string
		for _, st := range c.LicenseStates(u) {
			parts = append(parts, strings.ToLower(st.SkuID)+"@"+st.GroupID)
		}
		out[u.ID] = strings.Join(parts, ",")
	}
	return out
}

func assignLicenseCalls(sim *graphsim.Sim) int {
	n := 0
	for _, r := range sim.Requests() {
		if strings.HasSuffix(r.Path, "/assignLicense") || strings.HasSuffix(r.Path, "microsoft.graph.assignLicense") {
			n++
		}
	}
	return n
}

// Acceptance 2: without licence changes allowed, the dry run says "Enable
// licence changes for this tenant", an apply is refused and graphsim sees
// no assignLicense at all.
func TestReclaimWithoutConsentSendsNothing(t *testing.T) {
	e := startReclaim(t)
	ctx := context.Background()
	if e.plan.CanApply || e.plan.Blocker != MsgEnableLicenceChanges || !strings.Contains(e.plan.Remedy, "Allow licence changes") {
		t.Fatalf("dry run without consent: canApply %v blocker %q remedy %q", e.plan.CanApply, e.plan.Blocker, e.plan.Remedy)
	}
	_, err := e.svc.ReclaimApply(ctx, ReclaimRequest{TenantID: e.tenant.ID}, e.tenant.DisplayName, nil)
	if !errors.Is(err, ErrLicenceChangesOff) || !strings.Contains(strings.ToLower(err.Error()), "enable licence changes for this tenant") {
		t.Fatalf("apply without consent: %v", err)
	}
	if n := assignLicenseCalls(e.sim); n != 0 {
		t.Fatalf("graphsim saw %d assignLicense calls from a tenant without write consent", n)
	}
	if log, _ := e.svc.AuditLog(ctx, e.tenant.ID); len(log) != 0 {
		t.Errorf("audit log has %d rows though nothing was sent", len(log))
	}
}

// Acceptance 1 and 2: the dry run lists exactly graphsim's removable rows
// (direct only) and refuses inherited ones naming the group; apply removes
// exactly those (graphsim's state shows it, the rest is untouched), one
// audit row per change; undo restores; a group-inherited licence sent
// anyway is refused with the group's name.
func TestReclaimDryRunApplyUndo(t *testing.T) {
	e := startReclaim(t)
	ctx := context.Background()
	c := e.tenant

	// the dry run against graphsim's own states
	want := map[string]bool{}
	for _, it := range e.plan.Items {
		direct, groups := simDirect(c, it.UserID, it.SkuID)
		key := it.UserID + "/" + it.SkuID
		switch {
		case direct && len(groups) == 0:
			want[key] = true
			if !it.Removable || it.MonthlySaving < 0 || it.AnnualSaving != roundC(12*it.MonthlySaving) {
				t.Errorf("%s: removable %v saving %v/%v", key, it.Removable, it.MonthlySaving, it.AnnualSaving)
			}
		case len(groups) > 0:
			if it.Removable || !strings.Contains(it.Blocker, "remove from group "+strings.Join(groups, ", ")) ||
				!strings.Contains(it.Remedy, groups[0]) {
				t.Errorf("%s inherited from %v: removable %v blocker %q remedy %q", key, groups, it.Removable, it.Blocker, it.Remedy)
			}
		default:
			if it.Removable {
				t.Errorf("%s is not assigned in graphsim but listed removable", key)
			}
		}
	}
	wantSaving := 0.0
	for key := range want {
		_, sku, _ := strings.Cut(key, "/")
		wantSaving += graphsim.DemoPrices[strings.ToLower(sku)]
	}
	if e.plan.MonthlySaving != roundC(wantSaving) || e.plan.AnnualSaving != roundC(12*e.plan.MonthlySaving) || e.plan.Currency != "USD" || wantSaving == 0 {
		t.Errorf("dry run saves %.2f/month %.2f/year %s; graphsim's prices of the removable rows add up to %.2f/month",
			e.plan.MonthlySaving, e.plan.AnnualSaving, e.plan.Currency, wantSaving)
	}
	if e.plan.Removable != len(want) {
		t.Fatalf("dry run lists %d removable, graphsim has %d direct-only", e.plan.Removable, len(want))
	}

	// allow licence changes: the incremental consent through the browser
	lc, err := e.svc.SetLicenceChanges(ctx, c.ID, true, simBrowser())
	if err != nil {
		t.Fatalf("allow licence changes: %v", err)
	}
	if !lc.Consented() || lc.ConsentedBy != c.Admin.UserPrincipalName {
		t.Fatalf("licence changes after consent: %+v", lc)
	}

	// a wrong confirmation sends nothing
	if _, err := e.svc.ReclaimApply(ctx, ReclaimRequest{TenantID: c.ID}, "not the name", nil); !errors.As(err, new(ErrConfirmMismatch)) {
		t.Fatalf("wrong confirmation: %v", err)
	}
	if n := assignLicenseCalls(e.sim); n != 0 {
		t.Fatalf("%d assignLicense calls after a wrong confirmation", n)
	}

	before := simStates(c)
	var progress []ReclaimProgress
	res, err := e.svc.ReclaimApply(ctx, ReclaimRequest{TenantID: c.ID}, c.DisplayName, func(p ReclaimProgress) { progress = append(progress, p) })
	if err != nil {
		t.Fatalf("apply: %v", err)
	}
	if res.Removed != len(want) || res.Failed != 0 || res.NotDone != 0 || len(progress) != len(want) {
		t.Fatalf("apply: removed %d failed %d not done %d progress %d, want %d removed", res.Removed, res.Failed, res.NotDone, len(progress), len(want))
	}
	if res.Resync != string(types.RunSucceeded) {
		t.Errorf("re-sync after apply: %q %s", res.Resync, res.ResyncError)
	}
	after := simStates(c)
	changed := map[string]bool{}
	for key := range want {
		uid, sku, _ := strings.Cut(key, "/")
		changed[uid] = true
		if d, _ := simDirect(c, uid, sku); d {
			t.Errorf("graphsim still has %s directly on %s", sku, uid)
		}
	}
	for uid, st := range before {
		if !changed[uid] && after[uid] != st {
			t.Errorf("user %s changed though not selected: %q -> %q", uid, st, after[uid])
		}
	}
	if n := assignLicenseCalls(e.sim); n != len(want) {
		t.Errorf("graphsim saw %d assignLicense calls, want %d", n, len(want))
	}
	log, err := e.svc.AuditLog(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != len(want) {
		t.Fatalf("audit log has %d rows, want one per change (%d)", len(log), len(want))
	}
	for _, a := range log {
		if !want[a.UserID+"/"+a.SkuID] || a.Result != store.AuditDone || a.Action != store.AuditRemove ||
			a.Actor != c.Admin.UserPrincipalName || a.TenantName != c.DisplayName || a.SentAt == nil || a.FinishedAt == nil {
			t.Errorf("audit row %+v", a)
		}
	}
	// the re-synced snapshot no longer lists the removed rows
	plan2, err := e.svc.ReclaimDryRun(ctx, ReclaimRequest{TenantID: c.ID})
	if err != nil {
		t.Fatal(err)
	}
	if plan2.Removable != 0 {
		t.Errorf("after apply and re-sync the dry run still lists %d removable", plan2.Removable)
	}

	// undo the first change
	u0 := log[0]
	if _, err := e.svc.ReclaimUndo(ctx, u0.ID); err != nil {
		t.Fatalf("undo: %v", err)
	}
	if d, _ := simDirect(c, u0.UserID, u0.SkuID); !d {
		t.Errorf("undo did not re-add %s to %s in graphsim", u0.SkuID, u0.UserID)
	}
	log, _ = e.svc.AuditLog(ctx, c.ID)
	last := log[len(log)-1]
	if len(log) != len(want)+1 || last.Action != store.AuditAdd || last.UndoOf != u0.ID || last.Result != store.AuditDone {
		t.Fatalf("audit after undo: %d rows, last %+v", len(log), last)
	}
	if first, _ := e.svc.Store.AuditEntryByID(ctx, u0.ID); first.UndoneBy != last.ID {
		t.Errorf("undone entry not marked: %+v", first)
	}
	if _, err := e.svc.ReclaimUndo(ctx, u0.ID); err == nil {
		t.Error("a second undo of the same entry was accepted")
	}

	// a group-inherited licence sent anyway: Graph refuses, the error names the group
	var inh ReclaimItem
	for _, it := range e.plan.Items {
		if d, g := simDirect(c, it.UserID, it.SkuID); !d && len(g) > 0 {
			inh = it
		}
	}
	rc, err := e.svc.reclaimContext(ctx, c.ID, -1)
	if err != nil {
		t.Fatal(err)
	}
	wc, err := e.svc.writeClient(rc, graph.NewPacer(graph.PacerOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	err = wc.AssignLicense(ctx, inh.UserID, nil, []string{inh.SkuID})
	var ae *graph.AssignError
	_, groups := simDirect(c, inh.UserID, inh.SkuID)
	if !errors.As(err, &ae) || ae.Reason != graph.AssignInherited || ae.Group != groups[0] || !strings.Contains(ae.Remedy, groups[0]) {
		t.Fatalf("inherited removal: %v (%+v)", err, ae)
	}
	// …and a SKU the user no longer has (removed above, not undone)
	if err := wc.AssignLicense(ctx, log[1].UserID, nil, []string{log[1].SkuID}); graph.ReasonOf(err) != graph.AssignNotAssigned {
		t.Errorf("removing a SKU no longer assigned: %v", err)
	}
	// …and a user deleted meanwhile
	if err := wc.AssignLicense(ctx, "00000000-0000-0000-0000-0000000000ff", nil, []string{inh.SkuID}); graph.ReasonOf(err) != graph.AssignUserGone {
		t.Errorf("unknown user: %v", err)
	}

	// the audit export
	var b strings.Builder
	if err := WriteAuditCSV(&b, log); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != len(log)+1 || !strings.HasPrefix(lines[0], "id,batch,when,signed in as") || !strings.Contains(b.String(), c.Admin.UserPrincipalName) {
		t.Errorf("audit CSV:\n%s", b.String())
	}

	// deny: the write sign-in leaves the keychain, nothing more can be sent
	key := rc.lc.ConsentKey
	if _, err := e.svc.SetLicenceChanges(ctx, c.ID, false, identity.Interaction{}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Secrets.Get(key); err == nil {
		t.Error("denying licence changes left the write sign-in in the keychain")
	}
	calls := assignLicenseCalls(e.sim)
	if _, err := e.svc.ReclaimUndo(ctx, log[1].ID); !errors.Is(err, ErrLicenceChangesOff) {
		t.Errorf("undo after deny: %v", err)
	}
	if assignLicenseCalls(e.sim) != calls {
		t.Error("an assignLicense call went out after licence changes were denied")
	}
}

func roundC(v float64) float64 { return float64(int64(v*100+0.5)) / 100 }
