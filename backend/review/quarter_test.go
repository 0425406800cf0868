package review_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"tenantlens/backend/review"
	"tenantlens/backend/store"
	"tenantlens/backend/types"
)

// quarterEnv is a store whose runs are committed at chosen dates, with
// metrics as a sync would store them.
type quarterEnv struct {
	st  *store.Store
	now time.Time
}

func newQuarterEnv(t *testing.T) *quarterEnv {
	t.Helper()
	e := &quarterEnv{now: time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)}
	st, err := store.Open(t.TempDir(), store.Options{Now: func() time.Time { return e.now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e.st = st
	return e
}

const qSKU = "c7df2760-2c81-4ef7-b578-5b5392b571df" // E5

func (e *quarterEnv) tenant(t *testing.T, id string) {
	t.Helper()
	ctx := context.Background()
	must(t, e.st.UpsertTenant(ctx, types.Tenant{ID: id, DisplayName: "Tenant " + id, DefaultDomain: id + ".example", Access: types.AccessReady}))
	must(t, e.st.SetPrice(ctx, types.Price{TenantID: id, SkuID: qSKU, PartNumber: "SPE_E5", UnitPrice: 50, Currency: "EUR", Billing: types.BillingMonthly}))
}

// run commits a run of tenant id at `at` with these figures; it returns the run ID.
func (e *quarterEnv) run(t *testing.T, id string, at time.Time, users, licensed, reg, elig, enabled, consumed int) int64 {
	t.Helper()
	ctx := context.Background()
	e.now = at
	run, err := e.st.BeginRun(ctx, id, types.TriggerSchedule)
	must(t, err)
	m := types.Metrics{At: at, Users: users, Licensed: licensed, MFARegistered: reg, MFAEligible: elig,
		EnabledBySKU: map[string]int{qSKU: enabled}, ConsumedBySKU: map[string]int{qSKU: consumed}, UnusedLicenses: enabled - consumed}
	must(t, e.st.CommitSnapshot(ctx, run, &types.Snapshot{TenantID: id}, store.WithMetrics(m)))
	return run
}

// The change since last quarter compares the latest stored run at or
// before now − 90 days with the current run, per tenant, and adds a
// client's tenants up; nil when no run is that old.
func TestQuarterChangeFromStoredRuns(t *testing.T) {
	ctx := context.Background()
	e := newQuarterEnv(t)
	e.tenant(t, "a")
	e.tenant(t, "b")
	e.tenant(t, "c")
	now := time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC)
	cutoff := now.AddDate(0, 0, -90) // 2025-04-01 12:00
	rv := &review.Service{Src: e.st, Clients: e.st}

	// a: a run before the cutoff, the one nearest it, one after it, the current one.
	e.run(t, "a", cutoff.AddDate(0, -1, 0), 50, 40, 10, 40, 45, 40)
	old := e.run(t, "a", cutoff.Add(-time.Hour), 100, 80, 40, 80, 90, 80)
	e.run(t, "a", cutoff.Add(time.Hour), 500, 500, 1, 500, 500, 500)
	cur := e.run(t, "a", now.Add(-24*time.Hour), 120, 85, 68, 85, 100, 85)

	q, err := rv.QuarterChangeAt(ctx, "a", 0, now)
	if err != nil || q == nil {
		t.Fatalf("quarter change of a: %+v, %v", q, err)
	}
	if fmt.Sprint(q.SinceRunIDs, q.CurrentRunIDs) != fmt.Sprint([]int64{old}, []int64{cur}) {
		t.Fatalf("runs compared %v → %v, want [%d] → [%d]", q.SinceRunIDs, q.CurrentRunIDs, old, cur)
	}
	if q.Since != cutoff.Add(-time.Hour).Format(time.RFC3339) || q.Cutoff != cutoff.Format(time.RFC3339) {
		t.Errorf("since %s cutoff %s", q.Since, q.Cutoff)
	}
	// users +20, licensed +5, MFA 50% → 80% (+30 pts), unused 10 → 15 (+5), cost 90×50 → 100×50 (+500)
	if q.Users != 20 || q.Licensed != 5 || q.Unused != 5 || q.MFACoveragePct == nil || *q.MFACoveragePct != 30 ||
		q.MonthlyCost == nil || *q.MonthlyCost != 500 || q.Currency != "EUR" {
		t.Errorf("deltas users %d licensed %d unused %d mfa %v cost %v %s", q.Users, q.Licensed, q.Unused, q.MFACoveragePct, q.MonthlyCost, q.Currency)
	}
	if q.Then.Users != 100 || q.Now.Users != 120 || q.Then.MonthlyCost != 4500 || q.Now.MonthlyCost != 5000 {
		t.Errorf("sides then %+v now %+v", q.Then, q.Now)
	}

	// b: only runs after the cutoff → nil; c: one run that old and nothing since → nil.
	e.run(t, "b", cutoff.Add(24*time.Hour), 10, 10, 5, 10, 10, 10)
	e.run(t, "b", now.Add(-time.Hour), 12, 10, 10, 10, 10, 10)
	if q, err := rv.QuarterChangeAt(ctx, "b", 0, now); err != nil || q != nil {
		t.Errorf("b has no run 90 days old: %+v, %v", q, err)
	}
	e.run(t, "c", cutoff.AddDate(0, 0, -10), 7, 7, 0, 0, 7, 7) // MFA unreadable
	if q, err := rv.QuarterChangeAt(ctx, "c", 0, now); err != nil || q != nil {
		t.Errorf("c's only run is its current one: %+v, %v", q, err)
	}

	// A client of a, b, c: only a has two sides; b and c are named.
	cl, err := e.st.CreateClient(ctx, types.Client{Name: "Client"})
	must(t, err)
	for _, id := range []string{"a", "b", "c"} {
		must(t, e.st.MapTenant(ctx, types.TenantMapping{TenantID: id, ClientID: cl.ID}))
	}
	qc, err := rv.QuarterChangeAt(ctx, "", cl.ID, now)
	if err != nil || qc == nil {
		t.Fatalf("client: %+v, %v", qc, err)
	}
	if qc.Scope != "client" || fmt.Sprint(qc.Tenants) != "[a]" || qc.Users != 20 || len(qc.Notes) != 3 {
		t.Errorf("client change %+v", qc)
	}
	// With c now synced again, c joins: its MFA was unreadable then, so the
	// client's MFA change stays (a's eligible only) and users add c's +3.
	e.run(t, "c", now.Add(-2*time.Hour), 10, 10, 0, 0, 10, 10)
	qc, err = rv.QuarterChangeAt(ctx, "", cl.ID, now)
	if err != nil || qc == nil || fmt.Sprint(qc.Tenants) != "[a c]" || qc.Users != 23 || qc.Licensed != 8 {
		t.Fatalf("client with c: %+v, %v", qc, err)
	}
	if qc.MonthlyCost == nil || *qc.MonthlyCost != 500+150 {
		t.Errorf("client cost change %v, want 650", qc.MonthlyCost)
	}
	if _, err := rv.QuarterChangeAt(ctx, "a", cl.ID, now); err == nil {
		t.Error("a tenant and a client at once must be refused")
	}
}
