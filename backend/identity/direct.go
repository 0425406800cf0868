package identity

import (
	"context"
	"strings"

	"tenantlens/backend/types"
)

// ConnectDirect connects one tenant: resolve the GUID or domain, sign in at
// that tenant (with the admin consent step when Microsoft asks for it), read
// /organization and /domains, and store the refresh token in the keychain
// under the new connection's SecretKey. The caller stores the returned
// connection and tenant.
func (c *Client) ConnectDirect(ctx context.Context, tenant string, in Interaction) (types.ConnectResult, error) {
	return c.connectDirect(ctx, tenant, c.Scopes(false), in)
}

func (c *Client) connectDirect(ctx context.Context, tenant string, scopes []string, in Interaction) (types.ConnectResult, error) {
	in.report(StepResolve, "Looking up "+strings.TrimSpace(tenant)+"…", "")
	rt, err := c.ResolveTenant(ctx, tenant)
	if err != nil {
		return types.ConnectResult{}, err
	}
	in.report(StepSignIn, "Found tenant "+rt.ID+". Signing in…", "")
	req := SignInRequest{Tenant: rt.ID, ClientID: c.o.ClientID, Scopes: scopes, Prompt: "select_account"}
	res, err := c.interactive(ctx, req, rt.ID, in)
	if err != nil {
		return types.ConnectResult{}, err
	}
	if res.Claims.TenantID != "" && !strings.EqualFold(res.Claims.TenantID, rt.ID) {
		e := newError(KindProtocol, "signed in to another tenant than requested", nil)
		e.Tenant = rt.ID
		return types.ConnectResult{}, e
	}
	if res.Token.RefreshToken == "" {
		e := newError(KindNoRefreshToken, "", nil)
		e.Tenant = rt.ID
		return types.ConnectResult{}, e
	}

	in.report(StepTenant, "Reading the organization and its domains…", "")
	info, err := c.readTenant(ctx, res.Token.AccessToken)
	if err != nil {
		return types.ConnectResult{}, withTenant(err, rt.ID)
	}
	if info.ID != "" && info.ID != rt.ID {
		e := newError(KindProtocol, "Graph answered for another tenant", nil)
		e.Tenant = rt.ID
		return types.ConnectResult{}, e
	}

	conn := c.newConnection(types.ConnectionDirect, rt.ID, info.DisplayName, res.Claims)
	in.report(StepSave, "Saving the sign-in to the system keychain…", "")
	if err := c.saveRefreshToken(conn.SecretKey, res.Token); err != nil {
		return types.ConnectResult{}, err
	}
	t := types.Tenant{
		ID:            rt.ID,
		DisplayName:   info.DisplayName,
		DefaultDomain: info.DefaultDomain,
		Domains:       info.Domains,
		ConnectionID:  conn.ID,
		Access:        types.AccessReady,
		CreatedAt:     conn.CreatedAt,
	}
	in.report(StepDone, "Connected to "+info.DisplayName+".", "")
	return types.ConnectResult{Connection: conn, Tenants: []types.Tenant{t}}, nil
}

func (c *Client) newConnection(kind types.ConnectionKind, home, name string, cl Claims) types.Connection {
	id := newID()
	return types.Connection{
		ID:           id,
		Kind:         kind,
		HomeTenantID: home,
		DisplayName:  name,
		Username:     cl.PreferredUsername,
		Cloud:        c.o.Cloud,
		ClientID:     c.o.ClientID,
		SecretKey:    SecretKeyFor(id),
		CreatedAt:    c.o.Now().UTC(),
	}
}

// withTenant stamps tenant on an *Error that has none.
func withTenant(err error, tenant string) error {
	if e := AsError(err); e != nil && e.Tenant == "" {
		e.Tenant = tenant
	}
	return err
}
