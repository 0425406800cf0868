package graphsim

import (
	"net/http"
	"net/url"
	"strings"
	"time"
)

// renderConsent shows the "Permissions requested" page with Accept/Cancel.
func (s *Sim) renderConsent(w http.ResponseWriter, r *http.Request, t *Tenant, app *appReg, p *pendingConsent) {
	id := randomToken(18)
	s.mu.Lock()
	s.pending[id] = p
	s.mu.Unlock()
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Permissions requested</title>
<style>body{font-family:"Segoe UI",sans-serif;background:#f2f2f2}main{max-width:440px;margin:60px auto;background:#fff;padding:36px 44px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:24px;font-weight:600}li{margin:4px 0}.row{display:flex;gap:8px;justify-content:flex-end;margin-top:24px}
button{min-width:108px;padding:6px 12px;font-size:15px}#accept{background:#0067b8;color:#fff;border:0}.note{font-size:13px;color:#555}</style></head><body><main>
<p class="note">graphsim &mdash; emulated Microsoft sign-in</p>`)
	b.WriteString(`<p id="account">` + htmlEscape(t.Admin.UserPrincipalName) + `</p>`)
	if p.Admin {
		b.WriteString(`<h1>Permissions requested</h1><p>Review for your organization</p>`)
	} else {
		b.WriteString(`<h1>Permissions requested</h1>`)
	}
	b.WriteString(`<p><strong id="app">` + htmlEscape(app.DisplayName) + `</strong> (` + htmlEscape(app.AppID) + `)</p>`)
	b.WriteString(`<p>Tenant: <strong id="tenant">` + htmlEscape(t.DisplayName) + `</strong> (` + htmlEscape(t.ID) + `)</p>`)
	b.WriteString(`<p>This app would like to:</p><ul id="scopes">`)
	for _, sc := range p.Wanted {
		b.WriteString(`<li>` + htmlEscape(sc) + `</li>`)
	}
	_, _, oidc := parseScopes(p.Scope)
	if oidc["offline_access"] {
		b.WriteString(`<li>Maintain access to data you have given it access to</li>`)
	}
	if oidc["openid"] || oidc["profile"] {
		b.WriteString(`<li>View your basic profile</li>`)
	}
	b.WriteString(`</ul><p class="note">Accepting grants these permissions for all users in ` + htmlEscape(t.DisplayName) + `.</p>`)
	b.WriteString(`<form method="POST" action="` + htmlEscape(s.baseFor(r)+"/login/"+t.ID+"/oauth2/v2.0/consent") + `">`)
	b.WriteString(`<input type="hidden" name="ticket" value="` + id + `"><div class="row">`)
	b.WriteString(`<button type="submit" name="action" value="cancel" id="cancel">Cancel</button>`)
	b.WriteString(`<button type="submit" name="action" value="accept" id="accept">Accept</button></div></form></main></body></html>`)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write([]byte(b.String()))
}

// consentSubmit handles the Accept/Cancel form post.
func (s *Sim) consentSubmit(w *statusWriter, r *http.Request, key string) {
	if r.Method != http.MethodPost {
		errorPage(w, 900561, "The endpoint only accepts POST requests.")
		return
	}
	_ = r.ParseForm()
	id := r.PostForm.Get("ticket")
	s.mu.Lock()
	p := s.pending[id]
	delete(s.pending, id)
	s.mu.Unlock()
	if p == nil || s.now().After(p.Expires) {
		errorPage(w, 50058, "The consent request has expired or was already answered. Start the sign-in again.")
		return
	}
	w.tenant = p.TenantID
	if r.PostForm.Get("action") != "accept" {
		if p.Admin {
			s.redirectBack(w, r, p, url.Values{"admin_consent": {"True"}, "error": {"access_denied"},
				"error_description": {aadDesc(65004, "The resource owner or authorization server denied the request.")}})
			return
		}
		s.redirectBack(w, r, p, url.Values{"error": {"access_denied"}, "error_subcode": {"cancel"}})
		return
	}
	s.grantConsent(p.TenantID, p.ClientID, p.Wanted)
	if p.Admin {
		s.finishAdminConsent(w, r, p)
		return
	}
	s.finishAuthorize(w, r, p)
}

// adminConsent handles GET /{tenant}/v2.0/adminconsent.
func (s *Sim) adminConsent(w *statusWriter, r *http.Request, key string) {
	if strings.EqualFold(key, "common") || strings.EqualFold(key, "consumers") {
		errorPage(w, 90130, "Application does not support the 'common' endpoint for admin consent; use 'organizations' or a tenant.")
		return
	}
	q := r.URL.Query()
	t, app, redirect, ok := s.signInTarget(w, r, key)
	if !ok {
		return
	}
	scope := q.Get("scope")
	if scope == "" {
		scope = s.graphResource() + ".default"
	}
	p := &pendingConsent{Admin: true, TenantID: t.ID, ClientID: app.AppID, RedirectURI: withTrailingSlash(redirect),
		State: q.Get("state"), Scope: scope, Expires: s.now().Add(15 * time.Minute)}
	p.Wanted = s.wantedScopes(app, t.ID, scope)
	if s.knobsFor(t.ID).ConsentDenied {
		s.redirectBack(w, r, p, url.Values{"admin_consent": {"True"}, "error": {"consent_required"},
			"error_description": {aadDesc(65004, "The resource owner or authorization server denied the request.")}})
		return
	}
	if !s.opts.AutoConsent {
		s.renderConsent(w, r, t, app, p)
		return
	}
	s.grantConsent(t.ID, app.AppID, p.Wanted)
	s.finishAdminConsent(w, r, p)
}

func (s *Sim) finishAdminConsent(w http.ResponseWriter, r *http.Request, p *pendingConsent) {
	parts := make([]string, 0, len(p.Wanted))
	for _, sc := range p.Wanted {
		parts = append(parts, s.graphResource()+sc)
	}
	s.redirectBack(w, r, p, url.Values{"admin_consent": {"True"}, "tenant": {p.TenantID}, "scope": {strings.Join(parts, " ")}})
}
