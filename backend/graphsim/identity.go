package graphsim

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// serveIdentity handles /login/{tenant}/...
func (s *Sim) serveIdentity(w *statusWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.Path, "/login/")
	tenantKey, path, _ := strings.Cut(rest, "/")
	if s.refuseOtherCloudScope(w, r, path) { // cloud.go
		return
	}
	switch path {
	case "v2.0/.well-known/openid-configuration":
		s.openIDConfig(w, r, tenantKey)
	case "oauth2/v2.0/authorize":
		s.authorize(w, r, tenantKey)
	case "oauth2/v2.0/consent":
		s.consentSubmit(w, r, tenantKey)
	case "oauth2/v2.0/token":
		s.token(w, r, tenantKey)
	case "v2.0/adminconsent":
		s.adminConsent(w, r, tenantKey)
	case "discovery/v2.0/keys":
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write([]byte(`{"keys":[]}`))
	default:
		http.Error(w, "graphsim identity: unknown endpoint "+path, http.StatusNotFound)
	}
}

// resolveAuthority maps an authority tenant segment to a tenant: GUID or
// verified domain; organizations/common sign the partner technician in
// (or the tenant named by domain_hint/login_hint).
func (s *Sim) resolveAuthority(key string, r *http.Request) (*Tenant, bool) {
	switch strings.ToLower(key) {
	case "organizations", "common":
		for _, hint := range []string{r.FormValue("domain_hint"), r.FormValue("login_hint")} {
			if i := strings.LastIndexByte(hint, '@'); i >= 0 {
				hint = hint[i+1:]
			}
			if t, ok := s.Tenant(hint); ok && hint != "" {
				return t, true
			}
		}
		if s.msp.Partner != nil {
			return s.msp.Partner, true
		}
		return nil, false
	}
	return s.Tenant(key)
}

func (s *Sim) openIDConfig(w *statusWriter, r *http.Request, key string) {
	t, ok := s.resolveAuthority(key, r)
	if !ok {
		s.aadError(w, http.StatusBadRequest, "invalid_tenant", 90002, "Tenant '"+key+"' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.", "")
		return
	}
	w.tenant = t.ID
	base := s.baseFor(r) + "/login/" + t.ID
	cfg := map[string]any{
		"token_endpoint":                        base + "/oauth2/v2.0/token",
		"token_endpoint_auth_methods_supported": []string{"client_secret_post", "private_key_jwt", "client_secret_basic"},
		"jwks_uri":                              base + "/discovery/v2.0/keys",
		"response_modes_supported":              []string{"query", "fragment", "form_post"},
		"subject_types_supported":               []string{"pairwise"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
		"response_types_supported":              []string{"code", "id_token", "code id_token", "id_token token"},
		"scopes_supported":                      []string{"openid", "profile", "email", "offline_access"},
		"issuer":                                base + "/v2.0",
		"request_uri_parameter_supported":       false,
		"userinfo_endpoint":                     s.baseFor(r) + "/graph/oidc/userinfo",
		"authorization_endpoint":                base + "/oauth2/v2.0/authorize",
		"device_authorization_endpoint":         base + "/oauth2/v2.0/devicecode",
		"http_logout_supported":                 true,
		"frontchannel_logout_supported":         true,
		"end_session_endpoint":                  base + "/oauth2/v2.0/logout",
		"claims_supported": []string{"sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name",
			"msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver",
			"at_hash", "c_hash", "email"},
		"kerberos_endpoint":     base + "/kerberos",
		"tenant_region_scope":   "NA",
		"cloud_instance_name":   s.Cloud().Instance,
		"cloud_graph_host_name": "graph.windows.net",
		"msgraph_host":          strings.TrimPrefix(s.baseFor(r), "http://") + "/graph",
		"rbac_url":              "https://pas.windows.net",
	}
	b, _ := json.Marshal(cfg)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(b)
}

// aadError writes Entra's token-endpoint error JSON.
func (s *Sim) aadError(w http.ResponseWriter, status int, code string, n int, msg, suberror string) {
	now := s.now().UTC()
	trace, corr := randomGUID(), randomGUID()
	ts := now.Format("2006-01-02 15:04:05Z")
	body := map[string]any{
		"error":             code,
		"error_description": "AADSTS" + strconv.Itoa(n) + ": " + msg + "\r\nTrace ID: " + trace + "\r\nCorrelation ID: " + corr + "\r\nTimestamp: " + ts,
		"error_codes":       []int{n},
		"timestamp":         ts,
		"trace_id":          trace,
		"correlation_id":    corr,
		"error_uri":         "https://login.microsoftonline.com/error?code=" + strconv.Itoa(n),
	}
	if suberror != "" {
		body["suberror"] = suberror
	}
	b, _ := json.Marshal(body)
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store, no-cache")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// errorPage is what Entra shows in the browser when it cannot redirect.
func errorPage(w http.ResponseWriter, n int, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusBadRequest)
	_, _ = w.Write([]byte("<!DOCTYPE html><html><head><title>Sign in to your account</title></head><body>" +
		"<h1>Sorry, but we're having trouble signing you in.</h1><p id=\"error\">AADSTS" + strconv.Itoa(n) + ": " +
		htmlEscape(msg) + "</p></body></html>"))
}

// redirectMatches compares a requested redirect URI with the registered
// ones; for localhost/127.0.0.1 the port is ignored (RFC 8252).
func redirectMatches(app *appReg, got string) bool {
	registered := app.Redirects
	gu, err := url.Parse(got)
	if err != nil || gu.Fragment != "" {
		return false
	}
	for _, reg := range registered {
		ru, err := url.Parse(reg)
		if err != nil {
			continue
		}
		rp, gp := ru.Path, gu.Path
		if rp == "" {
			rp = "/"
		}
		if gp == "" {
			gp = "/"
		}
		loop := ru.Hostname() == "localhost" || ru.Hostname() == "127.0.0.1"
		if ru.Scheme == gu.Scheme && strings.EqualFold(ru.Hostname(), gu.Hostname()) && (rp == gp || (loop && app.AnyPath)) &&
			(loop || ru.Port() == gu.Port()) {
			return true
		}
	}
	return false
}

// withTrailingSlash echoes a path-less redirect URI with "/" like Entra.
func withTrailingSlash(u string) string {
	p, err := url.Parse(u)
	if err == nil && p.Path == "" {
		p.Path = "/"
		return p.String()
	}
	return u
}

// pendingConsent is an authorize or admin-consent request waiting for the
// Accept/Cancel click.
type pendingConsent struct {
	Admin       bool
	TenantID    string
	ClientID    string
	RedirectURI string
	State       string
	Scope       string
	Wanted      []string
	Challenge   string
	Method      string
	Nonce       string
	Mode        string
	Expires     time.Time
}

func (s *Sim) lookupApp(w http.ResponseWriter, clientID string) (*appReg, bool) {
	if clientID == "" {
		errorPage(w, 900144, "The request body must contain the following parameter: 'client_id'.")
		return nil, false
	}
	s.mu.Lock()
	app := s.apps[clientID]
	s.mu.Unlock()
	if app == nil {
		errorPage(w, 700016, "Application with identifier '"+clientID+"' was not found in the directory. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.")
		return nil, false
	}
	return app, true
}

// wantedScopes resolves requested Graph scopes (.default = static ones).
func (s *Sim) wantedScopes(app *appReg, tenantID, raw string) []string {
	graph, dflt, _ := parseScopes(raw)
	out := graph.list()
	if dflt {
		s.mu.Lock()
		static := append([]string(nil), app.Static...)
		if len(static) == 0 {
			static = s.consentFor(tenantID, app.AppID).list()
		}
		s.mu.Unlock()
		if len(static) == 0 {
			static = ReadScopes
		}
		set := scopeSet{}
		set.add(out...)
		set.add(static...)
		out = set.list()
	}
	return out
}

// consented reports whether every wanted scope is consented in the tenant.
func (s *Sim) consented(tenantID, appID string, wanted []string) bool {
	if s.knobsFor(tenantID).ConsentDenied {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.consent[tenantID][appID]
	for _, w := range wanted {
		if !c[w] {
			return false
		}
	}
	return len(wanted) > 0 || c != nil
}

func (s *Sim) grantConsent(tenantID, appID string, scopes []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.consentFor(tenantID, appID).add(scopes...)
	sp := s.spFor(tenantID)
	if sp[appID] == "" {
		sp[appID] = randomGUID()
	}
}

// signInTarget resolves the tenant, the app and its redirect URI of an
// interactive request (authorize, adminconsent), answering the error page
// Entra shows when one of them is wrong.
func (s *Sim) signInTarget(w *statusWriter, r *http.Request, key string) (*Tenant, *appReg, string, bool) {
	q := r.URL.Query()
	t, ok := s.resolveAuthority(key, r)
	if !ok {
		errorPage(w, 90002, "Tenant '"+key+"' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.")
		return nil, nil, "", false
	}
	w.tenant = t.ID
	app, ok := s.lookupApp(w, q.Get("client_id"))
	if !ok {
		return nil, nil, "", false
	}
	redirect := q.Get("redirect_uri")
	if redirect == "" || !redirectMatches(app, redirect) {
		errorPage(w, 50011, "The redirect URI '"+redirect+"' specified in the request does not match the redirect URIs configured for the application '"+app.AppID+"'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.")
		return nil, nil, "", false
	}
	return t, app, redirect, true
}

func (s *Sim) authorize(w *statusWriter, r *http.Request, key string) {
	q := r.URL.Query()
	t, app, redirect, ok := s.signInTarget(w, r, key)
	if !ok {
		return
	}
	p := &pendingConsent{TenantID: t.ID, ClientID: app.AppID, RedirectURI: withTrailingSlash(redirect), State: q.Get("state"),
		Scope: q.Get("scope"), Challenge: q.Get("code_challenge"), Method: q.Get("code_challenge_method"),
		Nonce: q.Get("nonce"), Mode: q.Get("response_mode"), Expires: s.now().Add(15 * time.Minute)}
	if q.Get("response_type") != "code" {
		s.redirectBack(w, r, p, url.Values{"error": {"unsupported_response_type"},
			"error_description": {aadDesc(70005, "The provided value for the input parameter 'response_type' is not allowed for this request. Expected value: 'code'.")}})
		return
	}
	if p.Challenge != "" && p.Method == "" {
		p.Method = "plain"
	}
	if p.Challenge != "" && p.Method != "S256" && p.Method != "plain" {
		s.redirectBack(w, r, p, url.Values{"error": {"invalid_request"},
			"error_description": {aadDesc(501491, "Invalid code_challenge_method.")}})
		return
	}
	p.Wanted = s.wantedScopes(app, t.ID, p.Scope)
	prompt := q.Get("prompt")
	need := !s.consented(t.ID, app.AppID, p.Wanted) || prompt == "consent"
	if s.knobsFor(t.ID).ConsentDenied {
		if prompt == "none" {
			s.redirectBack(w, r, p, url.Values{"error": {"consent_required"}, "error_description": {aadDesc(65001,
				"The user or administrator has not consented to use the application with ID '"+app.AppID+"' named '"+app.DisplayName+"'. Send an interactive authorization request for this user and resource.")}})
			return
		}
		s.redirectBack(w, r, p, url.Values{"error": {"access_denied"}, "error_subcode": {"cancel"},
			"error_description": {aadDesc(65004, "User declined to consent to access the app.")}})
		return
	}
	if need && prompt == "none" {
		s.redirectBack(w, r, p, url.Values{"error": {"consent_required"}, "error_description": {aadDesc(65001,
			"The user or administrator has not consented to use the application with ID '"+app.AppID+"' named '"+app.DisplayName+"'. Send an interactive authorization request for this user and resource.")}})
		return
	}
	if (need || s.opts.Interactive) && !s.opts.AutoConsent {
		// The consent page; with Interactive also when consent exists, as
		// the sign-in a browser without a session meets first.
		s.renderConsent(w, r, t, app, p)
		return
	}
	if need {
		s.grantConsent(t.ID, app.AppID, p.Wanted)
	}
	s.finishAuthorize(w, r, p)
}

func aadDesc(n int, msg string) string {
	return "AADSTS" + strconv.Itoa(n) + ": " + msg + "\r\nTrace ID: " + randomGUID() + "\r\nCorrelation ID: " + randomGUID() +
		"\r\nTimestamp: " + time.Now().UTC().Format("2006-01-02 15:04:05Z")
}

// finishAuthorize issues a code and redirects.
func (s *Sim) finishAuthorize(w http.ResponseWriter, r *http.Request, p *pendingConsent) {
	code := "1.AV0A" + randomToken(420)
	t := s.tenants[p.TenantID]
	s.mu.Lock()
	s.codes[code] = &authCode{ClientID: p.ClientID, RedirectURI: p.RedirectURI, Challenge: p.Challenge, Method: p.Method,
		TenantID: t.ID, UserID: t.Admin.ID, Scope: p.Scope, Nonce: p.Nonce, Expires: s.now().Add(10 * time.Minute)}
	s.mu.Unlock()
	s.redirectBack(w, r, p, url.Values{"code": {code}, "session_state": {randomGUID()}})
}

// redirectBack sends the result to the redirect URI (query, fragment or form_post).
func (s *Sim) redirectBack(w http.ResponseWriter, r *http.Request, p *pendingConsent, v url.Values) {
	if p.State != "" {
		v.Set("state", p.State)
	}
	if p.Mode == "form_post" {
		var b strings.Builder
		b.WriteString(`<!DOCTYPE html><html><body onload="document.forms[0].submit()"><form method="POST" action="` + htmlEscape(p.RedirectURI) + `">`)
		for k, vals := range v {
			for _, x := range vals {
				b.WriteString(`<input type="hidden" name="` + htmlEscape(k) + `" value="` + htmlEscape(x) + `">`)
			}
		}
		b.WriteString(`<noscript><button type="submit">Continue</button></noscript></form></body></html>`)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(b.String()))
		return
	}
	sep := "?"
	if p.Mode == "fragment" {
		sep = "#"
	} else if strings.Contains(p.RedirectURI, "?") {
		sep = "&"
	}
	http.Redirect(w, r, p.RedirectURI+sep+v.Encode(), http.StatusFound)
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;").Replace(s)
}

// pkceOK verifies the code_verifier against the stored challenge.
func pkceOK(c *authCode, verifier string) bool {
	if c.Challenge == "" {
		return true
	}
	if verifier == "" {
		return false
	}
	if c.Method == "plain" {
		return verifier == c.Challenge
	}
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:]) == c.Challenge
}
