package catalog

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// cacheMeta is the sidecar written next to the cached CSV.
type cacheMeta struct {
	URL          string    `json:"url"`
	FetchedAt    time.Time `json:"fetchedAt"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"lastModified,omitempty"`
	SHA256       string    `json:"sha256"`
}

// readCache parses the cached CSV. It returns (nil, _, nil) when there is no
// cache, and (nil, _, err) when the cache exists but is unusable. Without a
// sidecar that matches the file (hand-copied file, interrupted write) the
// file's mtime is the download time and the URL is assumed to be url.
func readCache(dir, url string) (*Catalog, cacheMeta, error) {
	path := filepath.Join(dir, CacheFile)
	body, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, cacheMeta{}, nil
	}
	if err != nil {
		return nil, cacheMeta{}, fmt.Errorf("catalog: reading cache: %w", err)
	}
	cat, err := Parse(bytes.NewReader(body))
	if err != nil {
		return nil, cacheMeta{}, fmt.Errorf("catalog: cached %s is unusable: %w", path, err)
	}
	var m cacheMeta
	raw, err := os.ReadFile(filepath.Join(dir, MetaFile))
	if err == nil && json.Unmarshal(raw, &m) == nil && m.SHA256 == sha256Hex(body) && !m.FetchedAt.IsZero() {
		return cat, m, nil
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, cacheMeta{}, fmt.Errorf("catalog: reading cache: %w", err)
	}
	return cat, cacheMeta{URL: url, FetchedAt: st.ModTime(), SHA256: sha256Hex(body)}, nil
}

// writeCache replaces the cached CSV and its sidecar atomically (each by
// temp file + rename), CSV first.
func writeCache(dir string, body []byte, m cacheMeta) error {
	if err := ensureDir(dir); err != nil {
		return err
	}
	if err := writeAtomic(dir, CacheFile, body); err != nil {
		return err
	}
	return writeMeta(dir, m)
}

func writeMeta(dir string, m cacheMeta) error {
	raw, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding %s: %w", MetaFile, err)
	}
	return writeAtomic(dir, MetaFile, append(raw, '\n'))
}

// writeAtomic writes data to dir/name through a synced temp file (mode 0600)
// renamed over the target, so readers see the old or the new file, never a
// partial one.
func writeAtomic(dir, name string, data []byte) (err error) {
	f, err := os.CreateTemp(dir, "."+name+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = os.Remove(tmp)
		}
	}()
	if err = f.Chmod(0o600); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		_ = f.Close()
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if _, err = f.Write(data); err != nil {
		_ = f.Close()
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err = f.Sync(); err != nil {
		_ = f.Close()
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err = os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
