package identity

import (
	"testing"

	"tenantlens/backend/graphsim"
)

// A process that dies after the token endpoint rotated the refresh token
// but before the new one reached the keychain leaves the old token stored.
// Microsoft does not revoke a refresh token when it issues the next one
// (GRAPH-FACTS §7: "the old one is not revoked but should be replaced"), and
// graphsim behaves the same, so the next start refreshes with the old token
// and saves a new one: no reconnect. The 8 KB size makes every value chunked.
func TestRotationLostInACrashLeavesAUsableToken(t *testing.T) {
	const size = 8 * 1024
	e := newEnv(t, graphsim.Options{AutoConsent: true})
	e.sim.SetKnobs("*", graphsim.Knobs{RefreshTokenBytes: size})
	cust := consentedCustomer(t, e.sim, 0)
	c := e.client(nil)
	res, err := c.ConnectDirect(ctxT(t), cust.ID, e.interaction())
	if err != nil {
		t.Fatal(err)
	}
	conn := res.Connection
	stored, err := e.sec.Get(conn.SecretKey)
	if err != nil {
		t.Fatal(err)
	}

	// The "crashed" refresh: redeemed and rotated at the token endpoint,
	// never saved.
	lost, err := c.redeemRefresh(ctxT(t), cust.ID, c.o.ClientID, string(stored), c.defaultScope())
	if err != nil {
		t.Fatal(err)
	}
	if lost.Token.RefreshToken == "" || lost.Token.RefreshToken == string(stored) {
		t.Fatal("the token endpoint did not rotate the refresh token")
	}
	if still, _ := e.sec.Get(conn.SecretKey); string(still) != string(stored) {
		t.Fatal("the keychain changed although the rotation was never saved")
	}

	// Restart: a new client refreshes from the old, stored token.
	tok, err := e.client(nil).TokenSource(conn, cust.ID).TokenContext(ctxT(t))
	if err != nil {
		t.Fatalf("refresh with the refresh token stored before the lost rotation: %v", err)
	}
	if tok.AccessToken == "" {
		t.Fatal("no access token")
	}
	now, err := e.sec.Get(conn.SecretKey)
	if err != nil {
		t.Fatal(err)
	}
	if string(now) == string(stored) || string(now) == lost.Token.RefreshToken || string(now) != e.rec.last() || len(now) != size {
		t.Fatal("the keychain does not hold the refresh token issued by the refresh after the restart")
	}
}
