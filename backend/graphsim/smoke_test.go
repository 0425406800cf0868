package graphsim

import (
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"
)

// fixedNow is the reference clock of the tests.
var fixedNow = time.Date(2026, 6, 2, 9, 14, 3, 0, time.UTC)

func startSim(t testing.TB, o Options) *Sim {
	t.Helper()
	if o.Now == nil {
		o.Now = func() time.Time { return fixedNow }
	}
	s := New(o)
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

func getJSON(t testing.TB, url, token string, hdr map[string]string) (int, map[string]json.RawMessage, http.Header) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	cl := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := cl.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var m map[string]json.RawMessage
	_ = json.Unmarshal(b, &m)
	return resp.StatusCode, m, resp.Header
}

func TestSmokeUsersPaging(t *testing.T) {
	s := startSim(t, Options{})
	for _, ten := range s.MSP().Customers[:5] {
		tok := s.IssueToken(ten.ID)
		url := s.GraphURL() + "/v1.0/users?$select=id,accountEnabled&$top=7"
		n, pages := 0, 0
		for url != "" {
			st, m, _ := getJSON(t, url, tok, nil)
			if st != 200 {
				t.Fatalf("%s: status %d %s", url, st, m["error"])
			}
			var v []map[string]any
			_ = json.Unmarshal(m["value"], &v)
			n += len(v)
			pages++
			url = ""
			if nl, ok := m["@odata.nextLink"]; ok {
				_ = json.Unmarshal(nl, &url)
			}
		}
		if gt := s.GroundTruth(ten.ID); n != gt.Users {
			t.Errorf("%s: %d users over %d pages, truth %d", ten.DisplayName, n, pages, gt.Users)
		}
	}
}
