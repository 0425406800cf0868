package identity

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

var guidRe = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// IsGUID reports whether s is a GUID (a tenant ID).
func IsGUID(s string) bool { return guidRe.MatchString(s) }

// normalizeTenant validates what a user typed as a tenant; see
// ParseTenantInput, the one parser of tenant input.
func normalizeTenant(in string) (string, error) { return ParseTenantInput(in) }

// TenantEndpoints are one tenant's identity endpoints.
type TenantEndpoints struct {
	Tenant       string // GUID, domain or "organizations"
	Authorize    string
	Token        string
	AdminConsent string
	Discovery    string
}

// Endpoints builds tenant's endpoints under c's authority. tenant must be a
// validated GUID, domain or meta-tenant.
func (c *Client) Endpoints(tenant string) TenantEndpoints {
	base := c.o.Authority + "/" + url.PathEscape(tenant)
	return TenantEndpoints{
		Tenant:       tenant,
		Authorize:    base + "/oauth2/v2.0/authorize",
		Token:        base + "/oauth2/v2.0/token",
		AdminConsent: base + "/v2.0/adminconsent",
		Discovery:    base + "/v2.0/.well-known/openid-configuration",
	}
}

// ResolvedTenant is what the discovery document says about a tenant.
type ResolvedTenant struct {
	ID     string // tenant GUID
	Input  string // what was asked for (normalised)
	Issuer string
	// CloudInstance and GraphHost come from the discovery document
	// (cloud_instance_name, msgraph_host) when present.
	CloudInstance string
	GraphHost     string
}

// ResolveTenant turns a tenant GUID or domain into its GUID with the
// /{tenant}/v2.0/.well-known/openid-configuration document.
func (c *Client) ResolveTenant(ctx context.Context, tenant string) (ResolvedTenant, error) {
	t, err := normalizeTenant(tenant)
	if err != nil {
		return ResolvedTenant{}, err
	}
	ep := c.Endpoints(t)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, ep.Discovery, nil)
	if err != nil {
		return ResolvedTenant{}, err
	}
	resp, err := c.o.HTTP.Do(req)
	if err != nil {
		return ResolvedTenant{}, classifyTransport(err, req.URL.Host)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return ResolvedTenant{}, classifyTransport(err, req.URL.Host)
	}
	if resp.StatusCode != http.StatusOK {
		var te tokenError
		_ = json.Unmarshal(body, &te)
		e := classifyTokenError(resp.StatusCode, te, t)
		if resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusBadRequest && e.Kind == KindProtocol {
			e = newError(KindTenantNotFound, detailFor(resp.StatusCode, te.Error), nil)
			e.Code = te.code()
		}
		e.Tenant = t
		if e.Kind == KindTenantNotFound {
			e.Message = "Microsoft could not find the tenant “" + t + "”."
		}
		return ResolvedTenant{}, e
	}
	var doc struct {
		Issuer        string `json:"issuer"`
		TokenEndpoint string `json:"token_endpoint"`
		CloudInstance string `json:"cloud_instance_name"`
		GraphHost     string `json:"msgraph_host"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		e := newError(KindProtocol, "openid-configuration is not JSON", nil)
		e.Tenant = t
		return ResolvedTenant{}, e
	}
	id := guidInURL(doc.Issuer)
	if id == "" {
		id = guidInURL(doc.TokenEndpoint)
	}
	if id == "" {
		e := newError(KindProtocol, "openid-configuration names no tenant ID", nil)
		e.Tenant = t
		return ResolvedTenant{}, e
	}
	if IsGUID(t) && !strings.EqualFold(id, t) {
		e := newError(KindProtocol, "openid-configuration answered for another tenant", nil)
		e.Tenant = t
		return ResolvedTenant{}, e
	}
	if err := c.checkCloudInstance(t, doc.CloudInstance); err != nil {
		return ResolvedTenant{}, err
	}
	return ResolvedTenant{ID: strings.ToLower(id), Input: t, Issuer: doc.Issuer, CloudInstance: doc.CloudInstance, GraphHost: doc.GraphHost}, nil
}

// guidInURL returns the first path segment of u that is a GUID.
func guidInURL(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	for _, seg := range strings.Split(p.Path, "/") {
		if IsGUID(seg) {
			return seg
		}
	}
	return ""
}
