package graphsim

import (
	"net/http"
	"strings"
)

// registrationDetails answers /reports/authenticationMethods/userRegistrationDetails.
func (s *Sim) registrationDetails(c *gctx) {
	if !c.grant.Scopes.hasAny("AuditLog.Read.All") {
		c.fail(http.StatusForbidden, codePermissionMissing, "Calling principal does not have required MSGraph permissions AuditLog.Read.All")
		return
	}
	if !c.hasRole(rolesRegistration...) {
		c.fail(http.StatusForbidden, codeUnsupportedRole, "User is not in the allowed roles")
		return
	}
	if !s.hasP1(c.t) {
		c.fail(http.StatusForbidden, codeNonPremium, "Neither tenant is B2C or tenant doesn't have premium license")
		return
	}
	if c.q.Get("$filter") != "" || c.q.Get("$orderby") != "" || c.q.Get("$search") != "" {
		c.fail(http.StatusBadRequest, codeUnsupportedQuery, "Unsupported Query.")
		return
	}
	top, offset, ok := c.pageParams(s.defaultPageSize(PageRegistrationDetails, 1000), 1000, false)
	if !ok {
		return
	}
	var users []*User
	for _, u := range c.t.Users {
		if !u.Deleted {
			users = append(users, u)
		}
	}
	start := min(offset, len(users))
	end := min(start+top, len(users))
	updated := s.refDay.Add(-22*3600e9 + 2*3600e9 + 11*60e9 + 47.8825617e9)
	j := jw{b: make([]byte, 0, 128+(end-start)*600)}
	j.obj()
	j.kstr("@odata.context", c.base+"/$metadata#reports/authenticationMethods/userRegistrationDetails")
	if end < len(users) {
		j.kstr("@odata.nextLink", c.nextLink(end))
	}
	j.key("value")
	j.arr()
	for _, u := range users[start:end] {
		m := u.Methods
		j.obj()
		j.kstr("id", u.ID)
		j.kstr("userPrincipalName", u.UserPrincipalName)
		j.kstr("userDisplayName", u.DisplayName)
		j.kstr("userType", strings.ToLower(u.UserType))
		j.kbool("isAdmin", u.IsAdmin())
		sspr := m&(MethodMobilePhone|MethodEmail|MethodAuthenticatorPush|MethodSoftwareOTP|MethodAlternateMobilePhone|MethodOfficePhone) != 0
		enabled := !u.IsGuest()
		j.kbool("isSsprRegistered", sspr)
		j.kbool("isSsprEnabled", enabled)
		j.kbool("isSsprCapable", sspr && enabled)
		j.kbool("isMfaRegistered", m.MFACapable())
		j.kbool("isMfaCapable", m.MFACapable())
		j.kbool("isPasswordlessCapable", m.PasswordlessCapable())
		j.kstrs("methodsRegistered", m.Names())
		j.kbool("isSystemPreferredAuthenticationMethodEnabled", true)
		pref := preferredMethod(m)
		if pref == "none" {
			j.kstrs("systemPreferredAuthenticationMethods", nil)
		} else {
			j.kstrs("systemPreferredAuthenticationMethods", []string{pref})
		}
		j.kstr("userPreferredMethodForSecondaryAuthentication", pref)
		j.kstr("lastUpdatedDateTime", updated.UTC().Format("2006-01-02T15:04:05.0000000Z"))
		if c.version == "beta" {
			j.kstr("defaultMfaMethod", defaultMfaMethod(m))
		}
		j.endObj()
	}
	j.endArr()
	j.endObj()
	c.writeJSON(http.StatusOK, j.b)
}

func preferredMethod(m MethodSet) string {
	switch {
	case m&(MethodAuthenticatorPush|MethodAuthenticatorPasswordless) != 0:
		return "push"
	case m&(MethodSoftwareOTP|MethodHardwareOTP) != 0:
		return "oath"
	case m&MethodMobilePhone != 0:
		return "sms"
	case m&MethodOfficePhone != 0:
		return "voiceOffice"
	case m&MethodAlternateMobilePhone != 0:
		return "voiceAlternateMobile"
	}
	return "none"
}

func defaultMfaMethod(m MethodSet) string {
	switch {
	case m&MethodAuthenticatorPush != 0:
		return "microsoftAuthenticatorPush"
	case m&MethodSoftwareOTP != 0:
		return "softwareOneTimePasscode"
	case m&MethodMobilePhone != 0:
		return "mobilePhone"
	case m&MethodAlternateMobilePhone != 0:
		return "alternateMobilePhone"
	case m&MethodOfficePhone != 0:
		return "officePhone"
	}
	return "none"
}

// authMethods answers /users/{id}/authentication/methods.
func (s *Sim) authMethods(c *gctx, key string) {
	if !c.needScope("UserAuthenticationMethod.Read.All", "UserAuthenticationMethod.ReadWrite.All") {
		return
	}
	if !c.hasRole(rolesMethods...) {
		c.fail(http.StatusForbidden, codeDenied, msgInsufficient)
		return
	}
	if len(c.q) > 0 {
		c.fail(http.StatusBadRequest, codeBadRequest, "Query option '"+firstKey(c.q)+"' is not allowed.")
		return
	}
	u, ok := c.t.UserByID(key)
	if !ok || u.Deleted {
		c.fail(http.StatusNotFound, codeNotFound, "Resource '"+key+"' does not exist or one of its queried reference-property objects are not present.")
		return
	}
	var j jw
	collectionStart(&j, c.base+"/$metadata#users('"+u.ID+"')/authentication/methods")
	if !u.IsGuest() {
		j.obj()
		j.kstr("@odata.type", "#microsoft.graph.passwordAuthenticationMethod")
		j.kstr("id", defaultPasswordMethodID)
		j.knull("password")
		j.ktime("createdDateTime", u.CreatedDateTime)
		j.endObj()
	}
	m := u.Methods
	phone := func(id, kind string, salt string) {
		j.obj()
		j.kstr("@odata.type", "#microsoft.graph.phoneAuthenticationMethod")
		j.kstr("id", id)
		j.kstr("phoneNumber", "+1 "+itoa(200+int(hash64(u.ID+salt)%700))+"555"+itoa(1000+int(hash64(salt+u.ID)%9000)))
		j.kstr("phoneType", kind)
		j.kstr("smsSignInState", "notAllowedByPolicy")
		j.endObj()
	}
	if m.Has(MethodMobilePhone) {
		phone(mobilePhoneMethodID, "mobile", "m")
	}
	if m.Has(MethodAlternateMobilePhone) {
		phone(alternateMobilePhoneMethodID, "alternateMobile", "a")
	}
	if m.Has(MethodOfficePhone) {
		phone(officePhoneMethodID, "office", "o")
	}
	if m.Has(MethodEmail) {
		j.obj()
		j.kstr("@odata.type", "#microsoft.graph.emailAuthenticationMethod")
		j.kstr("id", emailMethodID)
		addr := u.Mail
		if addr == "" || !u.IsGuest() {
			addr = strings.ToLower(strings.ReplaceAll(u.DisplayName, " ", ".")) + "@outlook.com"
		}
		j.kstr("emailAddress", addr)
		j.endObj()
	}
	if m&(MethodAuthenticatorPush|MethodAuthenticatorPasswordless) != 0 {
		j.obj()
		j.kstr("@odata.type", "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod")
		j.kstr("id", seededGUIDFrom("auth-"+u.ID))
		j.kstr("displayName", deviceNames[hash64(u.ID)%uint64(len(deviceNames))])
		j.kstr("deviceTag", "SoftwareTokenActivated")
		j.kstr("phoneAppVersion", "6.8.12")
		j.ktime("createdDateTime", u.CreatedDateTime.Add(30*24*3600e9))
		j.endObj()
	}
	if m&(MethodSoftwareOTP|MethodHardwareOTP) != 0 {
		j.obj()
		j.kstr("@odata.type", "#microsoft.graph.softwareOathAuthenticationMethod")
		j.kstr("id", seededGUIDFrom("oath-"+u.ID))
		j.knull("secretKey")
		j.endObj()
	}
	if m&(MethodFido2|MethodPasskeyDeviceBound) != 0 {
		j.obj()
		j.kstr("@odata.type", "#microsoft.graph.fido2AuthenticationMethod")
		j.kstr("id", seededGUIDFrom("fido-"+u.ID))
		j.kstr("displayName", "Security key")
		j.kstr("aaGuid", "cb69481e-8ff7-4039-93ec-0a2729a154a8")
		j.kstr("model", "YubiKey 5 Series")
		j.ktime("createdDateTime", u.CreatedDateTime.Add(60*24*3600e9))
		j.endObj()
	}
	if m.Has(MethodWindowsHello) {
		j.obj()
		j.kstr("@odata.type", "#microsoft.graph.windowsHelloForBusinessAuthenticationMethod")
		j.kstr("id", seededGUIDFrom("whfb-"+u.ID))
		j.kstr("displayName", "DESKTOP-"+strings.ToUpper(stripHyphens(u.ID)[:7]))
		j.kstr("keyStrength", "normal")
		j.ktime("createdDateTime", u.CreatedDateTime.Add(45*24*3600e9))
		j.endObj()
	}
	if m.Has(MethodTemporaryAccessPass) {
		j.obj()
		j.kstr("@odata.type", "#microsoft.graph.temporaryAccessPassAuthenticationMethod")
		j.kstr("id", seededGUIDFrom("tap-"+u.ID))
		j.knull("temporaryAccessPass")
		j.ktime("createdDateTime", s.refDay.Add(-48*3600e9))
		j.ktime("startDateTime", s.refDay.Add(-48*3600e9))
		j.knum("lifetimeInMinutes", 60)
		j.kbool("isUsableOnce", true)
		j.kbool("isUsable", false)
		j.kstr("methodUsabilityReason", "Expired")
		j.endObj()
	}
	collectionEnd(&j)
	c.writeJSON(http.StatusOK, j.b)
}

func firstKey(m map[string][]string) string {
	for k := range m {
		return k
	}
	return ""
}

// authRequirements answers beta /users/{id}/authentication/requirements.
func (s *Sim) authRequirements(c *gctx, key string) {
	if c.r.Method != http.MethodGet {
		c.fail(http.StatusMethodNotAllowed, codeBadRequest, "Specified HTTP method is not allowed for the request target.")
		return
	}
	if !c.needScope("Policy.Read.All", "Policy.ReadWrite.AuthenticationMethod") {
		return
	}
	if !c.hasRole(RoleGlobalAdministrator, RoleGlobalReader, RoleAuthenticationPolicyAdministrator) {
		c.fail(http.StatusForbidden, codeDenied, msgInsufficient)
		return
	}
	u, ok := c.t.UserByID(key)
	if !ok || u.Deleted {
		c.fail(http.StatusNotFound, codeNotFound, "Resource '"+key+"' does not exist or one of its queried reference-property objects are not present.")
		return
	}
	state := u.PerUserMFA
	if state == "" {
		state = perUserMFADisabled
	}
	var j jw
	j.obj()
	j.kstr("@odata.context", c.base+"/$metadata#users('"+u.ID+"')/authentication/requirements/$entity")
	j.kstr("perUserMfaState", state)
	j.endObj()
	c.writeJSON(http.StatusOK, j.b)
}
