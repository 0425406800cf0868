package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// ScriptResult is the script-style pull of some tenants.
type ScriptResult struct {
	Tenants  int
	Users    int
	Requests int // HTTP requests sent (the token's excluded; see Extrapolate)
	Wall     time.Duration
}

// Script pulls tenants the way a typical admin script does: one tenant
// after another; users paged ($top=999, generous to the script); then one
// GET /users/{id}/authentication/methods per user, one after another. The
// access token comes from graphsim's helper; Extrapolate adds one token
// round trip per tenant.
func Script(ctx context.Context, srv *Server, tenantIDs []string) (ScriptResult, error) {
	hc := &http.Client{Timeout: time.Minute}
	res := ScriptResult{Tenants: len(tenantIDs)}
	start := time.Now()
	get := func(tok, u string, out any) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		res.Requests++
		if resp.StatusCode != http.StatusOK {
			_, _ = io.Copy(io.Discard, resp.Body)
			return fmt.Errorf("GET %s: %s", Endpoint(req.URL.Path), resp.Status)
		}
		return json.NewDecoder(resp.Body).Decode(out)
	}
	for _, id := range tenantIDs {
		tok := srv.Sim.IssueToken(id)
		var ids []string
		next := srv.Graph() + "/v1.0/users?$select=id,userPrincipalName&$top=999"
		for next != "" {
			var page struct {
				Value []struct {
					ID string `json:"id"`
				} `json:"value"`
				Next string `json:"@odata.nextLink"`
			}
			if err := get(tok, next, &page); err != nil {
				return res, err
			}
			for _, u := range page.Value {
				ids = append(ids, u.ID)
			}
			next = page.Next
		}
		for _, uid := range ids {
			var methods struct {
				Value []json.RawMessage `json:"value"`
			}
			if err := get(tok, srv.Graph()+"/v1.0/users/"+uid+"/authentication/methods", &methods); err != nil {
				return res, err
			}
		}
		res.Users += len(ids)
	}
	res.Wall = time.Since(start)
	return res, nil
}

// ScriptRequests is what the script sends for one tenant: a token, the
// users pages and one methods call per user.
func ScriptRequests(s Shape) int { return 1 + max(1, ceilDiv(s.Users, 999)) + s.Users }

// Extrapolate scales a sample to all shapes by the sample's time per
// request (the script is strictly sequential, so time ~ requests).
func Extrapolate(sample ScriptResult, shapes []Shape) (time.Duration, int) {
	total := 0
	for _, s := range shapes {
		total += ScriptRequests(s)
	}
	if sample.Requests == 0 {
		return 0, total
	}
	per := sample.Wall / time.Duration(sample.Requests)
	return per * time.Duration(total), total
}
