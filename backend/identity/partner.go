package identity

import (
	"context"
	"encoding/json"
	"errors"
	"sort"
	"strconv"
	"strings"

	"tenantlens/backend/types"
)

// Built-in directory role definition IDs (the same in every tenant).
const (
	RoleGlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10"
	RoleGlobalReader        = "f2ef992c-3afb-46b9-b7cf-a126ee74c451"
	RoleUserAdministrator   = "fe930be7-5e62-47db-91af-98c3a49a38b1"
	RoleReportsReader       = "4a5d8f65-41da-4de4-8968-e035b65339cf"
)

var roleNames = map[string]string{
	RoleGlobalAdministrator:                "Global Administrator",
	RoleGlobalReader:                       "Global Reader",
	RoleUserAdministrator:                  "User Administrator",
	RoleReportsReader:                      "Reports Reader",
	"5d6b6bb7-de71-4623-b4af-96380a352509": "Security Reader",
	"194ae4cb-b126-40b2-bd5b-6091b380977d": "Security Administrator",
	"88d8e3e3-8f55-4a1e-953a-9b9898b8876b": "Directory Readers",
	"4d6ac14f-3453-41d0-bef9-a3e0c569773a": "License Administrator",
	"c4e39bd9-1100-46d3-8c65-fb160da0071f": "Authentication Administrator",
	"0526716b-113d-4c15-b2c8-68e3c22b9f80": "Authentication Policy Administrator",
	"e8611ab8-c189-46e8-94e1-60213ab1f814": "Privileged Role Administrator",
	"729827e3-9c14-49f7-bb1b-9608f156bbb8": "Helpdesk Administrator",
	"29232cdf-9323-42fd-ade2-1d097af3e4de": "Exchange Administrator",
	"f28a1f50-f6e7-4571-818b-6a12f2af6b6c": "SharePoint Administrator",
	"69091246-20e8-4a56-aa4d-066075b2a7a8": "Teams Administrator",
	"158c047a-c907-4556-b7ef-446551a6b5f7": "Cloud Application Administrator",
	"f023fd81-a637-4b56-95fd-791ac0226033": "Service Support Administrator",
	"3a2c62db-5318-420d-8d74-23affee5d9d5": "Intune Administrator",
}

// RoleName is the display name of a built-in role definition ID (the ID
// itself when unknown).
func RoleName(id string) string {
	if n, ok := roleNames[strings.ToLower(id)]; ok {
		return n
	}
	return id
}

// Warnings for roles TenantLens needs, naming what will be unavailable.
const (
	WarnNoGlobalReader = "Global Reader is missing: users, licences, domains and authentication methods may not be readable."
	WarnNoUserAdmin    = "User Administrator is missing: per-user authentication methods (the MFA fallback for tenants without Entra ID P1) will be unavailable."
	WarnNoReports      = "Reports Reader is missing: usage reports (last activity, emails sent and read) and MFA registration details will be unavailable."
)

// RoleWarnings returns a warning for each of Global Reader, User
// Administrator and Reports Reader that roles lacks; Global Administrator
// covers all three.
func RoleWarnings(roles []string) []string {
	has := map[string]bool{}
	for _, r := range roles {
		has[strings.ToLower(r)] = true
	}
	if has[RoleGlobalAdministrator] {
		return nil
	}
	var w []string
	if !has[RoleGlobalReader] {
		w = append(w, WarnNoGlobalReader)
	}
	if !has[RoleUserAdministrator] {
		w = append(w, WarnNoUserAdmin)
	}
	if !has[RoleReportsReader] {
		w = append(w, WarnNoReports)
	}
	return w
}

type gdapCustomer struct {
	ID          string `json:"id"`
	TenantID    string `json:"tenantId"`
	DisplayName string `json:"displayName"`
}

type gdapRelationship struct {
	ID          string `json:"id"`
	DisplayName string `json:"displayName"`
	Status      string `json:"status"`
	Customer    struct {
		TenantID    string `json:"tenantId"`
		DisplayName string `json:"displayName"`
	} `json:"customer"`
	AccessDetails struct {
		UnifiedRoles []struct {
			RoleDefinitionID string `json:"roleDefinitionId"`
		} `json:"unifiedRoles"`
	} `json:"accessDetails"`
}

// discovered is one customer as GDAP describes it.
type discovered struct {
	id, name string
	roles    []string // role definition IDs of active relationships
	statuses []string // statuses of all its relationships
	active   bool
}

// ConnectPartner signs the MSP's technician in at the partner tenant
// (partnerTenant, or "organizations" when empty), lists GDAP customers and
// relationships, and redeems the partner refresh token at each customer's
// authority. Every discovered customer comes back with Access ready,
// needs_consent (with the remedy) or no_access.
func (c *Client) ConnectPartner(ctx context.Context, partnerTenant string, in Interaction) (types.ConnectResult, error) {
	if err := c.gdapOffered(); err != nil {
		return types.ConnectResult{}, err
	}
	authTenant := "organizations"
	if strings.TrimSpace(partnerTenant) != "" {
		in.report(StepResolve, "Looking up "+strings.TrimSpace(partnerTenant)+"…", "")
		rt, err := c.ResolveTenant(ctx, partnerTenant)
		if err != nil {
			return types.ConnectResult{}, err
		}
		authTenant = rt.ID
	}
	in.report(StepSignIn, "Signing in to your partner tenant…", "")
	req := SignInRequest{Tenant: authTenant, ClientID: c.o.ClientID, Scopes: c.Scopes(true), Prompt: "select_account"}
	consentAt := ""
	if authTenant != "organizations" {
		consentAt = authTenant
	}
	res, err := c.interactive(ctx, req, consentAt, in)
	if err != nil {
		return types.ConnectResult{}, err
	}
	if res.Token.RefreshToken == "" {
		return types.ConnectResult{}, newError(KindNoRefreshToken, "", nil)
	}
	home := strings.ToLower(res.Claims.TenantID)

	in.report(StepTenant, "Reading your partner organization…", "")
	info, err := c.readTenant(ctx, res.Token.AccessToken)
	if err != nil {
		return types.ConnectResult{}, err
	}
	if home == "" {
		home = info.ID
	}
	conn := c.newConnection(types.ConnectionPartner, home, info.DisplayName, res.Claims)

	in.report(StepDiscover, "Listing GDAP customers and relationships…", "")
	customers, err := c.discoverGDAP(ctx, res.Token.AccessToken)
	if err != nil {
		return types.ConnectResult{}, err
	}
	in.report(StepSave, "Saving the sign-in to the system keychain…", "")
	if err := c.saveRefreshToken(conn.SecretKey, res.Token); err != nil {
		return types.ConnectResult{}, err
	}

	out := types.ConnectResult{Connection: conn}
	if len(customers) == 0 {
		out.Warnings = append(out.Warnings, "No GDAP customers were found for this partner tenant. Create GDAP relationships in Partner Center, then connect again.")
	}
	for i, d := range customers {
		in.report(StepCustomer, "Checking access to "+d.name+" ("+itoa(i+1)+" of "+itoa(len(customers))+")…", "")
		t, err := c.probeCustomer(ctx, conn, d)
		if err != nil {
			// Failures that concern the sign-in itself stop the connect;
			// the token stays in the keychain only on success.
			_ = c.Forget(conn)
			return types.ConnectResult{}, err
		}
		out.Tenants = append(out.Tenants, t)
	}
	ready := 0
	for _, t := range out.Tenants {
		if t.Access == types.AccessReady {
			ready++
		}
	}
	in.report(StepDone, "Connected as partner: "+itoa(ready)+" of "+itoa(len(out.Tenants))+" customers ready.", "")
	return out, nil
}

// discoverGDAP lists customers and relationships. Customers whose
// relationships all expired are kept (they show as no access); only active
// relationships contribute roles.
func (c *Client) discoverGDAP(ctx context.Context, accessToken string) ([]discovered, error) {
	byID := map[string]*discovered{}
	get := func(id, name string) *discovered {
		id = strings.ToLower(id)
		d := byID[id]
		if d == nil {
			d = &discovered{id: id, name: name}
			byID[id] = d
		}
		if d.name == "" {
			d.name = name
		}
		return d
	}
	err := c.graphList(ctx, "/tenantRelationships/delegatedAdminCustomers", accessToken, func(raw json.RawMessage) error {
		var gc gdapCustomer
		if err := json.Unmarshal(raw, &gc); err != nil {
			return newError(KindProtocol, "delegatedAdminCustomer is not the expected JSON", nil)
		}
		id := gc.TenantID
		if id == "" {
			id = gc.ID
		}
		if IsGUID(id) {
			get(id, gc.DisplayName)
		}
		return nil
	})
	if err != nil {
		return nil, gdapError(err)
	}
	err = c.graphList(ctx, "/tenantRelationships/delegatedAdminRelationships", accessToken, func(raw json.RawMessage) error {
		var r gdapRelationship
		if err := json.Unmarshal(raw, &r); err != nil {
			return newError(KindProtocol, "delegatedAdminRelationship is not the expected JSON", nil)
		}
		if !IsGUID(r.Customer.TenantID) {
			return nil
		}
		d := get(r.Customer.TenantID, r.Customer.DisplayName)
		st := strings.ToLower(r.Status)
		d.statuses = appendUnique(d.statuses, st)
		if st != "active" && st != "expiring" {
			return nil // expired, terminated, pending: listed, but grants nothing
		}
		d.active = true
		for _, ur := range r.AccessDetails.UnifiedRoles {
			d.roles = appendUnique(d.roles, strings.ToLower(ur.RoleDefinitionID))
		}
		return nil
	})
	if err != nil {
		return nil, gdapError(err)
	}
	out := make([]discovered, 0, len(byID))
	for _, d := range byID {
		out = append(out, *d)
	}
	sort.Slice(out, func(i, j int) bool {
		if !strings.EqualFold(out[i].name, out[j].name) {
			return strings.ToLower(out[i].name) < strings.ToLower(out[j].name)
		}
		return out[i].id < out[j].id
	})
	return out, nil
}

func gdapError(err error) error {
	if e := AsError(err); e != nil && e.Kind == KindPermission {
		e.Message = "Your account cannot read GDAP relationships in the partner tenant."
		e.Remedy = "Sign in with a partner account that can read delegated admin relationships (for example an admin agent), and make sure TenantLens was consented with DelegatedAdminRelationship.Read.All."
	}
	return err
}

// probeCustomer redeems the partner's refresh token at the customer and
// classifies the answer. Only failures of the partner sign-in itself
// (expired or revoked grant, network, keychain) are returned as errors.
func (c *Client) probeCustomer(ctx context.Context, conn types.Connection, d discovered) (types.Tenant, error) {
	t := types.Tenant{ID: d.id, DisplayName: d.name, ConnectionID: conn.ID, CreatedAt: conn.CreatedAt}
	for _, r := range d.roles {
		t.GDAPRoles = append(t.GDAPRoles, RoleName(r))
	}
	if d.active {
		t.RoleWarnings = RoleWarnings(d.roles)
	} else {
		st := "none"
		if len(d.statuses) > 0 {
			st = strings.Join(d.statuses, ", ")
		}
		t.RoleWarnings = []string{"No active GDAP relationship (relationship status: " + st + "): TenantLens can read nothing in this tenant until one is approved in Partner Center."}
	}
	tok, err := c.TokenSource(conn, d.id).TokenContext(ctx)
	if err != nil {
		e := AsError(err)
		if e == nil {
			return t, err
		}
		switch {
		case e.Kind == KindConsent:
			t.Access = types.AccessNeedsConsent
			t.AccessDetail = MsgConsent + " " + RemedyConsentPartner + " Admin consent link: " +
				c.AdminConsentURL(d.id, conn.ClientID, "http://localhost", "tenantlens")
			if e.Code != 0 {
				t.AccessDetail += " (AADSTS" + strconv.Itoa(e.Code) + ")"
			}
		case e.Kind == KindNoAccess:
			t.Access = types.AccessNoAccess
			t.AccessDetail = e.Error()
		case e.Kind == KindNetwork, e.Kind == KindKeychain, e.Kind == KindReauth:
			return t, err
		default:
			t.Access = types.AccessNoAccess
			t.AccessDetail = e.Error()
		}
		return t, nil
	}
	t.Access = types.AccessReady
	info, err := c.readTenant(ctx, tok.AccessToken)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return t, err
		}
		c.o.Log.Info("customer organization unreadable", "tenant", d.id, "err", err.Error())
		return t, nil
	}
	if info.DisplayName != "" {
		t.DisplayName = info.DisplayName
	}
	t.DefaultDomain, t.Domains = info.DefaultDomain, info.Domains
	return t, nil
}

func appendUnique(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

func itoa(n int) string { return strconv.Itoa(n) }
