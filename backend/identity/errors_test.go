package identity

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
)

// The token endpoint's error bodies from shared/graph/examples classify to
// the kinds the UI acts on.
func TestClassifyTokenEndpointExamples(t *testing.T) {
	raw, err := os.ReadFile("testdata/token_endpoint_errors.json")
	if err != nil {
		t.Fatal(err)
	}
	var bodies map[string]json.RawMessage
	if err := json.Unmarshal(raw, &bodies); err != nil {
		t.Fatal(err)
	}
	want := map[string]error{
		"AADSTS65001": ErrConsent, "AADSTS700082": ErrReauth, "AADSTS50173": ErrReauth,
		"AADSTS50076": ErrMFARequired, "AADSTS50020": ErrNoAccess, "AADSTS90099": ErrConsent,
		"AADSTS700025": ErrProtocol, "AADSTS9002313": ErrProtocol, "AADSTS501481": ErrProtocol,
		"AADSTS54005": ErrSessionExpired, "AADSTS70008": ErrReauth,
	}
	seen := 0
	for name, body := range bodies {
		prefix := strings.SplitN(name, "_", 2)[0]
		w, ok := want[prefix]
		if !ok {
			t.Errorf("example %q has no expectation", name)
			continue
		}
		seen++
		var te tokenError
		if err := json.Unmarshal(body, &te); err != nil {
			t.Fatal(err)
		}
		status := 400
		if te.Error == "invalid_client" {
			status = 401
		}
		e := classifyTokenError(status, te, "t")
		if !errors.Is(e, w) {
			t.Errorf("%s: kind %s, want %v", name, e.Kind, w)
		}
		if want := "AADSTS" + strings.TrimPrefix(prefix, "AADSTS"); e.Code == 0 || !strings.Contains(e.Error(), want) {
			t.Errorf("%s: error %q lacks %s", name, e.Error(), want)
		}
		// Microsoft's description text (names, trace IDs) is not echoed.
		if strings.Contains(e.Error(), "Trace ID") {
			t.Errorf("%s: description leaked into %q", name, e.Error())
		}
	}
	if seen != len(want) {
		t.Errorf("saw %d examples, want %d", seen, len(want))
	}
}

func TestExactMessages(t *testing.T) {
	for kind, want := range map[Kind]string{
		KindSessionExpired: "Your session has expired. Please try connecting again.",
		KindReauth:         "Your Microsoft authorization has expired or been revoked.",
		KindNoRefreshToken: "Microsoft did not provide a refresh token",
	} {
		e := newError(kind, "", nil)
		if !strings.HasPrefix(e.Error(), want) {
			t.Errorf("%s: %q does not start with %q", kind, e.Error(), want)
		}
		if e.Remedy == "" {
			t.Errorf("%s: no remedy", kind)
		}
	}
	for _, k := range []Kind{KindCancelled, KindConsent, KindNoAccess, KindTenantNotFound, KindNetwork, KindRetryable,
		KindMFAUnavailable, KindPermission, KindKeychain, KindMFARequired, KindInvalidInput, KindProtocol} {
		e := newError(k, "", nil)
		if e.Message == "" || e.Remedy == "" || !errors.Is(e, sentinels[e.Kind]) {
			t.Errorf("%s: message %q remedy %q", k, e.Message, e.Remedy)
		}
	}
	if e := MFAUnavailable("x", true); !errors.Is(e, ErrMFAUnavailable) || !strings.Contains(e.Message, "P1") {
		t.Errorf("MFA no-P1 message: %q", e.Message)
	}
	if e := MFAUnavailable("x", false); !strings.Contains(e.Message, "role") {
		t.Errorf("MFA role message: %q", e.Message)
	}
}

func TestCallbackErrors(t *testing.T) {
	cases := []struct {
		query string
		want  error
	}{
		{"error=access_denied&error_subcode=cancel&state=s", ErrCancelled},
		{"error=access_denied&error_description=AADSTS65004%3a+User+declined+to+consent&error_subcode=cancel", ErrCancelled},
		{"error=consent_required&error_description=AADSTS65001%3a+The+user+or+administrator+has+not+consented", ErrConsent},
		{"error=interaction_required&error_description=AADSTS50076%3a+Due+to+a+configuration+change", ErrMFARequired},
		{"error=access_denied", ErrCancelled},
	}
	for _, c := range cases {
		q, _ := url.ParseQuery(c.query)
		if e := callbackError(q, "t"); !errors.Is(e, c.want) {
			t.Errorf("%s: got %s", c.query, e.Kind)
		}
	}
}

func TestClassifyGraphError(t *testing.T) {
	cases := []struct {
		status int
		body   string
		want   error
	}{
		{401, `{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired."}}`, ErrReauth},
		{403, `{"error":{"code":"Authentication_RequestFromNonPremiumTenantOrB2CTenant","message":"Tenant does not have a SPO license."}}`, ErrMFAUnavailable},
		{403, `{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}`, ErrPermission},
		{429, `{"error":{"code":"TooManyRequests"}}`, ErrRetryable},
		{503, ``, ErrRetryable},
		{404, `{"error":{"code":"Request_ResourceNotFound"}}`, ErrProtocol},
	}
	for _, c := range cases {
		e := ClassifyGraphError(c.status, []byte(c.body))
		if !errors.Is(e, c.want) {
			t.Errorf("%d %s: got %s", c.status, c.body, e.Kind)
		}
		if strings.Contains(e.Error(), "Insufficient privileges") {
			t.Errorf("Graph message echoed: %q", e.Error())
		}
	}
}

func TestNormalizeTenant(t *testing.T) {
	ok := map[string]string{
		"Contoso.OnMicrosoft.com":                "contoso.onmicrosoft.com",
		" 2F4A9C71-6b3e-4d8a-9f12-7c5e8b1a3d60 ": "2f4a9c71-6b3e-4d8a-9f12-7c5e8b1a3d60",
		"admin@fabrikam.com":                     "fabrikam.com",
		"https://contoso.com/":                   "contoso.com",
	}
	for in, want := range ok {
		got, err := normalizeTenant(in)
		if err != nil || got != want {
			t.Errorf("%q → %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "common", "organizations", "contoso", "a/b.com", "x.com?y=1", "../etc.com", "con toso.com"} {
		if _, err := normalizeTenant(bad); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%q accepted (err %v)", bad, err)
		}
	}
}

func TestRoleWarnings(t *testing.T) {
	if w := RoleWarnings([]string{RoleGlobalReader, RoleUserAdministrator, RoleReportsReader}); len(w) != 0 {
		t.Errorf("all roles: %v", w)
	}
	if w := RoleWarnings([]string{RoleGlobalAdministrator}); len(w) != 0 {
		t.Errorf("global admin: %v", w)
	}
	w := RoleWarnings([]string{strings.ToUpper(RoleGlobalReader)})
	if len(w) != 2 || w[0] != WarnNoUserAdmin || w[1] != WarnNoReports {
		t.Errorf("Global Reader only: %v", w)
	}
	if !strings.Contains(WarnNoReports, "usage reports") || !strings.Contains(WarnNoGlobalReader, "users") {
		t.Error("warnings must name what will be unavailable")
	}
	if RoleName(RoleReportsReader) != "Reports Reader" || RoleName("x") != "x" {
		t.Error("RoleName")
	}
}

func TestParseIDTokenExample(t *testing.T) {
	// id_token from shared/graph/examples/token_response_authorization_code.json
	const idt = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsImtpZCI6IkNOdjBPSTNSd3FsSEZFVm5hb01Bc2hDSDJYRSJ9.eyJhdWQiOiIwYzhmNWUyYS0xYjNkLTRlNmYtOWE3Yy01ZDJlOGYxYjRhNjMiLCJpc3MiOiJodHRwczovL2xvZ2luLm1pY3Jvc29mdG9ubGluZS5jb20vOWI4YzdkNmUtNWY0YS00MzIxLThhOWItMGMxZDJlM2Y0YTViL3YyLjAiLCJpYXQiOjE3ODAzOTE2MDAsIm5iZiI6MTc4MDM5MTYwMCwiZXhwIjoxNzgwMzk1NTAwLCJuYW1lIjoiU2FtIFRlY2huaWNpYW4iLCJvaWQiOiJkOWU4ZjdhNi1iNWM0LTRkM2UtOGYyYS0xYjBjOWQ4ZTdmNmEiLCJwcmVmZXJyZWRfdXNlcm5hbWUiOiJzYW1Abm9ydGh3aW5kaXQuY29tIiwicmgiOiIwLkFWMEFiWDJNbTBwZklVT0ttd3dkTGo5S1d5Li4uIiwic2lkIjoiMDBiNWMxYTItM2Q0ZS00ZjUwLThhNjEtYjJjM2Q0ZTVmNjA3Iiwic3ViIjoicTJrTDl0VjBjWDFzWXo4d1E3ckU1dUlvUDNhUzZkRjRnSDJqSzFsWjB4QyIsInRpZCI6IjliOGM3ZDZlLTVmNGEtNDMyMS04YTliLTBjMWQyZTNmNGE1YiIsInV0aSI6IlhrM21QcTlyUzJ0VXY1d1l6N2FCY0EiLCJ2ZXIiOiIyLjAifQ.c2lnbmF0dXJlLW5vdC12YWxpZA"
	c, ok := parseIDToken(idt)
	if !ok || c.TenantID != "9b8c7d6e-5f4a-4321-8a9b-0c1d2e3f4a5b" || c.PreferredUsername != "sam@northwindit.com" || c.Version != "2.0" {
		t.Fatalf("claims %+v ok=%v", c, ok)
	}
	if _, ok := parseIDToken("not-a-jwt"); ok {
		t.Error("garbage parsed")
	}
}

func TestGUIDInDiscoveryExample(t *testing.T) {
	raw, err := os.ReadFile("testdata/openid_configuration_v2.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Issuer string `json:"issuer"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if got := guidInURL(doc.Issuer); got != "2f4a9c71-6b3e-4d8a-9f12-7c5e8b1a3d60" {
		t.Fatalf("issuer GUID %q", got)
	}
}

func TestCloudsAndScopes(t *testing.T) {
	gov, err := New(Options{Cloud: "usgov"})
	if err != nil {
		t.Fatal(err)
	}
	if gov.AuthorityURL() != "https://login.microsoftonline.us" || gov.GraphURL() != "https://graph.microsoft.us" {
		t.Fatalf("usgov endpoints %s %s", gov.AuthorityURL(), gov.GraphURL())
	}
	s := gov.Scopes(true)
	if s[0] != "https://graph.microsoft.us/User.Read.All" || s[len(s)-1] != "offline_access" {
		t.Fatalf("usgov scopes %v", s)
	}
	pub, _ := New(Options{Authority: "http://127.0.0.1:5/login/"})
	if ep := pub.Endpoints("contoso.com"); ep.Token != "http://127.0.0.1:5/login/contoso.com/oauth2/v2.0/token" ||
		ep.Discovery != "http://127.0.0.1:5/login/contoso.com/v2.0/.well-known/openid-configuration" {
		t.Fatalf("endpoints %+v", ep)
	}
	if n := len(pub.Scopes(false)); n != len(readScopes)+len(oidcScopes) {
		t.Fatalf("direct scopes: %d", n)
	}
	for _, sc := range pub.Scopes(true) {
		if strings.Contains(sc, "Write") {
			t.Fatalf("write scope %s requested", sc)
		}
	}
	if _, err := New(Options{Cloud: "mars"}); err == nil {
		t.Fatal("unknown cloud accepted")
	}
	for _, name := range grantScopes() {
		if !guidRe.MatchString(graphScopeIDs[name]) {
			t.Errorf("no permission ID for %s", name)
		}
	}
}

func TestTokenEndpointTransientAndGarbage(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/busy/oauth2/v2.0/token", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`{"error":"temporarily_unavailable","error_description":"AADSTS90033: A transient error has occurred.","error_codes":[90033]}`))
	})
	mux.HandleFunc("/throttled/oauth2/v2.0/token", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTooManyRequests)
	})
	mux.HandleFunc("/garbage/oauth2/v2.0/token", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`<html>proxy login</html>`))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := newTestClient(t, Options{Authority: srv.URL})
	for tenant, want := range map[string]error{"busy": ErrRetryable, "throttled": ErrRetryable, "garbage": ErrProtocol} {
		_, err := c.redeemRefresh(context.Background(), tenant, "client", "rt-secret-value", c.defaultScope())
		if !errors.Is(err, want) {
			t.Errorf("%s: %v", tenant, err)
		}
		if err != nil && strings.Contains(err.Error(), "rt-secret-value") {
			t.Errorf("%s: refresh token in error", tenant)
		}
	}
}
