package graphsim

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// Users delta query (GRAPH-FACTS §19): GET /users/delta (also delta(),
// microsoft.graph.delta, microsoft.graph.delta()). A round without a token
// lists every user; its last page carries @odata.deltaLink, whose token
// later returns only the users changed since (current state, or @removed).
// $deltatoken=latest returns no users, just a deltaLink. $select and the id
// filter are encoded in the tokens; $top is ignored; signInActivity cannot
// be selected. Tokens older than the lifetime (SetDeltaTokenLifetime,
// default 7 days) answer 400 syncStateNotFound; ResetDeltaSync answers 410.

func isDeltaSegment(seg string) bool {
	switch seg {
	case "delta", "delta()", "microsoft.graph.delta", "microsoft.graph.delta()":
		return true
	}
	return false
}

// deltaState is what the delta and skip tokens carry.
type deltaState struct {
	Tenant string   `json:"t"`
	From   int64    `json:"f"`           // changes after this sequence; -1 = full listing
	To     int64    `json:"o"`           // ... up to and including this one
	Off    int      `json:"k,omitempty"` // items already served in this round
	Sel    string   `json:"s,omitempty"` // $select, "" = default properties
	IDs    []string `json:"i,omitempty"` // $filter id eq ... (OR-ed)
	Issued int64    `json:"a"`           // unix nanos the round's base token was issued
}

const deltaTokenPrefix = "gsD1"

func encodeDeltaState(st deltaState) string {
	b, _ := json.Marshal(st)
	return deltaTokenPrefix + base64.RawURLEncoding.EncodeToString(b)
}

func decodeDeltaState(v string) (deltaState, bool) {
	var st deltaState
	rest, ok := strings.CutPrefix(v, deltaTokenPrefix)
	if !ok {
		return st, false
	}
	b, err := base64.RawURLEncoding.DecodeString(rest)
	if err != nil || json.Unmarshal(b, &st) != nil {
		return st, false
	}
	return st, true
}

var deltaIDTerm = regexp.MustCompile(`^id\s+eq\s+'([^']+)'$`)

// parseDeltaFilter accepts only `id eq '<id>'` terms joined by `or`, at most 50.
func parseDeltaFilter(f string) ([]string, bool) {
	var ids []string
	for _, term := range regexp.MustCompile(`(?i)\s+or\s+`).Split(strings.TrimSpace(f), -1) {
		term = strings.Trim(strings.TrimSpace(term), "()")
		m := deltaIDTerm.FindStringSubmatch(strings.TrimSpace(term))
		if m == nil {
			return nil, false
		}
		ids = append(ids, strings.ToLower(m[1]))
	}
	return ids, len(ids) > 0 && len(ids) <= 50
}

func (s *Sim) currentSeq() int64 {
	s.ext.mu.Lock()
	defer s.ext.mu.Unlock()
	return s.ext.seq
}

// DeltaRequests returns how many /users/delta requests the tenant made.
func (s *Sim) DeltaRequests(tenantID string) int {
	s.ext.mu.Lock()
	defer s.ext.mu.Unlock()
	return s.ext.deltaServed[tenantID]
}

func (s *Sim) usersDelta(c *gctx) {
	if !c.needScope(userReadScopes...) {
		return
	}
	if !c.hasRole(rolesDirectoryRead...) {
		c.fail(http.StatusForbidden, codeDenied, msgInsufficient)
		return
	}
	s.ext.mu.Lock()
	if s.ext.deltaServed == nil {
		s.ext.deltaServed = map[string]int{}
	}
	s.ext.deltaServed[c.t.ID]++
	s.ext.mu.Unlock()
	now := s.now()
	var st deltaState
	switch dt, skip := c.q.Get("$deltatoken"), c.q.Get("$skiptoken"); {
	case skip != "":
		var ok bool
		if st, ok = decodeDeltaState(skip); !ok || st.Tenant != c.t.ID {
			c.fail(http.StatusBadRequest, codeBadRequest, "The specified page token value has expired and can no longer be included in your request.")
			return
		}
		if s.deltaExpired(st, now) {
			s.failSyncState(c)
			return
		}
	case dt != "" && dt != "latest":
		prev, ok := decodeDeltaState(dt)
		if !ok || prev.Tenant != c.t.ID {
			c.fail(http.StatusBadRequest, codeBadRequest, "Invalid delta token.")
			return
		}
		s.ext.mu.Lock()
		reset := s.ext.resetNext[c.t.ID]
		delete(s.ext.resetNext, c.t.ID)
		s.ext.mu.Unlock()
		if reset {
			c.w.Header().Set("Location", c.base+"/users/delta?$deltatoken=")
			c.w.Header().Set("request-id", c.reqID)
			c.w.WriteHeader(http.StatusGone)
			return
		}
		if s.deltaExpired(prev, now) {
			s.failSyncState(c)
			return
		}
		st = deltaState{Tenant: c.t.ID, From: prev.To, To: s.currentSeq(), Sel: prev.Sel, IDs: prev.IDs, Issued: now.UnixNano()}
	default: // a new round, or $deltatoken=latest
		if c.q.Get("$orderby") != "" || c.q.Get("$expand") != "" || c.q.Get("$search") != "" {
			c.fail(http.StatusBadRequest, codeUnsupportedQuery, "Unsupported Query.")
			return
		}
		props, ok := c.parseSelect(true)
		if !ok {
			return
		}
		for _, p := range props {
			if p == "signInActivity" {
				c.fail(http.StatusBadRequest, "BadRequest", "Invalid request for delta query: for this entity set, $expand/$select is not supported for the following properties: signInActivity")
				return
			}
		}
		st = deltaState{Tenant: c.t.ID, From: -1, To: s.currentSeq(), Issued: now.UnixNano()}
		if c.q.Get("$select") != "" {
			st.Sel = strings.Join(props, ",")
		}
		if f := c.q.Get("$filter"); f != "" {
			ids, ok := parseDeltaFilter(f)
			if !ok {
				c.fail(http.StatusBadRequest, codeUnsupportedQuery, "Unsupported Query.")
				return
			}
			st.IDs = ids
		}
		if dt == "latest" {
			st.From = st.To
			s.writeDeltaPage(c, st, nil, true)
			return
		}
	}
	items := s.deltaItems(c.t, st)
	size := s.defaultPageSize(PageDelta, 200)
	start := min(st.Off, len(items))
	end := min(start+size, len(items))
	next := st
	next.Off = end
	s.writeDeltaPage(c, next, items[start:end], end >= len(items))
}

func (s *Sim) deltaExpired(st deltaState, now time.Time) bool {
	return now.Sub(time.Unix(0, st.Issued)) > s.deltaTokenLifetime()
}

func (s *Sim) failSyncState(c *gctx) {
	c.fail(http.StatusBadRequest, "syncStateNotFound", "The sync state generation is not found. The delta token is expired and data must be synchronized again.")
}

// deltaItem is a user id to serve in its current state.
type deltaItem struct{ id string }

// deltaItems lists the round's users: every user (full listing) or the
// distinct users changed in (From, To], in order of their last change.
func (s *Sim) deltaItems(t *Tenant, st deltaState) []deltaItem {
	want := map[string]bool{}
	for _, id := range st.IDs {
		want[id] = true
	}
	keep := func(id string) bool { return len(want) == 0 || want[strings.ToLower(id)] }
	var out []deltaItem
	if st.From < 0 {
		for _, u := range t.Users {
			if keep(u.ID) {
				out = append(out, deltaItem{u.ID})
			}
		}
		return out
	}
	s.ext.mu.Lock()
	log := s.ext.changes[t.ID]
	last := map[string]int64{}
	var order []string
	for _, ch := range log {
		if ch.seq <= st.From || ch.seq > st.To || !keep(ch.userID) {
			continue
		}
		if _, seen := last[ch.userID]; !seen {
			order = append(order, ch.userID)
		}
		last[ch.userID] = ch.seq
	}
	s.ext.mu.Unlock()
	// order by last change
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && last[order[j]] < last[order[j-1]]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	for _, id := range order {
		out = append(out, deltaItem{id})
	}
	return out
}

func (s *Sim) writeDeltaPage(c *gctx, st deltaState, items []deltaItem, last bool) {
	props := defaultUserProps
	selected := st.Sel != ""
	if selected {
		props = strings.Split(st.Sel, ",")
	}
	j := jw{b: make([]byte, 0, 256+len(items)*(96+48*len(props)))}
	j.obj()
	j.kstr("@odata.context", c.contextURL("users", props, selected))
	if last {
		base := st
		base.From, base.Off, base.Issued = -1, 0, s.now().UnixNano()
		j.kstr("@odata.deltaLink", c.base+"/users/delta?$deltatoken="+encodeDeltaState(base))
	} else {
		j.kstr("@odata.nextLink", c.base+"/users/delta?$skiptoken="+encodeDeltaState(st))
	}
	j.key("value")
	j.arr()
	for _, it := range items {
		u, ok := c.t.UserByID(it.id)
		switch {
		case ok && !u.Deleted:
			s.writeUser(&j, c.t, u, props)
		default:
			reason := "deleted"
			if ok {
				reason = "changed" // soft-deleted: restorable
			}
			j.obj()
			j.kstr("id", it.id)
			j.key("@removed")
			j.obj()
			j.kstr("reason", reason)
			j.endObj()
			j.endObj()
		}
	}
	j.endArr()
	j.endObj()
	c.writeJSON(http.StatusOK, j.b)
}
