// Package derive holds TenantLens' business rules as pure functions over
// backend/types: MFA status as DESIGN.md's table defines it, the inactivity
// rule, and per-run tenant metrics. No I/O; the UI, CLI and workbook all get
// their numbers from here (through sync and store) so they cannot disagree.
package derive

import (
	"sort"
	"strings"

	"tenantlens/backend/types"
)

// MFA is a derived MFA verdict for one directory object.
type MFA struct {
	Status        types.MFAStatus
	Source        types.MFASource
	Methods       []string // registered methods (never "password"), stable order
	DefaultMethod string
	Reason        string // set when Status is Unavailable: why, and the fix
	IsAdmin       bool
}

// MFAFromRegistrationDetails derives a user's status from one
// userRegistrationDetails item (the P1/P2 source). isMfaRegistered decides:
// "Enabled" means registration was completed, whatever an admin assigned or
// enforced. The method list keeps every registered method for display.
func MFAFromRegistrationDetails(isMfaRegistered bool, methods []string, defaultMethod string, isAdmin bool) MFA {
	m := MFA{
		Status:        types.MFADisabled,
		Source:        types.MFASourceRegistrationDetails,
		Methods:       cleanMethods(methods),
		DefaultMethod: strings.TrimSpace(defaultMethod),
		IsAdmin:       isAdmin,
	}
	if m.DefaultMethod == "none" {
		m.DefaultMethod = ""
	}
	if isMfaRegistered {
		m.Status = types.MFAEnabled
	}
	return m
}

// authMethodKind maps an authentication method's @odata.type to the name
// TenantLens shows and whether it is MFA-capable.
var authMethodKind = map[string]struct {
	name string
	mfa  bool
}{
	"passwordAuthenticationMethod":                {"password", false},
	"emailAuthenticationMethod":                   {"email", false},
	"temporaryAccessPassAuthenticationMethod":     {"temporaryAccessPass", false},
	"phoneAuthenticationMethod":                   {"phone", true},
	"microsoftAuthenticatorAuthenticationMethod":  {"microsoftAuthenticator", true},
	"softwareOathAuthenticationMethod":            {"softwareOath", true},
	"hardwareOathAuthenticationMethod":            {"hardwareOath", true},
	"fido2AuthenticationMethod":                   {"fido2", true},
	"passkeyAuthenticationMethod":                 {"passkey", true},
	"windowsHelloForBusinessAuthenticationMethod": {"windowsHelloForBusiness", true},
	"platformCredentialAuthenticationMethod":      {"platformCredential", true},
}

// AuthMethodName returns the display name of an authentication method
// @odata.type (with or without the "#microsoft.graph." prefix) and whether
// it is MFA-capable. Unknown types are shown by their short name and do not
// count as MFA.
func AuthMethodName(odataType string) (name string, mfaCapable bool) {
	short := strings.TrimPrefix(strings.TrimSpace(odataType), "#")
	short = strings.TrimPrefix(short, "microsoft.graph.")
	if k, ok := authMethodKind[short]; ok {
		return k.name, k.mfa
	}
	return strings.TrimSuffix(short, "AuthenticationMethod"), false
}

// MFAFromMethods derives a user's status from its
// /users/{id}/authentication/methods (the fallback on tenants without P1):
// registered when at least one MFA-capable method exists — authenticator
// app, phone, FIDO2/passkey, Windows Hello, OATH software or hardware token,
// platform credential; password, email and temporary access pass do not
// count. The password method is not listed.
func MFAFromMethods(methodODataTypes []string) MFA {
	m := MFA{Status: types.MFADisabled, Source: types.MFASourceAuthMethods}
	var names []string
	for _, t := range methodODataTypes {
		name, capable := AuthMethodName(t)
		if capable {
			m.Status = types.MFAEnabled
		}
		if name != "password" && name != "" {
			names = append(names, name)
		}
	}
	m.Methods = cleanMethods(names)
	return m
}

// MFAForContact is the verdict for an organisational contact: not a user
// account, so MFA does not apply.
func MFAForContact() MFA {
	return MFA{Status: types.MFANotApplicable, Source: types.MFASourceNone}
}

// MFAForDeletedUser is the verdict for a deleted (soft-deleted) user: it
// cannot sign in, so it is shown as Disabled whatever it had registered.
func MFAForDeletedUser() MFA {
	return MFA{Status: types.MFADisabled, Source: types.MFASourceNone}
}

// UnavailableCause says why a tenant's MFA data could not be read at all.
type UnavailableCause string

const (
	// CauseNoPermission: both sources answered 403 for lack of permission
	// or directory role.
	CauseNoPermission UnavailableCause = "no_permission"
	// CauseNotConsented: the app's consent lacks the scopes.
	CauseNotConsented UnavailableCause = "not_consented"
	// CauseRequestFailed: the sources failed for another reason (detail
	// carries it).
	CauseRequestFailed UnavailableCause = "request_failed"
)

// MFAUnavailable is the verdict for every user of a tenant whose
// registration data cannot be read at all, with the reason and the fix.
func MFAUnavailable(cause UnavailableCause, detail string) MFA {
	var reason string
	switch cause {
	case CauseNoPermission:
		reason = "MFA registration data could not be read: the signed-in account lacks the role. " +
			"Fix: give it Global Reader or Reports Reader (with Authentication Administrator for " +
			"per-user methods), or grant these roles in the GDAP relationship, then sync again."
	case CauseNotConsented:
		reason = "MFA registration data could not be read: TenantLens is not consented for " +
			"AuditLog.Read.All and UserAuthenticationMethod.Read.All in this tenant. " +
			"Fix: reconnect the tenant and approve the admin consent, then sync again."
	default:
		reason = "MFA registration data could not be read. Fix: check the tenant's connection " +
			"on the Tenants page and sync again."
	}
	if d := strings.TrimSpace(detail); d != "" {
		reason += " (" + d + ")"
	}
	return MFA{Status: types.MFAUnavailable, Source: types.MFASourceNone, Reason: reason}
}

// Apply copies a verdict onto a user.
func (m MFA) Apply(u *types.User) {
	u.MFAStatus = m.Status
	u.MFASource = m.Source
	u.MFAMethods = m.Methods
	u.MFADefaultMethod = m.DefaultMethod
	u.MFAReason = m.Reason
	u.IsAdmin = m.IsAdmin || u.IsAdmin
}

// cleanMethods trims, drops empties and duplicates, and sorts.
func cleanMethods(in []string) []string {
	if len(in) == 0 {
		return nil
	}
	seen := make(map[string]bool, len(in))
	out := make([]string, 0, len(in))
	for _, s := range in {
		s = strings.TrimSpace(s)
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	sort.Strings(out)
	if len(out) == 0 {
		return nil
	}
	return out
}

// Registration is one userRegistrationDetails item as the fetcher read it.
type Registration struct {
	IsMfaRegistered bool
	Methods         []string // methodsRegistered
	DefaultMethod   string   // userPreferredMethodForSecondaryAuthentication (or beta defaultMfaMethod)
	IsAdmin         bool
}

// UserMFAInputs is what a sync could read about one user's MFA.
type UserMFAInputs struct {
	Deleted bool
	// Registration is the user's registrationDetails item; nil when that
	// source was not readable (no P1) or has no item for the user.
	Registration *Registration
	// Methods are the @odata.type values of the user's authentication
	// methods; MethodsRead says the per-user call succeeded.
	Methods     []string
	MethodsRead bool
	// Unavailable is the tenant-level verdict when neither source could be
	// read (see MFAUnavailable).
	Unavailable *MFA
}

// DecideUserMFA applies DESIGN.md's source order to one user: deleted →
// Disabled; else userRegistrationDetails; else per-user methods; else the
// tenant's Unavailable verdict.
func DecideUserMFA(in UserMFAInputs) MFA {
	switch {
	case in.Deleted:
		return MFAForDeletedUser()
	case in.Registration != nil:
		r := in.Registration
		return MFAFromRegistrationDetails(r.IsMfaRegistered, r.Methods, r.DefaultMethod, r.IsAdmin)
	case in.MethodsRead:
		return MFAFromMethods(in.Methods)
	case in.Unavailable != nil:
		return *in.Unavailable
	default:
		return MFAUnavailable(CauseRequestFailed, "no MFA data was read for this user")
	}
}
