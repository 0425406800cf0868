package cli

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"tenantlens/backend/graphsim"
	"tenantlens/backend/services"
	"tenantlens/backend/store"
)

// browserRun runs a command that prints "open: URL" lines (--no-browser)
// and fetches each URL like a browser would.
func (e *cliEnv) browserRun(args ...string) (int, string, string) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	pr, pw := io.Pipe()
	var errb lockedBuffer
	done := make(chan int, 1)
	go func() {
		c := Main(ctx, args, Env{Stdout: pw, Stderr: &errb})
		pw.Close()
		done <- c
	}()
	var out strings.Builder
	sc := bufio.NewScanner(pr)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		out.WriteString(sc.Text() + "\n")
		if u, ok := strings.CutPrefix(sc.Text(), "open: "); ok {
			go func() {
				if resp, err := (&http.Client{Timeout: time.Minute}).Get(u); err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}()
		}
	}
	code := <-done
	e.record(out.String(), errb.String())
	return code, out.String(), errb.String()
}

func assignCalls(sim *graphsim.Sim) int {
	n := 0
	for _, r := range sim.Requests() {
		if strings.HasSuffix(r.Path, "assignLicense") {
			n++
		}
	}
	return n
}

// The reclaim commands end to end: dry run (--json), apply refused without
// licence changes (nothing sent), licence-changes --allow, a wrong
// confirmation (exit 2, nothing sent), apply, audit --csv with one row per
// change, and no token in any output.
func TestReclaimCommands(t *testing.T) {
	e := newCLIEnv(t, graphsim.New(graphsim.Options{Seed: 1, AutoConsent: true}))
	c := e.sim.MSP().Customers[0]
	if code, out, errOut, _ := e.connect("--tenant", c.DefaultDomain, "--no-browser"); code != 0 {
		t.Fatalf("connect: %d\n%s\n%s", code, out, errOut)
	}
	if code, out, errOut := e.cli("sync", "--tenant", c.ID); code != 0 {
		t.Fatalf("sync: %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut := e.cli("reclaim", "--tenant", c.ID, "--json")
	if code != 0 {
		t.Fatalf("reclaim: %d\n%s\n%s", code, out, errOut)
	}
	var plan services.ReclaimPlan
	mustJSON(t, out, &plan)
	if plan.CanApply || plan.Blocker != services.MsgEnableLicenceChanges || plan.Removable == 0 {
		t.Fatalf("dry run without consent: %+v", plan)
	}
	code, _, errOut = e.cli("reclaim", "--tenant", c.ID, "--apply", "--confirm", c.DisplayName)
	if code != 1 || !strings.Contains(strings.ToLower(errOut), "enable licence changes for this tenant") || assignCalls(e.sim) != 0 {
		t.Fatalf("apply without consent: exit %d, %d calls\n%s", code, assignCalls(e.sim), errOut)
	}
	if code, out, errOut := e.browserRun("licence-changes", "--tenant", c.ID, "--allow", "--no-browser"); code != 0 || !strings.Contains(out, "allowed") {
		t.Fatalf("licence-changes --allow: %d\n%s\n%s", code, out, errOut)
	}
	if code, _, errOut := e.cli("reclaim", "--tenant", c.ID, "--apply", "--confirm", "Someone Else"); code != 2 || assignCalls(e.sim) != 0 {
		t.Fatalf("wrong confirmation: exit %d, %d calls\n%s", code, assignCalls(e.sim), errOut)
	}
	code, out, errOut = e.cli("reclaim", "--tenant", c.ID, "--apply", "--confirm", c.DisplayName, "--json")
	if code != 0 {
		t.Fatalf("apply: %d\n%s\n%s", code, out, errOut)
	}
	var res services.ReclaimResult
	mustJSON(t, out, &res)
	if res.Removed != plan.Removable || assignCalls(e.sim) != plan.Removable {
		t.Fatalf("apply removed %d with %d calls, dry run had %d", res.Removed, assignCalls(e.sim), plan.Removable)
	}
	code, out, _ = e.cli("audit", "--tenant", c.ID, "--csv")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != plan.Removable+1 || strings.Count(out, ","+store.AuditDone+",") != plan.Removable {
		t.Fatalf("audit --csv: exit %d\n%s", code, out)
	}
	e.assertNoTokens(1)
}
