package connectwise

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"tenantlens/backend/psasim"
)

// The whole demo PSA comes back across several pages, equal to psasim's
// records (ids, names, emails), with one request per page.
func TestReadsEveryRecordAcrossPages(t *testing.T) {
	sim := startSim(t, psasim.Options{})
	site, keys := simSite(sim)
	d := sim.Data()
	coSize := len(d.Companies) / 3 // >= 3 pages of companies
	if coSize < 1 {
		t.Fatalf("demo has only %d companies", len(d.Companies))
	}
	c := newClient(t, site, keys, fastOptions(coSize))
	var prog []int
	cos, err := c.Companies(context.Background(), func(n int) { prog = append(prog, n) })
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cos, wantCompanies(d)) {
		t.Fatalf("companies differ from psasim's:\n got %+v\nwant %+v", cos, wantCompanies(d))
	}
	pages := (len(d.Companies) + coSize - 1) / coSize
	if pages < 3 {
		t.Fatalf("test set-up: only %d pages", pages)
	}
	reqs := apiRequests(sim, "/company/companies")
	if len(reqs) != pages || len(prog) != pages || prog[len(prog)-1] != len(d.Companies) {
		t.Fatalf("%d companies, page size %d: %d requests, progress %v; want %d pages", len(d.Companies), coSize, len(reqs), prog, pages)
	}
	for i, r := range reqs {
		q, _ := url.ParseQuery(r.Query)
		if r.Status != 200 || q.Get("fields") != companyFields || (i > 0) != (q.Get("pageId") != "") || q.Get("orderBy") != "" {
			t.Errorf("request %d: %d %s?%s", i, r.Status, r.Path, r.Query)
		}
		if !strings.HasPrefix(r.Path, "/v2025_1/apis/3.0/") {
			t.Errorf("request %d went to %s, not the codebase /login/companyinfo gave", i, r.Path)
		}
	}
	if n := len(apiRequests(sim, "/login/companyinfo/"+site.CompanyID)); n != 1 {
		t.Errorf("codebase looked up %d times, want once", n)
	}

	// contacts with the maximum page size: 2722 demo contacts => 3 pages
	c2 := newClient(t, site, keys, fastOptions(0))
	cts, err := c2.Contacts(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := wantContacts(d)
	if len(cts) != len(want) {
		t.Fatalf("%d contacts, psasim has %d", len(cts), len(want))
	}
	multi, inactive := 0, 0
	for i := range want {
		if !reflect.DeepEqual(cts[i], want[i]) {
			t.Fatalf("contact %d:\n got %+v\nwant %+v", i, cts[i], want[i])
		}
		if len(cts[i].Emails) > 1 {
			multi++
		}
		if cts[i].Inactive {
			inactive++
		}
	}
	if multi == 0 || inactive == 0 {
		t.Errorf("demo should hold contacts with several emails (%d) and inactive ones (%d)", multi, inactive)
	}
	creqs := apiRequests(sim, "/company/contacts")
	if wantPages := (len(want) + 999) / 1000; len(creqs) != wantPages {
		t.Errorf("%d contact requests, want %d pages of 1000", len(creqs), wantPages)
	}
}

// A server that ends forward-only lists without the empty Link header,
// with the list an exact multiple of the page size, is still read whole.
func TestForwardOnlyWithoutEmptyLink(t *testing.T) {
	sim := startSim(t, psasim.Options{NoEmptyLinkOnLastForwardPage: true})
	site, keys := simSite(sim)
	n := len(sim.Data().Companies)
	for _, size := range []int{n, n / 2} {
		c := newClient(t, site, keys, fastOptions(size))
		before := len(apiRequests(sim, "/company/companies"))
		got, err := c.Companies(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, wantCompanies(sim.Data())) {
			t.Fatalf("page size %d: %d companies, want %d", size, len(got), n)
		}
		// n: a full first page without Link, then page=2 is empty;
		// n/2: pageId next link, then a full last page without Link
		if got := len(apiRequests(sim, "/company/companies")) - before; got != 2 {
			t.Errorf("page size %d: %d requests, want 2", size, got)
		}
	}
}

// 429s are retried after Retry-After and the data still comes back whole.
func TestRateLimitHonoursRetryAfter(t *testing.T) {
	sim := startSim(t, psasim.Options{})
	site, keys := simSite(sim)
	sim.SetKnobs(psasim.Knobs{ThrottleEveryN: 3, RetryAfter: 1})
	c := newClient(t, site, keys, fastOptions(len(sim.Data().Companies)/4))
	got, err := c.Companies(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, wantCompanies(sim.Data())) {
		t.Fatalf("got %d companies, want %d", len(got), len(sim.Data().Companies))
	}
	reqs := apiRequests(sim, "/company/companies")
	throttled := 0
	for i, r := range reqs {
		if r.Status != 429 {
			continue
		}
		throttled++
		if i+1 >= len(reqs) {
			t.Fatalf("the 429 of request %d was not retried", i)
		}
		next := reqs[i+1]
		if next.Query != r.Query {
			t.Errorf("after the 429 of %q came %q, not the same page", r.Query, next.Query)
		}
		// the log stamps each answer; the retry's answer cannot come
		// before Retry-After (1 s) has passed since the 429
		if gap := next.Time.Sub(r.Time); gap < time.Second {
			t.Errorf("retry %v after the 429, Retry-After was 1 s", gap)
		}
	}
	if throttled == 0 {
		t.Fatal("no 429 was served; the knob did not take")
	}
}

// 5xx answers are retried a few times; past that the error says so.
func TestServerErrorsRetried(t *testing.T) {
	sim := startSim(t, psasim.Options{})
	site, keys := simSite(sim)
	sim.SetKnobs(psasim.Knobs{ServerErrorEveryN: 2})
	c := newClient(t, site, keys, fastOptions(len(sim.Data().Companies)/3))
	got, err := c.Companies(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, wantCompanies(sim.Data())) {
		t.Fatalf("got %d companies", len(got))
	}
	fails := 0
	for _, r := range apiRequests(sim, "/company/companies") {
		if r.Status == 500 {
			fails++
		}
	}
	if fails == 0 {
		t.Fatal("no 500 was served")
	}

	sim.SetKnobs(psasim.Knobs{ServerErrorEveryN: 1})
	before := len(apiRequests(sim, "/company/companies"))
	_, err = c.Companies(context.Background(), nil)
	var e *Error
	if !errors.As(err, &e) || e.Status != 500 || e.Remedy != remedyServer {
		t.Fatalf("always 500: %v", err)
	}
	if n := len(apiRequests(sim, "/company/companies")) - before; n != 1+c.opt.MaxServerRetries {
		t.Errorf("%d attempts, want 1 + %d retries", n, c.opt.MaxServerRetries)
	}
}

// A Retry-After longer than MaxRetryAfter fails at once with the remedy.
func TestRetryAfterTooLong(t *testing.T) {
	sim := startSim(t, psasim.Options{})
	site, keys := simSite(sim)
	sim.SetKnobs(psasim.Knobs{ThrottleEveryN: 1, RetryAfter: 600})
	c := newClient(t, site, keys, fastOptions(0))
	_, err := c.Contacts(context.Background(), nil)
	var e *Error
	if !errors.As(err, &e) || e.Status != 429 || e.Remedy != remedyBusy || !strings.Contains(e.Reason, "10m0s") {
		t.Fatalf("got %v", err)
	}
	if n := len(apiRequests(sim, "/company/contacts")); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestWrongKeys(t *testing.T) {
	for _, status := range []int{401, 404} {
		sim := startSim(t, psasim.Options{BadKeysStatus: status})
		site, keys := simSite(sim)
		wrong := Keys{Public: keys.Public, Private: "Wr0ngPrivateKeyX"}
		c := newClient(t, site, wrong, fastOptions(0))
		err := c.Check(context.Background())
		var e *Error
		if !errors.As(err, &e) || e.Status != status {
			t.Fatalf("status %d: got %v", status, err)
		}
		want := remedyKeys
		if status == 404 {
			want = remedySite // says: some cloud servers answer 404 to wrong keys
		}
		if e.Remedy != want || !strings.Contains(e.Remedy, "key") {
			t.Errorf("status %d: remedy %q", status, e.Remedy)
		}
		for _, secret := range []string{wrong.Private, wrong.Public, keys.Private, site.ClientID} {
			if strings.Contains(err.Error(), secret) {
				t.Errorf("error text contains key material: %s", err)
			}
		}
		if _, err := c.Companies(context.Background(), nil); !errors.As(err, &e) || e.Status != status {
			t.Errorf("Companies with wrong keys: %v", err)
		}
	}
}

func TestClientIDRejected(t *testing.T) {
	for _, status := range []int{403, 401} {
		sim := startSim(t, psasim.Options{ClientIDStatus: status})
		site, keys := simSite(sim)
		site.ClientID = "00000000-1111-2222-3333-444444444444" // a GUID, not the registered one
		c := newClient(t, site, keys, fastOptions(0))
		err := c.Check(context.Background())
		var e *Error
		if !errors.As(err, &e) || e.Status != status || e.Remedy != remedyClientID {
			t.Fatalf("status %d: got %v", status, err)
		}
		if strings.Contains(err.Error(), keys.Private) || strings.Contains(err.Error(), site.ClientID) {
			t.Errorf("error text leaks: %s", err)
		}
	}
	// no clientId at all never leaves the machine
	sim := startSim(t, psasim.Options{})
	site, keys := simSite(sim)
	site.ClientID = ""
	_, err := New(site, keys, nil)
	var e *Error
	if !errors.As(err, &e) || !strings.Contains(e.Remedy, "developer.connectwise.com/ClientID") {
		t.Fatalf("empty clientId: %v", err)
	}
	if len(sim.Requests()) != 0 {
		t.Errorf("requests were made: %v", sim.Requests())
	}
}

func TestMissingSecurityRole(t *testing.T) {
	sim := startSim(t, psasim.Options{})
	site, keys := simSite(sim)
	sim.SetKnobs(psasim.Knobs{ForbiddenContacts: true})
	c := newClient(t, site, keys, fastOptions(0))
	err := c.Check(context.Background())
	var e *Error
	if !errors.As(err, &e) || e.Status != 403 || e.Remedy != remedyRole || !strings.Contains(e.Reason, "contacts") {
		t.Fatalf("got %v", err)
	}
	sim.SetKnobs(psasim.Knobs{})
	if err := c.Check(context.Background()); err != nil {
		t.Fatalf("with the role: %v", err)
	}
}

func TestUnknownCompanyID(t *testing.T) {
	sim := startSim(t, psasim.Options{})
	site, keys := simSite(sim)
	site.CompanyID = "not_" + site.CompanyID
	c := newClient(t, site, keys, fastOptions(0))
	err := c.Check(context.Background())
	var e *Error
	if !errors.As(err, &e) || !strings.Contains(e.Reason, site.CompanyID) || !strings.Contains(e.Remedy, "login screen") {
		t.Fatalf("got %v", err)
	}
	if n := len(apiRequests(sim, "/company/companies")); n != 0 {
		t.Errorf("%d API requests with an unknown company id", n)
	}
}

func TestCodebaseFromCompanyInfo(t *testing.T) {
	sim := startSim(t, psasim.Options{Codebase: "v2024_2/"})
	site, keys := simSite(sim)
	c := newClient(t, site, keys, fastOptions(0))
	if err := c.Check(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got, want := c.APIBase(), sim.URL()+"/v2024_2/apis/3.0"; got != want {
		t.Errorf("APIBase %q, want %q", got, want)
	}
	for _, r := range apiRequests(sim, "/company/companies") {
		if !strings.HasPrefix(r.Path, "/v2024_2/") {
			t.Errorf("request to %s", r.Path)
		}
	}
}

// Cancelling stops a read waiting out a Retry-After, and one whose request
// is in flight, without further requests.
func TestCancellationStopsPromptly(t *testing.T) {
	sim := startSim(t, psasim.Options{})
	site, keys := simSite(sim)
	for _, k := range []psasim.Knobs{
		{ThrottleEveryN: 1, RetryAfter: 100}, // would wait 100 s
		{Latency: 10 * time.Second},          // the answer would take 10 s
	} {
		c := newClient(t, site, keys, fastOptions(0))
		if err := c.Check(context.Background()); err != nil { // codebase resolved before the knobs
			t.Fatal(err)
		}
		sim.SetKnobs(k)
		before := len(sim.Requests())
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			_, err := c.Companies(ctx, nil)
			done <- err
		}()
		if k.ThrottleEveryN > 0 {
			for len(sim.Requests()) == before { // the 429 is logged: the client now waits 100 s
				time.Sleep(5 * time.Millisecond)
			}
		} else {
			time.Sleep(100 * time.Millisecond) // let the request get on the wire
		}
		cancel()
		select {
		case err := <-done:
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("%+v: got %v, want context.Canceled", k, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%+v: still running 5 s after cancel", k)
		}
		if k.ThrottleEveryN > 0 {
			if n := len(sim.Requests()) - before; n != 1 {
				t.Errorf("%d requests, want just the one answered 429 (no retry after cancel)", n)
			}
		}
		sim.SetKnobs(psasim.Knobs{})
	}
}

// A hosted codebase that moved (404 on the old one) is looked up again
// once and the read goes on (PSA-FACTS 1.1, 3.7). The front handler only
// plays the move; everything else is psasim.
func TestCodebaseMovedIsLookedUpAgain(t *testing.T) {
	sim := psasim.New(psasim.Options{})
	var infoCalls atomic.Int32
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/login/companyinfo/") && infoCalls.Add(1) == 1 {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"CompanyName":"x","Codebase":"v2019_1/","IsCloud":true}`))
			return
		}
		if strings.HasPrefix(r.URL.Path, "/v2019_1/") {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"code":"NotFound","message":"The requested resource was not found."}`))
			return
		}
		sim.Handler().ServeHTTP(w, r)
	}))
	defer front.Close()
	cr := sim.Credentials()
	c := newClient(t, Site{URL: front.URL, CompanyID: cr.CompanyID, ClientID: cr.ClientID}, Keys{cr.PublicKey, cr.PrivateKey}, fastOptions(0))
	got, err := c.Companies(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, wantCompanies(sim.Data())) || infoCalls.Load() != 2 || !strings.HasSuffix(c.APIBase(), "/v2025_1/apis/3.0") {
		t.Fatalf("%d companies, %d lookups, base %s", len(got), infoCalls.Load(), c.APIBase())
	}
}

// Companies and contacts read at once through one Client share its pacer
// and both come back whole under 429s.
func TestConcurrentReadsUnderThrottling(t *testing.T) {
	sim := startSim(t, psasim.Options{Tenants: 4})
	site, keys := simSite(sim)
	sim.SetKnobs(psasim.Knobs{ThrottleEveryN: 4, RetryAfter: 1})
	c := newClient(t, site, keys, fastOptions(60))
	var cos []Company
	var coErr error
	done := make(chan struct{})
	go func() { defer close(done); cos, coErr = c.Companies(context.Background(), nil) }()
	cts, err := c.Contacts(context.Background(), nil)
	<-done
	if err != nil || coErr != nil {
		t.Fatal(err, coErr)
	}
	if !reflect.DeepEqual(cos, wantCompanies(sim.Data())) || !reflect.DeepEqual(cts, wantContacts(sim.Data())) {
		t.Fatalf("%d companies, %d contacts; psasim has %d, %d", len(cos), len(cts), len(sim.Data().Companies), len(sim.Data().Contacts))
	}
	n429 := 0
	for _, r := range sim.Requests() {
		if r.Status == 429 {
			n429++
		}
	}
	if n429 == 0 {
		t.Fatal("no 429 served")
	}
}
