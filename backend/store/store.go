// Package store is TenantLens' SQLite storage: one file in the data folder,
// embedded versioned migrations, and the repositories. It is the only
// package that speaks SQL.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// FileName is the database file inside the data folder.
const FileName = "tenantlens.db"

// ErrAlreadyRunning is returned when another TenantLens process holds the
// data folder.
var ErrAlreadyRunning = errors.New("TenantLens is already running on this data folder")

// Store is an open database plus the data-folder lock that guards it.
//
// It has ONE writer: db holds a single connection, so every write (and
// every write transaction) of the process queues in Go for it instead of
// competing for SQLite's write lock and failing with SQLITE_BUSY. Reads go
// to rdb, a pool of query-only connections; in WAL mode they never wait for
// the writer and see the last committed state.
type Store struct {
	db   *sql.DB // the writer: one connection, BEGIN IMMEDIATE
	rdb  *sql.DB // readers: query_only connections
	dir  string
	lock *folderLock
	now  func() time.Time

	recovered     Recovery
	pricesVersion atomic.Uint64
}

// Options tune Open; the zero value is what the app uses.
type Options struct {
	// Migrations replaces the embedded migrations (tests of upgrades).
	Migrations fs.FS
	// Now is the clock used for timestamps; default time.Now.
	Now func() time.Time
}

// DataDir resolves the data folder: TENANTLENS_HOME, else
// os.UserConfigDir()/TenantLens.
func DataDir() (string, error) {
	if d := os.Getenv("TENANTLENS_HOME"); d != "" {
		return d, nil
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("finding the user config folder: %w", err)
	}
	return filepath.Join(base, "TenantLens"), nil
}

// Open locks the data folder, opens (creating if needed, mode 0600) the
// database and applies pending migrations. A second process on the same
// folder gets ErrAlreadyRunning before anything is touched.
func Open(dir string, opt Options) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("creating data folder %s: %w", dir, err)
	}
	lock, err := lockFolder(dir)
	if err != nil {
		return nil, (&Store{dir: dir}).storageError(err)
	}
	s, err := open(dir, lock, opt)
	if err != nil {
		lock.release()
		return nil, (&Store{dir: dir}).storageError(err)
	}
	return s, nil
}

func open(dir string, lock *folderLock, opt Options) (*Store, error) {
	path := filepath.Join(dir, FileName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("creating database %s: %w", path, err)
	}
	f.Close()
	// Tighten a file created by an older version or another umask.
	if err := os.Chmod(path, 0o600); err != nil {
		return nil, fmt.Errorf("securing database %s: %w", path, err)
	}
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("opening database: %w", err)
	}
	// The one writer. It never closes its connection (an idle writer keeps
	// its page cache and prepared state).
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	s := &Store{db: db, dir: dir, lock: lock, now: opt.Now}
	if s.now == nil {
		s.now = time.Now
	}
	migs := opt.Migrations
	if migs == nil {
		migs = embeddedMigrations()
	}
	ctx := context.Background()
	if err := s.migrate(ctx, migs); err != nil {
		db.Close()
		return nil, err
	}
	// Readers open after the migrations so they start on the final schema.
	// No cap: nested reads never starve each other; idle ones are few.
	if s.rdb, err = sql.Open("sqlite", dsn(path, true)); err != nil {
		db.Close()
		return nil, fmt.Errorf("opening database readers: %w", err)
	}
	s.rdb.SetMaxIdleConns(4)
	if err := s.recoverAfterCrash(ctx); err != nil {
		s.rdb.Close()
		db.Close()
		return nil, err
	}
	return s, nil
}

// dsn puts every pragma in the connection string so each connection gets
// them. The writer's BEGIN takes the write lock at once; readers are
// query_only, so a write sent to the read pool by mistake fails loudly
// instead of becoming a second writer. busy_timeout stays as a backstop
// (checkpoints, a reader during WAL recovery): within one process writes
// queue in Go and never reach it.
func dsn(path string, reader bool) string {
	q := url.Values{}
	if !reader {
		q.Add("_pragma", "journal_mode(WAL)")
	}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	if reader {
		q.Add("_pragma", "query_only(1)")
	} else {
		// A 32 MB page cache keeps most of a large snapshot's dirty pages
		// in memory until commit instead of spilling them to the WAL early.
		q.Add("_pragma", "cache_size(-32768)")
		q.Set("_txlock", "immediate")
	}
	return "file:" + filepath.ToSlash(path) + "?" + q.Encode()
}

// Close closes the database and releases the folder lock.
func (s *Store) Close() error {
	err := errors.Join(s.rdb.Close(), s.db.Close())
	s.lock.release()
	return err
}

// Dir is the data folder.
func (s *Store) Dir() string { return s.dir }

// Path is the database file.
func (s *Store) Path() string { return filepath.Join(s.dir, FileName) }

// SQLiteVersion reports the engine version (for doctor).
func (s *Store) SQLiteVersion(ctx context.Context) (string, error) {
	var v string
	err := s.rdb.QueryRowContext(ctx, "SELECT sqlite_version()").Scan(&v)
	return v, err
}

// JournalMode reports the journal mode in force (WAL expected).
func (s *Store) JournalMode(ctx context.Context) (string, error) {
	var v string
	err := s.rdb.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&v)
	return v, err
}

// tx runs fn in one immediate transaction on the writer. fn must only use
// t: the writer has one connection, so a call to another Store method that
// writes (s.db) from inside fn would wait for itself. Keep fn short and free
// of I/O and callbacks — every other write of the process waits for it.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	t, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.storageError(fmt.Errorf("starting transaction: %w", err))
	}
	if err := fn(t); err != nil {
		t.Rollback()
		return s.storageError(err)
	}
	if err := t.Commit(); err != nil {
		return s.storageError(fmt.Errorf("committing: %w", err))
	}
	return nil
}

const timeLayout = time.RFC3339Nano

func fmtTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func fmtTimePtr(t *time.Time) any {
	if t == nil || t.IsZero() {
		return nil
	}
	return fmtTime(*t)
}

func parseTime(s string) time.Time {
	t, _ := time.Parse(timeLayout, s)
	return t
}

func parseTimePtr(ns sql.NullString) *time.Time {
	if !ns.Valid || ns.String == "" {
		return nil
	}
	t, err := time.Parse(timeLayout, ns.String)
	if err != nil {
		return nil
	}
	return &t
}
