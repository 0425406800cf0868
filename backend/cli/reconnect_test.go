package cli

import (
	"strings"
	"testing"

	"tenantlens/backend/graphsim"
	"tenantlens/backend/identity"
	"tenantlens/backend/sync"
	"tenantlens/backend/types"
)

// A tenant whose grant is revoked between syncs: its next sync meets the
// refused refresh token in the real identity token source (keychain and
// all), ends in the reconnect state with the message — in its run and in
// its access, not only as a last error — while every other tenant
// completes and its previous snapshot stays current; connecting it again
// makes the next sync succeed.
func TestRevokedGrantEndsInReconnect(t *testing.T) {
	e := newCLIEnv(t, graphsim.New(graphsim.Options{Seed: 1, AutoConsent: true}))
	if code, out, errOut, _ := e.connect("--partner", "--no-browser"); code != 0 {
		t.Fatalf("connect --partner: exit %d\n%s\n%s", code, out, errOut)
	}
	want := expectedAccess(e.sim)
	var victim string
	for _, c := range e.sim.MSP().Customers {
		if want[c.ID] == types.AccessReady && victim == "" {
			victim = c.ID
		}
	}
	// The victim is connected directly: its refresh token is its own, so
	// revoking its tenant's grants revokes exactly that sign-in.
	if code, out, errOut, _ := e.connect("--tenant", victim, "--no-browser"); code != 0 {
		t.Fatalf("connect --tenant: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, errOut := e.cli("sync", "--all", "--json"); code != 0 {
		t.Fatalf("first sync: exit %d\n%s\n%s", code, out, errOut)
	}
	before := map[string]int64{}
	for _, r := range e.tenants() {
		before[r.ID] = 0
		if r.HasSnapshot {
			before[r.ID] = 1
		}
	}
	if before[victim] != 1 {
		t.Fatalf("victim %s has no snapshot after the first sync", victim)
	}
	prevRun := currentRun(t, e, victim)

	e.sim.RevokeGrants(victim)
	code, out, errOut := e.cli("sync", "--all", "--json")
	if code != 1 {
		t.Fatalf("sync with a revoked grant: exit %d, want 1\n%s\n%s", code, out, errOut)
	}
	var res []SyncRow
	mustJSON(t, out, &res)
	for _, r := range res {
		switch {
		case r.TenantID == victim:
			if r.Status != string(types.RunFailed) || r.ErrorClass != "reauth" || !strings.Contains(r.Error, identity.MsgReauth) {
				t.Errorf("victim: %s/%s %q; want failed/reauth with %q", r.Status, r.ErrorClass, r.Error, identity.MsgReauth)
			}
			if !r.HasSnapshot {
				t.Error("victim lost its previous snapshot")
			}
		case want[r.TenantID] == types.AccessReady && r.Status != string(types.RunSucceeded):
			t.Errorf("%s: %s %s (other tenants must complete)", r.DisplayName, r.Status, r.Error)
		}
	}
	for _, r := range e.tenants() {
		if r.ID != victim {
			continue
		}
		if r.Access != string(types.AccessReconnect) || r.AccessDetail != sync.ReconnectMessage {
			t.Errorf("victim access %q %q; want %q %q", r.Access, r.AccessDetail, types.AccessReconnect, sync.ReconnectMessage)
		}
	}
	if got := currentRun(t, e, victim); got != prevRun {
		t.Errorf("victim's current snapshot moved from run %d to %d", prevRun, got)
	}
	// Not ready any more: a scheduled or --all sync leaves it alone, naming it explains why.
	if code, _, errOut := e.cli("sync", "--tenant", victim); code != 1 || !strings.Contains(strings.ToLower(errOut), "reconnect") {
		t.Errorf("sync --tenant of a reconnect-needed tenant: exit %d %q", code, errOut)
	}

	if code, out, errOut, _ := e.connect("--tenant", victim, "--no-browser"); code != 0 {
		t.Fatalf("reconnect: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = e.cli("sync", "--tenant", victim, "--json")
	if code != 0 {
		t.Fatalf("sync after reconnecting: exit %d\n%s\n%s", code, out, errOut)
	}
	if got := currentRun(t, e, victim); got == prevRun {
		t.Error("the sync after reconnecting did not make a new current snapshot")
	}
	for _, r := range e.tenants() {
		if r.ID == victim && r.Access != string(types.AccessReady) {
			t.Errorf("access after reconnecting: %q", r.Access)
		}
	}
}

func currentRun(t *testing.T, e *cliEnv, tenantID string) int64 {
	t.Helper()
	for _, tn := range e.storedTenants() {
		if tn.ID == tenantID {
			return tn.CurrentRunID
		}
	}
	t.Fatalf("tenant %s not stored", tenantID)
	return 0
}
