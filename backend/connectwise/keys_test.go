package connectwise

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"tenantlens/backend/psasim"
	"tenantlens/backend/secrets"
)

func testStore(t *testing.T) *secrets.Store {
	t.Helper()
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	st := secrets.New("TenantLens-test-cw-" + hex.EncodeToString(b[:]))
	if err := st.Check(); err != nil {
		t.Fatalf("real keychain needed (run via scripts/with-keyring.sh): %v", err)
	}
	return st
}

func TestKeysKeychainRoundTrip(t *testing.T) {
	st := testStore(t)
	const key = "connectwise:test-site"
	t.Cleanup(func() { _ = DeleteKeys(st, key) })
	want := Keys{Public: psasim.DemoPublicKey, Private: psasim.DemoPrivateKey}
	if err := SaveKeys(st, key, want); err != nil {
		t.Fatal(err)
	}
	got, err := LoadKeys(st, key)
	if err != nil {
		t.Fatal(err)
	}
	if got.Public != want.Public || got.Private != want.Private {
		t.Fatal("LoadKeys returned other keys than were saved")
	}
	// replaced, not appended
	next := Keys{Public: "NewPublicKey0001", Private: "NewPrivateKey002"}
	if err := SaveKeys(st, key, next); err != nil {
		t.Fatal(err)
	}
	if got, err := LoadKeys(st, key); err != nil || !reflect.DeepEqual([]string{got.Public, got.Private}, []string{next.Public, next.Private}) {
		t.Fatalf("after replacing: err %v, same keys %v", err, got.Private == next.Private)
	}
	if err := DeleteKeys(st, key); err != nil {
		t.Fatal(err)
	}
	_, err = LoadKeys(st, key)
	var e *Error
	if !errors.Is(err, secrets.ErrNotFound) || !errors.As(err, &e) || !strings.Contains(e.Remedy, "Enter") {
		t.Fatalf("after DeleteKeys: %v", err)
	}
	if err := DeleteKeys(st, key); err != nil {
		t.Errorf("deleting twice: %v", err)
	}
	// an empty key pair is refused before the keychain is touched
	if err := SaveKeys(st, key, Keys{Public: "abc"}); err == nil || strings.Contains(err.Error(), "abc") {
		t.Errorf("SaveKeys with no private key: %v", err)
	}
	if _, err := LoadKeys(st, key); !errors.Is(err, secrets.ErrNotFound) {
		t.Errorf("a refused SaveKeys stored something: %v", err)
	}
}

func TestKeysNeverPrinted(t *testing.T) {
	k := Keys{Public: "PubKeyAbc123XyZ9", Private: "PrivKeyQwe456RtY"}
	site := Site{URL: "na.myconnectwise.net", CompanyID: "contoso_msp", ClientID: psasim.DemoClientID}
	c, err := New(site, k, nil)
	if err != nil {
		t.Fatal(err)
	}
	// (fmt cannot call methods on unexported fields: a Keys kept in an
	// unexported field of another struct prints raw. Hold Keys in exported
	// fields or behind a pointer.)
	holder := struct {
		K  Keys
		P  *Keys
		S  Site
		C  *Client
		CV any
		c  *Client
	}{k, &k, site, c, reflect.ValueOf(c).Elem().Interface(), c}
	var out []string
	for _, v := range []any{k, &k, holder, &holder, c, site} {
		out = append(out, fmt.Sprintf("%v %+v %#v %s %q %x %X %d", v, v, v, v, v, v, v, v))
	}
	j, _ := json.Marshal(struct {
		K Keys
		P *Keys
		C *Client
	}{k, &k, c})
	out = append(out, string(j)) // Site is config and marshals its clientId; fmt masks it
	all := strings.Join(out, "\n")
	for _, secret := range []string{k.Public, k.Private, hex.EncodeToString([]byte(k.Private)), site.ClientID} {
		if strings.Contains(all, secret) || strings.Contains(strings.ToLower(all), strings.ToLower(secret)) {
			t.Errorf("%q printed in:\n%s", secret, all)
		}
	}
	if !strings.Contains(all, "redacted") || !strings.Contains(all, "contoso_msp") {
		t.Errorf("output does not say what it is:\n%s", all)
	}
}

func TestKeysValidate(t *testing.T) {
	for _, k := range []Keys{
		{"", "Private1"}, {"Public1", ""}, {" Public1", "Private1"}, {"Public1", "Priv ate1"},
		{"Public1", "Private1\n"}, {"contoso+Public1:Private1", "Private1"},
	} {
		err := k.Validate()
		var e *Error
		if !errors.As(err, &e) || e.Remedy == "" {
			t.Errorf("%q/%q: %v", k.Public, k.Private, err)
			continue
		}
		if strings.Contains(err.Error(), "Private1") || strings.Contains(err.Error(), "Public1") {
			t.Errorf("validation error echoes a key: %s", err)
		}
	}
	if err := (Keys{psasim.DemoPublicKey, psasim.DemoPrivateKey}).Validate(); err != nil {
		t.Errorf("demo keys: %v", err)
	}
}
