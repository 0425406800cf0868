package identity

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// tokenResponse is the token endpoint's success body. expires_in is an
// integer in v2 but a string in v1; both are accepted.
type tokenResponse struct {
	TokenType    string          `json:"token_type"`
	Scope        string          `json:"scope"`
	ExpiresIn    json.RawMessage `json:"expires_in"`
	AccessToken  string          `json:"access_token"`
	RefreshToken string          `json:"refresh_token"`
	IDToken      string          `json:"id_token"`
}

// grant is the result of one token request.
type grant struct {
	Token   *oauth2.Token
	Scope   string
	IDToken string
	Claims  Claims
}

// Claims are the id_token claims TenantLens reads (for display only; the
// token came straight from the token endpoint, so it is not re-verified).
type Claims struct {
	TenantID          string `json:"tid"`
	ObjectID          string `json:"oid"`
	PreferredUsername string `json:"preferred_username"`
	Name              string `json:"name"`
	Issuer            string `json:"iss"`
	Audience          string `json:"aud"`
	Version           string `json:"ver"`
}

// parseIDToken decodes the payload of a JWT without verifying it.
func parseIDToken(jwt string) (Claims, bool) {
	parts := strings.Split(jwt, ".")
	if len(parts) < 2 {
		return Claims{}, false
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return Claims{}, false
	}
	var c Claims
	if json.Unmarshal(payload, &c) != nil {
		return Claims{}, false
	}
	return c, true
}

// postToken POSTs form to a token endpoint and parses the answer. Errors are
// *Error values (or context errors); none carries token text.
func (c *Client) postToken(ctx context.Context, endpoint, tenant string, form url.Values) (grant, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return grant{}, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := c.o.HTTP.Do(req)
	if err != nil {
		return grant{}, classifyTransport(err, req.URL.Host)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return grant{}, classifyTransport(err, req.URL.Host)
	}
	if resp.StatusCode != http.StatusOK {
		var te tokenError
		if json.Unmarshal(body, &te) != nil || te.Error == "" {
			kind := KindProtocol
			if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
				kind = KindRetryable
			}
			e := newError(kind, detailFor(resp.StatusCode, ""), nil)
			e.Tenant = tenant
			return grant{}, e
		}
		return grant{}, classifyTokenError(resp.StatusCode, te, tenant)
	}
	var tr tokenResponse
	if err := json.Unmarshal(bytes.TrimSpace(body), &tr); err != nil || tr.AccessToken == "" {
		e := newError(KindProtocol, "token response without an access token", nil)
		e.Tenant = tenant
		return grant{}, e
	}
	tok := &oauth2.Token{AccessToken: tr.AccessToken, TokenType: tr.TokenType, RefreshToken: tr.RefreshToken}
	if secs := expiresIn(tr.ExpiresIn); secs > 0 {
		tok.Expiry = c.o.Now().Add(time.Duration(secs) * time.Second)
		tok.ExpiresIn = secs
	}
	g := grant{Token: tok, Scope: tr.Scope, IDToken: tr.IDToken}
	if tr.IDToken != "" {
		g.Claims, _ = parseIDToken(tr.IDToken)
	}
	return g, nil
}

func expiresIn(raw json.RawMessage) int64 {
	s := strings.Trim(string(raw), `" `)
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0
	}
	return n
}

// redeemCode exchanges an authorization code (public client: no secret).
func (c *Client) redeemCode(ctx context.Context, ep TenantEndpoints, clientID, code, redirectURI, verifier string, scopes []string) (grant, error) {
	form := url.Values{
		"client_id":     {clientID},
		"grant_type":    {"authorization_code"},
		"code":          {code},
		"redirect_uri":  {redirectURI},
		"code_verifier": {verifier},
		"scope":         {strings.Join(scopes, " ")},
	}
	return c.postToken(ctx, ep.Token, ep.Tenant, form)
}

// redeemRefresh redeems a refresh token at tenant's authority (the GDAP
// technique: refresh tokens are bound to user and client, not to a tenant).
func (c *Client) redeemRefresh(ctx context.Context, tenant, clientID, refreshToken, scope string) (grant, error) {
	form := url.Values{
		"client_id":     {clientID},
		"grant_type":    {"refresh_token"},
		"refresh_token": {refreshToken},
		"scope":         {scope},
	}
	return c.postToken(ctx, c.Endpoints(tenant).Token, tenant, form)
}
