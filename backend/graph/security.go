package graph

import (
	"context"
	"strings"

	"github.com/microsoftgraph/msgraph-sdk-go/groups"
	"github.com/microsoftgraph/msgraph-sdk-go/identity"
	"github.com/microsoftgraph/msgraph-sdk-go/models"
	"github.com/microsoftgraph/msgraph-sdk-go/policies"
	"github.com/microsoftgraph/msgraph-sdk-go/rolemanagement"

	"tenantlens/backend/types"
)

// Security configuration (GRAPH-FACTS §11-§13): security defaults,
// Conditional Access policies, the members of the groups they reference and
// the directory role assignments. Every failure is a classified *Error; the
// sync turns each into a note on the tenant.

// Endpoint names (error text, notes).
const (
	EndpointSecurityDefaults = "GET /policies/identitySecurityDefaultsEnforcementPolicy"
	EndpointCAPolicies       = "GET /identity/conditionalAccess/policies"
	EndpointGroupMembers     = "GET /groups/{id}/transitiveMembers/microsoft.graph.user"
	EndpointRoleAssignments  = "GET /roleManagement/directory/roleAssignments"
)

// SecurityDefaults reads identitySecurityDefaultsEnforcementPolicy.isEnabled.
func (c *Client) SecurityDefaults(ctx context.Context) (bool, error) {
	p, err := policies.NewPoliciesRequestBuilderInternal(c.pathParams(), c.adapter).IdentitySecurityDefaultsEnforcementPolicy().Get(ctx, nil)
	if err != nil {
		return false, classify(EndpointSecurityDefaults, 0, err)
	}
	if p == nil || p.GetIsEnabled() == nil {
		return false, errorf(ClassMalformed, EndpointSecurityDefaults, `the policy has no "isEnabled"`)
	}
	return *p.GetIsEnabled(), nil
}

// ConditionalAccessPolicies reads every CA policy (following nextLink). A
// tenant without Entra ID P1 may answer 403
// Authentication_RequestFromNonPremiumTenantOrB2CTenant (IsNoP1).
func (c *Client) ConditionalAccessPolicies(ctx context.Context) ([]types.CAPolicy, error) {
	b := identity.NewIdentityRequestBuilderInternal(c.pathParams(), c.adapter).ConditionalAccess().Policies()
	out := []types.CAPolicy{}
	err := collect(ctx, EndpointCAPolicies,
		func(ctx context.Context) (models.ConditionalAccessPolicyCollectionResponseable, error) {
			return b.Get(ctx, nil)
		},
		func(ctx context.Context, link string) (models.ConditionalAccessPolicyCollectionResponseable, error) {
			return b.WithUrl(link).Get(ctx, nil)
		},
		func(p models.ConditionalAccessPolicyable) error {
			out = append(out, caPolicy(p))
			return nil
		})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func strs(v []string) []string {
	if len(v) == 0 {
		return nil
	}
	return append([]string(nil), v...)
}

// caPolicy maps the SDK's policy onto types.CAPolicy.
func caPolicy(p models.ConditionalAccessPolicyable) types.CAPolicy {
	out := types.CAPolicy{ID: str(p.GetId()), DisplayName: str(p.GetDisplayName())}
	if s := p.GetState(); s != nil {
		out.State = s.String()
	}
	if cd := p.GetConditions(); cd != nil {
		if u := cd.GetUsers(); u != nil {
			out.IncludeUsers, out.ExcludeUsers = strs(u.GetIncludeUsers()), strs(u.GetExcludeUsers())
			out.IncludeGroups, out.ExcludeGroups = strs(u.GetIncludeGroups()), strs(u.GetExcludeGroups())
			out.IncludeRoles, out.ExcludeRoles = strs(u.GetIncludeRoles()), strs(u.GetExcludeRoles())
			out.IncludeGuestsOrExternalUsers, out.IncludeExternalTenants = guests(u.GetIncludeGuestsOrExternalUsers())
			out.ExcludeGuestsOrExternalUsers, out.ExcludeExternalTenants = guests(u.GetExcludeGuestsOrExternalUsers())
		}
		if a := cd.GetApplications(); a != nil {
			out.IncludeApplications, out.ExcludeApplications = strs(a.GetIncludeApplications()), strs(a.GetExcludeApplications())
			out.IncludeUserActions = strs(a.GetIncludeUserActions())
			out.IncludeAuthenticationContexts = strs(a.GetIncludeAuthenticationContextClassReferences())
		}
		for _, t := range cd.GetClientAppTypes() {
			out.ClientAppTypes = append(out.ClientAppTypes, t.String())
		}
		out.HasOtherConditions = cd.GetLocations() != nil || cd.GetPlatforms() != nil || cd.GetDevices() != nil ||
			len(cd.GetSignInRiskLevels()) > 0 || len(cd.GetUserRiskLevels()) > 0 || len(cd.GetServicePrincipalRiskLevels()) > 0
	}
	if g := p.GetGrantControls(); g != nil {
		out.GrantOperator = str(g.GetOperator())
		for _, b := range g.GetBuiltInControls() {
			out.BuiltInControls = append(out.BuiltInControls, b.String())
		}
		if st := g.GetAuthenticationStrength(); st != nil {
			if r := st.GetRequirementsSatisfied(); r != nil {
				out.AuthStrengthRequirements = r.String()
			}
			out.AuthStrengthName = str(st.GetDisplayName())
		}
	}
	return out
}

// guests reads a conditionalAccessGuestsOrExternalUsers: the flags string
// and the enumerated tenants (nil = all tenants).
func guests(g models.ConditionalAccessGuestsOrExternalUsersable) (string, []string) {
	if g == nil || g.GetGuestOrExternalUserTypes() == nil {
		return "", nil
	}
	var tenants []string
	if e, ok := g.GetExternalTenants().(models.ConditionalAccessEnumeratedExternalTenantsable); ok && e != nil {
		tenants = append([]string{}, e.GetMembers()...)
	}
	return g.GetGuestOrExternalUserTypes().String(), tenants
}

// GroupUserMembers returns the ids of the users under a group, nested
// groups included (transitiveMembers cast to users).
func (c *Client) GroupUserMembers(ctx context.Context, groupID string) ([]string, error) {
	b := groups.NewGroupsRequestBuilderInternal(c.pathParams(), c.adapter).ByGroupId(groupID).TransitiveMembers().GraphUser()
	top := int32(999)
	cfg := &groups.ItemTransitiveMembersGraphUserRequestBuilderGetRequestConfiguration{
		QueryParameters: &groups.ItemTransitiveMembersGraphUserRequestBuilderGetQueryParameters{Select: []string{"id"}, Top: &top}}
	var out []string
	err := collect(ctx, EndpointGroupMembers,
		func(ctx context.Context) (models.UserCollectionResponseable, error) { return b.Get(ctx, cfg) },
		func(ctx context.Context, link string) (models.UserCollectionResponseable, error) {
			return b.WithUrl(link).Get(ctx, nil)
		},
		func(u models.Userable) error {
			if id := str(u.GetId()); id != "" {
				out = append(out, id)
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// RoleAssignment is one active directory role assignment.
type RoleAssignment struct {
	RoleTemplateID   string // roleDefinitionId (= template id for built-in roles)
	PrincipalID      string
	PrincipalType    string // user | group | servicePrincipal | "" (unknown)
	DirectoryScopeID string // "/" tenant-wide, "/administrativeUnits/<id>" scoped
}

// RoleAssignments reads every active role assignment with its principal.
func (c *Client) RoleAssignments(ctx context.Context) ([]RoleAssignment, error) {
	b := rolemanagement.NewRoleManagementRequestBuilderInternal(c.pathParams(), c.adapter).Directory().RoleAssignments()
	cfg := &rolemanagement.DirectoryRoleAssignmentsRequestBuilderGetRequestConfiguration{
		QueryParameters: &rolemanagement.DirectoryRoleAssignmentsRequestBuilderGetQueryParameters{Expand: []string{"principal"}}}
	var out []RoleAssignment
	err := collect(ctx, EndpointRoleAssignments,
		func(ctx context.Context) (models.UnifiedRoleAssignmentCollectionResponseable, error) {
			return b.Get(ctx, cfg)
		},
		func(ctx context.Context, link string) (models.UnifiedRoleAssignmentCollectionResponseable, error) {
			return b.WithUrl(link).Get(ctx, nil)
		},
		func(a models.UnifiedRoleAssignmentable) error {
			r := RoleAssignment{RoleTemplateID: str(a.GetRoleDefinitionId()), PrincipalID: str(a.GetPrincipalId()),
				DirectoryScopeID: str(a.GetDirectoryScopeId())}
			if p := a.GetPrincipal(); p != nil {
				if t := p.GetOdataType(); t != nil {
					r.PrincipalType = strings.TrimPrefix(*t, "#microsoft.graph.")
				}
				if r.PrincipalID == "" {
					r.PrincipalID = str(p.GetId())
				}
			}
			out = append(out, r)
			return nil
		})
	if err != nil {
		return nil, err
	}
	return out, nil
}
