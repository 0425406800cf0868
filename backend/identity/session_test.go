package identity

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"tenantlens/backend/graphsim"
)

// authorizeRedirect follows the authorize URL like a browser up to the
// redirect to the loopback listener, and returns that redirect URL.
func authorizeRedirect(t *testing.T, u string) string {
	t.Helper()
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusFound || !strings.HasPrefix(loc, "http://localhost:") {
		t.Fatalf("authorize answered %d Location %q", resp.StatusCode, loc)
	}
	return loc
}

func fetch(t *testing.T, u string) (int, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestSignInStateReusedThroughGraphsim(t *testing.T) {
	e := newEnv(t, graphsim.Options{AutoConsent: true})
	c := e.client(nil)
	cust := consentedCustomer(t, e.sim, 0)
	p, err := c.BeginSignIn(SignInRequest{Tenant: cust.ID, ClientID: graphsim.DemoClientID, Scopes: c.Scopes(false)})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if !strings.Contains(p.URL(), "code_challenge_method=S256") || !strings.Contains(p.URL(), "state=") {
		t.Fatalf("authorize URL lacks PKCE S256 or state: %s", p.URL())
	}
	loc := authorizeRedirect(t, p.URL())
	if st, body := fetch(t, loc); st != http.StatusOK || !strings.Contains(body, "You can return to TenantLens") {
		t.Fatalf("first redirect: %d %q", st, body)
	}
	// Reusing the same state and code (back button, replay) is refused.
	st, body := fetch(t, loc)
	if st != http.StatusBadRequest || !strings.Contains(body, "Your session has expired. Please try connecting again.") {
		t.Fatalf("replayed redirect: %d %q", st, body)
	}
	// A second, fresh code with the same state is refused too.
	p2, err := c.BeginSignIn(SignInRequest{Tenant: cust.ID, ClientID: graphsim.DemoClientID, Scopes: c.Scopes(false)})
	if err != nil {
		t.Fatal(err)
	}
	defer p2.Close()
	other := authorizeRedirect(t, p2.URL())
	port := loc[:strings.Index(loc, "/?")]
	if st, _ := fetch(t, port+"/?"+other[strings.Index(other, "?")+1:]); st != http.StatusBadRequest {
		t.Fatalf("a code carrying another attempt's state was accepted: %d", st)
	}
	res, err := p.Finish(ctxT(t))
	if err != nil || res.Token.RefreshToken == "" || res.Claims.TenantID != cust.ID {
		t.Fatalf("finish: %+v %v", res.Claims, err)
	}
}

func TestSignInStateOlderThan15Minutes(t *testing.T) {
	e := newEnv(t, graphsim.Options{AutoConsent: true})
	clk := &fakeClock{t: time.Now()}
	c := e.client(func(o *Options) { o.Now = clk.Now })
	cust := consentedCustomer(t, e.sim, 0)
	p, err := c.BeginSignIn(SignInRequest{Tenant: cust.ID, ClientID: graphsim.DemoClientID, Scopes: c.Scopes(false)})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	loc := authorizeRedirect(t, p.URL())
	clk.Add(15*time.Minute + time.Second)
	st, body := fetch(t, loc)
	if st != http.StatusBadRequest || !strings.Contains(body, MsgSessionExpired) {
		t.Fatalf("late redirect: %d %q", st, body)
	}
	_, err = p.Finish(ctxT(t))
	if !errors.Is(err, ErrSessionExpired) || !strings.HasPrefix(err.Error(), "Your session has expired. Please try connecting again.") {
		t.Fatalf("late finish: %v", err)
	}
}

func TestLongTokensRoundTripThroughChunkedKeychain(t *testing.T) {
	e := newEnv(t, graphsim.Options{AutoConsent: true})
	e.sim.SetKnobs("*", graphsim.Knobs{LongTokens: true})
	c := e.client(nil)
	cust := consentedCustomer(t, e.sim, 0)
	res, err := c.ConnectDirect(ctxT(t), cust.ID, e.interaction())
	if err != nil {
		t.Fatal(err)
	}
	first, err := e.sec.Get(res.Connection.SecretKey)
	if err != nil {
		t.Fatal(err)
	}
	if len(first) < 3000 {
		t.Fatalf("LongTokens gave a %d-byte refresh token; want > 3000 to exercise chunking", len(first))
	}
	for i := range 3 {
		// A new Client each round: nothing cached in memory.
		if _, err := e.client(nil).TokenSource(res.Connection, cust.ID).TokenContext(ctxT(t)); err != nil {
			t.Fatalf("refresh %d with a %d-byte token: %v", i, len(first), err)
		}
		got, err := e.sec.Get(res.Connection.SecretKey)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != e.rec.last() {
			t.Fatalf("round %d: keychain (%d bytes) is not the last issued token (%d bytes)", i, len(got), len(e.rec.last()))
		}
		t.Logf("round %d: %d-byte refresh token stored and read back", i, len(got))
	}
}

func TestBootstrapCreatesAppThatSignsIn(t *testing.T) {
	e := newEnv(t, graphsim.Options{AutoConsent: true})
	boot := e.client(func(o *Options) { o.ClientID = "" })
	res, err := boot.Bootstrap(ctxT(t), "", e.interaction())
	if err != nil {
		t.Fatal(err)
	}
	if !IsGUID(res.ClientID) || res.ClientID == graphsim.DemoClientID || res.ClientID == GraphCLIClientID {
		t.Fatalf("bootstrap result %+v", res)
	}
	if res.TenantID != e.sim.MSP().Partner.ID || res.ServicePrincipalID == "" {
		t.Fatalf("bootstrap result %+v", res)
	}
	for _, s := range []string{"User.Read.All", "Reports.Read.All", "DelegatedAdminRelationship.Read.All", "offline_access"} {
		if !strings.Contains(res.GrantedScopes, s) {
			t.Errorf("granted scopes %q lack %s", res.GrantedScopes, s)
		}
	}
	// The new client ID signs the MSP in to its own tenant without any
	// further consent, and lists GDAP customers.
	c := e.client(func(o *Options) { o.ClientID = res.ClientID })
	conn, err := c.ConnectDirect(ctxT(t), e.sim.MSP().Partner.DefaultDomain, e.interaction())
	if err != nil {
		t.Fatalf("sign-in with the bootstrapped client: %v", err)
	}
	if conn.Connection.ClientID != res.ClientID || conn.Tenants[0].ID != e.sim.MSP().Partner.ID {
		t.Fatalf("connection %+v", conn.Connection)
	}
}

func TestNoTokenTextInErrorsLogsOrProgress(t *testing.T) {
	e := newEnv(t, graphsim.Options{AutoConsent: true})
	c := e.client(nil)
	var errs []string
	res, err := c.ConnectPartner(ctxT(t), "", e.interaction())
	if err != nil {
		t.Fatal(err)
	}
	for _, tn := range res.Tenants {
		errs = append(errs, tn.AccessDetail)
		errs = append(errs, tn.RoleWarnings...)
		ts := c.TokenSource(res.Connection, tn.ID)
		if _, err := ts.TokenContext(ctxT(t)); err != nil {
			errs = append(errs, err.Error())
		}
	}
	cust := consentedCustomer(t, e.sim, 0)
	d, err := c.ConnectDirect(ctxT(t), cust.ID, e.interaction())
	if err != nil {
		t.Fatal(err)
	}
	e.sim.RevokeGrants(cust.ID)
	if _, err := c.TokenSource(d.Connection, cust.ID).TokenContext(ctxT(t)); err == nil {
		t.Fatal("revoked grant refreshed")
	} else {
		errs = append(errs, err.Error())
	}
	issued := e.rec.issued()
	if len(issued) < 10 {
		t.Fatalf("only %d tokens recorded; the recorder is not seeing the traffic", len(issued))
	}
	assertNoTokenText(t, "errors", strings.Join(errs, "\n"), issued)
	assertNoTokenText(t, "log and progress output", e.output(), issued)
	if !strings.Contains(e.output(), "token refresh failed") {
		t.Fatal("the log was not captured; the leak check would be vacuous")
	}
}

// The CLI's --no-browser path: the URL is printed as "open: <URL>" and
// fetched by a plain HTTP client.
func TestHeadlessPrintOpener(t *testing.T) {
	e := newEnv(t, graphsim.Options{AutoConsent: true})
	c := e.client(nil)
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		buf := make([]byte, 64<<10)
		n, err := pr.Read(buf)
		if err != nil {
			done <- err
			return
		}
		line := strings.TrimSpace(string(buf[:n]))
		if !strings.HasPrefix(line, "open: ") {
			done <- errors.New("printed line " + line)
			return
		}
		resp, err := http.Get(strings.TrimPrefix(line, "open: "))
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	cust := consentedCustomer(t, e.sim, 1)
	res, err := c.ConnectDirect(ctxT(t), cust.DefaultDomain, Interaction{Opener: PrintOpener{W: pw}})
	if err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if res.Tenants[0].ID != cust.ID {
		t.Fatalf("connected %s, want %s", res.Tenants[0].ID, cust.ID)
	}
}
