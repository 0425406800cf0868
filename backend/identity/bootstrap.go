package identity

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

// Delegated permission (oauth2PermissionScope) IDs of Microsoft Graph; the
// same in every tenant.
var graphScopeIDs = map[string]string{
	"User.Read.All":                       "a154be20-db9c-4678-8ab7-66f6cc099a59",
	"Directory.Read.All":                  "06da0dbc-49e2-44d2-8312-53f166ab848a",
	"Organization.Read.All":               "4908d5b9-3fb2-4b1e-9336-1888b7937185",
	"Reports.Read.All":                    "02e97553-ed7b-43d0-ab3c-f8bace0d040c",
	"UserAuthenticationMethod.Read.All":   "aec28ec7-4d02-4e8c-b864-50163aea77eb",
	"AuditLog.Read.All":                   "e4c9e354-4dc5-45b8-9e7c-e1393b0b1a20",
	"DelegatedAdminRelationship.Read.All": "0c0064ea-477b-4130-82a5-4c2cc4ff68aa",
	"Policy.Read.All":                     "572fea84-0151-49b2-9301-11cb16974376",
	"SecurityEvents.Read.All":             "64733abd-851e-478a-bffb-e47a14b18235",
	"openid":                              "37f7f235-527c-4136-accd-4a02d197296e",
	"profile":                             "14dad69e-099b-42c9-810b-d002981feec1",
	"email":                               "64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0",
	"offline_access":                      "7427e0e9-2fba-42fe-b0c0-848c9e6a8182",
}

// AppDisplayName is the name of the app registration the bootstrap creates.
const AppDisplayName = "TenantLens"

// BootstrapResult describes the app registration the bootstrap created.
type BootstrapResult struct {
	ClientID           string `json:"clientId"` // appId: TenantLens' client ID from now on
	ApplicationID      string `json:"applicationId"`
	ServicePrincipalID string `json:"servicePrincipalId"`
	TenantID           string `json:"tenantId"`
	GrantedScopes      string `json:"grantedScopes"`
}

// grantScopes are the delegated permissions TenantLens' own app registers
// and the bootstrap consents tenant-wide in the MSP's tenant.
func grantScopes() []string {
	s := append([]string(nil), readScopes...)
	s = append(s, partnerScope)
	return append(s, oidcScopes...)
}

type requiredResourceAccess struct {
	ResourceAppID  string           `json:"resourceAppId"`
	ResourceAccess []resourceAccess `json:"resourceAccess"`
}

type resourceAccess struct {
	ID   string `json:"id"`
	Type string `json:"type"`
}

type newApplication struct {
	DisplayName            string                   `json:"displayName"`
	SignInAudience         string                   `json:"signInAudience"`
	IsFallbackPublicClient bool                     `json:"isFallbackPublicClient"`
	PublicClient           publicClient             `json:"publicClient"`
	RequiredResourceAccess []requiredResourceAccess `json:"requiredResourceAccess"`
}

type publicClient struct {
	RedirectURIs []string `json:"redirectUris"`
}

type permissionGrant struct {
	ClientID    string `json:"clientId"`
	ConsentType string `json:"consentType"`
	ResourceID  string `json:"resourceId"`
	Scope       string `json:"scope"`
}

// Bootstrap creates TenantLens' own multi-tenant public-client app in the
// MSP's tenant: it signs a Global Administrator in with Microsoft Graph
// Command Line Tools (Application.ReadWrite.All,
// DelegatedPermissionGrant.ReadWrite.All), creates the application and its
// service principal, and grants the read-only delegated permissions
// tenant-wide (AllPrincipals). tenant may be empty ("organizations"). The
// returned ClientID is the one to configure from now on.
func (c *Client) Bootstrap(ctx context.Context, tenant string, in Interaction) (BootstrapResult, error) {
	authTenant := "organizations"
	if strings.TrimSpace(tenant) != "" {
		rt, err := c.ResolveTenant(ctx, tenant)
		if err != nil {
			return BootstrapResult{}, err
		}
		authTenant = rt.ID
	}
	in.report(StepBootstrap, "Sign in as a Global Administrator of your own (MSP) tenant to create the TenantLens app registration.", "")
	scopes := append(c.qualify(bootstrapPerm), "openid", "profile")
	res, err := c.interactive(ctx, SignInRequest{Tenant: authTenant, ClientID: GraphCLIClientID, Scopes: scopes, Prompt: "select_account"}, "", in)
	if err != nil {
		return BootstrapResult{}, err
	}
	at := res.Token.AccessToken
	v1 := c.o.Graph + "/v1.0"
	out := BootstrapResult{TenantID: strings.ToLower(res.Claims.TenantID)}

	// Find Microsoft Graph's service principal first, so nothing is created
	// when the grant could not be made anyway.
	graphSP, err := c.graphServicePrincipalID(ctx, at)
	if err != nil {
		return out, bootstrapError(err)
	}
	var access []resourceAccess
	for _, s := range grantScopes() {
		access = append(access, resourceAccess{ID: graphScopeIDs[s], Type: "Scope"})
	}
	in.report(StepBootstrap, "Creating the TenantLens app registration…", "")
	var app struct {
		ID    string `json:"id"`
		AppID string `json:"appId"`
	}
	body := newApplication{
		DisplayName:            AppDisplayName,
		SignInAudience:         "AzureADMultipleOrgs",
		IsFallbackPublicClient: true,
		PublicClient:           publicClient{RedirectURIs: []string{"http://localhost"}},
		RequiredResourceAccess: []requiredResourceAccess{{ResourceAppID: GraphAppID, ResourceAccess: access}},
	}
	if err := c.graphDo(ctx, http.MethodPost, v1+"/applications", at, body, &app); err != nil {
		return out, bootstrapError(err)
	}
	if app.AppID == "" {
		return out, newError(KindProtocol, "POST /applications returned no appId", nil)
	}
	out.ClientID, out.ApplicationID = app.AppID, app.ID

	in.report(StepBootstrap, "Creating its service principal…", "")
	var sp struct {
		ID string `json:"id"`
	}
	if err := c.graphDo(ctx, http.MethodPost, v1+"/servicePrincipals", at, map[string]string{"appId": app.AppID}, &sp); err != nil {
		return out, bootstrapError(err)
	}
	out.ServicePrincipalID = sp.ID

	in.report(StepBootstrap, "Granting TenantLens' read-only permissions in your tenant…", "")
	grant := permissionGrant{ClientID: sp.ID, ConsentType: "AllPrincipals", ResourceID: graphSP, Scope: strings.Join(grantScopes(), " ")}
	var created struct {
		Scope string `json:"scope"`
	}
	if err := c.graphDo(ctx, http.MethodPost, v1+"/oauth2PermissionGrants", at, grant, &created); err != nil {
		return out, bootstrapError(err)
	}
	out.GrantedScopes = created.Scope
	if out.GrantedScopes == "" {
		out.GrantedScopes = grant.Scope
	}
	in.report(StepDone, "Created the TenantLens app registration "+out.ClientID+".", "")
	return out, nil
}

// graphServicePrincipalID finds Microsoft Graph's service principal in the
// signed-in tenant.
func (c *Client) graphServicePrincipalID(ctx context.Context, at string) (string, error) {
	q := url.Values{"$filter": {"appId eq '" + GraphAppID + "'"}, "$select": {"id,appId"}}
	var id string
	err := c.graphList(ctx, "/servicePrincipals?"+q.Encode(), at, func(raw json.RawMessage) error {
		var sp struct {
			ID    string `json:"id"`
			AppID string `json:"appId"`
		}
		if json.Unmarshal(raw, &sp) == nil && strings.EqualFold(sp.AppID, GraphAppID) && id == "" {
			id = sp.ID
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	if id == "" {
		return "", newError(KindProtocol, "Microsoft Graph's service principal was not found", nil)
	}
	return id, nil
}

func bootstrapError(err error) error {
	if e := AsError(err); e != nil && e.Kind == KindPermission {
		e.Message = "The signed-in account cannot create app registrations."
		e.Remedy = "Sign in as a Global Administrator (or Application Administrator) of your MSP tenant, or use “I already have one” and paste a client ID."
	}
	return err
}
