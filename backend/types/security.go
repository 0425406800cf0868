package types

// Security is a tenant's security configuration as one sync read it
// (GRAPH-FACTS §11-§15): security defaults, Conditional Access policies, the
// group and role facts that scope them per user, per-user MFA states, the
// Secure Score days read by this sync and the control profiles. What could
// not be read is nil/unknown and explained by a note naming the fix; it
// never fails the sync. Figures are built from it by review only.
type Security struct {
	// SecurityDefaults is isEnabled; nil when it could not be read.
	SecurityDefaults *bool `json:"securityDefaults"`
	// CA says what is known of the Conditional Access policies:
	// CAKnown, CANotLicensed or CAUnknown.
	CA       string     `json:"ca"`
	Policies []CAPolicy `json:"policies"`
	// MembershipRead: the members of every group the policies reference were
	// read; RolesRead: the directory role assignments were read.
	MembershipRead bool `json:"membershipRead"`
	RolesRead      bool `json:"rolesRead"`
	// PerUserRead: per-user MFA states were read for every user whose
	// enforcement they could decide.
	PerUserRead bool `json:"perUserRead"`
	// Users holds the per-user facts (users without any fact are absent).
	Users []UserSecurity `json:"users"`
	// ScoreRead: Secure Score was read (ScoreDays are the days this sync
	// read: the last 90 on the first sync, new days after).
	ScoreRead       bool             `json:"scoreRead"`
	ScorePartial    bool             `json:"scorePartial"` // answered 206 Partial Content
	ScoreDays       []SecureScoreDay `json:"scoreDays"`
	ControlProfiles []ControlProfile `json:"controlProfiles"`
	Notes           []SecurityNote   `json:"notes"`
}

// Security.CA values.
const (
	CAKnown       = "known"
	CANotLicensed = "notLicensed"
	CAUnknown     = "unknown"
)

// CAPolicy is the part of a conditionalAccessPolicy that decides whom it
// requires MFA of. Its fields are derive.CAPolicy's, in the same order, so
// one converts to the other.
type CAPolicy struct {
	ID          string `json:"id"`
	DisplayName string `json:"displayName"`
	State       string `json:"state"`

	IncludeUsers  []string `json:"includeUsers"`
	ExcludeUsers  []string `json:"excludeUsers"`
	IncludeGroups []string `json:"includeGroups"`
	ExcludeGroups []string `json:"excludeGroups"`
	IncludeRoles  []string `json:"includeRoles"`
	ExcludeRoles  []string `json:"excludeRoles"`

	IncludeGuestsOrExternalUsers string   `json:"includeGuestsOrExternalUsers"`
	ExcludeGuestsOrExternalUsers string   `json:"excludeGuestsOrExternalUsers"`
	IncludeExternalTenants       []string `json:"includeExternalTenants"`
	ExcludeExternalTenants       []string `json:"excludeExternalTenants"`

	IncludeApplications           []string `json:"includeApplications"`
	ExcludeApplications           []string `json:"excludeApplications"`
	IncludeUserActions            []string `json:"includeUserActions"`
	IncludeAuthenticationContexts []string `json:"includeAuthenticationContexts"`

	ClientAppTypes     []string `json:"clientAppTypes"`
	HasOtherConditions bool     `json:"hasOtherConditions"`

	GrantOperator            string   `json:"grantOperator"`
	BuiltInControls          []string `json:"builtInControls"`
	AuthStrengthRequirements string   `json:"authStrengthRequirements"`
	AuthStrengthName         string   `json:"authStrengthName"`
}

// UserSecurity is one user's facts for CA scope and per-user MFA.
type UserSecurity struct {
	UserID string `json:"userId"`
	// Groups: the policies' referenced groups the user is a transitive
	// member of.
	Groups []string `json:"groups"`
	// Roles: directory role template ids held tenant-wide, directly or
	// through a role-assignable group.
	Roles []string `json:"roles"`
	// PerUserMFA: beta perUserMfaState (disabled | enabled | enforced); ""
	// when not read.
	PerUserMFA string `json:"perUserMfa"`
}

// SecureScoreDay is one day of Secure Score.
type SecureScoreDay struct {
	Day           string         `json:"day"` // YYYY-MM-DD (UTC)
	Current       float64        `json:"current"`
	Max           float64        `json:"max"`
	ActiveUsers   int            `json:"activeUsers"`
	LicensedUsers int            `json:"licensedUsers"`
	Controls      []ControlScore `json:"controls"`
}

// ControlScore is one control's score on a day.
type ControlScore struct {
	Name     string  `json:"name"` // = ControlProfile.ID
	Category string  `json:"category"`
	Score    float64 `json:"score"`
}

// ControlProfile is one secureScoreControlProfile (an improvement action).
type ControlProfile struct {
	ID                 string  `json:"id"`
	Title              string  `json:"title"`
	Category           string  `json:"category"`
	Service            string  `json:"service"`
	Tier               string  `json:"tier"`
	ActionType         string  `json:"actionType"`
	ActionURL          string  `json:"actionUrl"`
	ImplementationCost string  `json:"implementationCost"`
	UserImpact         string  `json:"userImpact"`
	MaxScore           float64 `json:"maxScore"`
	Rank               int     `json:"rank"`
	Deprecated         bool    `json:"deprecated"`
}

// SecurityNote is what a sync could not read and how to fix it.
type SecurityNote struct {
	// Area: securityDefaults | conditionalAccess | membership | roles |
	// perUserMfa | secureScore.
	Area    string `json:"area"`
	Message string `json:"message"`
}
