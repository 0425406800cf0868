package review_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"tenantlens/backend/catalog"
	"tenantlens/backend/derive"
	"tenantlens/backend/events"
	"tenantlens/backend/graphsim"
	"tenantlens/backend/review"
	"tenantlens/backend/store"
	"tenantlens/backend/sync"
	"tenantlens/backend/types"
)

// licEnv is the demo MSP in graphsim (real msgraph-sdk-go over HTTP), a real
// SQLite store, the real sync engine and the read model with the licensing
// catalog graphsim serves and the demo's list prices.
type licEnv struct {
	sim    *graphsim.Sim
	st     *store.Store
	eng    *sync.Engine
	rv     *review.Service
	tokens map[string]string
	ids    []string
}

// newLicEnv starts everything; wrap (optional) sits in front of graphsim's
// Graph handler.
func newLicEnv(t *testing.T, wrap func(tokens map[string]string, next http.Handler) http.Handler) *licEnv {
	t.Helper()
	ctx := context.Background()
	e := &licEnv{sim: graphsim.New(graphsim.Options{Seed: 1}), tokens: map[string]string{}}
	if err := e.sim.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.sim.Close)
	st, err := store.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e.st = st
	for _, c := range e.sim.MSP().Customers {
		if err := st.UpsertTenant(ctx, types.Tenant{ID: c.ID, DisplayName: c.DisplayName, DefaultDomain: c.DefaultDomain,
			Domains: c.Domains, Access: types.AccessReady, Demo: true}); err != nil {
			t.Fatal(err)
		}
		e.tokens[c.ID] = e.sim.IssueToken(c.ID)
		e.ids = append(e.ids, c.ID)
	}
	for id, p := range graphsim.DemoPrices {
		if err := st.SetPrice(ctx, types.Price{SkuID: id, PartNumber: graphsim.SkuPartNumber(id), UnitPrice: p, Currency: "USD",
			Billing: types.BillingMonthly}); err != nil {
			t.Fatal(err)
		}
	}
	base := e.sim.GraphURL()
	if wrap != nil {
		srv := httptest.NewServer(wrap(e.tokens, e.sim.Handler()))
		t.Cleanup(srv.Close)
		base = srv.URL + strings.TrimPrefix(base, strings.TrimSuffix(e.sim.GraphURL(), "/graph"))
	}
	e.eng, err = sync.New(sync.Options{Store: st, GraphBase: base, Bus: events.NewRecorder(),
		Tokens: func(id string) (oauth2.TokenSource, error) {
			return oauth2.StaticTokenSource(&oauth2.Token{AccessToken: e.tokens[id], TokenType: "Bearer"}), nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	cat, _, err := (&catalog.Source{URL: e.sim.CatalogURL(), Dir: t.TempDir()}).Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	e.rv = &review.Service{Src: st, Names: cat, InactiveDays: 90}
	return e
}

func (e *licEnv) syncAll(t *testing.T) {
	t.Helper()
	res, err := e.eng.SyncAll(context.Background(), nil, types.TriggerManual)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Status != types.RunSucceeded {
			t.Fatalf("sync of %s: %s %s", r.TenantID, r.Status, r.Error)
		}
	}
}

func money(v float64) string { return fmt.Sprintf("%.2f", v) }

// Synced through the engine and stored in SQLite, the read model's renewal
// calendar, unused-until-renewal cost, assignment errors (with group names)
// and right-size suggestions equal graphsim's ground truth for every demo
// customer; the Users rows carry licence sources and per-service activity.
func TestLicensingFromSyncEqualsGroundTruth(t *testing.T) {
	e := newLicEnv(t, nil)
	e.syncAll(t)
	ctx := context.Background()
	var events, trials, attention, unusedCost, errs, grouped, suggestions, mailOnly, services, inherited int
	for _, id := range e.ids {
		g := e.sim.GroundTruth(id)
		name := g.DisplayName

		// renewals
		tr, err := e.rv.TenantRenewalCalendar(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if tr.Note != "" {
			t.Fatalf("%s: renewals note %q", name, tr.Note)
		}
		truth := e.sim.RenewalCalendar(id)
		cal := tr.Calendar
		evKey := func(sub, status string, date time.Time, days, bucket int, trial bool) string {
			return fmt.Sprintf("%s|%s|%s|%d|%d|%v", sub, status, date.UTC().Format(time.RFC3339), days, bucket, trial)
		}
		cmp := func(what string, got []string, want []string) {
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("%s: %s\n got  %v\n want %v", name, what, got, want)
			}
		}
		var gotEv, wantEv []string
		for _, x := range cal.Events {
			gotEv = append(gotEv, evKey(x.SubscriptionID, x.Status, x.Date, x.DaysLeft, x.Bucket, x.IsTrial))
		}
		for _, x := range truth.Events {
			wantEv = append(wantEv, evKey(x.SubscriptionID, x.Status, x.Date, x.DaysLeft, x.Bucket, x.IsTrial))
		}
		cmp("renewal events", gotEv, wantEv)
		gotEv, wantEv = nil, nil
		for _, x := range append(cal.Trials, cal.Attention...) {
			gotEv = append(gotEv, evKey(x.SubscriptionID, x.Status, x.Date, x.DaysLeft, x.Bucket, x.IsTrial))
		}
		for _, x := range append(truth.Trials, truth.Attention...) {
			wantEv = append(wantEv, evKey(x.SubscriptionID, x.Status, x.Date, x.DaysLeft, x.Bucket, x.IsTrial))
		}
		cmp("trials and attention", gotEv, wantEv)
		var gotU, wantU []string
		var wantTotal float64
		for _, u := range cal.Unused {
			gotU = append(gotU, fmt.Sprintf("%s|%d|%d|%d|%d|%v|%s", strings.ToLower(u.SkuID), u.Purchased, u.Consumed, u.Unused, u.DaysLeft, u.Priced, money(u.CostUntilRenewal)))
		}
		for _, u := range truth.Unused {
			wantU = append(wantU, fmt.Sprintf("%s|%d|%d|%d|%d|%v|%s", strings.ToLower(u.SkuID), u.Purchased, u.Consumed, u.Unused, u.DaysLeft, u.Priced, money(u.CostUntilRenewal)))
			wantTotal += u.CostUntilRenewal
		}
		cmp("unused seats until renewal", gotU, wantU)
		rv, err := e.rv.Renewals(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if money(rv.UnusedCostTotal) != money(wantTotal) || rv.Currency != "USD" || !rv.Available {
			t.Errorf("%s: renewals view unused cost %.2f %s (available %v), truth %.2f USD", name, rv.UnusedCostTotal, rv.Currency, rv.Available, wantTotal)
		}
		var w30 int
		for _, x := range truth.Events {
			if x.Bucket == 30 {
				w30++
			}
		}
		if rv.Within30 != w30 || len(rv.Events) != len(truth.Events) {
			t.Errorf("%s: within 30 days %d (events %d), truth %d (%d)", name, rv.Within30, len(rv.Events), w30, len(truth.Events))
		}
		for _, a := range rv.Attention {
			if !a.Attention {
				t.Errorf("%s: attention row %s not marked", name, a.SubscriptionID)
			}
		}
		events += len(cal.Events)
		trials += len(cal.Trials)
		attention += len(cal.Attention)
		if wantTotal > 0 {
			unusedCost++
		}

		// assignment errors and where licences come from
		ls, err := e.rv.LicenseStates(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var gotE, wantE []string
		for _, x := range ls.Errors {
			gotE = append(gotE, x.UserID+"|"+x.SkuID+"|"+x.GroupID+"|"+x.GroupName+"|"+x.State+"|"+x.Error)
			if x.ErrorText == "" {
				t.Errorf("%s: error %s has no explanation", name, x.Error)
			}
		}
		for _, x := range e.sim.AssignmentErrors(id) {
			wantE = append(wantE, x.UserID+"|"+strings.ToLower(x.SkuID)+"|"+x.GroupID+"|"+x.GroupName+"|"+x.State+"|"+x.Error)
			if x.GroupID != "" {
				grouped++
			}
		}
		sort.Strings(gotE)
		sort.Strings(wantE)
		cmp("assignment errors", gotE, wantE)
		errs += len(gotE)
		inherited += ls.Inherited

		// right-sizing (concealed reports cannot be joined to users)
		rs, err := e.rv.RightSize(ctx, id, 90)
		if err != nil {
			t.Fatal(err)
		}
		if g.Concealed {
			if len(rs.Rows) != 0 || len(rs.Notes) == 0 {
				t.Errorf("%s (concealed): %d suggestions, notes %v", name, len(rs.Rows), rs.Notes)
			}
		} else {
			var gotR, wantR []string
			for _, x := range rs.Rows {
				gotR = append(gotR, x.UserID+"|"+x.CurrentSkuID+"->"+x.SuggestedSkuID+"|"+money(x.MonthlySaving)+"|"+strings.Join(x.Used, ",")+"|"+strings.Join(x.Kept, ","))
				if !strings.Contains(x.Reason, "Used in the last 90 days") {
					t.Errorf("%s: %s reason %q", name, x.UserPrincipalName, x.Reason)
				}
			}
			for _, x := range e.sim.RightSizing(id, 90) {
				wantR = append(wantR, x.UserID+"|"+strings.ToLower(x.CurrentSkuID)+"->"+strings.ToLower(x.SuggestedSkuID)+"|"+money(x.MonthlySaving)+"|"+strings.Join(x.UsedServices, ",")+"|"+strings.Join(x.KeptServices, ","))
				if x.Intent == graphsim.IntentMailOnly {
					mailOnly++
				}
			}
			cmp("right-sizing", gotR, wantR)
			// Business plans: at most 300 seats per tenant, assigned + suggested
			to := map[string]int{}
			for _, x := range rs.Rows {
				to[x.SuggestedSkuID]++
			}
			for sku, n := range to {
				if c := derive.MaxSeatsFor(graphsim.SkuPartNumber(sku)); c > 0 && e.sim.GroundTruth(id).ConsumedBySKU[sku]+n > c {
					t.Errorf("%s: %d suggestions to %s over its %d-seat cap (%d assigned)", name, n, graphsim.SkuPartNumber(sku), c, e.sim.GroundTruth(id).ConsumedBySKU[sku])
				}
			}
			suggestions += len(gotR)
		}

		// the Users grid's licensing columns
		uv, err := e.rv.Users(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range uv.Rows {
			if len(r.LicenseSources) != len(r.LicenseNames) {
				t.Errorf("%s: %s has %d sources for %d licences", name, r.UserPrincipalName, len(r.LicenseSources), len(r.LicenseNames))
			}
			for _, s := range r.LicenseSources {
				if s == "" {
					t.Errorf("%s: %s has a licence of unknown source", name, r.UserPrincipalName)
				}
			}
			if r.ExchangeLast != "" || r.TeamsLast != "" || r.OneDriveBytes >= 0 {
				services++
			}
		}
	}
	t.Logf("demo MSP: %d renewal events, %d trials, %d attention, %d tenants with unused cost, %d assignment errors (%d via groups), %d inherited licences, %d right-size suggestions (%d mail-only), %d users with service columns",
		events, trials, attention, unusedCost, errs, grouped, inherited, suggestions, mailOnly, services)
	if events == 0 || trials == 0 || attention < 2 || unusedCost == 0 || errs < 2 || grouped == 0 || inherited == 0 ||
		suggestions == 0 || mailOnly == 0 || services == 0 {
		t.Errorf("the demo MSP should exercise every part")
	}
}

// A tenant whose token may not read subscriptions (403) still completes its
// sync: renewals carry the note with the fix, everything else is there.
func TestSubscriptionsDeniedIsANoteNotAFailedSync(t *testing.T) {
	var denied string
	e := newLicEnv(t, func(tokens map[string]string, next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/directory/subscriptions") && denied != "" &&
				r.Header.Get("Authorization") == "Bearer "+tokens[denied] {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusForbidden)
				fmt.Fprint(w, `{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation.","innerError":{"date":"2026-01-01T00:00:00","request-id":"00000000-0000-0000-0000-000000000000","client-request-id":"00000000-0000-0000-0000-000000000000"}}}`)
				return
			}
			next.ServeHTTP(w, r)
		})
	})
	denied = e.ids[0]
	ctx := context.Background()
	r, err := e.eng.SyncTenant(ctx, denied, types.TriggerManual)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != types.RunSucceeded {
		t.Fatalf("sync with subscriptions denied: %s %s", r.Status, r.Error)
	}
	snap, err := e.st.CurrentSnapshot(ctx, denied)
	if err != nil {
		t.Fatal(err)
	}
	if snap.Licensing == nil || snap.Licensing.SubscriptionsAvailable || len(snap.Licensing.Subscriptions) != 0 ||
		!strings.Contains(snap.Licensing.SubscriptionsNote, "Authorization_RequestDenied") ||
		!strings.Contains(snap.Licensing.SubscriptionsNote, "Organization.Read.All") {
		t.Fatalf("licensing after a 403: %+v", snap.Licensing)
	}
	if len(snap.Users) != e.sim.GroundTruth(denied).Users+e.sim.GroundTruth(denied).Deleted {
		t.Errorf("users %d, truth %d + %d deleted", len(snap.Users), e.sim.GroundTruth(denied).Users, e.sim.GroundTruth(denied).Deleted)
	}
	rv, err := e.rv.Renewals(ctx, denied)
	if err != nil {
		t.Fatal(err)
	}
	if rv.Available || len(rv.Events) != 0 || len(rv.Notes) != 1 || !strings.Contains(rv.Notes[0], "Fix:") {
		t.Errorf("renewals of a denied tenant: available %v, %d events, notes %v", rv.Available, len(rv.Events), rv.Notes)
	}
	// licence sources were still read with the users
	ls, err := e.rv.LicenseStates(ctx, denied)
	if err != nil {
		t.Fatal(err)
	}
	if len(ls.Rows) == 0 || !ls.Available {
		t.Errorf("licence states of a denied tenant: %d rows, available %v", len(ls.Rows), ls.Available)
	}
}
