package graphsim

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/microsoftgraph/msgraph-sdk-go/users"
	"golang.org/x/oauth2"
)

const loopback = "http://127.0.0.1:53117/"

func oauthConfig(s *Sim, authority string) *oauth2.Config {
	return &oauth2.Config{
		ClientID: DemoClientID,
		Endpoint: oauth2.Endpoint{
			AuthURL:   s.AuthorityURL() + "/" + authority + "/oauth2/v2.0/authorize",
			TokenURL:  s.AuthorityURL() + "/" + authority + "/oauth2/v2.0/token",
			AuthStyle: oauth2.AuthStyleInParams,
		},
		RedirectURL: loopback,
		Scopes:      []string{"openid", "profile", "offline_access", "https://graph.microsoft.com/.default"},
	}
}

// noFollow stops at the first redirect so the loopback URL can be read.
var noFollow = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// authorizeCode runs the authorize step and returns the redirect's query.
func authorizeCode(t *testing.T, cfg *oauth2.Config, verifier string, opts ...oauth2.AuthCodeOption) url.Values {
	t.Helper()
	opts = append(opts, oauth2.S256ChallengeOption(verifier))
	resp, err := noFollow.Get(cfg.AuthCodeURL("st4te", opts...))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("authorize: status %d", resp.StatusCode)
	}
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || !strings.HasPrefix(loc.String(), loopback) {
		t.Fatalf("authorize redirected to %q", resp.Header.Get("Location"))
	}
	if loc.Query().Get("state") != "st4te" {
		t.Fatalf("state not echoed: %v", loc.Query())
	}
	return loc.Query()
}

func aadCode(t *testing.T, err error) string {
	t.Helper()
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) {
		t.Fatalf("want *oauth2.RetrieveError, got %v", err)
	}
	code := strings.SplitN(re.ErrorDescription, ":", 2)[0]
	return re.ErrorCode + "/" + code
}

func TestOAuthCodeFlowPKCERefreshRotation(t *testing.T) {
	s := startSim(t, Options{AutoConsent: true})
	ctx := context.Background()
	cfg := oauthConfig(s, "organizations")
	verifier := oauth2.GenerateVerifier()
	q := authorizeCode(t, cfg, verifier)
	code := q.Get("code")
	if code == "" || q.Get("session_state") == "" {
		t.Fatalf("no code: %v", q)
	}
	// wrong verifier: AADSTS501481
	_, err := cfg.Exchange(ctx, code, oauth2.VerifierOption(oauth2.GenerateVerifier()))
	if got := aadCode(t, err); got != "invalid_grant/AADSTS501481" {
		t.Errorf("PKCE mismatch: %s", got)
	}
	tok, err := cfg.Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatal(err)
	}
	if tok.RefreshToken == "" || tok.Extra("id_token") == nil || !strings.Contains(tok.Extra("scope").(string), "User.Read.All") {
		t.Fatalf("token response incomplete: refresh=%v id=%v scope=%v", tok.RefreshToken != "", tok.Extra("id_token") != nil, tok.Extra("scope"))
	}
	if life := time.Until(tok.Expiry); life < 59*time.Minute || life > 91*time.Minute {
		t.Errorf("expires_in %s, want 60-90 min", life)
	}
	// reused code: AADSTS54005
	_, err = cfg.Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if got := aadCode(t, err); got != "invalid_grant/AADSTS54005" {
		t.Errorf("code reuse: %s", got)
	}
	// the token reads the partner tenant
	p := s.MSP().Partner
	c := newSDK(t, s, tok.AccessToken)
	skus, err := c.skus().Get(ctx, nil)
	if err != nil || len(skus.GetValue()) != len(p.SKUs) {
		t.Fatalf("partner skus: %v", err)
	}
	// refresh rotates the refresh token
	old := *tok
	old.Expiry = time.Now().Add(-time.Minute)
	fresh, err := cfg.TokenSource(ctx, &old).Token()
	if err != nil {
		t.Fatal(err)
	}
	if fresh.RefreshToken == "" || fresh.RefreshToken == tok.RefreshToken || fresh.AccessToken == tok.AccessToken {
		t.Error("refresh did not rotate tokens")
	}
}

func TestOAuthGDAPRedemptionAtCustomerAuthority(t *testing.T) {
	s := startSim(t, Options{AutoConsent: true})
	ctx := context.Background()
	cfg := oauthConfig(s, "organizations")
	verifier := oauth2.GenerateVerifier()
	tok, err := cfg.Exchange(ctx, authorizeCode(t, cfg, verifier).Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatal(err)
	}
	redeem := func(tenant string) (*oauth2.Token, error) {
		cc := oauthConfig(s, tenant)
		return cc.TokenSource(ctx, &oauth2.Token{RefreshToken: tok.RefreshToken}).Token()
	}
	harbor := tenantNamed(t, s, "Harbor")
	ct, err := redeem(harbor.ID)
	if err != nil {
		t.Fatal(err)
	}
	c := newSDK(t, s, ct.AccessToken)
	top := int32(999)
	got, err := allUsers(t, c, &users.UsersRequestBuilderGetRequestConfiguration{QueryParameters: &users.UsersRequestBuilderGetQueryParameters{Top: &top}})
	if err != nil || len(got) != s.GroundTruth(harbor.ID).Users {
		t.Fatalf("customer users via GDAP: %d, %v", len(got), err)
	}
	// by verified domain too
	if _, err := redeem(harbor.DefaultDomain); err != nil {
		t.Errorf("redeem at domain authority: %v", err)
	}
	cases := map[string]string{
		"Copperline": "invalid_grant/AADSTS50020", // no relationship
		"Oakline":    "invalid_grant/AADSTS50020", // only an expired relationship
		"Willow":     "invalid_grant/AADSTS90099", // app not authorized there
	}
	for name, want := range cases {
		_, err := redeem(tenantNamed(t, s, name).ID)
		if got := aadCode(t, err); got != want {
			t.Errorf("%s: %s, want %s", name, got, want)
		}
	}
	s.SetKnobs(harbor.ID, Knobs{ConsentDenied: true})
	if got := aadCode(t, func() error { _, err := redeem(harbor.ID); return err }()); got != "invalid_grant/AADSTS65001" {
		t.Errorf("consent denied: %s", got)
	}
	s.SetKnobs(harbor.ID, Knobs{})
	s.RevokeGrants(s.MSP().Partner.ID)
	if got := aadCode(t, func() error { _, err := redeem(harbor.ID); return err }()); got != "invalid_grant/AADSTS50173" {
		t.Errorf("revoked: %s", got)
	}
	if _, err := c.skus().Get(ctx, nil); odataCode(t, err) != codeInvalidToken {
		t.Error("revoked access token still accepted")
	}
}

func TestOAuthConsentPageAndErrors(t *testing.T) {
	s := startSim(t, Options{})
	ctx := context.Background()
	willow := tenantNamed(t, s, "Willow") // demo app not consented
	cfg := oauthConfig(s, willow.ID)
	verifier := oauth2.GenerateVerifier()
	resp, err := noFollow.Get(cfg.AuthCodeURL("st4te", oauth2.S256ChallengeOption(verifier)))
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	html := string(page)
	if resp.StatusCode != 200 || !strings.Contains(html, willow.DisplayName) || !strings.Contains(html, "User.Read.All") ||
		!strings.Contains(html, `value="accept"`) || !strings.Contains(html, `value="cancel"`) {
		t.Fatalf("consent page: %d %s", resp.StatusCode, html)
	}
	action := between(html, `<form method="POST" action="`, `"`)
	ticket := between(html, `name="ticket" value="`, `"`)
	// Cancel -> access_denied / cancel
	res, err := noFollow.PostForm(action, url.Values{"ticket": {ticket}, "action": {"cancel"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	loc, _ := url.Parse(res.Header.Get("Location"))
	if loc.Query().Get("error") != "access_denied" || loc.Query().Get("error_subcode") != "cancel" {
		t.Fatalf("cancel redirect: %s", loc)
	}
	// Accept -> code, and the consent sticks
	resp, _ = noFollow.Get(cfg.AuthCodeURL("st4te", oauth2.S256ChallengeOption(verifier)))
	page, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	res, err = noFollow.PostForm(between(string(page), `<form method="POST" action="`, `"`),
		url.Values{"ticket": {between(string(page), `name="ticket" value="`, `"`)}, "action": {"accept"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	loc, _ = url.Parse(res.Header.Get("Location"))
	if _, err := cfg.Exchange(ctx, loc.Query().Get("code"), oauth2.VerifierOption(verifier)); err != nil {
		t.Fatalf("exchange after accept: %v", err)
	}
	q := authorizeCode(t, cfg, verifier) // consented now: straight back
	if q.Get("code") == "" {
		t.Fatal("no code after consent")
	}
	// redirect_uri must match the one used at authorize
	bad := *cfg
	bad.RedirectURL = "http://127.0.0.1:53117/other"
	if got := aadCode(t, func() error {
		_, err := bad.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(verifier))
		return err
	}()); got != "invalid_grant/AADSTS50148" {
		t.Errorf("redirect mismatch: %s", got)
	}
	// public client with a secret
	sec := *cfg
	sec.ClientSecret = "s3cret"
	if got := aadCode(t, func() error {
		_, err := sec.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(verifier))
		return err
	}()); got != "invalid_client/AADSTS700025" {
		t.Errorf("secret: %s", got)
	}
	// codes live 10 minutes
	clock := fixedNow
	s2 := startSim(t, Options{AutoConsent: true, Now: func() time.Time { return clock }})
	cfg2 := oauthConfig(s2, "organizations")
	q2 := authorizeCode(t, cfg2, verifier)
	clock = clock.Add(11 * time.Minute)
	if got := aadCode(t, func() error {
		_, err := cfg2.Exchange(ctx, q2.Get("code"), oauth2.VerifierOption(verifier))
		return err
	}()); got != "invalid_grant/AADSTS70008" {
		t.Errorf("expired code: %s", got)
	}
	// consent denied knob
	s2.SetKnobs(s2.MSP().Partner.ID, Knobs{ConsentDenied: true})
	resp, _ = noFollow.Get(cfg2.AuthCodeURL("st4te", oauth2.S256ChallengeOption(verifier)))
	resp.Body.Close()
	loc, _ = url.Parse(resp.Header.Get("Location"))
	if loc.Query().Get("error") != "access_denied" || !strings.HasPrefix(loc.Query().Get("error_description"), "AADSTS65004") {
		t.Errorf("consent denied redirect: %s", loc)
	}
}

func TestOAuthAdminConsentAndLongTokens(t *testing.T) {
	s := startSim(t, Options{AutoConsent: true})
	willow := tenantNamed(t, s, "Willow")
	u := s.AuthorityURL() + "/" + willow.DefaultDomain + "/v2.0/adminconsent?" + url.Values{
		"client_id": {DemoClientID}, "scope": {"https://graph.microsoft.com/.default"},
		"redirect_uri": {"http://localhost:53117/adminconsent"}, "state": {"c0ns3nt42"}}.Encode()
	resp, err := noFollow.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	q := loc.Query()
	if q.Get("admin_consent") != "True" || q.Get("tenant") != willow.ID || q.Get("state") != "c0ns3nt42" ||
		!strings.Contains(q.Get("scope"), "https://graph.microsoft.com/Reports.Read.All") {
		t.Fatalf("admin consent redirect: %s", loc)
	}
	// the partner can now redeem there
	ctx := context.Background()
	s.SetKnobs(s.MSP().Partner.ID, Knobs{LongTokens: true})
	cfg := oauthConfig(s, "organizations")
	verifier := oauth2.GenerateVerifier()
	tok, err := cfg.Exchange(ctx, authorizeCode(t, cfg, verifier).Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(tok.RefreshToken); n < 3000 || n > 8192 {
		t.Errorf("long refresh token is %d bytes", n)
	}
	if n := len(tok.AccessToken); n < 3000 || n > 8192 {
		t.Errorf("long access token is %d bytes", n)
	}
	cc := oauthConfig(s, willow.ID)
	if _, err := cc.TokenSource(ctx, &oauth2.Token{RefreshToken: tok.RefreshToken}).Token(); err != nil {
		t.Errorf("after admin consent: %v", err)
	}
}

func between(s, a, b string) string {
	i := strings.Index(s, a)
	if i < 0 {
		return ""
	}
	s = s[i+len(a):]
	j := strings.Index(s, b)
	if j < 0 {
		return ""
	}
	return s[:j]
}
