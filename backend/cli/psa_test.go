package cli

import (
	"strings"
	"testing"

	"tenantlens/backend/graphsim"
	"tenantlens/backend/psasim"
	"tenantlens/backend/secrets"
)

// `tenantlens psa`: keys come from the environment (never flags), connect
// checks them, sync imports the PSA's companies and contacts, disconnect
// deletes the keys from the keychain.
func TestPSACommands(t *testing.T) {
	e := newCLIEnv(t, graphsim.New(graphsim.Options{Seed: 1, Tenants: 3, AutoConsent: true}))
	psa := psasim.New(psasim.Options{Tenants: 3})
	if err := psa.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(psa.Close)
	t.Cleanup(func() {
		_ = secrets.New("").Delete("psa-connectwise")
		_ = secrets.New("").Delete("psa-connectwise-client")
	})
	if code, out, _ := e.cli("psa"); code != 0 || !strings.Contains(out, "no PSA is connected") {
		t.Fatalf("status without a PSA: %d %q", code, out)
	}
	cr := psa.Credentials()
	args := []string{"psa", "connect", "--site", psa.URL(), "--company", cr.CompanyID, "--client-id", psasim.DemoClientID}
	if code, _, errOut := e.cli(args...); code != 2 || !strings.Contains(errOut, EnvCWPrivateKey) {
		t.Fatalf("connect without keys: exit %d %q", code, errOut)
	}
	t.Setenv(EnvCWPublicKey, cr.PublicKey)
	t.Setenv(EnvCWPrivateKey, "wrong")
	if code, _, errOut := e.cli(args...); code != 1 || strings.Contains(errOut, "wrong") {
		t.Fatalf("connect with a wrong key: exit %d %q", code, errOut)
	}
	t.Setenv(EnvCWPrivateKey, cr.PrivateKey)
	if code, out, errOut := e.cli(args...); code != 0 || !strings.Contains(out, "keychain") {
		t.Fatalf("connect: exit %d %q %q", code, out, errOut)
	}
	code, out, errOut := e.cli("psa", "sync")
	if code != 0 || !strings.Contains(out, "added") {
		t.Fatalf("sync: exit %d %q %q", code, out, errOut)
	}
	if code, out, _ := e.cli("clients", "--json"); code != 0 || strings.Count(out, `"name"`) < 3 {
		t.Fatalf("clients after the PSA sync: %d %s", code, out)
	}
	if code, out, _ := e.cli("psa"); code != 0 || !strings.Contains(out, psa.URL()) || strings.Contains(out, "never") {
		t.Fatalf("status: %d %q", code, out)
	}
	if code, _, _ := e.cli("psa", "disconnect"); code != 0 {
		t.Fatal("disconnect failed")
	}
	if _, err := secrets.New("").Get("psa-connectwise"); err == nil {
		t.Fatal("keys still in the keychain")
	}
}
