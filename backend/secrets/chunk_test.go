package secrets

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"strconv"
	"testing"

	"github.com/zalando/go-keyring"
)

const envMockChild = "TENANTLENS_SECRETS_MOCK_CHILD"

// TestChunkLayout checks the chunking logic in isolation on go-keyring's
// in-memory mock. keyring.MockInit replaces the provider for the whole
// process, so the test runs in a child process and the other tests keep the
// real keychain.
func TestChunkLayout(t *testing.T) {
	if os.Getenv(envMockChild) != "1" {
		runInChild(t, "TestChunkLayout", envMockChild+"=1")
		return
	}
	keyring.MockInit()
	s := New("TenantLens-mock")

	raw := func(entry string) (string, bool) {
		v, err := keyring.Get(s.Service(), entry)
		return v, err == nil
	}

	t.Run("manifest format and chunk sizes", func(t *testing.T) {
		secret := token(1, 2*ChunkSize+1)
		if err := s.Set("k", secret); err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(secret)
		if head, _ := raw("k"); head != "tlchunks:v2:a:3:raw:"+hex.EncodeToString(sum[:]) {
			t.Errorf("manifest = %q", head)
		}
		for i, want := range []int{ChunkSize, ChunkSize, 1} {
			v, ok := raw("k#a" + strconv.Itoa(i+1))
			if !ok || len(v) != want {
				t.Errorf("chunk %d: present=%v len=%d, want %d", i+1, ok, len(v), want)
			}
		}
		// The next value goes to the other slot; slot a is removed after
		// the manifest switched.
		next := token(2, ChunkSize+1)
		if err := s.Set("k", next); err != nil {
			t.Fatal(err)
		}
		sum = sha256.Sum256(next)
		if head, _ := raw("k"); head != "tlchunks:v2:b:2:raw:"+hex.EncodeToString(sum[:]) {
			t.Errorf("second manifest = %q", head)
		}
		for _, e := range []string{"k#a1", "k#a2", "k#a3", "k#b3"} {
			if _, ok := raw(e); ok {
				t.Errorf("%s survived the second Set", e)
			}
		}
		for _, e := range []string{"k#b1", "k#b2"} {
			if _, ok := raw(e); !ok {
				t.Errorf("%s missing", e)
			}
		}
	})

	t.Run("binary secrets are base64 in every entry", func(t *testing.T) {
		secret := binary(2, 3000)
		if err := s.Set("bin", secret); err != nil {
			t.Fatal(err)
		}
		head, _ := raw("bin")
		_, m, err := parseHead(head)
		if err != nil || m == nil || m.enc != encB64 || m.n != 2 {
			t.Fatalf("manifest %q: %+v %v", head, m, err)
		}
		got, err := s.Get("bin")
		if err != nil || !bytes.Equal(got, secret) {
			t.Fatalf("round trip: err=%v", err)
		}
	})

	t.Run("entries in the v1 format still read and are replaced cleanly", func(t *testing.T) {
		// Exactly what TenantLens wrote before slots: tlchunks:v1 and key#1…key#N.
		secret := token(5, 2*ChunkSize+10)
		sum := sha256.Sum256(secret)
		mustSet(t, s, "old", "tlchunks:v1:3:raw:"+hex.EncodeToString(sum[:]))
		for i := 0; i < 3; i++ {
			mustSet(t, s, "old#"+strconv.Itoa(i+1), string(secret[i*ChunkSize:min((i+1)*ChunkSize, len(secret))]))
		}
		got, err := s.Get("old")
		if err != nil || !bytes.Equal(got, secret) {
			t.Fatalf("v1 entry: %d bytes, err=%v", len(got), err)
		}
		next := token(6, 3*ChunkSize)
		if err := s.Set("old", next); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Get("old"); err != nil || !bytes.Equal(got, next) {
			t.Fatalf("after rewrite: %d bytes, err=%v", len(got), err)
		}
		for _, e := range []string{"old#1", "old#2", "old#3"} {
			if _, ok := raw(e); ok {
				t.Errorf("v1 chunk %s survived the rewrite", e)
			}
		}
		if head, _ := raw("old"); head[:len(manifestPrefix)] != manifestPrefix {
			t.Errorf("rewritten head %.14q is not v2", head)
		}
	})

	t.Run("no entry exceeds the per-entry budget", func(t *testing.T) {
		largest := 0
		for _, n := range []int{0, 1, 1999, 2000, 2001, 3999, 4000, 4001, 16 * 1024, 64 * 1024} {
			for _, v := range [][]byte{token(uint64(n), n), binary(uint64(n), n)} {
				l := encodeSecret(v, slotB)
				for _, e := range append([]string{l.head}, l.chunks...) {
					largest = max(largest, len(e))
				}
				for _, c := range l.chunks {
					if len(c) > ChunkSize {
						t.Errorf("%d-byte secret: chunk of %d bytes", n, len(c))
					}
				}
			}
		}
		// Direct entries: ChunkSize plus the 16-byte "tlsecret:v1:raw:" prefix.
		if largest > ChunkSize+16 {
			t.Errorf("largest entry %d bytes", largest)
		}
		t.Logf("largest keychain entry: %d bytes", largest)
	})

	t.Run("sweep clears runs left by interrupted writes and sweeps", func(t *testing.T) {
		// State after crashes: a manifest for 2 chunks in slot a, an
		// uncommitted write's chunks in slot b, an interrupted sweep's
		// chunks above the manifest's in slot a and v1 leftovers.
		if err := s.Set("crash", token(3, 2*ChunkSize)); err != nil {
			t.Fatal(err)
		}
		var planted []string
		for i := 1; i <= 6; i++ {
			planted = append(planted, "crash#b"+strconv.Itoa(i), "crash#"+strconv.Itoa(i))
			if i >= 3 {
				planted = append(planted, "crash#a"+strconv.Itoa(i))
			}
		}
		for _, e := range planted {
			mustSet(t, s, e, "orphan")
		}
		if got, err := s.Get("crash"); err != nil || !bytes.Equal(got, token(3, 2*ChunkSize)) {
			t.Fatalf("orphans changed what Get returns: err=%v", err)
		}
		if err := s.Set("crash", []byte("short")); err != nil {
			t.Fatal(err)
		}
		for _, slot := range allSlots {
			for i := 1; i <= 7; i++ {
				if _, ok := raw(chunkName("crash", slot, i)); ok {
					t.Errorf("chunk %s survived", chunkName("crash", slot, i))
				}
			}
		}
		// Orphans without any manifest (crash during Delete) go too.
		for _, slot := range allSlots {
			for i := 1; i <= 4; i++ {
				mustSet(t, s, chunkName("gone", slot, i), "orphan")
			}
		}
		if err := s.Delete("gone"); err != nil {
			t.Fatal(err)
		}
		for _, slot := range allSlots {
			for i := 1; i <= 4; i++ {
				if _, ok := raw(chunkName("gone", slot, i)); ok {
					t.Errorf("orphan %s survived Delete", chunkName("gone", slot, i))
				}
			}
		}
	})

	t.Run("manifests that lie are rejected", func(t *testing.T) {
		good := token(4, 5000)
		if err := s.Set("lie", good); err != nil {
			t.Fatal(err)
		}
		for _, head := range []string{
			"tlchunks:v1:2:raw:" + hex.EncodeToString(make([]byte, 32)), // wrong count
			"tlchunks:v1:3:raw:" + hex.EncodeToString(make([]byte, 32)), // wrong hash
			"tlchunks:v1:3:zip:00",
			"tlchunks:v2:a:3:raw:" + hex.EncodeToString(make([]byte, 32)), // wrong hash
			"tlchunks:v2:c:3:raw:" + hex.EncodeToString(make([]byte, 32)), // unknown slot
			"tlchunks:v2:3:raw:" + hex.EncodeToString(make([]byte, 32)),   // no slot
			"tlchunks:v3:a:3:raw:00",
			"tlchunks:v1:" + strconv.Itoa(maxChunks+1) + ":raw:00",
			"tlchunks:v1:-1:raw:00",
			"tlsecret:v1:b64:!!!",
			"tlsecret:v1",
		} {
			if err := keyring.Set(s.Service(), "lie", head); err != nil {
				t.Fatal(err)
			}
			if got, err := s.Get("lie"); err == nil || got != nil {
				t.Errorf("head %q accepted: %d bytes", head, len(got))
			}
		}
	})
}

func mustSet(t *testing.T, s *Store, entry, value string) {
	t.Helper()
	if err := keyring.Set(s.Service(), entry, value); err != nil {
		t.Fatal(err)
	}
}
