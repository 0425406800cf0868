package identity

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"tenantlens/backend/graphsim"
	"tenantlens/backend/types"
)

// scopesOf returns the scope parameter of an authorize (or admin consent)
// URL, split.
func scopesOf(t *testing.T, raw string) []string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("URL %q: %v", raw, err)
	}
	return strings.Fields(u.Query().Get("scope"))
}

func (e *env) browserURLs() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []string
	for _, p := range e.progress {
		if p.Step == StepBrowser && p.URL != "" {
			out = append(out, p.URL)
		}
	}
	return out
}

// Issue 13 acceptance 2: the authorize URL of a read-only connect (direct
// and partner) carries no write scope; the incremental consent's URL
// carries the licence-assignment scope, and only then.
func TestReadOnlyConnectRequestsNoWriteScope(t *testing.T) {
	e := newEnv(t, graphsim.Options{AutoConsent: true})
	c := e.client(nil)
	want := consentedCustomer(t, e.sim, 0)
	res, err := c.ConnectDirect(ctxT(t), want.ID, e.interaction())
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	if _, err := c.ConnectPartner(ctxT(t), "", e.interaction()); err != nil {
		t.Fatalf("partner connect: %v", err)
	}
	urls := e.browserURLs()
	if len(urls) < 2 {
		t.Fatalf("expected the authorize URLs of both connects, got %q", urls)
	}
	for _, u := range urls {
		if !strings.Contains(u, "/oauth2/v2.0/authorize?") {
			continue
		}
		sc := scopesOf(t, u)
		if len(sc) == 0 {
			t.Fatalf("authorize URL without scopes: %s", u)
		}
		for _, s := range sc {
			if IsWriteScope(s) {
				t.Errorf("read-only connect asks for the write scope %q: %s", s, u)
			}
		}
	}

	// the incremental consent asks for the licence-assignment scope
	e.mu.Lock()
	e.progress = nil
	e.mu.Unlock()
	g, err := c.ConsentLicenceWrite(ctxT(t), res.Connection, res.Tenants[0], e.interaction())
	if err != nil {
		t.Fatalf("licence write consent: %v", err)
	}
	urls = e.browserURLs()
	found := false
	for _, u := range urls {
		for _, s := range scopesOf(t, u) {
			if strings.HasSuffix(s, "/"+LicenceWriteScope) {
				found = true
			}
		}
	}
	if !found {
		t.Fatalf("the incremental consent's URLs %q do not ask for %s", urls, LicenceWriteScope)
	}
	if g.SecretKey != LicenceWriteSecretKey(res.Connection.ID, want.ID) || g.SecretKey == res.Connection.SecretKey {
		t.Errorf("write sign-in stored under %q (connection key %q)", g.SecretKey, res.Connection.SecretKey)
	}
	if g.Username != want.Admin.UserPrincipalName {
		t.Errorf("consented by %q, want %q", g.Username, want.Admin.UserPrincipalName)
	}
	stored, err := e.sec.Get(g.SecretKey)
	if err != nil || len(stored) == 0 {
		t.Fatalf("write refresh token not in the keychain: %v", err)
	}
	// the stored write sign-in redeems at the tenant
	if _, err := c.LicenceWriteTokenSource(res.Connection, want.ID, g.SecretKey).TokenContext(ctxT(t)); err != nil {
		t.Fatalf("write token source: %v", err)
	}
	assertNoTokenText(t, "identity output", e.output(), e.rec.issued())

	if err := c.ForgetLicenceWrite(res.Connection, g.SecretKey); err != nil {
		t.Fatal(err)
	}
	if _, err := e.sec.Get(g.SecretKey); err == nil {
		t.Error("ForgetLicenceWrite left the write refresh token in the keychain")
	}
	if _, err := e.sec.Get(res.Connection.SecretKey); err != nil {
		t.Errorf("ForgetLicenceWrite removed the read-only sign-in: %v", err)
	}
}

// A GDAP customer whose relationship has no licence role is refused before
// any browser opens, with the roles in the remedy.
func TestLicenceWriteConsentNeedsAGDAPLicenceRole(t *testing.T) {
	e := newEnv(t, graphsim.Options{AutoConsent: true})
	c := e.client(nil)
	conn := types.Connection{ID: "p1", Kind: types.ConnectionPartner, HomeTenantID: e.sim.MSP().Partner.ID, ClientID: graphsim.DemoClientID}
	tn := types.Tenant{ID: consentedCustomer(t, e.sim, 0).ID, DisplayName: "Reader Only", GDAPRoles: []string{"Global Reader", "Reports Reader"}}
	_, err := c.ConsentLicenceWrite(ctxT(t), conn, tn, e.interaction())
	var ie *Error
	if !errors.As(err, &ie) || ie.Kind != KindPermission {
		t.Fatalf("err = %v, want a permission error", err)
	}
	if !strings.Contains(ie.Remedy, "License Administrator") || !strings.Contains(ie.Remedy, "User Administrator") {
		t.Errorf("remedy %q does not name License Administrator and User Administrator", ie.Remedy)
	}
	if len(e.browserURLs()) != 0 {
		t.Error("a browser was opened for a relationship without a licence role")
	}
	tn.GDAPRoles = append(tn.GDAPRoles, "License Administrator")
	if err := CheckLicenceRoles(types.ConnectionPartner, tn); err != nil {
		t.Errorf("License Administrator refused: %v", err)
	}
	if err := CheckLicenceRoles(types.ConnectionDirect, types.Tenant{}); err != nil {
		t.Errorf("direct connection refused: %v", err)
	}
}
