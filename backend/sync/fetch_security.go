package sync

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	gosync "sync"
	"time"

	"tenantlens/backend/config"
	"tenantlens/backend/derive"
	"tenantlens/backend/graph"
	"tenantlens/backend/types"
)

// Security posture (GRAPH-FACTS §11-§15). fetchSecurity runs beside the
// other reads; fetchSecurityUsers runs once the users are known (per-user
// MFA states, only for users whose enforcement they can decide). Nothing
// here fails the run: each missing permission, role or licence becomes a
// note naming the fix, and only cancellation is returned.

// fetchSecurity reads security defaults, CA policies (when the tenant has
// Entra ID P1), role assignments, the referenced groups' members, Secure
// Score (90 days on the first sync, new days after) and control profiles.
func (j *job) fetchSecurity(ctx context.Context, f *fetched, skus *future[graph.Subscriptions]) error {
	c := j.client
	sec := &types.Security{CA: types.CAUnknown}
	var roles []graph.RoleAssignment
	g := newGroup(ctx)
	g.Go(func(ctx context.Context) error {
		on, err := c.SecurityDefaults(ctx)
		if err != nil {
			return noteSecurity(sec, "securityDefaults", err)
		}
		sec.SecurityDefaults = &on
		return nil
	})
	g.Go(func(ctx context.Context) error {
		s, err := skus.get(ctx)
		if err != nil {
			return ctx.Err() // the licences step fails the run itself
		}
		if !s.HasP1 {
			sec.CA = types.CANotLicensed
			addNote(sec, "conditionalAccess", noP1Note)
			return nil
		}
		pols, err := c.ConditionalAccessPolicies(ctx)
		if err != nil {
			if graph.IsNoP1(err) {
				sec.CA = types.CANotLicensed
				addNote(sec, "conditionalAccess", noP1Note+" (Graph answered: "+err.Error()+")")
				return nil
			}
			return noteSecurity(sec, "conditionalAccess", err)
		}
		sec.CA, sec.Policies = types.CAKnown, pols
		return nil
	})
	g.Go(func(ctx context.Context) error {
		r, err := c.RoleAssignments(ctx)
		if err != nil {
			return noteSecurity(sec, "roles", err)
		}
		roles, sec.RolesRead = r, true
		return nil
	})
	g.Go(func(ctx context.Context) error {
		if err := j.notOffered(ctx, config.CapSecureScore); err != nil { // cloud.go
			addNote(sec, "secureScore", err.Error())
			return nil
		}
		want := j.secureScoreDaysWanted(ctx)
		if want == 0 {
			sec.ScoreRead = true
			j.logf(types.LogInfo, "secure score: today's score is already stored (Microsoft computes it once a day)")
			return nil
		}
		days, partial, err := c.SecureScores(ctx, want)
		if err != nil {
			return noteSecurity(sec, "secureScore", err)
		}
		sec.ScoreRead, sec.ScorePartial, sec.ScoreDays = true, partial, days
		j.logf(types.LogInfo, "secure score: %d day(s) read (asked for %d)", len(days), want)
		return nil
	})
	if err := g.Wait(); err != nil {
		return err
	}
	sort.SliceStable(sec.Notes, func(a, b int) bool { return noteOrder[sec.Notes[a].Area] < noteOrder[sec.Notes[b].Area] })
	if sec.ScorePartial {
		sec.Notes = append(sec.Notes, types.SecurityNote{Area: "secureScore",
			Message: "Secure Score answered 206 Partial Content (a Microsoft provider failed): the newest day may be incomplete; the next sync reads it again"})
	}
	if err := j.securityMembers(ctx, sec, roles); err != nil {
		return err
	}
	f.security = sec
	return nil
}

// secureScoreDaysWanted: 90 on the first sync; afterwards the days since
// the newest stored day, that day included (Microsoft may still update
// it); 0 when today's day is stored already.
func (j *job) secureScoreDaysWanted(ctx context.Context) int {
	last, err := j.e.o.Store.SecureScoreLatestDay(ctx, j.tenantID)
	if err != nil || last == "" {
		return graph.SecureScoreDaysHeld
	}
	d, err := time.Parse("2006-01-02", last)
	if err != nil {
		return graph.SecureScoreDaysHeld
	}
	today := j.e.o.Now().UTC().Truncate(24 * time.Hour)
	if !d.Before(today) {
		return 0 // today's day is stored: nothing new until tomorrow
	}
	n := int(today.Sub(d).Hours()/24) + 1
	return max(1, min(n, graph.SecureScoreDaysHeld))
}

// securityMembers turns role assignments and the referenced groups'
// transitive members into per-user facts.
func (j *job) securityMembers(ctx context.Context, sec *types.Security, roles []graph.RoleAssignment) error {
	c := j.client
	groups := map[string]bool{}
	for _, p := range sec.Policies {
		for _, id := range append(append([]string{}, p.IncludeGroups...), p.ExcludeGroups...) {
			groups[strings.ToLower(id)] = true
		}
	}
	for _, r := range roles {
		if r.PrincipalType == "group" {
			groups[strings.ToLower(r.PrincipalID)] = true
		}
	}
	ids := make([]string, 0, len(groups))
	for id := range groups {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	members := map[string][]string{} // group -> user ids
	sec.MembershipRead = true
	for _, id := range ids {
		m, err := c.GroupUserMembers(ctx, id)
		if err != nil {
			var ge *graph.Error
			if errors.As(err, &ge) && ge.Status == 404 {
				continue // the policy names a deleted group: no members
			}
			if e := noteSecurity(sec, "membership", err); e != nil {
				return e
			}
			sec.MembershipRead = false
			break
		}
		members[id] = m
	}
	facts := map[string]*types.UserSecurity{}
	fact := func(uid string) *types.UserSecurity {
		k := strings.ToLower(uid)
		if facts[k] == nil {
			facts[k] = &types.UserSecurity{UserID: uid}
		}
		return facts[k]
	}
	policyGroups := map[string]bool{}
	for _, p := range sec.Policies {
		for _, id := range append(append([]string{}, p.IncludeGroups...), p.ExcludeGroups...) {
			policyGroups[strings.ToLower(id)] = true
		}
	}
	for gid, us := range members {
		if !policyGroups[gid] {
			continue
		}
		for _, u := range us {
			f := fact(u)
			f.Groups = appendOnce(f.Groups, gid)
		}
	}
	for _, r := range roles {
		if r.DirectoryScopeID != "" && r.DirectoryScopeID != "/" {
			continue // CA role conditions and "privileged" mean tenant-wide roles
		}
		switch r.PrincipalType {
		case "user":
			f := fact(r.PrincipalID)
			f.Roles = appendOnce(f.Roles, strings.ToLower(r.RoleTemplateID))
		case "group":
			for _, u := range members[strings.ToLower(r.PrincipalID)] {
				f := fact(u)
				f.Roles = appendOnce(f.Roles, strings.ToLower(r.RoleTemplateID))
			}
		}
	}
	for _, f := range facts {
		sort.Strings(f.Groups)
		sort.Strings(f.Roles)
		sec.Users = append(sec.Users, *f)
	}
	sort.Slice(sec.Users, func(a, b int) bool { return sec.Users[a].UserID < sec.Users[b].UserID })
	return nil
}

func appendOnce(v []string, s string) []string {
	for _, x := range v {
		if x == s {
			return v
		}
	}
	return append(v, s)
}

// fetchSecurityUsers reads the per-user MFA state of every user whose
// enforcement security defaults or a CA policy covering all sign-ins does
// not already decide.
func (j *job) fetchSecurityUsers(ctx context.Context, f *fetched) error {
	sec := f.security
	if sec == nil {
		return nil
	}
	ts := derive.TenantSecurityOf(sec)
	byID := map[string]int{}
	for i, u := range sec.Users {
		byID[strings.ToLower(u.UserID)] = i
	}
	var need []string
	for _, du := range f.users.Users {
		u := du.User
		if u.Deleted {
			continue
		}
		subj := SubjectOf(&u, sec, byID)
		subj.PerUserMFA = "disabled"
		e := derive.MFAEnforcementFor(ts, subj)
		if e.Source == derive.EnforcedBySecurityDefaults || (e.Source == derive.EnforcedByConditionalAccess && !e.Partial) {
			continue
		}
		need = append(need, u.ID)
	}
	if err := j.controlProfiles(ctx, f); err != nil {
		return err
	}
	// A delta re-sync keeps the states of users the delta did not report
	// (per-user MFA changes are rare; a full sync reads them all again).
	var prev map[string]string
	if f.base != nil && f.base.snap != nil && f.base.snap.Security != nil && f.base.snap.Security.PerUserRead {
		prev = map[string]string{}
		for _, u := range f.base.snap.Security.Users {
			if u.PerUserMFA != "" {
				prev[strings.ToLower(u.UserID)] = u.PerUserMFA
			}
		}
	}
	kept := map[string]string{}
	var read []string
	for _, id := range need {
		k := strings.ToLower(id)
		if st, ok := prev[k]; ok && !f.changed[k] {
			kept[id] = st
			continue
		}
		read = append(read, id)
	}
	sec.PerUserRead = true
	if len(need) == 0 {
		return nil
	}
	states, err := j.client.PerUserMFAStates(ctx, read)
	if err != nil {
		sec.PerUserRead = false
		return noteSecurity(sec, "perUserMfa", err)
	}
	for id, st := range kept {
		states[id] = st
	}
	for _, id := range need {
		st, ok := states[id]
		if !ok {
			continue
		}
		k := strings.ToLower(id)
		if i, ok := byID[k]; ok {
			sec.Users[i].PerUserMFA = st
		} else {
			byID[k] = len(sec.Users)
			sec.Users = append(sec.Users, types.UserSecurity{UserID: id, PerUserMFA: st})
		}
	}
	sort.Slice(sec.Users, func(a, b int) bool { return sec.Users[a].UserID < sec.Users[b].UserID })
	j.logf(types.LogInfo, "security: per-user MFA state read for %d user(s), kept from the last sync for %d", len(read), len(kept))
	return nil
}

// controlProfiles reads the Secure Score improvement actions on a full
// sync; a delta re-sync keeps the last sync's (they change with Microsoft's
// catalogue, not with the tenant).
func (j *job) controlProfiles(ctx context.Context, f *fetched) error {
	sec := f.security
	if f.base != nil && f.base.snap != nil && f.base.snap.Security != nil && len(f.base.snap.Security.ControlProfiles) > 0 {
		sec.ControlProfiles = f.base.snap.Security.ControlProfiles
		return nil
	}
	if err := j.notOffered(ctx, config.CapSecureScore); err != nil { // cloud.go: the Secure Score note says it
		return nil
	}
	p, err := j.client.ControlProfiles(ctx)
	if err != nil {
		return noteSecurity(sec, "controlProfiles", err)
	}
	sec.ControlProfiles = p
	return nil
}

// SubjectOf is derive's view of one user; byID indexes sec.Users by
// lower-case id.
func SubjectOf(u *types.User, sec *types.Security, byID map[string]int) derive.EnforcementSubject {
	s := derive.EnforcementSubject{UserID: u.ID, GuestKind: derive.GuestKindOf(u.UserType, u.UserPrincipalName)}
	if i, ok := byID[strings.ToLower(u.ID)]; ok {
		f := sec.Users[i]
		s.Groups, s.Roles, s.PerUserMFA = f.Groups, f.Roles, f.PerUserMFA
	}
	return s
}

const noP1Note = "No Microsoft Entra ID P1 in this tenant: Conditional Access is not available, so no policy requires MFA here; " +
	"turn on security defaults or per-user MFA, or buy Entra ID P1 (included in Microsoft 365 Business Premium and E3/E5)"

// securityFix names what each area needs (GRAPH-FACTS §11-§15; the GDAP
// relationship must hold the role AND the consent the permission).
var securityFix = map[string]string{
	"securityDefaults":  "grant the Policy.Read.All delegated permission (re-consent TenantLens) and sign in as, or hold through GDAP, Global Reader or Security Reader",
	"conditionalAccess": "grant Policy.Read.All (re-consent TenantLens) and sign in as, or hold through GDAP, Security Reader, Global Reader, Security Administrator or Conditional Access Administrator",
	"roles":             "grant RoleManagement.Read.Directory or Directory.Read.All (re-consent TenantLens) and sign in as, or hold through GDAP, Global Reader, Directory Readers or Privileged Role Administrator",
	"membership":        "grant GroupMember.Read.All or Directory.Read.All (re-consent TenantLens) and sign in as, or hold through GDAP, Directory Readers or Global Reader",
	"perUserMfa":        "grant Policy.Read.All (re-consent TenantLens) and sign in as, or hold through GDAP, Global Reader or Authentication Policy Administrator",
	"secureScore":       "grant SecurityEvents.Read.All (re-consent TenantLens) and sign in as, or hold through GDAP, Security Reader or Global Reader",
	"controlProfiles":   "grant SecurityEvents.Read.All (re-consent TenantLens) and sign in as, or hold through GDAP, Security Reader or Global Reader",
}

var securityWhat = map[string]string{
	"securityDefaults":  "Security defaults",
	"conditionalAccess": "Conditional Access policies",
	"roles":             "Directory role assignments",
	"membership":        "Members of the groups the policies name",
	"perUserMfa":        "Per-user MFA states",
	"secureScore":       "Secure Score",
	"controlProfiles":   "Secure Score improvement actions",
}

// securityProblem is the note for a failed security read.
func securityProblem(area string, err error) string {
	what := securityWhat[area]
	switch graph.ClassOf(err) {
	case graph.ClassConsent, graph.ClassPermission:
		return fmt.Sprintf("%s could not be read (access denied): %s. Until then MFA enforcement that depends on it shows as unknown. (%v)", what, securityFix[area], err)
	case graph.ClassLicense:
		return fmt.Sprintf("%s need a licence this tenant lacks: %v", what, err)
	case graph.ClassReauth:
		return fmt.Sprintf("%s could not be read: the sign-in was refused; reconnect the tenant. (%v)", what, err)
	}
	return fmt.Sprintf("%s could not be read this time (%v): sync again later; if it persists, %s", what, err, securityFix[area])
}

// noteSecurity records a failed read as a note (returning nil), except a
// cancellation, which it returns.
func noteSecurity(sec *types.Security, area string, err error) error {
	if graph.ClassOf(err) == graph.ClassCancelled {
		return err
	}
	addNote(sec, area, securityProblem(area, err))
	return nil
}

// secNotesMu guards Security.Notes while the reads run at once.
var secNotesMu gosync.Mutex

func addNote(sec *types.Security, area, msg string) {
	secNotesMu.Lock()
	sec.Notes = append(sec.Notes, types.SecurityNote{Area: area, Message: msg})
	secNotesMu.Unlock()
}

var noteOrder = map[string]int{"securityDefaults": 0, "conditionalAccess": 1, "roles": 2, "membership": 3, "perUserMfa": 4, "secureScore": 5, "controlProfiles": 6}
