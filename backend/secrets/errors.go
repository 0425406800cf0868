package secrets

import (
	"errors"
	"runtime"
	"strconv"
	"strings"
)

var (
	// ErrNotFound reports that no secret is stored under the key.
	ErrNotFound = errors.New("secret not found")
	// ErrUnavailable reports that the operating system's keychain could not
	// be reached (no D-Bus session, no Secret Service, locked keychain, …).
	// Errors matching it are *UnavailableError values naming the keychain.
	ErrUnavailable = errors.New("keychain unavailable")
	// ErrCorrupt reports a stored entry that cannot be decoded: a chunk is
	// missing, chunks do not match the manifest's hash, or the entry is in
	// an unknown format.
	ErrCorrupt = errors.New("stored secret is corrupt")
	// ErrInvalidKey reports a key that cannot be used (empty, too long,
	// containing '#' or control characters).
	ErrInvalidKey = errors.New("invalid secret key")
	// ErrTooLarge reports a secret above MaxSecretSize, or an entry the
	// keychain refused as too big.
	ErrTooLarge = errors.New("secret too large")
)

// UnavailableError is returned when the keychain backend fails for any
// reason other than "not found". It matches ErrUnavailable with errors.Is and
// unwraps to the backend's error (with any secret material redacted).
type UnavailableError struct {
	Keychain string // e.g. "the system keychain (Secret Service / GNOME Keyring)"
	Op       string // "set", "get" or "delete"
	Entry    string // keychain account name, e.g. "graph-token#2"
	Err      error  // backend error
}

func (e *UnavailableError) Error() string {
	var b strings.Builder
	b.WriteString("secrets: ")
	b.WriteString(e.Keychain)
	b.WriteString(" is not reachable: ")
	b.WriteString(e.Op)
	b.WriteString(" ")
	b.WriteString(strconv.Quote(e.Entry))
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	if h := keychainHint(); h != "" {
		b.WriteString(" (")
		b.WriteString(h)
		b.WriteString(")")
	}
	return b.String()
}

// Is makes errors.Is(err, ErrUnavailable) true.
func (e *UnavailableError) Is(target error) bool { return target == ErrUnavailable }

// Unwrap returns the backend error.
func (e *UnavailableError) Unwrap() error { return e.Err }

// KeychainName names the credential store used on this operating system, as
// shown to users.
func KeychainName() string {
	switch runtime.GOOS {
	case "darwin":
		return "the macOS Keychain"
	case "windows":
		return "the Windows Credential Manager"
	default:
		return "the system keychain (Secret Service / GNOME Keyring)"
	}
}

func keychainHint() string {
	switch runtime.GOOS {
	case "darwin":
		return "unlock the login keychain and allow TenantLens to use it; secrets are never written to plain files"
	case "windows":
		return "secrets are never written to plain files"
	default:
		return "TenantLens needs a D-Bus session with an unlocked Secret Service such as GNOME Keyring or KWallet; secrets are never written to plain files"
	}
}

// redact removes every occurrence of value from err's text. When the text
// does not contain value the original error is kept so callers can still
// inspect it with errors.As.
func redact(err error, value string) error {
	if err == nil || value == "" {
		return err
	}
	msg := err.Error()
	if !strings.Contains(msg, value) {
		return err
	}
	return errors.New(strings.ReplaceAll(msg, value, "[redacted]"))
}
