package graphsim

import (
	"net/http"
	"strconv"
)

// secureScores: GET /security/secureScores ($top, $skip, $count; newest
// first; one object per day). SecureScorePartial answers 206 with Warning.
func (s *Sim) secureScores(c *gctx, k SecurityKnobs) {
	if !c.needScope(scopesSecurity...) {
		return
	}
	if !c.hasRole(rolesSecureScore...) {
		c.fail(http.StatusForbidden, codeDenied, msgInsufficient)
		return
	}
	var days []*SecureScoreDay
	if c.t.Security != nil {
		days = c.t.Security.SecureScores
	}
	top, skip, ok := topSkip(c, len(days), 0)
	if !ok {
		return
	}
	end := min(skip+top, len(days))
	var j jw
	j.obj()
	j.kstr("@odata.context", c.base+"/$metadata#security/secureScores")
	if c.q.Get("$count") == "true" {
		j.knum("@odata.count", int64(len(days)))
	}
	if c.q.Get("$top") != "" && end < len(days) {
		j.kstr("@odata.nextLink", skipLink(c, end))
	}
	j.key("value")
	j.arr()
	for _, d := range days[skip:end] {
		writeSecureScore(&j, c.t, d)
	}
	j.endArr()
	j.endObj()
	status := http.StatusOK
	if k.SecureScorePartial {
		status = http.StatusPartialContent
		c.w.Header().Set("Warning", `199 - "SecureScore provider: request to a provider failed; data may be partial"`)
	}
	c.writeJSON(status, j.b)
}

func num(j *jw, k string, v float64) {
	j.key(k)
	j.before()
	j.b = strconv.AppendFloat(j.b, v, 'f', -1, 64)
}

func writeSecureScore(j *jw, t *Tenant, d *SecureScoreDay) {
	day := d.Date.UTC().Format("2006-01-02")
	j.obj()
	j.kstr("id", t.ID+"_"+day)
	j.kstr("azureTenantId", t.ID)
	j.knum("activeUserCount", int64(d.ActiveUsers))
	j.kstr("createdDateTime", day+"T00:00:00Z")
	num(j, "currentScore", d.Current())
	num(j, "maxScore", d.MaxScore())
	j.kstrs("enabledServices", []string{"HasExchange", "HasSharePoint", "HasOD4B", "HasInTune"})
	j.knum("licensedUserCount", int64(d.LicensedUsers))
	j.key("averageComparativeScores")
	j.arr()
	j.obj()
	j.kstr("basis", "AllTenants")
	num(j, "averageScore", d.AllTenantsAvg)
	j.endObj()
	j.obj()
	j.kstr("basis", "TotalSeats")
	num(j, "averageScore", d.SeatSizeAvg)
	j.kstr("seatSizeRangeLowerValue", itoa(d.SeatRangeLower))
	j.kstr("seatSizeRangeUpperValue", itoa(d.SeatRangeUpp))
	j.endObj()
	j.endArr()
	j.key("controlScores")
	j.arr()
	for _, cs := range d.Controls {
		j.obj()
		j.kstr("controlCategory", cs.Category)
		j.kstr("controlName", cs.Name)
		j.kstr("description", cs.Description)
		num(j, "score", cs.Score)
		pct := 0.0
		if cs.Max > 0 {
			pct = round2(cs.Score / cs.Max * 100)
		}
		num(j, "scoreInPercentage", pct)
		status := "Not implemented"
		switch {
		case cs.Score >= cs.Max:
			status = "Implemented"
		case cs.Score > 0:
			status = "Partially implemented"
		}
		j.kstr("implementationStatus", status)
		j.kstr("lastSynced", day+"T03:41:12Z")
		j.knum("count", int64(cs.Count))
		j.knum("total", int64(cs.Total))
		j.endObj()
	}
	j.endArr()
	writeVendor(j)
	j.endObj()
}

func writeVendor(j *jw) {
	j.key("vendorInformation")
	j.obj()
	j.kstr("provider", "SecureScore")
	j.knull("providerVersion")
	j.knull("subProvider")
	j.kstr("vendor", "Microsoft")
	j.endObj()
}

// secureScoreControlProfiles: GET /security/secureScoreControlProfiles.
func (s *Sim) secureScoreControlProfiles(c *gctx) {
	if !c.needScope(scopesSecurity...) {
		return
	}
	if !c.hasRole(rolesSecureScore...) {
		c.fail(http.StatusForbidden, codeDenied, msgInsufficient)
		return
	}
	var ps []*ControlProfile
	if c.t.Security != nil {
		ps = c.t.Security.ControlProfiles
	}
	top, skip, ok := topSkip(c, len(ps), 0)
	if !ok {
		return
	}
	end := min(skip+top, len(ps))
	modified := s.refDay.AddDate(0, 0, -19)
	var j jw
	j.obj()
	j.kstr("@odata.context", c.base+"/$metadata#security/secureScoreControlProfiles")
	if c.q.Get("$top") != "" && end < len(ps) {
		j.kstr("@odata.nextLink", skipLink(c, end))
	}
	j.key("value")
	j.arr()
	for _, p := range ps[skip:end] {
		j.obj()
		j.kstr("id", p.ID)
		j.kstr("azureTenantId", c.t.ID)
		j.kstr("actionType", p.ActionType)
		j.kstr("actionUrl", p.ActionURL)
		j.kstr("controlCategory", p.Category)
		j.kstr("title", p.Title)
		j.kbool("deprecated", false)
		j.kstr("implementationCost", p.ImplementationCost)
		j.ktime("lastModifiedDateTime", modified)
		num(&j, "maxScore", p.MaxScore)
		j.knum("rank", int64(p.Rank))
		j.kstr("remediation", p.Remediation)
		j.kstr("remediationImpact", p.RemediationImpact)
		j.kstr("service", p.Service)
		j.kstrs("threats", p.Threats)
		j.kstr("tier", p.Tier)
		j.kstr("userImpact", p.UserImpact)
		j.key("complianceInformation")
		j.arr()
		j.obj()
		j.kstr("certificationName", "NIST SP 800-53 Rev. 5")
		j.key("certificationControls")
		j.arr()
		j.obj()
		j.kstr("name", "IA-2")
		j.kstr("url", "https://csrc.nist.gov/")
		j.endObj()
		j.endArr()
		j.endObj()
		j.endArr()
		j.key("controlStateUpdates")
		j.arr()
		if p.StateComment != "" {
			j.obj()
			j.kstr("assignedTo", "")
			j.kstr("comment", p.StateComment)
			j.kstr("state", "reviewed")
			j.kstr("updatedBy", p.StateBy)
			j.ktime("updatedDateTime", s.refDay.AddDate(0, -2, 0).Add(13*3600e9))
			j.endObj()
		}
		j.endArr()
		writeVendor(&j)
		j.endObj()
	}
	j.endArr()
	j.endObj()
	c.writeJSON(http.StatusOK, j.b)
}
