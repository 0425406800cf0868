package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
)

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(context.Background(), args, Env{Stdout: &out, Stderr: &errb})
	return code, out.String(), errb.String()
}

func TestVersionAndHelp(t *testing.T) {
	code, out, _ := run(t, "version")
	if code != 0 || !strings.HasPrefix(out, "tenantlens ") {
		t.Fatalf("version: code %d, out %q", code, out)
	}
	code, out, _ = run(t, "help")
	if code != 0 {
		t.Fatalf("help exit %d", code)
	}
	for _, c := range commands() {
		if !strings.Contains(out, "  "+c.name) {
			t.Errorf("help does not list %q:\n%s", c.name, out)
		}
	}
}

func TestUnknownCommandIsAUsageError(t *testing.T) {
	code, _, errOut := run(t, "frobnicate")
	if code != 2 || !strings.Contains(errOut, `unknown command "frobnicate"`) {
		t.Fatalf("code %d, stderr %q", code, errOut)
	}
}

// The helper process runs `doctor` in a fresh process so the D-Bus
// environment it sees is exactly the one the test set.
func TestHelperProcess(t *testing.T) {
	if os.Getenv("TL_CLI_HELPER") != "1" {
		t.Skip("helper process only")
	}
	os.Exit(Main(context.Background(), strings.Fields(os.Getenv("TL_CLI_ARGS")), Env{Stdout: os.Stdout, Stderr: os.Stderr}))
}

func helper(t *testing.T, args string, env ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), append([]string{"TL_CLI_HELPER=1", "TL_CLI_ARGS=" + args, "TENANTLENS_HOME=" + t.TempDir()}, env...)...)
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, string(out)
}

func TestDoctorWithoutDBusNamesTheKeychain(t *testing.T) {
	code, out := helper(t, "doctor",
		"DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/tenantlens-test-bus",
		"XDG_RUNTIME_DIR="+t.TempDir(), "PATH=/nonexistent") // no dbus-launch either
	if code == 0 {
		t.Fatalf("doctor exited 0 without a keychain:\n%s", out)
	}
	if !strings.Contains(out, "FAIL  keychain") || !strings.Contains(out, "Secret Service") {
		t.Fatalf("doctor output does not name the keychain:\n%s", out)
	}
	if strings.Contains(out, "goroutine ") || strings.Contains(out, "panic:") {
		t.Fatalf("doctor printed a stack trace:\n%s", out)
	}
	for _, want := range []string{"ok    data folder", "ok    sqlite"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
}

func TestDoctorWithKeychainPasses(t *testing.T) {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Skip("no session bus: run through scripts/with-keyring.sh (make test does)")
	}
	code, out := helper(t, "doctor")
	if !strings.Contains(out, "ok    keychain") || !strings.Contains(out, "ok    data folder") {
		t.Fatalf("doctor output:\n%s", out)
	}
	// The web view check depends on installed libraries; everything else must pass.
	if code != 0 && !strings.Contains(out, "FAIL  webkit") {
		t.Fatalf("doctor exit %d:\n%s", code, out)
	}
}
