package secrets

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"

	"github.com/zalando/go-keyring"
)

// DefaultService is the keychain service name TenantLens stores its entries
// under.
const DefaultService = "TenantLens"

// Store reads and writes secrets in the OS keychain under one service name.
// The zero value is not usable; call New. A Store is safe for concurrent use.
type Store struct {
	service string
	mu      sync.Mutex
}

// New returns a Store for the keychain service (DefaultService when empty).
func New(service string) *Store {
	if service == "" {
		service = DefaultService
	}
	return &Store{service: service}
}

// Service returns the keychain service name the Store uses.
func (s *Store) Service() string { return s.service }

// Set stores secret under key, replacing any previous value. Secrets whose
// stored form exceeds ChunkSize bytes are split into key#1…key#N followed by a
// manifest under key; chunks of a previous, longer value are removed after
// the new value is in place.
func (s *Store) Set(key string, secret []byte) error {
	if err := validateKey(key); err != nil {
		return fmt.Errorf("secrets: set: %w", err)
	}
	if len(secret) > MaxSecretSize {
		return fmt.Errorf("secrets: set %q: %w: %d bytes (limit %d)", key, ErrTooLarge, len(secret), MaxSecretSize)
	}
	s.mu.Lock()
	defer s.mu.Unlock()

	oldN, err := s.storedChunkCount(key)
	if err != nil {
		return err
	}
	l := encodeSecret(secret)
	for i, c := range l.chunks {
		if err := s.put(chunkName(key, i+1), c); err != nil {
			return err
		}
	}
	// The head (manifest or direct value) goes last so a reader never sees
	// a manifest before all of its chunks exist.
	if err := s.put(key, l.head); err != nil {
		return err
	}
	if err := s.sweep(key, len(l.chunks), oldN); err != nil {
		return fmt.Errorf("secrets: %q was saved but a stale chunk could not be removed: %w", key, err)
	}
	return nil
}

// Get returns the secret stored under key. A missing key yields an error
// matching ErrNotFound; a damaged chunked entry one matching ErrCorrupt.
func (s *Store) Get(key string) ([]byte, error) {
	if err := validateKey(key); err != nil {
		return nil, fmt.Errorf("secrets: get: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()

	head, err := s.fetch(key)
	if errors.Is(err, keyring.ErrNotFound) {
		return nil, fmt.Errorf("secrets: get %q: %w", key, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	direct, m, err := parseHead(head)
	if err != nil {
		return nil, fmt.Errorf("secrets: get %q: %w", key, err)
	}
	if m == nil {
		return direct, nil
	}
	chunks := make([]string, 0, m.n)
	for i := 1; i <= m.n; i++ {
		c, err := s.fetch(chunkName(key, i))
		if errors.Is(err, keyring.ErrNotFound) {
			return nil, fmt.Errorf("secrets: get %q: %w: chunk %d of %d is missing", key, ErrCorrupt, i, m.n)
		}
		if err != nil {
			return nil, err
		}
		chunks = append(chunks, c)
	}
	b, err := m.assemble(chunks)
	if err != nil {
		return nil, fmt.Errorf("secrets: get %q: %w", key, err)
	}
	return b, nil
}

// Delete removes the secret stored under key and all of its chunks. Deleting
// a key that does not exist is not an error.
func (s *Store) Delete(key string) error {
	if err := validateKey(key); err != nil {
		return fmt.Errorf("secrets: delete: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()

	oldN, err := s.storedChunkCount(key)
	if err != nil {
		return err
	}
	// Head first: a reader then sees "not found", never a manifest whose
	// chunks are disappearing.
	if err := s.remove(key); err != nil && !errors.Is(err, keyring.ErrNotFound) {
		return err
	}
	if err := s.sweep(key, 0, oldN); err != nil {
		return fmt.Errorf("secrets: delete %q: %w", key, err)
	}
	return nil
}

// Check proves the keychain works with a write/read/delete round trip of a
// chunked probe entry. It is what `tenantlens doctor` reports.
func (s *Store) Check() error {
	var nonce [4]byte
	if _, err := rand.Read(nonce[:]); err != nil {
		return fmt.Errorf("secrets: check: %w", err)
	}
	key := "tenantlens-doctor-probe-" + hex.EncodeToString(nonce[:])
	probe := make([]byte, ChunkSize+ChunkSize/4) // two chunks + manifest
	if _, err := rand.Read(probe); err != nil {
		return fmt.Errorf("secrets: check: %w", err)
	}
	for i := range probe {
		probe[i] = 'A' + probe[i]%26
	}
	if err := s.Set(key, probe); err != nil {
		return fmt.Errorf("secrets: check: write probe: %w", err)
	}
	got, err := s.Get(key)
	if err != nil {
		_ = s.Delete(key)
		return fmt.Errorf("secrets: check: read probe back: %w", err)
	}
	if !bytes.Equal(got, probe) {
		_ = s.Delete(key)
		return fmt.Errorf("secrets: check: %w: probe read back differs from what was written", ErrCorrupt)
	}
	if err := s.Delete(key); err != nil {
		return fmt.Errorf("secrets: check: delete probe: %w", err)
	}
	if _, err := s.Get(key); !errors.Is(err, ErrNotFound) {
		return fmt.Errorf("secrets: check: probe still readable after delete (err=%v)", err)
	}
	return nil
}

// storedChunkCount returns N from the manifest currently under key, or 0
// when key is absent, direct or unreadable as a manifest.
func (s *Store) storedChunkCount(key string) (int, error) {
	head, err := s.fetch(key)
	if errors.Is(err, keyring.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	if _, m, err := parseHead(head); err == nil && m != nil {
		return m.n, nil
	}
	return 0, nil
}

// sweep deletes chunks numbered above keep. Chunks up to oldN (the previous
// manifest's count) are deleted from the top down, so an interrupted sweep
// always leaves a contiguous run starting at keep+1; then chunks beyond
// max(keep, oldN) are deleted until the first gap, which also clears such a
// run left by an earlier interruption.
func (s *Store) sweep(key string, keep, oldN int) error {
	for i := oldN; i > keep; i-- {
		if err := s.remove(chunkName(key, i)); err != nil && !errors.Is(err, keyring.ErrNotFound) {
			return err
		}
	}
	for i := max(keep, oldN) + 1; i <= maxChunks+1; i++ {
		err := s.remove(chunkName(key, i))
		if errors.Is(err, keyring.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// put, fetch and remove are the only calls into go-keyring. Backend errors
// other than "not found" become *UnavailableError; keyring.ErrNotFound is
// passed through for the callers above to interpret.
func (s *Store) put(entry, value string) error {
	err := keyring.Set(s.service, entry, value)
	if errors.Is(err, keyring.ErrSetDataTooBig) {
		return fmt.Errorf("secrets: set %q: %w: %s refused a %d-byte entry", entry, ErrTooLarge, KeychainName(), len(value))
	}
	return s.backendErr("set", entry, err, value)
}

func (s *Store) fetch(entry string) (string, error) {
	v, err := keyring.Get(s.service, entry)
	if err != nil {
		return "", s.backendErr("get", entry, err, "")
	}
	return v, nil
}

func (s *Store) remove(entry string) error {
	return s.backendErr("delete", entry, keyring.Delete(s.service, entry), "")
}

func (s *Store) backendErr(op, entry string, err error, value string) error {
	if err == nil || errors.Is(err, keyring.ErrNotFound) {
		return err
	}
	return &UnavailableError{Keychain: KeychainName(), Op: op, Entry: entry, Err: redact(err, value)}
}
