package graphsim

import (
	"net/http"
	"sort"
	"strings"
)

// Just enough of /applications, /servicePrincipals and
// /oauth2PermissionGrants for TenantLens' one-time app registration.

type resourceAccess struct {
	ID   string `json:"id"`
	Type string `json:"type"`
}

type requiredResourceAccess struct {
	ResourceAppID  string           `json:"resourceAppId"`
	ResourceAccess []resourceAccess `json:"resourceAccess"`
}

func (s *Sim) createApplication(c *gctx) {
	if !c.needScope("Application.ReadWrite.All", "Directory.ReadWrite.All") {
		return
	}
	if !c.hasRole(rolesAppAdmin...) {
		c.fail(http.StatusForbidden, codeDenied, msgInsufficient)
		return
	}
	var in struct {
		DisplayName            string `json:"displayName"`
		SignInAudience         string `json:"signInAudience"`
		IsFallbackPublicClient *bool  `json:"isFallbackPublicClient"`
		PublicClient           struct {
			RedirectURIs []string `json:"redirectUris"`
		} `json:"publicClient"`
		RequiredResourceAccess []requiredResourceAccess `json:"requiredResourceAccess"`
	}
	if err := decodeJSONBody(c.r, &in); err != nil || strings.TrimSpace(in.DisplayName) == "" {
		c.fail(http.StatusBadRequest, "Request_BadRequest", "Invalid value specified for property 'displayName' of resource 'Application'.")
		return
	}
	if in.SignInAudience == "" {
		in.SignInAudience = "AzureADMyOrg"
	}
	app := &appReg{AppID: randomGUID(), ObjectID: randomGUID(), DisplayName: in.DisplayName, HomeTenant: c.t.ID,
		Redirects: in.PublicClient.RedirectURIs, MultiTenant: in.SignInAudience == "AzureADMultipleOrgs",
		PublicClient: in.IsFallbackPublicClient != nil && *in.IsFallbackPublicClient}
	for _, rra := range in.RequiredResourceAccess {
		if rra.ResourceAppID != GraphResourceAppID {
			continue
		}
		for _, ra := range rra.ResourceAccess {
			if n, ok := delegatedScopeIDs[strings.ToLower(ra.ID)]; ok && ra.Type == "Scope" {
				app.Static = append(app.Static, n)
			}
		}
	}
	s.mu.Lock()
	s.apps[app.AppID] = app
	s.mu.Unlock()
	var j jw
	j.obj()
	j.kstr("@odata.context", c.base+"/$metadata#applications/$entity")
	j.kstr("id", app.ObjectID)
	j.kstr("appId", app.AppID)
	j.kstr("displayName", app.DisplayName)
	j.kstr("signInAudience", in.SignInAudience)
	j.kbool("isFallbackPublicClient", app.PublicClient)
	j.ktime("createdDateTime", s.now())
	j.kstr("publisherDomain", c.t.DefaultDomain)
	j.key("publicClient")
	j.obj()
	j.kstrs("redirectUris", app.Redirects)
	j.endObj()
	j.key("requiredResourceAccess")
	j.arr()
	for _, rra := range in.RequiredResourceAccess {
		j.obj()
		j.kstr("resourceAppId", rra.ResourceAppID)
		j.key("resourceAccess")
		j.arr()
		for _, ra := range rra.ResourceAccess {
			j.obj()
			j.kstr("id", ra.ID)
			j.kstr("type", ra.Type)
			j.endObj()
		}
		j.endArr()
		j.endObj()
	}
	j.endArr()
	j.endObj()
	c.writeJSON(http.StatusCreated, j.b)
}

func (s *Sim) createServicePrincipal(c *gctx) {
	if !c.needScope("Application.ReadWrite.All", "Directory.ReadWrite.All") {
		return
	}
	if !c.hasRole(rolesAppAdmin...) {
		c.fail(http.StatusForbidden, codeDenied, msgInsufficient)
		return
	}
	var in struct {
		AppID string `json:"appId"`
	}
	if err := decodeJSONBody(c.r, &in); err != nil || in.AppID == "" {
		c.fail(http.StatusBadRequest, "Request_BadRequest", "Invalid value specified for property 'appId' of resource 'ServicePrincipal'.")
		return
	}
	s.mu.Lock()
	app := s.apps[in.AppID]
	if app == nil || (!app.MultiTenant && app.HomeTenant != c.t.ID) {
		s.mu.Unlock()
		c.fail(http.StatusBadRequest, "Request_BadRequest", "The appId '"+in.AppID+"' of the service principal does not reference a valid application object.")
		return
	}
	sps := s.spFor(c.t.ID)
	if sps[app.AppID] != "" {
		s.mu.Unlock()
		c.fail(http.StatusConflict, "Request_MultipleObjectsWithSameKeyValue", "The service principal cannot be created, updated, or restored because the service principal name "+app.AppID+" is already in use.")
		return
	}
	id := randomGUID()
	sps[app.AppID] = id
	s.mu.Unlock()
	var j jw
	j.obj()
	j.kstr("@odata.context", c.base+"/$metadata#servicePrincipals/$entity")
	j.kstr("id", id)
	j.kstr("appId", app.AppID)
	j.kstr("displayName", app.DisplayName)
	j.kstr("appOwnerOrganizationId", app.HomeTenant)
	j.kstr("servicePrincipalType", "Application")
	j.kbool("accountEnabled", true)
	j.endObj()
	c.writeJSON(http.StatusCreated, j.b)
}

// graphSPID is the id of the Microsoft Graph service principal in every
// emulated tenant (resourceId of oauth2PermissionGrants).
func graphSPID(tenantID string) string { return seededGUIDFrom("graph-sp-" + tenantID) }

func (s *Sim) createGrant(c *gctx) {
	if !c.needScope("DelegatedPermissionGrant.ReadWrite.All", "Directory.ReadWrite.All") {
		return
	}
	if !c.hasRole(RoleGlobalAdministrator, RolePrivilegedRoleAdministrator) {
		c.fail(http.StatusForbidden, codeDenied, msgInsufficient)
		return
	}
	var in struct {
		ClientID    string `json:"clientId"`
		ConsentType string `json:"consentType"`
		ResourceID  string `json:"resourceId"`
		Scope       string `json:"scope"`
		PrincipalID string `json:"principalId"`
	}
	if err := decodeJSONBody(c.r, &in); err != nil || in.ClientID == "" || in.Scope == "" {
		c.fail(http.StatusBadRequest, "Request_BadRequest", "Invalid value specified for property 'clientId' of resource 'OAuth2PermissionGrant'.")
		return
	}
	if in.ConsentType != "AllPrincipals" {
		c.fail(http.StatusBadRequest, "Request_BadRequest", "graphsim supports consentType 'AllPrincipals' only.")
		return
	}
	s.mu.Lock()
	var appID string
	for a, id := range s.sps[c.t.ID] {
		if id == in.ClientID {
			appID = a
		}
	}
	if appID == "" {
		s.mu.Unlock()
		c.fail(http.StatusNotFound, codeNotFound, "Resource '"+in.ClientID+"' does not exist or one of its queried reference-property objects are not present.")
		return
	}
	if in.ResourceID != "" && in.ResourceID != graphSPID(c.t.ID) {
		s.mu.Unlock()
		c.fail(http.StatusNotFound, codeNotFound, "Resource '"+in.ResourceID+"' does not exist or one of its queried reference-property objects are not present.")
		return
	}
	set := s.consentFor(c.t.ID, appID)
	names := strings.Fields(in.Scope)
	for i, n := range names {
		names[i] = canonicalScope(n)
	}
	set.add(names...)
	if app := s.apps[appID]; app != nil && len(app.Static) == 0 {
		app.Static = names
	}
	s.mu.Unlock()
	var j jw
	j.obj()
	j.kstr("@odata.context", c.base+"/$metadata#oauth2PermissionGrants/$entity")
	j.kstr("id", randomToken(32))
	j.kstr("clientId", in.ClientID)
	j.kstr("consentType", "AllPrincipals")
	j.knull("principalId")
	j.kstr("resourceId", graphSPID(c.t.ID))
	j.kstr("scope", in.Scope)
	j.endObj()
	c.writeJSON(http.StatusCreated, j.b)
}

// listServicePrincipals answers GET /servicePrincipals?$filter=appId eq '...'
// and /servicePrincipals(appId='...'): the Microsoft Graph resource and the
// apps with a service principal in the tenant.
func (s *Sim) listServicePrincipals(c *gctx, byAppID string) {
	if !c.needScope("Application.Read.All", "Application.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All") {
		return
	}
	want := byAppID
	if f := c.q.Get("$filter"); f != "" && want == "" {
		k, v, ok := strings.Cut(f, " eq ")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "appId") {
			c.fail(http.StatusBadRequest, codeUnsupportedQuery, "Unsupported or invalid query filter clause specified for property '"+strings.TrimSpace(k)+"' of resource 'ServicePrincipal'.")
			return
		}
		want = strings.Trim(strings.TrimSpace(v), "'")
	}
	type spRow struct{ id, appID, name, owner string }
	var rows []spRow
	if want == "" || want == GraphResourceAppID {
		rows = append(rows, spRow{graphSPID(c.t.ID), GraphResourceAppID, "Microsoft Graph", "f8cdef31-a31e-4b4a-93e4-5f571e91255a"})
	}
	s.mu.Lock()
	for appID, id := range s.sps[c.t.ID] {
		if want == "" || want == appID {
			name, owner := appID, ""
			if a := s.apps[appID]; a != nil {
				name, owner = a.DisplayName, a.HomeTenant
			}
			rows = append(rows, spRow{id, appID, name, owner})
		}
	}
	s.mu.Unlock()
	if byAppID != "" {
		if len(rows) == 0 {
			c.fail(http.StatusNotFound, codeNotFound, "Resource 'servicePrincipals(appId='"+byAppID+"')' does not exist or one of its queried reference-property objects are not present.")
			return
		}
	}
	var j jw
	if byAppID == "" {
		collectionStart(&j, c.base+"/$metadata#servicePrincipals")
	}
	for _, r := range rows {
		j.obj()
		if byAppID != "" {
			j.kstr("@odata.context", c.base+"/$metadata#servicePrincipals/$entity")
		}
		j.kstr("id", r.id)
		j.kstr("appId", r.appID)
		j.kstr("displayName", r.name)
		j.kstrOrNull("appOwnerOrganizationId", r.owner)
		j.kstr("servicePrincipalType", "Application")
		j.kbool("accountEnabled", true)
		if r.appID == GraphResourceAppID {
			j.key("oauth2PermissionScopes")
			j.arr()
			ids := make([]string, 0, len(delegatedScopeIDs))
			for id := range delegatedScopeIDs {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			for _, id := range ids {
				name := delegatedScopeIDs[id]
				j.obj()
				j.kstr("id", id)
				j.kstr("value", name)
				j.kstr("type", "Admin")
				j.kbool("isEnabled", true)
				j.endObj()
			}
			j.endArr()
		}
		j.endObj()
		if byAppID != "" {
			break
		}
	}
	if byAppID == "" {
		collectionEnd(&j)
	}
	c.writeJSON(http.StatusOK, j.b)
}
