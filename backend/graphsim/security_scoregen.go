package graphsim

// Secure Score generation: 90 days, newest first. Every control has a score
// before and after a change day, so the history shows a visible step (up
// for most tenants, down for the one that let things slip).

type controlDef struct {
	name, category, title, service, tier, cost, impact string
	max                                                float64
	threats                                            []string
}

var demoControls = []controlDef{
	{"AdminMFAV2", "Identity", "Require MFA for administrative roles", "AzureAD", "Core", "Low", "Low", 10, []string{"accountBreach", "elevationOfPrivilege", "phishingOrWhaling"}},
	{"MFARegistrationV2", "Identity", "Ensure all users can complete multifactor authentication for secure access", "AzureAD", "Core", "Moderate", "Moderate", 9, []string{"accountBreach", "passwordCracking", "phishingOrWhaling"}},
	{"BlockLegacyAuthentication", "Identity", "Enable policy to block legacy authentication", "AzureAD", "Core", "Moderate", "Moderate", 7, []string{"accountBreach", "passwordCracking"}},
	{"SelfServicePasswordReset", "Identity", "Enable self-service password reset", "AzureAD", "Core", "Low", "Low", 1, []string{"accountBreach"}},
	{"PWAgePolicyNew", "Identity", "Set the password expiration policy to never expire", "AzureAD", "Core", "Low", "Low", 8, []string{"passwordCracking"}},
	{"mdo_safelinksforemail", "Apps", "Ensure Safe Links for email is enabled", "MDO", "Core", "Low", "Low", 8, []string{"phishingOrWhaling"}},
	{"mdo_atpprotection", "Apps", "Turn on Defender for Office 365 in SharePoint, OneDrive, and Teams", "MDO", "Defense in Depth", "Low", "Low", 5, []string{"dataExfiltration"}},
	{"scid_2006", "Device", "Turn on Microsoft Defender Antivirus PUA protection in block mode", "MDATP", "Core", "Low", "Low", 6, []string{"maliciousInsider"}},
}

// scores builds the history and the control profiles.
func (g *secGen) scores(scen string) {
	t := g.t
	active, licensed, members, registered, admins, adminsReg := 0, 0, 0, 0, 0, 0
	for _, u := range t.Users {
		if u.Deleted || u.IsResource() {
			continue
		}
		if u.AccountEnabled {
			active++
		}
		if len(u.AssignedLicenses) > 0 {
			licensed++
		}
		if !u.IsGuest() {
			members++
			if u.MFARegistered() {
				registered++
			}
		}
		if g.isPrivileged(u) {
			admins++
			if u.MFARegistered() {
				adminsReg++
			}
		}
	}
	caMFA := scen == scenCAFull || scen == scenCASimple || scen == scenCAOffice365 || scen == scenMixedScopes || scen == scenAdminsOnly
	sd := g.st.SecurityDefaults
	final := map[string]float64{}
	for _, c := range demoControls {
		v := 0.0
		switch c.name {
		case "AdminMFAV2":
			if sd || caMFA {
				v = c.max
			}
		case "MFARegistrationV2":
			v = c.max * float64(registered) / float64(max(members, 1))
			if sd {
				v = c.max
			}
		case "BlockLegacyAuthentication":
			if g.tr.LegacyAuthBlocked {
				v = c.max
			}
		default:
			v = c.max * float64(g.r.IntN(5)) / 4
		}
		final[c.name] = round2(v)
	}
	// the change: most tenants improved (controls were lower before the
	// change day); one in five slipped (higher before)
	changeDay := 20 + g.r.IntN(50)
	declined := scen == scenNone || g.r.IntN(5) == 0
	before := map[string]float64{}
	for _, c := range demoControls {
		f := final[c.name]
		switch {
		case declined:
			before[c.name] = round2(min(c.max, f+c.max*0.5))
		case f > 0:
			before[c.name] = round2(f * float64(g.r.IntN(3)) / 4)
		default:
			before[c.name] = 0
		}
	}
	seatLo, seatHi := 1, 5
	switch n := len(t.Users); {
	case n > 1000:
		seatLo, seatHi = 1001, 5000
	case n > 100:
		seatLo, seatHi = 101, 1000
	case n > 10:
		seatLo, seatHi = 11, 100
	}
	for i := 0; i < 90; i++ {
		d := &SecureScoreDay{Date: g.ref.AddDate(0, 0, -i), ActiveUsers: active, LicensedUsers: licensed,
			AllTenantsAvg: 48.37, SeatSizeAvg: 44.81, SeatRangeLower: seatLo, SeatRangeUpp: seatHi}
		for _, c := range demoControls {
			v := final[c.name]
			if i >= changeDay {
				v = before[c.name]
			}
			cs := ControlScore{Category: c.category, Name: c.name, Description: c.title, Score: v, Max: c.max, Count: int(v / c.max * 10), Total: 10}
			switch c.name {
			case "MFARegistrationV2":
				cs.Count, cs.Total = registered, members
			case "AdminMFAV2":
				cs.Count, cs.Total = adminsReg, admins
			}
			d.Controls = append(d.Controls, cs)
		}
		g.st.SecureScores = append(g.st.SecureScores, d)
	}
	for i, c := range demoControls {
		p := &ControlProfile{ID: c.name, Title: c.title, Category: c.category, Service: c.service, ActionType: "Config",
			ActionURL: "https://security.microsoft.com/securescore?viewid=actions", Tier: c.tier, ImplementationCost: c.cost,
			UserImpact: c.impact, MaxScore: c.max, Rank: i + 1, Threats: c.threats,
			Remediation: c.title + ".", RemediationImpact: "Users may notice the change at next sign-in."}
		if c.name == "BlockLegacyAuthentication" && !g.tr.LegacyAuthBlocked {
			p.StateComment, p.StateBy = "Old scanner uses SMTP AUTH - review next quarter", t.Admin.UserPrincipalName
		}
		g.st.ControlProfiles = append(g.st.ControlProfiles, p)
	}
	g.tr.ScoreDays = len(g.st.SecureScores)
	g.tr.ScoreCurrent = g.st.SecureScores[0].Current()
	g.tr.ScoreMax = g.st.SecureScores[0].MaxScore()
	g.tr.ScoreFirst = g.st.SecureScores[len(g.st.SecureScores)-1].Current()
}
