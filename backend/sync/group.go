package sync

import (
	"context"
	gosync "sync"
)

// group runs a tenant's independent requests at once: the first error
// cancels the others and is the one Wait returns.
type group struct {
	ctx    context.Context
	cancel context.CancelFunc
	wg     gosync.WaitGroup
	once   gosync.Once
	err    error
}

func newGroup(ctx context.Context) *group {
	ctx, cancel := context.WithCancel(ctx)
	return &group{ctx: ctx, cancel: cancel}
}

// Go runs fn with the group's context.
func (g *group) Go(fn func(ctx context.Context) error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := fn(g.ctx); err != nil {
			g.once.Do(func() {
				g.err = err
				g.cancel()
			})
		}
	}()
}

// Wait waits for every function and returns the first error.
func (g *group) Wait() error {
	g.wg.Wait()
	g.cancel()
	return g.err
}

// future is one value computed in a group, read by whoever depends on it.
type future[T any] struct {
	done chan struct{}
	v    T
	err  error
}

func newFuture[T any]() *future[T] { return &future[T]{done: make(chan struct{})} }

func (f *future[T]) set(v T, err error) { f.v, f.err = v, err; close(f.done) }

// get waits for the value (or for ctx).
func (f *future[T]) get(ctx context.Context) (T, error) {
	select {
	case <-f.done:
		return f.v, f.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}
