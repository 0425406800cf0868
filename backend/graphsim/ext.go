package graphsim

import (
	"sync"
	"time"
)

// Page-size endpoints for SetDefaultPageSize.
const (
	PageUsers               = "users"               // /users and deletedItems (Graph: 100)
	PageRegistrationDetails = "registrationDetails" // userRegistrationDetails (undocumented; graphsim: 1000)
	PageDelta               = "delta"               // /users/delta (undocumented, $top ignored; graphsim: 200)
)

// DefaultDeltaTokenLifetime is how long a users delta token stays valid
// for directory objects (GRAPH-FACTS §19: 7 days since July 2020).
const DefaultDeltaTokenLifetime = 7 * 24 * time.Hour

// simExt is emulator state added after sim.go's Sim: page sizes, the
// directory change log behind /users/delta, and delta-token settings. Its
// zero value is ready to use.
type simExt struct {
	mu            sync.Mutex
	pageDefault   map[string]int
	deltaLifetime time.Duration
	seq           int64               // last change sequence number (all tenants)
	changes       map[string][]change // tenant -> append-only change log
	resetNext     map[string]bool     // tenant -> next delta-token request answers 410 Gone
	deltaServed   map[string]int      // tenant -> delta requests served (tests)
}

// change is one entry of a tenant's change log: the user's state is read
// when the change is served (Graph sends the current state, not history).
type change struct {
	seq    int64
	userID string
}

// SetDefaultPageSize sets the page size an endpoint uses when the client
// sends no $top (PageUsers, PageRegistrationDetails) — or always, for
// PageDelta, which ignores $top like Graph. n <= 0 restores the default.
// Another emulator paged registration details 3 rows at a time; tests use
// this to make sure the client follows nextLink whatever the server picks.
func (s *Sim) SetDefaultPageSize(endpoint string, n int) {
	s.ext.mu.Lock()
	defer s.ext.mu.Unlock()
	if s.ext.pageDefault == nil {
		s.ext.pageDefault = map[string]int{}
	}
	if n <= 0 {
		delete(s.ext.pageDefault, endpoint)
		return
	}
	s.ext.pageDefault[endpoint] = n
}

// defaultPageSize returns the configured page size of an endpoint or def.
func (s *Sim) defaultPageSize(endpoint string, def int) int {
	s.ext.mu.Lock()
	defer s.ext.mu.Unlock()
	if n, ok := s.ext.pageDefault[endpoint]; ok {
		return n
	}
	return def
}

// SetDeltaTokenLifetime sets how long a delta token (and the state behind
// it) stays valid; older tokens answer 400 syncStateNotFound. d <= 0
// restores DefaultDeltaTokenLifetime.
func (s *Sim) SetDeltaTokenLifetime(d time.Duration) {
	s.ext.mu.Lock()
	defer s.ext.mu.Unlock()
	s.ext.deltaLifetime = d
}

func (s *Sim) deltaTokenLifetime() time.Duration {
	s.ext.mu.Lock()
	defer s.ext.mu.Unlock()
	if s.ext.deltaLifetime <= 0 {
		return DefaultDeltaTokenLifetime
	}
	return s.ext.deltaLifetime
}

// ResetDeltaSync makes the tenant's next request with a $deltatoken answer
// 410 Gone with an empty-token Location ("synchronization reset"), once.
func (s *Sim) ResetDeltaSync(tenantID string) {
	t, ok := s.Tenant(tenantID)
	if !ok {
		return
	}
	s.ext.mu.Lock()
	defer s.ext.mu.Unlock()
	if s.ext.resetNext == nil {
		s.ext.resetNext = map[string]bool{}
	}
	s.ext.resetNext[t.ID] = true
}
