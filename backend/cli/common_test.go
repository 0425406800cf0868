package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"tenantlens/backend/graphsim"
	"tenantlens/backend/review"
	"tenantlens/backend/secrets"
	"tenantlens/backend/services"
	"tenantlens/backend/types"
)

// cliEnv is graphsim over real HTTP, a fresh data folder and the real
// keychain, configured through the environment exactly as a user would:
// TENANTLENS_HOME, _AUTHORITY, _GRAPH, _CLIENT_ID and _CATALOG_URL. The
// authority is reached through tokenTap, which records every token and
// code graphsim issues so the tests can prove none is ever printed.
type cliEnv struct {
	t    *testing.T
	sim  *graphsim.Sim
	home string
	tap  *tokenTap
	auth string // authority URL (through the tap)

	mu     gosync.Mutex
	output strings.Builder // everything every command printed
}

func newCLIEnv(t *testing.T, sim *graphsim.Sim) *cliEnv {
	t.Helper()
	requireKeychain(t)
	if err := sim.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	tap := &tokenTap{next: sim.Handler()}
	srv := httptest.NewServer(tap)
	t.Cleanup(srv.Close)
	e := &cliEnv{t: t, sim: sim, home: t.TempDir(), tap: tap, auth: srv.URL + "/login"}
	t.Setenv("TENANTLENS_HOME", e.home)
	t.Setenv("TENANTLENS_AUTHORITY", e.auth)
	t.Setenv("TENANTLENS_GRAPH", sim.GraphURL())
	t.Setenv("TENANTLENS_CLIENT_ID", graphsim.DemoClientID)
	t.Setenv("TENANTLENS_CATALOG_URL", sim.CatalogURL())
	t.Cleanup(e.forgetSecrets)
	return e
}

// requireKeychain fails (or skips with TENANTLENS_SKIP_KEYCHAIN_TESTS=1)
// when there is no Secret Service: run via scripts/with-keyring.sh.
func requireKeychain(t *testing.T) {
	t.Helper()
	if err := secrets.New("").Check(); err != nil {
		if os.Getenv("TENANTLENS_SKIP_KEYCHAIN_TESTS") == "1" {
			t.Skipf("no keychain: %v", err)
		}
		t.Fatalf("real keychain needed (run via scripts/with-keyring.sh): %v", err)
	}
}

// forgetSecrets removes the tokens of connections a test left behind.
func (e *cliEnv) forgetSecrets() {
	for _, c := range e.connections() {
		_ = secrets.New("").Delete(c.SecretKey)
	}
}

// connections reads the stored connections (no command may be running).
func (e *cliEnv) connections() []types.Connection {
	svc, err := services.Open(context.Background(), services.Options{Home: e.home})
	if err != nil {
		e.t.Fatalf("opening the data folder: %v", err)
	}
	defer svc.Close()
	cs, err := svc.Store.Connections(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	return cs
}

// storedTenants reads the stored tenants (no command may be running).
func (e *cliEnv) storedTenants() []types.Tenant {
	svc, err := services.Open(context.Background(), services.Options{Home: e.home})
	if err != nil {
		e.t.Fatalf("opening the data folder: %v", err)
	}
	defer svc.Close()
	ts, err := svc.Store.Tenants(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	return ts
}

func (e *cliEnv) record(s ...string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, x := range s {
		e.output.WriteString(x)
	}
}

// cli runs one command in-process and records its output.
func (e *cliEnv) cli(args ...string) (code int, stdout, stderr string) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var out, errb bytes.Buffer
	code = Main(ctx, args, Env{Stdout: &out, Stderr: &errb})
	e.record(out.String(), errb.String())
	return code, out.String(), errb.String()
}

// lockedBuffer is a bytes.Buffer safe for a writer and a reader goroutine.
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

// connect runs `tenantlens connect ... --no-browser` and plays the user:
// it reads the "open: <URL>" lines from the command's stdout as they come
// and fetches each URL with a plain HTTP client, which follows graphsim's
// auto-consent redirect back to the command's loopback listener.
func (e *cliEnv) connect(args ...string) (code int, stdout, stderr string, opened []string) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	pr, pw := io.Pipe()
	var errb lockedBuffer
	done := make(chan int, 1)
	go func() {
		c := Main(ctx, append([]string{"connect"}, args...), Env{Stdout: pw, Stderr: &errb})
		pw.Close()
		done <- c
	}()
	var out strings.Builder
	var wg gosync.WaitGroup
	fetchErr := make(chan error, 8)
	sc := bufio.NewScanner(pr)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		out.WriteString(line + "\n")
		u, ok := strings.CutPrefix(line, "open: ")
		if !ok {
			continue
		}
		opened = append(opened, u)
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := (&http.Client{Timeout: time.Minute}).Get(u)
			if err != nil {
				fetchErr <- err
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				fetchErr <- errors.New("the loopback page answered " + resp.Status)
			}
		}()
	}
	code = <-done
	wg.Wait()
	close(fetchErr)
	for err := range fetchErr {
		e.t.Errorf("browser: %v", err)
	}
	e.record(out.String(), errb.String())
	return code, out.String(), errb.String(), opened
}

// tenants returns `tenants --json`.
func (e *cliEnv) tenants() []review.TenantRow {
	e.t.Helper()
	code, out, errOut := e.cli("tenants", "--json")
	if code != 0 {
		e.t.Fatalf("tenants --json: exit %d: %s", code, errOut)
	}
	var rows []review.TenantRow
	mustJSON(e.t, out, &rows)
	return rows
}

func mustJSON(t *testing.T, s string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatalf("not JSON (%v):\n%s", err, s)
	}
}

// tokenTap sits in front of graphsim's identity endpoints and remembers
// every access, refresh and ID token and every authorization code issued.
type tokenTap struct {
	next http.Handler
	mu   gosync.Mutex
	got  []string
}

func (tp *tokenTap) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec := httptest.NewRecorder()
	tp.next.ServeHTTP(rec, r)
	res := rec.Result()
	if loc := res.Header.Get("Location"); loc != "" {
		if u, err := url.Parse(loc); err == nil {
			tp.add(u.Query().Get("code"))
		}
	}
	body := rec.Body.Bytes()
	if strings.HasSuffix(r.URL.Path, "/oauth2/v2.0/token") && res.StatusCode == http.StatusOK {
		var tr struct {
			AccessToken  string `json:"access_token"`
			RefreshToken string `json:"refresh_token"`
			IDToken      string `json:"id_token"`
		}
		if json.Unmarshal(body, &tr) == nil {
			tp.add(tr.AccessToken, tr.RefreshToken, tr.IDToken)
		}
	}
	for k, v := range res.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(res.StatusCode)
	_, _ = w.Write(body)
}

func (tp *tokenTap) add(s ...string) {
	tp.mu.Lock()
	defer tp.mu.Unlock()
	for _, x := range s {
		if x != "" {
			tp.got = append(tp.got, x)
		}
	}
}

func (tp *tokenTap) issued() []string {
	tp.mu.Lock()
	defer tp.mu.Unlock()
	return append([]string(nil), tp.got...)
}

// tokenShapes are what graphsim's tokens look like (JWT header, refresh
// token prefix), caught even if the tap missed one.
var tokenShapes = regexp.MustCompile(`eyJ0eXAi[A-Za-z0-9_-]{8,}|1\.AV0A[A-Za-z0-9_-]{16,}`)

// assertNoTokens checks that no issued token (nor its first 40 bytes, nor
// anything shaped like one) appears in any command output or in any file
// of the data folder.
func (e *cliEnv) assertNoTokens(minIssued int) {
	e.t.Helper()
	issued := e.tap.issued()
	if len(issued) < minIssued {
		e.t.Fatalf("the tap saw %d tokens/codes, want at least %d: the leak check would be vacuous", len(issued), minIssued)
	}
	e.mu.Lock()
	texts := map[string]string{"command output": e.output.String()}
	e.mu.Unlock()
	err := filepath.WalkDir(e.home, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		texts[p] = string(b)
		return nil
	})
	if err != nil {
		e.t.Fatal(err)
	}
	if len(texts) < 2 {
		e.t.Fatalf("no files in the data folder %s", e.home)
	}
	for where, text := range texts {
		for _, tok := range issued {
			probe := tok
			if len(probe) > 40 {
				probe = probe[:40]
			}
			if strings.Contains(text, probe) {
				e.t.Errorf("%s contains an issued token or code (%d bytes)", where, len(tok))
			}
		}
		if m := tokenShapes.FindString(text); m != "" {
			e.t.Errorf("%s contains something shaped like a token: %.20s…", where, m)
		}
	}
}
