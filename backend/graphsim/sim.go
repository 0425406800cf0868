// Package graphsim emulates the parts of the Microsoft identity platform and
// Microsoft Graph that TenantLens uses, on 127.0.0.1, over a seeded demo MSP.
// Wire shapes follow ../shared/graph/GRAPH-FACTS.md and its examples.
package graphsim

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// DemoClientID is the demo's pre-registered TenantLens public client: it
// lives in the partner tenant, is multi-tenant, and is consented in every
// demo tenant whose generator flag says so.
const DemoClientID = "7b1e4a52-93c6-4d0e-8f21-3a6c9d5e0b74"

// GraphCLIClientID is Microsoft Graph Command Line Tools, the first-party
// public client the one-time bootstrap signs in with.
const GraphCLIClientID = "14d82eec-204b-4c2f-b7e8-296a70dab67e"

// Options configures a Sim.
type Options struct {
	Seed        int64            // default 1
	Tenants     int              // customer tenants, default 12
	Now         func() time.Time // default time.Now
	AutoConsent bool             // /authorize redirects straight back with a code
	// Interactive shows the consent page on every interactive authorize
	// (not only when consent is missing), so a browser test always clicks
	// Accept; the standalone emulator without --auto-consent sets it.
	Interactive bool
	CatalogFile string // serve this licensing CSV instead of the demo SKUs' one
	// Cloud plays a national cloud (cloud.go): public (default), usgov,
	// usgovdod or china.
	Cloud string
}

// Knobs are per-tenant fault and behaviour switches.
type Knobs struct {
	Latency             time.Duration
	ThrottleFraction    float64       // fraction of Graph requests answered 429 (deterministic sequence)
	ThrottleEveryN      int           // or: at most N requests per ThrottleWindow, others 429
	ThrottleWindow      time.Duration // default 10 s
	RetryAfter          time.Duration // Retry-After header value (seconds, >=1)
	ServerErrorFraction float64       // 503/504 with Graph error bodies
	TruncatedPage       bool          // /users second page is cut mid-JSON
	MalformedPage       bool          // /users second page is syntactically invalid JSON
	ConsentDenied       bool          // authorize -> error=access_denied / consent_required (65001)
	NoP1                bool          // registration details and signInActivity -> 403 NonPremium
	Concealed           bool          // usage reports with 32-hex concealed identities
	LongTokens          bool          // access/refresh tokens 3-8 KB
	// RefreshTokenBytes, when set, makes every refresh token issued in the
	// tenant exactly this long (keychain size tests: 8 KB and up).
	RefreshTokenBytes int

	// Mid-run faults (behaviour in faults.go). Counts are Graph requests of
	// the tenant since the Sim started or ResetFaultCounts.
	ReportDownload404 bool // usage reports 302 to an expired download link that answers 404
	RevokeAfter       int  // after N requests the tenant's grants are revoked (401 from then on)
	GDAPEndsAfter     int  // after N requests partner (GDAP) tokens get 403 Authorization_RequestDenied
}

// Request is one entry of the request log.
type Request struct {
	Time   time.Time
	Method string
	Path   string
	Tenant string // tenant the request was answered for ("" when unknown)
	Status int
}

// Sim is a running (or runnable) emulated Microsoft cloud.
type Sim struct {
	opts       Options
	now        func() time.Time
	refDay     time.Time
	msp        *MSP
	cfg        Options // alias of opts for catalog.go
	catalogCSV []byte

	tenants   map[string]*Tenant // by id
	byDomain  map[string]*Tenant // lower-case verified domain
	all       []*Tenant          // partner first
	baseTruth map[string]GroundTruth

	mu        sync.Mutex
	knobs     map[string]Knobs
	ctr       map[string]*tenantCounters
	access    map[string]*accessGrant
	refresh   map[string]*refreshGrant
	codes     map[string]*authCode
	consent   map[string]map[string]scopeSet // tenant -> client -> consented scopes
	sps       map[string]map[string]string   // tenant -> appId -> service principal id
	apps      map[string]*appReg             // appId -> registration
	validFrom map[string]time.Time           // tenant -> tokens issued before are revoked
	concealed map[string]bool                // tenant -> displayConcealedNames (mutable by PATCH)
	downloads map[string]download
	pending   map[string]*pendingConsent
	log       []Request

	srv  *http.Server
	ln   net.Listener
	base string
	mux  *http.ServeMux

	ext simExt // page sizes, change log and delta tokens (ext.go)
}

// New generates the demo MSP from the seed and returns a Sim serving it.
func New(o Options) *Sim {
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Tenants <= 0 {
		o.Tenants = 12
	}
	now := o.Now
	if now == nil {
		now = time.Now
	}
	m := GenerateMSPWith(GenOptions{Seed: o.Seed, Tenants: o.Tenants, Now: now()})
	return NewWithMSP(m, o)
}

// NewWithMSP serves an existing MSP.
func NewWithMSP(m *MSP, o Options) *Sim {
	if o.Now == nil {
		o.Now = time.Now
	}
	s := &Sim{
		opts:      o,
		cfg:       o,
		now:       o.Now,
		msp:       m,
		tenants:   map[string]*Tenant{},
		byDomain:  map[string]*Tenant{},
		baseTruth: map[string]GroundTruth{},
		knobs:     map[string]Knobs{},
		ctr:       map[string]*tenantCounters{},
		access:    map[string]*accessGrant{},
		refresh:   map[string]*refreshGrant{},
		codes:     map[string]*authCode{},
		consent:   map[string]map[string]scopeSet{},
		sps:       map[string]map[string]string{},
		apps:      map[string]*appReg{},
		validFrom: map[string]time.Time{},
		concealed: map[string]bool{},
		downloads: map[string]download{},
		pending:   map[string]*pendingConsent{},
	}
	s.refDay = o.Now().UTC().Truncate(24 * time.Hour)
	s.catalogCSV = CatalogCSV()
	if m.Partner != nil {
		s.addTenant(m.Partner)
	}
	for _, t := range m.Customers {
		s.addTenant(t)
	}
	s.registerBuiltinApps()
	s.mux = s.routes()
	return s
}

func (s *Sim) addTenant(t *Tenant) {
	t.index()
	if len(t.SKUs) > 0 {
		t.HasP1 = skusGrantP1(t.SKUs)
	}
	s.tenants[t.ID] = t
	for _, d := range t.Domains {
		s.byDomain[strings.ToLower(d)] = t
	}
	s.all = append(s.all, t)
	s.concealed[t.ID] = t.Concealed
	s.baseTruth[t.ID] = computeStaticTruth(t)
	s.ctr[t.ID] = &tenantCounters{}
}

// Start listens on 127.0.0.1 with a free port and serves in the background.
func (s *Sim) Start() error { return s.StartOn("127.0.0.1:0") }

// StartOn listens on addr, which must be a 127.0.0.1 address.
func (s *Sim) StartOn(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return err
	}
	if host != "127.0.0.1" {
		return errors.New("graphsim: listen address must be 127.0.0.1:PORT")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s.ln = ln
	s.base = "http://" + ln.Addr().String()
	s.srv = &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.srv.Serve(ln) }()
	return nil
}

// Close stops the server.
func (s *Sim) Close() {
	if s.srv != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = s.srv.Shutdown(ctx)
		_ = s.srv.Close()
	}
}

// Handler is the whole emulated cloud (identity, Graph, downloads).
func (s *Sim) Handler() http.Handler { return s.mux }

// AuthorityURL plays https://login.microsoftonline.com.
func (s *Sim) AuthorityURL() string { return s.base + "/login" }

// GraphURL plays https://graph.microsoft.com.
func (s *Sim) GraphURL() string { return s.base + "/graph" }

// CatalogURL is the Microsoft licensing CSV download.
func (s *Sim) CatalogURL() string { return s.base + catalogPath }

// MSP returns the generated data (treat as read-only).
func (s *Sim) MSP() *MSP { return s.msp }

// Tenant finds a tenant by GUID or verified domain.
func (s *Sim) Tenant(idOrDomain string) (*Tenant, bool) {
	if t, ok := s.tenants[strings.ToLower(idOrDomain)]; ok {
		return t, true
	}
	t, ok := s.byDomain[strings.ToLower(idOrDomain)]
	return t, ok
}

// SetKnobs replaces the knobs of one tenant; "" or "*" means every tenant.
func (s *Sim) SetKnobs(tenantID string, k Knobs) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if tenantID == "" || tenantID == "*" {
		for _, t := range s.all {
			s.knobs[t.ID] = k
		}
		return
	}
	if t, ok := s.Tenant(tenantID); ok {
		s.knobs[t.ID] = k
	}
}

func (s *Sim) knobsFor(tenantID string) Knobs {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.knobs[tenantID]
}

// RevokeGrants revokes every refresh token and access token issued so far
// for the tenant's users (refresh -> invalid_grant AADSTS50173, access -> 401).
// For the partner tenant this also covers tokens redeemed in customer tenants.
func (s *Sim) RevokeGrants(tenantID string) {
	t, ok := s.Tenant(tenantID)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// strictly after every token issued so far, even with a frozen clock
	s.validFrom[t.ID] = s.now().Add(time.Nanosecond)
	for _, g := range s.refresh {
		if g.HomeTenant == t.ID {
			g.Revoked = true
		}
	}
	for _, a := range s.access {
		if a.HomeTenant == t.ID || a.TenantID == t.ID {
			a.Revoked = true
		}
	}
}

// Requests returns a copy of the request log.
func (s *Sim) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.log...)
}

func (s *Sim) record(r *http.Request, tenant string, status int, at time.Time) {
	s.mu.Lock()
	s.log = append(s.log, Request{Time: at, Method: r.Method, Path: r.URL.Path, Tenant: tenant, Status: status})
	s.mu.Unlock()
}

// statusWriter remembers the status code for the request log.
// The request is logged as its status is written, before the client can
// have the response, so a test reading Requests() right after a call
// returns always finds that call.
type statusWriter struct {
	http.ResponseWriter
	status   int
	tenant   string
	onStatus func(w *statusWriter)
}

func (w *statusWriter) setStatus(code int) {
	if w.status == 0 {
		w.status = code
		if w.onStatus != nil {
			w.onStatus(w)
		}
	}
}

func (w *statusWriter) WriteHeader(code int) {
	w.setStatus(code)
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.setStatus(http.StatusOK)
	return w.ResponseWriter.Write(b)
}

func (s *Sim) routes() *http.ServeMux {
	mux := http.NewServeMux()
	wrap := func(h func(*statusWriter, *http.Request)) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			at := time.Now()
			sw := &statusWriter{ResponseWriter: w, onStatus: func(sw *statusWriter) { s.record(r, sw.tenant, sw.status, at) }}
			h(sw, r)
			sw.setStatus(http.StatusOK) // nothing written: an empty 200
		})
	}
	mux.Handle("/login/", wrap(s.serveIdentity))
	mux.Handle("/graph/", wrap(s.serveGraph))
	mux.Handle("/reports-download/", wrap(s.serveDownload))
	mux.Handle("/download/licensing/", wrap(func(w *statusWriter, r *http.Request) { s.serveCatalog(w, r) }))
	mux.Handle("/", wrap(func(w *statusWriter, r *http.Request) {
		http.Error(w, "graphsim: unknown path "+r.URL.Path, http.StatusNotFound)
	}))
	return mux
}

// baseFor returns the scheme://host the client used, so links point at us
// even when served through Handler() on another listener.
func (s *Sim) baseFor(r *http.Request) string {
	if r.Host != "" {
		return "http://" + r.Host
	}
	return s.base
}
