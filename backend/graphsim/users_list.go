package graphsim

import (
	"net/http"
	"strconv"
	"strings"
)

// advancedHeaders reports ConsistencyLevel: eventual and $count=true.
func (c *gctx) eventual() bool {
	return strings.EqualFold(strings.TrimSpace(c.r.Header.Get("ConsistencyLevel")), "eventual")
}

func (c *gctx) countTrue() bool { return strings.EqualFold(c.q.Get("$count"), "true") }

// userQuery holds a parsed /users request.
type userQuery struct {
	props    []string
	selected bool
	signIn   bool
	filter   userPred
	top      int
	offset   int
	count    bool
}

// parseUserQuery validates query options shared by /users and deletedItems.
func (s *Sim) parseUserQuery(c *gctx, deleted bool) (*userQuery, bool) {
	uq := &userQuery{}
	props, ok := c.parseSelect(true)
	if !ok {
		return nil, false
	}
	uq.props = props
	uq.selected = c.q.Get("$select") != ""
	uq.signIn = hasProp(props, "signInActivity")
	for _, opt := range []string{"$orderby", "$expand"} {
		if c.q.Get(opt) != "" && !(c.eventual() && c.countTrue()) && opt == "$orderby" {
			c.fail(http.StatusBadRequest, codeUnsupportedQuery, "Sorting not supported for current query.")
			return nil, false
		}
	}
	if c.q.Get("$expand") != "" {
		c.fail(http.StatusBadRequest, codeUnsupportedQuery, "Unsupported Query.")
		return nil, false
	}
	if c.q.Get("$search") != "" {
		if !c.eventual() {
			c.fail(http.StatusBadRequest, codeUnsupportedQuery, "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'")
			return nil, false
		}
		c.fail(http.StatusBadRequest, codeUnsupportedQuery, "Unsupported Query.")
		return nil, false
	}
	if f := c.q.Get("$filter"); f != "" {
		pred, info, err := parseUserFilter(f)
		if err != nil {
			c.fail(http.StatusBadRequest, codeUnsupportedQuery, err.Error())
			return nil, false
		}
		if info.advanced && !(c.eventual() && c.countTrue()) {
			c.fail(http.StatusBadRequest, codeUnsupportedQuery, "Unsupported Query.")
			return nil, false
		}
		if info.signIn && info.other {
			c.fail(http.StatusBadRequest, codeUnsupportedQuery, "Unsupported Query.")
			return nil, false
		}
		if info.signIn {
			uq.signIn = true
		}
		uq.filter = pred
	}
	if uq.signIn && deleted {
		c.fail(http.StatusBadRequest, codeUnsupportedQuery, "Unsupported Query.")
		return nil, false
	}
	max := 999
	if uq.signIn {
		max = 500
	}
	top, off, ok := c.pageParams(min(s.defaultPageSize(PageUsers, 100), max), max, uq.signIn)
	if !ok {
		return nil, false
	}
	uq.top, uq.offset = top, off
	uq.count = c.countTrue() && c.eventual() && c.q.Get("$skiptoken") == ""
	return uq, true
}

// signInAllowed enforces the extra rules of signInActivity.
func (s *Sim) signInAllowed(c *gctx) bool {
	if !c.grant.Scopes.hasAny("AuditLog.Read.All") {
		c.fail(http.StatusForbidden, codePermissionMissing, "Calling principal does not have required MSGraph permissions AuditLog.Read.All")
		return false
	}
	if !c.hasRole(rolesSignIn...) {
		c.fail(http.StatusForbidden, codeDenied, msgInsufficient)
		return false
	}
	if !s.hasP1(c.t) {
		c.fail(http.StatusForbidden, codeNonPremium, "Neither tenant is B2C or tenant doesn't have premium license")
		return false
	}
	return true
}

var userReadScopes = []string{"User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"}

func (s *Sim) listUsers(c *gctx) { s.serveUserCollection(c, false) }

func (s *Sim) listDeletedUsers(c *gctx) { s.serveUserCollection(c, true) }

func (s *Sim) serveUserCollection(c *gctx, deleted bool) {
	if !c.needScope(userReadScopes...) {
		return
	}
	if !c.hasRole(rolesDirectoryRead...) {
		c.fail(http.StatusForbidden, codeDenied, msgInsufficient)
		return
	}
	uq, ok := s.parseUserQuery(c, deleted)
	if !ok {
		return
	}
	if uq.signIn && !s.signInAllowed(c) {
		return
	}
	// matching users, in directory order
	var matched []*User
	for _, u := range c.t.Users {
		if u.Deleted != deleted {
			continue
		}
		if uq.filter != nil && !uq.filter(u) {
			continue
		}
		matched = append(matched, u)
	}
	total := len(matched)
	start := min(uq.offset, total)
	end := min(start+uq.top, total)
	page := matched[start:end]

	set := "users"
	if deleted {
		set = "directory/deletedItems/microsoft.graph.user"
	}
	j := jw{b: make([]byte, 0, 512+len(page)*(96+48*len(uq.props)))}
	j.obj()
	j.kstr("@odata.context", c.contextURL(set, uq.props, uq.selected))
	if uq.count {
		j.knum("@odata.count", int64(total))
	}
	if end < total {
		j.kstr("@odata.nextLink", c.nextLink(end))
	}
	j.key("value")
	j.arr()
	props := uq.props
	if deleted && !uq.selected {
		props = append(append([]string{}, defaultUserProps...), "deletedDateTime")
	}
	for _, u := range page {
		s.writeUser(&j, c.t, u, props)
	}
	j.endArr()
	j.endObj()
	body := j.b
	if !deleted && uq.offset > 0 && uq.offset == uq.top {
		k := s.knobsFor(c.t.ID)
		switch {
		case k.TruncatedPage:
			body = body[:len(body)/2]
		case k.MalformedPage:
			body = malformed(body)
		}
	}
	c.writeJSON(http.StatusOK, body)
}

// malformed breaks JSON syntax while keeping the body complete.
func malformed(b []byte) []byte {
	out := make([]byte, 0, len(b)+8)
	i := strings.Index(string(b), `"value":[`)
	if i < 0 {
		return append(out, "{\"value\":[{,}"...)
	}
	out = append(out, b[:i+9]...)
	out = append(out, `{"id":"x",,}`...)
	out = append(out, b[i+9:]...)
	return out
}

// countUsers answers GET /users/$count (text/plain, needs ConsistencyLevel).
func (s *Sim) countUsers(c *gctx) {
	if !c.needScope(userReadScopes...) {
		return
	}
	if !c.eventual() {
		c.fail(http.StatusBadRequest, codeBadRequest, "$count is not currently supported.")
		return
	}
	n := 0
	var pred userPred
	if f := c.q.Get("$filter"); f != "" {
		p, _, err := parseUserFilter(f)
		if err != nil {
			c.fail(http.StatusBadRequest, codeUnsupportedQuery, err.Error())
			return
		}
		pred = p
	}
	for _, u := range c.t.Users {
		if !u.Deleted && (pred == nil || pred(u)) {
			n++
		}
	}
	body := strconv.Itoa(n)
	c.w.Header().Set("Content-Type", "text/plain")
	c.w.Header().Set("request-id", c.reqID)
	c.w.WriteHeader(http.StatusOK)
	_, _ = c.w.Write([]byte(body))
}

// getUser answers GET /users/{id|upn}.
func (s *Sim) getUser(c *gctx, key string) {
	if !c.needScope(append([]string{"User.Read", "User.ReadBasic.All"}, userReadScopes...)...) {
		return
	}
	key = strings.Trim(key, "'")
	u, ok := c.t.UserByID(key)
	if !ok || u.Deleted {
		c.fail(http.StatusNotFound, codeNotFound, "Resource '"+key+"' does not exist or one of its queried reference-property objects are not present.")
		return
	}
	if !c.grant.Scopes.hasAny(userReadScopes...) && u.ID != c.grant.UserID {
		c.fail(http.StatusForbidden, codeDenied, msgInsufficient)
		return
	}
	props, ok := c.parseSelect(false)
	if !ok {
		return
	}
	if hasProp(props, "signInActivity") {
		if !isGUID(key) {
			c.fail(http.StatusBadRequest, codeBadRequest, "Get By Key only supports UserId and the key has to be a valid Guid")
			return
		}
		if !s.signInAllowed(c) {
			return
		}
	}
	j := jw{}
	j.obj()
	ctx := c.base + "/$metadata#users"
	if c.q.Get("$select") != "" {
		ctx += "(" + strings.Join(props, ",") + ")"
	}
	j.kstr("@odata.context", ctx+"/$entity")
	for _, p := range props {
		j.key(p)
		s.userProp(&j, c.t, u, p)
	}
	j.endObj()
	c.writeJSON(http.StatusOK, j.b)
}
