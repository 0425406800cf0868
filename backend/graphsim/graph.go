package graphsim

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Graph error codes used by the emulator.
const (
	codeInvalidToken      = "InvalidAuthenticationToken"
	codeDenied            = "Authorization_RequestDenied"
	codeBadRequest        = "Request_BadRequest"
	codeUnsupportedQuery  = "Request_UnsupportedQuery"
	codeNotFound          = "Request_ResourceNotFound"
	codeNonPremium        = "Authentication_RequestFromNonPremiumTenantOrB2CTenant"
	codePermissionMissing = "Authentication_MSGraphPermissionMissing"
	codeUnsupportedRole   = "Authentication_RequestFromUnsupportedUserRole"
	codeIdentityNotFound  = "Authorization_IdentityNotFound"
)

const msgInsufficient = "Insufficient privileges to complete the operation."

// gctx is one Graph request being served.
type gctx struct {
	s       *Sim
	w       *statusWriter
	r       *http.Request
	version string   // v1.0 or beta
	segs    []string // path segments after the version
	q       url.Values
	grant   *accessGrant
	t       *Tenant
	reqID   string
	base    string // scheme://host/graph/<version>
}

// graphError writes Graph's error body.
func (c *gctx) fail(status int, code, msg string) {
	writeGraphError(c.w, status, code, msg, c.reqID, c.r.Header.Get("client-request-id"), c.s.now())
}

func writeGraphError(w http.ResponseWriter, status int, code, msg, reqID, clientReqID string, now time.Time) {
	if clientReqID == "" {
		clientReqID = reqID
	}
	var j jw
	j.obj()
	j.key("error")
	j.obj()
	j.kstr("code", code)
	j.kstr("message", msg)
	j.key("innerError")
	j.obj()
	j.kstr("date", now.UTC().Format("2006-01-02T15:04:05"))
	j.kstr("request-id", reqID)
	j.kstr("client-request-id", clientReqID)
	j.endObj()
	j.endObj()
	j.endObj()
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("request-id", reqID)
	h.Set("client-request-id", clientReqID)
	w.WriteHeader(status)
	_, _ = w.Write(j.b)
}

func (c *gctx) writeJSON(status int, b []byte) {
	h := c.w.Header()
	h.Set("Content-Type", "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8")
	h.Set("request-id", c.reqID)
	h.Set("client-request-id", c.clientReqID())
	h.Set("Content-Length", strconv.Itoa(len(b)))
	c.w.WriteHeader(status)
	_, _ = c.w.Write(b)
}

func (c *gctx) clientReqID() string {
	if v := c.r.Header.Get("client-request-id"); v != "" {
		return v
	}
	return c.reqID
}

// serveGraph handles /graph/{version}/...
func (s *Sim) serveGraph(w *statusWriter, r *http.Request) {
	c := &gctx{s: s, w: w, r: r, reqID: randomGUID()}
	rest := strings.TrimPrefix(r.URL.Path, "/graph/")
	ver, path, _ := strings.Cut(rest, "/")
	if ver != "v1.0" && ver != "beta" {
		c.fail(http.StatusBadRequest, "BadRequest", "Invalid version: "+ver)
		return
	}
	c.version = ver
	c.base = s.baseFor(r) + "/graph/" + ver
	c.segs = splitPath(path)
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		c.fail(http.StatusBadRequest, codeBadRequest, "Invalid query string.")
		return
	}
	c.q = normalizeQuery(q)
	if !s.authenticate(c) {
		return
	}
	w.tenant = c.t.ID
	k := s.knobsFor(c.t.ID)
	if k.Latency > 0 {
		time.Sleep(k.Latency)
	}
	if s.midRunFault(c, k) {
		return
	}
	if len(c.segs) == 1 && c.segs[0] == "$batch" {
		s.serveBatch(c)
		return
	}
	if s.fault(c, k) {
		return
	}
	s.route(c)
}

// splitPath splits on '/' but keeps function arguments like (period='D7')
// together; empty segments are dropped.
func splitPath(p string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '(':
			depth++
		case ')':
			depth--
		case '/':
			if depth == 0 {
				if i > start {
					out = append(out, p[start:i])
				}
				start = i + 1
			}
		}
	}
	if start < len(p) {
		out = append(out, p[start:])
	}
	return out
}

// normalizeQuery accepts both $select and select (no-$ form is accepted by
// Graph v1.0 too) and lower-cases option names.
func normalizeQuery(q url.Values) url.Values {
	out := url.Values{}
	for k, v := range q {
		key := k
		if strings.HasPrefix(key, "$") {
			key = "$" + strings.ToLower(key[1:])
		} else if isODataOption(strings.ToLower(key)) {
			key = "$" + strings.ToLower(key)
		}
		out[key] = append(out[key], v...)
	}
	return out
}

func isODataOption(k string) bool {
	switch k {
	case "select", "top", "filter", "count", "skiptoken", "orderby", "expand", "search", "skip", "format":
		return true
	}
	return false
}

// authenticate checks the bearer token and resolves the tenant.
func (s *Sim) authenticate(c *gctx) bool {
	h := c.r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || strings.TrimSpace(tok) == "" {
		c.w.Header().Set("WWW-Authenticate", wwwAuthenticate)
		c.fail(http.StatusUnauthorized, codeInvalidToken, "Access token is empty.")
		return false
	}
	s.mu.Lock()
	g := s.access[strings.TrimSpace(tok)]
	var revoked bool
	if g != nil {
		vf, has := s.validFrom[g.HomeTenant]
		revoked = g.Revoked || (has && g.Issued.Before(vf))
	}
	s.mu.Unlock()
	now := s.now()
	switch {
	case g == nil:
		c.w.Header().Set("WWW-Authenticate", wwwAuthenticate)
		c.fail(http.StatusUnauthorized, codeInvalidToken, "IDX14100: JWT is not well formed, there are no dots (.).\nThe token needs to be in JWS or JWE Compact Serialization Format.")
		return false
	case revoked:
		c.w.Header().Set("WWW-Authenticate", wwwAuthenticate+`, error="insufficient_claims"`)
		c.fail(http.StatusUnauthorized, codeInvalidToken, "Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp")
		return false
	case !now.Before(g.Expires):
		c.w.Header().Set("WWW-Authenticate", wwwAuthenticate)
		c.fail(http.StatusUnauthorized, codeInvalidToken, "Lifetime validation failed, the token is expired.")
		return false
	}
	c.grant = g
	c.t = s.tenants[g.TenantID]
	if c.t == nil {
		c.fail(http.StatusUnauthorized, codeInvalidToken, "Access token validation failure. Invalid audience.")
		return false
	}
	return true
}

const wwwAuthenticate = `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`

// needScope answers 403 unless the token carries one of the scopes.
func (c *gctx) needScope(names ...string) bool {
	if c.grant.Scopes.hasAny(names...) {
		return true
	}
	c.fail(http.StatusForbidden, codeDenied, msgInsufficient)
	return false
}

// needRole answers 403 unless the caller holds one of the directory roles.
// An empty list means "any signed-in member of the tenant or any GDAP role".
func (c *gctx) hasRole(ids ...string) bool {
	roles := c.s.rolesOf(c.grant)
	if len(ids) == 0 {
		return !c.grant.Partner || len(roles) > 0
	}
	for _, id := range ids {
		if roles[id] {
			return true
		}
	}
	return false
}

// Role groups.
var (
	rolesDirectoryRead = []string{} // any role (partner) / any member (direct)
	rolesReports       = []string{RoleGlobalAdministrator, RoleGlobalReader, RoleReportsReader, RoleExchangeAdministrator,
		RoleSharePointAdministrator, RoleTeamsAdministrator}
	rolesRegistration = []string{RoleGlobalAdministrator, RoleGlobalReader, RoleReportsReader, RoleSecurityReader, RoleSecurityAdministrator}
	rolesMethods      = []string{RoleGlobalAdministrator, RoleGlobalReader, RoleAuthenticationAdministrator, RolePrivilegedAuthenticationAdmin}
	rolesSignIn       = []string{RoleGlobalAdministrator, RoleGlobalReader, RoleReportsReader, RoleSecurityReader, RoleSecurityAdministrator}
	rolesAppAdmin     = []string{RoleGlobalAdministrator, RoleApplicationAdministrator, RoleCloudApplicationAdministrator}
)

// effective tenant state honouring knobs.
func (s *Sim) hasP1(t *Tenant) bool {
	return t.HasP1 && !s.knobsFor(t.ID).NoP1
}

func (s *Sim) isConcealed(t *Tenant) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.concealed[t.ID] || s.knobs[t.ID].Concealed
}

// tenantCounters drive the deterministic fault sequences.
type tenantCounters struct {
	throttleN, faultN int
	window            []time.Time
}

// fault applies the throttling and server-error knobs; true when answered.
func (s *Sim) fault(c *gctx, k Knobs) bool {
	status, retry := s.faultStatus(c.t.ID, k)
	switch status {
	case 0:
		return false
	case http.StatusTooManyRequests:
		writeThrottled(c.w, c.reqID, retry, c.t.ID, s.now())
	default:
		c.w.Header().Set("Retry-After", strconv.Itoa(retry))
		if status == http.StatusServiceUnavailable {
			c.fail(status, "serviceNotAvailable", "The service is temporarily unavailable. Please try again later.")
		} else {
			c.fail(status, "UnknownError", "The request timed out. Please try again later.")
		}
	}
	return true
}

// faultStatus advances the per-tenant sequences: 429 / 503 / 504 / 0.
func (s *Sim) faultStatus(tenantID string, k Knobs) (int, int) {
	retry := int((k.RetryAfter + time.Second - 1) / time.Second)
	if retry < 1 {
		retry = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ctr := s.ctr[tenantID]
	if k.ThrottleFraction > 0 {
		n := ctr.throttleN
		ctr.throttleN++
		if int(float64(n+1)*k.ThrottleFraction) > int(float64(n)*k.ThrottleFraction) {
			return http.StatusTooManyRequests, retry
		}
	}
	if k.ThrottleEveryN > 0 {
		win := k.ThrottleWindow
		if win <= 0 {
			win = 10 * time.Second
		}
		now := s.now()
		kept := ctr.window[:0]
		for _, t := range ctr.window {
			if now.Sub(t) < win {
				kept = append(kept, t)
			}
		}
		ctr.window = kept
		if len(kept) >= k.ThrottleEveryN {
			wait := int((win - now.Sub(kept[0]) + time.Second - 1) / time.Second)
			if wait > retry {
				retry = wait
			}
			return http.StatusTooManyRequests, retry
		}
		ctr.window = append(ctr.window, now)
	}
	if k.ServerErrorFraction > 0 {
		n := ctr.faultN
		ctr.faultN++
		if int(float64(n+1)*k.ServerErrorFraction) > int(float64(n)*k.ServerErrorFraction) {
			if n%2 == 0 {
				return http.StatusServiceUnavailable, retry
			}
			return http.StatusGatewayTimeout, retry
		}
	}
	return 0, 0
}

func writeThrottled(w http.ResponseWriter, reqID string, retry int, tenantID string, now time.Time) {
	var j jw
	j.obj()
	j.key("error")
	j.obj()
	j.kstr("code", "TooManyRequests")
	j.key("innerError")
	j.obj()
	j.kstr("code", "429")
	j.kstr("date", now.UTC().Format("2006-01-02T15:04:05"))
	j.kstr("message", "Please retry after")
	j.kstr("request-id", reqID)
	j.kstr("status", "429")
	j.endObj()
	j.kstr("message", "Please retry again later.")
	j.endObj()
	j.endObj()
	h := w.Header()
	h.Set("Retry-After", strconv.Itoa(retry))
	h.Set("Content-Type", "application/json")
	h.Set("x-ms-throttle-scope", "Tenant_Application/ReadWrite/"+DemoClientID+"/"+tenantID)
	h.Set("x-ms-throttle-information", "ResourceUnitLimitExceeded")
	h.Set("request-id", reqID)
	w.WriteHeader(http.StatusTooManyRequests)
	_, _ = w.Write(j.b)
}

// route dispatches on the path.
func (s *Sim) route(c *gctx) {
	segs := c.segs
	m := c.r.Method
	if len(segs) == 0 {
		c.fail(http.StatusBadRequest, "BadRequest", "Invalid request.")
		return
	}
	if s.routeCloud(c) { // cloud.go: endpoints the cloud lacks
		return
	}
	if s.routeSecurity(c) { // security_graph.go
		return
	}
	if s.routeLicensing(c) { // licassign.go
		return
	}
	head := segs[0]
	switch {
	case head == "users" && len(segs) == 1 && m == http.MethodGet:
		s.listUsers(c)
	case head == "users" && len(segs) == 2 && segs[1] == "$count" && m == http.MethodGet:
		s.countUsers(c)
	case head == "users" && len(segs) == 2 && isDeltaSegment(segs[1]) && m == http.MethodGet:
		s.usersDelta(c)
	case head == "users" && len(segs) == 2 && m == http.MethodGet:
		s.getUser(c, segs[1])
	case head == "users" && len(segs) == 4 && segs[2] == "authentication" && segs[3] == "methods" && m == http.MethodGet:
		s.authMethods(c, segs[1])
	case head == "users" && len(segs) == 4 && segs[2] == "authentication" && segs[3] == "requirements" && c.version == "beta":
		s.authRequirements(c, segs[1])
	case head == "directory" && len(segs) == 3 && segs[1] == "deletedItems" && isUserCast(segs[2]) && m == http.MethodGet:
		s.listDeletedUsers(c)
	case head == "contacts" && len(segs) == 1 && m == http.MethodGet:
		s.listContacts(c)
	case head == "subscribedSkus" && len(segs) == 1 && m == http.MethodGet:
		s.listSKUs(c)
	case head == "organization" && len(segs) == 1 && m == http.MethodGet:
		s.listOrganization(c)
	case head == "domains" && len(segs) == 1 && m == http.MethodGet:
		s.listDomains(c)
	case head == "contracts" && len(segs) == 1 && m == http.MethodGet:
		s.listContracts(c)
	case head == "tenantRelationships" && len(segs) == 2 && m == http.MethodGet &&
		(segs[1] == "delegatedAdminCustomers" || segs[1] == "delegatedAdminRelationships"):
		s.listGDAP(c, segs[1])
	case head == "admin" && len(segs) == 2 && segs[1] == "reportSettings":
		s.reportSettings(c)
	case head == "reports" && len(segs) == 3 && segs[1] == "authenticationMethods" && segs[2] == "userRegistrationDetails" && m == http.MethodGet:
		s.registrationDetails(c)
	case head == "reports" && len(segs) == 2 && m == http.MethodGet:
		s.usageReport(c, segs[1])
	case head == "applications" && len(segs) == 1 && m == http.MethodPost:
		s.createApplication(c)
	case head == "servicePrincipals" && len(segs) == 1 && m == http.MethodPost:
		s.createServicePrincipal(c)
	case head == "oauth2PermissionGrants" && len(segs) == 1 && m == http.MethodPost:
		s.createGrant(c)
	case head == "servicePrincipals" && len(segs) == 1 && m == http.MethodGet:
		s.listServicePrincipals(c, "")
	case strings.HasPrefix(head, "servicePrincipals(appId=") && len(segs) == 1 && m == http.MethodGet:
		s.listServicePrincipals(c, strings.Trim(strings.TrimSuffix(strings.TrimPrefix(head, "servicePrincipals(appId="), ")"), "'"))
	case isKnownSegment(head) && m != http.MethodGet && len(segs) == 1:
		c.fail(http.StatusMethodNotAllowed, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.")
	case isKnownSegment(head) && len(segs) > 1:
		c.fail(http.StatusBadRequest, "BadRequest", "Resource not found for the segment '"+segs[len(segs)-1]+"'.")
	default:
		c.fail(http.StatusBadRequest, "BadRequest", "Resource not found for the segment '"+head+"'.")
	}
}

func isUserCast(seg string) bool { return seg == "microsoft.graph.user" || seg == "graph.user" }

func isKnownSegment(s string) bool {
	switch s {
	case "users", "directory", "contacts", "subscribedSkus", "organization", "domains", "contracts",
		"tenantRelationships", "admin", "reports", "applications", "servicePrincipals", "oauth2PermissionGrants":
		return true
	}
	return false
}
