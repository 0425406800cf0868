package psasim

import (
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

type rendered struct {
	companies, contacts []map[string]any
	companyIdx          map[int]int
	contactIdx          map[int]int
	schema              map[string]map[string]bool // resource -> known paths
}

func (s *Sim) render(api string) *rendered {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r, ok := s.cache[api]; ok {
		return r
	}
	r := &rendered{companyIdx: map[int]int{}, contactIdx: map[int]int{}, schema: map[string]map[string]bool{}}
	byContact := map[int]*Contact{}
	for _, c := range s.data.Contacts {
		byContact[c.ID] = c
	}
	byCompany := map[int]*Company{}
	for i, c := range s.data.Companies {
		byCompany[c.ID] = c
		r.companies = append(r.companies, companyJSON(c, byContact, api))
		r.companyIdx[c.ID] = i
	}
	for i, c := range s.data.Contacts {
		r.contacts = append(r.contacts, contactJSON(c, byCompany[c.CompanyID], api))
		r.contactIdx[c.ID] = i
	}
	r.schema["companies"] = schemaOf(r.companies)
	r.schema["contacts"] = schemaOf(r.contacts)
	// fields the model defines even when no record carries them
	for _, p := range []string{"lastName", "title", "company/id", "company/identifier", "company/name", "defaultPhoneNbr", "defaultPhoneType", "site/id", "site/name"} {
		r.schema["contacts"][p] = true
	}
	for _, p := range []string{"defaultContact/id", "defaultContact/name"} {
		r.schema["companies"][p] = true
	}
	s.cache[api] = r
	return r
}

func schemaOf(recs []map[string]any) map[string]bool {
	out := map[string]bool{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, val := range x {
				p := k
				if prefix != "" {
					p = prefix + "/" + k
				}
				out[p] = true
				walk(p, val)
			}
		case []any:
			for _, el := range x {
				walk(prefix, el)
			}
		}
	}
	for _, r := range recs {
		walk("", r)
	}
	return out
}

type apiError struct {
	Code    string       `json:"code"`
	Message string       `json:"message"`
	Errors  []fieldError `json:"errors,omitempty"`
}

type fieldError struct {
	Code     string `json:"code"`
	Message  string `json:"message"`
	Resource string `json:"resource,omitempty"`
	Field    string `json:"field,omitempty"`
}

func (s *Sim) writeJSON(w http.ResponseWriter, status int, v any) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("Pragma", "no-cache")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (w *statusRecorder) WriteHeader(c int) {
	if w.status == 0 {
		w.status = c
	}
	w.ResponseWriter.WriteHeader(c)
}

func (s *Sim) serve(w0 http.ResponseWriter, r *http.Request) {
	w := &statusRecorder{ResponseWriter: w0}
	defer func() {
		if w.status == 0 {
			w.status = http.StatusOK
		}
		s.record(r, w.status)
	}()
	s.mu.Lock()
	lat := s.knobs.Latency
	s.mu.Unlock()
	if lat > 0 {
		time.Sleep(lat)
	}
	path := r.URL.Path
	if rest, ok := strings.CutPrefix(path, "/login/companyinfo/"); ok {
		s.companyInfo(w, r, rest)
		return
	}
	segs := strings.Split(strings.Trim(path, "/"), "/")
	if len(segs) < 4 || !isCodebase(segs[0]) || segs[1] != "apis" || segs[2] != "3.0" {
		s.writeJSON(w, http.StatusNotFound, apiError{Code: "NotFound", Message: "The requested resource was not found."})
		return
	}
	w.Header().Set("api-current-version", s.opts.APIVersion)
	w.Header().Set("x-server-name", "PSASIM01")
	w.Header().Set("x-cw-request-id", guidFor("request", int(s.opts.Now().UnixNano()%1e9)))
	if !s.authorize(w, r) {
		return
	}
	if s.throttled(w, r) {
		return
	}
	if r.Method != http.MethodGet {
		s.writeJSON(w, http.StatusMethodNotAllowed, apiError{Code: "MethodNotAllowed", Message: "The emulator serves GET only."})
		return
	}
	api := s.hrefBase(r, segs[0])
	res := segs[3:]
	s.mu.Lock()
	k := s.knobs
	s.mu.Unlock()
	if k.Forbidden || (k.ForbiddenContacts && len(res) >= 2 && res[1] == "contacts") {
		s.writeJSON(w, http.StatusForbidden, apiError{Code: "Security", Message: "You do not have security permission to perform this action."})
		return
	}
	rd := s.render(api)
	if len(res) < 2 || res[0] != "company" || (res[1] != "companies" && res[1] != "contacts") {
		s.writeJSON(w, http.StatusNotFound, apiError{Code: "NotFound", Message: "The requested resource was not found."})
		return
	}
	recs, idx, kind := rd.companies, rd.companyIdx, "companies"
	noun := "Company"
	if res[1] == "contacts" {
		recs, idx, kind, noun = rd.contacts, rd.contactIdx, "contacts", "Contact"
	}
	switch {
	case len(res) == 2:
		s.list(w, r, api+"/company/"+kind, recs, rd.schema[kind])
	case len(res) == 3 && res[2] == "count":
		sel, err := s.filter(r, recs, rd.schema[kind])
		if err != nil {
			s.badRequest(w, err)
			return
		}
		s.writeJSON(w, http.StatusOK, map[string]int{"count": len(sel)})
	case len(res) >= 3:
		id, err := strconv.Atoi(res[2])
		i, ok := idx[id]
		if err != nil || !ok {
			s.writeJSON(w, http.StatusNotFound, apiError{Code: "NotFound", Message: noun + " not found"})
			return
		}
		if len(res) == 3 {
			var out any = recs[i]
			if f := r.URL.Query().Get("fields"); f != "" {
				out = project(out, parseFields(f))
			}
			s.writeJSON(w, http.StatusOK, out)
			return
		}
		if len(res) == 4 && kind == "contacts" && res[3] == "communications" {
			c := s.data.Contacts[i]
			items := []map[string]any{}
			for _, it := range c.Items {
				items = append(items, communicationJSON(c, it))
			}
			s.writeJSON(w, http.StatusOK, items)
			return
		}
		s.writeJSON(w, http.StatusNotFound, apiError{Code: "NotFound", Message: "The requested resource was not found."})
	}
}

// hrefBase is the absolute .../apis/3.0 base for hrefs and Link URLs.
func (s *Sim) hrefBase(r *http.Request, codebase string) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + "/" + codebase + "/apis/3.0"
}

func (s *Sim) companyInfo(w http.ResponseWriter, r *http.Request, company string) {
	if !strings.EqualFold(strings.Trim(company, "/"), s.opts.Credentials.CompanyID) {
		s.writeJSON(w, http.StatusOK, nil) // JSON null = unknown company id
		return
	}
	cb := s.opts.Codebase
	ver := strings.ReplaceAll(strings.TrimSuffix(cb, "/"), "_", ".")
	info := map[string]any{
		"CompanyName":   s.opts.Credentials.CompanyID,
		"Codebase":      cb,
		"VersionCode":   ver,
		"VersionNumber": "v4.6.98765",
		"CompanyID":     s.opts.Credentials.CompanyID,
		"IsCloud":       true,
	}
	if s.opts.CompanyInfoSiteURL != "" {
		info["SiteUrl"] = s.opts.CompanyInfoSiteURL
	}
	s.writeJSON(w, http.StatusOK, info)
}

// authorize checks Basic companyId+publicKey:privateKey and the clientId
// header (header names are case-insensitive in net/http already).
func (s *Sim) authorize(w http.ResponseWriter, r *http.Request) bool {
	cr := s.opts.Credentials
	ok := false
	if a := r.Header.Get("Authorization"); len(a) > 6 && strings.EqualFold(a[:6], "basic ") {
		if raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(a[6:])); err == nil {
			user, pass, found := strings.Cut(string(raw), ":")
			co, pub, plus := strings.Cut(user, "+")
			ok = found && plus && strings.EqualFold(co, cr.CompanyID) &&
				subtle.ConstantTimeCompare([]byte(pub), []byte(cr.PublicKey)) == 1 &&
				subtle.ConstantTimeCompare([]byte(pass), []byte(cr.PrivateKey)) == 1
		}
	}
	if !ok {
		s.writeJSON(w, s.opts.BadKeysStatus, s.opts.BadKeysBody)
		return false
	}
	cid := strings.TrimSpace(r.Header.Get("clientId"))
	if cid == "" || (cr.ClientID != "" && !strings.EqualFold(cid, cr.ClientID)) {
		s.writeJSON(w, s.opts.ClientIDStatus, s.opts.ClientIDBody)
		return false
	}
	return true
}

func (s *Sim) throttled(w http.ResponseWriter, _ *http.Request) bool {
	s.mu.Lock()
	k := s.knobs
	s.n++
	n := s.n
	limited := false
	if k.RateLimit > 0 {
		win := k.RateWindow
		if win <= 0 {
			win = time.Minute
		}
		now := s.opts.Now()
		if s.window.IsZero() || now.Sub(s.window) >= win {
			s.window, s.inWin = now, 0
		}
		s.inWin++
		limited = s.inWin > k.RateLimit
	}
	s.mu.Unlock()
	if k.ThrottleEveryN > 0 && n%k.ThrottleEveryN == 0 {
		limited = true
	}
	if limited {
		ra := max(k.RetryAfter, 1)
		w.Header().Set("Retry-After", strconv.Itoa(ra))
		s.writeJSON(w, http.StatusTooManyRequests, s.opts.RateLimitBody)
		return true
	}
	if k.ServerErrorEveryN > 0 && n%k.ServerErrorEveryN == 0 {
		s.writeJSON(w, http.StatusInternalServerError, apiError{Code: "InternalServerError", Message: "An unexpected error occurred. Retry with backoff."})
		return true
	}
	return false
}

func (s *Sim) badRequest(w http.ResponseWriter, err error) {
	s.writeJSON(w, http.StatusBadRequest, apiError{Code: "InvalidCondition", Message: err.Error()})
}

// filter applies conditions and childConditions.
func (s *Sim) filter(r *http.Request, recs []map[string]any, schema map[string]bool) ([]map[string]any, error) {
	q := r.URL.Query()
	var cond, child expr
	var err error
	parse := func(name string) (expr, error) {
		v := strings.TrimSpace(q.Get(name))
		if v == "" {
			return nil, nil
		}
		e, err := parseConditions(v, s.opts.CaseSensitiveConditions)
		if err != nil {
			return nil, errors.New("Invalid " + name + ": " + err.Error())
		}
		var paths [][]string
		fieldPaths(e, &paths)
		for _, p := range paths {
			if !schema[strings.Join(p, "/")] {
				return nil, errors.New("Invalid " + name + ": unknown field '" + strings.Join(p, "/") + "'")
			}
		}
		return e, nil
	}
	if cond, err = parse("conditions"); err != nil {
		return nil, err
	}
	if child, err = parse("childConditions"); err != nil {
		return nil, err
	}
	root := ""
	if child != nil {
		var paths [][]string
		fieldPaths(child, &paths)
		for _, p := range paths {
			if len(p) < 2 || (root != "" && p[0] != root) {
				return nil, errors.New("Invalid childConditions: all fields must be on one child list, e.g. communicationItems/value")
			}
			root = p[0]
		}
	}
	out := make([]map[string]any, 0, len(recs))
	for _, rec := range recs {
		if cond != nil {
			ok, err := cond.eval(rec, nil)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
		}
		if child != nil {
			arr, _ := rec[root].([]any)
			hit := false
			for _, el := range arr {
				em, _ := el.(map[string]any)
				if ok, err := child.eval(rec, &childScope{root: root, elem: em}); err != nil {
					return nil, err
				} else if ok {
					hit = true
					break
				}
			}
			if !hit {
				continue
			}
		}
		out = append(out, rec)
	}
	return out, nil
}

func (s *Sim) list(w http.ResponseWriter, r *http.Request, self string, recs []map[string]any, schema map[string]bool) {
	q := r.URL.Query()
	forward := strings.EqualFold(strings.TrimSpace(r.Header.Get("pagination-type")), "forward-only")
	orderBy := strings.TrimSpace(q.Get("orderBy"))
	if forward && orderBy != "" {
		s.writeJSON(w, http.StatusBadRequest, apiError{Code: "InvalidRequest", Message: "orderBy is not supported with forward-only pagination. Remove orderBy or the pagination-type header."})
		return
	}
	size := s.opts.DefaultPageSize
	if v := q.Get("pageSize"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			s.writeJSON(w, http.StatusBadRequest, apiError{Code: "InvalidRequest", Message: "pageSize must be a positive number."})
			return
		}
		if n > s.opts.MaxPageSize {
			if s.opts.RejectOversizePage {
				s.writeJSON(w, http.StatusBadRequest, apiError{Code: "InvalidRequest", Message: "pageSize must not exceed " + strconv.Itoa(s.opts.MaxPageSize) + "."})
				return
			}
			n = s.opts.MaxPageSize
		}
		size = n
	}
	sel, err := s.filter(r, recs, schema)
	if err != nil {
		s.badRequest(w, err)
		return
	}
	if orderBy != "" {
		if err := orderRecords(sel, orderBy, schema); err != nil {
			s.badRequest(w, err)
			return
		}
	}
	var fields fieldTree
	if f := q.Get("fields"); f != "" {
		fields = parseFields(f)
	}
	emit := func(page []map[string]any) {
		out := make([]any, len(page))
		for i, p := range page {
			if fields != nil {
				out[i] = project(p, fields)
			} else {
				out[i] = p
			}
		}
		s.writeJSON(w, http.StatusOK, out)
	}
	if forward {
		after := 0
		if v := q.Get("pageId"); v != "" {
			if after, err = strconv.Atoi(v); err != nil {
				s.writeJSON(w, http.StatusBadRequest, apiError{Code: "InvalidRequest", Message: "pageId must be a record id."})
				return
			}
		}
		var rest []map[string]any
		for _, rec := range sel { // records are in id order
			if rec["id"].(int) > after {
				rest = append(rest, rec)
			}
		}
		page := rest[:min(size, len(rest))]
		if len(rest) > len(page) {
			last := page[len(page)-1]["id"].(int)
			w.Header().Set("Link", "<"+linkURL(self, r.URL.RawQuery, "pageId", last)+`>; rel="next"`)
		} else if !s.opts.NoEmptyLinkOnLastForwardPage {
			w.Header()["Link"] = []string{""}
		}
		emit(page)
		return
	}
	pageNo := 1
	if v := q.Get("page"); v != "" {
		if pageNo, err = strconv.Atoi(v); err != nil || pageNo < 1 {
			s.writeJSON(w, http.StatusBadRequest, apiError{Code: "InvalidRequest", Message: "page must be a number from 1."})
			return
		}
	}
	lastPage := max(1, (len(sel)+size-1)/size)
	var links []string
	add := func(rel string, p int) {
		links = append(links, "<"+linkURL(self, r.URL.RawQuery, "page", p)+`>; rel="`+rel+`"`)
	}
	if pageNo > 1 {
		add("first", 1)
		add("prev", min(pageNo-1, lastPage))
	}
	if pageNo < lastPage {
		add("next", pageNo+1)
		add("last", lastPage)
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	from := min((pageNo-1)*size, len(sel))
	emit(sel[from:min(from+size, len(sel))])
}

// linkURL carries the request's query (in its order) with page/pageId
// replaced by key=val at the end, as the examples show.
func linkURL(self, raw, key string, val int) string {
	var parts []string
	for _, p := range strings.Split(raw, "&") {
		name, _, _ := strings.Cut(p, "=")
		if n, err := url.QueryUnescape(name); err == nil && (n == "page" || n == "pageId") || p == "" {
			continue
		}
		parts = append(parts, p)
	}
	parts = append(parts, key+"="+strconv.Itoa(val))
	return self + "?" + strings.Join(parts, "&")
}

func orderRecords(recs []map[string]any, orderBy string, schema map[string]bool) error {
	f := strings.Fields(orderBy)
	if len(f) == 0 || len(f) > 2 || !schema[f[0]] {
		return errors.New("Invalid orderBy: " + orderBy)
	}
	desc := len(f) == 2 && strings.EqualFold(f[1], "desc")
	if len(f) == 2 && !desc && !strings.EqualFold(f[1], "asc") {
		return errors.New("Invalid orderBy: " + orderBy)
	}
	path := strings.Split(f[0], "/")
	key := func(m map[string]any) any { return lookup(m, path)[0] }
	sort.SliceStable(recs, func(i, j int) bool {
		a, b := key(recs[i]), key(recs[j])
		less := compare(a, "<", []any{normalizeNum(b)})
		if desc {
			return compare(a, ">", []any{normalizeNum(b)})
		}
		return less
	})
	return nil
}

func normalizeNum(v any) any {
	if i, ok := v.(int); ok {
		return float64(i)
	}
	return v
}
