package identity

import (
	"bytes"
	cryptorand "crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"tenantlens/backend/graphsim"
	"tenantlens/backend/secrets"
)

// env is one graphsim over real HTTP plus a throw-away keychain service,
// with everything the identity code prints captured for leak checks.
type env struct {
	t   *testing.T
	sim *graphsim.Sim
	sec *secrets.Store
	rec *recorder

	logs     syncBuffer
	mu       sync.Mutex
	progress []Progress
}

func newEnv(t *testing.T, o graphsim.Options) *env {
	t.Helper()
	sim := graphsim.New(o)
	if err := sim.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	return &env{t: t, sim: sim, sec: testKeychain(t), rec: &recorder{}}
}

// testKeychain returns a Store on a unique service name in the real
// keychain and removes everything under it afterwards.
func testKeychain(t *testing.T) *secrets.Store {
	t.Helper()
	var b [6]byte
	if _, err := cryptorand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	s := secrets.New("TenantLens-test-identity-" + hex.EncodeToString(b[:]))
	if err := s.Check(); err != nil {
		if errors.Is(err, secrets.ErrUnavailable) && os.Getenv("TENANTLENS_SKIP_KEYCHAIN_TESTS") == "1" {
			t.Skipf("no keychain: %v", err)
		}
		t.Fatalf("real keychain needed (run via scripts/with-keyring.sh): %v", err)
	}
	t.Cleanup(func() {
		if err := keyring.DeleteAll(s.Service()); err != nil {
			t.Errorf("cleanup of %s: %v", s.Service(), err)
		}
	})
	return s
}

// client returns an identity Client pointed at the emulator with the demo
// client ID; mod may adjust the options.
func (e *env) client(mod func(*Options)) *Client {
	e.t.Helper()
	o := Options{
		Authority: e.sim.AuthorityURL(),
		Graph:     e.sim.GraphURL(),
		ClientID:  graphsim.DemoClientID,
		Secrets:   e.sec,
		HTTP:      &http.Client{Timeout: 30 * time.Second, Transport: e.rec},
		Log:       slog.New(slog.NewTextHandler(&e.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
	if mod != nil {
		mod(&o)
	}
	c, err := New(o)
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

// browser is what a real browser does with the authorize URL: follow
// graphsim's auto-consent redirect to the loopback listener.
func (e *env) browser() Opener {
	return OpenerFunc(func(u string) error {
		go func() {
			resp, err := (&http.Client{Timeout: 30 * time.Second, Transport: e.rec}).Get(u)
			if err != nil {
				e.t.Errorf("browser: %v", err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}()
		return nil
	})
}

func (e *env) interaction() Interaction {
	return Interaction{Opener: e.browser(), Progress: func(p Progress) {
		e.mu.Lock()
		e.progress = append(e.progress, p)
		e.mu.Unlock()
	}}
}

// output is everything identity produced for a human: logs and progress.
func (e *env) output() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var b strings.Builder
	b.WriteString(e.logs.String())
	for _, p := range e.progress {
		b.WriteString(p.Step + " " + p.Message + " " + p.URL + "\n")
	}
	return b.String()
}

// recorder is an http.RoundTripper that remembers every token and code
// graphsim hands out (to check none leaks) and counts token requests.
type recorder struct {
	mu      sync.Mutex
	secrets []string
	lastRT  string
	refresh int // refresh_token grants sent
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	isToken := strings.HasSuffix(req.URL.Path, "/oauth2/v2.0/token")
	if isToken && req.Body != nil {
		b, _ := io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(b))
		if f, err := url.ParseQuery(string(b)); err == nil && f.Get("grant_type") == "refresh_token" {
			r.mu.Lock()
			r.refresh++
			r.mu.Unlock()
		}
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if loc := resp.Header.Get("Location"); loc != "" {
		if u, err := url.Parse(loc); err == nil && u.Query().Get("code") != "" {
			r.add(u.Query().Get("code"))
		}
	}
	if isToken && resp.StatusCode == http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(b))
		var tr tokenResponse
		if json.Unmarshal(b, &tr) == nil {
			r.add(tr.AccessToken, tr.RefreshToken, tr.IDToken)
			if tr.RefreshToken != "" {
				r.mu.Lock()
				r.lastRT = tr.RefreshToken
				r.mu.Unlock()
			}
		}
	}
	return resp, nil
}

func (r *recorder) add(s ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, x := range s {
		if x != "" {
			r.secrets = append(r.secrets, x)
		}
	}
}

func (r *recorder) issued() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.secrets...)
}

func (r *recorder) last() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.lastRT
}

func (r *recorder) refreshes() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.refresh
}

// assertNoTokenText fails when any issued token or code — or a 24-byte
// window of one — appears in text.
func assertNoTokenText(t *testing.T, what, text string, issued []string) {
	t.Helper()
	for _, tok := range issued {
		if strings.Contains(text, tok) {
			t.Fatalf("%s contains a whole token (%d bytes)", what, len(tok))
		}
		const w = 24
		for i := 0; i+w <= len(tok); i += w {
			if strings.Contains(text, tok[i:i+w]) {
				t.Fatalf("%s contains a fragment of a token at offset %d", what, i)
			}
		}
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
