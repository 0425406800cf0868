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

	// fault, when set (tests only), runs before every keychain call with
	// the operation ("set", "get", "delete") and the entry name; a non-nil
	// result is returned instead of making the call, as if the process had
	// died or the keychain had failed right there.
	fault func(op, entry string) error
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

// Set stores secret under key, replacing any previous value.
//
// Secrets whose stored form exceeds ChunkSize bytes are written as chunks
// into the slot (a or b) the current manifest does not use, then the
// manifest under key is switched to them: that single keychain write is the
// commit point. Only then are the previous value's chunks, and any chunks
// an interrupted earlier Set left behind, removed. A Set interrupted at any
// point (crash, SIGKILL, keychain error) therefore leaves key reading as
// wholly the previous value or wholly the new one.
func (s *Store) Set(key string, secret []byte) error {
	if err := validateKey(key); err != nil {
		return fmt.Errorf("secrets: set: %w", err)
	}
	if len(secret) > MaxSecretSize {
		return fmt.Errorf("secrets: set %q: %w: %d bytes (limit %d)", key, ErrTooLarge, len(secret), MaxSecretSize)
	}
	s.mu.Lock()
	defer s.mu.Unlock()

	old, err := s.currentManifest(key)
	if err != nil {
		return err
	}
	cur := slotLegacy
	if old != nil {
		cur = old.slot
	}
	l := encodeSecret(secret, otherSlot(cur))
	for i, c := range l.chunks {
		if err := s.put(chunkName(key, l.slot, i+1), c); err != nil {
			return err
		}
	}
	// Commit: the head (manifest or direct value) replaces the old one in
	// one keychain write. Before it, readers see the old value, whose
	// chunks were not touched; after it, the new one, whose chunks all
	// exist.
	if err := s.put(key, l.head); err != nil {
		return err
	}
	keep, keepN := noSlot, 0
	if len(l.chunks) > 0 {
		keep, keepN = l.slot, len(l.chunks)
	}
	if err := s.sweep(key, keep, keepN, old); err != nil {
		return fmt.Errorf("secrets: %q was saved but a stale chunk could not be removed (the next save removes it): %w", key, err)
	}
	return nil
}

// maxReadAttempts bounds how often Get re-reads a manifest that changed
// under it (another process committed a new value and removed the chunks
// of the one being read).
const maxReadAttempts = 3

// Get returns the secret stored under key. A missing key yields an error
// matching ErrNotFound; a damaged chunked entry one matching ErrCorrupt.
// Get follows the manifest only: chunks it does not name are ignored.
func (s *Store) Get(key string) ([]byte, error) {
	if err := validateKey(key); err != nil {
		return nil, fmt.Errorf("secrets: get: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()

	var prev string
	var lastErr error
	for attempt := 0; attempt < maxReadAttempts; attempt++ {
		head, err := s.fetch(key)
		if errors.Is(err, keyring.ErrNotFound) {
			return nil, fmt.Errorf("secrets: get %q: %w", key, ErrNotFound)
		}
		if err != nil {
			return nil, err
		}
		if attempt > 0 && head == prev {
			break // same manifest, same damage: not a concurrent rewrite
		}
		prev = head
		direct, m, err := parseHead(head)
		if err != nil {
			return nil, fmt.Errorf("secrets: get %q: %w", key, err)
		}
		if m == nil {
			return direct, nil
		}
		b, err := s.readChunks(key, m)
		if err == nil || !errors.Is(err, ErrCorrupt) {
			return b, err
		}
		lastErr = err
	}
	return nil, lastErr
}

// readChunks fetches and assembles the chunks m names.
func (s *Store) readChunks(key string, m *manifest) ([]byte, error) {
	chunks := make([]string, 0, m.n)
	for i := 1; i <= m.n; i++ {
		c, err := s.fetch(chunkName(key, m.slot, i))
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

	old, err := s.currentManifest(key)
	if err != nil {
		return err
	}
	// Head first: a reader then sees "not found", never a manifest whose
	// chunks are disappearing.
	if err := s.remove(key); err != nil && !errors.Is(err, keyring.ErrNotFound) {
		return err
	}
	if err := s.sweep(key, noSlot, 0, old); err != nil {
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

// noSlot is the keep argument of sweep when no chunk is to be kept.
const noSlot = "-"

// currentManifest returns the manifest currently under key, or nil when key
// is absent, direct or not a readable manifest.
func (s *Store) currentManifest(key string) (*manifest, error) {
	head, err := s.fetch(key)
	if errors.Is(err, keyring.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if _, m, err := parseHead(head); err == nil && m != nil {
		return m, nil
	}
	return nil, nil
}

// sweep removes every chunk of key except chunks 1…keepN of slot keep:
// the previous value's (old, possibly nil), chunks an interrupted Set wrote
// but never committed, and chunks an interrupted sweep left behind.
//
// Chunks are only ever written in order 1, 2, … and only ever deleted from
// the highest down, so each slot always holds a contiguous run key#<slot>1…
// key#<slot>k. sweep finds k by probing upwards from what is known to exist
// and deletes from k down, which keeps that true if it is interrupted too.
func (s *Store) sweep(key, keep string, keepN int, old *manifest) error {
	for _, slot := range allSlots {
		from, known := 1, 0
		if slot == keep {
			from = keepN + 1
		}
		if old != nil && old.slot == slot {
			known = old.n // may have holes if damaged: deletes below tolerate them
		}
		top := max(known, from-1)
		for top < maxChunks+1 {
			_, err := s.fetch(chunkName(key, slot, top+1))
			if errors.Is(err, keyring.ErrNotFound) {
				break
			}
			if err != nil {
				return err
			}
			top++
		}
		for i := top; i >= from; i-- {
			if err := s.remove(chunkName(key, slot, i)); err != nil && !errors.Is(err, keyring.ErrNotFound) {
				return err
			}
		}
	}
	return nil
}

// put, fetch and remove are the only calls into go-keyring. Backend errors
// other than "not found" become *UnavailableError; keyring.ErrNotFound is
// passed through for the callers above to interpret.
func (s *Store) put(entry, value string) error {
	if err := s.injected("set", entry); err != nil {
		return err
	}
	err := keyring.Set(s.service, entry, value)
	if errors.Is(err, keyring.ErrSetDataTooBig) {
		return fmt.Errorf("secrets: set %q: %w: %s refused a %d-byte entry", entry, ErrTooLarge, KeychainName(), len(value))
	}
	return s.backendErr("set", entry, err, value)
}

func (s *Store) fetch(entry string) (string, error) {
	if err := s.injected("get", entry); err != nil {
		return "", err
	}
	v, err := keyring.Get(s.service, entry)
	if err != nil {
		return "", s.backendErr("get", entry, err, "")
	}
	return v, nil
}

func (s *Store) remove(entry string) error {
	if err := s.injected("delete", entry); err != nil {
		return err
	}
	return s.backendErr("delete", entry, keyring.Delete(s.service, entry), "")
}

// injected runs the test fault hook, if any.
func (s *Store) injected(op, entry string) error {
	if s.fault == nil {
		return nil
	}
	return s.fault(op, entry)
}

func (s *Store) backendErr(op, entry string, err error, value string) error {
	if err == nil || errors.Is(err, keyring.ErrNotFound) {
		return err
	}
	return &UnavailableError{Keychain: KeychainName(), Op: op, Entry: entry, Err: redact(err, value)}
}
