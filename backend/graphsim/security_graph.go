package graphsim

import (
	"net/http"
	"strconv"
	"strings"
)

// Security endpoints (GRAPH-FACTS §11-§15). routeSecurity is called first by
// route and answers (true) only the paths it owns.

var (
	rolesCA = []string{RoleGlobalAdministrator, RoleGlobalReader, RoleSecurityReader, RoleSecurityAdministrator,
		"b1be1c3e-b65d-4f19-8427-f6fa0d97feb9"} // Conditional Access Administrator (Global Secure Access Administrator: id not in the facts)
	rolesRoleAssignments = []string{RoleGlobalAdministrator, RoleGlobalReader, RoleDirectoryReaders, RolePrivilegedRoleAdministrator}
	rolesSecureScore     = []string{RoleGlobalAdministrator, RoleSecurityAdministrator, RoleExchangeAdministrator, RoleSharePointAdministrator,
		RoleHelpdeskAdministrator, RoleUserAdministrator, RoleServiceSupportAdministrator, RoleSecurityReader,
		"5f2222b1-57c3-48ba-8ad5-d4759f1fde6f", RoleGlobalReader} // Security Operator
	scopesPolicy      = []string{"Policy.Read.All", "Policy.ReadWrite.ConditionalAccess", "Policy.ReadWrite.SecurityDefaults"}
	scopesGroupMember = []string{"GroupMember.Read.All", "Directory.Read.All", "Group.Read.All", "Group.ReadWrite.All", "GroupMember.ReadWrite.All", "Directory.ReadWrite.All"}
	scopesMemberOf    = []string{"User.Read.All", "Directory.Read.All", "Directory.ReadWrite.All", "Group.Read.All", "GroupMember.Read.All"}
	scopesRoles       = []string{"RoleManagement.Read.Directory", "RoleManagement.Read.All", "RoleManagement.ReadWrite.Directory", "Directory.Read.All", "Directory.ReadWrite.All"}
	scopesSecurity    = []string{"SecurityEvents.Read.All", "SecurityEvents.ReadWrite.All"}
)

func (s *Sim) routeSecurity(c *gctx) bool {
	segs, m := c.segs, c.r.Method
	n := len(segs)
	if n == 0 {
		return false
	}
	k := s.securityKnobsFor(c.t.ID)
	get := func(deny bool, h func()) bool {
		if m != http.MethodGet {
			c.fail(http.StatusMethodNotAllowed, codeBadRequest, "Specified HTTP method is not allowed for the request target.")
			return true
		}
		if deny {
			c.fail(http.StatusForbidden, codeDenied, msgInsufficient)
			return true
		}
		h()
		return true
	}
	switch {
	case n == 2 && segs[0] == "policies" && segs[1] == "identitySecurityDefaultsEnforcementPolicy":
		return get(k.DenySecurityDefaults, func() { s.securityDefaults(c) })
	case n == 3 && segs[0] == "identity" && segs[1] == "conditionalAccess" && segs[2] == "policies":
		return get(k.DenyConditionalAccess, func() { s.caPolicies(c, k, "") })
	case n == 4 && segs[0] == "identity" && segs[1] == "conditionalAccess" && segs[2] == "policies":
		return get(k.DenyConditionalAccess, func() { s.caPolicies(c, k, segs[3]) })
	case (n == 3 || n == 4) && segs[0] == "groups" && segs[2] == "transitiveMembers":
		cast := ""
		if n == 4 {
			cast = segs[3]
		}
		return get(k.DenyMembership, func() { s.groupTransitiveMembers(c, segs[1], cast) })
	case n == 3 && segs[0] == "users" && segs[2] == "transitiveMemberOf":
		return get(k.DenyMembership, func() { s.userTransitiveMemberOf(c, segs[1]) })
	case n == 1 && segs[0] == "directoryRoles":
		return get(k.DenyRoles, func() { s.directoryRoles(c) })
	case n == 3 && segs[0] == "roleManagement" && segs[1] == "directory" && segs[2] == "roleAssignments":
		return get(k.DenyRoles, func() { s.roleAssignments(c) })
	case n == 2 && segs[0] == "security" && segs[1] == "secureScores":
		return get(k.DenySecureScore, func() { s.secureScores(c, k) })
	case n == 2 && segs[0] == "security" && segs[1] == "secureScoreControlProfiles":
		return get(k.DenySecureScore, func() { s.secureScoreControlProfiles(c) })
	case n == 4 && segs[0] == "users" && segs[2] == "authentication" && segs[3] == "requirements" && c.version == "beta" && k.DenyPerUserMFA:
		c.fail(http.StatusForbidden, codeDenied, msgInsufficient)
		return true
	}
	return false
}

// securityDefaults: GET /policies/identitySecurityDefaultsEnforcementPolicy.
func (s *Sim) securityDefaults(c *gctx) {
	if !c.needScope(scopesPolicy...) {
		return
	}
	if !c.hasRole(rolesDirectoryRead...) { // no documented role requirement
		c.fail(http.StatusForbidden, codeDenied, msgInsufficient)
		return
	}
	for k := range c.q {
		if k != "$select" {
			c.fail(http.StatusBadRequest, codeBadRequest, "Query option '"+k+"' is not allowed.")
			return
		}
	}
	on := c.t.Security != nil && c.t.Security.SecurityDefaults
	var j jw
	j.obj()
	j.kstr("@odata.context", c.base+"/$metadata#policies/identitySecurityDefaultsEnforcementPolicy")
	sel := selectSet(c)
	if sel == nil || sel["description"] {
		j.kstr("description", "Security defaults is a set of basic identity security mechanisms recommended by Microsoft. When enabled, these recommendations will be automatically enforced in your organization. Administrators and users will be better protected from common identity related attacks.")
	}
	if sel == nil || sel["displayname"] {
		j.kstr("displayName", "Security Defaults")
	}
	if sel == nil || sel["id"] {
		j.kstr("id", "00000000-0000-0000-0000-000000000005")
	}
	if sel == nil || sel["isenabled"] {
		j.kbool("isEnabled", on)
	}
	j.endObj()
	c.writeJSON(http.StatusOK, j.b)
}

// selectSet returns the lower-cased $select names, nil when absent.
func selectSet(c *gctx) map[string]bool {
	v := c.q.Get("$select")
	if v == "" {
		return nil
	}
	m := map[string]bool{}
	for _, f := range strings.Split(v, ",") {
		m[strings.ToLower(strings.TrimSpace(f))] = true
	}
	return m
}

// caPolicies: GET /identity/conditionalAccess/policies[/{id}].
func (s *Sim) caPolicies(c *gctx, k SecurityKnobs, id string) {
	if !c.needScope(scopesPolicy[:2]...) {
		return
	}
	if !c.hasRole(rolesCA...) {
		c.fail(http.StatusForbidden, codeDenied, msgInsufficient)
		return
	}
	var pols []*CAPolicy
	if !s.hasP1(c.t) {
		if !k.CANoP1Empty || id != "" {
			c.fail(http.StatusForbidden, codeNonPremium, "Neither tenant is B2C or tenant doesn't have premium license")
			return
		}
	} else if c.t.Security != nil {
		pols = c.t.Security.Policies
	}
	if id != "" {
		for _, p := range pols {
			if strings.EqualFold(p.ID, id) {
				var j jw
				j.obj()
				j.kstr("@odata.context", c.base+"/$metadata#identity/conditionalAccess/policies/$entity")
				j.kstr("@microsoft.graph.tips", "Use $select to choose only the properties your app needs, as this can lead to performance improvements. For example: GET identity/conditionalAccess/policies('<guid>')?$select=conditions,createdDateTime")
				writeCAPolicyBody(&j, c, p)
				j.endObj()
				c.writeJSON(http.StatusOK, j.b)
				return
			}
		}
		c.fail(http.StatusNotFound, codeNotFound, "Resource '"+id+"' does not exist or one of its queried reference-property objects are not present.")
		return
	}
	top, skip, ok := topSkip(c, len(pols), k.CAPageSize)
	if !ok {
		return
	}
	end := min(skip+top, len(pols))
	var j jw
	j.obj()
	j.kstr("@odata.context", c.base+"/$metadata#identity/conditionalAccess/policies")
	if c.q.Get("$count") == "true" {
		j.knum("@odata.count", int64(len(pols)))
	}
	if end < len(pols) {
		j.kstr("@odata.nextLink", skipLink(c, end))
	}
	j.key("value")
	j.arr()
	for _, p := range pols[skip:end] {
		j.obj()
		writeCAPolicyBody(&j, c, p)
		j.endObj()
	}
	j.endArr()
	j.endObj()
	c.writeJSON(http.StatusOK, j.b)
}

// topSkip reads $top/$skip for $skip-paged collections; pageSize > 0 caps
// a page. ok=false when it answered 400.
func topSkip(c *gctx, total, pageSize int) (top, skip int, ok bool) {
	top = total
	if pageSize > 0 {
		top = pageSize
	}
	if v := c.q.Get("$top"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			c.fail(http.StatusBadRequest, codeBadRequest, "Invalid value '"+v+"' for $top query option found.")
			return 0, 0, false
		}
		if pageSize <= 0 || n < top {
			top = n
		}
	}
	if v := c.q.Get("$skip"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			c.fail(http.StatusBadRequest, codeBadRequest, "Invalid value '"+v+"' for $skip query option found.")
			return 0, 0, false
		}
		skip = min(n, total)
	}
	return top, skip, true
}

// skipLink is the request URL with $skip replaced.
func skipLink(c *gctx, skip int) string {
	var b strings.Builder
	b.WriteString(c.base + "/" + strings.Join(c.segs, "/") + "?")
	for k, vs := range c.q {
		if k == "$skip" {
			continue
		}
		for _, v := range vs {
			b.WriteString(k + "=" + escapeQueryValue(v) + "&")
		}
	}
	b.WriteString("$skip=" + strconv.Itoa(skip))
	return b.String()
}
