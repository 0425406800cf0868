package cli

import (
	"os"
	"strings"
	"testing"

	"tenantlens/backend/graphsim"
	"tenantlens/backend/identity"
	"tenantlens/backend/types"
)

// A 5 KB --tenant is refused at once (exit 2, nothing opened) with a short
// message that quotes only a prefix and says what to enter instead.
func TestConnectRefusesAFiveKilobyteTenantWithAShortError(t *testing.T) {
	home := t.TempDir()
	t.Setenv("TENANTLENS_HOME", home)
	long := strings.Repeat("contoso", 5*1024/7+1)[:5*1024]
	for _, args := range [][]string{
		{"connect", "--tenant", long, "--no-browser"},
		{"connect", "--partner", "--tenant", long, "--no-browser"},
		{"connect", "--tenant", strings.Repeat("a.", 2560), "--no-browser"},
	} {
		code, out, errOut := run(t, args...)
		if code != 2 {
			t.Errorf("%s: exit %d, want 2\n%s", args[1], code, errOut)
		}
		if len(errOut) > 300 || strings.Contains(errOut, args[len(args)-2][:100]) {
			t.Errorf("%d-byte error for a %d-byte input:\n%s", len(errOut), len(args[len(args)-2]), errOut)
		}
		if !strings.Contains(errOut, identity.RemedyInvalidInput) || !strings.Contains(errOut, "characters)") {
			t.Errorf("error lacks the remedy or the input's length:\n%s", errOut)
		}
		if out != "" {
			t.Errorf("stdout: %q", out)
		}
		t.Logf("%d-byte input → %d-byte error: %s", len(args[len(args)-2]), len(errOut), strings.TrimSpace(errOut))
	}
	if entries, err := os.ReadDir(home); err != nil || len(entries) != 0 {
		t.Errorf("the data folder was touched for an invalid tenant (%d entries, %v)", len(entries), err)
	}
}

// What ParseTenantInput normalises (a pasted URL, upper case) connects as
// the plain domain.
func TestConnectNormalisesAPastedDomain(t *testing.T) {
	e := newCLIEnv(t, graphsim.New(graphsim.Options{Seed: 1, AutoConsent: true}))
	want := e.sim.MSP().Customers[0]
	code, out, errOut, _ := e.connect("--tenant", "  https://"+strings.ToUpper(want.DefaultDomain)+"/ ", "--no-browser")
	if code != 0 {
		t.Fatalf("connect: exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "Looking up "+want.DefaultDomain+"…") {
		t.Errorf("progress does not show the normalised domain:\n%s", errOut)
	}
	if rows := e.tenants(); len(rows) != 1 || rows[0].ID != want.ID || rows[0].Access != string(types.AccessReady) {
		t.Errorf("tenants after connect: %+v", rows)
	}
}
