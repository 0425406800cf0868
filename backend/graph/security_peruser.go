package graph

import (
	"context"
	"strings"

	abs "github.com/microsoft/kiota-abstractions-go"
	absser "github.com/microsoft/kiota-abstractions-go/serialization"
)

// Per-user MFA state (GRAPH-FACTS §14): GET /beta/users/{id}/authentication/requirements
// → {"perUserMfaState":"disabled"|"enabled"|"enforced"}, Policy.Read.All,
// beta only, one call per user — so through /beta/$batch, 20 a request.

// EndpointPerUserMFA names the per-user MFA reads in errors and notes.
const EndpointPerUserMFA = "POST /beta/$batch (GET /users/{id}/authentication/requirements)"

// betaAdapter is the client's adapter with the beta base URL: requests go
// through the same HTTP client, pacer and token provider. It pins each
// request's URL before handing it on, since the inner adapter stamps its own
// (v1.0) base URL into the path parameters.
type betaAdapter struct {
	abs.RequestAdapter
	base string
}

func (b betaAdapter) GetBaseUrl() string { return b.base }

func (b betaAdapter) pin(ri *abs.RequestInformation) {
	if ri == nil {
		return
	}
	if _, ok := ri.PathParameters["baseurl"]; !ok || ri.PathParameters["baseurl"] == "" {
		ri.PathParameters["baseurl"] = b.base
	}
	if u, err := ri.GetUri(); err == nil {
		ri.SetUri(*u)
	}
}

func (b betaAdapter) Send(ctx context.Context, ri *abs.RequestInformation, f absser.ParsableFactory, m abs.ErrorMappings) (absser.Parsable, error) {
	b.pin(ri)
	return b.RequestAdapter.Send(ctx, ri, f, m)
}

// beta returns a copy of the client that talks to Graph's beta version.
func (c *Client) beta() *Client {
	bc := *c
	base := c.adapter.GetBaseUrl()
	base = strings.TrimSuffix(base, "/v1.0") + "/beta"
	bc.adapter = betaAdapter{RequestAdapter: c.adapter, base: base}
	bc.params = map[string]string{"baseurl": base}
	return &bc
}

// PerUserMFAStates reads the per-user MFA state of the given users. A
// 401/403 item fails the call (the permission or role is tenant-wide); a
// user gone meanwhile (404) is left out.
func (c *Client) PerUserMFAStates(ctx context.Context, userIDs []string) (map[string]string, error) {
	out := make(map[string]string, len(userIDs))
	if len(userIDs) == 0 {
		return out, nil
	}
	bc := c.beta()
	err := eachChunk(ctx, c, EndpointPerUserMFA, userIDs, bc.perUserChunk, func(_ []string, res map[string]string) {
		for k, v := range res {
			out[k] = v
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (c *Client) perUserChunk(ctx context.Context, ids []string) (map[string]string, error) {
	out := map[string]string{}
	base := c.adapter.GetBaseUrl()
	err := c.perUserBatch(ctx, EndpointPerUserMFA, ids, func(id string) (*abs.RequestInformation, error) {
		ri := abs.NewRequestInformationWithMethodAndUrlTemplateAndPathParameters(abs.GET,
			"{+baseurl}/users/{user%2Did}/authentication/requirements", map[string]string{"baseurl": base, "user%2Did": id})
		ri.Headers.TryAdd("Accept", "application/json")
		return ri, nil
	}, func(a batchAnswer) error {
		switch {
		case a.status == 404:
			return nil
		case a.status < 200 || a.status >= 300:
			return itemFailure(EndpointPerUserMFA, a)
		}
		var st string
		switch v := a.item.GetBody()["perUserMfaState"].(type) { // kiota parses untyped values as pointers
		case string:
			st = v
		case *string:
			if v != nil {
				st = *v
			}
		}
		switch st {
		case "disabled", "enabled", "enforced":
			out[a.userID] = st
		default:
			return &Error{Class: ClassMalformed, Endpoint: EndpointPerUserMFA, Status: a.status,
				Message: "the per-user MFA state of user " + a.userID + " is not disabled, enabled or enforced: " + st}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
