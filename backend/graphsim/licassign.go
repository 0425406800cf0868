package graphsim

import (
	"net/http"
	"strings"
)

// Licence assignment: user.licenseAssignmentStates (GRAPH-FACTS §17),
// POST /users/{id|upn}/assignLicense (§18) and the licensing groups' error
// lists (§17).

// scopesLicenseWrite may call assignLicense; the token must carry one.
var scopesLicenseWrite = []string{"LicenseAssignment.ReadWrite.All", "Directory.ReadWrite.All", "User.ReadWrite.All"}

// rolesLicenseWrite may assign licences (delegated).
var rolesLicenseWrite = []string{RoleGlobalAdministrator, RoleLicenseAdministrator, RoleUserAdministrator, RoleDirectoryWriters}

var scopesLicenseGroups = []string{"GroupMember.Read.All", "Group.Read.All", "Directory.Read.All", "Group.ReadWrite.All",
	"GroupMember.ReadWrite.All", "Directory.ReadWrite.All"}

// Error messages of assignLicense (observed in third-party code; Microsoft
// documents none — GRAPH-FACTS §18).
const (
	MsgLicenseInherited      = "User license is inherited from a group membership and it cannot be removed directly from the user."
	MsgLicenseNotAssigned    = "User does not have a corresponding license."
	MsgLicenseUsageLocation  = "License assignment cannot be done for user with invalid usage location."
	msgLicenseNoSeatsFmt     = "Subscription with SKU %s does not have any available licenses."
	msgLicenseUnknownSkuFmt  = "License %s does not correspond to a valid company License."
	msgAssignLicenseMissings = "One or more parameters of the function import 'assignLicense' are missing from the request payload. The missing parameters are: "
)

// routeLicensing answers the licensing routes; false when not one of them.
func (s *Sim) routeLicensing(c *gctx) bool {
	segs := c.segs
	n := len(segs)
	switch {
	case n >= 2 && segs[0] == "directory" && segs[1] == "subscriptions" && n <= 3:
		key := ""
		if n == 3 {
			key = segs[2]
		}
		s.serveSubscriptions(c, key)
		return true
	case n == 2 && segs[0] == "directory" && strings.HasPrefix(segs[1], "subscriptions("):
		s.serveSubscriptions(c, segs[1])
		return true
	case n == 3 && segs[0] == "users" && (segs[2] == "assignLicense" || segs[2] == "microsoft.graph.assignLicense"):
		if c.r.Method != http.MethodPost {
			c.fail(http.StatusMethodNotAllowed, codeBadRequest, "Specified HTTP method is not allowed for the request target.")
			return true
		}
		s.assignLicense(c, segs[1])
		return true
	case n == 1 && segs[0] == "groups" && strings.Contains(strings.ToLower(c.q.Get("$filter")), "hasmemberswithlicenseerrors"):
		s.groupsWithLicenseErrors(c)
		return true
	case n == 3 && segs[0] == "groups" && segs[2] == "membersWithLicenseErrors" && c.t.lic().groupByID(segs[1]) != nil:
		s.membersWithLicenseErrors(c, segs[1])
		return true
	case n == 2 && segs[0] == "groups" && c.t.lic().groupByID(segs[1]) != nil && c.r.Method == http.MethodGet:
		s.licenseGroup(c, segs[1])
		return true
	}
	return false
}

// writeLicenseStates writes user.licenseAssignmentStates.
func (s *Sim) writeLicenseStates(j *jw, t *Tenant, u *User) {
	j.arr()
	if !u.Deleted {
		for _, st := range t.LicenseStates(u) {
			j.obj()
			j.kstrOrNull("assignedByGroup", st.GroupID)
			j.kstrs("disabledPlans", st.DisabledPlans)
			e := st.Error
			if e == "" {
				e = LicErrNone
			}
			j.kstr("error", e)
			j.ktime("lastUpdatedDateTime", st.LastUpdated)
			j.kstr("skuId", st.SkuID)
			j.kstr("state", st.State)
			j.endObj()
		}
	}
	j.endArr()
}

// hasScopeFold reports whether the token carries one of the scopes, in any case.
func (c *gctx) hasScopeFold(names ...string) bool {
	for have := range c.grant.Scopes {
		for _, n := range names {
			if strings.EqualFold(have, n) {
				return true
			}
		}
	}
	return false
}

type assignLicenseBody struct {
	AddLicenses *[]struct {
		SkuID         string   `json:"skuId"`
		DisabledPlans []string `json:"disabledPlans"`
	} `json:"addLicenses"`
	RemoveLicenses *[]string `json:"removeLicenses"`
}

// assignLicense answers POST /users/{id|upn}/assignLicense: 200 + the user,
// or 400/403/404 with the errors GRAPH-FACTS §18 lists. The change is
// all-or-nothing and shows in later reads (no replication delay here).
func (s *Sim) assignLicense(c *gctx, key string) {
	if !c.hasScopeFold(scopesLicenseWrite...) || !c.hasRole(rolesLicenseWrite...) {
		c.fail(http.StatusForbidden, codeDenied, msgInsufficient)
		return
	}
	t := c.t
	u, ok := t.UserByID(key)
	if !ok || u.Deleted {
		c.fail(http.StatusNotFound, codeNotFound, "Resource '"+key+"' does not exist or one of its queried reference-property objects are not present.")
		return
	}
	var body assignLicenseBody
	if err := decodeJSONBody(c.r, &body); err != nil {
		c.fail(http.StatusBadRequest, codeBadRequest, "Invalid request body: the payload must be a JSON object with addLicenses and removeLicenses.")
		return
	}
	var missing []string
	if body.AddLicenses == nil {
		missing = append(missing, "addLicenses")
	}
	if body.RemoveLicenses == nil {
		missing = append(missing, "removeLicenses")
	}
	if len(missing) > 0 {
		c.fail(http.StatusBadRequest, codeBadRequest, msgAssignLicenseMissings+strings.Join(missing, ", ")+".")
		return
	}
	l := t.lic()
	l.mu.Lock()
	states := append([]LicenseState(nil), l.statesOf(u)...)
	l.mu.Unlock()
	// validate everything first: Graph applies all or nothing
	for _, sku := range *body.RemoveLicenses {
		direct, group := false, false
		for _, st := range states {
			if strings.EqualFold(st.SkuID, sku) {
				if st.GroupID == "" {
					direct = true
				} else {
					group = true
				}
			}
		}
		switch {
		case group && !direct:
			c.fail(http.StatusBadRequest, codeBadRequest, MsgLicenseInherited)
			return
		case !direct:
			c.fail(http.StatusBadRequest, codeBadRequest, MsgLicenseNotAssigned)
			return
		}
	}
	for _, a := range *body.AddLicenses {
		if u.UsageLocation == "" {
			c.fail(http.StatusBadRequest, codeBadRequest, MsgLicenseUsageLocation)
			return
		}
		var sku *SKU
		for _, k := range t.SKUs {
			if strings.EqualFold(k.SkuID, a.SkuID) {
				sku = k
			}
		}
		if sku == nil {
			c.fail(http.StatusBadRequest, codeBadRequest, strings.Replace(msgLicenseUnknownSkuFmt, "%s", a.SkuID, 1))
			return
		}
		if !u.HasSku(sku.SkuID) && consumedUnits(t, sku.SkuID) >= sku.Enabled+sku.Warning {
			c.fail(http.StatusBadRequest, codeBadRequest, strings.Replace(msgLicenseNoSeatsFmt, "%s", sku.SkuID, 1))
			return
		}
	}
	now := s.now().UTC()
	_ = s.UpdateUser(t.ID, u.ID, func(u *User) {
		l.mu.Lock()
		defer l.mu.Unlock()
		st := append([]LicenseState(nil), l.statesOf(u)...)
		for _, sku := range *body.RemoveLicenses {
			kept := st[:0]
			for _, x := range st {
				if !(strings.EqualFold(x.SkuID, sku) && x.GroupID == "") {
					kept = append(kept, x)
				}
			}
			st = kept
		}
		for _, a := range *body.AddLicenses {
			found := false
			for i := range st {
				if strings.EqualFold(st[i].SkuID, a.SkuID) && st[i].GroupID == "" {
					st[i].DisabledPlans, st[i].LastUpdated, found = a.DisabledPlans, now, true
				}
			}
			if !found {
				st = append(st, LicenseState{SkuID: strings.ToLower(a.SkuID), DisabledPlans: a.DisabledPlans, State: LicStateActive,
					Error: LicErrNone, LastUpdated: now})
			}
		}
		if l.States == nil {
			l.States = map[string][]LicenseState{}
		}
		l.States[u.ID] = st
		// assignedLicenses: every SKU with an applied (non-Error) state;
		// disabled plans of the direct state win, like the portal shows.
		var al []AssignedLicense
		idx := map[string]int{}
		for _, x := range st {
			if x.State == LicStateError {
				continue
			}
			k := strings.ToLower(x.SkuID)
			if i, ok := idx[k]; ok {
				if x.GroupID == "" {
					al[i].DisabledPlans = x.DisabledPlans
				}
				continue
			}
			idx[k] = len(al)
			al = append(al, AssignedLicense{SkuID: x.SkuID, DisabledPlans: x.DisabledPlans})
		}
		u.AssignedLicenses = al
	})
	var j jw
	j.obj()
	j.kstr("@odata.context", c.base+"/$metadata#users/$entity")
	for _, p := range defaultUserProps {
		j.key(p)
		s.userProp(&j, t, u, p)
	}
	j.endObj()
	c.writeJSON(http.StatusOK, j.b)
}

// consumedUnits counts the non-deleted users holding a SKU.
func consumedUnits(t *Tenant, skuID string) int {
	n := 0
	for _, u := range t.Users {
		if !u.Deleted && u.HasSku(skuID) {
			n++
		}
	}
	return n
}

// groupHasErrors reports whether a member of the group has an error state.
func (l *TenantLicensing) groupHasErrors(t *Tenant, g *LicenseGroup) []*User {
	var out []*User
	for _, u := range t.Users {
		if u.Deleted {
			continue
		}
		for _, st := range l.statesOf(u) {
			if st.GroupID == g.ID && st.Error != "" && st.Error != LicErrNone {
				out = append(out, u)
				break
			}
		}
	}
	return out
}

// groupsWithLicenseErrors: GET /groups?$filter=hasMembersWithLicenseErrors eq true.
func (s *Sim) groupsWithLicenseErrors(c *gctx) {
	if c.r.Method != http.MethodGet {
		c.fail(http.StatusMethodNotAllowed, codeBadRequest, "Specified HTTP method is not allowed for the request target.")
		return
	}
	if !c.needScope(scopesLicenseGroups...) {
		return
	}
	if strings.EqualFold(c.r.Header.Get("ConsistencyLevel"), "eventual") || c.q.Get("$count") != "" {
		c.fail(http.StatusBadRequest, codeUnsupportedQuery, "Unsupported or invalid query filter clause specified for property 'hasMembersWithLicenseErrors' of resource 'Group'.")
		return
	}
	f := strings.Join(strings.Fields(strings.ToLower(c.q.Get("$filter"))), " ")
	if f != "hasmemberswithlicenseerrors eq true" {
		c.fail(http.StatusBadRequest, codeUnsupportedQuery, "Unsupported or invalid query filter clause specified for property 'hasMembersWithLicenseErrors' of resource 'Group'.")
		return
	}
	top, offset, ok := c.pageParams(100, 999, false)
	if !ok {
		return
	}
	props := []string{"id", "displayName", "assignedLicenses"}
	selected := c.q.Get("$select") != ""
	if selected {
		props = nil
		for _, p := range strings.Split(c.q.Get("$select"), ",") {
			switch strings.ToLower(strings.TrimSpace(p)) {
			case "id":
				props = append(props, "id")
			case "displayname":
				props = append(props, "displayName")
			case "assignedlicenses":
				props = append(props, "assignedLicenses")
			}
		}
	}
	t := c.t
	l := t.lic()
	l.mu.Lock()
	var groups []*LicenseGroup
	for _, g := range l.Groups {
		if len(l.groupHasErrors(t, g)) > 0 {
			groups = append(groups, g)
		}
	}
	l.mu.Unlock()
	start := min(offset, len(groups))
	end := min(start+top, len(groups))
	var j jw
	j.obj()
	ctx := c.base + "/$metadata#groups"
	if selected {
		ctx += "(" + strings.Join(props, ",") + ")"
	}
	j.kstr("@odata.context", ctx)
	if end < len(groups) {
		j.kstr("@odata.nextLink", c.nextLink(end))
	}
	j.key("value")
	j.arr()
	for _, g := range groups[start:end] {
		writeLicenseGroup(&j, g, props)
	}
	j.endArr()
	j.endObj()
	c.writeJSON(http.StatusOK, j.b)
}

func writeLicenseGroup(j *jw, g *LicenseGroup, props []string) {
	j.obj()
	for _, p := range props {
		switch p {
		case "id":
			j.kstr("id", g.ID)
		case "displayName":
			j.kstr("displayName", g.DisplayName)
		case "assignedLicenses":
			j.key("assignedLicenses")
			j.arr()
			for _, sku := range g.SkuIDs {
				j.obj()
				j.kstrs("disabledPlans", nil)
				j.kstr("skuId", sku)
				j.endObj()
			}
			j.endArr()
		}
	}
	j.endObj()
}

// membersWithLicenseErrors: GET /groups/{id}/membersWithLicenseErrors.
func (s *Sim) membersWithLicenseErrors(c *gctx, id string) {
	if c.r.Method != http.MethodGet {
		c.fail(http.StatusMethodNotAllowed, codeBadRequest, "Specified HTTP method is not allowed for the request target.")
		return
	}
	if !c.needScope(scopesLicenseGroups...) {
		return
	}
	top, offset, ok := c.pageParams(100, 999, false)
	if !ok {
		return
	}
	t := c.t
	l := t.lic()
	l.mu.Lock()
	users := l.groupHasErrors(t, l.groupByID(id))
	l.mu.Unlock()
	start := min(offset, len(users))
	end := min(start+top, len(users))
	var j jw
	j.obj()
	j.kstr("@odata.context", c.base+"/$metadata#directoryObjects")
	if end < len(users) {
		j.kstr("@odata.nextLink", c.nextLink(end))
	}
	j.key("value")
	j.arr()
	for _, u := range users[start:end] {
		j.obj()
		j.kstr("@odata.type", "#microsoft.graph.user")
		j.kstr("id", u.ID)
		j.kstrOrNull("displayName", u.DisplayName)
		j.kstr("userPrincipalName", u.UserPrincipalName)
		j.endObj()
	}
	j.endArr()
	j.endObj()
	c.writeJSON(http.StatusOK, j.b)
}

// licenseGroup: GET /groups/{id} of a licensing group (id, displayName,
// assignedLicenses; only those are known here).
func (s *Sim) licenseGroup(c *gctx, id string) {
	if !c.needScope(scopesLicenseGroups...) {
		return
	}
	g := c.t.lic().groupByID(id)
	var j jw
	j.obj()
	j.kstr("@odata.context", c.base+"/$metadata#groups/$entity")
	j.kstr("id", g.ID)
	j.kstr("displayName", g.DisplayName)
	j.key("assignedLicenses")
	j.arr()
	for _, sku := range g.SkuIDs {
		j.obj()
		j.kstrs("disabledPlans", nil)
		j.kstr("skuId", sku)
		j.endObj()
	}
	j.endArr()
	j.endObj()
	c.writeJSON(http.StatusOK, j.b)
}
