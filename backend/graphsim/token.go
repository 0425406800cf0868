package graphsim

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// token answers POST /{tenant}/oauth2/v2.0/token.
func (s *Sim) token(w *statusWriter, r *http.Request, key string) {
	if r.Method != http.MethodPost {
		s.aadError(w, http.StatusBadRequest, "invalid_request", 900561, "The endpoint only accepts POST requests. Received a GET request.", "")
		return
	}
	if err := r.ParseForm(); err != nil {
		s.aadError(w, http.StatusBadRequest, "invalid_request", 9002313, "Invalid request. Request is malformed or invalid.", "")
		return
	}
	f := r.PostForm
	if _, _, basic := r.BasicAuth(); basic || f.Get("client_secret") != "" || f.Get("client_assertion") != "" {
		s.aadError(w, http.StatusUnauthorized, "invalid_client", 700025, "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.", "")
		return
	}
	clientID := f.Get("client_id")
	if clientID == "" {
		s.aadError(w, http.StatusBadRequest, "invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.", "")
		return
	}
	s.mu.Lock()
	app := s.apps[clientID]
	s.mu.Unlock()
	if app == nil {
		s.aadError(w, http.StatusBadRequest, "unauthorized_client", 700016, "Application with identifier '"+clientID+"' was not found in the directory. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.", "")
		return
	}
	target, ok := s.resolveAuthority(key, r)
	if !ok {
		s.aadError(w, http.StatusBadRequest, "invalid_tenant", 90002, "Tenant '"+key+"' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.", "")
		return
	}
	w.tenant = target.ID
	switch f.Get("grant_type") {
	case "authorization_code":
		s.redeemCode(w, r, app, target, key)
	case "refresh_token":
		s.redeemRefresh(w, r, app, target, key)
	case "":
		s.aadError(w, http.StatusBadRequest, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.", "")
	default:
		s.aadError(w, http.StatusBadRequest, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '"+f.Get("grant_type")+"'.", "")
	}
}

func (s *Sim) redeemCode(w *statusWriter, r *http.Request, app *appReg, target *Tenant, key string) {
	f := r.PostForm
	code := f.Get("code")
	s.mu.Lock()
	c := s.codes[code]
	s.mu.Unlock()
	switch {
	case code == "":
		s.aadError(w, http.StatusBadRequest, "invalid_request", 900144, "The request body must contain the following parameter: 'code'.", "")
		return
	case c == nil || c.ClientID != app.AppID:
		s.aadError(w, http.StatusBadRequest, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.", "")
		return
	case c.Used:
		s.aadError(w, http.StatusBadRequest, "invalid_grant", 54005, "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.", "")
		return
	case s.now().After(c.Expires):
		s.aadError(w, http.StatusBadRequest, "invalid_grant", 70008, "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.", "")
		return
	case isTenantKey(key) && target.ID != c.TenantID:
		s.aadError(w, http.StatusBadRequest, "invalid_grant", 50148, "The code was issued for a different tenant than the one it is being redeemed at.", "")
		return
	case withTrailingSlash(f.Get("redirect_uri")) != c.RedirectURI:
		s.aadError(w, http.StatusBadRequest, "invalid_grant", 50148, "The redirect_uri in the token request does not match the redirect_uri used to obtain the authorization code.", "")
		return
	case !pkceOK(c, f.Get("code_verifier")):
		s.aadError(w, http.StatusBadRequest, "invalid_grant", 501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request.", "")
		return
	}
	s.mu.Lock()
	if c.Used { // lost a race with a concurrent redemption
		s.mu.Unlock()
		s.aadError(w, http.StatusBadRequest, "invalid_grant", 54005, "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.", "")
		return
	}
	c.Used = true
	s.mu.Unlock()
	scope := c.Scope
	if v := f.Get("scope"); v != "" {
		scope = v
	}
	t := s.tenants[c.TenantID]
	s.issueTokens(w, app, t, t, t.Admin, scope, c.Nonce)
}

// isTenantKey: a GUID or domain authority (not organizations/common).
func isTenantKey(key string) bool {
	k := strings.ToLower(key)
	return k != "organizations" && k != "common"
}

func (s *Sim) redeemRefresh(w *statusWriter, r *http.Request, app *appReg, target *Tenant, key string) {
	f := r.PostForm
	rt := f.Get("refresh_token")
	s.mu.Lock()
	var g *refreshGrant
	var vf time.Time
	if p := s.refresh[rt]; p != nil {
		cp := *p // read under the lock; RevokeGrants writes concurrently
		g = &cp
		vf = s.validFrom[g.HomeTenant]
	}
	s.mu.Unlock()
	now := s.now()
	switch {
	case rt == "":
		s.aadError(w, http.StatusBadRequest, "invalid_request", 900144, "The request body must contain the following parameter: 'refresh_token'.", "")
		return
	case g == nil:
		s.aadError(w, http.StatusBadRequest, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.", "")
		return
	case g.ClientID != app.AppID:
		s.aadError(w, http.StatusBadRequest, "invalid_grant", 70000, "Provided grant is invalid or malformed.", "")
		return
	case g.Revoked || (!vf.IsZero() && g.Issued.Before(vf)):
		s.aadError(w, http.StatusBadRequest, "invalid_grant", 50173, "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '"+
			g.Issued.UTC().Format("2006-01-02T15:04:05.0000000Z")+"' and the TokensValidFrom date (before which tokens are not valid) for this user is '"+vf.UTC().Format("2006-01-02T15:04:05.0000000Z")+"'.", "")
		return
	case now.Sub(g.LastUsed) > refreshInactivity:
		s.aadError(w, http.StatusBadRequest, "invalid_grant", 700082, "The refresh token has expired due to inactivity. The token was issued on "+
			g.Issued.UTC().Format("2006-01-02T15:04:05.0000000Z")+" and was inactive for 90.00:00:00.", "")
		return
	}
	home := s.tenants[g.HomeTenant]
	user := s.userOf(g.HomeTenant, g.UserID)
	if !isTenantKey(key) {
		target = home
	}
	scope := f.Get("scope")
	if scope == "" {
		scope = g.Requested
	}
	if target.ID != home.ID {
		if s.msp.Partner == nil || home.ID != s.msp.Partner.ID || len(s.gdapRoles(target.ID)) == 0 {
			s.aadError(w, http.StatusBadRequest, "invalid_grant", 50020, "User account '"+user.UserPrincipalName+"' from identity provider 'https://sts.windows.net/"+
				home.ID+"/' does not exist in tenant '"+target.DisplayName+"' and cannot access the application '"+app.AppID+"'("+app.DisplayName+
				") in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.", "")
			return
		}
		s.mu.Lock()
		hasSP := s.sps[target.ID][app.AppID] != ""
		s.mu.Unlock()
		if !hasSP && !app.FirstParty {
			s.aadError(w, http.StatusBadRequest, "invalid_grant", 90099, "The application '"+app.AppID+"' ("+app.DisplayName+") has not been authorized in the tenant '"+
				target.ID+"'. Applications must be authorized to access the external tenant before partner delegated administrators can use them. Provide pre-consent or execute the appropriate Partner Center API to authorize the application.", "")
			return
		}
	}
	if !s.consented(target.ID, app.AppID, s.wantedScopes(app, target.ID, scope)) {
		s.aadError(w, http.StatusBadRequest, "invalid_grant", 65001, "The user or administrator has not consented to use the application with ID '"+app.AppID+
			"' named '"+app.DisplayName+"'. Send an interactive authorization request for this user and resource.", "consent_required")
		return
	}
	s.mu.Lock()
	s.refresh[rt].LastUsed = now
	s.mu.Unlock()
	s.issueTokens(w, app, home, target, user, scope, "")
}

// tokenResponse is the v2 token endpoint's success body.
type tokenResponse struct {
	TokenType    string `json:"token_type"`
	Scope        string `json:"scope"`
	ExpiresIn    int    `json:"expires_in"`
	ExtExpiresIn int    `json:"ext_expires_in"`
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token,omitempty"`
	IDToken      string `json:"id_token,omitempty"`
}

// issueTokens mints access (+refresh, +id) tokens for user of home, reading target.
func (s *Sim) issueTokens(w http.ResponseWriter, app *appReg, home, target *Tenant, user *User, scope, nonce string) {
	_, dflt, oidc := parseScopes(scope)
	long := s.knobsFor(target.ID).LongTokens || s.knobsFor(home.ID).LongTokens
	exact := max(s.knobsFor(target.ID).RefreshTokenBytes, s.knobsFor(home.ID).RefreshTokenBytes)
	s.mu.Lock()
	granted := scopeSet{}
	granted.add(s.consent[target.ID][app.AppID].list()...)
	acc, life := s.mintAccess(&accessGrant{TenantID: target.ID, HomeTenant: home.ID, UserID: user.ID, ClientID: app.AppID,
		Scopes: granted, Partner: target.ID != home.ID}, long)
	resp := tokenResponse{TokenType: "Bearer", ExpiresIn: life, ExtExpiresIn: life, AccessToken: acc}
	if oidc["offline_access"] {
		resp.RefreshToken = s.mintRefresh(&refreshGrant{HomeTenant: home.ID, UserID: user.ID, ClientID: app.AppID, Requested: scope}, long, exact)
	}
	s.mu.Unlock()
	if oidc["openid"] {
		resp.IDToken = s.idToken(app.AppID, home.ID, user, nonce)
	}
	parts := make([]string, 0, len(granted)+1)
	for _, n := range granted.list() {
		parts = append(parts, s.graphResource()+n)
	}
	if dflt {
		parts = append(parts, s.graphResource()+".default")
	}
	resp.Scope = strings.Join(parts, " ")
	b, _ := json.Marshal(resp)
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store, no-cache")
	h.Set("Pragma", "no-cache")
	_, _ = w.Write(b)
}
