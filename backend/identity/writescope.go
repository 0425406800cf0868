package identity

import (
	"context"
	"net/url"
	"strings"

	"tenantlens/backend/types"
)

// Licence changes (issue 13): TenantLens connects read-only. Only when the
// MSP turns on "Allow licence changes" for a tenant does it ask for the
// write permission, as an incremental consent for that one tenant; the
// sign-in that carries it is kept in the keychain under its own entry
// (LicenceWriteSecretKey) and used only for licence changes. Connect never
// asks for it (Scopes has no write scope).

// LicenceWriteScope is the least-privileged delegated permission of
// POST /users/{id}/assignLicense (GRAPH-FACTS §18).
const LicenceWriteScope = "LicenseAssignment.ReadWrite.All"

// Roles that may change licences (GRAPH-FACTS §18), by display name as
// stored on a partner tenant's GDAP roles.
var licenceRoles = []string{"License Administrator", "User Administrator", "Global Administrator", "Directory Writers"}

// Messages and remedies of the write consent.
const (
	MsgLicenceRoleMissing    = "The GDAP relationship with this customer has no role that may change licences."
	RemedyLicenceRoleMissing = "Add License Administrator or User Administrator to the GDAP relationship in Partner Center (and to the security group your account is in), then allow licence changes again."
	MsgLicenceNotGranted     = "Microsoft did not grant TenantLens the licence-assignment permission (" + LicenceWriteScope + ")."
	RemedyLicenceNotGranted  = "Sign in with an administrator of the tenant who may grant it (License Administrator or User Administrator can change licences; granting the permission needs a Global Administrator or Privileged Role Administrator), then allow licence changes again."
)

// LicenceWriteScopes are the scopes of the incremental consent: the
// licence-assignment permission, resource-qualified for c's cloud, then the
// OIDC scopes (offline_access for a refresh token).
func (c *Client) LicenceWriteScopes() []string {
	return append(c.qualify([]string{LicenceWriteScope}), oidcScopes...)
}

// LicenceWriteSecretKey is the keychain entry of a tenant's licence-change
// sign-in through a connection.
func LicenceWriteSecretKey(connectionID, tenantID string) string {
	return "connection-" + connectionID + "-licence-" + strings.ToLower(tenantID)
}

// IsWriteScope reports whether a scope (qualified or not) lets Graph write
// (…ReadWrite…, or the licence-assignment permission).
func IsWriteScope(scope string) bool {
	s := strings.ToLower(scope)
	return strings.Contains(s, "readwrite") || strings.Contains(s, strings.ToLower(LicenceWriteScope)) ||
		strings.HasSuffix(s, ".write.all")
}

// CheckLicenceRoles refuses a partner (GDAP) tenant whose relationship has
// none of License Administrator, User Administrator (or Global
// Administrator, Directory Writers). Direct tenants pass: the signed-in
// account's roles are checked by Microsoft.
func CheckLicenceRoles(kind types.ConnectionKind, t types.Tenant) error {
	if kind != types.ConnectionPartner {
		return nil
	}
	for _, have := range t.GDAPRoles {
		for _, want := range licenceRoles {
			if strings.EqualFold(strings.TrimSpace(have), want) {
				return nil
			}
		}
	}
	e := newError(KindPermission, "GDAP relationship without a licence role", nil)
	e.Message, e.Remedy, e.Tenant = MsgLicenceRoleMissing, RemedyLicenceRoleMissing, t.ID
	return e
}

// LicenceWriteGrant is a completed write consent: the keychain entry that
// holds its refresh token and who signed in.
type LicenceWriteGrant struct {
	SecretKey string
	Username  string
}

// LicenceWriteRequest is the sign-in of the incremental consent for
// tenantID through conn: at the tenant for a direct connection, at the
// partner's home tenant for GDAP (the token is then redeemed at the
// customer), asking for LicenceWriteScopes only.
func (c *Client) LicenceWriteRequest(conn types.Connection, tenantID string) SignInRequest {
	clientID := conn.ClientID
	if clientID == "" {
		clientID = c.o.ClientID
	}
	at := tenantID
	if conn.Kind == types.ConnectionPartner && conn.HomeTenantID != "" {
		at = conn.HomeTenantID
	}
	return SignInRequest{Tenant: at, ClientID: clientID, Scopes: c.LicenceWriteScopes(), LoginHint: conn.Username, Prompt: "select_account"}
}

// ConsentLicenceWrite runs the incremental consent for one tenant. For a
// partner connection the GDAP roles are checked first and an administrator
// approves the permission in the customer tenant (Microsoft's admin consent
// page, for this scope only); a direct connection signs in at the tenant and
// falls back to the admin consent page when Microsoft says an administrator
// must approve. The refresh token goes to the keychain under
// LicenceWriteSecretKey; nothing else is stored.
func (c *Client) ConsentLicenceWrite(ctx context.Context, conn types.Connection, t types.Tenant, in Interaction) (LicenceWriteGrant, error) {
	if err := CheckLicenceRoles(conn.Kind, t); err != nil {
		return LicenceWriteGrant{}, err
	}
	req := c.LicenceWriteRequest(conn, t.ID)
	if req.ClientID == "" {
		return LicenceWriteGrant{}, errNoClientID()
	}
	if conn.Kind == types.ConnectionPartner {
		in.report(StepConsent, "Approve the licence-assignment permission for "+orID(t)+" as an administrator.", "")
		if err := c.adminConsentScoped(ctx, t.ID, req.ClientID, LicenceWriteScope, in); err != nil {
			return LicenceWriteGrant{}, err
		}
	}
	in.report(StepSignIn, "Signing in to allow licence changes for "+orID(t)+"…", "")
	res, err := c.interactiveOnce(ctx, req, in)
	if e := AsError(err); e != nil && e.Kind == KindConsent && conn.Kind != types.ConnectionPartner {
		in.report(StepConsent, "An administrator must approve the licence-assignment permission; opening Microsoft's admin consent page.", "")
		if err := c.adminConsentScoped(ctx, t.ID, req.ClientID, LicenceWriteScope, in); err != nil {
			return LicenceWriteGrant{}, err
		}
		res, err = c.interactiveOnce(ctx, req, in)
	}
	if err != nil {
		return LicenceWriteGrant{}, withTenant(err, t.ID)
	}
	if !grantedScope(res.Scope, LicenceWriteScope) {
		e := newError(KindConsent, "write scope not granted", nil)
		e.Message, e.Remedy, e.Tenant = MsgLicenceNotGranted, RemedyLicenceNotGranted, t.ID
		return LicenceWriteGrant{}, e
	}
	key := LicenceWriteSecretKey(conn.ID, t.ID)
	in.report(StepSave, "Saving the licence-change sign-in to the system keychain…", "")
	if err := c.saveRefreshToken(key, res.Token); err != nil {
		return LicenceWriteGrant{}, withTenant(err, t.ID)
	}
	user := res.Claims.PreferredUsername
	if user == "" {
		user = conn.Username
	}
	in.report(StepDone, "Licence changes allowed for "+orID(t)+".", "")
	return LicenceWriteGrant{SecretKey: key, Username: user}, nil
}

// LicenceWriteTokenSource is the token source of a tenant's licence-change
// sign-in (the keychain entry key from ConsentLicenceWrite).
func (c *Client) LicenceWriteTokenSource(conn types.Connection, tenantID, key string) *TokenSource {
	conn.SecretKey = key
	return c.TokenSource(conn, tenantID)
}

// ForgetLicenceWrite removes a tenant's licence-change sign-in from the
// keychain (licence changes denied again).
func (c *Client) ForgetLicenceWrite(conn types.Connection, key string) error {
	if key == "" {
		return nil
	}
	conn.SecretKey = key
	return c.Forget(conn)
}

// AdminConsentScopedURL is Microsoft's admin consent URL for one scope.
func (c *Client) AdminConsentScopedURL(tenant, clientID, scope, redirectURI, state string) string {
	v := url.Values{
		"client_id":    {clientID},
		"scope":        {c.resource + scope},
		"redirect_uri": {redirectURI},
		"state":        {state},
	}
	return c.Endpoints(tenant).AdminConsent + "?" + v.Encode()
}

// adminConsentScoped runs the admin consent leg for one scope.
func (c *Client) adminConsentScoped(ctx context.Context, tenant, clientID, scope string, in Interaction) error {
	l, err := c.listen("/")
	if err != nil {
		return err
	}
	defer l.Close()
	u := c.AdminConsentScopedURL(tenant, clientID, scope, l.RedirectURI(), l.State())
	c.open(u, "Approve the licence-assignment permission as an administrator in your browser. If it did not open, copy the link.", in)
	q, err := l.Wait(ctx)
	if err != nil {
		return err
	}
	if q.Get("error") != "" {
		e := callbackError(q, tenant)
		if e.Kind == KindConsent && e.Code == 65004 {
			e = newError(KindCancelled, q.Get("error"), nil)
			e.Code, e.Tenant = 65004, tenant
		}
		return e
	}
	if !strings.EqualFold(q.Get("admin_consent"), "true") {
		e := newError(KindProtocol, "admin consent redirect without admin_consent=True", nil)
		e.Tenant = tenant
		return e
	}
	in.report(StepConsent, "An administrator approved the licence-assignment permission.", "")
	return nil
}

// grantedScope reports whether a token response's scope list holds name.
func grantedScope(scopes, name string) bool {
	for _, s := range strings.Fields(scopes) {
		if i := strings.LastIndex(s, "/"); i >= 0 {
			s = s[i+1:]
		}
		if strings.EqualFold(s, name) || strings.EqualFold(s, "Directory.ReadWrite.All") || strings.EqualFold(s, "User.ReadWrite.All") {
			return true
		}
	}
	return false
}

func orID(t types.Tenant) string {
	if t.DisplayName != "" {
		return t.DisplayName
	}
	return t.ID
}
