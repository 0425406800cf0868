package graphsim

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// defaultUserProps is Graph's default user property set (order as served).
var defaultUserProps = []string{"businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone",
	"officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id"}

// userProps are the selectable user properties the emulator knows.
var userProps = map[string]bool{
	"id": true, "businessPhones": true, "displayName": true, "givenName": true, "jobTitle": true, "mail": true,
	"mobilePhone": true, "officeLocation": true, "preferredLanguage": true, "surname": true, "userPrincipalName": true,
	"accountEnabled": true, "userType": true, "assignedLicenses": true, "createdDateTime": true, "department": true,
	"onPremisesSyncEnabled": true, "signInActivity": true, "proxyAddresses": true, "usageLocation": true,
	"companyName": true, "deletedDateTime": true, "mailNickname": true, "otherMails": true,
	"employeeId": true, "city": true, "state": true, "country": true, "creationType": true,
	"externalUserState": true, "onPremisesImmutableId": true, "onPremisesLastSyncDateTime": true,
	"assignedPlans": true, "licenseAssignmentStates": true, "lastPasswordChangeDateTime": true,
}

// singleEntityProps can only be read on one user, never on the collection.
var singleEntityProps = map[string]bool{
	"aboutMe": true, "birthday": true, "hireDate": true, "interests": true, "mySite": true, "pastProjects": true,
	"preferredName": true, "responsibilities": true, "schools": true, "skills": true, "mailboxSettings": true,
}

// parseSelect resolves $select into the property list; ok=false when an
// error was written.
func (c *gctx) parseSelect(collection bool) ([]string, bool) {
	raw := c.q.Get("$select")
	if raw == "" {
		return defaultUserProps, true
	}
	seen := map[string]bool{}
	var props []string
	for _, p := range strings.Split(raw, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		name := canonicalProp(p)
		if singleEntityProps[name] && collection {
			c.fail(http.StatusNotImplemented, "NotImplemented", "This operation target is not yet supported.")
			return nil, false
		}
		if !userProps[name] && !singleEntityProps[name] {
			c.fail(http.StatusBadRequest, "BadRequest", "Could not find a property named '"+p+"' on type 'microsoft.graph.user'.")
			return nil, false
		}
		if !seen[name] {
			seen[name] = true
			props = append(props, name)
		}
	}
	if !seen["id"] {
		props = append(props, "id")
	}
	return props, true
}

// canonicalProp maps case-insensitive property names to Graph's casing.
func canonicalProp(p string) string {
	if userProps[p] || singleEntityProps[p] {
		return p
	}
	for k := range userProps {
		if strings.EqualFold(k, p) {
			return k
		}
	}
	for k := range singleEntityProps {
		if strings.EqualFold(k, p) {
			return k
		}
	}
	return p
}

func hasProp(props []string, name string) bool {
	for _, p := range props {
		if p == name {
			return true
		}
	}
	return false
}

// writeUser writes one user object with the given properties.
func (s *Sim) writeUser(j *jw, t *Tenant, u *User, props []string) {
	j.obj()
	for _, p := range props {
		j.key(p)
		s.userProp(j, t, u, p)
	}
	j.endObj()
}

func (s *Sim) userProp(j *jw, t *Tenant, u *User, p string) {
	switch p {
	case "id":
		j.str(u.ID)
	case "businessPhones":
		if u.BusinessPhone == "" {
			j.strs(nil)
		} else {
			j.strs([]string{u.BusinessPhone})
		}
	case "displayName":
		j.strOrNull(u.DisplayName)
	case "givenName":
		j.strOrNull(u.GivenName)
	case "surname":
		j.strOrNull(u.Surname)
	case "jobTitle":
		j.strOrNull(u.JobTitle)
	case "mail":
		if u.Deleted {
			j.null()
		} else {
			j.strOrNull(u.Mail)
		}
	case "mobilePhone":
		j.strOrNull(u.MobilePhone)
	case "officeLocation":
		j.strOrNull(u.OfficeLocation)
	case "preferredLanguage":
		j.strOrNull(u.PreferredLanguage)
	case "userPrincipalName":
		if u.Deleted {
			j.str(stripHyphens(u.ID) + u.UserPrincipalName)
		} else {
			j.str(u.UserPrincipalName)
		}
	case "accountEnabled":
		j.boolean(u.AccountEnabled)
	case "userType":
		j.str(u.UserType)
	case "assignedLicenses":
		j.arr()
		for _, al := range u.AssignedLicenses {
			j.obj()
			j.kstrs("disabledPlans", al.DisabledPlans)
			j.kstr("skuId", al.SkuID)
			j.endObj()
		}
		j.endArr()
	case "createdDateTime":
		j.time(u.CreatedDateTime)
	case "department":
		j.strOrNull(u.Department)
	case "onPremisesSyncEnabled":
		if u.OnPremisesSyncEnabled == nil {
			j.null()
		} else {
			j.boolean(*u.OnPremisesSyncEnabled)
		}
	case "signInActivity":
		s.writeSignIn(j, u)
	case "proxyAddresses":
		j.strs(u.ProxyAddresses)
	case "usageLocation":
		j.strOrNull(u.UsageLocation)
	case "companyName":
		j.strOrNull(u.CompanyName)
	case "deletedDateTime":
		if u.Deleted {
			j.time(u.DeletedDateTime)
		} else {
			j.null()
		}
	case "mailNickname":
		local, _, _ := strings.Cut(u.UserPrincipalName, "@")
		j.str(local)
	case "creationType":
		if u.IsGuest() {
			j.str("Invitation")
		} else {
			j.null()
		}
	case "externalUserState":
		if u.IsGuest() {
			j.str("Accepted")
		} else {
			j.null()
		}
	case "onPremisesLastSyncDateTime":
		if u.OnPremisesSyncEnabled != nil && *u.OnPremisesSyncEnabled {
			j.time(s.refDay.Add(-3 * 3600e9))
		} else {
			j.null()
		}
	case "licenseAssignmentStates":
		s.writeLicenseStates(j, t, u) // licassign.go
	case "otherMails", "assignedPlans":
		j.strs(nil)
	default: // employeeId, city, state, country, onPremisesImmutableId, lastPasswordChangeDateTime, single-entity props
		j.null()
	}
}

func (s *Sim) writeSignIn(j *jw, u *User) {
	a := u.SignIn
	if a == nil {
		j.null()
		return
	}
	reqID := func(t time.Time, id, salt string) {
		switch {
		case t.IsZero():
			j.null()
		case id != "":
			j.str(id)
		default:
			j.str(seededGUIDFrom(u.ID + salt + t.Format(time.RFC3339)))
		}
	}
	j.obj()
	j.ktime("lastSignInDateTime", a.LastSignIn)
	j.key("lastSignInRequestId")
	reqID(a.LastSignIn, a.LastSignInRequestID, "i")
	j.ktime("lastNonInteractiveSignInDateTime", a.LastNonInteractive)
	j.key("lastNonInteractiveSignInRequestId")
	reqID(a.LastNonInteractive, a.LastNonInteractiveReqID, "n")
	j.ktime("lastSuccessfulSignInDateTime", a.LastSuccessful)
	j.key("lastSuccessfulSignInRequestId")
	if !a.LastSuccessful.IsZero() && a.LastSuccessfulReqID == "" {
		// the successful sign-in is one of the two above: same request id
		if a.LastSuccessful.Equal(a.LastNonInteractive) {
			reqID(a.LastNonInteractive, a.LastNonInteractiveReqID, "n")
		} else {
			reqID(a.LastSignIn, a.LastSignInRequestID, "i")
		}
	} else {
		reqID(a.LastSuccessful, a.LastSuccessfulReqID, "s")
	}
	j.endObj()
}

// contextURL builds @odata.context for a user collection.
func (c *gctx) contextURL(entitySet string, props []string, selected bool) string {
	u := c.base + "/$metadata#" + entitySet
	if selected {
		u += "(" + strings.Join(props, ",") + ")"
	}
	return u
}

// pageParams reads $top (bounded) and $skiptoken; ok=false when answered.
func (c *gctx) pageParams(def, max int, signIn bool) (top, offset int, ok bool) {
	top = def
	if v := c.q.Get("$top"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			c.fail(http.StatusBadRequest, codeBadRequest, "Invalid value '"+v+"' for $top query option found.")
			return 0, 0, false
		}
		if signIn && n > max {
			n = max // silently capped with signInActivity
		}
		if n < 1 || n > max {
			c.fail(http.StatusBadRequest, codeUnsupportedQuery, "Invalid page size specified: '"+v+"'. Must be between 1 and "+strconv.Itoa(max)+" inclusive.")
			return 0, 0, false
		}
		top = n
	}
	if v := c.q.Get("$skiptoken"); v != "" {
		off, good := decodeSkipToken(v)
		if !good {
			c.fail(http.StatusBadRequest, codeBadRequest, "The specified page token value has expired and can no longer be included in your request.")
			return 0, 0, false
		}
		offset = off
	}
	if c.q.Get("$skip") != "" {
		c.fail(http.StatusBadRequest, codeBadRequest, "'$skip' is not supported by the service.")
		return 0, 0, false
	}
	return top, offset, true
}

const skipTokenMagic = "DSpt\x02\x00\x01\x00\x00\x00"

func encodeSkipToken(offset int) string {
	return "RFNwdAIAAQAAA" + base64.RawURLEncoding.EncodeToString([]byte(skipTokenMagic+"#"+strconv.Itoa(offset)+"#User"))
}

func decodeSkipToken(v string) (int, bool) {
	rest, ok := strings.CutPrefix(v, "RFNwdAIAAQAAA")
	if !ok {
		return 0, false
	}
	b, err := base64.RawURLEncoding.DecodeString(rest)
	if err != nil {
		return 0, false
	}
	parts := strings.Split(strings.TrimPrefix(string(b), skipTokenMagic), "#")
	if len(parts) != 3 {
		return 0, false
	}
	n, err := strconv.Atoi(parts[1])
	if err != nil || n < 0 {
		return 0, false
	}
	return n, true
}

// nextLink rebuilds the request URL with every original option plus
// $skiptoken, `$` unencoded as Graph writes it.
func (c *gctx) nextLink(offset int) string {
	var b strings.Builder
	b.WriteString(c.base)
	b.WriteString("/" + strings.Join(c.segs, "/"))
	sep := byte('?')
	for _, kv := range strings.Split(c.r.URL.RawQuery, "&") {
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		name, err := unescapeQuery(k)
		if err != nil {
			continue
		}
		n := strings.ToLower(strings.TrimPrefix(name, "$"))
		if n == "skiptoken" {
			continue
		}
		val, err := unescapeQuery(v)
		if err != nil {
			continue
		}
		b.WriteByte(sep)
		sep = '&'
		b.WriteString(name)
		b.WriteByte('=')
		b.WriteString(escapeQueryValue(val))
	}
	b.WriteByte(sep)
	b.WriteString("$skiptoken=")
	b.WriteString(encodeSkipToken(offset))
	return b.String()
}

func unescapeQuery(s string) (string, error) {
	return urlQueryUnescape(s)
}

// escapeQueryValue escapes what must be escaped in a query value but keeps
// Graph's readable characters (, ' ( ) / : $) as they are.
func escapeQueryValue(v string) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		ch := v[i]
		switch {
		case ch >= 'a' && ch <= 'z', ch >= 'A' && ch <= 'Z', ch >= '0' && ch <= '9',
			strings.IndexByte("-_.~,'()/:$@!*;", ch) >= 0:
			b.WriteByte(ch)
		default:
			b.WriteByte('%')
			b.WriteByte("0123456789ABCDEF"[ch>>4])
			b.WriteByte("0123456789ABCDEF"[ch&15])
		}
	}
	return b.String()
}
