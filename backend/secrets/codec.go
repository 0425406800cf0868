package secrets

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

const (
	// ChunkSize is the largest number of bytes of a secret's stored form
	// kept in one keychain entry. Direct entries add a 16-byte prefix
	// (≤ 2,016 bytes in all), well under Windows' 2,560-byte limit and
	// macOS' ~3,000 bytes once go-keyring base64-encodes it there.
	ChunkSize = 2000
	// MaxSecretSize is the largest secret Set accepts (1 MiB → at most
	// 700 chunks in base64 form).
	MaxSecretSize = 1 << 20
	// maxChunks bounds the chunk count a reader accepts from a manifest.
	maxChunks = (MaxSecretSize*4/3+4)/ChunkSize + 1

	directPrefix = "tlsecret:v1:"
	// manifestPrefix is the manifest format Set writes: chunks live in one
	// of two slots named in the manifest (see doc.go).
	manifestPrefix = "tlchunks:v2:"
	// legacyManifestPrefix is the format of TenantLens before crash-safe
	// writes: chunks key#1…key#N. Still read; never written.
	legacyManifestPrefix = "tlchunks:v1:"
	encRaw               = "raw"
	encB64               = "b64"
	chunkSep             = "#"

	// Chunk slots. A chunked value lives in slot a or b; a new value is
	// always written to the slot the current manifest does not use, so the
	// current value's chunks are never touched before the manifest that
	// replaces them is committed. slotLegacy holds v1 entries' chunks.
	slotLegacy = ""
	slotA      = "a"
	slotB      = "b"
)

// allSlots lists every chunk slot a key can have entries in.
var allSlots = []string{slotLegacy, slotA, slotB}

// otherSlot is the slot a new chunked value goes to when the current
// manifest uses cur (slotLegacy when the current value is direct, legacy or
// absent).
func otherSlot(cur string) string {
	if cur == slotB {
		return slotA
	}
	if cur == slotA {
		return slotB
	}
	return slotA
}

// layout is the set of keychain values that represent one secret.
type layout struct {
	head   string   // value stored under key (direct value or manifest)
	slot   string   // chunk slot the manifest names (when chunked)
	chunks []string // values stored under key#<slot>1 … key#<slot>N (empty when direct)
}

// encodeSecret chooses the stored form of secret and splits it when needed;
// chunks are meant for slot (slotA or slotB).
func encodeSecret(secret []byte, slot string) layout {
	enc, form := encRaw, string(secret)
	if !isPrintableASCII(secret) {
		enc, form = encB64, base64.StdEncoding.EncodeToString(secret)
	}
	if len(form) <= ChunkSize {
		return layout{head: directPrefix + enc + ":" + form}
	}
	var chunks []string
	for len(form) > 0 {
		n := min(ChunkSize, len(form))
		chunks = append(chunks, form[:n])
		form = form[n:]
	}
	sum := sha256.Sum256(secret)
	head := manifestPrefix + slot + ":" + strconv.Itoa(len(chunks)) + ":" + enc + ":" + hex.EncodeToString(sum[:])
	return layout{head: head, slot: slot, chunks: chunks}
}

// manifest is a parsed chunk manifest.
type manifest struct {
	slot string // slotLegacy for v1 manifests
	n    int
	enc  string
	sum  []byte
}

// parseHead classifies the value stored under a key: a direct value (returned
// decoded) or a manifest.
func parseHead(head string) (direct []byte, m *manifest, err error) {
	switch {
	case strings.HasPrefix(head, directPrefix):
		enc, form, ok := strings.Cut(head[len(directPrefix):], ":")
		if !ok {
			return nil, nil, fmt.Errorf("%w: direct entry has no encoding tag", ErrCorrupt)
		}
		b, err := decodeForm(enc, form)
		return b, nil, err
	case strings.HasPrefix(head, manifestPrefix):
		slot, rest, ok := strings.Cut(head[len(manifestPrefix):], ":")
		if !ok || (slot != slotA && slot != slotB) {
			return nil, nil, fmt.Errorf("%w: chunk manifest names an unknown slot", ErrCorrupt)
		}
		m, err := parseManifest(rest)
		if m != nil {
			m.slot = slot
		}
		return nil, m, err
	case strings.HasPrefix(head, legacyManifestPrefix):
		m, err := parseManifest(head[len(legacyManifestPrefix):])
		return nil, m, err
	default:
		return nil, nil, fmt.Errorf("%w: entry is not in a TenantLens format", ErrCorrupt)
	}
}

// parseManifest parses "<N>:<enc>:<sha256 hex>", the part of a manifest
// after its prefix (and, for v2, its slot).
func parseManifest(s string) (*manifest, error) {
	parts := strings.Split(s, ":")
	if len(parts) != 3 {
		return nil, fmt.Errorf("%w: malformed chunk manifest", ErrCorrupt)
	}
	n, err := strconv.Atoi(parts[0])
	if err != nil || n < 1 || n > maxChunks {
		return nil, fmt.Errorf("%w: chunk manifest has an invalid chunk count", ErrCorrupt)
	}
	if parts[1] != encRaw && parts[1] != encB64 {
		return nil, fmt.Errorf("%w: chunk manifest has an unknown encoding", ErrCorrupt)
	}
	sum, err := hex.DecodeString(parts[2])
	if err != nil || len(sum) != sha256.Size {
		return nil, fmt.Errorf("%w: chunk manifest has an invalid sha256", ErrCorrupt)
	}
	return &manifest{n: n, enc: parts[1], sum: sum}, nil
}

// assemble joins chunk values, decodes them and verifies the manifest hash.
func (m *manifest) assemble(chunks []string) ([]byte, error) {
	if len(chunks) != m.n {
		return nil, fmt.Errorf("%w: expected %d chunks, found %d", ErrCorrupt, m.n, len(chunks))
	}
	for i, c := range chunks {
		if len(c) > ChunkSize || len(c) == 0 {
			return nil, fmt.Errorf("%w: chunk %d of %d has an impossible size", ErrCorrupt, i+1, m.n)
		}
	}
	b, err := decodeForm(m.enc, strings.Join(chunks, ""))
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b)
	if !bytes.Equal(sum[:], m.sum) {
		return nil, fmt.Errorf("%w: the %d chunks do not match the manifest's sha256 (partially written or modified outside TenantLens); store the secret again", ErrCorrupt, m.n)
	}
	return b, nil
}

func decodeForm(enc, form string) ([]byte, error) {
	switch enc {
	case encRaw:
		return []byte(form), nil
	case encB64:
		b, err := base64.StdEncoding.DecodeString(form)
		if err != nil {
			// The base64 error names only a byte offset, never content.
			return nil, fmt.Errorf("%w: invalid base64: %v", ErrCorrupt, err)
		}
		return b, nil
	default:
		return nil, fmt.Errorf("%w: unknown encoding tag", ErrCorrupt)
	}
}

// chunkName is the keychain entry of chunk i (from 1) of key in slot:
// key#a1, key#b1, or key#1 for the legacy slot.
func chunkName(key, slot string, i int) string {
	return key + chunkSep + slot + strconv.Itoa(i)
}

func isPrintableASCII(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}

// validateKey rejects keys that could collide with chunk names or upset a
// backend. Keys are not secret and may appear in error messages.
func validateKey(key string) error {
	if key == "" {
		return fmt.Errorf("%w: empty key", ErrInvalidKey)
	}
	if len(key) > 200 {
		return fmt.Errorf("%w: key longer than 200 bytes", ErrInvalidKey)
	}
	for _, c := range []byte(key) {
		if c < 0x20 || c == 0x7f {
			return fmt.Errorf("%w: key %q contains a control character", ErrInvalidKey, key)
		}
	}
	if strings.Contains(key, chunkSep) {
		return fmt.Errorf("%w: key %q contains %q, which is reserved for chunk entries", ErrInvalidKey, key, chunkSep)
	}
	return nil
}
