package graph

import (
	"context"
	"sync"
)

// eachChunk runs fn over ids in chunks of the client's batch size, as many
// at once as the tenant's pacer lets requests fly. fn's results are merged
// by merge under one lock (so merge needs none of its own). The first error
// cancels the rest and is returned; a cancelled ctx returns its error
// classified under endpoint.
func eachChunk[T any](ctx context.Context, c *Client, endpoint string, ids []string,
	fn func(context.Context, []string) (T, error), merge func(chunk []string, res T)) error {
	var chunks [][]string
	for i := 0; i < len(ids); i += c.batchSize {
		chunks = append(chunks, ids[i:min(i+c.batchSize, len(ids))])
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
	)
	work := make(chan []string)
	for w := 0; w < min(cap(c.pacer.sem), len(chunks)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for chunk := range work {
				res, err := fn(ctx, chunk)
				mu.Lock()
				if err != nil {
					if firstErr == nil {
						firstErr = err
						cancel()
					}
				} else {
					merge(chunk, res)
				}
				mu.Unlock()
			}
		}()
	}
feed:
	for _, ch := range chunks {
		select {
		case work <- ch:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	if err := ctx.Err(); err != nil {
		return classify(endpoint, 0, err)
	}
	return nil
}
