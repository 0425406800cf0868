package graphsim

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/microsoftgraph/msgraph-sdk-go/security"
)

func TestSecurityRoleAssignmentIDReproducesDocSample(t *testing.T) {
	got := roleAssignmentID(RoleGlobalAdministrator, "87d349ed-44d7-43e1-9a83-5f2406dee5bd")
	if got != "lAPpYvVpN0KRkAEhdxReEO1J04fXROFDmoNfJAbe5b0-1" {
		t.Fatalf("id %s", got)
	}
}

func TestSecurityCAWithoutP1AndDenials(t *testing.T) {
	s := startSim(t, Options{})
	ctx := context.Background()
	var noP1, withCA *Tenant
	for _, ten := range s.MSP().Customers {
		tr := s.SecurityTruth(ten.ID)
		if !tr.CAReadable && noP1 == nil {
			noP1 = ten
		}
		if tr.Scenario == scenCAFull {
			withCA = ten
		}
	}
	c := newSDK(t, s, s.IssueToken(noP1.ID, securityScopes...))
	_, err := c.identity().ConditionalAccess().Policies().Get(ctx, nil)
	if err == nil || odataCode(t, err) != codeNonPremium {
		t.Fatalf("no-P1 CA: %v", err)
	}
	s.SetSecurityKnobs(noP1.ID, SecurityKnobs{CANoP1Empty: true})
	got, err := c.identity().ConditionalAccess().Policies().Get(ctx, nil)
	if err != nil || len(got.GetValue()) != 0 {
		t.Fatalf("CANoP1Empty: %v", err)
	}
	// missing scope and deny knobs: 403 Authorization_RequestDenied
	narrow := newSDK(t, s, s.IssueToken(withCA.ID, "User.Read.All"))
	if _, err := narrow.identity().ConditionalAccess().Policies().Get(ctx, nil); err == nil || odataCode(t, err) != codeDenied {
		t.Fatalf("no Policy.Read.All: %v", err)
	}
	if _, err := narrow.security().SecureScores().Get(ctx, nil); err == nil || odataCode(t, err) != codeDenied {
		t.Fatalf("no SecurityEvents.Read.All: %v", err)
	}
	tok := s.IssueToken(withCA.ID, securityScopes...)
	full := newSDK(t, s, tok)
	s.SetSecurityKnobs(withCA.ID, SecurityKnobs{DenySecurityDefaults: true, DenyConditionalAccess: true, DenySecureScore: true, DenyPerUserMFA: true})
	if _, err := full.policies().IdentitySecurityDefaultsEnforcementPolicy().Get(ctx, nil); err == nil || odataCode(t, err) != codeDenied {
		t.Fatalf("deny SD: %v", err)
	}
	if st := rawJSON(t, http.MethodGet, s.GraphURL()+"/beta/users/"+withCA.Admin.ID+"/authentication/requirements", tok, nil, nil); st != 403 {
		t.Fatalf("deny per-user: %d", st)
	}
	s.SetSecurityKnobs(withCA.ID, SecurityKnobs{})
	pols, err := full.identity().ConditionalAccess().Policies().Get(ctx, nil)
	if err != nil || len(pols.GetValue()) != 5 {
		t.Fatalf("CA policies: %v", err)
	}
	states := map[string]int{}
	for _, p := range pols.GetValue() {
		states[p.GetState().String()]++
	}
	if states["enabled"] != 3 || states["disabled"] != 1 || states["enabledForReportingButNotEnforced"] != 1 {
		t.Fatalf("states %v", states)
	}
}

func TestSecuritySecureScoreHistoryAndProfiles(t *testing.T) {
	s := startSim(t, Options{})
	ctx := context.Background()
	ten := s.MSP().Customers[0]
	tr := s.SecurityTruth(ten.ID)
	c := newSDK(t, s, s.IssueToken(ten.ID, securityScopes...))
	one := int32(1)
	latest, err := c.security().SecureScores().Get(ctx, &security.SecureScoresRequestBuilderGetRequestConfiguration{
		QueryParameters: &security.SecureScoresRequestBuilderGetQueryParameters{Top: &one}})
	if err != nil || len(latest.GetValue()) != 1 {
		t.Fatalf("$top=1: %v", err)
	}
	l := latest.GetValue()[0]
	if *l.GetCurrentScore() != tr.ScoreCurrent || *l.GetMaxScore() != tr.ScoreMax || *l.GetId() != ten.ID+"_"+fixedNow.Format("2006-01-02") {
		t.Fatalf("latest %v/%v id %s, truth %v/%v", *l.GetCurrentScore(), *l.GetMaxScore(), *l.GetId(), tr.ScoreCurrent, tr.ScoreMax)
	}
	all, err := c.security().SecureScores().Get(ctx, nil)
	if err != nil || len(all.GetValue()) != 90 {
		t.Fatalf("history: %v", err)
	}
	v := all.GetValue()
	if !v[0].GetCreatedDateTime().After(*v[1].GetCreatedDateTime()) || *v[89].GetCurrentScore() != tr.ScoreFirst || tr.ScoreFirst == tr.ScoreCurrent {
		t.Fatalf("not newest first or no trend: first %v last %v", *v[89].GetCurrentScore(), tr.ScoreCurrent)
	}
	profiles, err := c.security().SecureScoreControlProfiles().Get(ctx, nil)
	if err != nil || len(profiles.GetValue()) != len(demoControls) {
		t.Fatalf("profiles: %v", err)
	}
	names := map[string]bool{}
	for _, p := range profiles.GetValue() {
		names[*p.GetId()] = true
	}
	for _, cs := range l.GetControlScores() {
		if !names[*cs.GetControlName()] {
			t.Errorf("controlName %s has no profile", *cs.GetControlName())
		}
	}
	s.SetSecurityKnobs(ten.ID, SecurityKnobs{SecureScorePartial: true})
	if st := rawJSON(t, http.MethodGet, s.GraphURL()+"/v1.0/security/secureScores?$top=1", s.IssueToken(ten.ID, securityScopes...), nil, nil); st != http.StatusPartialContent {
		t.Fatalf("partial: %d", st)
	}
}

func TestSecurityGroupMembersAndRoles(t *testing.T) {
	s := startSim(t, Options{})
	ten := s.MSP().Customers[0] // Harbor: CA Exclusions has a nested group
	tok := s.IssueToken(ten.ID, securityScopes...)
	var excl *Group
	for _, g := range ten.Security.Groups {
		if g.DisplayName == "CA Exclusions" {
			excl = g
		}
	}
	var page struct {
		Value []map[string]any `json:"value"`
	}
	if st := rawJSON(t, http.MethodGet, s.GraphURL()+"/v1.0/groups/"+excl.ID+"/transitiveMembers", tok, nil, &page); st != 200 || len(page.Value) != 4 {
		t.Fatalf("transitiveMembers %d: %d objects (want 3 users + 1 group)", st, len(page.Value))
	}
	if st := rawJSON(t, http.MethodGet, s.GraphURL()+"/v1.0/groups/"+excl.ID+"/transitiveMembers/microsoft.graph.user", tok, nil, &page); st != 200 || len(page.Value) != 3 {
		t.Fatalf("cast: %d %d", st, len(page.Value))
	}
	if st := rawJSON(t, http.MethodGet, s.GraphURL()+"/v1.0/groups/"+excl.ID+"/transitiveMembers/microsoft.graph.device", tok, nil, nil); st != 400 {
		t.Fatalf("bad cast: %d", st)
	}
	if st := rawJSON(t, http.MethodGet, s.GraphURL()+"/v1.0/roleManagement/directory/roleAssignments?$filter="+url.QueryEscape("roleDefinitionId eq '"+RoleGlobalAdministrator+"'")+"&$expand=principal", tok, nil, &page); st != 200 || len(page.Value) < 2 {
		t.Fatalf("roleAssignments %d: %d", st, len(page.Value))
	}
	if st := rawJSON(t, http.MethodGet, s.GraphURL()+"/v1.0/directoryRoles?$expand=members", tok, nil, &page); st != 200 || len(page.Value) == 0 {
		t.Fatalf("directoryRoles %d", st)
	}
}
