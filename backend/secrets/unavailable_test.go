package secrets

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

const envUnavailableChild = "TENANTLENS_SECRETS_UNAVAILABLE_CHILD"

// TestUnavailableNamesKeychain points the session bus at a socket that does
// not exist. It runs in a child process because godbus caches the session
// bus connection per process.
func TestUnavailableNamesKeychain(t *testing.T) {
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		t.Skip("D-Bus is only used on Linux and the BSDs")
	}
	if os.Getenv(envUnavailableChild) != "1" {
		sock := filepath.Join(t.TempDir(), "no-such-bus")
		runInChild(t, "TestUnavailableNamesKeychain",
			envUnavailableChild+"=1", "DBUS_SESSION_BUS_ADDRESS=unix:path="+sock)
		return
	}

	s := New("TenantLens-test-unavailable")
	secret := []byte("refresh-token-that-must-not-leak")
	const want = "the system keychain (Secret Service / GNOME Keyring) is not reachable"

	setErr := s.Set("k", secret)
	_, getErr := s.Get("k")
	for name, err := range map[string]error{
		"Set":    setErr,
		"Get":    getErr,
		"Delete": s.Delete("k"),
		"Check":  s.Check(),
	} {
		if !errors.Is(err, ErrUnavailable) {
			t.Errorf("%s: err=%v, want ErrUnavailable", name, err)
			continue
		}
		if errors.Is(err, ErrNotFound) {
			t.Errorf("%s: unavailable must not look like not-found: %v", name, err)
		}
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error does not name the keychain: %v", name, err)
		}
		if strings.Contains(err.Error(), string(secret)) {
			t.Errorf("%s: error leaks the secret: %v", name, err)
		}
		var ue *UnavailableError
		if !errors.As(err, &ue) || ue.Err == nil {
			t.Errorf("%s: want *UnavailableError with the cause, got %T", name, err)
		}
		t.Logf("%s: %v", name, err)
	}
}
