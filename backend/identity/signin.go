package identity

import (
	"context"
	"net/url"
	"strings"

	"golang.org/x/oauth2"
)

// SignInRequest describes one interactive sign-in.
type SignInRequest struct {
	// Tenant is the authority's tenant segment: a GUID, a domain or
	// "organizations".
	Tenant    string
	ClientID  string
	Scopes    []string
	Prompt    string // e.g. "select_account"; empty sends none
	LoginHint string
}

// PendingSignIn is a sign-in whose authorize URL is ready and whose loopback
// listener is waiting for the browser.
type PendingSignIn struct {
	c        *Client
	l        *Listener
	ep       TenantEndpoints
	req      SignInRequest
	verifier string
	url      string
}

// SignInResult is a completed sign-in. Token holds secrets: keep it in
// memory only.
type SignInResult struct {
	Token  *oauth2.Token
	Scope  string
	Claims Claims
}

// BeginSignIn opens the loopback listener and builds the authorize URL
// (authorization code + PKCE S256, state random and single-use).
func (c *Client) BeginSignIn(req SignInRequest) (*PendingSignIn, error) {
	if req.ClientID == "" {
		return nil, errNoClientID()
	}
	l, err := c.listen("/")
	if err != nil {
		return nil, err
	}
	ep := c.Endpoints(req.Tenant)
	verifier := oauth2.GenerateVerifier()
	cfg := oauth2.Config{
		ClientID:    req.ClientID,
		Endpoint:    oauth2.Endpoint{AuthURL: ep.Authorize, TokenURL: ep.Token, AuthStyle: oauth2.AuthStyleInParams},
		RedirectURL: l.RedirectURI(),
		Scopes:      req.Scopes,
	}
	opts := []oauth2.AuthCodeOption{oauth2.S256ChallengeOption(verifier), oauth2.SetAuthURLParam("response_mode", "query")}
	if req.Prompt != "" {
		opts = append(opts, oauth2.SetAuthURLParam("prompt", req.Prompt))
	}
	if req.LoginHint != "" {
		opts = append(opts, oauth2.SetAuthURLParam("login_hint", req.LoginHint))
	}
	return &PendingSignIn{c: c, l: l, ep: ep, req: req, verifier: verifier, url: cfg.AuthCodeURL(l.State(), opts...)}, nil
}

// URL is the authorize URL to open in the browser (and to offer for copy).
func (p *PendingSignIn) URL() string { return p.url }

// Listener is the loopback listener of this sign-in.
func (p *PendingSignIn) Listener() *Listener { return p.l }

// Close stops the listener.
func (p *PendingSignIn) Close() { p.l.Close() }

// Finish waits for the redirect and redeems the code. A redirect carrying
// an error becomes the matching *Error (cancelled, consent, …).
func (p *PendingSignIn) Finish(ctx context.Context) (SignInResult, error) {
	q, err := p.l.Wait(ctx)
	if err != nil {
		return SignInResult{}, err
	}
	if q.Get("error") != "" {
		return SignInResult{}, callbackError(q, p.req.Tenant)
	}
	code := q.Get("code")
	if code == "" {
		return SignInResult{}, newError(KindProtocol, errNoCode.Error(), nil)
	}
	g, err := p.c.redeemCode(ctx, p.ep, p.req.ClientID, code, p.l.RedirectURI(), p.verifier, p.req.Scopes)
	if err != nil {
		return SignInResult{}, err
	}
	return SignInResult{Token: g.Token, Scope: g.Scope, Claims: g.Claims}, nil
}

// interactive runs a sign-in end to end: browser, redirect, code
// redemption. When Microsoft says an administrator must consent (65001,
// 90099, consent_required) and adminConsentTenant is not empty, it runs
// the admin consent leg there and signs in once more.
func (c *Client) interactive(ctx context.Context, req SignInRequest, adminConsentTenant string, in Interaction) (SignInResult, error) {
	res, err := c.interactiveOnce(ctx, req, in)
	if e := AsError(err); e != nil && e.Kind == KindConsent && adminConsentTenant != "" {
		in.report(StepConsent, "An administrator must approve TenantLens for this tenant; opening Microsoft's admin consent page.", "")
		if err := c.AdminConsent(ctx, adminConsentTenant, req.ClientID, in); err != nil {
			return SignInResult{}, err
		}
		in.report(StepSignIn, "Consent granted; signing in again.", "")
		return c.interactiveOnce(ctx, req, in)
	}
	return res, err
}

func (c *Client) interactiveOnce(ctx context.Context, req SignInRequest, in Interaction) (SignInResult, error) {
	p, err := c.BeginSignIn(req)
	if err != nil {
		return SignInResult{}, err
	}
	defer p.Close()
	c.open(p.URL(), "Sign in with Microsoft in your browser. If it did not open, copy the link.", in)
	res, err := p.Finish(ctx)
	if err != nil {
		return SignInResult{}, err
	}
	in.report(StepToken, "Signed in.", "")
	return res, nil
}

// open reports the URL (for the Copy button) and asks the Opener to open it.
func (c *Client) open(u, msg string, in Interaction) {
	in.report(StepBrowser, msg, u)
	if in.Opener != nil {
		if err := in.Opener.Open(u); err != nil {
			c.o.Log.Warn("could not open the browser; the link is shown for copying", "err", err.Error())
		}
	}
	in.report(StepWaiting, "Waiting for Microsoft to send you back to TenantLens…", "")
}

// AdminConsentURL builds the v2 admin consent URL for tenant. The redirect
// goes to redirectURI; scope is .default (everything the app registers).
func (c *Client) AdminConsentURL(tenant, clientID, redirectURI, state string) string {
	v := url.Values{
		"client_id":    {clientID},
		"scope":        {c.resource + ".default"},
		"redirect_uri": {redirectURI},
		"state":        {state},
	}
	return c.Endpoints(tenant).AdminConsent + "?" + v.Encode()
}

// AdminConsent runs the admin consent leg for tenant in the browser.
func (c *Client) AdminConsent(ctx context.Context, tenant, clientID string, in Interaction) error {
	if clientID == "" {
		return errNoClientID()
	}
	l, err := c.listen("/")
	if err != nil {
		return err
	}
	defer l.Close()
	u := c.AdminConsentURL(tenant, clientID, l.RedirectURI(), l.State())
	c.open(u, "Approve TenantLens as an administrator in your browser. If it did not open, copy the link.", in)
	q, err := l.Wait(ctx)
	if err != nil {
		return err
	}
	if q.Get("error") != "" {
		e := callbackError(q, tenant)
		if e.Kind == KindConsent && e.Code == 65004 {
			e = newError(KindCancelled, q.Get("error"), nil)
			e.Code, e.Tenant = 65004, tenant
		}
		return e
	}
	if !strings.EqualFold(q.Get("admin_consent"), "true") {
		e := newError(KindProtocol, "admin consent redirect without admin_consent=True", nil)
		e.Tenant = tenant
		return e
	}
	in.report(StepConsent, "An administrator approved TenantLens.", "")
	return nil
}

func errNoClientID() *Error {
	e := newError(KindInvalidInput, "no client ID", nil)
	e.Message = "TenantLens has no app registration (client ID) yet."
	e.Remedy = "Use “Create the app registration for me” in setup, or paste your client ID (TENANTLENS_CLIENT_ID)."
	return e
}
