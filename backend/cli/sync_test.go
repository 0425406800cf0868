package cli

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tenantlens/backend/events"
	"tenantlens/backend/graphsim"
	"tenantlens/backend/secrets"
	"tenantlens/backend/types"
)

// expectedAccess derives what a partner connect must report from the
// emulator's model: an active GDAP relationship and consent → ready; active
// without consent → needs consent; only inactive relationships → no access;
// no relationship → not discovered at all.
func expectedAccess(sim *graphsim.Sim) map[string]types.Access {
	listed, active := map[string]bool{}, map[string]bool{}
	for _, r := range sim.MSP().Relationships {
		listed[r.CustomerID] = true
		if r.Status == graphsim.RelationshipActive {
			active[r.CustomerID] = true
		}
	}
	out := map[string]types.Access{}
	for _, c := range sim.MSP().Customers {
		switch {
		case !listed[c.ID]:
		case !active[c.ID]:
			out[c.ID] = types.AccessNoAccess
		case c.DemoConsented:
			out[c.ID] = types.AccessReady
		default:
			out[c.ID] = types.AccessNeedsConsent
		}
	}
	return out
}

// Partner connect over the demo MSP's GDAP setup, then `sync --all`:
// ready tenants synced with ground-truth numbers, the others listed as
// skipped without failing the command; a tenant whose sync fails makes the
// exit code 1 while the others still succeed.
func TestPartnerConnectAndSyncAll(t *testing.T) {
	e := newCLIEnv(t, graphsim.New(graphsim.Options{Seed: 1, AutoConsent: true}))
	partner := e.sim.MSP().Partner
	want := expectedAccess(e.sim)

	code, out, errOut, opened := e.connect("--partner", "--no-browser")
	if code != 0 || len(opened) != 1 {
		t.Fatalf("connect --partner: exit %d, %d links\n%s\n%s", code, len(opened), out, errOut)
	}
	if !strings.HasPrefix(opened[0], e.auth+"/organizations/oauth2/v2.0/authorize?") {
		t.Errorf("partner sign-in link %q", opened[0])
	}
	counts := map[types.Access]int{}
	for _, a := range want {
		counts[a]++
	}
	for _, a := range []types.Access{types.AccessReady, types.AccessNeedsConsent, types.AccessNoAccess} {
		if counts[a] == 0 {
			t.Fatalf("the demo MSP should have a %s customer: %v", a, counts)
		}
	}
	summary := "Connected as partner " + partner.DisplayName + ": " + strconv.Itoa(len(want)) + " tenant(s) — " +
		strconv.Itoa(counts[types.AccessReady]) + " ready, " + strconv.Itoa(counts[types.AccessNeedsConsent]) + " need consent, " +
		strconv.Itoa(counts[types.AccessNoAccess]) + " no access"
	if !strings.Contains(out, summary) {
		t.Errorf("connect output lacks %q:\n%s", summary, out)
	}

	rows := e.tenants()
	if len(rows) != len(want) {
		t.Fatalf("tenants --json: %d rows, want %d", len(rows), len(want))
	}
	var ready []string
	notReady := ""
	reducedRoles := map[string]bool{}
	for _, r := range rows {
		reducedRoles[r.ID] = len(r.RoleWarnings) > 0
		if types.Access(r.Access) != want[r.ID] || r.ConnectionKind != string(types.ConnectionPartner) {
			t.Errorf("%s: access %s (%s), want %s", r.DisplayName, r.Access, r.ConnectionKind, want[r.ID])
		}
		if r.Access == string(types.AccessReady) {
			ready = append(ready, r.ID)
		} else if r.Access == string(types.AccessNeedsConsent) {
			notReady = r.ID
		}
	}

	start := time.Now()
	code, out, errOut = e.cli("sync", "--all", "--json")
	t.Logf("sync --all: %d ready tenants in %s", len(ready), time.Since(start).Round(time.Millisecond))
	if code != 0 {
		t.Fatalf("sync --all: exit %d\n%s\n%s", code, out, errOut)
	}
	var res []SyncRow
	mustJSON(t, out, &res)
	if len(res) != len(want) {
		t.Fatalf("sync --all listed %d tenants, want %d", len(res), len(want))
	}
	for _, r := range res {
		g := e.sim.GroundTruth(r.TenantID)
		switch want[r.TenantID] {
		case types.AccessReady:
			// Without GDAP's Reports Reader / sign-in roles the activity
			// cannot be read: inactivity is unknown (-1), never a wrong count.
			inactive := g.Inactive
			if reducedRoles[r.TenantID] {
				inactive = -1
			}
			if r.MFAAvailable == reducedRoles[r.TenantID] {
				t.Errorf("%s: MFA available %v with role warnings %v", r.DisplayName, r.MFAAvailable, reducedRoles[r.TenantID])
			}
			if r.Status != string(types.RunSucceeded) || r.Users != g.Users || r.Licensed != g.LicensedUsers || r.Inactive != inactive {
				t.Errorf("%s: %s %q, %d users / %d licensed / %d inactive; ground truth %d / %d / %d", r.DisplayName, r.Status, r.Error,
					r.Users, r.Licensed, r.Inactive, g.Users, g.LicensedUsers, inactive)
			}
		default:
			if r.Status != skippedNotReady || r.RunID != 0 || r.HasSnapshot || r.Error == "" {
				t.Errorf("%s (%s): %+v, want skipped with the reason", r.DisplayName, want[r.TenantID], r)
			}
		}
	}

	// The all-tenants workbook covers every synced tenant.
	all := filepath.Join(t.TempDir(), "all.xlsx")
	if code, out, errOut := e.cli("export", "--all", "--out", all); code != 0 || strings.TrimSpace(out) != all {
		t.Errorf("export --all: exit %d %q %s", code, out, errOut)
	} else if f, err := excelize.OpenFile(all); err != nil {
		t.Errorf("excelize cannot open the all-tenants workbook: %v", err)
	} else {
		sheets := f.GetSheetList()
		rows, _ := f.GetRows(sheets[0])
		text := fmt.Sprint(rows)
		for _, r := range res {
			if r.Status == string(types.RunSucceeded) && !strings.Contains(text, r.DisplayName) {
				t.Errorf("all-tenants workbook lacks %s: sheets %v", r.DisplayName, sheets)
			}
		}
		f.Close()
	}

	// One ready tenant's sync fails (its consent was withdrawn since the
	// connect: the token redemption answers 65001): exit 1, that tenant
	// failed with a reason, every other ready tenant still succeeds.
	broken := ready[0]
	e.sim.SetKnobs(broken, graphsim.Knobs{ConsentDenied: true})
	code, out, errOut = e.cli("sync", "--all", "--json")
	if code != 1 || !strings.Contains(errOut, "some tenants failed") {
		t.Fatalf("sync with a broken tenant: exit %d\n%s", code, errOut)
	}
	res = nil
	mustJSON(t, out, &res)
	for _, r := range res {
		switch {
		case r.TenantID == broken:
			if r.Status != string(types.RunFailed) || r.Error == "" || !r.HasSnapshot {
				t.Errorf("broken tenant: %+v (want failed with a reason, previous snapshot kept)", r)
			}
		case want[r.TenantID] == types.AccessReady && r.Status != string(types.RunSucceeded):
			t.Errorf("%s: %s %s", r.DisplayName, r.Status, r.Error)
		}
	}
	code, out, _ = e.cli("sync")
	if code != 1 || !strings.Contains(out, "FAILED") || !strings.Contains(out, "skipped") || !strings.Contains(out, "ok ") ||
		!strings.Contains(out, "MFA unavailable") {
		t.Errorf("sync table (exit %d):\n%s", code, out)
	}
	code, out, _ = e.cli("tenants")
	if code != 0 || !strings.Contains(out, "unavailable") || !strings.Contains(out, "needs consent") || !strings.Contains(out, "note: ") {
		t.Errorf("tenants table (exit %d):\n%s", code, out)
	}
	e.sim.SetKnobs(broken, graphsim.Knobs{})

	// Naming a tenant that needs consent fails with its remedy.
	code, _, errOut = e.cli("sync", "--tenant", notReady)
	if code != 1 || !strings.Contains(errOut, "needs consent") || !strings.Contains(errOut, "adminconsent") {
		t.Errorf("sync of a needs-consent tenant: exit %d: %s", code, errOut)
	}

	// disconnect --partner removes every customer and the partner's token.
	conns := e.connections()
	if len(conns) != 1 || conns[0].Kind != types.ConnectionPartner {
		t.Fatalf("connections: %+v", conns)
	}
	code, out, errOut = e.cli("disconnect", "--partner")
	if code != 0 || !strings.Contains(out, "Removed "+strconv.Itoa(len(want))+" customer tenant(s)") {
		t.Fatalf("disconnect --partner: exit %d\n%s\n%s", code, out, errOut)
	}
	if rows := e.tenants(); len(rows) != 0 {
		t.Errorf("tenants after disconnect --partner: %d", len(rows))
	}
	if _, err := secrets.New("").Get(conns[0].SecretKey); !errors.Is(err, secrets.ErrNotFound) {
		t.Errorf("partner token after disconnect: %v", err)
	}
	code, _, errOut = e.cli("disconnect", "--partner")
	if code != 1 || !strings.Contains(errOut, "no partner connection") {
		t.Errorf("second disconnect --partner: exit %d %s", code, errOut)
	}
	e.assertNoTokens(len(ready) + 2)
}

// The sync progress printer shows every phase change and at most one line
// per tenant per interval within a phase.
func TestProgressPrinterThrottles(t *testing.T) {
	var b bytes.Buffer
	p := newProgressPrinter(&b, time.Hour)
	p.names = func(id string) string { return "T-" + id }
	for i := 0; i <= 100; i++ {
		p.Emit(events.SyncProgress, events.SyncProgressPayload{TenantID: "a", Phase: "users", Done: i, Total: 100})
	}
	p.Emit(events.SyncProgress, events.SyncProgressPayload{TenantID: "b", Phase: "users", Done: 5, Total: 100})
	p.Emit(events.SyncProgress, events.SyncProgressPayload{TenantID: "a", Phase: "save", Done: 0, Total: 3})
	p.Emit(events.SyncFinished, events.SyncFinishedPayload{TenantID: "a", Status: "succeeded"})
	for i := 0; i <= 10; i++ {
		p.Emit(events.ExportProgress, events.ExportProgressPayload{Done: i, Total: 10})
	}
	want := "sync: T-a: users 0/100\nsync: T-b: users 5/100\nsync: T-a: save 0/3\nexport: 0/10 rows\nexport: 10/10 rows\n"
	if b.String() != want {
		t.Errorf("printed:\n%s\nwant:\n%s", b.String(), want)
	}
}
