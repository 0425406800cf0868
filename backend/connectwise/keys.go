package connectwise

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"tenantlens/backend/secrets"
)

// Keys are an API member's key pair (System > Members > API Members > API
// Keys). They print as "connectwise.Keys{redacted}" under every fmt verb and
// marshal to JSON as a redaction marker; store them with SaveKeys only.
type Keys struct {
	Public  string
	Private string
}

const redactedKeys = "connectwise.Keys{redacted}"

// String redacts the keys.
func (Keys) String() string { return redactedKeys }

// GoString redacts the keys (%#v).
func (Keys) GoString() string { return redactedKeys }

// Format redacts the keys under every verb (%v %+v %#v %s %q %x ...).
func (Keys) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(redactedKeys)) }

// MarshalJSON redacts the keys so they cannot leak through a JSON log line
// or a binding; the keychain form is written by SaveKeys itself.
func (Keys) MarshalJSON() ([]byte, error) { return []byte(`"[redacted]"`), nil }

// Validate reports a key pair that cannot be right, without echoing it.
func (k Keys) Validate() error {
	check := func(name, v string) error {
		switch {
		case strings.TrimSpace(v) == "":
			return &Error{Reason: "the " + name + " key is empty",
				Remedy: "Paste the " + name + " key of the ConnectWise API member (System > Members > API Members > API Keys)"}
		case strings.TrimSpace(v) != v || strings.ContainsAny(v, " \t\r\n") || strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 || r == 0x7f }):
			return &Error{Reason: "the " + name + " key contains spaces or control characters",
				Remedy: "Paste the " + name + " key again exactly as ConnectWise showed it, without spaces or line breaks"}
		case name == "public" && strings.ContainsAny(v, ":+"):
			return &Error{Reason: "the public key contains ':' or '+'",
				Remedy: "Paste only the public key (ConnectWise keys are letters and digits), not the whole companyId+publicKey:privateKey string"}
		}
		return nil
	}
	if err := check("public", k.Public); err != nil {
		return err
	}
	return check("private", k.Private)
}

// stored is the keychain form.
type stored struct {
	V       int    `json:"v"`
	Public  string `json:"public"`
	Private string `json:"private"`
}

// SaveKeys stores k in the keychain under key (e.g. "connectwise:<site id>").
func SaveKeys(st *secrets.Store, key string, k Keys) error {
	if err := k.Validate(); err != nil {
		return err
	}
	b, err := json.Marshal(stored{V: 1, Public: k.Public, Private: k.Private})
	if err != nil {
		return fmt.Errorf("connectwise: encode keys: %w", err)
	}
	if err := st.Set(key, b); err != nil {
		return fmt.Errorf("connectwise: save keys to the keychain: %w", err) // secrets redacts values
	}
	return nil
}

// LoadKeys reads the keys SaveKeys stored under key. A missing entry gives an
// error matching secrets.ErrNotFound (with a remedy: enter the keys again).
func LoadKeys(st *secrets.Store, key string) (Keys, error) {
	b, err := st.Get(key)
	if errors.Is(err, secrets.ErrNotFound) {
		return Keys{}, &Error{Reason: "no ConnectWise API keys are saved for this connection",
			Remedy: "Enter the API member's public and private key again", err: err}
	}
	if err != nil {
		return Keys{}, fmt.Errorf("connectwise: read keys from the keychain: %w", err)
	}
	var s stored
	if json.Unmarshal(b, &s) != nil || s.V != 1 {
		return Keys{}, &Error{Reason: "the saved ConnectWise API keys are unreadable",
			Remedy: "Enter the API member's public and private key again", err: secrets.ErrCorrupt}
	}
	return Keys{Public: s.Public, Private: s.Private}, nil
}

// DeleteKeys removes the keys stored under key (no error if there are none).
func DeleteKeys(st *secrets.Store, key string) error {
	if err := st.Delete(key); err != nil {
		return fmt.Errorf("connectwise: delete keys from the keychain: %w", err)
	}
	return nil
}
