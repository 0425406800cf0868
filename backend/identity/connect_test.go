package identity

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"tenantlens/backend/graphsim"
	"tenantlens/backend/types"
)

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// consentedCustomer returns a demo customer where the demo client is
// consented (so a direct connect needs no admin consent).
func consentedCustomer(t *testing.T, sim *graphsim.Sim, skip int) *graphsim.Tenant {
	t.Helper()
	for _, c := range sim.MSP().Customers {
		if c.DemoConsented {
			if skip == 0 {
				return c
			}
			skip--
		}
	}
	t.Fatal("no consented demo customer")
	return nil
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		out[i] = strings.ToLower(out[i])
	}
	sort.Strings(out)
	return out
}

func TestConnectDirectByGUIDAndByDomain(t *testing.T) {
	e := newEnv(t, graphsim.Options{AutoConsent: true})
	c := e.client(nil)
	for i, input := range []func(*graphsim.Tenant) string{
		func(x *graphsim.Tenant) string { return strings.ToUpper(x.ID) },
		func(x *graphsim.Tenant) string { return x.DefaultDomain },
	} {
		want := consentedCustomer(t, e.sim, i)
		res, err := c.ConnectDirect(ctxT(t), input(want), e.interaction())
		if err != nil {
			t.Fatalf("connect %s: %v", input(want), err)
		}
		if len(res.Tenants) != 1 {
			t.Fatalf("tenants: %+v", res.Tenants)
		}
		got := res.Tenants[0]
		if got.ID != want.ID || got.DisplayName != want.DisplayName || got.DefaultDomain != want.DefaultDomain {
			t.Errorf("tenant %+v, want id %s name %q domain %s", got, want.ID, want.DisplayName, want.DefaultDomain)
		}
		if g, w := sortedCopy(got.Domains), sortedCopy(want.Domains); strings.Join(g, ",") != strings.Join(w, ",") {
			t.Errorf("domains %v, want %v", g, w)
		}
		conn := res.Connection
		if conn.Kind != types.ConnectionDirect || conn.HomeTenantID != want.ID || got.ConnectionID != conn.ID ||
			got.Access != types.AccessReady || conn.ClientID != graphsim.DemoClientID || conn.Username != want.Admin.UserPrincipalName {
			t.Errorf("connection %+v / tenant access %s", conn, got.Access)
		}
		stored, err := e.sec.Get(conn.SecretKey)
		if err != nil || len(stored) == 0 {
			t.Fatalf("refresh token not in keychain: %v", err)
		}
		// The stored grant works: a token source reads the same tenant.
		tok, err := c.TokenSource(conn, want.ID).TokenContext(ctxT(t))
		if err != nil {
			t.Fatal(err)
		}
		info, err := c.readTenant(ctxT(t), tok.AccessToken)
		if err != nil || info.ID != want.ID {
			t.Fatalf("token reads %q (%v), want %s", info.ID, err, want.ID)
		}
		if tok.RefreshToken != "" {
			t.Error("TokenSource handed out a refresh token")
		}
	}
	steps := map[string]bool{}
	for _, p := range e.progress {
		steps[p.Step] = true
		if p.Step == StepBrowser && !strings.HasPrefix(p.URL, e.sim.AuthorityURL()) {
			t.Errorf("browser step URL %q", p.URL)
		}
	}
	for _, s := range []string{StepResolve, StepSignIn, StepBrowser, StepToken, StepTenant, StepSave, StepDone} {
		if !steps[s] {
			t.Errorf("no %q progress step", s)
		}
	}
}

// expectedAccess derives what partner connect must report from the
// emulator's model: an active relationship and consent → ready; active but
// no consent → needs consent; no active relationship → no access.
func expectedAccess(sim *graphsim.Sim) map[string]types.Access {
	active := map[string]bool{}
	listed := map[string]bool{}
	for _, r := range sim.MSP().Relationships {
		listed[r.CustomerID] = true
		if r.Status == graphsim.RelationshipActive {
			active[r.CustomerID] = true
		}
	}
	out := map[string]types.Access{}
	for _, c := range sim.MSP().Customers {
		switch {
		case !listed[c.ID]:
			continue // invisible to GDAP
		case !active[c.ID]:
			out[c.ID] = types.AccessNoAccess
		case c.DemoConsented:
			out[c.ID] = types.AccessReady
		default:
			out[c.ID] = types.AccessNeedsConsent
		}
	}
	return out
}

func TestConnectPartnerDiscoversDemoCustomers(t *testing.T) {
	e := newEnv(t, graphsim.Options{AutoConsent: true})
	c := e.client(nil)
	res, err := c.ConnectPartner(ctxT(t), "", e.interaction())
	if err != nil {
		t.Fatal(err)
	}
	p := e.sim.MSP().Partner
	if res.Connection.Kind != types.ConnectionPartner || res.Connection.HomeTenantID != p.ID || res.Connection.DisplayName != p.DisplayName {
		t.Errorf("connection %+v", res.Connection)
	}
	want := expectedAccess(e.sim)
	got := map[string]types.Tenant{}
	for _, tn := range res.Tenants {
		got[tn.ID] = tn
	}
	if len(got) != len(want) {
		t.Errorf("discovered %d customers, want %d", len(got), len(want))
	}
	counts := map[types.Access]int{}
	for id, acc := range want {
		tn, ok := got[id]
		if !ok {
			t.Errorf("customer %s not discovered", id)
			continue
		}
		counts[tn.Access]++
		t.Logf("%-32s %-13s roles=%v detail=%.160q", tn.DisplayName, tn.Access, tn.GDAPRoles, tn.AccessDetail)
		if tn.Access != acc {
			t.Errorf("%s (%s): access %s, want %s (%s)", tn.DisplayName, id, tn.Access, acc, tn.AccessDetail)
		}
		var roles []string
		for _, r := range e.sim.MSP().Relationships {
			if r.CustomerID == id && r.Status == graphsim.RelationshipActive {
				roles = append(roles, r.Roles...)
			}
		}
		if len(roles) > 0 && strings.Join(tn.RoleWarnings, "|") != strings.Join(RoleWarnings(roles), "|") {
			t.Errorf("%s: warnings %v for roles %v", tn.DisplayName, tn.RoleWarnings, roles)
		}
		if len(roles) == 0 && len(tn.RoleWarnings) != 1 {
			t.Errorf("%s: no active relationship but warnings %v", tn.DisplayName, tn.RoleWarnings)
		}
		switch tn.Access {
		case types.AccessNeedsConsent:
			if !strings.Contains(tn.AccessDetail, "consent") || !strings.Contains(tn.AccessDetail, "/v2.0/adminconsent?") {
				t.Errorf("needs-consent remedy: %q", tn.AccessDetail)
			}
		case types.AccessNoAccess:
			if !strings.Contains(tn.AccessDetail, "AADSTS50020") || !strings.Contains(tn.AccessDetail, "GDAP") {
				t.Errorf("no-access remedy: %q", tn.AccessDetail)
			}
		case types.AccessReady:
			if tn.DefaultDomain == "" {
				t.Errorf("%s: ready but no domains read", tn.DisplayName)
			}
		}
	}
	for _, a := range []types.Access{types.AccessReady, types.AccessNeedsConsent, types.AccessNoAccess} {
		if counts[a] == 0 {
			t.Errorf("the demo should show at least one %s customer (counts %v)", a, counts)
		}
	}
	t.Logf("partner connect: %v", counts)
}

func TestRotationPersistedAndSurvivesRestart(t *testing.T) {
	e := newEnv(t, graphsim.Options{AutoConsent: true})
	c := e.client(nil)
	cust := consentedCustomer(t, e.sim, 0)
	res, err := c.ConnectDirect(ctxT(t), cust.ID, e.interaction())
	if err != nil {
		t.Fatal(err)
	}
	conn := res.Connection
	before, _ := e.sec.Get(conn.SecretKey)
	if _, err := c.TokenSource(conn, cust.ID).TokenContext(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	after, err := e.sec.Get(conn.SecretKey)
	if err != nil {
		t.Fatal(err)
	}
	if string(after) == string(before) {
		t.Fatal("refresh token was not rotated in the keychain")
	}
	if string(after) != e.rec.last() {
		t.Fatal("keychain does not hold the refresh token graphsim issued last")
	}
	// "Restart": a new Client and token source read the keychain.
	c2 := e.client(nil)
	if _, err := c2.TokenSource(conn, cust.ID).TokenContext(ctxT(t)); err != nil {
		t.Fatalf("after restart: %v", err)
	}
	if now, _ := e.sec.Get(conn.SecretKey); string(now) != e.rec.last() || string(now) == string(after) {
		t.Fatal("second rotation not persisted")
	}
}

func TestConcurrentRefreshUnderMutex(t *testing.T) {
	e := newEnv(t, graphsim.Options{AutoConsent: true})
	c := e.client(nil)
	res, err := c.ConnectPartner(ctxT(t), "", e.interaction())
	if err != nil {
		t.Fatal(err)
	}
	var ready []string
	for _, tn := range res.Tenants {
		if tn.Access == types.AccessReady {
			ready = append(ready, tn.ID)
		}
	}
	if len(ready) < 3 {
		t.Fatalf("need ≥3 ready customers, have %d", len(ready))
	}
	start := e.rec.refreshes()
	before, _ := e.sec.Get(res.Connection.SecretKey)
	var sources []*TokenSource
	for _, id := range ready {
		sources = append(sources, c.TokenSource(res.Connection, id), c.TokenSource(res.Connection, id))
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(sources)*4)
	for _, ts := range sources {
		for range 4 {
			wg.Add(1)
			go func(ts *TokenSource) {
				defer wg.Done()
				if _, err := ts.TokenContext(ctxT(t)); err != nil {
					errs <- err
				}
			}(ts)
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := e.rec.refreshes() - start; n != len(sources) {
		t.Errorf("%d refresh requests for %d sources (each must refresh once, then cache)", n, len(sources))
	}
	// The redemptions ran at once (the lock guards the keychain, not the
	// round trip); the keychain holds a token rotated in this burst — not
	// the one before it, and one the token endpoint really issued.
	stored, _ := e.sec.Get(res.Connection.SecretKey)
	if string(stored) == string(before) || !slices.Contains(e.rec.issued(), string(stored)) {
		t.Fatal("after concurrent refreshes the keychain does not hold a token rotated in this burst")
	}
	// The stored token still works everywhere.
	for _, id := range ready {
		if _, err := e.client(nil).TokenSource(res.Connection, id).TokenContext(ctxT(t)); err != nil {
			t.Fatalf("%s after concurrent refresh: %v", id, err)
		}
	}
}

func TestRevokedGrantMessage(t *testing.T) {
	e := newEnv(t, graphsim.Options{AutoConsent: true})
	c := e.client(nil)
	cust := consentedCustomer(t, e.sim, 0)
	res, err := c.ConnectDirect(ctxT(t), cust.DefaultDomain, e.interaction())
	if err != nil {
		t.Fatal(err)
	}
	e.sim.RevokeGrants(cust.ID)
	_, err = c.TokenSource(res.Connection, cust.ID).TokenContext(ctxT(t))
	if !errors.Is(err, ErrReauth) {
		t.Fatalf("after revoke: %v", err)
	}
	if !strings.Contains(err.Error(), "Your Microsoft authorization has expired or been revoked.") || AsError(err).Remedy == "" {
		t.Fatalf("message %q", err)
	}
	if code := AsError(err).Code; code != 50173 && code != 700082 {
		t.Errorf("AADSTS code %d", code)
	}
}

func TestConsentCancelled(t *testing.T) {
	e := newEnv(t, graphsim.Options{AutoConsent: true})
	cust := consentedCustomer(t, e.sim, 0)
	e.sim.SetKnobs(cust.ID, graphsim.Knobs{ConsentDenied: true})
	c := e.client(nil)
	_, err := c.ConnectDirect(ctxT(t), cust.ID, e.interaction())
	if !errors.Is(err, ErrCancelled) {
		t.Fatalf("consent denied: %v", err)
	}
	if !strings.Contains(err.Error(), MsgCancelled) || !strings.Contains(err.Error(), "Accept") {
		t.Fatalf("message %q", err)
	}
}

func TestTenantNotFoundAndNetwork(t *testing.T) {
	e := newEnv(t, graphsim.Options{AutoConsent: true})
	c := e.client(nil)
	_, err := c.ConnectDirect(ctxT(t), "no-such-tenant.example.com", e.interaction())
	if !errors.Is(err, ErrTenantNotFound) || !strings.Contains(err.Error(), "no-such-tenant.example.com") {
		t.Fatalf("unknown domain: %v", err)
	}
	if !strings.Contains(err.Error(), "Check the tenant ID or domain") {
		t.Fatalf("no remedy: %v", err)
	}
	// A closed port: connection refused → network message.
	dead := e.client(func(o *Options) { o.Authority = "http://127.0.0.1:9" })
	_, err = dead.ConnectDirect(ctxT(t), consentedCustomer(t, e.sim, 0).ID, e.interaction())
	if !errors.Is(err, ErrNetwork) || !strings.Contains(err.Error(), MsgNetwork) {
		t.Fatalf("unreachable authority: %v", err)
	}
}

func TestNoRefreshTokenWithoutOfflineAccess(t *testing.T) {
	e := newEnv(t, graphsim.Options{AutoConsent: true})
	c := e.client(nil)
	cust := consentedCustomer(t, e.sim, 0)
	var scopes []string
	for _, s := range c.Scopes(false) {
		if s != "offline_access" {
			scopes = append(scopes, s)
		}
	}
	_, err := c.connectDirect(ctxT(t), cust.ID, scopes, e.interaction())
	if !errors.Is(err, ErrNoRefreshToken) || !strings.Contains(err.Error(), "Microsoft did not provide a refresh token") {
		t.Fatalf("no offline_access: %v", err)
	}
}

func TestMFAUnavailableWithoutP1(t *testing.T) {
	e := newEnv(t, graphsim.Options{AutoConsent: true})
	c := e.client(nil)
	cust := consentedCustomer(t, e.sim, 0)
	e.sim.SetKnobs(cust.ID, graphsim.Knobs{NoP1: true})
	res, err := c.ConnectDirect(ctxT(t), cust.ID, e.interaction())
	if err != nil {
		t.Fatal(err)
	}
	tok, err := c.TokenSource(res.Connection, cust.ID).TokenContext(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	err = c.graphDo(ctxT(t), http.MethodGet, c.GraphURL()+"/v1.0/reports/authenticationMethods/userRegistrationDetails", tok.AccessToken, nil, nil)
	if !errors.Is(err, ErrMFAUnavailable) || !strings.Contains(err.Error(), "P1") {
		t.Fatalf("registration details without P1: %v", err)
	}
}

func TestAdminConsentMakesNeedsConsentCustomerReady(t *testing.T) {
	e := newEnv(t, graphsim.Options{AutoConsent: true})
	c := e.client(nil)
	res, err := c.ConnectPartner(ctxT(t), "", e.interaction())
	if err != nil {
		t.Fatal(err)
	}
	var target *types.Tenant
	for i := range res.Tenants {
		if res.Tenants[i].Access == types.AccessNeedsConsent {
			target = &res.Tenants[i]
		}
	}
	if target == nil {
		t.Fatal("no needs-consent customer in the demo")
	}
	ts := c.TokenSource(res.Connection, target.ID)
	if _, err := ts.TokenContext(ctxT(t)); !errors.Is(err, ErrConsent) {
		t.Fatalf("before consent: %v", err)
	}
	// Denied first: the customer's administrator cancels.
	e.sim.SetKnobs(target.ID, graphsim.Knobs{ConsentDenied: true})
	if err := c.AdminConsent(ctxT(t), target.ID, graphsim.DemoClientID, e.interaction()); !errors.Is(err, ErrCancelled) {
		t.Fatalf("denied admin consent: %v", err)
	}
	e.sim.SetKnobs(target.ID, graphsim.Knobs{})
	if err := c.AdminConsent(ctxT(t), target.ID, graphsim.DemoClientID, e.interaction()); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.TokenContext(ctxT(t)); err != nil {
		t.Fatalf("after admin consent: %v", err)
	}
}

// A sign-in that Microsoft answers with consent_required (65001) runs the
// admin consent leg and signs in again.
func TestSignInRunsAdminConsentOn65001(t *testing.T) {
	e := newEnv(t, graphsim.Options{AutoConsent: true})
	c := e.client(nil)
	var target *graphsim.Tenant
	for _, x := range e.sim.MSP().Customers {
		if !x.DemoConsented {
			target = x
		}
	}
	if target == nil {
		t.Fatal("the demo has no unconsented customer")
	}
	in := e.interaction()
	res, err := c.interactive(ctxT(t), SignInRequest{Tenant: target.ID, ClientID: graphsim.DemoClientID, Scopes: c.Scopes(false), Prompt: "none"}, target.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if res.Claims.TenantID != target.ID || res.Token.RefreshToken == "" {
		t.Fatalf("claims %+v", res.Claims)
	}
	var consentSteps, browserSteps int
	for _, p := range e.progress {
		switch p.Step {
		case StepConsent:
			consentSteps++
		case StepBrowser:
			browserSteps++
			if strings.Contains(p.URL, "/adminconsent?") && !strings.Contains(p.URL, target.ID) {
				t.Errorf("admin consent URL for another tenant: %s", p.URL)
			}
		}
	}
	if consentSteps < 2 || browserSteps != 3 {
		t.Fatalf("expected sign-in → admin consent → sign-in; saw %d consent and %d browser steps", consentSteps, browserSteps)
	}
}
