package sync

import (
	"context"
	gosync "sync"
)

// limiter bounds how many tenants sync at once; unlike a buffered channel
// its limit can change while jobs wait (Settings › Tenants synced at once
// applies to the next tenant that starts). Waiters are served in order.
type limiter struct {
	mu      gosync.Mutex
	limit   int
	active  int
	waiters []chan struct{}
}

func newLimiter(n int) *limiter { return &limiter{limit: max(n, 1)} }

// acquire takes a slot, or returns ctx's error when ctx ends first.
func (l *limiter) acquire(ctx context.Context) error {
	l.mu.Lock()
	if l.active < l.limit && len(l.waiters) == 0 {
		l.active++
		l.mu.Unlock()
		return nil
	}
	ch := make(chan struct{})
	l.waiters = append(l.waiters, ch)
	l.mu.Unlock()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		l.mu.Lock()
		defer l.mu.Unlock()
		for i, w := range l.waiters {
			if w == ch {
				l.waiters = append(l.waiters[:i], l.waiters[i+1:]...)
				return ctx.Err()
			}
		}
		// granted while ctx ended: hand the slot on
		l.active--
		l.wake()
		return ctx.Err()
	}
}

func (l *limiter) release() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.active--
	l.wake()
}

// setLimit changes the bound; a larger one starts waiters at once, a
// smaller one lets running jobs finish.
func (l *limiter) setLimit(n int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.limit = max(n, 1)
	l.wake()
}

func (l *limiter) wake() {
	for l.active < l.limit && len(l.waiters) > 0 {
		ch := l.waiters[0]
		l.waiters = l.waiters[1:]
		l.active++
		close(ch)
	}
}
