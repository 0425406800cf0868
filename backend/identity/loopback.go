package identity

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"html"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"
)

// callback is what the browser brought back to the loopback listener.
type callback struct {
	query url.Values
	err   error // set instead of query when the state had expired
}

// Listener is a loopback HTTP listener waiting for one redirect from
// Microsoft. Its state is random, single-use and expires after
// StateLifetime. It answers the browser with a short page telling the user
// to return to TenantLens.
type Listener struct {
	c        *Client
	path     string
	state    string
	created  time.Time
	redirect string

	lns  []net.Listener
	srv  *http.Server
	done chan callback

	mu   sync.Mutex
	used bool

	closeOnce sync.Once
}

// listen binds the loopback listener for one authorization leg. path is
// the redirect path ("/" for sign-in, "/adminconsent" for admin consent).
func (c *Client) listen(path string) (*Listener, error) {
	host, _, err := net.SplitHostPort(c.o.ListenAddr)
	if err != nil {
		return nil, fmt.Errorf("identity: listen address %q: %w", c.o.ListenAddr, err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return nil, fmt.Errorf("identity: listen address %q is not a loopback IP", c.o.ListenAddr)
	}
	ln, err := net.Listen("tcp", c.o.ListenAddr)
	if err != nil {
		return nil, fmt.Errorf("identity: cannot open the sign-in listener on %s: %w", c.o.ListenAddr, err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	l := &Listener{
		c:        c,
		path:     path,
		state:    randomToken(32),
		created:  c.o.Now(),
		redirect: "http://localhost:" + strconv.Itoa(port) + path,
		lns:      []net.Listener{ln},
		done:     make(chan callback, 1),
	}
	// Browsers may resolve "localhost" to ::1 first; answer there too when
	// the same port is free on the IPv6 loopback (still loopback only).
	if net.ParseIP(host).To4() != nil {
		if ln6, err := net.Listen("tcp", net.JoinHostPort("::1", strconv.Itoa(port))); err == nil {
			l.lns = append(l.lns, ln6)
		}
	}
	l.srv = &http.Server{Handler: http.HandlerFunc(l.serve), ReadHeaderTimeout: 10 * time.Second}
	for _, x := range l.lns {
		go func(x net.Listener) { _ = l.srv.Serve(x) }(x)
	}
	return l, nil
}

// RedirectURI is the redirect_uri sent to Microsoft.
func (l *Listener) RedirectURI() string { return l.redirect }

// Addrs are the addresses the listener is bound to (all loopback).
func (l *Listener) Addrs() []net.Addr {
	out := make([]net.Addr, len(l.lns))
	for i, x := range l.lns {
		out[i] = x.Addr()
	}
	return out
}

// State is the state value of this leg.
func (l *Listener) State() string { return l.state }

// Close stops the listener. Safe to call more than once.
func (l *Listener) Close() {
	l.closeOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = l.srv.Shutdown(ctx)
	})
}

func (l *Listener) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != l.path {
		http.NotFound(w, r)
		return
	}
	q := r.URL.Query()
	got := q.Get("state")
	l.mu.Lock()
	valid := got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(l.state)) == 1
	var deliver *callback
	switch {
	case !valid, l.used:
		// A wrong state (not this attempt) or a second use of this one.
		l.mu.Unlock()
		page(w, http.StatusBadRequest, MsgSessionExpired, RemedySessionExpired)
		return
	case l.c.o.Now().Sub(l.created) > StateLifetime:
		l.used = true
		deliver = &callback{err: newError(KindSessionExpired, "state older than 15 minutes", nil)}
	default:
		l.used = true
		deliver = &callback{query: q}
	}
	l.mu.Unlock()

	switch {
	case deliver.err != nil:
		page(w, http.StatusBadRequest, MsgSessionExpired, RemedySessionExpired)
	case q.Get("error") != "":
		e := callbackError(q, "")
		page(w, http.StatusOK, e.Message, "You can return to TenantLens.")
	default:
		page(w, http.StatusOK, "Signed in.", "You can return to TenantLens.")
	}
	l.done <- *deliver
}

// Wait blocks until the browser comes back, the state expires, or ctx ends.
func (l *Listener) Wait(ctx context.Context) (url.Values, error) {
	left := StateLifetime - l.c.o.Now().Sub(l.created)
	if left <= 0 {
		return nil, newError(KindSessionExpired, "state older than 15 minutes", nil)
	}
	t := time.NewTimer(left)
	defer t.Stop()
	select {
	case cb := <-l.done:
		if cb.err != nil {
			return nil, cb.err
		}
		return cb.query, nil
	case <-t.C:
		return nil, newError(KindSessionExpired, "no answer within 15 minutes", nil)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// callbackError classifies error=… on a redirect.
func callbackError(q url.Values, tenant string) *Error {
	te := tokenError{Error: q.Get("error"), Description: q.Get("error_description"), SubError: q.Get("error_subcode")}
	if te.SubError == "cancel" {
		e := newError(KindCancelled, te.Error, nil)
		e.Code = aadstsFromText(te.Description)
		e.Tenant = tenant
		return e
	}
	e := classifyTokenError(0, te, tenant)
	if e.Kind == KindReauth || e.Kind == KindProtocol {
		// access_denied etc. on the redirect is the user's refusal, not a
		// dead refresh token.
		if te.Error == "access_denied" {
			e = newError(KindCancelled, te.Error, nil)
			e.Code = aadstsFromText(te.Description)
			e.Tenant = tenant
		}
	}
	return e
}

// page writes the small HTML page the browser shows after the redirect.
func page(w http.ResponseWriter, status int, headline, body string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Connection", "close")
	w.WriteHeader(status)
	fmt.Fprintf(w, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>TenantLens</title>
<style>body{font-family:"Segoe UI",system-ui,sans-serif;margin:4rem auto;max-width:32rem;color:#242424}h1{font-size:1.4rem}</style>
</head><body><h1>%s</h1><p>%s</p></body></html>
`, html.EscapeString(headline), html.EscapeString(body))
}

// randomToken returns n random bytes, base64url-encoded.
func randomToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

var errNoCode = errors.New("redirect carried neither a code nor an error")
