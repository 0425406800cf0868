package graphsim

// Helpers for single-rule security tests: take a generated tenant (before
// NewWithMSP serves it), clear its security configuration, and build
// exactly one rule (a policy, a group, a role, a guest) around one user.

// AllGuestTypes is the guestOrExternalUserTypes flags string naming every
// guest and external user type (GRAPH-FACTS §12).
const AllGuestTypes = "internalGuest,b2bCollaborationGuest,b2bCollaborationMember,b2bDirectConnectUser,otherExternalUser,serviceProvider"

// AppExchangeOnline is Office 365 Exchange Online's appId: a CA policy
// scoped to it alone covers only some sign-ins.
const AppExchangeOnline = "00000002-0000-0ff1-ce00-000000000000"

// GrantsP1 reports whether the tenant's SKUs include Entra ID P1 or P2.
func (t *Tenant) GrantsP1() bool { return skusGrantP1(t.SKUs) }

// ResetSecurity gives the tenant an empty security configuration: security
// defaults off, no policies, groups or Secure Score, no directory roles
// except the signing-in admin's, per-user MFA disabled for everyone.
func (t *Tenant) ResetSecurity() *SecurityState {
	t.Security = &SecurityState{}
	for _, u := range t.Users {
		if u != t.Admin {
			u.Roles = nil
		}
		u.PerUserMFA = perUserMFADisabled
	}
	return t.Security
}

// CaseSubject is the tenant's first enabled member who is not the admin, a
// guest, a resource mailbox or deleted (nil when none).
func (t *Tenant) CaseSubject() *User {
	for _, u := range t.Users {
		if !u.Deleted && u.AccountEnabled && !u.IsGuest() && !u.IsResource() && u != t.Admin {
			return u
		}
	}
	return nil
}

// SetRegistered gives the user an Authenticator push method (registered for
// MFA) or no methods at all.
func (u *User) SetRegistered(on bool) {
	if on {
		u.Methods = MethodAuthenticatorPush
	} else {
		u.Methods = 0
	}
}

// MakeGuest turns the user into a B2B collaboration guest (UPN with #EXT#).
func (u *User) MakeGuest(t *Tenant) {
	u.UserType = UserTypeGuest
	u.UserPrincipalName = "casesubject_fabrikam.com#EXT#@" + t.InitialDomain
	u.Mail = "casesubject@fabrikam.com"
}

// AddMFAPolicy adds an enabled-or-not policy requiring MFA for all cloud
// apps with no user scope yet (the caller sets Include*/Exclude*).
func (st *SecurityState) AddMFAPolicy(id, name, state string) *CAPolicy {
	p := &CAPolicy{ID: id, DisplayName: name, State: state, IncludeApplications: []string{"All"}, Operator: "OR",
		BuiltInControls: []string{"mfa"}, ClientAppTypes: []string{"all"}}
	st.Policies = append(st.Policies, p)
	return p
}

// AddGroup adds a security group with direct user members.
func (st *SecurityState) AddGroup(id, name string, members ...string) *Group {
	g := &Group{ID: id, DisplayName: name, Members: members}
	st.Groups = append(st.Groups, g)
	return g
}
