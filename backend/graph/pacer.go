package graph

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// PacerOptions tune a Pacer. Zero values take the defaults noted.
type PacerOptions struct {
	// MaxRetries is how often one request is re-sent after 429/503/504
	// (default 8). Graph throttling under load often answers several 429s in
	// a row; kiota's default of 3 is too few for a full tenant sync.
	MaxRetries int
	// MaxInFlight bounds concurrent requests to this tenant (default 8).
	// Graph documents rates, not concurrency (GRAPH-FACTS §8): a full sync
	// of a 1,000-user tenant spends about 1,100 of the 8,000 resource units
	// a large tenant gets per 10 s, and the usage reports one of the 14
	// requests per report per 10 minutes; 8 in flight lets a sync's
	// independent requests (about 8 at the start) go out together, and 429s
	// hold the whole tenant.
	MaxInFlight int
	// BaseBackoff is the first wait after a 503/504 (or a 429) without a
	// Retry-After header; it doubles per attempt (default 1 s).
	BaseBackoff time.Duration
	// MaxWait caps any single wait, including a server's Retry-After
	// (default 2 min).
	MaxWait time.Duration
	// MaxThrottleWait: past MaxRetries, a request refused with 429 and a
	// Retry-After is still re-sent while its Retry-After waits add up to
	// less than this (default 3 min, kiota's cumulative limit).
	MaxThrottleWait time.Duration
}

// maxThrottleAttempts bounds the re-sends of one throttled request in any
// case: four times MaxRetries.
func (p *Pacer) maxThrottleAttempts() int { return 4 * p.opt.MaxRetries }

// PacerStats are counters a sync run writes to its log.
type PacerStats struct {
	Requests     int           `json:"requests"`     // requests put on the wire (retries included)
	Throttled    int           `json:"throttled"`    // 429 responses (batch items included)
	ServerErrors int           `json:"serverErrors"` // 503/504 responses
	Retries      int           `json:"retries"`      // re-sent requests
	Waited       time.Duration `json:"waited"`       // time the tenant was held back
}

// Pacer paces all Graph traffic of one tenant: when Graph says "retry after
// N s" (429) or is briefly unavailable (503/504), every request to that
// tenant holds until the time has passed, not only the one that was refused.
// It sits as the innermost http.RoundTripper, below the SDK's middleware, and
// replaces the SDK's retry handler.
type Pacer struct {
	opt PacerOptions
	sem chan struct{}

	mu        sync.Mutex
	notBefore time.Time
	stats     PacerStats
}

// NewPacer returns a pacer for one tenant.
func NewPacer(o PacerOptions) *Pacer {
	if o.MaxRetries <= 0 {
		o.MaxRetries = 8
	}
	if o.MaxThrottleWait <= 0 {
		o.MaxThrottleWait = 3 * time.Minute
	}
	if o.MaxInFlight <= 0 {
		o.MaxInFlight = 8
	}
	if o.BaseBackoff <= 0 {
		o.BaseBackoff = time.Second
	}
	if o.MaxWait <= 0 {
		o.MaxWait = 2 * time.Minute
	}
	return &Pacer{opt: o, sem: make(chan struct{}, o.MaxInFlight)}
}

// Stats returns a copy of the counters.
func (p *Pacer) Stats() PacerStats {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stats
}

// Hold keeps every request of the tenant back for d from now (used for a
// 429 inside a $batch response, which the transport never sees).
func (p *Pacer) Hold(d time.Duration) {
	if d > p.opt.MaxWait {
		d = p.opt.MaxWait
	}
	until := time.Now().Add(d)
	p.mu.Lock()
	if until.After(p.notBefore) {
		p.notBefore = until
	}
	p.mu.Unlock()
}

func (p *Pacer) count(f func(s *PacerStats)) {
	p.mu.Lock()
	f(&p.stats)
	p.mu.Unlock()
}

// wait blocks until the tenant may send again.
func (p *Pacer) wait(ctx context.Context) error {
	for {
		p.mu.Lock()
		d := time.Until(p.notBefore)
		p.mu.Unlock()
		if d <= 0 {
			return nil
		}
		p.count(func(s *PacerStats) { s.Waited += d })
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

// Backoff returns the wait before attempt n (1-based) without Retry-After.
func (p *Pacer) backoff(n int) time.Duration {
	d := p.opt.BaseBackoff << (n - 1)
	if d > p.opt.MaxWait || d <= 0 {
		d = p.opt.MaxWait
	}
	// up to 20 % jitter so several tenants do not retry in lockstep
	return d + time.Duration(rand.Int64N(int64(d)/5+1))
}

// Transport wraps base (nil: a clone of http.DefaultTransport).
func (p *Pacer) Transport(base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport.(*http.Transport).Clone()
	}
	return &pacedTransport{p: p, base: base}
}

type pacedTransport struct {
	p    *Pacer
	base http.RoundTripper
}

func (t *pacedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	p := t.p
	ctx := req.Context()
	var body []byte
	if req.Body != nil && req.Body != http.NoBody {
		b, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		body = b
	}
	idempotent := req.Method == http.MethodGet || req.Method == http.MethodHead
	netFailures := 0
	var throttleWaited time.Duration // Retry-After of this request's 429s
	for attempt := 0; ; attempt++ {
		if err := p.wait(ctx); err != nil {
			return nil, err
		}
		select {
		case p.sem <- struct{}{}:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		r := req.Clone(ctx)
		if body != nil {
			r.Body = io.NopCloser(bytes.NewReader(body))
			r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
			r.ContentLength = int64(len(body))
		}
		if attempt > 0 {
			r.Header.Set("Retry-Attempt", strconv.Itoa(attempt))
		}
		p.count(func(s *PacerStats) {
			s.Requests++
			if attempt > 0 {
				s.Retries++
			}
		})
		resp, err := t.base.RoundTrip(r)
		<-p.sem
		recordResponse(r, resp)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			// A dropped connection is retried twice for reads.
			if idempotent && netFailures < 2 && !errors.Is(err, context.Canceled) {
				netFailures++
				p.Hold(p.backoff(netFailures))
				continue
			}
			return nil, err
		}
		switch resp.StatusCode {
		case http.StatusTooManyRequests, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		default:
			return resp, nil
		}
		p.count(func(s *PacerStats) {
			if resp.StatusCode == http.StatusTooManyRequests {
				s.Throttled++
			} else {
				s.ServerErrors++
			}
		})
		d, ok := RetryAfter(resp.Header.Get("Retry-After"), time.Now())
		// A 429 that says when to come back is honoured for as long as the
		// waits add up to less than MaxThrottleWait (kiota stops at 180 s
		// too), however many times it comes: in a storm the same request can
		// be refused many times in a row. Other retries stop at MaxRetries.
		throttledWithAdvice := resp.StatusCode == http.StatusTooManyRequests && ok
		if throttledWithAdvice {
			throttleWaited += max(d, time.Second) // "retry now" still counts a second
		}
		if attempt >= p.opt.MaxRetries && (!throttledWithAdvice || throttleWaited > p.opt.MaxThrottleWait || attempt >= p.maxThrottleAttempts()) {
			return resp, nil
		}
		if !ok {
			d = p.backoff(attempt + 1)
		}
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		p.Hold(d)
	}
}

// RetryAfter parses a Retry-After value: seconds (fractions honoured, unlike
// kiota's handler which truncates "0.5" to 0) or an HTTP date.
func RetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil {
		if f < 0 {
			f = 0
		}
		return time.Duration(f * float64(time.Second)), true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}
