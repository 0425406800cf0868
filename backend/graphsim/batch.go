package graphsim

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"time"
)

type batchRequest struct {
	ID      string            `json:"id"`
	Method  string            `json:"method"`
	URL     string            `json:"url"`
	Headers map[string]string `json:"headers"`
	Body    json.RawMessage   `json:"body"`
}

// serveBatch answers POST /$batch: at most 20 requests, each answered with
// its own status (and its own 429 when the throttling knobs say so).
func (s *Sim) serveBatch(c *gctx) {
	if c.r.Method != http.MethodPost {
		c.fail(http.StatusMethodNotAllowed, codeBadRequest, "Specified HTTP method is not allowed for the request target.")
		return
	}
	var in struct {
		Requests []batchRequest `json:"requests"`
	}
	if err := decodeJSONBody(c.r, &in); err != nil {
		c.fail(http.StatusBadRequest, "BadRequest", "Invalid batch payload format.")
		return
	}
	if len(in.Requests) == 0 {
		c.fail(http.StatusBadRequest, "BadRequest", "Invalid batch payload format.")
		return
	}
	if len(in.Requests) > 20 {
		c.fail(http.StatusBadRequest, "BadRequest", "Number of batch requests exceeds the allowed limit of 20.")
		return
	}
	seen := map[string]bool{}
	for _, br := range in.Requests {
		if br.ID == "" || seen[br.ID] || br.Method == "" || br.URL == "" {
			c.fail(http.StatusBadRequest, "BadRequest", "Invalid batch payload format.")
			return
		}
		seen[br.ID] = true
	}
	k := s.knobsFor(c.t.ID)
	var j jw
	j.obj()
	j.key("responses")
	j.arr()
	for _, br := range in.Requests {
		rec := httptest.NewRecorder()
		sub := &gctx{s: s, w: &statusWriter{ResponseWriter: rec}, version: c.version, grant: c.grant, t: c.t, reqID: randomGUID()}
		u := br.URL
		if !strings.HasPrefix(u, "/") {
			u = "/" + u
		}
		req, err := http.NewRequest(strings.ToUpper(br.Method), "http://"+c.r.Host+"/graph/"+c.version+u, bytes.NewReader(br.Body))
		if err != nil {
			sub.r = c.r
			sub.fail(http.StatusBadRequest, "BadRequest", "Invalid request URL.")
		} else {
			req.Host = c.r.Host
			for hk, hv := range br.Headers {
				req.Header.Set(hk, hv)
			}
			sub.r = req
			path := strings.TrimPrefix(req.URL.Path, "/graph/"+c.version+"/")
			sub.segs = splitPath(path)
			sub.base = c.base
			q, qerr := url.ParseQuery(req.URL.RawQuery)
			switch {
			case qerr != nil:
				sub.fail(http.StatusBadRequest, codeBadRequest, "Invalid query string.")
			case len(sub.segs) > 0 && sub.segs[0] == "$batch":
				sub.fail(http.StatusBadRequest, "BadRequest", "Nested batch requests are not supported.")
			default:
				sub.q = normalizeQuery(q)
				if !s.fault(sub, k) {
					s.route(sub)
				}
			}
		}
		logPath := "/graph/" + c.version + u
		if i := strings.IndexByte(logPath, '?'); i >= 0 {
			logPath = logPath[:i]
		}
		s.mu.Lock()
		s.log = append(s.log, Request{Time: time.Now(), Method: strings.ToUpper(br.Method), Path: logPath, Tenant: c.t.ID, Status: rec.Code})
		s.mu.Unlock()
		j.obj()
		j.kstr("id", br.ID)
		j.knum("status", int64(rec.Code))
		j.key("headers")
		j.obj()
		for _, hk := range []string{"Location", "Retry-After", "Content-Type"} {
			if v := rec.Header().Get(hk); v != "" {
				j.kstr(hk, v)
			}
		}
		j.endObj()
		body := rec.Body.Bytes()
		if len(body) > 0 && json.Valid(body) {
			j.key("body")
			j.raw(body)
		} else if len(body) > 0 {
			j.kstr("body", string(body))
		}
		j.endObj()
	}
	j.endArr()
	j.endObj()
	c.writeJSON(http.StatusOK, j.b)
}
