package graphsim

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	abs "github.com/microsoft/kiota-abstractions-go"
	"github.com/microsoft/kiota-abstractions-go/authentication"
	absser "github.com/microsoft/kiota-abstractions-go/serialization"
	jsonser "github.com/microsoft/kiota-serialization-json-go"
	textser "github.com/microsoft/kiota-serialization-text-go"
	core "github.com/microsoftgraph/msgraph-sdk-go-core"
	"github.com/microsoftgraph/msgraph-sdk-go/directory"
	"github.com/microsoftgraph/msgraph-sdk-go/models"
	"github.com/microsoftgraph/msgraph-sdk-go/models/odataerrors"
	"github.com/microsoftgraph/msgraph-sdk-go/reports"
	"github.com/microsoftgraph/msgraph-sdk-go/subscribedskus"
	"github.com/microsoftgraph/msgraph-sdk-go/users"
)

// staticToken feeds a bearer token to kiota (the app uses an oauth2.TokenSource).
type staticToken struct{ tok string }

func (p staticToken) GetAuthorizationToken(context.Context, *url.URL, map[string]any) (string, error) {
	return p.tok, nil
}

func (p staticToken) GetAllowedHostsValidator() *authentication.AllowedHostsValidator {
	v, _ := authentication.NewAllowedHostsValidatorErrorCheck([]string{"graph.microsoft.com", "127.0.0.1"})
	return v
}

// sdkClient is a real msgraph-sdk-go request adapter (default Graph
// middleware: retry, redirect, parameter-name decoding...) aimed at graphsim.
type sdkClient struct {
	adapter abs.RequestAdapter
	params  map[string]string
}

func newSDK(t testing.TB, s *Sim, token string) *sdkClient {
	t.Helper()
	abs.RegisterDefaultSerializer(func() absser.SerializationWriterFactory { return jsonser.NewJsonSerializationWriterFactory() })
	abs.RegisterDefaultSerializer(func() absser.SerializationWriterFactory { return textser.NewTextSerializationWriterFactory() })
	abs.RegisterDefaultDeserializer(func() absser.ParseNodeFactory { return jsonser.NewJsonParseNodeFactory() })
	abs.RegisterDefaultDeserializer(func() absser.ParseNodeFactory { return textser.NewTextParseNodeFactory() })
	opts := core.GraphClientOptions{GraphServiceLibraryVersion: "1.89.0"}
	httpClient := core.GetDefaultClient(&opts)
	auth := authentication.NewBaseBearerTokenAuthenticationProvider(staticToken{token})
	ad, err := core.NewGraphRequestAdapterBaseWithParseNodeFactoryAndSerializationWriterFactoryAndHttpClient(auth, opts, nil, nil, httpClient)
	if err != nil {
		t.Fatal(err)
	}
	base := s.GraphURL() + "/v1.0"
	ad.SetBaseUrl(base)
	return &sdkClient{adapter: ad, params: map[string]string{"baseurl": base}}
}

func (c *sdkClient) users() *users.UsersRequestBuilder {
	return users.NewUsersRequestBuilderInternal(c.pp(), c.adapter)
}
func (c *sdkClient) reports() *reports.ReportsRequestBuilder {
	return reports.NewReportsRequestBuilderInternal(c.pp(), c.adapter)
}
func (c *sdkClient) directory() *directory.DirectoryRequestBuilder {
	return directory.NewDirectoryRequestBuilderInternal(c.pp(), c.adapter)
}
func (c *sdkClient) skus() *subscribedskus.SubscribedSkusRequestBuilder {
	return subscribedskus.NewSubscribedSkusRequestBuilderInternal(c.pp(), c.adapter)
}
func (c *sdkClient) pp() map[string]string {
	m := map[string]string{}
	for k, v := range c.params {
		m[k] = v
	}
	return m
}

func odataCode(t testing.TB, err error) string {
	t.Helper()
	var oe *odataerrors.ODataError
	if !errors.As(err, &oe) {
		t.Fatalf("want *ODataError, got %T: %v", err, err)
	}
	if oe.GetErrorEscaped() == nil || oe.GetErrorEscaped().GetCode() == nil {
		t.Fatalf("ODataError without code: %v", err)
	}
	return *oe.GetErrorEscaped().GetCode()
}

// allUsers pages through /users with the SDK's PageIterator.
func allUsers(t testing.TB, c *sdkClient, cfg *users.UsersRequestBuilderGetRequestConfiguration) ([]models.Userable, error) {
	t.Helper()
	ctx := context.Background()
	resp, err := c.users().Get(ctx, cfg)
	if err != nil {
		return nil, err
	}
	it, err := core.NewPageIterator[models.Userable](resp, c.adapter, models.CreateUserCollectionResponseFromDiscriminatorValue)
	if err != nil {
		t.Fatal(err)
	}
	if cfg != nil && cfg.Headers != nil {
		it.SetHeaders(cfg.Headers)
	}
	var out []models.Userable
	err = it.Iterate(ctx, func(u models.Userable) bool { out = append(out, u); return true })
	return out, err
}

func tenantNamed(t testing.TB, s *Sim, prefix string) *Tenant {
	t.Helper()
	for _, c := range s.MSP().Customers {
		if strings.HasPrefix(c.DisplayName, prefix) {
			return c
		}
	}
	t.Fatalf("no demo tenant %q", prefix)
	return nil
}

func TestSDKUsersPagingSelectMatchesGroundTruth(t *testing.T) {
	s := startSim(t, Options{})
	ten := tenantNamed(t, s, "Meridian") // 2,000 users
	c := newSDK(t, s, s.IssueToken(ten.ID))
	top := int32(999)
	cfg := &users.UsersRequestBuilderGetRequestConfiguration{QueryParameters: &users.UsersRequestBuilderGetQueryParameters{
		Select: []string{"id", "userPrincipalName", "accountEnabled", "userType", "assignedLicenses", "signInActivity"}, Top: &top}}
	got, err := allUsers(t, c, cfg)
	if err != nil {
		t.Fatal(err)
	}
	pages := 0
	for _, r := range s.Requests() {
		if r.Tenant == ten.ID && strings.HasSuffix(r.Path, "/v1.0/users") && r.Status == http.StatusOK {
			pages++
		}
	}
	gt := s.GroundTruth(ten.ID)
	if len(got) != gt.Users || pages < 3 {
		t.Fatalf("users %d over %d pages, truth %d (want >= 3 pages)", len(got), pages, gt.Users)
	}
	licensed, disabled := 0, 0
	for _, u := range got {
		if len(u.GetAssignedLicenses()) > 0 {
			licensed++
		}
		if u.GetAccountEnabled() == nil {
			t.Fatal("accountEnabled selected but missing")
		}
		if !*u.GetAccountEnabled() {
			disabled++
		}
		if u.GetDisplayName() != nil || u.GetMobilePhone() != nil {
			t.Fatal("default-set property returned although not selected")
		}
	}
	if licensed != gt.LicensedUsers || disabled != gt.Disabled {
		t.Errorf("licensed %d disabled %d, truth %d / %d", licensed, disabled, gt.LicensedUsers, gt.Disabled)
	}
	// with signInActivity, $top=999 is silently capped to 500-user pages
	if pages != 4 { // 2,000 users / 500
		t.Errorf("signInActivity pages = %d, want 4 (capped at 500)", pages)
	}
}

func TestSDKDefaultPropertySetAndDeletedUsers(t *testing.T) {
	s := startSim(t, Options{})
	ten := tenantNamed(t, s, "Summit Ridge")
	c := newSDK(t, s, s.IssueToken(ten.ID))
	top := int32(100)
	got, err := allUsers(t, c, &users.UsersRequestBuilderGetRequestConfiguration{QueryParameters: &users.UsersRequestBuilderGetQueryParameters{Top: &top}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != s.GroundTruth(ten.ID).Users {
		t.Fatalf("users %d", len(got))
	}
	for _, u := range got {
		if u.GetAccountEnabled() != nil || u.GetUserType() != nil || u.GetAssignedLicenses() != nil {
			t.Fatal("non-default property returned without $select")
		}
		if u.GetId() == nil || u.GetUserPrincipalName() == nil {
			t.Fatal("id/userPrincipalName missing from default set")
		}
	}
	del, err := c.directory().DeletedItems().GraphUser().Get(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(del.GetValue()); n != s.GroundTruth(ten.ID).Deleted || n == 0 {
		t.Fatalf("deleted users %d, truth %d", n, s.GroundTruth(ten.ID).Deleted)
	}
	u := del.GetValue()[0]
	if u.GetDeletedDateTime() == nil || u.GetMail() != nil || !strings.HasPrefix(*u.GetUserPrincipalName(), stripHyphens(*u.GetId())) {
		t.Error("deleted user shape: want deletedDateTime, null mail, id-prefixed UPN")
	}
}

func TestSDKErrorsAreODataErrors(t *testing.T) {
	s := startSim(t, Options{})
	noP1 := tenantNamed(t, s, "Cedar") // Office 365 E3, no Entra ID P1
	c := newSDK(t, s, s.IssueToken(noP1.ID))
	ctx := context.Background()
	_, err := c.reports().AuthenticationMethods().UserRegistrationDetails().Get(ctx, nil)
	if code := odataCode(t, err); code != codeNonPremium {
		t.Errorf("registration details without P1: %s", code)
	}
	top := int32(1000)
	_, err = c.users().Get(ctx, &users.UsersRequestBuilderGetRequestConfiguration{QueryParameters: &users.UsersRequestBuilderGetQueryParameters{Top: &top}})
	if code := odataCode(t, err); code != codeUnsupportedQuery {
		t.Errorf("$top=1000: %s", code)
	}
	bad := newSDK(t, s, "not-a-token")
	_, err = bad.skus().Get(ctx, nil)
	if code := odataCode(t, err); code != codeInvalidToken {
		t.Errorf("bad token: %s", code)
	}
	narrow := newSDK(t, s, s.IssueToken(noP1.ID, "User.Read"))
	_, err = narrow.skus().Get(ctx, nil)
	if code := odataCode(t, err); code != codeDenied {
		t.Errorf("missing scope: %s", code)
	}
	// GDAP without Reports Reader: registration details need a reports role
	lake := tenantNamed(t, s, "Lakeside")
	p := newSDK(t, s, s.IssuePartnerToken(lake.ID))
	_, err = p.reports().AuthenticationMethods().UserRegistrationDetails().Get(ctx, nil)
	if code := odataCode(t, err); code != codeUnsupportedRole {
		t.Errorf("GDAP without reports role: %s", code)
	}
}

func TestSDKRetriesThrottledRequests(t *testing.T) {
	s := startSim(t, Options{})
	ten := tenantNamed(t, s, "Harbor")
	s.SetKnobs(ten.ID, Knobs{ThrottleFraction: 0.5, RetryAfter: time.Second})
	c := newSDK(t, s, s.IssueToken(ten.ID))
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		res, err := c.skus().Get(ctx, nil)
		if err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
		if len(res.GetValue()) != len(ten.SKUs) {
			t.Fatalf("skus %d", len(res.GetValue()))
		}
	}
	var throttledAt time.Time
	retried := false
	for _, r := range s.Requests() {
		if r.Tenant != ten.ID {
			continue
		}
		if r.Status == http.StatusTooManyRequests {
			throttledAt = r.Time
		} else if !throttledAt.IsZero() && r.Status == http.StatusOK {
			if gap := r.Time.Sub(throttledAt); gap < 900*time.Millisecond {
				t.Errorf("retry after %s, Retry-After was 1 s", gap)
			}
			retried = true
			throttledAt = time.Time{}
		}
	}
	if !retried {
		t.Fatal("no 429 followed by a successful retry in the request log")
	}
}

func TestSDKBatchPerItemStatus(t *testing.T) {
	s := startSim(t, Options{})
	ten := tenantNamed(t, s, "Summit Ridge")
	c := newSDK(t, s, s.IssueToken(ten.ID))
	ctx := context.Background()
	s.SetKnobs(ten.ID, Knobs{ThrottleFraction: 0.25, RetryAfter: time.Second})
	batch := core.NewBatchRequest(c.adapter)
	var ids []string
	userOf := map[string]*User{}
	for _, u := range ten.Users[:20] {
		if u.Deleted {
			continue
		}
		ri, err := c.users().ByUserId(u.ID).Authentication().Methods().ToGetRequestInformation(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		item, err := batch.AddBatchRequestStep(*ri)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, *item.GetId())
		userOf[*item.GetId()] = u
	}
	resp, err := batch.Send(ctx, c.adapter)
	if err != nil {
		t.Fatal(err)
	}
	status := map[int32]int{}
	for _, id := range ids {
		it := resp.GetResponseById(id)
		if it == nil {
			t.Fatalf("no response for %s", id)
		}
		status[*it.GetStatus()]++
		if *it.GetStatus() == 200 {
			m, err := core.GetBatchResponseById[models.AuthenticationMethodCollectionResponseable](resp, id, models.CreateAuthenticationMethodCollectionResponseFromDiscriminatorValue)
			if err != nil || (!userOf[id].IsGuest() && len(m.GetValue()) == 0) {
				t.Fatalf("item %s: %v", id, err)
			}
		}
	}
	if status[200] == 0 || status[429] == 0 || status[200]+status[429] != len(ids) {
		t.Errorf("per-item statuses %v", status)
	}
}

func TestSDKReportRedirectAndCSV(t *testing.T) {
	s := startSim(t, Options{})
	ctx := context.Background()
	for _, name := range []string{"Harbor", "Meridian"} {
		ten := tenantNamed(t, s, name)
		c := newSDK(t, s, s.IssueToken(ten.ID))
		period := "D30"
		body, err := c.reports().GetOffice365ActiveUserDetailWithPeriod(&period).Get(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(body, []byte("\xef\xbb\xbfReport Refresh Date,User Principal Name")) {
			t.Fatalf("CSV does not start with BOM + header: %q", body[:40])
		}
		lines := strings.Split(strings.TrimRight(string(body), "\r\n"), "\r\n")
		if len(lines)-1 != len(reportUsers(ten, false)) {
			t.Errorf("%s: %d rows", name, len(lines)-1)
		}
		upn := strings.Split(lines[1], ",")[1]
		concealed := len(upn) == 32 && strings.ToUpper(upn) == upn && !strings.Contains(upn, "@")
		if concealed != ten.Concealed {
			t.Errorf("%s: concealed=%v, row UPN %q", name, ten.Concealed, upn)
		}
	}
	var redirected bool
	for _, r := range s.Requests() {
		if strings.Contains(r.Path, "getOffice365ActiveUserDetail") && r.Status == http.StatusFound {
			redirected = true
		}
	}
	if !redirected {
		t.Error("report call was not answered with 302")
	}
}

func TestSDKTruncatedAndMalformedPages(t *testing.T) {
	s := startSim(t, Options{})
	ten := tenantNamed(t, s, "Summit Ridge")
	c := newSDK(t, s, s.IssueToken(ten.ID))
	top := int32(50)
	cfg := &users.UsersRequestBuilderGetRequestConfiguration{QueryParameters: &users.UsersRequestBuilderGetQueryParameters{Top: &top}}
	for _, k := range []Knobs{{TruncatedPage: true}, {MalformedPage: true}} {
		s.SetKnobs(ten.ID, k)
		got, err := allUsers(t, c, cfg)
		if err == nil {
			t.Fatalf("%+v: paging succeeded with %d users", k, len(got))
		}
	}
}
