package fault

import (
	"context"
	"errors"
	"net"
	"syscall"
)

// OfflineMessage is what a sync (or sign-in) says when Microsoft could not
// be reached at all; it is the Offline class's remedy.
const OfflineMessage = "Microsoft cannot be reached: check the network connection; the last synced data is still shown."

// Unreachable reports an error meaning Microsoft could not be reached at
// all: a DNS failure, a refused or unreachable connection, or a timeout
// while connecting or waiting for an answer. A cancelled or expired
// context is not one (the caller gave up), nor is a connection dropped
// after it was made (that is Retry).
func Unreachable(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return true
	}
	for _, e := range []error{syscall.ECONNREFUSED, syscall.ENETUNREACH, syscall.EHOSTUNREACH, syscall.EHOSTDOWN, syscall.ENETDOWN} {
		if errors.Is(err, e) {
			return true
		}
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
