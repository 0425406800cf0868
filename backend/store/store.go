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
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// FileName is the database file inside the data folder.
const FileName = "tenantlens.db"

// ErrAlreadyRunning is returned when another TenantLens process holds the
// data folder.
var ErrAlreadyRunning = errors.New("TenantLens is already running on this data folder")

// Store is an open database plus the data-folder lock that guards it.
type Store struct {
	db   *sql.DB
	dir  string
	lock *folderLock
	now  func() time.Time
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
		return nil, err
	}
	s, err := open(dir, lock, opt)
	if err != nil {
		lock.release()
		return nil, err
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
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("opening database: %w", err)
	}
	db.SetMaxOpenConns(4)
	s := &Store{db: db, dir: dir, lock: lock, now: opt.Now}
	if s.now == nil {
		s.now = time.Now
	}
	migs := opt.Migrations
	if migs == nil {
		migs = embeddedMigrations()
	}
	if err := s.migrate(context.Background(), migs); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// dsn puts every pragma in the connection string so each pooled connection
// gets them, and makes BEGIN take the write lock at once (one writer).
func dsn(path string) string {
	q := url.Values{}
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	return "file:" + filepath.ToSlash(path) + "?" + q.Encode()
}

// Close closes the database and releases the folder lock.
func (s *Store) Close() error {
	err := s.db.Close()
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
	err := s.db.QueryRowContext(ctx, "SELECT sqlite_version()").Scan(&v)
	return v, err
}

// JournalMode reports the journal mode in force (WAL expected).
func (s *Store) JournalMode(ctx context.Context) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&v)
	return v, err
}

// tx runs fn in one immediate transaction.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	t, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("starting transaction: %w", err)
	}
	if err := fn(t); err != nil {
		t.Rollback()
		return err
	}
	if err := t.Commit(); err != nil {
		return fmt.Errorf("committing: %w", err)
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
