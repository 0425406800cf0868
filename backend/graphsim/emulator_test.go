package graphsim

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) { s.mu.Lock(); defer s.mu.Unlock(); return s.b.Write(p) }
func (s *syncBuf) String() string              { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func TestEmulatorMainPrintsURLsAndServesUntilCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb syncBuf
	done := make(chan int)
	go func() { done <- EmulatorMain(ctx, []string{"--tenants", "2", "--auto-consent"}, &out, &errb) }()
	var graph string
	for i := 0; i < 200 && graph == ""; i++ {
		for _, l := range strings.Split(out.String(), "\n") {
			if v, ok := strings.CutPrefix(l, "graph: "); ok {
				graph = v
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	if graph == "" || !strings.Contains(out.String(), "authority: http://127.0.0.1:") {
		t.Fatalf("output %q / %q", out.String(), errb.String())
	}
	resp, err := http.Get(graph + "/v1.0/users")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("unauthenticated /users: %d", resp.StatusCode)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit code %d", code)
	}
	if code := EmulatorMain(context.Background(), []string{"--listen", "0.0.0.0:0"}, &out, &errb); code != 1 {
		t.Errorf("non-loopback listen: exit %d", code)
	}
	if code := EmulatorMain(context.Background(), []string{"--bogus"}, &out, &errb); code != 2 {
		t.Errorf("unknown flag: exit %d", code)
	}
}
