package store

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestFreshCreateAppliesEveryMigration(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	migs, err := loadMigrations(embeddedMigrations())
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := migs[len(migs)-1].version; v != want {
		t.Fatalf("schema version %d, want %d", v, want)
	}
	for _, table := range []string{"settings", "tenants", "sync_runs", "snap_users", "run_metrics"} {
		var n int
		if err := s.db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type='table' AND name=?`, table).Scan(&n); err != nil || n != 1 {
			t.Errorf("table %s missing (n=%d, err=%v)", table, n, err)
		}
	}
}

func TestFileModeAndWAL(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if err := s.SetSetting(ctx, "k", "v"); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if m := st.Mode().Perm(); m != 0o600 {
		t.Fatalf("database mode %o, want 600", m)
	}
	mode, err := s.JournalMode(ctx)
	if err != nil || mode != "wal" {
		t.Fatalf("journal mode %q (%v), want wal", mode, err)
	}
	if _, err := os.Stat(s.Path() + "-wal"); err != nil {
		t.Fatalf("no WAL file beside the database: %v", err)
	}
	var fk int
	if err := s.db.QueryRow(`PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Fatalf("foreign_keys=%d (%v), want 1", fk, err)
	}
	var bt int
	if err := s.db.QueryRow(`PRAGMA busy_timeout`).Scan(&bt); err != nil || bt < 1000 {
		t.Fatalf("busy_timeout=%d (%v)", bt, err)
	}
}

func TestSettingsRoundTrip(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, ok, _ := s.Setting(ctx, "sync.interval"); ok {
		t.Fatal("unset setting reported as set")
	}
	for _, v := range []string{"24h", "6h"} {
		if err := s.SetSetting(ctx, "sync.interval", v); err != nil {
			t.Fatal(err)
		}
		got, ok, err := s.Setting(ctx, "sync.interval")
		if err != nil || !ok || got != v {
			t.Fatalf("Setting = %q %v %v, want %q", got, ok, err, v)
		}
	}
}

func TestUpgradeAcrossTwoMigrations(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	v1 := fstest.MapFS{
		"0001_init.sql": {Data: []byte(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);`)},
	}
	s, err := Open(dir, Options{Migrations: v1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`INSERT INTO notes(body) VALUES ('kept across upgrades')`); err != nil {
		t.Fatal(err)
	}
	s.Close()

	v3 := fstest.MapFS{
		"0001_init.sql":   v1["0001_init.sql"],
		"0002_author.sql": {Data: []byte(`ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT 'unknown';`)},
		"0003_tags.sql":   {Data: []byte(`CREATE TABLE tags (note_id INTEGER REFERENCES notes(id), tag TEXT);`)},
		"README.txt":      {Data: []byte("not a migration")},
	}
	s, err = Open(dir, Options{Migrations: v3})
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer s.Close()
	v, _ := s.SchemaVersion(ctx)
	if v != 3 {
		t.Fatalf("version after upgrade %d, want 3", v)
	}
	var body, author string
	if err := s.db.QueryRow(`SELECT body, author FROM notes`).Scan(&body, &author); err != nil {
		t.Fatal(err)
	}
	if body != "kept across upgrades" || author != "unknown" {
		t.Fatalf("row after upgrade: %q %q", body, author)
	}
	if _, err := s.db.Exec(`INSERT INTO tags(note_id, tag) VALUES (1, 'x')`); err != nil {
		t.Fatalf("table from migration 3 unusable: %v", err)
	}
}

func TestFailedMigrationLeavesPreviousVersion(t *testing.T) {
	dir := t.TempDir()
	ok := fstest.MapFS{"0001_a.sql": {Data: []byte(`CREATE TABLE a (x INTEGER);`)}}
	s, err := Open(dir, Options{Migrations: ok})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	bad := fstest.MapFS{
		"0001_a.sql": ok["0001_a.sql"],
		"0002_b.sql": {Data: []byte(`CREATE TABLE b (x INTEGER); THIS IS NOT SQL;`)},
	}
	if _, err := Open(dir, Options{Migrations: bad}); err == nil || !strings.Contains(err.Error(), "0002_b.sql") {
		t.Fatalf("broken migration: err=%v, want one naming 0002_b.sql", err)
	}
	s, err = Open(dir, Options{Migrations: ok})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.SchemaVersion(context.Background()); v != 1 {
		t.Fatalf("version %d after failed upgrade, want 1", v)
	}
	var n int
	s.db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name='b'`).Scan(&n)
	if n != 0 {
		t.Fatal("half-applied migration left table b behind")
	}
}

func TestNewerDatabaseRefused(t *testing.T) {
	dir := t.TempDir()
	two := fstest.MapFS{
		"0001_a.sql": {Data: []byte(`CREATE TABLE a (x INTEGER);`)},
		"0002_b.sql": {Data: []byte(`CREATE TABLE b (x INTEGER);`)},
	}
	s, err := Open(dir, Options{Migrations: two})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	one := fstest.MapFS{"0001_a.sql": two["0001_a.sql"]}
	if _, err := Open(dir, Options{Migrations: one}); err == nil || !strings.Contains(err.Error(), "newer TenantLens") {
		t.Fatalf("err=%v, want newer-version refusal", err)
	}
}

// TestSecondInstanceRefused starts a second process on the same folder: it
// must be refused with the clear message and leave the database untouched.
func TestSecondInstanceRefused(t *testing.T) {
	if dir := os.Getenv("TL_STORE_SECOND_INSTANCE"); dir != "" {
		_, err := Open(dir, Options{})
		if errors.Is(err, ErrAlreadyRunning) {
			os.Stdout.WriteString("REFUSED: " + err.Error() + "\n")
			os.Exit(3)
		}
		os.Stdout.WriteString("OPENED\n")
		os.Exit(0)
	}
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(context.Background(), "owner", "first"); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(s.Path())

	cmd := exec.Command(os.Args[0], "-test.run=^TestSecondInstanceRefused$")
	cmd.Env = append(os.Environ(), "TL_STORE_SECOND_INSTANCE="+dir)
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 3 {
		t.Fatalf("second process: err=%v output=%s", err, out)
	}
	if !strings.Contains(string(out), "TenantLens is already running on this data folder") {
		t.Fatalf("message: %s", out)
	}
	after, _ := os.Stat(s.Path())
	if !after.ModTime().Equal(before.ModTime()) || after.Size() != before.Size() {
		t.Fatal("second instance touched the database")
	}
	// The first instance still works, and after it closes a new one may open.
	if v, _, _ := s.Setting(context.Background(), "owner"); v != "first" {
		t.Fatalf("owner=%q", v)
	}
	s.Close()
	cmd = exec.Command(os.Args[0], "-test.run=^TestSecondInstanceRefused$")
	cmd.Env = append(os.Environ(), "TL_STORE_SECOND_INSTANCE="+dir)
	if out, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(out), "OPENED") {
		t.Fatalf("after release: err=%v out=%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(dir, FileName)); err != nil {
		t.Fatal(err)
	}
}
