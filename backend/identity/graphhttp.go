package identity

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// graphErrorBody is Graph's error envelope.
type graphErrorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// ClassifyGraphError maps a failed Graph response to an *Error: 401 →
// reauthorise, 403 NonPremium → MFA unavailable (no P1), other 403 →
// permission, 429/5xx → retryable. The Graph error code goes into Detail;
// Graph's message is not kept (it can quote request data).
func ClassifyGraphError(status int, body []byte) *Error {
	var ge graphErrorBody
	_ = json.Unmarshal(body, &ge)
	code := ge.Error.Code
	detail := "Graph HTTP " + strconv.Itoa(status)
	if code != "" {
		detail += " " + code
	}
	switch {
	case status == http.StatusUnauthorized:
		return newError(KindReauth, detail, nil)
	case status == http.StatusForbidden && (code == "Authentication_RequestFromNonPremiumTenantOrB2CTenant" ||
		strings.Contains(strings.ToLower(ge.Error.Message), "premium")):
		e := MFAUnavailable("", true)
		e.Detail = detail
		return e
	case status == http.StatusForbidden:
		return newError(KindPermission, detail, nil)
	case status == http.StatusTooManyRequests || status >= 500:
		return newError(KindRetryable, detail, nil)
	}
	return newError(KindProtocol, detail, nil)
}

// graphDo sends one Graph request with a bearer token and decodes a JSON
// answer into out (when not nil).
func (c *Client) graphDo(ctx context.Context, method, u, accessToken string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+accessToken)
	req.Header.Set("Accept", "application/json")
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.o.HTTP.Do(req)
	if err != nil {
		return classifyTransport(err, req.URL.Host)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	if err != nil {
		return classifyTransport(err, req.URL.Host)
	}
	if resp.StatusCode/100 != 2 {
		return ClassifyGraphError(resp.StatusCode, b)
	}
	if out == nil || len(bytes.TrimSpace(b)) == 0 {
		return nil
	}
	if err := json.Unmarshal(b, out); err != nil {
		return newError(KindProtocol, "Graph answer is not the expected JSON", nil)
	}
	return nil
}

// graphList follows @odata.nextLink from path (relative to /v1.0) and
// calls each with every page's raw items. At most maxPages pages.
func (c *Client) graphList(ctx context.Context, path, accessToken string, each func(json.RawMessage) error) error {
	const maxPages = 1000
	u := c.o.Graph + "/v1.0" + path
	for i := 0; u != "" && i < maxPages; i++ {
		var page struct {
			Value    []json.RawMessage `json:"value"`
			NextLink string            `json:"@odata.nextLink"`
		}
		if err := c.graphDo(ctx, http.MethodGet, u, accessToken, nil, &page); err != nil {
			return err
		}
		for _, v := range page.Value {
			if err := each(v); err != nil {
				return err
			}
		}
		u = page.NextLink
	}
	return nil
}

// organization is the part of /organization TenantLens reads.
type organization struct {
	ID              string `json:"id"`
	DisplayName     string `json:"displayName"`
	VerifiedDomains []struct {
		Name      string `json:"name"`
		IsDefault bool   `json:"isDefault"`
		IsInitial bool   `json:"isInitial"`
	} `json:"verifiedDomains"`
}

type domain struct {
	ID         string `json:"id"`
	IsDefault  bool   `json:"isDefault"`
	IsInitial  bool   `json:"isInitial"`
	IsVerified bool   `json:"isVerified"`
}

// tenantInfo is a tenant's name and domains as Graph reports them.
type tenantInfo struct {
	ID, DisplayName, DefaultDomain string
	Domains                        []string
}

// readTenant reads /organization and /domains with accessToken. /domains
// needs a directory role; when it is refused the organization's
// verifiedDomains are used instead.
func (c *Client) readTenant(ctx context.Context, accessToken string) (tenantInfo, error) {
	var orgs []organization
	err := c.graphList(ctx, "/organization", accessToken, func(raw json.RawMessage) error {
		var o organization
		if err := json.Unmarshal(raw, &o); err != nil {
			return newError(KindProtocol, "organization is not the expected JSON", nil)
		}
		orgs = append(orgs, o)
		return nil
	})
	if err != nil {
		return tenantInfo{}, err
	}
	if len(orgs) == 0 {
		return tenantInfo{}, newError(KindProtocol, "/organization returned no organization", nil)
	}
	o := orgs[0]
	info := tenantInfo{ID: strings.ToLower(o.ID), DisplayName: o.DisplayName}
	var doms []domain
	derr := c.graphList(ctx, "/domains", accessToken, func(raw json.RawMessage) error {
		var d domain
		if err := json.Unmarshal(raw, &d); err != nil {
			return newError(KindProtocol, "domain is not the expected JSON", nil)
		}
		doms = append(doms, d)
		return nil
	})
	if derr == nil && len(doms) > 0 {
		for _, d := range doms {
			if !d.IsVerified {
				continue
			}
			info.Domains = append(info.Domains, d.ID)
			if d.IsDefault {
				info.DefaultDomain = d.ID
			}
		}
	} else {
		if derr != nil {
			c.o.Log.Info("domains unreadable; using organization.verifiedDomains", "err", derr.Error())
		}
		for _, d := range o.VerifiedDomains {
			info.Domains = append(info.Domains, d.Name)
			if d.IsDefault {
				info.DefaultDomain = d.Name
			}
		}
	}
	if info.DefaultDomain == "" && len(info.Domains) > 0 {
		info.DefaultDomain = info.Domains[0]
	}
	return info, nil
}
