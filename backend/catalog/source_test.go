package catalog

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// csvServer serves a licensing CSV with an ETag and counts requests.
type csvServer struct {
	*httptest.Server
	mu      sync.Mutex
	body    []byte
	etag    string
	status  int    // non-200 forces that status
	html    bool   // serve an HTML error page with status 200
	raw     []byte // when set, served as is with status 200
	hits    int
	not304s int
}

func newCSVServer(t *testing.T, body []byte) *csvServer {
	s := &csvServer{body: body, etag: `"v1"`}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *csvServer) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hits++
	switch {
	case s.status != 0:
		http.Error(w, "unavailable", s.status)
	case s.html:
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<!DOCTYPE html><html><body>We're sorry, this download is no longer available.</body></html>"))
	case s.raw != nil:
		_, _ = w.Write(s.raw)
	case r.Header.Get("If-None-Match") == s.etag:
		s.not304s++
		w.WriteHeader(http.StatusNotModified)
	default:
		w.Header().Set("ETag", s.etag)
		w.Header().Set("Last-Modified", "Wed, 29 Jul 2026 10:00:00 GMT")
		w.Header().Set("Content-Type", "application/octet-stream")
		_, _ = w.Write(s.body)
	}
}

func (s *csvServer) set(f func(s *csvServer)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(s)
}

func (s *csvServer) counts() (hits, notModified int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits, s.not304s
}

// clock is a fake clock the test advances by hand.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

const day = 24 * time.Hour

func newSource(t *testing.T, url string) (*Source, *clock) {
	t.Helper()
	clk := &clock{t: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	return &Source{URL: url, Dir: filepath.Join(t.TempDir(), "catalog"), Now: clk.now}, clk
}

func mustLoad(t *testing.T, s *Source) (*Catalog, LoadInfo) {
	t.Helper()
	c, info, err := s.Load(context.Background())
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c, info
}

func fileState(t *testing.T, path string) ([]byte, time.Time) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return b, st.ModTime()
}

func TestLoadDownloadsThenReusesCache(t *testing.T) {
	srv := newCSVServer(t, realCSV(t))
	src, clk := newSource(t, srv.URL)

	c, info := mustLoad(t, src)
	if !info.Downloaded || info.FromCache || info.Stale || info.Err != nil || c.Len() != 619 {
		t.Fatalf("first load: %+v, %d SKUs", info, c.Len())
	}
	if hits, _ := srv.counts(); hits != 1 {
		t.Fatalf("hits = %d, want 1", hits)
	}
	st, err := os.Stat(filepath.Join(src.Dir, CacheFile))
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Errorf("cache mode %v, want 0600", st.Mode().Perm())
	}
	if info.Path != filepath.Join(src.Dir, CacheFile) || !info.FetchedAt.Equal(clk.t) {
		t.Errorf("info %+v", info)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(src.Dir, ".*.tmp")); len(leftovers) != 0 {
		t.Errorf("temp files left behind: %v", leftovers)
	}

	for _, after := range []time.Duration{time.Hour, 15 * day, 29*day + 23*time.Hour} {
		clk.t = info.FetchedAt.Add(after)
		c, info2 := mustLoad(t, src)
		if !info2.FromCache || info2.Downloaded || info2.Stale || c.Len() != 619 {
			t.Errorf("+%v: %+v", after, info2)
		}
	}
	if hits, _ := srv.counts(); hits != 1 {
		t.Errorf("cache within 30 days should not hit the server; hits = %d", hits)
	}
}

func TestLoadRefreshesAfterMaxAge(t *testing.T) {
	srv := newCSVServer(t, realCSV(t))
	src, clk := newSource(t, srv.URL)
	mustLoad(t, src)

	// Unchanged upstream: conditional GET → 304, cache kept, clock reset.
	clk.advance(30*day + time.Minute)
	c, info := mustLoad(t, src)
	hits, n304 := srv.counts()
	if hits != 2 || n304 != 1 || !info.NotModified || !info.FromCache || info.Stale || c.Len() != 619 {
		t.Fatalf("after 30 days (unchanged): hits=%d 304s=%d info=%+v", hits, n304, info)
	}
	clk.advance(29 * day)
	mustLoad(t, src)
	if hits, _ := srv.counts(); hits != 2 {
		t.Errorf("a 304 should restart the 30 days; hits = %d", hits)
	}

	// Changed upstream: new SKU appears after the next refresh.
	const newSku = "99999999-aaaa-bbbb-cccc-dddddddddddd"
	srv.set(func(s *csvServer) {
		s.etag = `"v2"`
		s.body = append(bytes.Clone(s.body), []byte("Contoso Future Plan,CONTOSO_FUTURE,"+newSku+",EXCHANGE_S_STANDARD,9aaf7827-d63c-4b61-89c3-182f06f82e5c,Exchange Online (Plan 1)\n")...)
	})
	clk.advance(2 * day)
	c, info = mustLoad(t, src)
	if !info.Downloaded || c.Len() != 620 || c.Name(newSku, "") != "Contoso Future Plan" {
		t.Fatalf("after upstream change: %+v, %d SKUs", info, c.Len())
	}
	// And the cache now holds the new file.
	clk.advance(day)
	c, info = mustLoad(t, src)
	if !info.FromCache || c.Len() != 620 {
		t.Errorf("cached new file: %+v, %d SKUs", info, c.Len())
	}
}

func TestLoadUsesStaleCacheWhenDownloadFails(t *testing.T) {
	srv := newCSVServer(t, realCSV(t))
	src, clk := newSource(t, srv.URL)
	mustLoad(t, src)
	before, mtime := fileState(t, filepath.Join(src.Dir, CacheFile))

	srv.set(func(s *csvServer) { s.status = http.StatusServiceUnavailable })
	clk.advance(45 * day)
	c, info := mustLoad(t, src)
	if !info.FromCache || !info.Stale || info.Downloaded || info.Err == nil || c.Len() != 619 {
		t.Fatalf("503: %+v", info)
	}
	if !strings.Contains(info.Err.Error(), "503") {
		t.Errorf("Err should carry the HTTP status: %v", info.Err)
	}

	srv.Close() // connection refused
	clk.advance(day)
	c, info = mustLoad(t, src)
	if !info.Stale || info.Err == nil || c.Len() != 619 {
		t.Fatalf("server gone: %+v", info)
	}
	after, mtime2 := fileState(t, filepath.Join(src.Dir, CacheFile))
	if !bytes.Equal(before, after) || !mtime.Equal(mtime2) {
		t.Error("failed refreshes must not touch the cache")
	}
}

func TestLoadMalformedDownloadKeepsCache(t *testing.T) {
	real := realCSV(t)
	for _, tc := range []struct {
		name string
		set  func(s *csvServer)
	}{
		{"html page", func(s *csvServer) { s.html = true }},
		{"truncated header", func(s *csvServer) { s.raw = []byte("Product_Display_Name,String_Id,GU") }},
		{"truncated body", func(s *csvServer) { s.raw = real[:cutAfterLine(real, 2000)+25] }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newCSVServer(t, real)
			src, clk := newSource(t, srv.URL)
			mustLoad(t, src)
			csvPath, metaPath := filepath.Join(src.Dir, CacheFile), filepath.Join(src.Dir, MetaFile)
			csvBefore, csvMtime := fileState(t, csvPath)
			metaBefore, _ := fileState(t, metaPath)

			srv.set(tc.set)
			clk.advance(31 * day)
			c, info := mustLoad(t, src)
			if !info.Stale || !info.FromCache || !errors.Is(info.Err, ErrMalformed) || c.Len() != 619 {
				t.Fatalf("%+v", info)
			}
			csvAfter, csvMtime2 := fileState(t, csvPath)
			metaAfter, _ := fileState(t, metaPath)
			if !bytes.Equal(csvBefore, csvAfter) || !csvMtime.Equal(csvMtime2) || !bytes.Equal(metaBefore, metaAfter) {
				t.Error("the previous cache was modified")
			}
			if hits, _ := srv.counts(); hits != 2 {
				t.Errorf("hits = %d, want 2", hits)
			}
			t.Logf("reported: %v", info.Err)
		})
	}
}

func TestLoadFailsWithoutAnyCatalog(t *testing.T) {
	srv := newCSVServer(t, nil)
	srv.set(func(s *csvServer) { s.status = http.StatusNotFound })
	src, _ := newSource(t, srv.URL)

	c, info, err := src.Load(context.Background())
	if err == nil || c != nil || info.Err == nil {
		t.Fatalf("want an error, got %v / %+v", err, info)
	}
	if !strings.Contains(err.Error(), "404") || !strings.Contains(err.Error(), "no licensing catalog available") {
		t.Errorf("error should say why: %v", err)
	}

	// An unusable cached file plus a failed download: both reasons reported.
	if err := os.MkdirAll(src.Dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src.Dir, CacheFile), []byte("<html>captive portal</html>"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err = src.Load(context.Background())
	if err == nil || !strings.Contains(err.Error(), "404") || !strings.Contains(err.Error(), "HTML") {
		t.Errorf("want both the download and the cache problem: %v", err)
	}

	if _, _, err := (&Source{}).Load(context.Background()); err == nil {
		t.Error("a Source without Dir must fail")
	}
}

func TestLoadReplacesUnusableCache(t *testing.T) {
	srv := newCSVServer(t, realCSV(t))
	src, _ := newSource(t, srv.URL)
	if err := os.MkdirAll(src.Dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src.Dir, CacheFile), []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, info := mustLoad(t, src)
	if !info.Downloaded || c.Len() != 619 {
		t.Fatalf("%+v", info)
	}
	if b, _ := fileState(t, filepath.Join(src.Dir, CacheFile)); !bytes.Equal(b, realCSV(t)) {
		t.Error("cache not replaced by the download")
	}
}

func TestLoadHandCopiedFileUsesMtime(t *testing.T) {
	srv := newCSVServer(t, realCSV(t))
	src, clk := newSource(t, srv.URL)
	if err := os.MkdirAll(src.Dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(src.Dir, CacheFile)
	if err := os.WriteFile(path, realCSV(t), 0o600); err != nil {
		t.Fatal(err)
	}
	// No sidecar: the file's mtime is its download time.
	if err := os.Chtimes(path, clk.t, clk.t.Add(-10*day)); err != nil {
		t.Fatal(err)
	}
	if _, info := mustLoad(t, src); !info.FromCache {
		t.Fatalf("10-day-old file: %+v", info)
	}
	if err := os.Chtimes(path, clk.t, clk.t.Add(-40*day)); err != nil {
		t.Fatal(err)
	}
	if _, info := mustLoad(t, src); !info.Downloaded {
		t.Fatalf("40-day-old file: %+v", info)
	}
	if hits, _ := srv.counts(); hits != 1 {
		t.Errorf("hits = %d, want 1", hits)
	}
}

func TestLoadRefreshesWhenURLChanges(t *testing.T) {
	a := newCSVServer(t, realCSV(t))
	b := newCSVServer(t, realCSV(t))
	src, clk := newSource(t, a.URL)
	mustLoad(t, src)
	clk.advance(day)
	src.URL = b.URL
	if _, info := mustLoad(t, src); !info.Downloaded {
		t.Fatalf("new URL should be fetched: %+v", info)
	}
	if ha, _ := a.counts(); ha != 1 {
		t.Errorf("old URL hits = %d", ha)
	}
	if hb, _ := b.counts(); hb != 1 {
		t.Errorf("new URL hits = %d", hb)
	}
}

func TestDefaults(t *testing.T) {
	var s Source
	if s.url() != DefaultURL || s.maxAge() != 30*day || s.client() == nil {
		t.Error("defaults not applied")
	}
	if !strings.HasPrefix(DefaultURL, "https://download.microsoft.com/") || !strings.HasSuffix(DefaultURL, "licensing.csv") {
		t.Errorf("DefaultURL = %s", DefaultURL)
	}
}
