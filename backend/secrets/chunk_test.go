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
		if head, _ := raw("k"); head != "tlchunks:v1:3:raw:"+hex.EncodeToString(sum[:]) {
			t.Errorf("manifest = %q", head)
		}
		for i, want := range []int{ChunkSize, ChunkSize, 1} {
			v, ok := raw(chunkName("k", i+1))
			if !ok || len(v) != want {
				t.Errorf("chunk %d: present=%v len=%d, want %d", i+1, ok, len(v), want)
			}
		}
	})

	t.Run("binary secrets are base64 in every entry", func(t *testing.T) {
		secret := binary(2, 3000)
		if err := s.Set("bin", secret); err != nil {
			t.Fatal(err)
		}
		head, _ := raw("bin")
		m, err := parseManifest(head[len(manifestPrefix):])
		if err != nil || m.enc != encB64 || m.n != 2 {
			t.Fatalf("manifest %q: %+v %v", head, m, err)
		}
		got, err := s.Get("bin")
		if err != nil || !bytes.Equal(got, secret) {
			t.Fatalf("round trip: err=%v", err)
		}
	})

	t.Run("no entry exceeds the per-entry budget", func(t *testing.T) {
		largest := 0
		for _, n := range []int{0, 1, 1999, 2000, 2001, 3999, 4000, 4001, 16 * 1024, 64 * 1024} {
			for _, v := range [][]byte{token(uint64(n), n), binary(uint64(n), n)} {
				l := encodeSecret(v)
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

	t.Run("sweep clears a run left by an interrupted earlier sweep", func(t *testing.T) {
		// State after a crash: manifest for 2 chunks, chunks 3..6 still
		// there (a top-down sweep had removed 9..7).
		if err := s.Set("crash", token(3, 2*ChunkSize)); err != nil {
			t.Fatal(err)
		}
		for i := 3; i <= 6; i++ {
			if err := keyring.Set(s.Service(), chunkName("crash", i), "orphan"); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Set("crash", []byte("short")); err != nil {
			t.Fatal(err)
		}
		for i := 1; i <= 7; i++ {
			if _, ok := raw(chunkName("crash", i)); ok {
				t.Errorf("chunk %d survived", i)
			}
		}
		// Orphans without any manifest (crash during Delete) go too.
		for i := 1; i <= 4; i++ {
			if err := keyring.Set(s.Service(), chunkName("gone", i), "orphan"); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Delete("gone"); err != nil {
			t.Fatal(err)
		}
		for i := 1; i <= 4; i++ {
			if _, ok := raw(chunkName("gone", i)); ok {
				t.Errorf("orphan %d survived Delete", i)
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
