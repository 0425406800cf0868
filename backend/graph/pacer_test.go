package graph

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// scripted serves the statuses in order (then 200) and records arrival times.
type scripted struct {
	mu       sync.Mutex
	statuses []int
	retry    string
	arrivals []time.Time
	bodies   []string
}

func (s *scripted) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	s.arrivals = append(s.arrivals, time.Now())
	s.bodies = append(s.bodies, string(b))
	st := http.StatusOK
	if len(s.statuses) > 0 {
		st, s.statuses = s.statuses[0], s.statuses[1:]
	}
	s.mu.Unlock()
	if st != http.StatusOK && s.retry != "" {
		w.Header().Set("Retry-After", s.retry)
	}
	w.WriteHeader(st)
	io.WriteString(w, `{"ok":true}`)
}

func (s *scripted) times() []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Time(nil), s.arrivals...)
}

func TestPacerHonoursFractionalRetryAfter(t *testing.T) {
	srv := &scripted{statuses: []int{429, 429}, retry: "0.3"}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	p := NewPacer(PacerOptions{})
	c := &http.Client{Transport: p.Transport(nil)}
	resp, err := c.Get(ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	at := srv.times()
	if len(at) != 3 {
		t.Fatalf("%d requests, want 3", len(at))
	}
	for i := 1; i < len(at); i++ {
		if gap := at[i].Sub(at[i-1]); gap < 300*time.Millisecond {
			t.Errorf("retry %d after %v, Retry-After was 0.3 s", i, gap)
		}
	}
	st := p.Stats()
	if st.Throttled != 2 || st.Retries != 2 || st.Requests != 3 {
		t.Errorf("stats %+v", st)
	}
}

func TestPacerBacksOffOn503WithoutRetryAfter(t *testing.T) {
	srv := &scripted{statuses: []int{503, 504}}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	p := NewPacer(PacerOptions{BaseBackoff: 40 * time.Millisecond})
	c := &http.Client{Transport: p.Transport(nil)}
	resp, err := c.Get(ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	at := srv.times()
	if resp.StatusCode != 200 || len(at) != 3 {
		t.Fatalf("status %d after %d requests", resp.StatusCode, len(at))
	}
	if g1, g2 := at[1].Sub(at[0]), at[2].Sub(at[1]); g1 < 40*time.Millisecond || g2 < 80*time.Millisecond {
		t.Errorf("backoff gaps %v, %v; want >= 40ms then >= 80ms", g1, g2)
	}
	if p.Stats().ServerErrors != 2 {
		t.Errorf("stats %+v", p.Stats())
	}
}

func TestPacerGivesUpAfterMaxRetries(t *testing.T) {
	srv := &scripted{statuses: []int{503, 503, 503, 503}, retry: "0"}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	p := NewPacer(PacerOptions{MaxRetries: 2})
	resp, err := (&http.Client{Transport: p.Transport(nil)}).Get(ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 503 || len(srv.times()) != 3 {
		t.Fatalf("status %d after %d requests; want 503 after 3", resp.StatusCode, len(srv.times()))
	}
}

// In a 429 storm the same request can be refused many times in a row: a
// 429 that says when to come back is honoured past MaxRetries, until its
// waits add up to MaxThrottleWait.
func TestPacerHonoursA429StormPastMaxRetries(t *testing.T) {
	storm := make([]int, 12)
	for i := range storm {
		storm[i] = 429
	}
	srv := &scripted{statuses: append([]int(nil), storm...), retry: "0.01"}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	p := NewPacer(PacerOptions{MaxRetries: 4}) // up to 16 re-sends of a 429
	resp, err := (&http.Client{Transport: p.Transport(nil)}).Get(ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || len(srv.times()) != 13 {
		t.Fatalf("status %d after %d requests; want 200 after 13", resp.StatusCode, len(srv.times()))
	}

	// ... but not for ever: each wait counts at least a second against a
	// 3.5 s budget, so past MaxRetries (2) the 4th wait ends it
	srv = &scripted{statuses: append([]int(nil), storm...), retry: "0.01"}
	ts2 := httptest.NewServer(srv)
	defer ts2.Close()
	p = NewPacer(PacerOptions{MaxRetries: 2, MaxThrottleWait: 3500 * time.Millisecond})
	resp, err = (&http.Client{Transport: p.Transport(nil)}).Get(ts2.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 429 || len(srv.times()) != 4 {
		t.Fatalf("status %d after %d requests; want 429 after 4", resp.StatusCode, len(srv.times()))
	}
	// ... and never more than 4 × MaxRetries re-sends
	srv = &scripted{statuses: append([]int(nil), storm...), retry: "0.01"}
	ts3 := httptest.NewServer(srv)
	defer ts3.Close()
	p = NewPacer(PacerOptions{MaxRetries: 1})
	resp, err = (&http.Client{Transport: p.Transport(nil)}).Get(ts3.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 429 || len(srv.times()) != 5 {
		t.Fatalf("status %d after %d requests; want 429 after 5 (1 + 4 re-sends)", resp.StatusCode, len(srv.times()))
	}
}

// A POST body is sent intact on every attempt.
func TestPacerResendsBody(t *testing.T) {
	srv := &scripted{statuses: []int{429}, retry: "0"}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	p := NewPacer(PacerOptions{})
	resp, err := (&http.Client{Transport: p.Transport(nil)}).Post(ts.URL, "application/json", strings.NewReader(`{"requests":[1,2]}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if len(srv.bodies) != 2 || srv.bodies[0] != `{"requests":[1,2]}` || srv.bodies[1] != srv.bodies[0] {
		t.Fatalf("bodies %q", srv.bodies)
	}
}

// A 429 on one request holds back the tenant's other requests too.
func TestPacerHoldIsTenantWide(t *testing.T) {
	srv := &scripted{}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	p := NewPacer(PacerOptions{})
	start := time.Now()
	p.Hold(250 * time.Millisecond)
	resp, err := (&http.Client{Transport: p.Transport(nil)}).Get(ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if d := srv.times()[0].Sub(start); d < 250*time.Millisecond {
		t.Errorf("request went out after %v despite a 250 ms hold", d)
	}
}

func TestPacerCancelWhileHeld(t *testing.T) {
	srv := &scripted{}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	p := NewPacer(PacerOptions{})
	p.Hold(time.Minute)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, ts.URL, nil)
	_, err := (&http.Client{Transport: p.Transport(nil)}).Do(req)
	if err == nil || len(srv.times()) != 0 {
		t.Fatalf("err %v, %d requests; want cancellation before sending", err, len(srv.times()))
	}
}

func TestRetryAfterParse(t *testing.T) {
	now := time.Date(2026, 6, 2, 9, 14, 3, 0, time.UTC)
	for v, want := range map[string]time.Duration{
		"2":                             2 * time.Second,
		"2.128":                         2128 * time.Millisecond,
		"0.5":                           500 * time.Millisecond,
		"Tue, 02 Jun 2026 09:14:13 GMT": 10 * time.Second,
	} {
		got, ok := RetryAfter(v, now)
		if !ok || got != want {
			t.Errorf("RetryAfter(%q) = %v, %v; want %v", v, got, ok, want)
		}
	}
	if _, ok := RetryAfter("soon", now); ok {
		t.Error("garbage accepted")
	}
}
