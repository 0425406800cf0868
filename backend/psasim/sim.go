// Package psasim emulates the ConnectWise PSA (Manage) REST API v3 parts
// TenantLens reads (companies, contacts, communication items), on
// 127.0.0.1, over a seeded demo PSA matching graphsim's demo MSP. Wire
// shapes follow ../shared/psa/PSA-FACTS.md section 1 and its checklist
// (section 4); facts marked UNCERTAIN there are Options here.
package psasim

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"tenantlens/backend/graphsim"
)

// Demo credentials the demo PSA accepts by default.
const (
	DemoCompanyID  = "bluewater"
	DemoPublicKey  = "BwPubKey7Qm2Lx9T"
	DemoPrivateKey = "BwPrivKey3Zr8Vn5K"
	DemoClientID   = "6c2f7a8e-3b1d-4e5f-9a0b-1c2d3e4f5a6b"
)

// Credentials are the keys of one API member plus the integration clientId.
type Credentials struct {
	CompanyID  string // the company name typed at the CW login screen
	PublicKey  string
	PrivateKey string
	ClientID   string // "" => any non-empty clientId is accepted
}

// Options configures a Sim. Zero values mean the documented (or, where the
// facts are uncertain, the stated default) behaviour.
type Options struct {
	Seed    int64            // default 1
	Tenants int              // customer tenants of the graphsim demo MSP, default 12
	Now     func() time.Time // default time.Now
	// MSP, when set, is the graphsim demo MSP the PSA is generated from
	// (pass the same one the graphsim.Sim serves); else one is generated
	// from Seed/Tenants/Now with graphsim.GenerateMSPWith.
	MSP *graphsim.MSP
	// Data, when set, is served as is (no demo generation, no truth).
	Data *Data

	Credentials Credentials // default: the Demo* constants
	// Codebase answered by /login/companyinfo (default "v2025_1/"); the API
	// accepts it, "v4_6_release/" and any vYYYY_N/ codebase.
	Codebase string
	// APIVersion is echoed in the api-current-version header (default 2025.1).
	APIVersion string
	// CompanyInfoSiteURL adds the SiteUrl key to /login/companyinfo (seen only
	// in a third-party mock) when non-empty.
	CompanyInfoSiteURL string

	// --- uncertain facts (PSA-FACTS marks them UNCERTAIN) ---
	BadKeysStatus   int            // wrong keys: default 401 (some cloud reports say 404)
	BadKeysBody     map[string]any // default {"code":"ConnectWiseApi","message":"UserNotAuthenticated"}
	ClientIDStatus  int            // missing/wrong clientId: default 403 (one report); 401 also plausible
	ClientIDBody    map[string]any // default {"code":"Unauthorized","message":"..."} (invented text)
	DefaultPageSize int            // default 25
	MaxPageSize     int            // default 1000
	// RejectOversizePage answers pageSize > MaxPageSize with 400 instead of
	// silently capping it (capping is the default, one source).
	RejectOversizePage bool
	// NoEmptyLinkOnLastForwardPage omits the Link header on the last
	// forward-only page instead of sending it empty.
	NoEmptyLinkOnLastForwardPage bool
	// CaseSensitiveConditions makes string comparisons in conditions exact
	// (default: case-insensitive).
	CaseSensitiveConditions bool
	RateLimitBody           map[string]any // 429 body; default {"code":"TooManyRequests",...} (body undocumented)
}

// Knobs are runtime fault and behaviour switches (SetKnobs).
type Knobs struct {
	Latency time.Duration
	// RateLimit allows at most N API requests per RateWindow (default 60 s);
	// the rest get 429 with Retry-After.
	RateLimit  int
	RateWindow time.Duration
	// ThrottleEveryN answers every Nth API request 429 (deterministic).
	ThrottleEveryN int
	RetryAfter     int // seconds in Retry-After, default 1 (>= 1)
	// ServerErrorEveryN answers every Nth API request 500.
	ServerErrorEveryN int
	Forbidden         bool // 403 {"code":"Security",...} on every API request
	// ForbiddenContacts only on /company/contacts (role lacks Contacts).
	ForbiddenContacts bool
}

// Request is one entry of the request log.
type Request struct {
	Time   time.Time
	Method string
	Path   string
	Query  string
	Status int
}

// Sim is a running (or runnable) emulated ConnectWise PSA.
type Sim struct {
	opts  Options
	data  *Data
	truth *Truth

	mu      sync.Mutex
	knobs   Knobs
	n       int // API requests seen (throttle/error counters)
	window  time.Time
	inWin   int
	log     []Request
	cache   map[string]*rendered // by api base
	srv     *http.Server
	ln      net.Listener
	base    string
	handler http.Handler
}

// New builds the demo PSA (or serves o.Data) and returns a Sim.
func New(o Options) *Sim {
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Tenants <= 0 {
		o.Tenants = 12
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Credentials == (Credentials{}) {
		o.Credentials = Credentials{DemoCompanyID, DemoPublicKey, DemoPrivateKey, DemoClientID}
	}
	if o.Codebase == "" {
		o.Codebase = "v2025_1/"
	}
	if o.APIVersion == "" {
		o.APIVersion = "2025.1"
	}
	if o.BadKeysStatus == 0 {
		o.BadKeysStatus = http.StatusUnauthorized
	}
	if o.BadKeysBody == nil {
		o.BadKeysBody = map[string]any{"code": "ConnectWiseApi", "message": "UserNotAuthenticated"}
	}
	if o.ClientIDStatus == 0 {
		o.ClientIDStatus = http.StatusForbidden
	}
	if o.ClientIDBody == nil {
		o.ClientIDBody = map[string]any{"code": "Unauthorized", "message": "A valid clientId header is required. Register one at https://developer.connectwise.com/ClientID."}
	}
	if o.DefaultPageSize <= 0 {
		o.DefaultPageSize = 25
	}
	if o.MaxPageSize <= 0 {
		o.MaxPageSize = 1000
	}
	if o.RateLimitBody == nil {
		o.RateLimitBody = map[string]any{"code": "TooManyRequests", "message": "Too many requests. Retry after the number of seconds in Retry-After."}
	}
	s := &Sim{opts: o, cache: map[string]*rendered{}}
	if o.Data != nil {
		s.data = o.Data
	} else {
		m := o.MSP
		if m == nil {
			m = graphsim.GenerateMSPWith(graphsim.GenOptions{Seed: o.Seed, Tenants: o.Tenants, Now: o.Now()})
		}
		s.data, s.truth = Generate(m, o.Seed, o.Now())
	}
	s.handler = http.HandlerFunc(s.serve)
	return s
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
		return errors.New("psasim: listen address must be 127.0.0.1:PORT")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s.ln = ln
	s.base = "http://" + ln.Addr().String()
	s.srv = &http.Server{Handler: s.handler, ReadHeaderTimeout: 10 * time.Second}
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

// URL is the site root (plays https://api-na.myconnectwise.net).
func (s *Sim) URL() string { return s.base }

// APIURL is URL()+"/v4_6_release/apis/3.0".
func (s *Sim) APIURL() string { return s.base + "/v4_6_release/apis/3.0" }

// Handler serves the emulated PSA (for httptest servers).
func (s *Sim) Handler() http.Handler { return s.handler }

// Data is the served PSA (read only).
func (s *Sim) Data() *Data { return s.data }

// Truth is the merge ground truth of the demo PSA (nil when Options.Data was given).
func (s *Sim) Truth() *Truth { return s.truth }

// Credentials the Sim accepts.
func (s *Sim) Credentials() Credentials { return s.opts.Credentials }

// SetKnobs replaces the runtime knobs and resets the rate-limit counters.
func (s *Sim) SetKnobs(k Knobs) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.knobs, s.n, s.inWin, s.window = k, 0, 0, time.Time{}
}

// Requests returns a copy of the request log.
func (s *Sim) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.log...)
}

func (s *Sim) record(r *http.Request, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = append(s.log, Request{Time: s.opts.Now(), Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Status: status})
}

// isCodebase accepts "v4_6_release" and vYYYY_N.
func isCodebase(seg string) bool {
	if seg == "v4_6_release" {
		return true
	}
	if len(seg) < 7 || seg[0] != 'v' {
		return false
	}
	y, n, ok := strings.Cut(seg[1:], "_")
	if !ok || len(y) != 4 || n == "" {
		return false
	}
	for _, c := range y + n {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
