package graph

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

// Graph JSON pages fuzzing: every request the real msgraph-sdk-go client
// makes through Client is answered by one server with the fuzzed status and
// body. Whatever comes back, the fetchers must not panic, must not hang, and
// must fail only with a classified *Error.

// graphExamples are the wire examples of ../shared/graph/examples used as
// seeds (read at test time; absent folders just mean fewer seeds).
var graphExamples = []string{
	"users_list_page1.json", "users_list_page2_last.json", "users_list_with_signInActivity.json",
	"subscribedSkus.json", "organization.json", "domains.json", "deleted_users.json",
	"userRegistrationDetails_page1.json", "userRegistrationDetails_page2_last.json",
	"adminReportSettings_get.json", "graph_errors.json", "users_delta_page1.json",
}

// hand-written seeds so the target works without ../shared
var fuzzSeedPages = []string{
	`{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users","value":[{"id":"87d349ed-44d7-43e1-9a83-5f2406dee5bd","userPrincipalName":"AdeleV@contoso.com","displayName":"Adele Vance","accountEnabled":true,"userType":"Member","assignedLicenses":[{"disabledPlans":[],"skuId":"cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46"}],"createdDateTime":"2021-03-04T05:06:07Z","signInActivity":{"lastSignInDateTime":"2024-04-30T08:00:00Z"}}]}`,
	`{"value":[{"id":"1","userPrincipalName":"a@b.c"}],"@odata.nextLink":"https://graph.microsoft.com/v1.0/users?$skiptoken=X"}`,
	`{"value":[{"capabilityStatus":"Enabled","consumedUnits":3,"skuId":"cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46","skuPartNumber":"SPB","prepaidUnits":{"enabled":5,"suspended":0,"warning":0,"lockedOut":0},"servicePlans":[{"servicePlanId":"41781fb2-bc02-4b7c-bd55-b576c07bb09d","servicePlanName":"AAD_PREMIUM","provisioningStatus":"Success","appliesTo":"User"}]}]}`,
	`{"value":[{"id":"b2c3d4e5-0000-0000-0000-000000000000","displayName":"Contoso","tenantType":"AAD","verifiedDomains":[{"name":"contoso.com","isDefault":true,"isInitial":false,"type":"Managed"}]}]}`,
	`{"value":[{"id":"87d349ed-44d7-43e1-9a83-5f2406dee5bd","userPrincipalName":"a@b.c","userType":"member","isAdmin":false,"isMfaRegistered":true,"isMfaCapable":true,"methodsRegistered":["microsoftAuthenticatorPush"],"userPreferredMethodForSecondaryAuthentication":"push"}]}`,
	`{"displayConcealedNames":true}`,
	`{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired or is not yet valid.","innerError":{"date":"2024-05-01T00:00:00","request-id":"x"}}}`,
	`{"value":[{"id":"1"`,
	`{"value":{"id":"1"}}`,
	`{"value":[1,"a",null,{"accountEnabled":"yes","createdDateTime":"yesterday","assignedLicenses":[{"skuId":"nope"}]}]}`,
	`[]`, `null`, ``,
}

var fuzzStatuses = []int{200, 200, 200, 200, 400, 401, 403, 404, 429, 500, 503, 504}

// redirectTo sends every request, whatever its host, to the test server, so
// a fuzzed nextLink never leaves the machine.
type redirectTo struct {
	target *url.URL
	rt     http.RoundTripper
}

func (r redirectTo) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.URL.Scheme, req.URL.Host = r.target.Scheme, r.target.Host
	return r.rt.RoundTrip(req)
}

func FuzzGraphPages(f *testing.F) {
	for i, s := range fuzzSeedPages {
		f.Add(uint8(i%2), []byte(s))
	}
	for _, name := range graphExamples {
		if b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "graph", "examples", name)); err == nil {
			f.Add(uint8(0), b)
		}
	}
	f.Add(uint8(6), []byte(fuzzSeedPages[6])) // 401 with Graph's error body
	f.Add(uint8(8), []byte(`{"error":{"code":"TooManyRequests","message":"Please retry again later."}}`))

	var status int
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Retry-After", "0")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}))
	f.Cleanup(srv.Close)
	target, _ := url.Parse(srv.URL)
	tr := redirectTo{target: target, rt: srv.Client().Transport}
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "fuzz-token", TokenType: "Bearer"})

	f.Fuzz(func(t *testing.T, st uint8, data []byte) {
		status, body = fuzzStatuses[int(st)%len(fuzzStatuses)], data
		c, err := New(Options{GraphBase: srv.URL, TokenSource: ts, TenantID: "fuzz", Transport: tr, Timeout: 5 * time.Second,
			Pacer: NewPacer(PacerOptions{MaxRetries: 1, BaseBackoff: time.Millisecond, MaxWait: time.Millisecond})})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		check := func(what string, err error) {
			// a $batch answered 200 carries per-item statuses of its own
			batch := what == "AuthMethods"
			t.Helper()
			if err == nil {
				return
			}
			var ge *Error
			if !errors.As(err, &ge) {
				t.Fatalf("%s: unclassified error %T: %v", what, err, err)
			}
			switch ge.Class {
			case ClassCancelled:
				t.Fatalf("%s: did not finish within the timeout (status %d): %v", what, status, err)
			case ClassRetryable, ClassOffline, ClassReauth, ClassConsent, ClassLicense, ClassMalformed, ClassFatal:
			default:
				t.Fatalf("%s: unknown class %q: %v", what, ge.Class, err)
			}
			if ge.Endpoint == "" || ge.Message == "" {
				t.Fatalf("%s: error without endpoint or message: %+v", what, ge)
			}
			if status == 200 && !batch && ge.Class != ClassMalformed && ge.Class != ClassFatal {
				t.Fatalf("%s: a 200 failed as %s: %v", what, ge.Class, err)
			}
			if status != 200 && !batch && ge.Status != 0 && ge.Status != status {
				t.Fatalf("%s: status %d reported as %d", what, status, ge.Status)
			}
		}
		_, err = c.Users(ctx, true)
		check("Users", err)
		_, err = c.SubscribedSkus(ctx)
		check("SubscribedSkus", err)
		_, err = c.RegistrationDetails(ctx)
		check("RegistrationDetails", err)
		_, err = c.Organization(ctx)
		check("Organization", err)
		_, err = c.DeletedUsers(ctx)
		check("DeletedUsers", err)
		_, err = c.ReportSettings(ctx)
		check("ReportSettings", err)
		_, err = c.AuthMethods(ctx, []string{"87d349ed-44d7-43e1-9a83-5f2406dee5bd", "a@b.c"}, nil)
		check("AuthMethods", err)
		_, err = c.Usage(ctx)
		check("Usage", err)
	})
}
