package catalog

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

const (
	// DefaultURL is Microsoft's download of the licensing CSV (GRAPH-FACTS §9).
	DefaultURL = "https://download.microsoft.com/download/e/3/e/e3e9faf2-f28b-490a-9ada-c6089a1fc5b0/Product%20names%20and%20service%20plan%20identifiers%20for%20licensing.csv"
	// DefaultMaxAge is how long a downloaded copy is used before refreshing.
	DefaultMaxAge = 30 * 24 * time.Hour
	// CacheFile is the cached CSV's name inside Source.Dir; MetaFile is its
	// sidecar (download time, URL, ETag, Last-Modified, sha256).
	CacheFile = "licensing.csv"
	MetaFile  = "licensing.meta.json"

	maxDownload = 64 << 20 // the real file is ~1.1 MB
)

// Source loads the catalog from a cached copy, downloading it when the copy
// is missing or older than MaxAge.
type Source struct {
	URL    string       // DefaultURL when empty
	Dir    string       // cache folder (created 0700 if missing); required
	HTTP   *http.Client // a client with a 2-minute timeout when nil
	Now    func() time.Time
	MaxAge time.Duration // DefaultMaxAge when zero
}

// LoadInfo describes where the catalog Load returned came from.
type LoadInfo struct {
	Path        string    // the cache file
	FromCache   bool      // the catalog was read from the cache file
	Downloaded  bool      // a new copy was downloaded (and cached unless Err says otherwise)
	NotModified bool      // the server answered 304 and the cached copy was kept
	Stale       bool      // the cached copy is older than MaxAge (or from another URL) and could not be refreshed
	FetchedAt   time.Time // when the copy in use was downloaded or last re-validated
	Err         error     // why refreshing (or caching) failed; nil when all went well
}

// Load returns the catalog. A cached copy younger than MaxAge is used as
// is. Otherwise the URL is fetched (conditionally, when the cache has an
// ETag or Last-Modified), validated by parsing and written atomically
// (mode 0600). If the download fails or is not a valid CSV, a cached copy —
// however old — is returned with Stale set and the reason in LoadInfo.Err,
// and the cache files are left untouched. Load returns an error only when no
// usable catalog exists at all.
func (s *Source) Load(ctx context.Context) (*Catalog, LoadInfo, error) {
	if s.Dir == "" {
		return nil, LoadInfo{}, errors.New("catalog: Source.Dir is empty")
	}
	url := s.url()
	info := LoadInfo{Path: filepath.Join(s.Dir, CacheFile)}
	now := s.now()

	cached, meta, cacheErr := readCache(s.Dir, url)
	if cached != nil {
		info.FetchedAt = meta.FetchedAt
		if meta.URL == url && now.Sub(meta.FetchedAt) < s.maxAge() {
			info.FromCache = true
			return cached, info, nil
		}
	}

	var prev *cacheMeta
	if cached != nil && meta.URL == url {
		prev = &meta
	}
	res, err := s.fetch(ctx, url, prev)
	switch {
	case err == nil && res.notModified:
		meta.FetchedAt = now
		info.FromCache, info.NotModified, info.FetchedAt = true, true, now
		if werr := writeMeta(s.Dir, meta); werr != nil {
			info.Err = fmt.Errorf("catalog: recording re-validation: %w", werr)
		}
		return cached, info, nil
	case err == nil:
		info.Downloaded, info.FetchedAt = true, now
		m := cacheMeta{URL: url, FetchedAt: now, ETag: res.etag, LastModified: res.lastModified, SHA256: sha256Hex(res.body)}
		if werr := writeCache(s.Dir, res.body, m); werr != nil {
			info.Err = fmt.Errorf("catalog: downloaded but not cached: %w", werr)
		}
		return res.catalog, info, nil
	case cached != nil:
		info.FromCache, info.Stale, info.Err = true, true, err
		return cached, info, nil
	default:
		info.Err = err
		if cacheErr != nil {
			err = errors.Join(err, cacheErr)
		}
		return nil, info, fmt.Errorf("catalog: no licensing catalog available (no usable cache in %s): %w", s.Dir, err)
	}
}

type fetchResult struct {
	catalog            *Catalog
	body               []byte
	etag, lastModified string
	notModified        bool
}

// fetch downloads and parses the CSV. prev, when set, makes the request
// conditional.
func (s *Source) fetch(ctx context.Context, url string, prev *cacheMeta) (fetchResult, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fetchResult{}, fmt.Errorf("catalog: download %s: %w", url, err)
	}
	req.Header.Set("User-Agent", "TenantLens")
	if prev != nil {
		if prev.ETag != "" {
			req.Header.Set("If-None-Match", prev.ETag)
		}
		if prev.LastModified != "" {
			req.Header.Set("If-Modified-Since", prev.LastModified)
		}
	}
	resp, err := s.client().Do(req)
	if err != nil {
		return fetchResult{}, fmt.Errorf("catalog: download %s: %w", url, err)
	}
	defer resp.Body.Close()

	if resp.StatusCode == http.StatusNotModified && prev != nil {
		return fetchResult{notModified: true}, nil
	}
	if resp.StatusCode != http.StatusOK {
		return fetchResult{}, fmt.Errorf("catalog: download %s: HTTP %s", url, resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxDownload+1))
	if err != nil {
		return fetchResult{}, fmt.Errorf("catalog: download %s: reading body: %w", url, err)
	}
	if len(body) > maxDownload {
		return fetchResult{}, fmt.Errorf("catalog: download %s: %w: larger than %d bytes", url, ErrMalformed, maxDownload)
	}
	cat, err := Parse(bytes.NewReader(body))
	if err != nil {
		return fetchResult{}, fmt.Errorf("catalog: download %s: %w", url, err)
	}
	return fetchResult{
		catalog:      cat,
		body:         body,
		etag:         resp.Header.Get("ETag"),
		lastModified: resp.Header.Get("Last-Modified"),
	}, nil
}

func (s *Source) url() string {
	if s.URL == "" {
		return DefaultURL
	}
	return s.URL
}

func (s *Source) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

func (s *Source) maxAge() time.Duration {
	if s.MaxAge <= 0 {
		return DefaultMaxAge
	}
	return s.MaxAge
}

func (s *Source) client() *http.Client {
	if s.HTTP == nil {
		return &http.Client{Timeout: 2 * time.Minute}
	}
	return s.HTTP
}

// ensureDir creates the cache folder private to the user.
func ensureDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("creating cache folder: %w", err)
	}
	return nil
}
