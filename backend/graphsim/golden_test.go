package graphsim

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	absser "github.com/microsoft/kiota-abstractions-go/serialization"
	jsonser "github.com/microsoft/kiota-serialization-json-go"
	"github.com/microsoftgraph/msgraph-sdk-go/models"
	"github.com/microsoftgraph/msgraph-sdk-go/models/odataerrors"
)

const examplesDir = "../../../shared/graph/examples"

func readExample(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(examplesDir, name))
	if err != nil {
		t.Skipf("examples not available: %v", err)
	}
	return b
}

// keyShape describes the keys of a JSON value: object keys (recursively
// for nested objects and the first element of arrays of objects).
func keyShape(v any, prefix string, out map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			out[prefix+k] = true
			keyShape(val, prefix+k+".", out)
		}
	case []any:
		for _, e := range x { // union over all elements
			if _, ok := e.(map[string]any); ok {
				keyShape(e, prefix+"[].", out)
			}
		}
	}
}

func shapeOf(t *testing.T, b []byte) map[string]bool {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, b)
	}
	out := map[string]bool{}
	keyShape(v, "", out)
	return out
}

// diffShapes lists keys present on one side only; keys inside an array of
// objects count only when the other side has elements in that array too
// (an empty assignedLicenses says nothing about skuId).
func diffShapes(want, got map[string]bool) string {
	populated := func(side map[string]bool, k string) bool {
		i := strings.LastIndex(k, ".[].")
		if i < 0 {
			return true
		}
		pre := k[:i+4]
		for x := range side {
			if strings.HasPrefix(x, pre) {
				return true
			}
		}
		return false
	}
	var miss, extra []string
	for k := range want {
		if !got[k] && populated(got, k) {
			miss = append(miss, k)
		}
	}
	for k := range got {
		if !want[k] && populated(want, k) {
			extra = append(extra, k)
		}
	}
	sort.Strings(miss)
	sort.Strings(extra)
	if len(miss)+len(extra) == 0 {
		return ""
	}
	return "missing " + strings.Join(miss, ",") + " | extra " + strings.Join(extra, ",")
}

func populatedIn(m map[string]bool, prefix string) bool {
	for x := range m {
		if strings.HasPrefix(x, prefix) {
			return true
		}
	}
	return false
}

func rawGet(t *testing.T, u, token string, hdr map[string]string) (int, http.Header, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := noFollow.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, b
}

// sdkShape parses JSON into the SDK model and serializes it back, so the
// comparison also proves both deserialise into the same model shape.
func sdkShape(t *testing.T, b []byte, f absser.ParsableFactory) map[string]bool {
	t.Helper()
	node, err := jsonser.NewJsonParseNode(b)
	if err != nil {
		t.Fatal(err)
	}
	p, err := node.GetObjectValue(f)
	if err != nil {
		t.Fatalf("SDK cannot parse: %v", err)
	}
	w := jsonser.NewJsonSerializationWriter()
	if err := w.WriteObjectValue("", p); err != nil {
		t.Fatal(err)
	}
	out, _ := w.GetSerializedContent()
	return shapeOf(t, out)
}

func TestGoldenJSONShapesMatchExamples(t *testing.T) {
	s := startSim(t, Options{})
	partner := s.MSP().Partner
	meridian := tenantNamed(t, s, "Meridian")
	harbor := tenantNamed(t, s, "Harbor")
	g := s.GraphURL()
	sel := "id,displayName,userPrincipalName,mail,givenName,surname,department,jobTitle,accountEnabled,userType,createdDateTime,onPremisesSyncEnabled,assignedLicenses"
	n := s.GroundTruth(harbor.ID).Users
	cases := []struct {
		example string
		url     string
		tenant  *Tenant
		partner bool
		factory absser.ParsableFactory
	}{
		{"users_list_page1.json", g + "/v1.0/users?$select=" + sel + "&$top=3", harbor, false, models.CreateUserCollectionResponseFromDiscriminatorValue},
		{"users_list_page2_last.json", g + "/v1.0/users?$select=" + sel + "&$top=3&$skiptoken=" + encodeSkipToken(n-3), harbor, false, models.CreateUserCollectionResponseFromDiscriminatorValue},
		{"users_list_with_signInActivity.json", g + "/v1.0/users?$select=id,userPrincipalName,signInActivity&$top=500", meridian, false, models.CreateUserCollectionResponseFromDiscriminatorValue},
		{"deleted_users.json", g + "/v1.0/directory/deletedItems/microsoft.graph.user", meridian, false, models.CreateUserCollectionResponseFromDiscriminatorValue},
		{"subscribedSkus.json", g + "/v1.0/subscribedSkus", harbor, false, models.CreateSubscribedSkuCollectionResponseFromDiscriminatorValue},
		{"organization.json", g + "/v1.0/organization", meridian, false, models.CreateOrganizationCollectionResponseFromDiscriminatorValue},
		{"domains.json", g + "/v1.0/domains", harbor, false, models.CreateDomainCollectionResponseFromDiscriminatorValue},
		{"contracts.json", g + "/v1.0/contracts", partner, false, models.CreateContractCollectionResponseFromDiscriminatorValue},
		{"gdap_delegatedAdminCustomers.json", g + "/v1.0/tenantRelationships/delegatedAdminCustomers", partner, false, models.CreateDelegatedAdminCustomerCollectionResponseFromDiscriminatorValue},
		{"gdap_delegatedAdminRelationships.json", g + "/v1.0/tenantRelationships/delegatedAdminRelationships", partner, false, models.CreateDelegatedAdminRelationshipCollectionResponseFromDiscriminatorValue},
		{"userRegistrationDetails_page1.json", g + "/v1.0/reports/authenticationMethods/userRegistrationDetails?$top=2", harbor, false, models.CreateUserRegistrationDetailsCollectionResponseFromDiscriminatorValue},
		{"userRegistrationDetails_page2_last.json", g + "/v1.0/reports/authenticationMethods/userRegistrationDetails?$top=2&$skiptoken=" + encodeSkipToken(n-2), harbor, false, models.CreateUserRegistrationDetailsCollectionResponseFromDiscriminatorValue},
		{"userRegistrationDetails_beta.json", g + "/beta/reports/authenticationMethods/userRegistrationDetails", harbor, false, nil},
		{"adminReportSettings_get.json", g + "/v1.0/admin/reportSettings", harbor, false, models.CreateAdminReportSettingsFromDiscriminatorValue},
		{"report_getOffice365ActiveUserDetail_beta_json.json", g + "/beta/reports/getOffice365ActiveUserDetail(period='D30')?$format=application/json&$top=1", harbor, false, nil},
		{"user_authentication_requirements_beta.json", g + "/beta/users/" + harbor.Admin.ID + "/authentication/requirements", harbor, false, nil},
	}
	for _, tc := range cases {
		t.Run(tc.example, func(t *testing.T) {
			want := readExample(t, tc.example)
			tok := s.IssueToken(tc.tenant.ID)
			st, _, got := rawGet(t, tc.url, tok, nil)
			if st != http.StatusOK {
				t.Fatalf("status %d: %s", st, got)
			}
			if d := diffShapes(shapeOf(t, want), shapeOf(t, got)); d != "" {
				t.Errorf("wire shape differs from example: %s", d)
			}
			if tc.factory != nil {
				// both parse into the SDK model, and everything graphsim
				// sends survives the round trip as a key the example has
				sdkShape(t, want, tc.factory)
				rawWant := shapeOf(t, want)
				for k := range sdkShape(t, got, tc.factory) {
					if !rawWant[k] && !strings.Contains(k, "@odata") {
						if i := strings.LastIndex(k, ".[]."); i < 0 || populatedIn(rawWant, k[:i+4]) {
							t.Errorf("SDK model of graphsim's response has key %q the example lacks", k)
						}
					}
				}
			}
			if strings.Contains(string(got), "graph.microsoft.com") {
				t.Error("response links point at graph.microsoft.com instead of graphsim")
			}
		})
	}
}

// Authentication methods are polymorphic: compare per @odata.type.
func TestGoldenAuthMethodsPerType(t *testing.T) {
	s := startSim(t, Options{})
	ten := tenantNamed(t, s, "Meridian")
	tok := s.IssueToken(ten.ID)
	byType := func(b []byte) map[string]map[string]bool {
		var v struct {
			Value []map[string]any `json:"value"`
		}
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		out := map[string]map[string]bool{}
		for _, m := range v.Value {
			ks := map[string]bool{}
			keyShape(m, "", ks)
			out[m["@odata.type"].(string)] = ks
		}
		return out
	}
	want := byType(readExample(t, "user_authentication_methods.json"))
	got := map[string]map[string]bool{}
	for _, u := range ten.Users[:200] {
		if u.Deleted {
			continue
		}
		st, _, b := rawGet(t, s.GraphURL()+"/v1.0/users/"+u.ID+"/authentication/methods", tok, nil)
		if st != 200 {
			t.Fatalf("status %d %s", st, b)
		}
		for k, v := range byType(b) {
			got[k] = v
		}
	}
	for typ, ks := range want {
		if got[typ] == nil {
			t.Errorf("graphsim never served %s", typ)
			continue
		}
		if d := diffShapes(ks, got[typ]); d != "" {
			t.Errorf("%s: %s", typ, d)
		}
	}
}

func TestGoldenErrorsAndIdentityShapes(t *testing.T) {
	s := startSim(t, Options{AutoConsent: true})
	var errs map[string]struct {
		Body json.RawMessage `json:"body"`
	}
	if err := json.Unmarshal(readExample(t, "graph_errors.json"), &errs); err != nil {
		t.Fatal(err)
	}
	cedar := tenantNamed(t, s, "Cedar")
	g := s.GraphURL()
	checks := map[string]func() []byte{
		"401 expired/invalid token": func() []byte { _, _, b := rawGet(t, g+"/v1.0/users", "nope", nil); return b },
		"403 signInActivity or userRegistrationDetails without Entra ID P1/P2": func() []byte {
			_, _, b := rawGet(t, g+"/v1.0/users?$select=id,signInActivity", s.IssueToken(cedar.ID), nil)
			return b
		},
		"400 $count segment without ConsistencyLevel": func() []byte {
			_, _, b := rawGet(t, g+"/v1.0/users/$count", s.IssueToken(cedar.ID), nil)
			return b
		},
		"429 throttled": func() []byte {
			s.SetKnobs(cedar.ID, Knobs{ThrottleFraction: 0.5})
			defer s.SetKnobs(cedar.ID, Knobs{})
			for i := 0; i < 3; i++ {
				if st, _, b := rawGet(t, g+"/v1.0/organization", s.IssueToken(cedar.ID), nil); st == 429 {
					return b
				}
			}
			t.Fatal("no 429 with ThrottleFraction 0.5")
			return nil
		},
	}
	for name, fetch := range checks {
		ex, ok := errs[name]
		if !ok {
			t.Fatalf("example %q missing", name)
		}
		got := fetch()
		if d := diffShapes(shapeOf(t, ex.Body), shapeOf(t, got)); d != "" {
			t.Errorf("%s: %s (%s)", name, d, got)
		}
		var oe struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		_ = json.Unmarshal(got, &oe)
		var we struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		_ = json.Unmarshal(ex.Body, &we)
		if oe.Error.Code != we.Error.Code {
			t.Errorf("%s: code %q, want %q", name, oe.Error.Code, we.Error.Code)
		}
		node, _ := jsonser.NewJsonParseNode(got)
		if _, err := node.GetObjectValue(odataerrors.CreateODataErrorFromDiscriminatorValue); err != nil {
			t.Errorf("%s: not an ODataError: %v", name, err)
		}
	}
	// openid configuration, token response, id_token claims, token errors
	_, _, oc := rawGet(t, s.AuthorityURL()+"/"+cedar.DefaultDomain+"/v2.0/.well-known/openid-configuration", "", nil)
	if d := diffShapes(shapeOf(t, readExample(t, "openid_configuration_v2.json")), shapeOf(t, oc)); d != "" {
		t.Errorf("openid-configuration: %s", d)
	}
	var cfg map[string]any
	_ = json.Unmarshal(oc, &cfg)
	if cfg["issuer"] != s.AuthorityURL()+"/"+cedar.ID+"/v2.0" {
		t.Errorf("issuer %v", cfg["issuer"])
	}
	verifier := "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
	challenge := "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM" // RFC 7636 appendix B
	authURL := s.AuthorityURL() + "/organizations/oauth2/v2.0/authorize?" + url.Values{"client_id": {DemoClientID},
		"response_type": {"code"}, "redirect_uri": {"http://localhost:53117/"}, "scope": {"openid profile offline_access https://graph.microsoft.com/.default"},
		"state": {"x"}, "code_challenge": {challenge}, "code_challenge_method": {"S256"}}.Encode()
	_, h, _ := rawGet(t, authURL, "", nil)
	loc, _ := url.Parse(h.Get("Location"))
	form := url.Values{"client_id": {DemoClientID}, "grant_type": {"authorization_code"}, "code": {loc.Query().Get("code")},
		"redirect_uri": {"http://localhost:53117/"}, "code_verifier": {verifier}}
	post := func() []byte {
		resp, err := http.PostForm(s.AuthorityURL()+"/organizations/oauth2/v2.0/token", form)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return b
	}
	tr := post()
	if d := diffShapes(shapeOf(t, readExample(t, "token_response_authorization_code.json")), shapeOf(t, tr)); d != "" {
		t.Errorf("token response: %s", d)
	}
	var tok struct {
		IDToken string `json:"id_token"`
	}
	_ = json.Unmarshal(tr, &tok)
	parts := strings.Split(tok.IDToken, ".")
	claims, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	if d := diffShapes(shapeOf(t, readExample(t, "id_token_claims_example.json")), shapeOf(t, claims)); d != "" {
		t.Errorf("id_token claims: %s", d)
	}
	var tokErrs map[string]json.RawMessage
	_ = json.Unmarshal(readExample(t, "token_endpoint_errors.json"), &tokErrs)
	if d := diffShapes(shapeOf(t, tokErrs["AADSTS54005_code_already_redeemed (HTTP 400)"]), shapeOf(t, post())); d != "" {
		t.Errorf("token error: %s", d)
	}
}

func TestGoldenReportCSVHeaders(t *testing.T) {
	s := startSim(t, Options{})
	ten := tenantNamed(t, s, "Harbor")
	tok := s.IssueToken(ten.ID)
	for _, name := range []string{"getOffice365ActiveUserDetail", "getEmailActivityUserDetail", "getMailboxUsageDetail"} {
		want := readExample(t, "report_"+name+"_D30.csv")
		// both quote forms the SDK may send
		for _, form := range []string{"(period='D30')", "(period=%27D30%27)"} {
			st, h, _ := rawGet(t, s.GraphURL()+"/v1.0/reports/microsoft.graph."+name+form, tok, nil)
			if st != http.StatusFound || h.Get("Content-Type") != "text/plain" {
				t.Fatalf("%s%s: %d", name, form, st)
			}
			st, h2, body := rawGet(t, h.Get("Location"), "", nil) // no Authorization
			if st != 200 || h2.Get("Content-Type") != "application/octet-stream" {
				t.Fatalf("download %d", st)
			}
			wantHead, _, _ := bytes.Cut(want, []byte("\n"))
			gotHead, _, _ := bytes.Cut(body, []byte("\n"))
			if !bytes.Equal(bytes.TrimRight(wantHead, "\r"), bytes.TrimRight(gotHead, "\r")) {
				t.Errorf("%s header:\n got %q\nwant %q", name, gotHead, wantHead)
			}
			if !bytes.Contains(body, []byte("\r\n")) {
				t.Errorf("%s: CSV lines not CRLF-terminated", name)
			}
		}
	}
}
