package store

import (
	"errors"
	"syscall"

	"modernc.org/sqlite"

	"tenantlens/backend/fault"
)

// SQLite primary result codes (the low byte of an extended code).
const (
	sqliteReadOnly = 8
	sqliteFull     = 13
)

// StorageError is a write the database file could not take: the disk is
// full or the data folder is read-only. It says what to do (fault.Advised);
// nothing was half-written — SQLite rolled the transaction back.
type StorageError struct {
	Err    error
	advice string
}

func (e *StorageError) Error() string           { return e.Err.Error() + " — " + e.advice }
func (e *StorageError) Unwrap() error           { return e.Err }
func (e *StorageError) Advice() string          { return e.advice }
func (e *StorageError) FaultClass() fault.Class { return fault.Fatal }

// storageError recognises SQLite's full-disk and read-only results
// (SQLITE_FULL, SQLITE_READONLY, or the OS's ENOSPC/EROFS) and adds the
// remedy; other errors pass unchanged.
func (s *Store) storageError(err error) error {
	if err == nil {
		return nil
	}
	var already *StorageError
	if errors.As(err, &already) {
		return err
	}
	var se *sqlite.Error
	code := 0
	if errors.As(err, &se) {
		code = se.Code() & 0xff
	}
	switch {
	case code == sqliteFull || errors.Is(err, syscall.ENOSPC):
		return &StorageError{Err: err, advice: "Free up space on the disk that holds the data folder (" + s.dir + "), then sync again; the last good sync is kept."}
	case code == sqliteReadOnly || errors.Is(err, syscall.EROFS) || errors.Is(err, syscall.EACCES):
		return &StorageError{Err: err, advice: "Make the data folder (" + s.dir + ") writable, then restart TenantLens; the last good sync is kept."}
	}
	return err
}
