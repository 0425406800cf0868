package graphsim

import (
	"net/http"
	"strings"
	"sync"
)

// Mid-run faults (Knobs.ReportDownload404, RevokeAfter, GDAPEndsAfter): they
// turn on after a number of Graph requests of the tenant, so a sync starts
// cleanly and breaks part-way, the way a grant revoked or a GDAP
// relationship ended during a sync does.

// faultState counts a tenant's Graph requests for the mid-run knobs. It is
// kept beside the Sim (not in it) so the knobs stay self-contained.
type faultState struct {
	mu      sync.Mutex
	n       map[string]int  // tenant -> Graph requests seen
	revoked map[string]bool // tenant -> RevokeAfter already fired
}

var faultStates sync.Map // *Sim -> *faultState

func (s *Sim) faultState() *faultState {
	if v, ok := faultStates.Load(s); ok {
		return v.(*faultState)
	}
	v, _ := faultStates.LoadOrStore(s, &faultState{n: map[string]int{}, revoked: map[string]bool{}})
	return v.(*faultState)
}

// ResetFaultCounts restarts the request counts of the mid-run knobs for a
// tenant ("" or "*": every tenant), e.g. after a clean first sync.
func (s *Sim) ResetFaultCounts(tenantID string) {
	fs := s.faultState()
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if tenantID == "" || tenantID == "*" {
		fs.n, fs.revoked = map[string]int{}, map[string]bool{}
		return
	}
	if t, ok := s.Tenant(tenantID); ok {
		delete(fs.n, t.ID)
		delete(fs.revoked, t.ID)
	}
}

// midRunFault applies the mid-run knobs to an authenticated Graph request;
// true when it answered.
func (s *Sim) midRunFault(c *gctx, k Knobs) bool {
	if k.RevokeAfter <= 0 && k.GDAPEndsAfter <= 0 && !k.ReportDownload404 {
		return false
	}
	fs := s.faultState()
	fs.mu.Lock()
	fs.n[c.t.ID]++
	n := fs.n[c.t.ID]
	revokeNow := k.RevokeAfter > 0 && n > k.RevokeAfter && !fs.revoked[c.t.ID]
	if revokeNow {
		fs.revoked[c.t.ID] = true
	}
	fs.mu.Unlock()

	if revokeNow {
		// this request already passed authentication; it is refused like
		// the ones after it (continuous access evaluation)
		s.RevokeGrants(c.t.ID)
		c.w.Header().Set("WWW-Authenticate", wwwAuthenticate+`, error="insufficient_claims"`)
		c.fail(http.StatusUnauthorized, codeInvalidToken, "Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp")
		return true
	}
	if k.GDAPEndsAfter > 0 && n > k.GDAPEndsAfter && c.grant.Partner {
		// The relationship ended: the partner's token is still valid but
		// carries no role in the customer any more (GRAPH-FACTS §6: only
		// active relationships grant access), so Graph refuses every call.
		c.fail(http.StatusForbidden, codeDenied, msgInsufficient)
		return true
	}
	if k.ReportDownload404 && c.r.Method == http.MethodGet && len(c.segs) == 2 && c.segs[0] == "reports" &&
		strings.HasPrefix(c.segs[1], "get") {
		// the 302 points at a download link that has already expired
		h := c.w.Header()
		h.Set("Location", s.baseFor(c.r)+"/reports-download/data/download/expired-"+randomGUID())
		h.Set("Content-Type", "text/plain")
		h.Set("request-id", c.reqID)
		c.w.WriteHeader(http.StatusFound)
		return true
	}
	return false
}
