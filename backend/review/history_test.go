package review_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"tenantlens/backend/fault"
	"tenantlens/backend/graphsim"
	"tenantlens/backend/review"
	"tenantlens/backend/types"
)

// syncOne syncs one tenant through the engine (scheduled: no cooldown).
func (e *licEnv) syncOne(t *testing.T, id string) {
	t.Helper()
	res, err := e.eng.SyncTenant(context.Background(), id, types.TriggerSchedule)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != types.RunSucceeded {
		t.Fatalf("sync of %s: %s %s", id, res.Status, res.Error)
	}
}

func (e *licEnv) current(t *testing.T, id string) *types.Snapshot {
	t.Helper()
	tn, err := e.st.Tenant(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	sn, err := e.st.Snapshot(context.Background(), tn.CurrentRunID)
	if err != nil {
		t.Fatal(err)
	}
	return sn
}

// changes is what the test did to graphsim's directory, as sets of
// "userID" or "userID|skuID".
type changes struct {
	added, removed, gained, lost, mfaOn, mfaOff, disabled, reenabled map[string]bool
	cost                                                             float64 // Σ price gained − Σ price lost, added/removed users included
}

func set() map[string]bool { return map[string]bool{} }

func keysOf[T any](xs []T, key func(T) string) map[string]bool {
	out := set()
	for _, x := range xs {
		out[key(x)] = true
	}
	return out
}

func sameSet(t *testing.T, what string, got, want map[string]bool) {
	t.Helper()
	if len(want) == 0 {
		t.Fatalf("%s: the test made no such change (fixture)", what)
	}
	g, w := sortedKeys(got), sortedKeys(want)
	if strings.Join(g, ",") != strings.Join(w, ",") {
		t.Errorf("%s: compare lists %v, graphsim changed %v", what, g, w)
	}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// mutate changes graphsim's directory of tenant id between two syncs and
// returns exactly what it changed: a user added (licensed), one soft
// deleted, one disabled, one re-enabled (when a disabled user exists), one
// licence gained and one lost, one user registering MFA and one losing it.
func mutate(t *testing.T, e *licEnv, id string, before *types.Snapshot) changes {
	t.Helper()
	c := changes{added: set(), removed: set(), gained: set(), lost: set(), mfaOn: set(), mfaOff: set(), disabled: set(), reenabled: set()}
	tn, _ := e.sim.Tenant(id)
	price := func(sku string) float64 { return graphsim.DemoPrices[strings.ToLower(sku)] }
	used := map[string]bool{}
	pick := func(pred func(u *types.User, g *graphsim.User) bool) (*types.User, *graphsim.User) {
		for i := range before.Users {
			u := &before.Users[i]
			g, ok := tn.UserByID(u.ID)
			if u.Deleted || used[u.ID] || !ok || strings.EqualFold(u.UserType, "Guest") || u.ResourceAccount {
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
	licCost := func(g *graphsim.User) (v float64) {
		for _, l := range g.AssignedLicenses {
			v += price(l.SkuID)
		}
		return v
	}
	// a paid SKU of the tenant the gaining user does not hold
	var paid []string
	for _, k := range tn.SKUs {
		if price(k.SkuID) > 0 {
			paid = append(paid, strings.ToLower(k.SkuID))
		}
	}
	sort.Strings(paid)
	if len(paid) < 1 {
		t.Fatal("tenant has no priced SKU (fixture)")
	}

	// MFA first: only enabled members whose MFA is readable
	u, _ := pick(func(u *types.User, g *graphsim.User) bool {
		return u.MFAStatus == types.MFADisabled && u.AccountEnabled
	})
	must(t, e.sim.UpdateUser(id, u.ID, func(g *graphsim.User) { g.Methods |= graphsim.MethodAuthenticatorPush }))
	c.mfaOn[u.ID] = true
	u, _ = pick(func(u *types.User, g *graphsim.User) bool { return u.MFAStatus == types.MFAEnabled && u.AccountEnabled })
	must(t, e.sim.UpdateUser(id, u.ID, func(g *graphsim.User) { g.Methods = 0 }))
	c.mfaOff[u.ID] = true

	// disable a licensed, enabled user
	u, _ = pick(func(u *types.User, g *graphsim.User) bool { return u.AccountEnabled && len(u.Licenses) > 0 })
	must(t, e.sim.UpdateUser(id, u.ID, func(g *graphsim.User) { g.AccountEnabled = false }))
	c.disabled[u.ID] = true
	// re-enable a disabled user, when there is one
	for i := range before.Users {
		x := &before.Users[i]
		if g, ok := tn.UserByID(x.ID); ok && !x.Deleted && !x.AccountEnabled && !used[x.ID] && !x.ResourceAccount && !strings.EqualFold(x.UserType, "Guest") {
			used[x.ID] = true
			must(t, e.sim.UpdateUser(id, x.ID, func(g *graphsim.User) { g.AccountEnabled = true }))
			_ = g
			c.reenabled[x.ID] = true
			break
		}
	}

	// licences: one user gains a paid SKU it lacks, another loses one
	var gainSKU string
	u, _ = pick(func(u *types.User, g *graphsim.User) bool {
		for _, s := range paid {
			has := false
			for _, l := range g.AssignedLicenses {
				has = has || strings.EqualFold(l.SkuID, s)
			}
			if !has {
				gainSKU = s
				return true
			}
		}
		return false
	})
	must(t, e.sim.UpdateUser(id, u.ID, func(g *graphsim.User) {
		g.AssignedLicenses = append(g.AssignedLicenses, graphsim.AssignedLicense{SkuID: gainSKU})
	}))
	c.gained[u.ID+"|"+gainSKU] = true
	c.cost += price(gainSKU)
	u, g := pick(func(u *types.User, g *graphsim.User) bool { return len(g.AssignedLicenses) > 0 })
	lost := strings.ToLower(g.AssignedLicenses[0].SkuID)
	must(t, e.sim.UpdateUser(id, u.ID, func(g *graphsim.User) { g.AssignedLicenses = g.AssignedLicenses[1:] }))
	c.lost[u.ID+"|"+lost] = true
	c.cost -= price(lost)

	// one user leaves (soft delete), one joins with a licence
	u, g = pick(func(u *types.User, g *graphsim.User) bool { return len(g.AssignedLicenses) > 0 })
	c.cost -= licCost(g)
	must(t, e.sim.SoftDeleteUser(id, u.ID))
	c.removed[u.ID] = true
	dom := tn.DefaultDomain
	nu, err := e.sim.AddUser(id, &graphsim.User{UserPrincipalName: "new.hire@" + dom, Mail: "new.hire@" + dom,
		DisplayName: "New Hire", GivenName: "New", Surname: "Hire", UserType: "Member", AccountEnabled: true,
		CreatedDateTime: time.Now().UTC().Add(-time.Hour), UsageLocation: "US",
		AssignedLicenses: []graphsim.AssignedLicense{{SkuID: paid[0]}}})
	must(t, err)
	c.added[nu.ID] = true
	c.cost += price(paid[0])
	return c
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// mfaTenant is a demo customer whose MFA registration can be read.
func mfaTenant(t *testing.T, e *licEnv) string {
	t.Helper()
	for _, id := range e.ids {
		e.syncOne(t, id)
		if e.current(t, id).Flags.MFAAvailable {
			return id
		}
	}
	t.Fatal("no demo customer has readable MFA (fixture)")
	return ""
}

// Two syncs through the real SDK and engine into SQLite with graphsim's
// directory changed between them: compare lists exactly graphsim's
// changes, the trend equals the stored runs' metrics (money: the read
// model's spend at today's prices), the clients overview rows equal the
// client rows and follow the worst-first rule, and a sync with graphsim
// stopped fails as offline while the previous snapshot stays current.
func TestHistoryCompareTrendsOverviewOffline(t *testing.T) {
	e := newLicEnv(t, nil)
	ctx := context.Background()
	id := mfaTenant(t, e)
	before := e.current(t, id)
	want := mutate(t, e, id, before)
	e.syncOne(t, id)
	after := e.current(t, id)
	if after.Run.ID == before.Run.ID {
		t.Fatal("the second sync did not become current")
	}

	t.Run("compare lists graphsim's changes", func(t *testing.T) {
		c, err := e.rv.Compare(ctx, review.CompareQuery{TenantID: id, FromRunID: before.Run.ID, ToRunID: after.Run.ID})
		must(t, err)
		uid := func(u review.UserChange) string { return u.UserID }
		lic := func(l review.LicenceChange) string { return l.UserID + "|" + l.SkuID }
		mid := func(m review.MFAChange) string { return m.UserID }
		sameSet(t, "added", keysOf(c.Added, uid), want.added)
		sameSet(t, "removed", keysOf(c.Removed, uid), want.removed)
		sameSet(t, "licences gained", keysOf(c.LicencesGained, lic), want.gained)
		sameSet(t, "licences lost", keysOf(c.LicencesLost, lic), want.lost)
		sameSet(t, "MFA registered", keysOf(c.MFARegistered, mid), want.mfaOn)
		sameSet(t, "MFA lost", keysOf(c.MFALost, mid), want.mfaOff)
		sameSet(t, "disabled", keysOf(c.Disabled, uid), want.disabled)
		if len(want.reenabled) > 0 {
			sameSet(t, "re-enabled", keysOf(c.Reenabled, uid), want.reenabled)
		} else if len(c.Reenabled) != 0 {
			t.Errorf("re-enabled %v, graphsim re-enabled nobody", c.Reenabled)
		}
		tt := c.Totals
		t.Logf("totals %+v; re-enabled by graphsim: %d", tt, len(want.reenabled))
		if tt.UsersAdded != len(c.Added) || tt.UsersRemoved != len(c.Removed) || tt.LicencesGained != len(c.LicencesGained) ||
			tt.LicencesLost != len(c.LicencesLost) || tt.MFARegistered != 1 || tt.MFALost != 1 || tt.Disabled != 1 {
			t.Errorf("totals %+v do not count the lists", tt)
		}
		if tt.Currency != "USD" || fmt.Sprintf("%.2f", tt.CostChange) != fmt.Sprintf("%.2f", want.cost) {
			t.Errorf("cost change %.2f %s, graphsim's prices say %.2f USD", tt.CostChange, tt.Currency, want.cost)
		}
		priced := map[string]float64{}
		for _, l := range c.LicencesGained {
			if p := graphsim.DemoPrices[l.SkuID]; fmt.Sprintf("%.2f", l.MonthlyCost) != fmt.Sprintf("%.2f", p) || l.Name == "" {
				t.Errorf("gained %s costs %.2f (%q), price list %.2f", l.SkuID, l.MonthlyCost, l.Name, p)
			}
			priced["gained"] += graphsim.DemoPrices[l.SkuID]
		}
		for _, l := range c.LicencesLost {
			priced["lost"] += graphsim.DemoPrices[l.SkuID]
		}
		// The parts: licence changes priced from graphsim's list; users
		// added/removed are the rest of gained/lost.
		cents := func(v float64) string { return fmt.Sprintf("%.2f", v) }
		if cents(tt.CostLicencesGained) != cents(priced["gained"]) || cents(tt.CostLicencesLost) != cents(priced["lost"]) {
			t.Errorf("licence parts %.2f/%.2f, graphsim's prices say %.2f/%.2f", tt.CostLicencesGained, tt.CostLicencesLost, priced["gained"], priced["lost"])
		}
		if cents(tt.CostAdded+tt.CostLicencesGained) != cents(tt.CostGained) || cents(tt.CostRemoved+tt.CostLicencesLost) != cents(tt.CostLost) {
			t.Errorf("parts %+v do not add up to gained %.2f / lost %.2f", tt, tt.CostGained, tt.CostLost)
		}
		// by date: an RFC 3339 moment picks the latest snapshot at or before it
		byDate, err := e.rv.Compare(ctx, review.CompareQuery{TenantID: id, From: review.SnapshotDate(before).Format(time.RFC3339Nano)})
		must(t, err)
		if s := byDate.Sides[0]; s.FromRunID != before.Run.ID || s.ToRunID != after.Run.ID {
			t.Errorf("by date compared runs %d→%d, want %d→%d", s.FromRunID, s.ToRunID, before.Run.ID, after.Run.ID)
		}
		if fmt.Sprint(byDate.Totals) != fmt.Sprint(c.Totals) {
			t.Errorf("by date totals %+v, by run %+v", byDate.Totals, c.Totals)
		}
		ch, err := e.rv.CompareChoicesOf(ctx, id, 0)
		must(t, err)
		if len(ch.Snapshots) != 2 || ch.Snapshots[0].RunID != after.Run.ID || !ch.Snapshots[0].Current || ch.Snapshots[1].RunID != before.Run.ID {
			t.Errorf("choices %+v, want runs %d (current), %d", ch.Snapshots, after.Run.ID, before.Run.ID)
		}
		if _, err := e.rv.Compare(ctx, review.CompareQuery{TenantID: id, From: "2001-01-01"}); err == nil {
			t.Error("a date before the first snapshot compared")
		}
	})

	t.Run("trend equals the stored runs", func(t *testing.T) {
		tr, err := e.rv.TenantTrend(ctx, id, review.RangeAll)
		must(t, err)
		ms, err := e.st.MetricsHistory(ctx, id)
		must(t, err)
		if len(tr.Points) != len(ms) || len(ms) != 2 {
			t.Fatalf("%d points for %d stored runs", len(tr.Points), len(ms))
		}
		prices, err := e.st.EffectivePrices(ctx, id)
		must(t, err)
		for i, m := range ms {
			p := tr.Points[i]
			if p.RunIDs[0] != m.RunID || p.Users != m.Users || p.Licensed != m.Licensed || p.UnusedLicenses != m.UnusedLicenses ||
				p.MFARegistered != m.MFARegistered || p.MFAEligible != m.MFAEligible || p.MFACoveragePct != review.Pct(m.MFARegistered, m.MFAEligible) {
				t.Errorf("point %d %+v, stored run %+v", i, p, m)
			}
			sn, err := e.st.Snapshot(ctx, m.RunID)
			must(t, err)
			k := review.Build(sn, review.FreezeSKUs(sn, prices, nil), 90).KPI
			if p.MonthlyCost != k.MonthlySpend || p.Currency != k.Currency || k.MonthlySpend == 0 {
				t.Errorf("point %d costs %.2f %s, the read model's spend at today's prices %.2f %s", i, p.MonthlyCost, p.Currency, k.MonthlySpend, k.Currency)
			}
		}
		if d := tr.Points[1].Licensed - tr.Points[0].Licensed; d != licensedDelta(before, after) {
			t.Errorf("licensed moved by %d", d)
		}
	})

	// a client of this tenant and another synced one
	other := ""
	for _, x := range e.ids {
		if x != id {
			other = x
			e.syncOne(t, x)
			break
		}
	}
	cl, err := e.st.CreateClient(ctx, types.Client{Name: "Acme Holdings", Source: types.SourceManual})
	must(t, err)
	for _, x := range []string{id, other} {
		must(t, e.st.MapTenant(ctx, types.TenantMapping{TenantID: x, ClientID: cl.ID, MappedBy: types.MappedByUser}))
	}
	e.rv.Clients = e.st

	t.Run("client trend sums its tenants per day", func(t *testing.T) {
		tr, err := e.rv.ClientTrend(ctx, cl.ID, review.RangeQuarter)
		must(t, err)
		d, err := e.rv.ClientAt(ctx, cl.ID, 0, review.MergeFromAccounts)
		must(t, err)
		last := tr.Points[len(tr.Points)-1]
		k := d.KPI
		if last.Tenants != 2 || last.Users != k.Users || last.Licensed != k.Licensed || last.MFARegistered != k.MFARegistered ||
			last.MFAEligible != k.MFAEligible || last.UnusedLicenses != k.Unused || last.MonthlyCost != k.MonthlySpend {
			t.Errorf("client's last point %+v, client figures %+v", last, k)
		}
	})

	t.Run("offline sync keeps the snapshot", func(t *testing.T) {
		e.sim.Close()
		res, err := e.eng.SyncTenant(ctx, id, types.TriggerSchedule)
		must(t, err)
		if res.Status != types.RunFailed || res.ErrorClass != string(fault.Offline) || !strings.Contains(res.Error, fault.OfflineMessage) {
			t.Fatalf("offline sync: %s %s %q", res.Status, res.ErrorClass, res.Error)
		}
		t.Logf("offline sync: %s", res.Error)
		tn, err := e.st.Tenant(ctx, id)
		must(t, err)
		if tn.CurrentRunID != after.Run.ID {
			t.Fatalf("current run %d, want the previous snapshot %d", tn.CurrentRunID, after.Run.ID)
		}
		if u, err := e.rv.Users(ctx, id); err != nil || len(u.Rows) == 0 {
			t.Fatalf("the last synced users are not shown: %v", err)
		}
		c, err := e.rv.Connectivity(ctx)
		must(t, err)
		if !c.Offline || !c.LastAttemptOffline || c.TenantID != id || c.Reason != fault.OfflineMessage || c.OfflineTenants != 1 {
			t.Errorf("connectivity %+v", c)
		}
	})

	t.Run("clients overview", func(t *testing.T) {
		o, err := e.rv.ClientsOverview(ctx)
		must(t, err)
		rows, err := e.rv.ClientRows(ctx, 0)
		must(t, err)
		var client *review.ClientOverviewRow
		tenants := 0
		for i := range o.Rows {
			r := &o.Rows[i]
			if r.Kind == "client" {
				client = r
			} else {
				tenants++
			}
		}
		if client == nil || len(rows) != 1 || tenants != len(e.ids)-2 {
			t.Fatalf("%d rows (client %v), %d client rows, %d tenants", len(o.Rows), client != nil, len(rows), len(e.ids))
		}
		cr := rows[0]
		if client.Users != cr.Users || client.Licensed != cr.Licensed || client.MFACoveragePct != cr.MFACoveragePct ||
			client.UnusedLicenses != cr.UnusedLicenses || client.MonthlyWaste != cr.MonthlyWaste || client.Currency != cr.Currency {
			t.Errorf("overview row %+v, client row %+v", *client, cr)
		}
		if client.Status != review.StatusFailed || o.Rows[0].ClientID != cl.ID {
			t.Errorf("the client with a failed sync is %q and not first: first row %+v", client.Status, o.Rows[0])
		}
		for i := 1; i < len(o.Rows); i++ {
			if review.WorstFirst(o.Rows[i], o.Rows[i-1]) {
				t.Errorf("row %d (%s) should come before row %d (%s)", i, o.Rows[i].Name, i-1, o.Rows[i-1].Name)
			}
		}
		// unmapped tenants' rows equal their tenant rows
		list, err := e.rv.List(ctx)
		must(t, err)
		for _, tr := range list {
			for _, r := range o.Rows {
				if r.Kind == "tenant" && r.TenantID == tr.ID && (r.Users != tr.Users || r.MonthlyWaste != tr.MonthlyWaste || r.UnusedLicenses != tr.UnusedLicenses) {
					t.Errorf("tenant row %+v, tenant list %+v", r, tr)
				}
			}
		}
		failed := keysOf(o.Attention.FailedSyncs, func(a review.AttentionItem) string { return a.TenantID })
		if !failed[id] || len(failed) != 1 || o.Attention.FailedSyncs[0].ClientID != cl.ID {
			t.Errorf("failed-sync cards %+v", o.Attention.FailedSyncs)
		}
		// MFA dropped: one user registered, one lost → coverage equal or not;
		// the card is there exactly when the stored coverage fell
		ms, err := e.st.MetricsHistory(ctx, id)
		must(t, err)
		fell := review.Pct(ms[1].MFARegistered, ms[1].MFAEligible) < review.Pct(ms[0].MFARegistered, ms[0].MFAEligible)
		dropped := keysOf(o.Attention.MFADropped, func(a review.AttentionItem) string { return a.TenantID })
		if dropped[id] != fell {
			t.Errorf("MFA card for the tenant: %v, coverage fell: %v", dropped[id], fell)
		}
		// licence cards: exactly the flagged licences of the synced tenants
		lv, err := e.rv.Licenses(ctx, "")
		must(t, err)
		flagged := set()
		for _, l := range lv.Rows {
			if l.Flag != "" {
				flagged[l.TenantID+"|"+l.SkuID+"|"+l.Flag] = true
			}
		}
		got := keysOf(o.Attention.Licences, func(a review.AttentionItem) string { return a.TenantID + "|" + a.SkuID + "|" + a.Kind })
		if strings.Join(sortedKeys(got), ",") != strings.Join(sortedKeys(flagged), ",") {
			t.Errorf("licence cards %v, flagged licences %v", sortedKeys(got), sortedKeys(flagged))
		}
	})
}

func licensedDelta(a, b *types.Snapshot) int {
	n := func(s *types.Snapshot) (c int) {
		for _, u := range s.Users {
			if !u.Deleted && len(u.Licenses) > 0 {
				c++
			}
		}
		return c
	}
	return n(b) - n(a)
}

// A client's day carries each tenant's last value: a tenant without a run
// that day counts with its latest earlier run; one not yet synced is left
// out; the sums follow SumKPIs.
func TestClientTrendCarriesLastValue(t *testing.T) {
	day := func(d, h int) time.Time { return time.Date(2025, 3, d, h, 0, 0, 0, time.UTC) }
	m := func(run int64, at time.Time, users, reg, elig int) types.Metrics {
		return types.Metrics{RunID: run, At: at, Users: users, Licensed: users, MFARegistered: reg, MFAEligible: elig,
			EnabledBySKU: map[string]int{}, ConsumedBySKU: map[string]int{}}
	}
	a := review.TenantHistory{TenantID: "a", Metrics: []types.Metrics{m(1, day(1, 9), 10, 5, 10), m(3, day(3, 9), 12, 6, 12), m(4, day(3, 18), 13, 13, 13)}}
	b := review.TenantHistory{TenantID: "b", Metrics: []types.Metrics{m(2, day(2, 9), 20, 10, 20)}}
	ps := review.BuildClientTrend([]review.TenantHistory{a, b}, time.Time{})
	if len(ps) != 3 {
		t.Fatalf("%d points, want one per day with a run (3)", len(ps))
	}
	want := []struct {
		day          string
		tenants, usr int
		runs         string
		reg, elig    int
	}{
		{"2025-03-01", 1, 10, "[1]", 5, 10},
		{"2025-03-02", 2, 30, "[1 2]", 15, 30},
		{"2025-03-03", 2, 33, "[4 2]", 23, 33},
	}
	for i, w := range want {
		p := ps[i]
		if p.Day != w.day || p.Tenants != w.tenants || p.Users != w.usr || fmt.Sprint(p.RunIDs) != w.runs ||
			p.MFARegistered != w.reg || p.MFAEligible != w.elig || p.MFACoveragePct != review.Pct(w.reg, w.elig) {
			t.Errorf("point %d %+v, want %+v", i, p, w)
		}
	}
	if got := review.BuildClientTrend([]review.TenantHistory{a, b}, day(2, 0)); len(got) != 2 || got[0].Users != 30 {
		t.Errorf("from day 2: %+v", got)
	}
}
