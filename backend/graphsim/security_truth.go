package graphsim

// Security ground truth: what a correct sync and derivation must find on a
// demo tenant. The generator writes it from its intent (which scenario it
// built, whom it excluded, which group it scoped), not by evaluating the
// policies it serves - so a test comparing the two checks the rules.

// Enforcement values (users --json mfaEnforcement).
const (
	EnforceSecurityDefaults  = "securityDefaults"
	EnforceConditionalAccess = "conditionalAccess"
	EnforcePerUser           = "perUser"
	EnforceNone              = "none"
	EnforceUnknown           = "unknown"
)

// Combined MFA states (registration x enforcement).
const (
	CombinedProtected             = "protected"
	CombinedRegisteredNotRequired = "registeredNotRequired"
	CombinedRequiredNotRegistered = "requiredNotRegistered"
	CombinedAtRisk                = "atRisk"
	CombinedNotApplicable         = "notApplicable"
)

// SecurityTruth is one tenant's expected security posture.
type SecurityTruth struct {
	Scenario         string // short label of what the generator built
	SecurityDefaults bool
	// CAReadable: the CA list answers 200 (the tenant has Entra ID P1).
	CAReadable bool
	// MFAPolicies: enabled policies requiring MFA; ReportOnlyPolicies:
	// report-only ones that would. Names.
	MFAPolicies, ReportOnlyPolicies []string
	// BreakGlass: display names of the accounts the MFA policies exclude.
	BreakGlass []string
	// LegacyAuthBlocked: an enabled policy blocks legacy client app types
	// for all users (or security defaults are on).
	LegacyAuthBlocked bool
	// PrivilegedWithoutMFA: ids of enabled users holding one of the 14
	// privileged roles (directly or through a group) without a registered
	// MFA method.
	PrivilegedWithoutMFA []string
	// Users: every non-deleted user, by id.
	Users map[string]UserSecurityTruth
	// Secure Score: latest day's current/max, and the value 89 days before.
	ScoreDays                          int
	ScoreCurrent, ScoreMax, ScoreFirst float64
}

// UserSecurityTruth is one user's expected enforcement.
type UserSecurityTruth struct {
	Enforcement string   // Enforce* value
	Policies    []string // enabled CA policies requiring MFA of the user (sorted)
	ReportOnly  []string // report-only policies that would (sorted)
	Partial     bool     // the deciding CA policies cover only some sign-ins
	Combined    string   // Combined* value
	Registered  bool     // MFA Status "Enabled"
	Privileged  bool
}

// SecurityTruth returns a tenant's security ground truth (nil when the
// tenant was not generated with security intent). Knobs that deny or change
// endpoints are not reflected: it is what a full-permission sync finds.
func (s *Sim) SecurityTruth(tenantID string) *SecurityTruth {
	t, ok := s.Tenant(tenantID)
	if !ok || t.Security == nil {
		return nil
	}
	return t.Security.Truth
}
