//go:build !windows

package winconsole

// Attach does nothing outside Windows: the standard streams are already
// the terminal's.
func Attach() {}
