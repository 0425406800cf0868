package store

import (
	"context"
	"database/sql"
)

// EngineVersion opens a throwaway in-memory database to report the SQLite
// engine version without touching (or locking) the data folder.
func EngineVersion(ctx context.Context) (string, error) {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return "", err
	}
	defer db.Close()
	var v string
	err = db.QueryRowContext(ctx, "SELECT sqlite_version()").Scan(&v)
	return v, err
}
