package graphsim

import (
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"strings"
)

// writeCAPolicyBody writes a conditionalAccessPolicy's members (every key,
// null/[] for unused ones, as the v1.0 GET sample does).
func writeCAPolicyBody(j *jw, c *gctx, p *CAPolicy) {
	j.kstr("id", p.ID)
	j.kstrOrNull("templateId", p.TemplateID)
	j.kstr("displayName", p.DisplayName)
	j.ktime("createdDateTime", p.Created)
	j.ktime("modifiedDateTime", p.Modified)
	j.kstr("state", p.State)
	j.key("conditions")
	j.obj()
	j.kstrs("userRiskLevels", nil)
	j.kstrs("signInRiskLevels", nil)
	apps := p.ClientAppTypes
	if len(apps) == 0 {
		apps = []string{"all"}
	}
	j.kstrs("clientAppTypes", apps)
	j.kstrs("servicePrincipalRiskLevels", nil)
	for _, k := range []string{"insiderRiskLevels", "platforms", "locations", "devices", "clientApplications", "authenticationFlows"} {
		j.knull(k)
	}
	j.key("applications")
	j.obj()
	j.kstrs("includeApplications", p.IncludeApplications)
	j.kstrs("excludeApplications", p.ExcludeApplications)
	j.kstrs("includeUserActions", p.IncludeUserActions)
	j.kstrs("includeAuthenticationContextClassReferences", nil)
	j.knull("applicationFilter")
	j.endObj()
	j.key("users")
	j.obj()
	j.kstrs("includeUsers", p.IncludeUsers)
	j.kstrs("excludeUsers", p.ExcludeUsers)
	j.kstrs("includeGroups", p.IncludeGroups)
	j.kstrs("excludeGroups", p.ExcludeGroups)
	j.kstrs("includeRoles", p.IncludeRoles)
	j.kstrs("excludeRoles", p.ExcludeRoles)
	writeGuests(j, "includeGuestsOrExternalUsers", p.IncludeGuests)
	writeGuests(j, "excludeGuestsOrExternalUsers", p.ExcludeGuests)
	j.endObj()
	j.endObj()
	j.key("grantControls")
	j.obj()
	op := p.Operator
	if op == "" {
		op = "OR"
	}
	j.kstr("operator", op)
	j.kstrs("builtInControls", p.BuiltInControls)
	j.kstrs("customAuthenticationFactors", nil)
	j.kstrs("termsOfUse", nil)
	polCtx := c.base + "/$metadata#identity/conditionalAccess/policies('" + p.ID + "')/grantControls/authenticationStrength"
	j.kstr("authenticationStrength@odata.context", polCtx+"/$entity")
	if a := p.AuthStrength; a != nil {
		j.key("authenticationStrength")
		j.obj()
		j.kstr("id", a.ID)
		j.kstr("createdDateTime", "2021-12-01T08:00:00Z")
		j.kstr("modifiedDateTime", "2021-12-01T08:00:00Z")
		j.kstr("displayName", a.DisplayName)
		j.kstr("description", a.Description)
		j.kstr("policyType", "builtIn")
		j.kstr("requirementsSatisfied", "mfa")
		j.kstrs("allowedCombinations", a.Allowed)
		j.kstr("combinationConfigurations@odata.context", polCtx+"/combinationConfigurations")
		j.kstrs("combinationConfigurations", nil)
		j.endObj()
	} else {
		j.knull("authenticationStrength")
	}
	j.endObj()
	if p.SignInFrequencyHours > 0 {
		j.key("sessionControls")
		j.obj()
		for _, k := range []string{"disableResilienceDefaults", "applicationEnforcedRestrictions", "cloudAppSecurity", "persistentBrowser"} {
			j.knull(k)
		}
		j.key("signInFrequency")
		j.obj()
		j.knum("value", int64(p.SignInFrequencyHours))
		j.kstr("type", "hours")
		j.kstr("authenticationType", "primaryAndSecondaryAuthentication")
		j.kstr("frequencyInterval", "timeBased")
		j.kbool("isEnabled", true)
		j.endObj()
		j.endObj()
	} else {
		j.knull("sessionControls")
	}
}

func writeGuests(j *jw, key, kinds string) {
	if kinds == "" {
		j.knull(key)
		return
	}
	j.key(key)
	j.obj()
	j.kstr("guestOrExternalUserTypes", kinds)
	j.key("externalTenants")
	j.obj()
	j.kstr("@odata.type", "#microsoft.graph.conditionalAccessAllExternalTenants")
	j.kstr("membershipKind", "all")
	j.endObj()
	j.endObj()
}

// pagedDirectoryObjects writes a $skiptoken-paged directoryObjects
// collection (default page 100, max 999).
func (s *Sim) pagedDirectoryObjects(c *gctx, ctx string, n int, item func(j *jw, i int)) {
	top, offset, ok := c.pageParams(100, 999, false)
	if !ok {
		return
	}
	start := min(offset, n)
	end := min(start+top, n)
	var j jw
	j.obj()
	j.kstr("@odata.context", ctx)
	if end < n {
		j.kstr("@odata.nextLink", c.nextLink(end))
	}
	j.key("value")
	j.arr()
	for i := start; i < end; i++ {
		j.obj()
		item(&j, i)
		j.endObj()
	}
	j.endArr()
	j.endObj()
	c.writeJSON(http.StatusOK, j.b)
}

func writeUserRef(j *jw, u *User, long bool) {
	j.kstr("@odata.type", "#microsoft.graph.user")
	j.kstr("id", u.ID)
	if long {
		j.kbool("accountEnabled", u.AccountEnabled)
	}
	j.kstr("displayName", u.DisplayName)
	j.kstr("userPrincipalName", u.UserPrincipalName)
	if long {
		j.kstrOrNull("mail", u.Mail)
	}
	j.kstr("userType", u.UserType)
}

func writeGroupRef(j *jw, g *Group) {
	j.kstr("@odata.type", "#microsoft.graph.group")
	j.kstr("id", g.ID)
	j.kstr("displayName", g.DisplayName)
	j.kbool("securityEnabled", true)
	j.kbool("mailEnabled", false)
	j.kstrs("groupTypes", nil)
	if g.RoleAssignable {
		j.kbool("isAssignableToRole", true)
	}
}

// groupTransitiveMembers: GET /groups/{id}/transitiveMembers[/microsoft.graph.user].
func (s *Sim) groupTransitiveMembers(c *gctx, id, cast string) {
	if !c.needScope(scopesGroupMember...) {
		return
	}
	if !c.hasRole(rolesDirectoryRead...) {
		c.fail(http.StatusForbidden, codeDenied, msgInsufficient)
		return
	}
	usersOnly := false
	switch cast {
	case "":
	case "microsoft.graph.user", "graph.user":
		usersOnly = true
	default:
		c.fail(http.StatusBadRequest, codeUnsupportedQuery, "Unsupported type cast segment '"+cast+"'.")
		return
	}
	st := c.t.Security
	g := st.groupByID(id)
	if g == nil {
		c.fail(http.StatusNotFound, codeNotFound, "Resource '"+id+"' does not exist or one of its queried reference-property objects are not present.")
		return
	}
	uids, gids := st.TransitiveUsersOf(g.ID)
	type obj struct {
		u *User
		g *Group
	}
	var objs []obj
	for _, uid := range uids {
		if u, ok := c.t.UserByID(uid); ok && !u.Deleted {
			objs = append(objs, obj{u: u})
		}
	}
	if !usersOnly {
		for _, gid := range gids {
			objs = append(objs, obj{g: st.groupByID(gid)})
		}
	}
	ctx := c.base + "/$metadata#directoryObjects"
	if usersOnly {
		ctx = c.base + "/$metadata#users"
	}
	s.pagedDirectoryObjects(c, ctx, len(objs), func(j *jw, i int) {
		if o := objs[i]; o.u != nil {
			writeUserRef(j, o.u, true)
		} else {
			writeGroupRef(j, o.g)
		}
	})
}

// userTransitiveMemberOf: GET /users/{id}/transitiveMemberOf - groups then
// directoryRole objects (roles held directly or through a group).
func (s *Sim) userTransitiveMemberOf(c *gctx, key string) {
	if !c.needScope(scopesMemberOf...) {
		return
	}
	if !c.hasRole(rolesDirectoryRead...) {
		c.fail(http.StatusForbidden, codeDenied, msgInsufficient)
		return
	}
	u, ok := c.t.UserByID(key)
	if !ok || u.Deleted {
		c.fail(http.StatusNotFound, codeNotFound, "Resource '"+key+"' does not exist or one of its queried reference-property objects are not present.")
		return
	}
	gids := c.t.Security.TransitiveGroupsOf(u.ID)
	roles := c.t.RolesOf(u)
	s.pagedDirectoryObjects(c, c.base+"/$metadata#directoryObjects", len(gids)+len(roles), func(j *jw, i int) {
		if i < len(gids) {
			writeGroupRef(j, c.t.Security.groupByID(gids[i]))
			return
		}
		writeDirectoryRole(j, c.t, roles[i-len(gids)])
	})
}

func directoryRoleID(t *Tenant, template string) string {
	return seededGUIDFrom("role-" + t.ID + template)
}

func writeDirectoryRole(j *jw, t *Tenant, template string) {
	j.kstr("@odata.type", "#microsoft.graph.directoryRole")
	j.kstr("id", directoryRoleID(t, template))
	j.knull("deletedDateTime")
	j.kstr("description", roleName(template)+" role.")
	j.kstr("displayName", roleName(template))
	j.kstr("roleTemplateId", template)
}

// roleHolder is one active role assignment (direct user or group).
type roleHolder struct {
	role string
	u    *User
	g    *Group
}

func (t *Tenant) roleHolders() []roleHolder {
	var out []roleHolder
	for _, u := range t.Users {
		if u.Deleted {
			continue
		}
		for _, r := range u.Roles {
			out = append(out, roleHolder{role: r, u: u})
		}
	}
	if t.Security != nil {
		for _, g := range t.Security.Groups {
			for _, r := range g.Roles {
				out = append(out, roleHolder{role: r, g: g})
			}
		}
	}
	return out
}

// directoryRoles: GET /directoryRoles[?$expand=members] - activated roles.
func (s *Sim) directoryRoles(c *gctx) {
	if !c.needScope(scopesRoles...) {
		return
	}
	if !c.hasRole(rolesDirectoryRead...) {
		c.fail(http.StatusForbidden, codeDenied, msgInsufficient)
		return
	}
	expand := strings.Contains(strings.ToLower(c.q.Get("$expand")), "members")
	holders := c.t.roleHolders()
	var order []string
	by := map[string][]roleHolder{}
	for _, h := range holders {
		if _, ok := by[h.role]; !ok {
			order = append(order, h.role)
		}
		by[h.role] = append(by[h.role], h)
	}
	ctx := c.base + "/$metadata#directoryRoles"
	if expand {
		ctx += "(members())"
	}
	var j jw
	collectionStart(&j, ctx)
	for _, r := range order {
		j.obj()
		j.kstr("id", directoryRoleID(c.t, r))
		j.knull("deletedDateTime")
		j.kstr("description", roleName(r)+" role.")
		j.kstr("displayName", roleName(r))
		j.kstr("roleTemplateId", r)
		if expand {
			j.key("members")
			j.arr()
			for i, h := range by[r] {
				if i == 100 { // $expand on directory objects is capped at 100
					break
				}
				j.obj()
				if h.u != nil {
					writeUserRef(&j, h.u, false)
				} else {
					writeGroupRef(&j, h.g)
				}
				j.endObj()
			}
			j.endArr()
		}
		j.endObj()
	}
	collectionEnd(&j)
	c.writeJSON(http.StatusOK, j.b)
}

// roleAssignmentID mints base64url(roleDefinitionId bytes LE ‖ principalId
// bytes LE) + "-1" (GRAPH-FACTS §13).
func roleAssignmentID(role, principal string) string {
	return base64.RawURLEncoding.EncodeToString(append(guidBytesLE(role), guidBytesLE(principal)...)) + "-1"
}

func guidBytesLE(g string) []byte {
	b, err := hex.DecodeString(strings.ReplaceAll(g, "-", ""))
	if err != nil || len(b) != 16 {
		return make([]byte, 16)
	}
	b[0], b[1], b[2], b[3] = b[3], b[2], b[1], b[0]
	b[4], b[5] = b[5], b[4]
	b[6], b[7] = b[7], b[6]
	return b
}

// roleAssignments: GET /roleManagement/directory/roleAssignments with
// $filter roleDefinitionId eq '<id>' | principalId eq '<id>' and
// $expand=principal.
func (s *Sim) roleAssignments(c *gctx) {
	if !c.needScope(scopesRoles...) {
		return
	}
	if !c.hasRole(rolesRoleAssignments...) {
		c.fail(http.StatusForbidden, codeDenied, msgInsufficient)
		return
	}
	var fProp, fVal string
	if f := strings.TrimSpace(c.q.Get("$filter")); f != "" {
		parts := strings.SplitN(f, " ", 3)
		if len(parts) != 3 || !strings.EqualFold(parts[1], "eq") || (parts[0] != "roleDefinitionId" && parts[0] != "principalId") {
			c.fail(http.StatusBadRequest, codeUnsupportedQuery, "Unsupported or invalid query filter clause specified.")
			return
		}
		fProp, fVal = parts[0], strings.Trim(parts[2], "'")
	}
	expand := strings.Contains(strings.ToLower(c.q.Get("$expand")), "principal")
	ctx := c.base + "/$metadata#roleManagement/directory/roleAssignments"
	if expand {
		ctx += "(principal())"
	}
	var j jw
	collectionStart(&j, ctx)
	for _, h := range c.t.roleHolders() {
		pid := ""
		if h.u != nil {
			pid = h.u.ID
		} else {
			pid = h.g.ID
		}
		if (fProp == "roleDefinitionId" && !strings.EqualFold(fVal, h.role)) || (fProp == "principalId" && !strings.EqualFold(fVal, pid)) {
			continue
		}
		j.obj()
		j.kstr("id", roleAssignmentID(h.role, pid))
		j.kstr("principalId", pid)
		j.kstr("directoryScopeId", "/")
		j.kstr("resourceScope", "/")
		j.kstr("roleDefinitionId", h.role)
		if expand {
			j.key("principal")
			j.obj()
			if h.u != nil {
				writeUserRef(&j, h.u, true)
			} else {
				writeGroupRef(&j, h.g)
			}
			j.endObj()
		}
		j.endObj()
	}
	collectionEnd(&j)
	c.writeJSON(http.StatusOK, j.b)
}
