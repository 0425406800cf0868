package graphsim

import (
	"encoding/base64"
	"encoding/json"
	"math/rand/v2"
	"sort"
	"strings"
	"time"
)

// scopeSet is a set of Graph delegated permission names (no resource prefix).
type scopeSet map[string]bool

func (s scopeSet) list() []string {
	out := make([]string, 0, len(s))
	for k := range s {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (s scopeSet) hasAny(names ...string) bool {
	for _, n := range names {
		if s[n] {
			return true
		}
	}
	return false
}

// ReadScopes is what the demo client is consented for, and what IssueToken
// grants when no scopes are given.
var ReadScopes = []string{
	"User.Read", "User.Read.All", "Directory.Read.All", "Organization.Read.All", "Domain.Read.All",
	"Reports.Read.All", "ReportSettings.Read.All", "UserAuthenticationMethod.Read.All",
	"AuditLog.Read.All", "DelegatedAdminRelationship.Read.All", "Policy.Read.All", "OrgContact.Read.All",
	"SecurityEvents.Read.All",
}

// oidcScopes are not Graph permissions.
var oidcScopes = map[string]bool{"openid": true, "profile": true, "email": true, "offline_access": true}

// parseScopes splits a scope parameter into Graph permission names, whether
// it asked for .default, and which OIDC scopes were requested.
func parseScopes(raw string) (graph scopeSet, dflt bool, oidc scopeSet) {
	graph, oidc = scopeSet{}, scopeSet{}
	for _, f := range strings.Fields(raw) {
		low := strings.ToLower(f)
		if oidcScopes[low] {
			oidc[low] = true
			continue
		}
		name := f
		for _, p := range append(otherCloudRoots(), "00000003-0000-0000-c000-000000000000/") { // cloud.go
			if len(name) > len(p) && strings.EqualFold(name[:len(p)], p) {
				name = name[len(p):]
			}
		}
		if name == ".default" {
			dflt = true
			continue
		}
		graph[canonicalScope(name)] = true
	}
	return graph, dflt, oidc
}

// canonicalScope restores the usual casing of known permission names.
func canonicalScope(n string) string {
	for _, k := range knownScopes {
		if strings.EqualFold(k, n) {
			return k
		}
	}
	return n
}

var knownScopes = append(append([]string{}, ReadScopes...),
	"User.ReadWrite.All", "Directory.ReadWrite.All", "ReportSettings.ReadWrite.All",
	"Application.ReadWrite.All", "Application.Read.All", "DelegatedPermissionGrant.ReadWrite.All",
	"Organization.ReadWrite.All", "User.ReadBasic.All", "Domain.ReadWrite.All",
	"UserAuthenticationMethod.ReadWrite.All", "Policy.ReadWrite.AuthenticationMethod")

// delegatedScopeIDs maps Graph oauth2PermissionScope ids to names for
// requiredResourceAccess of registered apps.
var delegatedScopeIDs = map[string]string{
	"e1fe6dd8-ba31-4d61-89e7-88639da4683d": "User.Read",
	"a154be20-db9c-4678-8ab7-66f6cc099a59": "User.Read.All",
	"06da0dbc-49e2-44d2-8312-53f166ab848a": "Directory.Read.All",
	"e4c9e354-4dc5-45b8-9e7c-e1393b0b1a20": "AuditLog.Read.All",
	"02e97553-ed7b-43d0-ab3c-f8bace0d040c": "Reports.Read.All",
	"4908d5b9-3fb2-4b1e-9336-1888b7937185": "Organization.Read.All",
	"aec28ec7-4d02-4e8c-b864-50163aea77eb": "UserAuthenticationMethod.Read.All",
	"0c0064ea-477b-4130-82a5-4c2cc4ff68aa": "DelegatedAdminRelationship.Read.All",
	"84bccea3-f856-4a8a-967b-dbe0a3d53a64": "ReportSettings.Read.All",
	"572fea84-0151-49b2-9301-11cb16974376": "Policy.Read.All",
	"64733abd-851e-478a-bffb-e47a14b18235": "SecurityEvents.Read.All",
}

// appReg is an application known to the emulated directory.
type appReg struct {
	AppID        string
	ObjectID     string
	DisplayName  string
	HomeTenant   string
	Redirects    []string // registered public client redirect URIs
	Static       []string // statically configured Graph permissions (.default)
	FirstParty   bool     // Microsoft first-party: dynamic consent, any tenant
	AnyPath      bool     // loopback redirect URIs match with any path (demo convenience)
	MultiTenant  bool
	PublicClient bool
}

func (s *Sim) registerBuiltinApps() {
	home := ""
	if s.msp.Partner != nil {
		home = s.msp.Partner.ID
	}
	s.apps[DemoClientID] = &appReg{AppID: DemoClientID, ObjectID: seededGUIDFrom("demo-app"), DisplayName: "TenantLens",
		HomeTenant: home, Redirects: []string{"http://localhost", "http://127.0.0.1"}, Static: ReadScopes,
		MultiTenant: true, PublicClient: true, AnyPath: true}
	s.apps[GraphCLIClientID] = &appReg{AppID: GraphCLIClientID, DisplayName: "Microsoft Graph Command Line Tools",
		Redirects: []string{"http://localhost"}, FirstParty: true, MultiTenant: true, PublicClient: true}
	for _, t := range s.all {
		if t.DemoServicePrincipal || t.DemoConsented {
			s.spFor(t.ID)[DemoClientID] = seededGUIDFrom("sp-" + t.ID)
		}
		if t.DemoConsented {
			s.consentFor(t.ID, DemoClientID).add(ReadScopes...)
		}
	}
}

func (s scopeSet) add(names ...string) {
	for _, n := range names {
		s[n] = true
	}
}

// consentFor returns (creating) the consent set; caller holds mu or is in setup.
func (s *Sim) consentFor(tenantID, appID string) scopeSet {
	m := s.consent[tenantID]
	if m == nil {
		m = map[string]scopeSet{}
		s.consent[tenantID] = m
	}
	c := m[appID]
	if c == nil {
		c = scopeSet{}
		m[appID] = c
	}
	return c
}

func (s *Sim) spFor(tenantID string) map[string]string {
	m := s.sps[tenantID]
	if m == nil {
		m = map[string]string{}
		s.sps[tenantID] = m
	}
	return m
}

func seededGUIDFrom(key string) string {
	h := hash64(key)
	return guidFrom(h, hash64(key+"#2"))
}

// accessGrant is what an access token stands for.
type accessGrant struct {
	TenantID   string // tenant whose data the token reads
	HomeTenant string // the signed-in user's home tenant
	UserID     string
	ClientID   string
	Scopes     scopeSet
	Partner    bool // delegated admin via GDAP
	Issued     time.Time
	Expires    time.Time
	Revoked    bool
}

// refreshGrant is a refresh token: bound to user + client, not to a tenant.
type refreshGrant struct {
	HomeTenant string
	UserID     string
	ClientID   string
	Requested  string // original scope parameter
	Issued     time.Time
	LastUsed   time.Time
	Revoked    bool
}

// authCode is an issued authorization code.
type authCode struct {
	ClientID, RedirectURI   string
	Challenge, Method       string
	TenantID, UserID, Scope string
	Nonce                   string
	Expires                 time.Time
	Used                    bool
}

const refreshInactivity = 90 * 24 * time.Hour

// mintAccess creates an access token for g; caller holds mu.
func (s *Sim) mintAccess(g *accessGrant, long bool) (string, int) {
	now := s.now()
	life := 3600 + rand.IntN(1801) // 60-90 minutes
	g.Issued = now
	g.Expires = now.Add(time.Duration(life) * time.Second)
	t := s.tenants[g.TenantID]
	u := s.userOf(g.HomeTenant, g.UserID)
	claims := map[string]any{
		"aud": "00000003-0000-0000-c000-000000000000", "iss": "https://sts.windows.net/" + g.TenantID + "/",
		"iat": now.Unix(), "nbf": now.Unix(), "exp": g.Expires.Unix(), "tid": g.TenantID,
		"oid": g.UserID, "appid": g.ClientID, "scp": strings.Join(g.Scopes.list(), " "),
		"uti": randomToken(16), "ver": "1.0",
	}
	if u != nil {
		claims["upn"] = u.UserPrincipalName
		claims["name"] = u.DisplayName
	}
	if t != nil {
		claims["tenant_region_scope"] = "NA"
	}
	if g.Partner {
		claims["idp"] = "https://sts.windows.net/" + g.HomeTenant + "/"
	}
	if long {
		claims["xms_pad"] = randomToken(1300 + rand.IntN(2400)) // 3-8 KB token
	}
	tok := jwt(claims)
	s.access[tok] = g
	return tok, life
}

// mintRefresh creates a refresh token; caller holds mu.
func (s *Sim) mintRefresh(g *refreshGrant, long bool, exact int) string {
	g.Issued = s.now()
	g.LastUsed = g.Issued
	n := 1000 + rand.IntN(300)
	if long {
		n = 2300 + rand.IntN(3700) // 3-8 KB once encoded
	}
	tok := "1.AV0A" + randomToken(n)
	if exact > len("1.AV0A") {
		tok = "1.AV0A" + randomToken(exact)[:exact-len("1.AV0A")]
	}
	s.refresh[tok] = g
	return tok
}

func (s *Sim) idToken(clientID, tenantID string, u *User, nonce string) string {
	now := s.now()
	c := map[string]any{
		"aud": clientID, "iss": s.AuthorityURL() + "/" + tenantID + "/v2.0",
		"iat": now.Unix(), "nbf": now.Unix(), "exp": now.Add(time.Hour).Unix(),
		"oid": u.ID, "preferred_username": u.UserPrincipalName, "name": u.DisplayName,
		"sub": randomToken(32), "tid": tenantID, "uti": randomToken(16), "ver": "2.0",
		"sid": randomGUID(), "rh": "0.AV0A" + randomToken(24),
	}
	if nonce != "" {
		c["nonce"] = nonce
	}
	return jwt(c)
}

func jwt(claims map[string]any) string {
	b, _ := json.Marshal(claims)
	return "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsImtpZCI6ImdyYXBoc2ltIn0." +
		base64.RawURLEncoding.EncodeToString(b) + "." + randomToken(64)
}

func (s *Sim) userOf(tenantID, userID string) *User {
	t := s.tenants[tenantID]
	if t == nil {
		return nil
	}
	u, _ := t.UserByID(userID)
	return u
}

// IssueToken is a test helper: a valid delegated access token of the
// tenant's Global Administrator with the given scopes (all read scopes if
// none are given).
func (s *Sim) IssueToken(tenantID string, scopes ...string) string {
	t, ok := s.Tenant(tenantID)
	if !ok {
		return ""
	}
	if len(scopes) == 0 {
		scopes = ReadScopes
	}
	set := scopeSet{}
	set.add(scopes...)
	s.mu.Lock()
	defer s.mu.Unlock()
	tok, _ := s.mintAccess(&accessGrant{TenantID: t.ID, HomeTenant: t.ID, UserID: t.Admin.ID, ClientID: DemoClientID, Scopes: set},
		s.knobs[t.ID].LongTokens)
	return tok
}

// IssuePartnerToken is a test helper: an access token for the customer
// tenant as the partner's admin via GDAP (the roles of the active
// relationships apply; none when there is no active relationship).
func (s *Sim) IssuePartnerToken(customerTenantID string, scopes ...string) string {
	t, ok := s.Tenant(customerTenantID)
	if !ok || s.msp.Partner == nil {
		return ""
	}
	if len(scopes) == 0 {
		scopes = ReadScopes
	}
	set := scopeSet{}
	set.add(scopes...)
	p := s.msp.Partner
	s.mu.Lock()
	defer s.mu.Unlock()
	tok, _ := s.mintAccess(&accessGrant{TenantID: t.ID, HomeTenant: p.ID, UserID: p.Admin.ID, ClientID: DemoClientID,
		Scopes: set, Partner: t.ID != p.ID}, s.knobs[t.ID].LongTokens)
	return tok
}

// gdapRoles returns the roles the partner holds in a customer through active
// relationships.
func (s *Sim) gdapRoles(customerID string) map[string]bool {
	roles := map[string]bool{}
	for _, r := range s.msp.Relationships {
		if r.CustomerID == customerID && r.Status == RelationshipActive {
			for _, id := range r.Roles {
				roles[id] = true
			}
		}
	}
	return roles
}

// rolesOf returns the directory roles effective for an access grant.
func (s *Sim) rolesOf(g *accessGrant) map[string]bool {
	if g.Partner {
		return s.gdapRoles(g.TenantID)
	}
	roles := map[string]bool{}
	if u := s.userOf(g.TenantID, g.UserID); u != nil {
		for _, r := range u.Roles {
			roles[r] = true
		}
	}
	return roles
}
