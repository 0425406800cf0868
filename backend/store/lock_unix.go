//go:build !windows

package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

type folderLock struct{ f *os.File }

// lockFolder takes an exclusive, non-blocking advisory lock on
// DIR/tenantlens.lock. The OS drops it when the process dies, so a killed
// TenantLens never leaves the folder locked.
func lockFolder(dir string) (*folderLock, error) {
	p := filepath.Join(dir, "tenantlens.lock")
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening lock file %s: %w", p, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w (%s)", ErrAlreadyRunning, dir)
		}
		return nil, fmt.Errorf("locking data folder %s: %w", dir, err)
	}
	return &folderLock{f: f}, nil
}

func (l *folderLock) release() {
	if l == nil || l.f == nil {
		return
	}
	syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	l.f.Close()
	l.f = nil
}
