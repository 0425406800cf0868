package connectwise

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"
)

// Options tune a Client; zero values take the defaults in brackets.
type Options struct {
	// PageSize is the records per list request [1000, ConnectWise's maximum;
	// larger values are capped].
	PageSize int
	// MaxPages stops a list after this many pages [10000].
	MaxPages int
	// MinInterval spaces request starts [100ms].
	MinInterval time.Duration
	// MaxThrottleRetries is how often one request is re-sent after a 429 [6].
	MaxThrottleRetries int
	// MaxServerRetries is how often one request is re-sent after a 5xx or a
	// network error [3].
	MaxServerRetries int
	// BaseBackoff and MaxBackoff bound the exponential wait used when no
	// Retry-After is given [1s, 30s].
	BaseBackoff, MaxBackoff time.Duration
	// MaxRetryAfter is the longest Retry-After honoured; a longer one fails
	// the call with a rate-limit *Error [2m].
	MaxRetryAfter time.Duration
	// Accept is the Accept header ["application/json"]; e.g.
	// "application/vnd.connectwise.com+json; version=2025.1" pins the model.
	Accept string
	// CloudHosts maps cloud browser hosts to API hosts [DefaultCloudHosts].
	CloudHosts map[string]string
	// FallbackCodebase is used when /login/companyinfo gives no codebase
	// ["v4_6_release/", ConnectWise's router path].
	FallbackCodebase string
}

func (o Options) withDefaults() Options {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	if o.PageSize <= 0 || o.PageSize > maxPageSize {
		o.PageSize = maxPageSize
	}
	if o.MaxPages <= 0 {
		o.MaxPages = 10000
	}
	if o.MinInterval < 0 {
		o.MinInterval = 0
	} else if o.MinInterval == 0 {
		o.MinInterval = 100 * time.Millisecond
	}
	if o.MaxThrottleRetries <= 0 {
		o.MaxThrottleRetries = 6
	}
	if o.MaxServerRetries <= 0 {
		o.MaxServerRetries = 3
	}
	def(&o.BaseBackoff, time.Second)
	def(&o.MaxBackoff, 30*time.Second)
	def(&o.MaxRetryAfter, 2*time.Minute)
	if o.Accept == "" {
		o.Accept = "application/json"
	}
	if o.CloudHosts == nil {
		o.CloudHosts = DefaultCloudHosts
	}
	if o.FallbackCodebase == "" {
		o.FallbackCodebase = "v4_6_release/"
	}
	return o
}

const (
	maxPageSize = 1000
	maxBody     = 64 << 20
)

// Client reads one ConnectWise PSA. It is safe for concurrent use; all its
// requests share one pacer. fmt prints it without keys or clientId.
type Client struct {
	// sec hides the credentials in a closure: fmt prints a func as an
	// address under every verb, even for a copied Client value (a pointer
	// to a struct would be dereferenced under a bad verb such as %s).
	sec  func() credentials
	ep   endpoints
	hc   *http.Client
	opt  Options
	pace *pacer

	mu       sync.Mutex
	codebase string // "v2025_1/" once resolved
}

// New checks site and keys and returns a Client with default Options. hc
// nil means an http.Client with a 2-minute timeout. No request is made
// until the first call.
func New(site Site, keys Keys, hc *http.Client) (*Client, error) {
	return NewWithOptions(site, keys, hc, Options{})
}

type credentials struct {
	companyID, clientID, public, private string
}

// NewWithOptions is New with tuning.
func NewWithOptions(site Site, keys Keys, hc *http.Client, o Options) (*Client, error) {
	o = o.withDefaults()
	if err := site.Validate(); err != nil {
		return nil, err
	}
	ep, err := site.endpoints(o.CloudHosts)
	if err != nil {
		return nil, err
	}
	if err := keys.Validate(); err != nil {
		return nil, err
	}
	if hc == nil {
		hc = &http.Client{Timeout: 2 * time.Minute} // one page of 1000 contacts is well under
	}
	cr := credentials{companyID: strings.TrimSpace(site.CompanyID), clientID: strings.TrimSpace(site.ClientID),
		public: keys.Public, private: keys.Private}
	return &Client{sec: func() credentials { return cr }, ep: ep, hc: hc, opt: o, pace: &pacer{interval: o.MinInterval}}, nil
}

// String describes the client without secrets.
func (c *Client) String() string {
	return fmt.Sprintf("connectwise.Client{api:%s company:%q}", c.ep.api, c.sec().companyID)
}

// Format prints String under every verb.
func (c *Client) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(c.String())) }

// APIBase is the resolved REST root, e.g.
// "https://api-na.myconnectwise.net/v2025_1/apis/3.0" ("" before the first call).
func (c *Client) APIBase() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.codebase == "" {
		return ""
	}
	return c.ep.api + "/" + c.codebase + "apis/3.0"
}

func (c *Client) authorization() string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(c.sec().companyID+"+"+c.sec().public+":"+c.sec().private))
}

// redact removes key material and the clientId from text that came from
// the server or the network stack.
func (c *Client) redact(s string) string {
	for _, secret := range []string{c.sec().private, c.sec().public, c.sec().clientID, strings.TrimPrefix(c.authorization(), "Basic ")} {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, "[redacted]")
		}
	}
	return s
}

var codebaseRE = regexp.MustCompile(`^[A-Za-z0-9_.\-]{1,40}/?$`)

// base returns the API root, resolving the codebase with the
// unauthenticated /login/companyinfo/{companyId} on first use (PSA-FACTS
// 1.1). A JSON null answer means ConnectWise does not know the company id;
// any other failure falls back to the router codebase. stale, when set, is
// a codebase that just gave 404: it is looked up again.
func (c *Client) base(ctx context.Context, stale string) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.codebase != "" && c.codebase != stale {
		return c.ep.api + "/" + c.codebase + "apis/3.0", nil
	}
	cb, err := c.companyInfo(ctx)
	if err != nil {
		return "", err
	}
	if cb == "" {
		cb = c.opt.FallbackCodebase
	}
	c.codebase = cb
	return c.ep.api + "/" + cb + "apis/3.0", nil
}

func (c *Client) companyInfo(ctx context.Context) (string, error) {
	if err := c.pace.wait(ctx); err != nil {
		return "", ctxError(err)
	}
	u := c.ep.info + "/login/companyinfo/" + url.PathEscape(c.sec().companyID)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return "", nil
	}
	req.Header.Set("Accept", "application/json")
	resp, err := c.hc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return "", ctxError(ctx.Err())
		}
		return "", nil // unreachable info host: try the router codebase
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil || resp.StatusCode != http.StatusOK {
		return "", nil
	}
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		return "", &Error{Reason: fmt.Sprintf("ConnectWise does not know the company id %q", c.sec().companyID),
			Remedy: "Type the company id you enter on the ConnectWise login screen (not the company's full name), and check the site is the right region"}
	}
	var info struct {
		Codebase string `json:"Codebase"`
	}
	if json.Unmarshal(b, &info) != nil || !codebaseRE.MatchString(info.Codebase) {
		return "", nil
	}
	cb := info.Codebase
	if !strings.HasSuffix(cb, "/") {
		cb += "/"
	}
	return cb, nil
}

func ctxError(err error) *Error {
	return &Error{Reason: "stopped: " + err.Error(), err: err}
}

// get sends one GET with auth, pacing and retries, and returns the body of
// a 2xx answer. Any other outcome is an *Error.
func (c *Client) get(ctx context.Context, u, resource string, forwardOnly bool) ([]byte, http.Header, error) {
	throttled, failed := 0, 0
	for {
		if err := c.pace.wait(ctx); err != nil {
			return nil, nil, ctxError(err)
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return nil, nil, &Error{Reason: "bad request address: " + c.redact(err.Error()), Remedy: remedySite}
		}
		req.Header.Set("Authorization", c.authorization())
		req.Header.Set("clientId", c.sec().clientID)
		req.Header.Set("Accept", c.opt.Accept)
		req.Header.Set("Cache-Control", "no-cache")
		if forwardOnly {
			req.Header.Set("pagination-type", "forward-only")
		}
		resp, err := c.hc.Do(req)
		if err != nil {
			if ctx.Err() != nil {
				return nil, nil, ctxError(ctx.Err())
			}
			if failed < c.opt.MaxServerRetries {
				if err := sleep(ctx, backoff(failed, c.opt.BaseBackoff, c.opt.MaxBackoff)); err != nil {
					return nil, nil, ctxError(err)
				}
				failed++
				continue
			}
			return nil, nil, &Error{Reason: "could not reach " + c.ep.api + ": " + c.redact(err.Error()), Remedy: remedyNetwork, err: err}
		}
		body, rerr := io.ReadAll(io.LimitReader(resp.Body, maxBody))
		resp.Body.Close()
		st := resp.StatusCode
		switch {
		case rerr != nil && ctx.Err() != nil:
			return nil, nil, ctxError(ctx.Err())
		case st >= 200 && st < 300 && rerr == nil:
			return body, resp.Header, nil
		case st == http.StatusTooManyRequests:
			wait, ok := retryAfter(resp.Header)
			if ok && wait > c.opt.MaxRetryAfter {
				e := statusError(st, parseBody(body), resource, c.redact)
				e.Reason += fmt.Sprintf(" (ConnectWise asked to wait %s)", wait.Round(time.Second))
				return nil, nil, e
			}
			if !ok || wait <= 0 {
				wait = backoff(throttled, c.opt.BaseBackoff, c.opt.MaxBackoff)
			}
			if throttled >= c.opt.MaxThrottleRetries {
				return nil, nil, statusError(st, parseBody(body), resource, c.redact)
			}
			throttled++
			c.pace.pause(wait) // every request of this client waits too
		case st >= 500 || rerr != nil:
			if failed >= c.opt.MaxServerRetries {
				if st < 500 {
					return nil, nil, &Error{Status: st, Reason: "the answer was cut off: " + c.redact(rerr.Error()), Remedy: remedyNetwork, err: rerr}
				}
				return nil, nil, statusError(st, parseBody(body), resource, c.redact)
			}
			wait, ok := retryAfter(resp.Header)
			if !ok || wait <= 0 || wait > c.opt.MaxBackoff {
				wait = backoff(failed, c.opt.BaseBackoff, c.opt.MaxBackoff)
			}
			failed++
			if err := sleep(ctx, wait); err != nil {
				return nil, nil, ctxError(err)
			}
		default:
			return nil, nil, statusError(st, parseBody(body), resource, c.redact)
		}
	}
}

func parseBody(b []byte) apiBody {
	var a apiBody
	_ = json.Unmarshal(b, &a)
	return a
}

// Check proves the site, company id, keys, clientId and the API member's
// rights with two one-record reads (companies and contacts, the two things
// the import needs). Failures are *Error values with a remedy.
func (c *Client) Check(ctx context.Context) error {
	for _, r := range []struct{ resource, path string }{{"companies", "/company/companies"}, {"contacts", "/company/contacts"}} {
		q := url.Values{"pageSize": {"1"}, "fields": {"id"}}
		if _, _, err := c.getAPI(ctx, r.path, q.Encode(), r.resource, false); err != nil {
			return err
		}
	}
	return nil
}

// getAPI is get on base+path?query, re-resolving the codebase once after a
// 404 (hosted codebases change, PSA-FACTS 1.1 and 3.7).
func (c *Client) getAPI(ctx context.Context, path, rawQuery, resource string, forwardOnly bool) ([]byte, http.Header, error) {
	b, err := c.base(ctx, "")
	if err != nil {
		return nil, nil, err
	}
	body, h, err := c.get(ctx, b+path+"?"+rawQuery, resource, forwardOnly)
	var e *Error
	if errors.As(err, &e) && e.Status == http.StatusNotFound {
		c.mu.Lock()
		stale := c.codebase
		c.mu.Unlock()
		nb, berr := c.base(ctx, stale)
		if berr != nil {
			return nil, nil, berr
		}
		if nb != b {
			return c.get(ctx, nb+path+"?"+rawQuery, resource, forwardOnly)
		}
	}
	return body, h, err
}
