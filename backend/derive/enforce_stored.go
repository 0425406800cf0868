package derive

import "tenantlens/backend/types"

// TenantSecurityOf is the rules' view of a synced tenant's configuration
// (the one conversion sync and review both use). CA counts as unknown when
// a policy requiring MFA scopes by group or role and those could not be
// read: its users cannot be told apart, so "none" would be a guess.
func TenantSecurityOf(sec *types.Security) TenantSecurity {
	ts := TenantSecurity{SecurityDefaults: sec.SecurityDefaults}
	switch sec.CA {
	case types.CAKnown:
		ts.CA = CAKnown
	case types.CANotLicensed:
		ts.CA = CANotLicensed
	default:
		ts.CA = CAUnknown
	}
	for _, p := range sec.Policies {
		dp := CAPolicy(p)
		if PolicyRequiresMFA(dp) && ((len(p.IncludeGroups)+len(p.ExcludeGroups) > 0 && !sec.MembershipRead) ||
			(len(p.IncludeRoles)+len(p.ExcludeRoles) > 0 && !sec.RolesRead)) {
			ts.CA = CAUnknown
		}
		ts.Policies = append(ts.Policies, dp)
	}
	return ts
}
