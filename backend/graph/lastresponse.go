package graph

import (
	"context"
	"net/http"
	"sync"
)

// lastResponse remembers the last HTTP answer the pacer saw for the requests
// of one context. The SDK loses the status of a failed download whose body
// is not JSON (a 404 text page after a report's 302 turns into "text does
// not support structured data"); the fetcher reads it here instead.
type lastResponse struct {
	mu     sync.Mutex
	status int
	path   string
}

type lastResponseKey struct{}

func withLastResponse(ctx context.Context) (context.Context, *lastResponse) {
	lr := &lastResponse{}
	return context.WithValue(ctx, lastResponseKey{}, lr), lr
}

// record is called by the pacer for every answer.
func recordResponse(req *http.Request, resp *http.Response) {
	lr, ok := req.Context().Value(lastResponseKey{}).(*lastResponse)
	if !ok || resp == nil {
		return
	}
	lr.mu.Lock()
	lr.status, lr.path = resp.StatusCode, req.URL.Path
	lr.mu.Unlock()
}

func (lr *lastResponse) get() (int, string) {
	lr.mu.Lock()
	defer lr.mu.Unlock()
	return lr.status, lr.path
}
