package graph

import (
	"context"
	"testing"

	"golang.org/x/oauth2"

	"tenantlens/backend/graphsim"
)

// A partner whose GDAP relationship grants Directory Readers and User
// Administrator but no role that may read sign-in logs still lists every
// user: Graph refuses only signInActivity (403 Authorization_RequestDenied),
// so the fetcher lists again without it and says which role is missing.
func TestUsersWithoutSignInRoleFallsBack(t *testing.T) {
	s := startSim(t)
	signInRoles := map[string]bool{graphsim.RoleGlobalAdministrator: true, graphsim.RoleGlobalReader: true,
		graphsim.RoleReportsReader: true, graphsim.RoleSecurityReader: true, graphsim.RoleSecurityAdministrator: true}
	var target string
	for _, r := range s.MSP().Relationships {
		if r.Status != graphsim.RelationshipActive || !s.GroundTruth(r.CustomerID).HasP1 {
			continue
		}
		ok := len(r.Roles) > 0
		for _, role := range r.Roles {
			if signInRoles[role] {
				ok = false
			}
		}
		if ok {
			target = r.CustomerID
			break
		}
	}
	if target == "" {
		t.Fatal("the demo MSP has no P1 customer whose GDAP roles lack sign-in access")
	}
	g := s.GroundTruth(target)
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: s.IssuePartnerToken(target), TokenType: "Bearer"})
	c, err := New(Options{GraphBase: s.GraphURL(), TokenSource: ts, TenantID: target, Pacer: NewPacer(PacerOptions{})})
	if err != nil {
		t.Fatal(err)
	}
	ur, err := c.Users(context.Background(), true)
	if err != nil {
		t.Fatalf("%s: %v", g.DisplayName, err)
	}
	if ur.SignInAvailable || ur.SignInNote != SignInNeedsRole {
		t.Errorf("available %v, note %q", ur.SignInAvailable, ur.SignInNote)
	}
	if len(ur.Users) != g.Users {
		t.Errorf("users %d, truth %d", len(ur.Users), g.Users)
	}
}
