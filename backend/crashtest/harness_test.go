package crashtest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	gosync "sync"
	"sync/atomic"
	"testing"
	"time"

	"tenantlens/backend/bridge"
	"tenantlens/backend/cli"
	"tenantlens/backend/graphsim"
	"tenantlens/backend/secrets"
	"tenantlens/backend/store"
	"tenantlens/backend/types"
)

// TestMain lets the test binary play the tenantlens command line in a child
// process: with TL_CRASHTEST_CHILD=1 it runs cli.Main with the arguments in
// TL_CRASHTEST_ARGS (separated by \x1f, the unit separator) and exits with its code, exactly as
// main.go does for a headless command.
func TestMain(m *testing.M) {
	if os.Getenv("TL_CRASHTEST_CHILD") == "1" {
		args := strings.Split(os.Getenv("TL_CRASHTEST_ARGS"), "\x1f")
		os.Exit(cli.Main(context.Background(), args, cli.Env{Stdout: os.Stdout, Stderr: os.Stderr}))
	}
	os.Exit(m.Run())
}

// gate sits in front of graphsim's handler. Every request holds a read
// lock, so the directory is edited (write lock) only while no request is
// being answered; token requests can be slowed down and are tracked, so the
// test knows whether a kill landed during a refresh-token rotation.
type gate struct {
	next       http.Handler
	rw         gosync.RWMutex
	tokenDelay atomic.Int64 // nanoseconds, split before and after graphsim answers

	mu           gosync.Mutex
	inFlight     int
	started      int // token requests started since reset
	finished     int // token responses delivered since reset
	lastFinished time.Time
	changed      chan struct{} // closed and replaced on every token event
}

func newGate(next http.Handler) *gate { return &gate{next: next, changed: make(chan struct{})} }

func isTokenPath(p string) bool { return strings.HasSuffix(p, "/oauth2/v2.0/token") }

func (g *gate) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.rw.RLock()
	defer g.rw.RUnlock()
	if !isTokenPath(r.URL.Path) {
		g.next.ServeHTTP(w, r)
		return
	}
	g.event(func() { g.inFlight++; g.started++ })
	defer g.event(func() { g.inFlight--; g.finished++; g.lastFinished = time.Now() })
	d := time.Duration(g.tokenDelay.Load())
	time.Sleep(d / 2)
	rec := httptest.NewRecorder()
	g.next.ServeHTTP(rec, r) // graphsim rotates the refresh token here
	time.Sleep(d - d/2)      // … and the client has not got it yet
	for k, v := range rec.Result().Header {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

func (g *gate) event(fn func()) {
	g.mu.Lock()
	fn()
	close(g.changed)
	g.changed = make(chan struct{})
	g.mu.Unlock()
}

// resetCounts zeroes the per-child token counters.
func (g *gate) resetCounts() {
	g.mu.Lock()
	g.started, g.finished = 0, 0
	g.mu.Unlock()
}

// waitToken blocks until cond holds for (started, finished), the deadline
// passes or done is closed; it reports whether cond held.
func (g *gate) waitToken(cond func(started, finished int) bool, done <-chan struct{}, deadline time.Duration) bool {
	timer := time.NewTimer(deadline)
	defer timer.Stop()
	for {
		g.mu.Lock()
		ok, ch := cond(g.started, g.finished), g.changed
		g.mu.Unlock()
		if ok {
			return true
		}
		select {
		case <-ch:
		case <-done:
			return false
		case <-timer.C:
			return false
		}
	}
}

// inRotation reports whether a token request is being answered or one was
// answered within window (the client is then saving the rotated token).
func (g *gate) inRotation(window time.Duration) (inFlight, justAnswered bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.inFlight > 0, !g.lastFinished.IsZero() && time.Since(g.lastFinished) < window
}

// edit changes the directory while no request is being answered.
func (g *gate) edit(fn func()) {
	g.rw.Lock()
	defer g.rw.Unlock()
	fn()
}

// env is graphsim behind the gate on loopback, a fresh data folder and the
// real keychain, configured through the environment as a user would.
type env struct {
	t    *testing.T
	sim  *graphsim.Sim
	gate *gate
	base string // the gate's URL
	home string // TENANTLENS_HOME
	root string // everything else the children may write: tmp, cache, config, state, home

	mu     gosync.Mutex
	output bytes.Buffer // every byte any command printed
}

func newEnv(t *testing.T, sim *graphsim.Sim) *env {
	t.Helper()
	requireKeychain(t)
	if err := sim.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	g := newGate(sim.Handler())
	srv := httptest.NewServer(g)
	t.Cleanup(srv.Close)
	e := &env{t: t, sim: sim, gate: g, base: srv.URL, home: t.TempDir(), root: t.TempDir()}
	for _, d := range []string{"tmp", "cache", "config", "state", "home"} {
		if err := os.MkdirAll(filepath.Join(e.root, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	// graphsim builds its links from the request's Host, so every link
	// (next pages, report downloads) points back at the gate.
	t.Setenv("TENANTLENS_HOME", e.home)
	t.Setenv("TENANTLENS_AUTHORITY", e.base+"/login")
	t.Setenv("TENANTLENS_GRAPH", e.base+"/graph")
	t.Setenv("TENANTLENS_CLIENT_ID", graphsim.DemoClientID)
	t.Setenv("TENANTLENS_CATALOG_URL", e.base+strings.TrimPrefix(sim.CatalogURL(), strings.TrimSuffix(sim.GraphURL(), "/graph")))
	t.Cleanup(e.forgetSecrets)
	return e
}

// requireKeychain fails (or skips with TENANTLENS_SKIP_KEYCHAIN_TESTS=1)
// without a Secret Service: run via scripts/with-keyring.sh.
func requireKeychain(t *testing.T) {
	t.Helper()
	if err := secrets.New("").Check(); err != nil {
		if os.Getenv("TENANTLENS_SKIP_KEYCHAIN_TESTS") == "1" {
			t.Skipf("no keychain: %v", err)
		}
		t.Fatalf("real keychain needed (run via scripts/with-keyring.sh): %v", err)
	}
}

func (e *env) forgetSecrets() {
	s, err := store.Open(e.home, store.Options{})
	if err != nil {
		return
	}
	defer s.Close()
	cs, _ := s.Connections(context.Background())
	for _, c := range cs {
		_ = secrets.New("").Delete(c.SecretKey)
	}
}

// command is one child process running the tenantlens command line.
type command struct {
	cmd            *exec.Cmd
	stdout, stderr lockedBuffer
	done           chan struct{}
	code           int
	err            error
}

// start runs `tenantlens args…` as a child process with its temp, cache,
// config and state folders and HOME under e.root. onLine, if set, sees each
// stdout line as it comes.
func (e *env) start(onLine func(string), args ...string) *command {
	e.t.Helper()
	c := &command{done: make(chan struct{})}
	c.cmd = exec.Command(os.Args[0], "-test.run=^$")
	c.cmd.Env = append(os.Environ(),
		"TL_CRASHTEST_CHILD=1", "TL_CRASHTEST_ARGS="+strings.Join(args, "\x1f"),
		"TMPDIR="+filepath.Join(e.root, "tmp"), "XDG_CACHE_HOME="+filepath.Join(e.root, "cache"),
		"XDG_CONFIG_HOME="+filepath.Join(e.root, "config"), "XDG_STATE_HOME="+filepath.Join(e.root, "state"),
		"HOME="+filepath.Join(e.root, "home"))
	c.cmd.Stderr = &c.stderr
	pr, pw := io.Pipe()
	c.cmd.Stdout = pw
	if err := c.cmd.Start(); err != nil {
		e.t.Fatalf("starting the child: %v", err)
	}
	lines := make(chan struct{})
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(pr)
		sc.Buffer(make([]byte, 64*1024), 16<<20)
		for sc.Scan() {
			c.stdout.Write([]byte(sc.Text() + "\n"))
			if onLine != nil {
				onLine(sc.Text())
			}
		}
		_, _ = io.Copy(io.Discard, pr)
	}()
	go func() {
		c.err = c.cmd.Wait()
		pw.Close()
		<-lines
		var ee *exec.ExitError
		switch {
		case c.err == nil:
		case errors.As(c.err, &ee):
			c.code = ee.ExitCode()
		default:
			c.code = -1
		}
		e.mu.Lock()
		e.output.WriteString(c.stdout.String())
		e.output.WriteString(c.stderr.String())
		e.mu.Unlock()
		close(c.done)
	}()
	return c
}

// run runs a command to its end (at most timeout).
func (e *env) run(timeout time.Duration, args ...string) *command {
	e.t.Helper()
	c := e.start(nil, args...)
	select {
	case <-c.done:
	case <-time.After(timeout):
		_ = c.cmd.Process.Kill()
		<-c.done
		e.t.Fatalf("%v did not finish within %s\nstderr:\n%s", args, timeout, c.stderr.String())
	}
	return c
}

// connect runs `connect args… --no-browser` and plays the user's browser:
// each "open: URL" line is fetched with a plain HTTP client, which follows
// graphsim's auto-consent redirect back to the command's loopback listener.
func (e *env) connect(args ...string) *command {
	e.t.Helper()
	var wg gosync.WaitGroup
	errs := make(chan error, 8)
	c := e.start(func(line string) {
		u, ok := strings.CutPrefix(line, "open: ")
		if !ok {
			return
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := (&http.Client{Timeout: time.Minute}).Get(u)
			if err != nil {
				errs <- err
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				errs <- errors.New("the loopback page answered " + resp.Status)
			}
		}()
	}, append(append([]string{"connect"}, args...), "--no-browser")...)
	select {
	case <-c.done:
	case <-time.After(3 * time.Minute):
		_ = c.cmd.Process.Kill()
		<-c.done
		e.t.Fatalf("connect %v hung\n%s", args, c.stderr.String())
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		e.t.Errorf("browser: %v", err)
	}
	if c.code != 0 {
		e.t.Fatalf("connect %v: exit %d\n%s\n%s", args, c.code, c.stdout.String(), c.stderr.String())
	}
	return c
}

// connectAll connects as partner and, when the demo MSP has a consented
// customer the partner cannot see, that customer directly; it returns the
// ready tenants' IDs.
func (e *env) connectAll() []string {
	e.t.Helper()
	e.connect("--partner")
	listed := map[string]bool{}
	for _, r := range e.sim.MSP().Relationships {
		listed[r.CustomerID] = true
	}
	for _, c := range e.sim.MSP().Customers {
		if !listed[c.ID] && c.DemoConsented {
			e.connect("--tenant", c.DefaultDomain)
			break
		}
	}
	var ready []string
	for _, r := range e.tenantRows() {
		if r.Access == string(types.AccessReady) {
			ready = append(ready, r.ID)
		}
	}
	if len(ready) < 2 {
		e.t.Fatalf("only %d ready tenants after connecting", len(ready))
	}
	return ready
}

// lockedBuffer is a bytes.Buffer safe for concurrent writers and readers.
type lockedBuffer struct {
	mu gosync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// tenantRows runs `tenants --json`.
func (e *env) tenantRows() []bridge.TenantRow {
	e.t.Helper()
	c := e.run(time.Minute, "tenants", "--json")
	if c.code != 0 {
		e.t.Fatalf("tenants --json: exit %d\n%s", c.code, c.stderr.String())
	}
	var rows []bridge.TenantRow
	if err := json.Unmarshal([]byte(c.stdout.String()), &rows); err != nil {
		e.t.Fatalf("tenants --json is not JSON (%v):\n%s", err, c.stdout.String())
	}
	return rows
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }
