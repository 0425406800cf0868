package report

import (
	"strings"

	"tenantlens/backend/review"
	"tenantlens/backend/types"
)

// Security part (issue 15): review's tenant posture of the document's
// frozen run, one line per fact (Section, Item, Value, Detail), and the
// per-user enforcement columns of the MFA and Users parts. MFA Status keeps
// its meaning (registered); enforcement is separate columns.
const PartSecurity types.PartKind = "security"

// Security sections, in sheet order. Privileged-role holders without
// registered MFA are always the first finding.
const (
	SecFindings     = "Findings"
	SecPrivileged   = "Privileged without MFA"
	SecPosture      = "Posture"
	SecMFAPolicies  = "MFA policies"
	SecReportOnly   = "Report-only policies"
	SecBreakGlass   = "Break-glass accounts"
	SecScore        = "Secure Score"
	SecActions      = "Top improvement actions"
	SecEnforcement  = "MFA required by"
	SecCombined     = "MFA state"
	SecScoreTrend   = "Secure Score trend"
	SecNotes        = "Notes"
	ScoreCurrent    = "Current"
	ScoreMax        = "Max"
	ScorePercent    = "Percent"
	ScoreDay        = "Day"
	ScoreChange     = "Change since first stored day (points of %)"
	ScoreChange30   = "Change over 30 days (points of %)"
	ScoreNotRead    = "Not available"
	PostureDefaults = "Security defaults"
	PostureCA       = "Conditional Access"
	PostureLegacy   = "Legacy authentication"
	PosturePriv     = "Privileged-role holders"
)

// EnforcementLabel is how a workbook shows a user's mfaEnforcement.
func EnforcementLabel(s string) string {
	switch s {
	case "securityDefaults":
		return "Security defaults"
	case "conditionalAccess":
		return "Conditional Access"
	case "perUser":
		return "Per-user MFA"
	case "none":
		return "None"
	case "unknown", "":
		return "Unknown"
	}
	return s
}

// CombinedLabel is how a workbook shows a user's combined MFA state.
func CombinedLabel(s string) string {
	switch s {
	case "protected":
		return "Protected"
	case "registeredNotRequired":
		return "Registered, not required"
	case "requiredNotRegistered":
		return "Required, not registered"
	case "atRisk":
		return "At risk"
	case "notApplicable":
		return "Not applicable"
	case "unknown", "":
		return "Unknown"
	}
	return s
}

func onOffLabel(s string) string {
	switch s {
	case "on":
		return "On"
	case "off":
		return "Off"
	}
	return "Unknown"
}

func caLabel(s string) string {
	switch s {
	case types.CAKnown:
		return "Read"
	case types.CANotLicensed:
		return "Not licensed (no Entra ID P1)"
	}
	return "Unknown"
}

func legacyLabel(s string) string {
	switch s {
	case "blocked":
		return "Blocked"
	case "notBlocked":
		return "Not blocked"
	}
	return "Unknown"
}

// secLine is one line of the Security part.
type secLine struct {
	Section, Item string
	Value         Cell
	Detail        string
}

func policyDetail(p review.PosturePolicy) string {
	var parts []string
	if len(p.ExcludedUsers) > 0 {
		parts = append(parts, "excludes users: "+strings.Join(p.ExcludedUsers, ", "))
	}
	if len(p.ExcludedGroups) > 0 {
		parts = append(parts, "excludes groups: "+strings.Join(p.ExcludedGroups, "; "))
	}
	if len(parts) == 0 {
		parts = append(parts, "excludes nobody")
	}
	if p.Partial {
		parts = append(parts, "partial: "+strings.Join(p.PartialReasons, "; "))
	}
	return strings.Join(parts, "; ")
}

func numCell(v float64) Cell { return Cell{Kind: KindNumber, Num: v} }

// securityLines lays a posture out, findings first.
func securityLines(p *review.Posture) []*secLine {
	var out []*secLine
	add := func(sec, item string, v Cell, detail string) {
		out = append(out, &secLine{Section: sec, Item: item, Value: v, Detail: detail})
	}
	for _, f := range p.Findings {
		add(SecFindings, "Finding", textCell(f), "")
	}
	for _, u := range p.PrivilegedWithoutMFA {
		add(SecPrivileged, u.DisplayName, textCell(u.UserPrincipalName), "roles: "+strings.Join(u.Roles, ", ")+
			"; MFA Status: "+u.MFAStatus+"; MFA required by: "+EnforcementLabel(u.MFAEnforcement))
	}
	add(SecPosture, PostureDefaults, textCell(onOffLabel(p.SecurityDefaults)), "")
	add(SecPosture, PostureCA, textCell(caLabel(p.ConditionalAccess)), "")
	add(SecPosture, PostureLegacy, textCell(legacyLabel(p.LegacyAuth)), p.LegacyAuthBy)
	add(SecPosture, PosturePriv, intCell(p.Privileged), "")
	for _, pol := range p.MFAPolicies {
		add(SecMFAPolicies, pol.Name, textCell("Enforced"), policyDetail(pol))
	}
	for _, pol := range p.ReportOnlyPolicies {
		add(SecReportOnly, pol.Name, textCell("Would require MFA (report-only)"), policyDetail(pol))
	}
	for _, n := range p.BreakGlass {
		add(SecBreakGlass, n, textCell("Excluded from an enforced MFA policy"), "")
	}
	if sc := p.SecureScore; sc.Available {
		add(SecScore, ScoreCurrent, numCell(sc.Current), "")
		add(SecScore, ScoreMax, numCell(sc.Max), "")
		add(SecScore, ScorePercent, pctCell(sc.Percent/100), "")
		add(SecScore, ScoreDay, textCell(sc.Day), "")
		add(SecScore, ScoreChange, numCell(sc.Change), "since "+sc.Since)
		add(SecScore, ScoreChange30, numCell(sc.Change30), "")
	} else {
		add(SecScore, ScoreCurrent, textCell(ScoreNotRead), "")
	}
	for _, a := range p.TopActions {
		add(SecActions, a.Title, numCell(a.Points), strings.Join(nonEmpty(a.Category, a.Service, a.ActionURL), " · "))
	}
	for _, c := range p.Enforcement {
		add(SecEnforcement, EnforcementLabel(c.Label), intCell(c.Value), "")
	}
	for _, c := range p.Combined {
		add(SecCombined, CombinedLabel(c.Label), intCell(c.Value), "")
	}
	for _, pt := range p.SecureScore.Trend {
		add(SecScoreTrend, pt.Day, pctCell(pt.Percent/100), strings.Join([]string{fmtNum(pt.Current), fmtNum(pt.Max)}, " / "))
	}
	for _, n := range p.Notes {
		add(SecNotes, "Note", textCell(n), "")
	}
	return out
}

func nonEmpty(v ...string) []string {
	var out []string
	for _, s := range v {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

func fmtNum(v float64) string { return csvText(numCell(v)) }

type sec = colDef[*secLine]

func seccol(key, label string, kind CellKind, width float64, get func(*secLine) Cell) sec {
	return sec{Column: Column{Key: key, Label: label, Kind: kind, Width: width},
		get: func(_ *Dataset, r *secLine) Cell { return get(r) }}
}

// securityPart is the tenant posture of the document's tenant(s).
func securityPart(vw *docViews) Part {
	return &tablePart[*secLine]{
		kind: PartSecurity, label: "Security",
		rows: func(d *Dataset) []*secLine {
			if tv := vw.of(d); tv != nil {
				return securityLines(&tv.posture)
			}
			return nil
		},
		cols: []sec{
			seccol("section", "Section", KindText, 24, func(r *secLine) Cell { return textCell(r.Section) }),
			seccol("item", "Item", KindText, 40, func(r *secLine) Cell { return textCell(r.Item) }),
			seccol("value", "Value", KindText, 48, func(r *secLine) Cell { return r.Value }),
			seccol("detail", "Detail", KindText, 70, func(r *secLine) Cell { return textCell(r.Detail) }),
		},
	}
}

// enforcementCols are the per-user enforcement columns (MFA part: shown;
// Users part: in the column chooser).
func enforcementCols(vw *docViews, hidden bool) []uc {
	return []uc{
		userViewCol(vw, "mfaEnforcement", "MFA Required By", KindText, 18, hidden, func(u *review.UserRow) Cell {
			return textCell(EnforcementLabel(u.MFAEnforcement))
		}),
		userViewCol(vw, "mfaEnforcementDetail", "MFA Enforcement Detail", KindText, 36, hidden, func(u *review.UserRow) Cell {
			return textCell(u.MFAEnforcementDetail)
		}),
		userViewCol(vw, "mfaCombined", "MFA State", KindText, 22, hidden, func(u *review.UserRow) Cell {
			return textCell(CombinedLabel(u.MFACombined))
		}),
	}
}
