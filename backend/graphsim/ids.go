package graphsim

import (
	crand "crypto/rand"
	"encoding/base64"
	"math/rand/v2"
	"strconv"
)

const hexDigits = "0123456789abcdef"

// guidFrom formats 16 random bytes (two uint64) as a version-4 GUID.
func guidFrom(hi, lo uint64) string {
	var b [16]byte
	for i := 0; i < 8; i++ {
		b[i] = byte(hi >> (56 - 8*i))
		b[8+i] = byte(lo >> (56 - 8*i))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var out [36]byte
	j := 0
	for i := 0; i < 16; i++ {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out[j] = '-'
			j++
		}
		out[j] = hexDigits[b[i]>>4]
		out[j+1] = hexDigits[b[i]&0x0f]
		j += 2
	}
	return string(out[:])
}

// seededGUID draws a GUID from a deterministic generator.
func seededGUID(r *rand.Rand) string { return guidFrom(r.Uint64(), r.Uint64()) }

// randomGUID draws a GUID from crypto/rand (request ids, trace ids...).
func randomGUID() string {
	var b [16]byte
	_, _ = crand.Read(b[:])
	var hi, lo uint64
	for i := 0; i < 8; i++ {
		hi = hi<<8 | uint64(b[i])
		lo = lo<<8 | uint64(b[8+i])
	}
	return guidFrom(hi, lo)
}

// randomToken returns n random bytes, base64url without padding.
func randomToken(n int) string {
	b := make([]byte, n)
	_, _ = crand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func itoa(n int) string { return strconv.Itoa(n) }

// stripHyphens returns a GUID without '-'.
func stripHyphens(id string) string {
	out := make([]byte, 0, len(id))
	for i := 0; i < len(id); i++ {
		if id[i] != '-' {
			out = append(out, id[i])
		}
	}
	return string(out)
}

// isGUID reports the 8-4-4-4-12 hex shape.
func isGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// hash64 is FNV-1a, used to derive stable per-user values at serve time.
func hash64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}
