package identity

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is a settable clock for state expiry.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func newTestClient(t *testing.T, o Options) *Client {
	t.Helper()
	if o.Authority == "" {
		o.Authority = "http://127.0.0.1:1" // never dialled by these tests
	}
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// get fetches u without following redirects and returns status and body.
func get(t *testing.T, u string) (int, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func callbackURL(l *Listener, q url.Values) string {
	port := l.Addrs()[0].(*net.TCPAddr).Port
	return "http://127.0.0.1:" + strconv.Itoa(port) + "/?" + q.Encode()
}

func TestListenerBindsLoopbackOnly(t *testing.T) {
	c := newTestClient(t, Options{})
	l, err := c.listen("/")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := l.Addrs()[0].(*net.TCPAddr).Port
	for _, a := range l.Addrs() {
		if ip := a.(*net.TCPAddr).IP; !ip.IsLoopback() {
			t.Fatalf("listener bound to non-loopback %v", a)
		}
	}
	if !strings.HasPrefix(l.RedirectURI(), "http://localhost:"+strconv.Itoa(port)+"/") {
		t.Fatalf("redirect URI %q", l.RedirectURI())
	}
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Fatal(err)
	}
	tried := 0
	for _, a := range addrs {
		ipn, ok := a.(*net.IPNet)
		if !ok || ipn.IP.IsLoopback() || ipn.IP.IsLinkLocalUnicast() {
			continue
		}
		tried++
		conn, err := net.DialTimeout("tcp", net.JoinHostPort(ipn.IP.String(), strconv.Itoa(port)), time.Second)
		if err == nil {
			conn.Close()
			t.Fatalf("listener reachable on non-loopback %s", ipn.IP)
		}
	}
	t.Logf("non-loopback addresses tried: %d", tried)

	for _, bad := range []string{"0.0.0.0:0", "192.0.2.1:0", "localhost:0"} {
		c := newTestClient(t, Options{ListenAddr: bad})
		if l, err := c.listen("/"); err == nil {
			l.Close()
			t.Errorf("ListenAddr %s accepted", bad)
		}
	}
}

func TestListenerStateSingleUseAndWrongState(t *testing.T) {
	c := newTestClient(t, Options{})
	l, err := c.listen("/")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()

	// A wrong state is refused and does not end the wait.
	st, body := get(t, callbackURL(l, url.Values{"code": {"evil"}, "state": {"not-the-state"}}))
	if st != http.StatusBadRequest || !strings.Contains(body, MsgSessionExpired) {
		t.Fatalf("wrong state: %d %q", st, body)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	if _, err := l.Wait(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("wrong state was delivered: %v", err)
	}
	cancel()

	st, body = get(t, callbackURL(l, url.Values{"code": {"good"}, "state": {l.State()}}))
	if st != http.StatusOK || !strings.Contains(body, "You can return to TenantLens") {
		t.Fatalf("first use: %d %q", st, body)
	}
	// The same state a second time (a second code, a reload) is refused.
	st, body = get(t, callbackURL(l, url.Values{"code": {"second"}, "state": {l.State()}}))
	if st != http.StatusBadRequest || !strings.Contains(body, MsgSessionExpired) {
		t.Fatalf("reuse: %d %q", st, body)
	}
	q, err := l.Wait(context.Background())
	if err != nil || q.Get("code") != "good" {
		t.Fatalf("wait: %v %v", q, err)
	}
	// After Close the port no longer answers.
	l.Close()
	if _, err := http.Get(callbackURL(l, url.Values{"state": {l.State()}})); err == nil {
		t.Fatal("listener still answering after Close")
	}
}

func TestListenerStateExpiresAfter15Minutes(t *testing.T) {
	clk := &fakeClock{t: time.Date(2026, 6, 2, 9, 0, 0, 0, time.UTC)}
	c := newTestClient(t, Options{Now: clk.Now})
	l, err := c.listen("/")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	clk.Add(StateLifetime + time.Second)
	st, body := get(t, callbackURL(l, url.Values{"code": {"late"}, "state": {l.State()}}))
	if st != http.StatusBadRequest || !strings.Contains(body, MsgSessionExpired) {
		t.Fatalf("late answer: %d %q", st, body)
	}
	_, err = l.Wait(context.Background())
	if !errors.Is(err, ErrSessionExpired) || !strings.Contains(err.Error(), "Your session has expired. Please try connecting again.") {
		t.Fatalf("late wait: %v", err)
	}
	// Waiting on an already expired state fails at once.
	l2, err := c.listen("/")
	if err != nil {
		t.Fatal(err)
	}
	defer l2.Close()
	clk.Add(StateLifetime + time.Second)
	if _, err := l2.Wait(context.Background()); !errors.Is(err, ErrSessionExpired) {
		t.Fatalf("expired wait: %v", err)
	}
}

func TestListenerIgnoresOtherPaths(t *testing.T) {
	c := newTestClient(t, Options{})
	l, err := c.listen("/")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := l.Addrs()[0].(*net.TCPAddr).Port
	st, _ := get(t, "http://127.0.0.1:"+strconv.Itoa(port)+"/favicon.ico?state="+url.QueryEscape(l.State()))
	if st != http.StatusNotFound {
		t.Fatalf("favicon: %d", st)
	}
	// The state is still unused.
	st, _ = get(t, callbackURL(l, url.Values{"code": {"c"}, "state": {l.State()}}))
	if st != http.StatusOK {
		t.Fatalf("state consumed by another path: %d", st)
	}
}
