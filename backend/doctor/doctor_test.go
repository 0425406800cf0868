package doctor

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAllChecksPass(t *testing.T) {
	r := Run(context.Background(), Deps{
		DataDir:  t.TempDir(),
		SQLite:   func(context.Context) (string, error) { return "3.50.0", nil },
		Keychain: func() error { return nil },
		WebView:  func() (string, error) { return "present", nil },
	})
	if !r.OK || len(r.Checks) != 4 {
		t.Fatalf("report %+v", r)
	}
	if out := Format(r); strings.Contains(out, "FAIL") || !strings.Contains(out, "SQLite 3.50.0") {
		t.Fatalf("format:\n%s", out)
	}
}

func TestFailingKeychainAndReadOnlyFolderAreReported(t *testing.T) {
	ro := filepath.Join(t.TempDir(), "ro")
	os.MkdirAll(ro, 0o500)
	if os.Geteuid() == 0 {
		// root ignores permissions; use a path under a regular file instead
		f := filepath.Join(t.TempDir(), "file")
		os.WriteFile(f, nil, 0o600)
		ro = filepath.Join(f, "sub")
	}
	r := Run(context.Background(), Deps{
		DataDir:  ro,
		Keychain: func() error { return errors.New("the system keychain (Secret Service) is not reachable") },
		WebView:  func() (string, error) { return "present", nil },
	})
	if r.OK {
		t.Fatal("report OK despite failures")
	}
	out := Format(r)
	if !strings.Contains(out, "FAIL  data folder") || !strings.Contains(out, "FAIL  keychain") || !strings.Contains(out, "system keychain") {
		t.Fatalf("format:\n%s", out)
	}
}
