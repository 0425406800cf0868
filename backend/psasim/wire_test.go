package psasim

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

const examples = "../../../shared/psa/examples/connectwise"

var fixedNow = func() time.Time { return time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC) }

func startSim(t *testing.T, o Options) *Sim {
	t.Helper()
	if o.Now == nil {
		o.Now = fixedNow
	}
	s := New(o)
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

type resp struct {
	status int
	h      http.Header
	body   []byte
}

func get(t *testing.T, s *Sim, path string, hdr map[string]string) resp {
	t.Helper()
	u := path
	if !strings.HasPrefix(path, "http") {
		u = s.URL() + path
	}
	req, _ := http.NewRequest("GET", u, nil)
	cr := s.Credentials()
	req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(cr.CompanyID+"+"+cr.PublicKey+":"+cr.PrivateKey)))
	req.Header.Set("clientId", cr.ClientID)
	req.Header.Set("Accept", "application/vnd.connectwise.com+json; version=2025.1")
	for k, v := range hdr {
		if v == "-" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return resp{res.StatusCode, res.Header, b}
}

func decode[T any](t *testing.T, b []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
	return v
}

func readExample(t *testing.T, name string) any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(examples, name))
	if err != nil {
		t.Fatal(err)
	}
	return decode[any](t, b)
}

func jtype(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "bool"
	case float64:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	}
	return "object"
}

// shapes collects path -> JSON type over values (arrays fold into "[]").
func shapes(v any, prefix string, out map[string]string) {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			p := prefix + "/" + k
			out[p] = jtype(val)
			shapes(val, p, out)
		}
	case []any:
		for _, el := range x {
			shapes(el, prefix+"[]", out)
		}
	}
}

// checkShapes: every path the emulator sends exists in the examples with
// the same type (it invents no field and changes no type), and the required
// paths are all present.
func checkShapes(t *testing.T, got []any, exampleFiles []string, required []string) {
	t.Helper()
	want := map[string]string{}
	for _, f := range exampleFiles {
		shapes(readExample(t, f), "", want)
	}
	have := map[string]string{}
	shapes(got, "", have)
	for p, ty := range have {
		if strings.Contains(p, "_info/") && strings.HasSuffix(p, "_href") {
			continue // href sets vary by version (facts 1.3/1.4)
		}
		wt, ok := want[p]
		if !ok {
			t.Errorf("emulator sends %s (%s), not in the examples", p, ty)
		} else if wt != ty {
			t.Errorf("%s: type %s, examples have %s", p, ty, wt)
		}
	}
	for _, p := range required {
		if _, ok := have[p]; !ok {
			t.Errorf("required path %s missing", p)
		}
	}
}

func TestGoldenCompanyAndContactShapes(t *testing.T) {
	s := startSim(t, Options{})
	co := get(t, s, "/v4_6_release/apis/3.0/company/companies?pageSize=1000", nil)
	if co.status != 200 || !strings.HasPrefix(co.h.Get("Content-Type"), "application/json") || co.h.Get("api-current-version") != "2025.1" {
		t.Fatalf("companies: %d %v", co.status, co.h)
	}
	checkShapes(t, decode[[]any](t, co.body), []string{"GET_company_companies.page1.json", "GET_company_companies.page2.json"},
		[]string{"[]/id", "[]/identifier", "[]/name", "[]/status/name", "[]/website", "[]/types", "[]/types[]/name", "[]/deletedFlag", "[]/_info/lastUpdated"})
	ct := get(t, s, "/v4_6_release/apis/3.0/company/contacts?pageSize=1000", nil)
	checkShapes(t, decode[[]any](t, ct.body), []string{"GET_company_contacts.page1.json", "GET_company_contacts.page2.json", "GET_company_contacts.page3.json"},
		[]string{"[]/id", "[]/firstName", "[]/lastName", "[]/company/id", "[]/company/identifier", "[]/company/name", "[]/inactiveFlag", "[]/defaultFlag",
			"[]/communicationItems[]/value", "[]/communicationItems[]/communicationType", "[]/communicationItems[]/domain", "[]/communicationItems[]/defaultFlag", "[]/communicationItems[]/type/name"})
	// single record and communications child list
	id := s.Data().Contacts[0].ID
	one := get(t, s, "/v4_6_release/apis/3.0/company/contacts/"+strconv.Itoa(id), nil)
	checkShapes(t, []any{decode[any](t, one.body)}, []string{"GET_company_contacts.page1.json"}, []string{"[]/id", "[]/_info/lastUpdated"})
	com := get(t, s, "/v4_6_release/apis/3.0/company/contacts/"+strconv.Itoa(id)+"/communications", nil)
	checkShapes(t, decode[[]any](t, com.body), []string{"GET_company_contacts_1302_communications.json"},
		[]string{"[]/id", "[]/contactId", "[]/value", "[]/communicationType", "[]/_info/contactMobileGuid"})
	cnt := get(t, s, "/v4_6_release/apis/3.0/company/contacts/count", nil)
	if c := decode[map[string]int](t, cnt.body); c["count"] != len(s.Data().Contacts) || len(c) != 1 {
		t.Errorf("count = %s, want %d", cnt.body, len(s.Data().Contacts))
	}
	nf := get(t, s, "/v4_6_release/apis/3.0/company/contacts/99999999", nil)
	if e := decode[map[string]any](t, nf.body); nf.status != 404 || e["code"] != "NotFound" || e["message"] == "" {
		t.Errorf("404: %d %s", nf.status, nf.body)
	}
}

func TestCompanyInfoAndCodebases(t *testing.T) {
	s := startSim(t, Options{CompanyInfoSiteURL: "api-na.myconnectwise.net"})
	r := get(t, s, "/login/companyinfo/"+strings.ToUpper(DemoCompanyID), map[string]string{"Authorization": "-", "clientId": "-"})
	got := decode[map[string]any](t, r.body)
	want := readExample(t, "GET_login_companyinfo.json").(map[string]any)
	for k, v := range want {
		if jtype(got[k]) != jtype(v) {
			t.Errorf("companyinfo %s: %v, example %v", k, got[k], v)
		}
	}
	if got["Codebase"] != "v2025_1/" || got["VersionCode"] != "v2025.1" {
		t.Errorf("codebase: %v", got)
	}
	if r := get(t, s, "/login/companyinfo/nosuchcompany", nil); r.status != 200 || strings.TrimSpace(string(r.body)) != "null" {
		t.Errorf("unknown company: %d %s", r.status, r.body)
	}
	for _, cb := range []string{"v4_6_release", "v2025_1", "v2019_3"} {
		if r := get(t, s, "/"+cb+"/apis/3.0/company/companies/count", nil); r.status != 200 {
			t.Errorf("codebase %s: %d", cb, r.status)
		}
	}
	if r := get(t, s, "/vNext/apis/3.0/company/companies", nil); r.status != 404 {
		t.Errorf("bad codebase: %d", r.status)
	}
}

func TestAuthFailures(t *testing.T) {
	s := startSim(t, Options{})
	const p = "/v4_6_release/apis/3.0/company/companies"
	bad := base64.StdEncoding.EncodeToString([]byte(DemoCompanyID + "+" + DemoPublicKey + ":wrong"))
	noPlus := base64.StdEncoding.EncodeToString([]byte(DemoPublicKey + ":" + DemoPrivateKey))
	for name, h := range map[string]map[string]string{
		"no auth":     {"Authorization": "-"},
		"wrong key":   {"Authorization": "Basic " + bad},
		"no company":  {"Authorization": "Basic " + noPlus},
		"not base64":  {"Authorization": "Basic !!!"},
		"bearer auth": {"Authorization": "Bearer x"},
	} {
		r := get(t, s, p, h)
		e := decode[map[string]any](t, r.body)
		if r.status != 401 || e["code"] != "ConnectWiseApi" || e["message"] != "UserNotAuthenticated" {
			t.Errorf("%s: %d %s", name, r.status, r.body)
		}
	}
	for name, h := range map[string]map[string]string{"no clientId": {"clientId": "-"}, "wrong clientId": {"clientId": "00000000-0000-0000-0000-000000000000"}} {
		if r := get(t, s, p, h); r.status != 403 || decode[map[string]any](t, r.body)["code"] == nil {
			t.Errorf("%s: %d %s", name, r.status, r.body)
		}
	}
	// header name case does not matter; companyId is case-insensitive
	// (one spelling only: two in a Go map would be set in random order)
	h := map[string]string{"CLIENTID": DemoClientID}
	if r := get(t, s, p, h); r.status != 200 {
		t.Errorf("CLIENTID header: %d", r.status)
	}
	s2 := startSim(t, Options{BadKeysStatus: 404, ClientIDStatus: 401})
	if r := get(t, s2, p, map[string]string{"Authorization": "Basic " + bad}); r.status != 404 {
		t.Errorf("configured bad-keys status: %d", r.status)
	}
	if r := get(t, s2, p, map[string]string{"clientId": "-"}); r.status != 401 {
		t.Errorf("configured clientId status: %d", r.status)
	}
}

var linkRE = regexp.MustCompile(`<([^>]*)>; rel="(\w+)"`)

func links(h http.Header) map[string]string {
	out := map[string]string{}
	for _, m := range linkRE.FindAllStringSubmatch(h.Get("Link"), -1) {
		out[m[2]] = m[1]
	}
	return out
}

func TestNavigablePaging(t *testing.T) {
	s := startSim(t, Options{})
	total := len(s.Data().Contacts)
	next := s.URL() + "/v4_6_release/apis/3.0/company/contacts?conditions=inactiveFlag%3Dfalse&pageSize=100&page=1"
	var ids []int
	pages := 0
	for next != "" {
		r := get(t, s, next, nil)
		if r.status != 200 {
			t.Fatalf("page %d: %d %s", pages+1, r.status, r.body)
		}
		pages++
		for _, c := range decode[[]map[string]any](t, r.body) {
			ids = append(ids, int(c["id"].(float64)))
			if c["inactiveFlag"] != false {
				t.Errorf("conditions not applied on page %d", pages)
			}
		}
		l := links(r.h)
		_, hasPrev := l["prev"]
		if (pages == 1) == hasPrev {
			t.Errorf("page %d: prev link presence wrong: %v", pages, l)
		}
		if l["next"] != "" && (!strings.Contains(l["next"], "conditions=inactiveFlag%3Dfalse&pageSize=100&page=") || l["last"] == "") {
			t.Errorf("page %d next/last: %v", pages, l)
		}
		next = l["next"]
		if pages > 200 {
			t.Fatal("no end")
		}
	}
	cnt := decode[map[string]int](t, get(t, s, "/v4_6_release/apis/3.0/company/contacts/count?conditions=inactiveFlag%3Dfalse", nil).body)["count"]
	if len(ids) != cnt || cnt >= total || cnt == 0 || pages != (cnt+99)/100 {
		t.Errorf("got %d ids over %d pages, count %d of %d", len(ids), pages, cnt, total)
	}
	if !sort.IntsAreSorted(ids) {
		t.Error("ids not in order")
	}
	seen := map[int]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Fatalf("id %d twice", id)
		}
		seen[id] = true
	}
	past := get(t, s, "/v4_6_release/apis/3.0/company/contacts?pageSize=100&page=9999", nil)
	if past.status != 200 || strings.TrimSpace(string(past.body)) != "[]" {
		t.Errorf("past the end: %d %s", past.status, past.body)
	}
	def := decode[[]any](t, get(t, s, "/v4_6_release/apis/3.0/company/contacts", nil).body)
	big := decode[[]any](t, get(t, s, "/v4_6_release/apis/3.0/company/contacts?pageSize=5000", nil).body)
	if len(def) != 25 || len(big) != min(1000, total) || total <= 1000 {
		t.Errorf("default page %d, capped page %d (total %d)", len(def), len(big), total)
	}
	s2 := startSim(t, Options{RejectOversizePage: true, DefaultPageSize: 10})
	if r := get(t, s2, "/v4_6_release/apis/3.0/company/contacts?pageSize=1001", nil); r.status != 400 {
		t.Errorf("oversize page rejected: %d", r.status)
	}
	if n := len(decode[[]any](t, get(t, s2, "/v4_6_release/apis/3.0/company/companies", nil).body)); n != 10 {
		t.Errorf("configured default page size: %d", n)
	}
}

func TestForwardOnlyPaging(t *testing.T) {
	s := startSim(t, Options{})
	fo := map[string]string{"pagination-type": "forward-only"}
	next := s.URL() + "/v4_6_release/apis/3.0/company/contacts?pageSize=700"
	n, pages := 0, 0
	for next != "" {
		r := get(t, s, next, fo)
		pages++
		n += len(decode[[]any](t, r.body))
		l := links(r.h)
		if _, present := r.h["Link"]; !present {
			t.Fatalf("page %d: Link header missing", pages)
		}
		if l["next"] != "" && (!strings.Contains(l["next"], "pageId=") || len(l) != 1) {
			t.Errorf("forward-only link: %v", l)
		}
		if l["next"] == "" && r.h.Get("Link") != "" {
			t.Errorf("last page Link not empty: %q", r.h.Get("Link"))
		}
		next = l["next"]
	}
	if n != len(s.Data().Contacts) || pages != (n+699)/700 {
		t.Errorf("forward-only read %d of %d in %d pages", n, len(s.Data().Contacts), pages)
	}
	if r := get(t, s, "/v4_6_release/apis/3.0/company/contacts?orderBy=id%20asc", fo); r.status != 400 {
		t.Errorf("orderBy with forward-only: %d", r.status)
	}
}

func TestConditionsChildConditionsAndFields(t *testing.T) {
	s := startSim(t, Options{})
	d := s.Data()
	var c *Contact
	for _, x := range d.Contacts {
		if len(x.Emails()) > 1 {
			c = x
			break
		}
	}
	if c == nil {
		t.Fatal("no multi-email contact")
	}
	mail := c.Emails()[1]
	q := "/v4_6_release/apis/3.0/company/contacts?pageSize=1000&childConditions=" +
		urlq(fmt.Sprintf(`communicationItems/value="%s" and communicationItems/communicationType="Email"`, strings.ToUpper(mail)))
	got := decode[[]map[string]any](t, get(t, s, q, nil).body)
	found := false
	for _, g := range got {
		found = found || int(g["id"].(float64)) == c.ID
	}
	if !found {
		t.Errorf("childConditions did not find contact %d by %s", c.ID, mail)
	}
	// company filter with like and parentheses
	co := d.Companies[1]
	q = "/v4_6_release/apis/3.0/company/contacts/count?conditions=" + urlq(fmt.Sprintf(`company/id=%d and (lastName like "*" or lastName=null)`, co.ID))
	want := 0
	for _, x := range d.Contacts {
		if x.CompanyID == co.ID {
			want++
		}
	}
	if n := decode[map[string]int](t, get(t, s, q, nil).body)["count"]; n != want || want == 0 {
		t.Errorf("company/id count %d, want %d", n, want)
	}
	q = "/v4_6_release/apis/3.0/company/companies?conditions=" + urlq(`status/name="Inactive"`)
	for _, x := range decode[[]map[string]any](t, get(t, s, q, nil).body) {
		if x["status"].(map[string]any)["name"] != "Inactive" {
			t.Errorf("status filter let %v through", x["name"])
		}
	}
	// unknown field and bad syntax -> 400 with the error shape
	for _, bad := range []string{`emailAddress="x"`, `name='x'`, `(id=1`} {
		r := get(t, s, "/v4_6_release/apis/3.0/company/contacts?conditions="+urlq(bad), nil)
		e := decode[map[string]any](t, r.body)
		if r.status != 400 || e["code"] == nil || e["message"] == "" {
			t.Errorf("%s: %d %s", bad, r.status, r.body)
		}
	}
	// fields: the example's projection has exactly the example's keys
	f := "id,firstName,lastName,company/id,company/identifier,company/name,inactiveFlag,communicationItems"
	r := get(t, s, "/v4_6_release/apis/3.0/company/contacts?pageSize=5&fields="+f, nil)
	ex := readExample(t, "GET_company_contacts.fields-subset.json").([]any)[0].(map[string]any)
	for _, g := range decode[[]map[string]any](t, r.body) {
		for k := range g {
			if _, ok := ex[k]; !ok && k != "lastName" {
				t.Errorf("fields projection kept %s", k)
			}
		}
		if _, ok := g["_info"]; ok {
			t.Error("_info not dropped")
		}
		if co := g["company"].(map[string]any); len(co) != 3 {
			t.Errorf("company projection %v", co)
		}
	}
	r = get(t, s, "/v4_6_release/apis/3.0/company/contacts?pageSize=1&fields=id,_info", nil)
	if g := decode[[]map[string]any](t, r.body)[0]; g["_info"] == nil || len(g) != 2 {
		t.Errorf("fields=id,_info: %v", g)
	}
}

func urlq(s string) string {
	r := strings.NewReplacer("%", "%25", " ", "%20", "\"", "%22", "=", "%3D", "&", "%26", "+", "%2B", "*", "%2A")
	return r.Replace(s)
}

func TestRateLimitAndFaults(t *testing.T) {
	s := startSim(t, Options{})
	const p = "/v4_6_release/apis/3.0/company/companies/count"
	s.SetKnobs(Knobs{RateLimit: 3, RetryAfter: 7})
	for i := 1; i <= 5; i++ {
		r := get(t, s, p, nil)
		if i <= 3 && r.status != 200 {
			t.Errorf("request %d: %d", i, r.status)
		}
		if i > 3 {
			ra, err := strconv.Atoi(r.h.Get("Retry-After"))
			if r.status != 429 || err != nil || ra != 7 {
				t.Errorf("request %d: %d Retry-After %q", i, r.status, r.h.Get("Retry-After"))
			}
		}
	}
	s.SetKnobs(Knobs{ThrottleEveryN: 2})
	if a, b := get(t, s, p, nil), get(t, s, p, nil); a.status != 200 || b.status != 429 || b.h.Get("Retry-After") != "1" {
		t.Errorf("every 2nd: %d %d %q", a.status, b.status, b.h.Get("Retry-After"))
	}
	s.SetKnobs(Knobs{ServerErrorEveryN: 1})
	if r := get(t, s, p, nil); r.status != 500 {
		t.Errorf("500 knob: %d", r.status)
	}
	s.SetKnobs(Knobs{ForbiddenContacts: true})
	if r := get(t, s, "/v4_6_release/apis/3.0/company/contacts", nil); r.status != 403 || decode[map[string]any](t, r.body)["code"] != "Security" {
		t.Errorf("403 security: %d %s", r.status, r.body)
	}
	if r := get(t, s, p, nil); r.status != 200 {
		t.Errorf("companies under ForbiddenContacts: %d", r.status)
	}
	s.SetKnobs(Knobs{})
	var n429 int
	for _, rq := range s.Requests() {
		if rq.Status == 429 {
			n429++
		}
	}
	if n429 != 3 {
		t.Errorf("request log has %d 429s, want 3", n429)
	}
}
