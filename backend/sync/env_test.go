package sync

import (
	"context"
	gosync "sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"tenantlens/backend/events"
	"tenantlens/backend/graphsim"
	"tenantlens/backend/store"
	"tenantlens/backend/types"
)

// clock is a settable clock shared by the store and the engine.
type clock struct {
	mu  gosync.Mutex
	off time.Duration
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.off)
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.off += d
	c.mu.Unlock()
}

// env is graphsim (the demo MSP over HTTP), a real store in a temp folder,
// an event recorder and an engine, with every customer tenant registered.
type env struct {
	sim    *graphsim.Sim
	st     *store.Store
	rec    *events.Recorder
	eng    *Engine
	clk    *clock
	tokens map[string]string // tenant -> access token issued at setup
	truth  map[string]graphsim.GroundTruth
	ids    []string
}

func newEnv(t *testing.T, tune func(*Options)) *env {
	t.Helper()
	e := &env{clk: &clock{}, rec: events.NewRecorder(), tokens: map[string]string{}, truth: map[string]graphsim.GroundTruth{}}
	e.sim = graphsim.New(graphsim.Options{Seed: 1})
	if err := e.sim.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.sim.Close)
	st, err := store.Open(t.TempDir(), store.Options{Now: e.clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e.st = st
	ctx := context.Background()
	for _, c := range e.sim.MSP().Customers {
		if err := st.UpsertTenant(ctx, types.Tenant{ID: c.ID, DisplayName: c.DisplayName, DefaultDomain: c.DefaultDomain,
			Domains: c.Domains, Access: types.AccessReady, Demo: true}); err != nil {
			t.Fatal(err)
		}
		// tokens are issued once, like a cached access token: revoking the
		// tenant's grants later makes Graph refuse it
		e.tokens[c.ID] = e.sim.IssueToken(c.ID)
		e.truth[c.ID] = e.sim.GroundTruth(c.ID)
		e.ids = append(e.ids, c.ID)
	}
	o := Options{
		Store:     st,
		GraphBase: e.sim.GraphURL(),
		Bus:       e.rec,
		Now:       e.clk.Now,
		Tokens: func(id string) (oauth2.TokenSource, error) {
			return oauth2.StaticTokenSource(&oauth2.Token{AccessToken: e.tokens[id], TokenType: "Bearer"}), nil
		},
	}
	if tune != nil {
		tune(&o)
	}
	if e.eng, err = New(o); err != nil {
		t.Fatal(err)
	}
	return e
}

// tenantWhere returns the first customer (demo order) that fits.
func (e *env) tenantWhere(t *testing.T, ok func(graphsim.GroundTruth) bool) string {
	t.Helper()
	for _, id := range e.ids {
		if ok(e.truth[id]) {
			return id
		}
	}
	t.Fatal("no demo tenant fits")
	return ""
}
