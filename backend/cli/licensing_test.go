package cli

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"tenantlens/backend/graphsim"
	"tenantlens/backend/review"
	"tenantlens/backend/services"
	"tenantlens/backend/types"
)

// Connect one demo tenant, sync it, price the demo SKUs, then the licensing
// commands print what graphsim's ground truth says: the renewal calendar and
// unused cost until renewal, the assignment errors, the right-size list;
// users --json rows carry licence sources and per-service activity.
func TestLicensingCommandsMatchGroundTruth(t *testing.T) {
	e := newCLIEnv(t, graphsim.New(graphsim.Options{Seed: 1, AutoConsent: true}))
	want := e.sim.MSP().Customers[0]
	for _, c := range e.sim.MSP().Customers { // a tenant with right-size suggestions (an all-Business Premium one has none)
		if len(c.Users) >= 20 && len(e.sim.RightSizing(c.ID, 90)) > 0 {
			want = c
			break
		}
	}
	if code, out, errOut, _ := e.connect("--tenant", want.DefaultDomain, "--no-browser"); code != 0 {
		t.Fatalf("connect: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, errOut := e.cli("sync", "--tenant", want.ID); code != 0 {
		t.Fatalf("sync: exit %d\n%s\n%s", code, out, errOut)
	}
	ctx := context.Background()
	svc, err := services.Open(ctx, services.Options{Home: e.home})
	if err != nil {
		t.Fatal(err)
	}
	for id, p := range graphsim.DemoPrices {
		if err := svc.Store.SetPrice(ctx, types.Price{SkuID: id, PartNumber: graphsim.SkuPartNumber(id), UnitPrice: p, Currency: "USD",
			Billing: types.BillingMonthly}); err != nil {
			t.Fatal(err)
		}
	}
	svc.Close()

	code, out, errOut := e.cli("renewals", "--tenant", want.ID, "--json")
	if code != 0 {
		t.Fatalf("renewals: exit %d\n%s", code, errOut)
	}
	var rv review.RenewalsView
	mustJSON(t, out, &rv)
	truth := e.sim.RenewalCalendar(want.ID)
	var wantCost float64
	for _, u := range truth.Unused {
		wantCost += u.CostUntilRenewal
	}
	if !rv.Available || len(rv.Events) != len(truth.Events) || len(rv.Trials) != len(truth.Trials) ||
		len(rv.Attention) != len(truth.Attention) || fmt.Sprintf("%.2f", rv.UnusedCostTotal) != fmt.Sprintf("%.2f", wantCost) {
		t.Errorf("renewals: available %v, %d events, %d trials, %d attention, unused cost %.2f; truth %d, %d, %d, %.2f (notes %v)",
			rv.Available, len(rv.Events), len(rv.Trials), len(rv.Attention), rv.UnusedCostTotal,
			len(truth.Events), len(truth.Trials), len(truth.Attention), wantCost, rv.Notes)
	}
	for i, ev := range rv.Events {
		if i < len(truth.Events) && (ev.SubscriptionID != truth.Events[i].SubscriptionID || ev.DaysLeft != truth.Events[i].DaysLeft) {
			t.Errorf("renewal %d: %s in %d days, truth %s in %d", i, ev.SubscriptionID, ev.DaysLeft, truth.Events[i].SubscriptionID, truth.Events[i].DaysLeft)
		}
	}
	if code, out, _ = e.cli("renewals", "--tenant", want.ID); code != 0 || !strings.Contains(out, "until they renew") {
		t.Errorf("renewals table: exit %d\n%s", code, out)
	}

	code, out, errOut = e.cli("license-states", "--tenant", want.ID, "--json")
	if code != 0 {
		t.Fatalf("license-states: exit %d\n%s", code, errOut)
	}
	var ls review.LicenseStatesView
	mustJSON(t, out, &ls)
	var got, exp []string
	for _, x := range ls.Errors {
		got = append(got, x.UserID+"|"+x.SkuID+"|"+x.GroupName+"|"+x.Error)
	}
	for _, x := range e.sim.AssignmentErrors(want.ID) {
		exp = append(exp, x.UserID+"|"+strings.ToLower(x.SkuID)+"|"+x.GroupName+"|"+x.Error)
	}
	if strings.Join(got, ",") != strings.Join(exp, ",") && !sameStrings(got, exp) {
		t.Errorf("assignment errors\n got  %v\n want %v", got, exp)
	}

	code, out, errOut = e.cli("rightsize", "--tenant", want.ID, "--days", "90", "--json")
	if code != 0 {
		t.Fatalf("rightsize: exit %d\n%s", code, errOut)
	}
	var rs review.RightSizeView
	mustJSON(t, out, &rs)
	got, exp = nil, nil
	for _, x := range rs.Rows {
		got = append(got, fmt.Sprintf("%s|%s->%s|%.2f", x.UserID, x.CurrentSkuID, x.SuggestedSkuID, x.MonthlySaving))
	}
	for _, x := range e.sim.RightSizing(want.ID, 90) {
		exp = append(exp, fmt.Sprintf("%s|%s->%s|%.2f", x.UserID, strings.ToLower(x.CurrentSkuID), strings.ToLower(x.SuggestedSkuID), x.MonthlySaving))
	}
	if strings.Join(got, ",") != strings.Join(exp, ",") || len(exp) == 0 || rs.WindowDays != 90 {
		t.Errorf("rightsize over %d days\n got  %v\n want %v\nnotes %v", rs.WindowDays, got, exp, rs.Notes)
	}

	code, out, errOut = e.cli("users", "--tenant", want.ID, "--json")
	if code != 0 {
		t.Fatalf("users: exit %d\n%s", code, errOut)
	}
	var uv review.UsersView
	mustJSON(t, out, &uv)
	withServices, sourced := 0, 0
	for _, r := range uv.Rows {
		if len(r.LicenseSources) != len(r.LicenseNames) {
			t.Errorf("%s: %d sources for %d licences", r.UserPrincipalName, len(r.LicenseSources), len(r.LicenseNames))
		}
		sourced += len(r.LicenseSources)
		if r.ExchangeLast != "" {
			withServices++
		}
	}
	if withServices == 0 || sourced == 0 {
		t.Errorf("users --json: %d rows with Exchange activity, %d licence sources", withServices, sourced)
	}
}

func sameStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
		if m[x] < 0 {
			return false
		}
	}
	return true
}
