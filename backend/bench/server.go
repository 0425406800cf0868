// Package bench measures TenantLens at MSP scale: graphsim on loopback
// behind a handler that adds the same round-trip latency to every request
// (identity, Graph, report downloads) and counts requests and response bytes
// by endpoint; the real tenantlens binary as a child process (real keychain,
// real token endpoint, real sync engine and SQLite); the lower bound computed
// from the generated data; a script-style reference client; the window's
// cold start. cmd/tlbench drives it and writes docs/PERFORMANCE.md.
package bench

import (
	"context"
	"net"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"tenantlens/backend/graphsim"
)

// Server serves a Sim on 127.0.0.1 with per-request latency and counters.
// graphsim's own Knobs.Latency only delays Graph calls (not the token
// endpoint nor report downloads), so the latency is applied here, once per
// HTTP request, whatever the path.
type Server struct {
	Sim  *graphsim.Sim
	Base string

	latency atomic.Int64
	mu      sync.Mutex
	count   map[string]int // endpoint -> HTTP requests
	status  map[int]int
	bytes   int64
	first   time.Time
	last    time.Time

	srv *http.Server
}

// Start listens on a free loopback port.
func Start(sim *graphsim.Sim) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{Sim: sim, Base: "http://" + ln.Addr().String()}
	s.Reset()
	inner := sim.Handler()
	s.srv = &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if d := time.Duration(s.latency.Load()); d > 0 {
			time.Sleep(d)
		}
		cw := &countingWriter{ResponseWriter: w}
		inner.ServeHTTP(cw, r)
		if cw.status == 0 {
			cw.status = http.StatusOK
		}
		now := time.Now()
		s.mu.Lock()
		s.count[Endpoint(r.URL.Path)]++
		s.status[cw.status]++
		s.bytes += cw.n
		if s.first.IsZero() {
			s.first = now
		}
		s.last = now
		s.mu.Unlock()
	})}
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

// Close stops the server.
func (s *Server) Close() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = s.srv.Shutdown(ctx)
}

// SetLatency sets the delay added to every request from now on.
func (s *Server) SetLatency(d time.Duration) { s.latency.Store(int64(d)) }

// Authority, Graph and Catalog are the URLs TENANTLENS_* point at.
func (s *Server) Authority() string { return s.Base + s.Sim.AuthorityURL() }
func (s *Server) Graph() string     { return s.Base + s.Sim.GraphURL() }
func (s *Server) Catalog() string   { return s.Base + s.Sim.CatalogURL() }

// Reset zeroes the counters.
func (s *Server) Reset() {
	s.mu.Lock()
	s.count, s.status, s.bytes, s.first, s.last = map[string]int{}, map[int]int{}, 0, time.Time{}, time.Time{}
	s.mu.Unlock()
}

// Counts is a copy of the counters since the last Reset.
type Counts struct {
	ByEndpoint map[string]int
	ByStatus   map[int]int
	Requests   int
	Bytes      int64
	Span       time.Duration // first to last answered request
}

// Counts returns the counters since the last Reset.
func (s *Server) Counts() Counts {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := Counts{ByEndpoint: map[string]int{}, ByStatus: map[int]int{}, Bytes: s.bytes, Span: s.last.Sub(s.first)}
	for k, v := range s.count {
		c.ByEndpoint[k] = v
		c.Requests += v
	}
	for k, v := range s.status {
		c.ByStatus[k] = v
	}
	return c
}

// Sorted lists endpoints by descending count.
func (c Counts) Sorted() []string {
	keys := make([]string, 0, len(c.ByEndpoint))
	for k := range c.ByEndpoint {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if c.ByEndpoint[keys[i]] != c.ByEndpoint[keys[j]] {
			return c.ByEndpoint[keys[i]] > c.ByEndpoint[keys[j]]
		}
		return keys[i] < keys[j]
	})
	return keys
}

type countingWriter struct {
	http.ResponseWriter
	status int
	n      int64
}

func (w *countingWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *countingWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.n += int64(n)
	return n, err
}

var (
	guidRe = regexp.MustCompile(`(?i)^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	hexRe  = regexp.MustCompile(`(?i)^[0-9a-f]{16,}$`)
)

// Endpoint names a request path for the tables: the tenant of an identity
// path and every id segment become placeholders; downloads are one row.
func Endpoint(path string) string {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	if len(segs) == 0 {
		return path
	}
	switch segs[0] {
	case "login":
		if len(segs) > 1 {
			segs[1] = "{tenant}"
		}
	case "reports-download", "download":
		return "/" + segs[0] + "/…"
	case "graph":
		if len(segs) > 1 {
			segs = append(segs[:1], segs[2:]...) // drop the version
		}
	}
	for i, sg := range segs {
		if guidRe.MatchString(sg) || hexRe.MatchString(sg) {
			segs[i] = "{id}"
		}
	}
	return "/" + strings.Join(segs, "/")
}
