//go:build windows

package locale

import (
	"os"
	"syscall"
	"unsafe"
)

var getUserDefaultLocaleName = syscall.NewLazyDLL("kernel32.dll").NewProc("GetUserDefaultLocaleName")

// system asks Windows for the user's default locale name ("en-US"); the
// POSIX variables are the fallback (e.g. under MSYS).
func system() string {
	const localeNameMaxLength = 85
	buf := make([]uint16, localeNameMaxLength)
	if err := getUserDefaultLocaleName.Find(); err == nil {
		n, _, _ := getUserDefaultLocaleName.Call(uintptr(unsafe.Pointer(&buf[0])), uintptr(len(buf)))
		if n > 1 {
			if t, err := Canonical(syscall.UTF16ToString(buf[:n-1])); err == nil {
				return t
			}
		}
	}
	return FromEnv(os.Getenv)
}
