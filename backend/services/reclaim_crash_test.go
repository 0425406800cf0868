package services

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"tenantlens/backend/config"
	"tenantlens/backend/graphsim"
	"tenantlens/backend/store"
)

// The child half of TestReclaimCrashMidApply: a separate process opens the
// same data folder and keychain, points at the parent's graphsim and
// applies; it prints one line per finished change until it is killed.
func TestReclaimCrashChild(t *testing.T) {
	if os.Getenv("TL_RECLAIM_CHILD") != "1" {
		t.Skip("helper process of TestReclaimCrashMidApply")
	}
	svc, err := Open(context.Background(), Options{Home: os.Getenv("TL_HOME"), KeychainService: os.Getenv("TL_KEYCHAIN"),
		Override: func(c *config.Config) {
			c.Authority, c.Graph, c.ClientID = os.Getenv("TL_AUTHORITY"), os.Getenv("TL_GRAPH"), graphsim.DemoClientID
			c.CatalogURL = os.Getenv("TL_CATALOG")
		}})
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(3)
	}
	fmt.Println("started")
	_, err = svc.ReclaimApply(context.Background(), ReclaimRequest{TenantID: os.Getenv("TL_TENANT")}, os.Getenv("TL_CONFIRM"),
		func(p ReclaimProgress) { fmt.Printf("progress %d/%d %s\n", p.Done, p.Total, p.Entry.Result) })
	fmt.Println("finished:", err)
	os.Exit(0)
}

// Acceptance 4: a process killed (SIGKILL) in the middle of an apply leaves
// an audit log that says which changes happened and which did not, checked
// against graphsim: no row is done that graphsim does not show, at most the
// one call in flight is open, and reconciling settles every row to what
// graphsim shows.
func TestReclaimCrashMidApply(t *testing.T) {
	if os.Getenv("TL_RECLAIM_CHILD") == "1" {
		t.Skip("in the child")
	}
	e := startReclaim(t)
	ctx := context.Background()
	c := e.tenant
	if _, err := e.svc.SetLicenceChanges(ctx, c.ID, true, simBrowser()); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Close(); err != nil { // the child takes the data folder
		t.Fatal(err)
	}
	// slow Graph down so the kill lands between calls
	e.sim.SetKnobs(c.ID, graphsim.Knobs{Latency: 150 * time.Millisecond})

	cmd := exec.Command(os.Args[0], "-test.run=^TestReclaimCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "TL_RECLAIM_CHILD=1", "TL_HOME="+e.home, "TL_KEYCHAIN="+e.service, "TL_AUTHORITY="+e.sim.AuthorityURL(),
		"TL_GRAPH="+e.sim.GraphURL(), "TL_CATALOG="+e.sim.CatalogURL(), "TL_TENANT="+c.ID, "TL_CONFIRM="+c.DisplayName)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	var lines []string
	killed := false
	for sc.Scan() {
		lines = append(lines, sc.Text())
		if strings.HasPrefix(sc.Text(), "progress 2/") {
			_ = cmd.Process.Kill() // SIGKILL: no deferred code runs
			killed = true
			break
		}
	}
	_ = cmd.Wait()
	if !killed {
		t.Fatalf("the child finished before it could be killed:\n%s", strings.Join(lines, "\n"))
	}
	e.sim.SetKnobs(c.ID, graphsim.Knobs{})

	svc := openReclaimServices(t, e.sim, e.home, e.service)
	defer svc.Close()
	log, err := svc.AuditLog(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != e.plan.Removable {
		t.Fatalf("the apply queued %d rows, the dry run had %d removable", len(log), e.plan.Removable)
	}
	counts := map[string]int{}
	for _, a := range log {
		counts[a.Result]++
		direct, _ := simDirect(c, a.UserID, a.SkuID)
		switch a.Result {
		case store.AuditDone:
			if direct {
				t.Errorf("audit says %s was removed from %s, graphsim still has it", a.SkuID, a.UserPrincipal)
			}
		case store.AuditQueued:
			if !direct {
				t.Errorf("audit says %s on %s was never sent, graphsim no longer has it", a.SkuID, a.UserPrincipal)
			}
		case store.AuditPending:
			// the call in flight: sent, outcome unknown until reconciled
		default:
			t.Errorf("unexpected result after a crash: %+v", a)
		}
	}
	t.Logf("after SIGKILL: %v of %d", counts, len(log))
	if counts[store.AuditDone] < 2 || counts[store.AuditPending] > 1 || counts[store.AuditQueued] == 0 {
		t.Errorf("the kill did not land mid-apply as planned: %v", counts)
	}

	// reconcile settles every row to graphsim's state
	if _, err := svc.ReconcileAudit(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	log, _ = svc.AuditLog(ctx, c.ID)
	for _, a := range log {
		direct, _ := simDirect(c, a.UserID, a.SkuID)
		switch {
		case a.Result == store.AuditDone && direct, a.Result == store.AuditNotDone && !direct:
			t.Errorf("after reconcile %+v disagrees with graphsim (direct %v)", a, direct)
		case a.Result != store.AuditDone && a.Result != store.AuditNotDone:
			t.Errorf("after reconcile a row is still %s: %+v", a.Result, a)
		}
	}
	// applying again removes the rest, and only the rest
	calls := assignLicenseCalls(e.sim)
	res, err := svc.ReclaimApply(ctx, ReclaimRequest{TenantID: c.ID}, c.DisplayName, nil)
	if err != nil {
		t.Fatal(err)
	}
	notDone := 0
	for _, a := range log {
		if a.Result == store.AuditNotDone {
			notDone++
		}
	}
	if res.Removed != notDone || res.Failed != 0 || assignLicenseCalls(e.sim)-calls != notDone {
		t.Errorf("second apply removed %d (failed %d, %d calls), %d were not done", res.Removed, res.Failed, assignLicenseCalls(e.sim)-calls, notDone)
	}
}
