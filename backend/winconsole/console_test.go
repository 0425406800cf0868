package winconsole

import (
	"os"
	"testing"
)

// Outside Windows Attach must leave the standard streams exactly as they
// are; the Windows half is compiled by `GOOS=windows go vet` in make lint.
func TestAttachKeepsStreams(t *testing.T) {
	out, errw, in := os.Stdout, os.Stderr, os.Stdin
	Attach()
	if os.Stdout != out || os.Stderr != errw || os.Stdin != in {
		t.Fatal("Attach replaced a standard stream")
	}
}
