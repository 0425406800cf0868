package sync

import (
	"context"
	gosync "sync"
	"sync/atomic"
	"testing"
	"time"
)

// The limiter never lets more than its limit run, grows at once when the
// limit is raised, and a cancelled waiter gives up without leaking a slot.
func TestLimiterBoundsAndResizes(t *testing.T) {
	l := newLimiter(2)
	var running, peak atomic.Int32
	gate := make(chan struct{})
	var wg gosync.WaitGroup
	started := make(chan struct{}, 6)
	for range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := l.acquire(context.Background()); err != nil {
				t.Error(err)
				return
			}
			n := running.Add(1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			started <- struct{}{}
			<-gate
			running.Add(-1)
			l.release()
		}()
	}
	<-started
	<-started
	select {
	case <-started:
		t.Fatal("a third job started with a limit of 2")
	case <-time.After(50 * time.Millisecond):
	}
	l.setLimit(4)
	<-started
	<-started
	if got := running.Load(); got != 4 {
		t.Fatalf("after raising the limit to 4: %d running", got)
	}
	// a waiter whose context ends leaves, and its slot is not lost
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- l.acquire(ctx) }()
	cancel()
	if err := <-errc; err == nil {
		t.Fatal("a cancelled waiter got a slot")
	}
	close(gate)
	wg.Wait()
	if peak.Load() > 4 {
		t.Fatalf("peak %d over the limit", peak.Load())
	}
	if l.active != 0 || len(l.waiters) != 0 {
		t.Fatalf("leaked: %d active, %d waiting", l.active, len(l.waiters))
	}
}
