package secrets

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/zalando/go-keyring"
)

// entryExists reports whether the raw keychain entry exists, bypassing Store.
func entryExists(t *testing.T, s *Store, entry string) bool {
	t.Helper()
	_, err := keyring.Get(s.Service(), entry)
	if errors.Is(err, keyring.ErrNotFound) {
		return false
	}
	if err != nil {
		t.Fatalf("keyring.Get(%q): %v", entry, err)
	}
	return true
}

// assertChunks checks that the manifest under key names n chunks (0: a
// direct value or nothing) and that exactly those chunk entries exist: no
// other chunk in any slot, probing each slot up to max(n, 10)+2.
func assertChunks(t *testing.T, s *Store, key string, n int) {
	t.Helper()
	assertChunksUpTo(t, s, key, n, max(n, 10)+2)
}

func assertChunksUpTo(t *testing.T, s *Store, key string, n, limit int) {
	t.Helper()
	slot, hn := headSlot(t, s, key)
	if hn != n {
		t.Errorf("%s: manifest names %d chunks, want %d", key, hn, n)
	}
	want := map[string]bool{}
	for i := 1; i <= hn; i++ {
		want[chunkName(key, slot, i)] = true
	}
	got := existingChunks(t, s, key, limit)
	for _, e := range got {
		if !want[e] {
			t.Errorf("%s: stray chunk entry %q (manifest names %d in slot %q)", key, e, hn, slot)
		}
		delete(want, e)
	}
	for e := range want {
		t.Errorf("%s: chunk entry %q the manifest names is missing", key, e)
	}
}

func TestRoundTripSizes(t *testing.T) {
	s := newTestStore(t)
	cases := []struct {
		name   string
		value  []byte
		chunks int
	}{
		{"10B", token(1, 10), 0},
		{"1999B", token(2, 1999), 0},
		{"2000B", token(3, 2000), 0},
		{"2001B", token(4, 2001), 2},
		{"16KB", token(5, 16*1024), 9},
		{"64KB", token(6, 64*1024), 33},
		{"empty", []byte{}, 0},
		{"binary10B", binary(7, 10), 0},
		{"binary3000B", binary(8, 3000), 2}, // 4,000 base64 characters
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			key := "roundtrip-" + c.name
			if err := s.Set(key, c.value); err != nil {
				t.Fatalf("Set: %v", err)
			}
			got, err := s.Get(key)
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			if !bytes.Equal(got, c.value) {
				t.Fatalf("Get returned %d bytes that differ from the %d written", len(got), len(c.value))
			}
			assertChunks(t, s, key, c.chunks)
			head, err := keyring.Get(s.Service(), key)
			if err != nil {
				t.Fatal(err)
			}
			wantPrefix := directPrefix
			if c.chunks > 0 {
				wantPrefix = manifestPrefix
			}
			if !strings.HasPrefix(head, wantPrefix) {
				t.Errorf("head entry starts %.20q, want prefix %q", head, wantPrefix)
			}
		})
	}
}

func TestOverwriteRemovesStaleChunks(t *testing.T) {
	s := newTestStore(t)
	const key = "overwrite"
	big, mid, small := token(10, 16*1024), token(11, 3*1024), token(12, 10)

	if err := s.Set(key, big); err != nil {
		t.Fatal(err)
	}
	assertChunks(t, s, key, 9)

	if err := s.Set(key, mid); err != nil {
		t.Fatal(err)
	}
	assertChunks(t, s, key, 2)
	if n := len(existingChunks(t, s, key, 12)); n != 2 {
		t.Errorf("%d chunk entries after overwriting the 16 KB value with a 3 KB one, want 2", n)
	}
	if got, err := s.Get(key); err != nil || !bytes.Equal(got, mid) {
		t.Fatalf("Get after overwrite: %d bytes, err=%v; want the 3 KB value", len(got), err)
	}

	if err := s.Set(key, small); err != nil {
		t.Fatal(err)
	}
	assertChunks(t, s, key, 0)
	if got, err := s.Get(key); err != nil || !bytes.Equal(got, small) {
		t.Fatalf("Get after overwrite with small value: %q, err=%v", got, err)
	}
}

func TestDeleteRemovesAllChunks(t *testing.T) {
	s := newTestStore(t)
	const key = "delete-me"
	if err := s.Set(key, token(20, 64*1024)); err != nil {
		t.Fatal(err)
	}
	assertChunks(t, s, key, 33)
	if err := s.Delete(key); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if entryExists(t, s, key) {
		t.Error("manifest survived Delete")
	}
	if left := existingChunks(t, s, key, 35); len(left) > 0 {
		t.Errorf("chunks survived Delete: %v", left)
	}
	if _, err := s.Get(key); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get after Delete: err=%v, want ErrNotFound", err)
	}
	if err := s.Delete(key); err != nil {
		t.Errorf("second Delete should be a no-op, got %v", err)
	}
}

func TestGetMissing(t *testing.T) {
	s := newTestStore(t)
	_, err := s.Get("never-stored")
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("err=%v, want ErrNotFound", err)
	}
	if errors.Is(err, ErrUnavailable) || errors.Is(err, ErrCorrupt) {
		t.Fatalf("missing key misclassified: %v", err)
	}
	if !strings.Contains(err.Error(), "never-stored") {
		t.Errorf("error should name the key: %v", err)
	}
}

func TestCorruptChunkIsReported(t *testing.T) {
	s := newTestStore(t)
	const key = "corrupt"
	secret := token(30, 16*1024)

	// A chunk replaced by different bytes of the same length.
	if err := s.Set(key, secret); err != nil {
		t.Fatal(err)
	}
	tampered := strings.Repeat("x", ChunkSize)
	slot, _ := headSlot(t, s, key)
	if err := keyring.Set(s.Service(), chunkName(key, slot, 3), tampered); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(key)
	if !errors.Is(err, ErrCorrupt) || got != nil {
		t.Fatalf("tampered chunk: got %d bytes, err=%v; want nil and ErrCorrupt", len(got), err)
	}
	if !strings.Contains(err.Error(), "sha256") || !strings.Contains(err.Error(), key) {
		t.Errorf("error should explain the hash mismatch and name the key: %v", err)
	}
	if strings.Contains(err.Error(), string(secret[:40])) {
		t.Errorf("error text leaks the secret: %v", err)
	}

	// A missing chunk.
	if err := s.Set(key, secret); err != nil {
		t.Fatal(err)
	}
	slot, _ = headSlot(t, s, key)
	if err := keyring.Delete(s.Service(), chunkName(key, slot, 5)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(key); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "chunk 5 of 9 is missing") {
		t.Errorf("missing chunk: err=%v", err)
	}

	// Delete of an entry with a chunk missing in the middle still removes
	// every chunk the manifest lists.
	if err := s.Delete(key); err != nil {
		t.Fatal(err)
	}
	assertChunks(t, s, key, 0)

	// A head entry not written by TenantLens, with chunks behind it.
	if err := s.Set(key, secret); err != nil {
		t.Fatal(err)
	}
	if err := keyring.Set(s.Service(), key, "plain-old-password"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(key); !errors.Is(err, ErrCorrupt) || strings.Contains(err.Error(), "plain-old-password") {
		t.Errorf("foreign head: err=%v", err)
	}
	if err := s.Delete(key); err != nil {
		t.Fatal(err)
	}
	if entryExists(t, s, key) {
		t.Error("foreign head survived Delete")
	}
	assertChunks(t, s, key, 0)
}

func TestConcurrentSetGet(t *testing.T) {
	s := newTestStore(t)
	const key = "concurrent"
	const writers, readers, rounds = 4, 4, 5
	valid := map[string]bool{}
	values := make([][][]byte, writers)
	for w := range writers {
		for r := range rounds {
			// Different lengths so chunk counts change between writes.
			v := token(uint64(100+w*rounds+r), 2500+1700*((w+r)%5))
			values[w] = append(values[w], v)
			valid[string(v)] = true
		}
	}
	if err := s.Set(key, values[0][0]); err != nil {
		t.Fatal(err)
	}

	var wg sync.WaitGroup
	errs := make(chan error, (writers+readers)*rounds)
	for w := range writers {
		wg.Go(func() {
			for _, v := range values[w] {
				if err := s.Set(key, v); err != nil {
					errs <- fmt.Errorf("writer %d: %w", w, err)
				}
			}
		})
	}
	for r := range readers {
		wg.Go(func() {
			for range rounds {
				got, err := s.Get(key)
				if err != nil {
					errs <- fmt.Errorf("reader %d: %w", r, err)
					continue
				}
				if !valid[string(got)] {
					errs <- fmt.Errorf("reader %d: got %d bytes that match no written value", r, len(got))
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	// Whatever won, the layout is consistent: no chunks beyond the manifest's.
	got, err := s.Get(key)
	if err != nil || !valid[string(got)] {
		t.Fatalf("final Get: err=%v", err)
	}
	assertChunks(t, s, key, len(encodeSecret(got, slotA).chunks))
}

func TestCheck(t *testing.T) {
	s := newTestStore(t) // runs Check once already
	if err := s.Check(); err != nil {
		t.Fatalf("Check: %v", err)
	}
}

func TestInvalidKeys(t *testing.T) {
	s := New("TenantLens-test-invalid-keys") // rejected before the keychain is touched
	for _, key := range []string{"", "has#hash", "ctl\nchar", strings.Repeat("k", 201)} {
		if err := s.Set(key, []byte("v")); !errors.Is(err, ErrInvalidKey) {
			t.Errorf("Set(%q): err=%v, want ErrInvalidKey", key, err)
		}
		if _, err := s.Get(key); !errors.Is(err, ErrInvalidKey) {
			t.Errorf("Get(%q): err=%v, want ErrInvalidKey", key, err)
		}
		if err := s.Delete(key); !errors.Is(err, ErrInvalidKey) {
			t.Errorf("Delete(%q): err=%v, want ErrInvalidKey", key, err)
		}
	}
	if err := s.Set("too-big", make([]byte, MaxSecretSize+1)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("oversized secret: err=%v, want ErrTooLarge", err)
	}
}

func TestNewDefaultsService(t *testing.T) {
	if got := New("").Service(); got != "TenantLens" {
		t.Errorf("New(\"\").Service() = %q, want TenantLens", got)
	}
}

func TestRedact(t *testing.T) {
	cause := errors.New("backend said: refused value hunter2-token-value")
	err := &UnavailableError{Keychain: KeychainName(), Op: "set", Entry: "k", Err: redact(cause, "hunter2-token-value")}
	if strings.Contains(err.Error(), "hunter2") || !strings.Contains(err.Error(), "[redacted]") {
		t.Errorf("secret not redacted: %v", err)
	}
	kept := errors.New("dial unix /x: no such file")
	if redact(kept, "other") != kept {
		t.Error("errors without the secret should be kept as they are")
	}
}
