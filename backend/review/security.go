package review

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"tenantlens/backend/derive"
	"tenantlens/backend/types"
)

// Security posture figures (issue 15): per user "MFA required by" and the
// combined state with registration (the MFA Status column keeps its
// meaning); per tenant the posture card. Built from the facts the sync
// stored, with derive's rules.

// userEnforcement is one user's derived enforcement.
type userEnforcement struct {
	e        derive.Enforcement
	combined derive.CombinedMFAState
}

// securityIndex is a tenant's derived enforcement per user.
type securityIndex struct {
	sec   *types.Security
	ts    derive.TenantSecurity
	facts map[string]int // lower-case user id -> sec.Users index
	users map[string]userEnforcement
}

// enforcementIndex derives every user's enforcement of a tenant; nil when
// the run read no security (older runs).
func enforcementIndex(c *Current) *securityIndex {
	sec := c.Snap.Security
	if sec == nil {
		return nil
	}
	ix := &securityIndex{sec: sec, ts: derive.TenantSecurityOf(sec), facts: map[string]int{}, users: map[string]userEnforcement{}}
	for i, f := range sec.Users {
		ix.facts[strings.ToLower(f.UserID)] = i
	}
	for i := range c.Snap.Users {
		u := &c.Snap.Users[i]
		subj := derive.EnforcementSubject{UserID: u.ID, GuestKind: derive.GuestKindOf(u.UserType, u.UserPrincipalName)}
		if k, ok := ix.facts[strings.ToLower(u.ID)]; ok {
			f := sec.Users[k]
			subj.Groups, subj.Roles, subj.PerUserMFA = f.Groups, f.Roles, f.PerUserMFA
		}
		e := derive.MFAEnforcementFor(ix.ts, subj)
		ix.users[u.ID] = userEnforcement{e: e, combined: derive.CombineMFA(u.MFAStatus, e.Source, u.AccountEnabled && !u.Deleted)}
	}
	return ix
}

// applyEnforcement fills a user row's enforcement columns.
func (ix *securityIndex) applyEnforcement(r *UserRow) {
	if ix == nil {
		r.MFAEnforcement = string(derive.EnforcementUnknown)
		r.MFAEnforcementDetail = "Security posture not read yet: sync the tenant again"
		r.MFACombined = string(derive.MFACombinedUnknown)
		return
	}
	ue, ok := ix.users[r.ID]
	if !ok {
		r.MFAEnforcement, r.MFACombined = string(derive.EnforcementUnknown), string(derive.MFACombinedUnknown)
		return
	}
	r.MFAEnforcement = string(ue.e.Source)
	r.MFAEnforcementDetail = ue.e.Detail()
	r.MFAEnforcementPartial = ue.e.Partial
	r.MFACombined = string(ue.combined)
}

// securityNotes are the tenant's security notes (what could not be read
// and the fix).
func securityNotes(c *Current) []string {
	if c.Snap.Security == nil {
		return nil
	}
	var out []string
	for _, n := range c.Snap.Security.Notes {
		out = append(out, n.Message)
	}
	return out
}

// privilegedRoles are the 14 role templates of Microsoft's "Require MFA for
// admins" template (GRAPH-FACTS §13), with their names.
var privilegedRoles = map[string]string{
	"62e90394-69f5-4237-9190-012177145e10": "Global Administrator",
	"e8611ab8-c189-46e8-94e1-60213ab1f814": "Privileged Role Administrator",
	"7be44c8a-adaf-4e2a-84d6-ab2649e08a13": "Privileged Authentication Administrator",
	"194ae4cb-b126-40b2-bd5b-6091b380977d": "Security Administrator",
	"b1be1c3e-b65d-4f19-8427-f6fa0d97feb9": "Conditional Access Administrator",
	"29232cdf-9323-42fd-ade2-1d097af3e4de": "Exchange Administrator",
	"f28a1f50-f6e7-4571-818b-6a12f2af6b6c": "SharePoint Administrator",
	"fe930be7-5e62-47db-91af-98c3a49a38b1": "User Administrator",
	"729827e3-9c14-49f7-bb1b-9608f156bbb8": "Helpdesk Administrator",
	"b0f54661-2d74-4c50-afa3-1ec803f12efe": "Billing Administrator",
	"c4e39bd9-1100-46d3-8c65-fb160da0071f": "Authentication Administrator",
	"9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3": "Application Administrator",
	"158c047a-c907-4556-b7ef-446551a6b5f7": "Cloud Application Administrator",
	"966707d0-3269-4727-9be2-8c3a10f19b9d": "Password Administrator",
}

// PosturePolicy is one CA policy that requires (or would require) MFA.
type PosturePolicy struct {
	Name  string `json:"name"`
	State string `json:"state"` // enabled | enabledForReportingButNotEnforced
	// Excluded: the users the policy excludes by name, and its excluded
	// groups with their members' names.
	ExcludedUsers  []string `json:"excludedUsers"`
	ExcludedGroups []string `json:"excludedGroups"`
	// Partial: the policy covers only some sign-ins (PartialReasons).
	Partial        bool     `json:"partial"`
	PartialReasons []string `json:"partialReasons"`
}

// PrivilegedUser is a privileged-role holder.
type PrivilegedUser struct {
	ID                string   `json:"id"`
	DisplayName       string   `json:"displayName"`
	UserPrincipalName string   `json:"userPrincipalName"`
	Roles             []string `json:"roles"`
	MFAStatus         string   `json:"mfaStatus"`
	MFAEnforcement    string   `json:"mfaEnforcement"`
}

// ScorePoint is one day of Secure Score.
type ScorePoint struct {
	Day     string  `json:"day"`
	Current float64 `json:"current"`
	Max     float64 `json:"max"`
	Percent float64 `json:"percent"`
}

// ImprovementAction is a Secure Score control with points still to gain.
type ImprovementAction struct {
	ID        string  `json:"id"`
	Title     string  `json:"title"`
	Category  string  `json:"category"`
	Service   string  `json:"service"`
	Points    float64 `json:"points"` // maxScore - today's score
	MaxScore  float64 `json:"maxScore"`
	ActionURL string  `json:"actionUrl"`
}

// SecureScoreView is a tenant's Secure Score: the newest day and the trend.
type SecureScoreView struct {
	Available bool    `json:"available"`
	Day       string  `json:"day"`
	Current   float64 `json:"current"`
	Max       float64 `json:"max"`
	Percent   float64 `json:"percent"`
	// Change is the newest percent minus the oldest stored (Since); Change30
	// minus the day 30 days before the newest (0 when not stored).
	Since    string       `json:"since"`
	Change   float64      `json:"change"`
	Change30 float64      `json:"change30"`
	Trend    []ScorePoint `json:"trend"` // oldest first
}

// Posture is one tenant's security posture card.
type Posture struct {
	TenantID   string `json:"tenantId"`
	TenantName string `json:"tenantName"`
	DataDate   string `json:"dataDate"`
	// Available: the current run read security (false on older runs).
	Available bool `json:"available"`
	// Findings, most important first: privileged-role holders without
	// registered MFA are always the first.
	Findings             []string         `json:"findings"`
	PrivilegedWithoutMFA []PrivilegedUser `json:"privilegedWithoutMfa"`
	Privileged           int              `json:"privileged"`
	SecurityDefaults     string           `json:"securityDefaults"`  // on | off | unknown
	ConditionalAccess    string           `json:"conditionalAccess"` // known | notLicensed | unknown
	MFAPolicies          []PosturePolicy  `json:"mfaPolicies"`
	ReportOnlyPolicies   []PosturePolicy  `json:"reportOnlyPolicies"`
	BreakGlass           []string         `json:"breakGlass"`
	// LegacyAuth: blocked | notBlocked | unknown; LegacyAuthBy names what
	// blocks it.
	LegacyAuth   string              `json:"legacyAuth"`
	LegacyAuthBy string              `json:"legacyAuthBy"`
	Enforcement  []Count             `json:"enforcement"` // users per mfaEnforcement
	Combined     []Count             `json:"combined"`    // users per combined state (chart)
	SecureScore  SecureScoreView     `json:"secureScore"`
	TopActions   []ImprovementAction `json:"topActions"`
	Notes        []string            `json:"notes"`
}

// ScoreSource is the store's Secure Score history (*store.Store).
type ScoreSource interface {
	SecureScoreHistory(ctx context.Context, tenantID string) ([]types.SecureScoreDay, error)
}

// TopActionsCount is how many improvement actions the posture lists.
const TopActionsCount = 5

// Posture builds one tenant's security posture.
func (s *Service) Posture(ctx context.Context, tenantID string) (Posture, error) {
	t, err := s.Src.Tenant(ctx, tenantID)
	if err != nil {
		return Posture{}, err
	}
	c, err := s.CurrentAt(ctx, t, 0)
	if err != nil {
		return Posture{}, err
	}
	var hist []types.SecureScoreDay
	if ss, ok := s.Src.(ScoreSource); ok {
		if hist, err = ss.SecureScoreHistory(ctx, t.ID); err != nil {
			return Posture{}, err
		}
	}
	return buildPosture(c, hist), nil
}

func buildPosture(c *Current, hist []types.SecureScoreDay) Posture {
	p := Posture{TenantID: c.Tenant.ID, TenantName: c.Tenant.DisplayName, DataDate: rfcv(c.Data.DataDate),
		Findings: []string{}, PrivilegedWithoutMFA: []PrivilegedUser{}, MFAPolicies: []PosturePolicy{},
		ReportOnlyPolicies: []PosturePolicy{}, BreakGlass: []string{}, Enforcement: []Count{}, Combined: []Count{},
		TopActions: []ImprovementAction{}, Notes: []string{}, SecurityDefaults: "unknown", ConditionalAccess: types.CAUnknown,
		LegacyAuth: "unknown"}
	p.SecureScore = scoreView(hist)
	sec := c.Snap.Security
	if sec == nil {
		p.Notes = append(p.Notes, "This tenant's last sync did not read its security posture: sync it again")
		return p
	}
	p.Available = true
	p.Notes = append(p.Notes, securityNotes(c)...)
	ix := enforcementIndex(c)
	if sec.SecurityDefaults != nil {
		p.SecurityDefaults = map[bool]string{true: "on", false: "off"}[*sec.SecurityDefaults]
	}
	switch ix.ts.CA {
	case derive.CAKnown:
		p.ConditionalAccess = types.CAKnown
	case derive.CANotLicensed:
		p.ConditionalAccess = types.CANotLicensed
	default:
		p.ConditionalAccess = types.CAUnknown
	}

	names := map[string]*types.User{}
	for i := range c.Snap.Users {
		u := &c.Snap.Users[i]
		names[strings.ToLower(u.ID)] = u
	}
	nameOf := func(id string) string {
		if u := names[strings.ToLower(id)]; u != nil {
			return u.DisplayName
		}
		return id
	}
	groupMembers := func(gid string) []string {
		var out []string
		for _, f := range sec.Users {
			for _, g := range f.Groups {
				if strings.EqualFold(g, gid) {
					out = append(out, nameOf(f.UserID))
				}
			}
		}
		sort.Strings(out)
		return out
	}
	bg := map[string]bool{}
	if sec.CA == types.CAKnown {
		for _, pol := range sec.Policies {
			dp := derive.CAPolicy(pol)
			if !derive.PolicyRequiresMFA(dp) || (pol.State != derive.CAStateEnabled && pol.State != derive.CAStateReportOnly) {
				continue
			}
			pp := PosturePolicy{Name: pol.DisplayName, State: pol.State, ExcludedUsers: []string{}, ExcludedGroups: []string{},
				PartialReasons: nonNil(derive.PolicyPartialReasons(dp))}
			pp.Partial = len(pp.PartialReasons) > 0
			for _, id := range pol.ExcludeUsers {
				n := id
				if id != derive.CAGuestsOrExternalUsers {
					n = nameOf(id)
				}
				pp.ExcludedUsers = append(pp.ExcludedUsers, n)
				if pol.State == derive.CAStateEnabled && id != derive.CAGuestsOrExternalUsers && !bg[n] {
					bg[n] = true
					p.BreakGlass = append(p.BreakGlass, n)
				}
			}
			for _, gid := range pol.ExcludeGroups {
				ms := groupMembers(gid)
				pp.ExcludedGroups = append(pp.ExcludedGroups, "group "+gid+" ("+orDefault(strings.Join(ms, ", "), "no members")+")")
			}
			if pol.State == derive.CAStateEnabled {
				p.MFAPolicies = append(p.MFAPolicies, pp)
			} else {
				p.ReportOnlyPolicies = append(p.ReportOnlyPolicies, pp)
			}
		}
	}
	sort.Strings(p.BreakGlass)
	p.LegacyAuth, p.LegacyAuthBy = legacyAuth(sec)

	// per-user counts and privileged holders
	enf, comb := map[string]int{}, map[string]int{}
	for i := range c.Snap.Users {
		u := &c.Snap.Users[i]
		if u.Deleted {
			continue
		}
		ue := ix.users[u.ID]
		enf[string(ue.e.Source)]++
		comb[string(ue.combined)]++
		var roles []string
		if k, ok := ix.facts[strings.ToLower(u.ID)]; ok && sec.RolesRead {
			for _, r := range sec.Users[k].Roles {
				if n, ok := privilegedRoles[strings.ToLower(r)]; ok {
					roles = append(roles, n)
				}
			}
		} else if !sec.RolesRead && u.IsAdmin {
			roles = []string{"administrator (from the registration report)"}
		}
		if len(roles) == 0 || !u.AccountEnabled {
			continue
		}
		sort.Strings(roles)
		p.Privileged++
		if u.MFAStatus != types.MFAEnabled {
			p.PrivilegedWithoutMFA = append(p.PrivilegedWithoutMFA, PrivilegedUser{ID: u.ID, DisplayName: u.DisplayName,
				UserPrincipalName: u.UserPrincipalName, Roles: roles, MFAStatus: string(u.MFAStatus), MFAEnforcement: string(ue.e.Source)})
		}
	}
	sort.Slice(p.PrivilegedWithoutMFA, func(a, b int) bool {
		return strings.ToLower(p.PrivilegedWithoutMFA[a].DisplayName) < strings.ToLower(p.PrivilegedWithoutMFA[b].DisplayName)
	})
	p.Enforcement, p.Combined = enforcementCounts(enf, comb)

	// findings: privileged holders without MFA first
	switch {
	case len(p.PrivilegedWithoutMFA) > 0:
		var ns []string
		for _, u := range p.PrivilegedWithoutMFA {
			ns = append(ns, u.DisplayName+" ("+strings.Join(u.Roles, ", ")+")")
		}
		p.Findings = append(p.Findings, plural(len(ns), "privileged-role holder")+" without registered MFA: "+strings.Join(ns, "; "))
	case !sec.RolesRead:
		p.Findings = append(p.Findings, "Privileged-role holders could not be listed (role assignments not readable); see the notes")
	default:
		p.Findings = append(p.Findings, "Every privileged-role holder has registered MFA")
	}
	if n := comb[string(derive.MFAAtRisk)]; n > 0 {
		p.Findings = append(p.Findings, plural(n, "user")+" neither registered for MFA nor required to use it (at risk)")
	}
	if n := comb[string(derive.MFARequiredNotRegistered)]; n > 0 {
		p.Findings = append(p.Findings, plural(n, "user")+" required to use MFA but not registered (asked at next sign-in)")
	}
	if len(p.ReportOnlyPolicies) > 0 && len(p.MFAPolicies) == 0 && p.SecurityDefaults != "on" {
		p.Findings = append(p.Findings, "Only report-only policies would require MFA: none is enforced")
	}
	if p.LegacyAuth == "notBlocked" {
		p.Findings = append(p.Findings, "Legacy authentication is not blocked")
	}
	p.TopActions = topActions(sec.ControlProfiles, hist)
	return p
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// legacyAuth: security defaults block legacy authentication; otherwise an
// enabled policy for all users and all applications that blocks the
// legacy client app types (Exchange ActiveSync and other clients).
func legacyAuth(sec *types.Security) (string, string) {
	if sec.SecurityDefaults != nil && *sec.SecurityDefaults {
		return "blocked", "Security defaults"
	}
	if sec.CA != types.CAKnown {
		if sec.SecurityDefaults == nil || sec.CA == types.CAUnknown {
			return "unknown", ""
		}
		return "notBlocked", ""
	}
	for _, p := range sec.Policies {
		if p.State != derive.CAStateEnabled || !has(p.BuiltInControls, "block") || !has(p.IncludeUsers, derive.CAAll) ||
			!has(p.IncludeApplications, derive.CAAll) {
			continue
		}
		if has(p.ClientAppTypes, "exchangeActiveSync") && has(p.ClientAppTypes, "other") {
			return "blocked", p.DisplayName
		}
	}
	if sec.SecurityDefaults == nil {
		return "unknown", ""
	}
	return "notBlocked", ""
}

func has(v []string, s string) bool {
	for _, x := range v {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func pct2(cur, max float64) float64 {
	if max <= 0 {
		return 0
	}
	return float64(int64(cur/max*10000+0.5)) / 100
}

func scoreView(hist []types.SecureScoreDay) SecureScoreView {
	v := SecureScoreView{Trend: []ScorePoint{}}
	if len(hist) == 0 {
		return v
	}
	for _, d := range hist {
		v.Trend = append(v.Trend, ScorePoint{Day: d.Day, Current: d.Current, Max: d.Max, Percent: pct2(d.Current, d.Max)})
	}
	last := v.Trend[len(v.Trend)-1]
	v.Available, v.Day, v.Current, v.Max, v.Percent = true, last.Day, last.Current, last.Max, last.Percent
	v.Since = v.Trend[0].Day
	v.Change = round2(last.Percent - v.Trend[0].Percent)
	if t, err := time.Parse("2006-01-02", last.Day); err == nil {
		want := t.AddDate(0, 0, -30).Format("2006-01-02")
		for _, p := range v.Trend {
			if p.Day == want {
				v.Change30 = round2(last.Percent - p.Percent)
			}
		}
	}
	return v
}

func round2(v float64) float64 {
	if v < 0 {
		return -float64(int64(-v*100+0.5)) / 100
	}
	return float64(int64(v*100+0.5)) / 100
}

// topActions: control profiles by points still to gain on the newest day
// (maxScore - that day's control score), most first; deprecated and fully
// earned controls left out.
func topActions(profiles []types.ControlProfile, hist []types.SecureScoreDay) []ImprovementAction {
	out := []ImprovementAction{}
	score := map[string]float64{}
	if len(hist) > 0 {
		for _, c := range hist[len(hist)-1].Controls {
			score[strings.ToLower(c.Name)] = c.Score
		}
	}
	for _, p := range profiles {
		pts := round2(p.MaxScore - score[strings.ToLower(p.ID)])
		if p.Deprecated || pts <= 0 {
			continue
		}
		out = append(out, ImprovementAction{ID: p.ID, Title: p.Title, Category: p.Category, Service: p.Service,
			Points: pts, MaxScore: p.MaxScore, ActionURL: p.ActionURL})
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Points != out[b].Points {
			return out[a].Points > out[b].Points
		}
		return out[a].ID < out[b].ID
	})
	if len(out) > TopActionsCount {
		out = out[:TopActionsCount]
	}
	return out
}

// enforcementCounts orders per-user counts for charts (every label, zeros
// included).
func enforcementCounts(enf, comb map[string]int) (e, c []Count) {
	e, c = []Count{}, []Count{}
	for _, k := range []derive.EnforcementSource{derive.EnforcedBySecurityDefaults, derive.EnforcedByConditionalAccess,
		derive.EnforcedByPerUser, derive.EnforcedByNone, derive.EnforcementUnknown} {
		e = append(e, Count{Label: string(k), Value: enf[string(k)]})
	}
	for _, k := range []derive.CombinedMFAState{derive.MFAProtected, derive.MFARegisteredNotRequired, derive.MFARequiredNotRegistered,
		derive.MFAAtRisk, derive.MFACombinedNotApplicable, derive.MFACombinedUnknown} {
		c = append(c, Count{Label: string(k), Value: comb[string(k)]})
	}
	return e, c
}
