package secrets

import (
	cryptorand "crypto/rand"
	"encoding/hex"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"
)

// envSkipKeychain lets a machine without any keychain skip the real-keychain
// tests explicitly; by default they fail so a missing keychain is noticed.
const envSkipKeychain = "TENANTLENS_SKIP_KEYCHAIN_TESTS"

// newTestStore returns a Store on a unique service name so tests never touch
// real TenantLens entries, and removes everything under it afterwards.
func newTestStore(t *testing.T) *Store {
	t.Helper()
	var b [6]byte
	if _, err := cryptorand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	s := New("TenantLens-test-" + hex.EncodeToString(b[:]))
	if err := s.Check(); err != nil {
		if errors.Is(err, ErrUnavailable) && os.Getenv(envSkipKeychain) == "1" {
			t.Skipf("%s=1 and no keychain: %v", envSkipKeychain, err)
		}
		t.Fatalf("real keychain needed (run under dbus-run-session with gnome-keyring-daemon unlocked, see package docs): %v", err)
	}
	t.Cleanup(func() {
		if err := keyring.DeleteAll(s.Service()); err != nil {
			t.Errorf("cleanup of %s: %v", s.Service(), err)
		}
	})
	return s
}

// token returns n printable ASCII bytes, different for each seed, shaped like
// an OAuth token.
func token(seed uint64, n int) []byte {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~"
	r := rand.New(rand.NewPCG(seed, 0x7e4a17))
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return b
}

// binary returns n arbitrary bytes (including NUL and invalid UTF-8).
func binary(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, 0xb1a7))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	return b
}

// runInChild re-executes the test binary running only the named test with
// extra environment, and fails t unless that test passed in the child.
func runInChild(t *testing.T, name string, env ...string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+name+"$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: "+name) {
		t.Fatalf("child %s failed (err=%v):\n%s", name, err, out)
	}
	t.Logf("child output:\n%s", out)
}

// headSlot parses the raw head entry under key: the chunk slot its manifest
// names and its chunk count (0 for a direct value or no entry).
func headSlot(t *testing.T, s *Store, key string) (slot string, n int) {
	t.Helper()
	head, err := keyring.Get(s.Service(), key)
	if errors.Is(err, keyring.ErrNotFound) {
		return "", 0
	}
	if err != nil {
		t.Fatalf("keyring.Get(%q): %v", key, err)
	}
	_, m, err := parseHead(head)
	if err != nil || m == nil {
		return "", 0
	}
	return m.slot, m.n
}

// existingChunks returns the chunk entries of key that exist in any slot
// (legacy, a, b), probing indexes 1…limit of each directly in the keychain.
func existingChunks(t *testing.T, s *Store, key string, limit int) []string {
	t.Helper()
	var out []string
	for _, slot := range allSlots {
		for i := 1; i <= limit; i++ {
			e := chunkName(key, slot, i)
			_, err := keyring.Get(s.Service(), e)
			if errors.Is(err, keyring.ErrNotFound) {
				continue
			}
			if err != nil {
				t.Fatalf("keyring.Get(%q): %v", e, err)
			}
			out = append(out, e)
		}
	}
	return out
}
