package graphsim

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"

	core "github.com/microsoftgraph/msgraph-sdk-go-core"
	"github.com/microsoftgraph/msgraph-sdk-go/identity"
	"github.com/microsoftgraph/msgraph-sdk-go/models"
	"github.com/microsoftgraph/msgraph-sdk-go/policies"
	"github.com/microsoftgraph/msgraph-sdk-go/security"
	"github.com/microsoftgraph/msgraph-sdk-go/users"

	"tenantlens/backend/derive"
	"tenantlens/backend/types"
)

var securityScopes = append(append([]string{}, ReadScopes...), "SecurityEvents.Read.All")

func (c *sdkClient) identity() *identity.IdentityRequestBuilder {
	return identity.NewIdentityRequestBuilderInternal(c.pp(), c.adapter)
}
func (c *sdkClient) policies() *policies.PoliciesRequestBuilder {
	return policies.NewPoliciesRequestBuilderInternal(c.pp(), c.adapter)
}
func (c *sdkClient) security() *security.SecurityRequestBuilder {
	return security.NewSecurityRequestBuilderInternal(c.pp(), c.adapter)
}

func strs(v []string) []string { return append([]string(nil), v...) }

// caFromSDK maps the SDK's policy model onto derive's input.
func caFromSDK(p models.ConditionalAccessPolicyable) derive.CAPolicy {
	out := derive.CAPolicy{ID: deref(p.GetId()), DisplayName: deref(p.GetDisplayName())}
	if s := p.GetState(); s != nil {
		out.State = s.String()
	}
	if c := p.GetConditions(); c != nil {
		if u := c.GetUsers(); u != nil {
			out.IncludeUsers, out.ExcludeUsers = strs(u.GetIncludeUsers()), strs(u.GetExcludeUsers())
			out.IncludeGroups, out.ExcludeGroups = strs(u.GetIncludeGroups()), strs(u.GetExcludeGroups())
			out.IncludeRoles, out.ExcludeRoles = strs(u.GetIncludeRoles()), strs(u.GetExcludeRoles())
			if g := u.GetIncludeGuestsOrExternalUsers(); g != nil && g.GetGuestOrExternalUserTypes() != nil {
				out.IncludeGuestsOrExternalUsers = g.GetGuestOrExternalUserTypes().String()
			}
			if g := u.GetExcludeGuestsOrExternalUsers(); g != nil && g.GetGuestOrExternalUserTypes() != nil {
				out.ExcludeGuestsOrExternalUsers = g.GetGuestOrExternalUserTypes().String()
			}
		}
		if a := c.GetApplications(); a != nil {
			out.IncludeApplications, out.ExcludeApplications = strs(a.GetIncludeApplications()), strs(a.GetExcludeApplications())
			out.IncludeUserActions = strs(a.GetIncludeUserActions())
		}
		for _, t := range c.GetClientAppTypes() {
			out.ClientAppTypes = append(out.ClientAppTypes, t.String())
		}
		out.HasOtherConditions = c.GetLocations() != nil || c.GetPlatforms() != nil || c.GetDevices() != nil ||
			len(c.GetSignInRiskLevels()) > 0 || len(c.GetUserRiskLevels()) > 0
	}
	if g := p.GetGrantControls(); g != nil {
		out.GrantOperator = deref(g.GetOperator())
		for _, b := range g.GetBuiltInControls() {
			out.BuiltInControls = append(out.BuiltInControls, b.String())
		}
		if st := g.GetAuthenticationStrength(); st != nil && st.GetRequirementsSatisfied() != nil {
			out.AuthStrengthRequirements = st.GetRequirementsSatisfied().String()
			out.AuthStrengthName = deref(st.GetDisplayName())
		}
	}
	return out
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// rawJSON does one Graph call without the SDK (beta, $batch).
func rawJSON(t *testing.T, method, u, token string, body any, out any) int {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, u, rd)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %v: %s", method, u, err, b)
		}
	}
	return resp.StatusCode
}

// perUserStates reads every user's beta perUserMfaState through /beta/$batch.
func perUserStates(t *testing.T, s *Sim, token string, ids []string) map[string]string {
	out := map[string]string{}
	for i := 0; i < len(ids); i += 20 {
		chunk := ids[i:min(i+20, len(ids))]
		var reqs []map[string]string
		for k, id := range chunk {
			reqs = append(reqs, map[string]string{"id": itoa(k), "method": "GET", "url": "/users/" + id + "/authentication/requirements"})
		}
		var resp struct {
			Responses []struct {
				ID     string `json:"id"`
				Status int    `json:"status"`
				Body   struct {
					State string `json:"perUserMfaState"`
				} `json:"body"`
			} `json:"responses"`
		}
		if st := rawJSON(t, http.MethodPost, s.GraphURL()+"/beta/$batch", token, map[string]any{"requests": reqs}, &resp); st != 200 {
			t.Fatalf("batch status %d", st)
		}
		for _, r := range resp.Responses {
			if r.Status != 200 {
				t.Fatalf("batch item %s: %d", r.ID, r.Status)
			}
			var k int
			for k = range chunk {
				if itoa(k) == r.ID {
					break
				}
			}
			out[chunk[k]] = r.Body.State
		}
	}
	return out
}

// registeredServed reads MFA registration the way sync does: registration
// details with P1, authentication methods without.
func registeredServed(t *testing.T, s *Sim, token string, p1 bool, ids []string) map[string]bool {
	out := map[string]bool{}
	if p1 {
		var page struct {
			Next  string `json:"@odata.nextLink"`
			Value []struct {
				ID  string `json:"id"`
				Reg bool   `json:"isMfaRegistered"`
			} `json:"value"`
		}
		for u := s.GraphURL() + "/v1.0/reports/authenticationMethods/userRegistrationDetails"; u != ""; u = page.Next {
			page.Next = ""
			if st := rawJSON(t, http.MethodGet, u, token, nil, &page); st != 200 {
				t.Fatalf("registration details %d", st)
			}
			for _, v := range page.Value {
				out[v.ID] = derive.MFAFromRegistrationDetails(v.Reg, nil, "", false).Status == types.MFAEnabled
			}
		}
		return out
	}
	for _, id := range ids {
		var m struct {
			Value []struct {
				Type string `json:"@odata.type"`
			} `json:"value"`
		}
		if st := rawJSON(t, http.MethodGet, s.GraphURL()+"/v1.0/users/"+id+"/authentication/methods", token, nil, &m); st != 200 {
			t.Fatalf("methods %d", st)
		}
		var typesList []string
		for _, v := range m.Value {
			typesList = append(typesList, v.Type)
		}
		out[id] = derive.MFAFromMethods(typesList).Status == types.MFAEnabled
	}
	return out
}

// TestSecurityDemoTruthEqualsDeriveOverServedData: for every demo tenant and
// user, the generator's intended enforcement, policy names, partial flag and
// combined state equal what derive computes from what graphsim serves (SDK
// for v1.0, raw $batch for the beta per-user state).
func TestSecurityDemoTruthEqualsDeriveOverServedData(t *testing.T) {
	s := startSim(t, Options{})
	ctx := context.Background()
	seen := map[string]int{}
	for _, ten := range append([]*Tenant{s.MSP().Partner}, s.MSP().Customers...) {
		truth := s.SecurityTruth(ten.ID)
		if truth == nil {
			t.Fatalf("%s: no security truth", ten.DisplayName)
		}
		tok := s.IssueToken(ten.ID, securityScopes...)
		c := newSDK(t, s, tok)
		var sec derive.TenantSecurity
		sd, err := c.policies().IdentitySecurityDefaultsEnforcementPolicy().Get(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		sec.SecurityDefaults = sd.GetIsEnabled()
		cas, err := c.identity().ConditionalAccess().Policies().Get(ctx, nil)
		switch {
		case err == nil:
			if !truth.CAReadable {
				t.Fatalf("%s: CA answered without P1", ten.DisplayName)
			}
			for _, p := range cas.GetValue() {
				sec.Policies = append(sec.Policies, caFromSDK(p))
			}
		case odataCode(t, err) == codeNonPremium && !truth.CAReadable:
			sec.CA = derive.CANotLicensed
		default:
			t.Fatalf("%s: CA: %v", ten.DisplayName, err)
		}
		sel := &users.UsersRequestBuilderGetRequestConfiguration{QueryParameters: &users.UsersRequestBuilderGetQueryParameters{
			Select: []string{"id", "userPrincipalName", "userType", "accountEnabled"}}}
		list, err := allUsers(t, c, sel)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != len(truth.Users) {
			t.Fatalf("%s: %d users served, %d in truth", ten.DisplayName, len(list), len(truth.Users))
		}
		var uids []string
		for _, u := range list {
			uids = append(uids, *u.GetId())
		}
		perUser := perUserStates(t, s, tok, uids)
		reg := registeredServed(t, s, tok, truth.CAReadable, uids)
		for _, u := range list {
			id := *u.GetId()
			subj := derive.EnforcementSubject{UserID: id, GuestKind: derive.GuestKindOf(deref(u.GetUserType()), deref(u.GetUserPrincipalName())),
				PerUserMFA: perUser[id]}
			resp, err := c.users().ByUserId(id).TransitiveMemberOf().Get(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			it, err := core.NewPageIterator[models.DirectoryObjectable](resp, c.adapter, models.CreateDirectoryObjectCollectionResponseFromDiscriminatorValue)
			if err != nil {
				t.Fatal(err)
			}
			err = it.Iterate(ctx, func(o models.DirectoryObjectable) bool {
				switch v := o.(type) {
				case models.DirectoryRoleable:
					subj.Roles = append(subj.Roles, deref(v.GetRoleTemplateId()))
				case models.Groupable:
					subj.Groups = append(subj.Groups, deref(v.GetId()))
				}
				return true
			})
			if err != nil {
				t.Fatal(err)
			}
			e := derive.MFAEnforcementFor(sec, subj)
			status := types.MFADisabled
			if reg[id] {
				status = types.MFAEnabled
			}
			comb := derive.CombineMFA(status, e.Source, *u.GetAccountEnabled())
			want := truth.Users[id]
			got := UserSecurityTruth{Enforcement: string(e.Source), Policies: e.Policies, ReportOnly: e.ReportOnly, Partial: e.Partial,
				Combined: string(comb), Registered: reg[id], Privileged: want.Privileged}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s %s (%s):\n got  %+v\n want %+v", ten.DisplayName, deref(u.GetUserPrincipalName()), truth.Scenario, got, want)
			}
			seen[want.Enforcement+"/"+want.Combined]++
			if want.Partial {
				seen["partial"]++
			}
			if len(want.ReportOnly) > 0 {
				seen["reportOnly"]++
			}
		}
	}
	// the demo covers every enforcement source and combined state
	for _, k := range []string{"securityDefaults/protected", "securityDefaults/requiredNotRegistered", "conditionalAccess/protected",
		"conditionalAccess/requiredNotRegistered", "perUser/protected", "perUser/requiredNotRegistered", "none/registeredNotRequired",
		"none/atRisk", "partial", "reportOnly"} {
		if seen[k] == 0 {
			t.Errorf("demo has no user in %s (%v)", k, seen)
		}
	}
	t.Logf("coverage: %v", seen)
	na := 0
	for k, v := range seen {
		if strings.HasSuffix(k, "/notApplicable") {
			na += v
		}
	}
	if na == 0 {
		t.Error("demo has no not-applicable user")
	}
}
