package graphsim

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
)

func errCode(t *testing.T, b []byte) string {
	t.Helper()
	var e struct {
		Error struct{ Code string } `json:"error"`
	}
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatalf("not JSON: %s", b)
	}
	return e.Error.Code
}

func TestWireQueryRules(t *testing.T) {
	s := startSim(t, Options{})
	ten := tenantNamed(t, s, "Northgate")
	tok := s.IssueToken(ten.ID)
	g := s.GraphURL() + "/v1.0"
	ev := map[string]string{"ConsistencyLevel": "eventual"}
	gt := s.GroundTruth(ten.ID)
	cases := []struct {
		name   string
		url    string
		hdr    map[string]string
		status int
		code   string
	}{
		{"unknown segment", g + "/frobnicate", nil, 400, "BadRequest"},
		{"unknown sub path", g + "/users/" + ten.Admin.ID + "/frobnicate", nil, 400, "BadRequest"},
		{"bad version", s.GraphURL() + "/v2.0/users", nil, 400, "BadRequest"},
		{"$skip", g + "/users?$skip=10", nil, 400, codeBadRequest},
		{"$expand", g + "/users?$expand=manager", nil, 400, codeUnsupportedQuery},
		{"$top=0", g + "/users?$top=0", nil, 400, codeUnsupportedQuery},
		{"$top=1000", g + "/users?%24top=1000", nil, 400, codeUnsupportedQuery},
		{"unknown $select", g + "/users?$select=id,frobnicate", nil, 400, "BadRequest"},
		{"single-entity property on collection", g + "/users?$select=id,aboutMe", nil, 501, "NotImplemented"},
		{"$count without header", g + "/users/$count", nil, 400, codeBadRequest},
		{"ne without advanced headers", g + "/users?$filter=userType%20ne%20'Guest'", nil, 400, codeUnsupportedQuery},
		{"endsWith without $count", g + "/users?$filter=endswith(mail,'.com')", ev, 400, codeUnsupportedQuery},
		{"$search without header", g + "/users?$search=%22displayName:a%22", nil, 400, codeUnsupportedQuery},
		{"signInActivity combined", g + "/users?$filter=accountEnabled%20eq%20true%20and%20signInActivity/lastSignInDateTime%20le%202026-01-01T00:00:00Z", nil, 400, codeUnsupportedQuery},
		{"unknown filter property", g + "/users?$filter=shoeSize%20eq%2042", nil, 400, codeUnsupportedQuery},
		{"bad skiptoken", g + "/users?$skiptoken=garbage", nil, 400, codeBadRequest},
		{"no token", g + "/users", map[string]string{"Authorization": ""}, 401, codeInvalidToken},
		{"deleted user id", g + "/users/00000000-0000-0000-0000-000000000000", nil, 404, codeNotFound},
		{"bad report period", g + "/reports/getOffice365ActiveUserDetail(period='D31')", nil, 400, "BadRequest"},
		{"unknown report", g + "/reports/getFrobnicateDetail(period='D30')", nil, 400, "BadRequest"},
		{"wrong method", g + "/subscribedSkus", map[string]string{"X-Method": "DELETE"}, 405, codeBadRequest},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			method := http.MethodGet
			if tc.hdr["X-Method"] != "" {
				method = tc.hdr["X-Method"]
			}
			req, _ := http.NewRequest(method, tc.url, nil)
			req.Header.Set("Authorization", "Bearer "+tok)
			for k, v := range tc.hdr {
				req.Header.Set(k, v)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var b [4096]byte
			n, _ := resp.Body.Read(b[:])
			if resp.StatusCode != tc.status || errCode(t, b[:n]) != tc.code {
				t.Errorf("got %d %s, want %d %s", resp.StatusCode, b[:n], tc.status, tc.code)
			}
		})
	}
	// $count / ConsistencyLevel positive cases
	st, _, body := rawGet(t, g+"/users/$count", tok, ev)
	if st != 200 || string(body) != strconv.Itoa(gt.Users) {
		t.Errorf("/users/$count = %d %q, want %d", st, body, gt.Users)
	}
	_, _, body = rawGet(t, g+"/users?$count=true&$top=5", tok, nil)
	if strings.Contains(string(body), "@odata.count") {
		t.Error("$count=true without ConsistencyLevel must be ignored")
	}
	count := func(filter string, hdr map[string]string) int {
		st, _, b := rawGet(t, g+"/users?$count=true&$top=999&$filter="+filter, tok, hdr)
		if st != 200 {
			t.Fatalf("%s: %d %s", filter, st, b)
		}
		var v struct {
			Count *int              `json:"@odata.count"`
			Value []json.RawMessage `json:"value"`
		}
		_ = json.Unmarshal(b, &v)
		if hdr != nil && (v.Count == nil || *v.Count != len(v.Value)) {
			t.Fatalf("%s: @odata.count %v for %d items", filter, v.Count, len(v.Value))
		}
		return len(v.Value)
	}
	if got := count("userType%20eq%20'Guest'", nil); got != gt.Guests {
		t.Errorf("guests via filter: %d, truth %d", got, gt.Guests)
	}
	if got := count("accountEnabled%20eq%20false", nil); got != gt.Disabled {
		t.Errorf("disabled via filter: %d, truth %d", got, gt.Disabled)
	}
	if got := count("userType%20ne%20'Guest'", ev); got != gt.Users-gt.Guests {
		t.Errorf("ne with advanced headers: %d", got)
	}
	lic := count("assignedLicenses/any(x:x/skuId%20eq%20"+SkuM365E3+")", nil)
	if lic != gt.ConsumedBySKU[SkuM365E3] || lic == 0 {
		t.Errorf("any(skuId) = %d, consumed %d", lic, gt.ConsumedBySKU[SkuM365E3])
	}
	// deletedItems: both cast forms
	for _, p := range []string{"/directory/deletedItems/microsoft.graph.user", "/directory/deletedItems/graph.user"} {
		st, _, b := rawGet(t, g+p, tok, nil)
		var v struct{ Value []json.RawMessage }
		_ = json.Unmarshal(b, &v)
		if st != 200 || len(v.Value) != gt.Deleted {
			t.Errorf("%s: %d, %d items, truth %d", p, st, len(v.Value), gt.Deleted)
		}
	}
	// nextLink: absolute, to graphsim, every option kept, $ unencoded
	_, _, b := rawGet(t, g+"/users?%24select=id,displayName&%24top=10", tok, nil)
	var page struct {
		Next string `json:"@odata.nextLink"`
	}
	_ = json.Unmarshal(b, &page)
	if !strings.HasPrefix(page.Next, g+"/users?$select=id,displayName&$top=10&$skiptoken=") {
		t.Errorf("nextLink %q", page.Next)
	}
}

func TestWireBatchLimitAndGDAPScope(t *testing.T) {
	s := startSim(t, Options{})
	ten := tenantNamed(t, s, "Harbor")
	tok := s.IssueToken(ten.ID)
	var reqs []string
	for i := 0; i < 21; i++ {
		reqs = append(reqs, `{"id":"`+strconv.Itoa(i)+`","method":"GET","url":"/organization"}`)
	}
	req, _ := http.NewRequest(http.MethodPost, s.GraphURL()+"/v1.0/$batch", strings.NewReader(`{"requests":[`+strings.Join(reqs, ",")+`]}`))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 400 {
		t.Errorf("21 batch requests: %d", resp.StatusCode)
	}
	// GDAP lists are the partner's, and empty elsewhere
	var v struct{ Value []json.RawMessage }
	_, _, b := rawGet(t, s.GraphURL()+"/v1.0/tenantRelationships/delegatedAdminRelationships", s.IssueToken(s.MSP().Partner.ID), nil)
	_ = json.Unmarshal(b, &v)
	if len(v.Value) != len(s.MSP().Relationships) {
		t.Errorf("relationships %d, want %d", len(v.Value), len(s.MSP().Relationships))
	}
	_, _, b = rawGet(t, s.GraphURL()+"/v1.0/tenantRelationships/delegatedAdminRelationships", tok, nil)
	v.Value = nil
	_ = json.Unmarshal(b, &v)
	if len(v.Value) != 0 {
		t.Error("customer tenant lists GDAP relationships")
	}
	// reportSettings PATCH flips concealment (204) and GroundTruth follows
	mer := tenantNamed(t, s, "Meridian")
	if !s.GroundTruth(mer.ID).Concealed || s.GroundTruth(mer.ID).Inactive < 0 {
		t.Fatal("Meridian should be concealed with P1 sign-in data")
	}
	preq, _ := http.NewRequest(http.MethodPatch, s.GraphURL()+"/v1.0/admin/reportSettings", strings.NewReader(`{"displayConcealedNames": false}`))
	preq.Header.Set("Authorization", "Bearer "+s.IssueToken(mer.ID, "ReportSettings.ReadWrite.All"))
	presp, err := http.DefaultClient.Do(preq)
	if err != nil {
		t.Fatal(err)
	}
	presp.Body.Close()
	if presp.StatusCode != http.StatusNoContent || s.GroundTruth(mer.ID).Concealed {
		t.Errorf("PATCH reportSettings: %d, concealed %v", presp.StatusCode, s.GroundTruth(mer.ID).Concealed)
	}
}

func TestCatalogEndpointAndDataMatchMicrosoftCSV(t *testing.T) {
	b, err := os.ReadFile("../../../shared/data/licensing.csv")
	if err != nil {
		t.Skipf("licensing.csv not available: %v", err)
	}
	rows, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, r := range rows[1:] {
		have[strings.Join(r, "|")] = true
	}
	s := startSim(t, Options{})
	st, h, body := rawGet(t, s.CatalogURL(), "", nil)
	if st != 200 || !strings.HasPrefix(string(body), "\ufeff"+strings.Join(CatalogColumns, ",")+"\r\n") {
		t.Fatalf("catalog: %d %q", st, body[:60])
	}
	served, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(body), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range served[1:] {
		if !have[strings.Join(r, "|")] {
			t.Errorf("demo catalog row not in Microsoft's CSV: %v", r)
		}
	}
	st, _, _ = rawGet(t, s.CatalogURL(), "", map[string]string{"If-None-Match": h.Get("ETag")})
	if st != http.StatusNotModified {
		t.Errorf("If-None-Match: %d", st)
	}
	s2 := startSim(t, Options{CatalogFile: "../../../shared/data/licensing.csv"})
	_, _, body = rawGet(t, s2.CatalogURL(), "", nil)
	if string(body) != string(b) {
		t.Error("CatalogFile not served verbatim")
	}
}
