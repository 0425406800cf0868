package identity

import (
	"testing"

	"tenantlens/backend/graphsim"
	"tenantlens/backend/secrets"
)

// An 8 KB refresh token survives store → restart → refresh → rotation in
// the real keychain (gnome-keyring here; Windows and macOS limit a secret
// to ~2.5–3 KB, so it is chunked everywhere).
func TestEightKilobyteRefreshTokenSurvivesRestartAndRotation(t *testing.T) {
	const size = 8 * 1024
	e := newEnv(t, graphsim.Options{AutoConsent: true})
	e.sim.SetKnobs("*", graphsim.Knobs{RefreshTokenBytes: size})
	cust := consentedCustomer(t, e.sim, 0)
	res, err := e.client(nil).ConnectDirect(ctxT(t), cust.ID, e.interaction())
	if err != nil {
		t.Fatal(err)
	}
	stored, err := e.sec.Get(res.Connection.SecretKey)
	if err != nil {
		t.Fatal(err)
	}
	if len(stored) != size || string(stored) != e.rec.last() {
		t.Fatalf("stored %d bytes; want the issued %d-byte token", len(stored), size)
	}
	// "Restart": a new keychain handle on the same service and a new client,
	// so nothing survives in memory.
	restarted := secrets.New(e.sec.Service())
	c := e.client(func(o *Options) { o.Secrets = restarted })
	tok, err := c.TokenSource(res.Connection, cust.ID).TokenContext(ctxT(t))
	if err != nil {
		t.Fatalf("refresh after restart with the %d-byte token: %v", size, err)
	}
	if tok.AccessToken == "" {
		t.Fatal("no access token")
	}
	rotated, err := restarted.Get(res.Connection.SecretKey)
	if err != nil {
		t.Fatal(err)
	}
	if len(rotated) != size || string(rotated) == string(stored) || string(rotated) != e.rec.last() {
		t.Fatalf("after refresh the keychain holds %d bytes (changed: %v); want the rotated %d-byte token",
			len(rotated), string(rotated) != string(stored), size)
	}
	// The old refresh token is gone from the keychain: the rotation replaced it.
	if _, err := e.client(nil).TokenSource(res.Connection, cust.ID).TokenContext(ctxT(t)); err != nil {
		t.Fatalf("second refresh from the rotated token: %v", err)
	}
}
