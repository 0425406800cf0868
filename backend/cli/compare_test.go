package cli

import (
	"strings"
	"testing"
	"time"

	"tenantlens/backend/graphsim"
	"tenantlens/backend/review"
	"tenantlens/backend/types"
)

// `tenantlens compare` lists the user graphsim added between two syncs and
// `tenantlens trends` one point per stored run, each equal to the
// tenants row's figures of its day.
func TestCompareAndTrends(t *testing.T) {
	e := newCLIEnv(t, graphsim.New(graphsim.Options{Seed: 1, AutoConsent: true}))
	if code, out, errOut, _ := e.connect("--partner", "--no-browser"); code != 0 {
		t.Fatalf("connect: %d\n%s\n%s", code, out, errOut)
	}
	var id string
	for _, r := range e.tenants() {
		if r.Access == string(types.AccessReady) {
			id = r.ID
			break
		}
	}
	if code, out, errOut := e.cli("sync", "--tenant", id); code != 0 {
		t.Fatalf("sync: %d\n%s\n%s", code, out, errOut)
	}
	first := time.Now().UTC()
	tn, _ := e.sim.Tenant(id)
	nu, err := e.sim.AddUser(id, &graphsim.User{UserPrincipalName: "cli.hire@" + tn.DefaultDomain, DisplayName: "CLI Hire",
		UserType: "Member", AccountEnabled: true, CreatedDateTime: first.Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := e.cli("sync", "--tenant", id); code != 0 {
		t.Fatalf("second sync: %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut := e.cli("compare", "--tenant", id, "--from", first.Format(time.RFC3339Nano), "--json")
	if code != 0 {
		t.Fatalf("compare: %d\n%s\n%s", code, out, errOut)
	}
	var c review.Comparison
	mustJSON(t, out, &c)
	if len(c.Added) != 1 || c.Added[0].UserID != nu.ID || c.Totals.UsersAdded != 1 || len(c.Removed) != 0 {
		t.Fatalf("compare added %+v removed %+v, graphsim added %s", c.Added, c.Removed, nu.ID)
	}
	if code, out, _ = e.cli("compare", "--tenant", id, "--from", first.Format(time.RFC3339Nano)); code != 0 || !strings.Contains(out, "CLI Hire") {
		t.Fatalf("compare table: %d\n%s", code, out)
	}
	code, out, errOut = e.cli("trends", "--tenant", id, "--range", "all", "--json")
	if code != 0 {
		t.Fatalf("trends: %d\n%s\n%s", code, out, errOut)
	}
	var tr review.Trend
	mustJSON(t, out, &tr)
	row := e.tenants()
	var users int
	for _, r := range row {
		if r.ID == id {
			users = r.Users
		}
	}
	if len(tr.Points) != 2 || tr.Points[1].Users != users || tr.Points[1].Users-tr.Points[0].Users != 1 {
		t.Fatalf("trend %+v, tenants row %d users", tr.Points, users)
	}
	if code, _, _ = e.cli("trends", "--tenant", id, "--client", "x"); code != 2 {
		t.Errorf("--tenant with --client: exit %d, want 2", code)
	}
}
