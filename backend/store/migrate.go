package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

func embeddedMigrations() fs.FS {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	return sub
}

type migration struct {
	version int
	name    string
	sql     string
}

// loadMigrations reads NNNN_name.sql files in version order.
func loadMigrations(fsys fs.FS) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("reading migrations: %w", err)
	}
	var out []migration
	seen := map[int]string{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %q: name must start with a positive number and _", e.Name())
		}
		if prev, dup := seen[v]; dup {
			return nil, fmt.Errorf("migrations %q and %q share version %d", prev, e.Name(), v)
		}
		seen[v] = e.Name()
		b, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// migrate applies, each in its own transaction, every migration newer than
// the database's version. A database newer than this build is refused.
func (s *Store) migrate(ctx context.Context, fsys fs.FS) error {
	migs, err := loadMigrations(fsys)
	if err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("preparing migrations table: %w", err)
	}
	cur, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if n := len(migs); n > 0 && cur > migs[n-1].version {
		return fmt.Errorf("the data folder was written by a newer TenantLens (schema %d, this build knows %d); update TenantLens", cur, migs[n-1].version)
	}
	for _, m := range migs {
		if m.version <= cur {
			continue
		}
		if err := s.apply(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

// SchemaVersion is the highest applied migration (0 for a new file).
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("reading schema version: %w", err)
	}
	return int(v.Int64), nil
}

// fkOffMarker on a migration's first line runs it with foreign keys off:
// SQLite's table-rebuild procedure (create new, copy, drop old, rename),
// where DROP TABLE would otherwise cascade into the tables referencing the
// old one. Every foreign key is checked before the transaction commits.
const fkOffMarker = "-- tenantlens:foreign-keys-off"

// apply runs one migration in its own transaction on the writer (whose one
// connection the foreign_keys pragma applies to; it cannot change inside a
// transaction).
func (s *Store) apply(ctx context.Context, m migration) error {
	fkOff := strings.HasPrefix(m.sql, fkOffMarker)
	if fkOff {
		if _, err := s.db.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		defer s.db.ExecContext(ctx, `PRAGMA foreign_keys = ON`)
	}
	return s.tx(ctx, func(t *sql.Tx) error {
		if _, err := t.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if fkOff {
			rows, err := t.QueryContext(ctx, `PRAGMA foreign_key_check`)
			if err != nil {
				return fmt.Errorf("migration %s: checking foreign keys: %w", m.name, err)
			}
			bad := rows.Next()
			rows.Close()
			if bad {
				return fmt.Errorf("migration %s: it would break a foreign key; the data folder is unchanged — report this", m.name)
			}
		}
		_, err := t.ExecContext(ctx, `INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)`,
			m.version, m.name, fmtTime(s.now()))
		return err
	})
}
