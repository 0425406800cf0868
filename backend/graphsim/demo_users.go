package graphsim

import (
	"math/rand/v2"
	"strings"
	"time"
)

// Recency classes for sign-ins and report activity. Day offsets before the
// reference day; [87, 93] is never used so nobody sits near the 90-day line.
const (
	recActive = iota // 1..29 days ago
	recRecent        // 30..86
	recStale         // 94..400
	recNever
)

var recRange = [...][2]int{{1, 29}, {30, 86}, {94, 400}}

const day = 24 * time.Hour

type userGen struct {
	r     *rand.Rand
	t     *Tenant
	sp    tenantSpec
	ref   time.Time
	upns  map[string]struct{}
	style int

	skuOrder []string       // SKU ids in order of first use
	skuSeen  map[string]int // skuID -> index in skuOrder
}

func (g *userGen) run() {
	r, t, sp := g.r, g.t, g.sp
	n := sp.size
	if n < 1 {
		n = 1
	}
	g.style = r.IntN(3)
	g.skuSeen = map[string]int{}

	guests := n * 8 / 100
	shared := clamp(n/40, 1, len(sharedMailboxes))
	rooms := min(n/60, len(roomMailboxes))
	equip := min(n/150, len(equipmentMailboxes))
	if n < 12 {
		guests, shared, rooms, equip = r.IntN(2), r.IntN(2), 0, 0
	}
	if sp.partner {
		guests, rooms, equip = 0, 1, 0
	}
	members := n - 1 - guests - shared - rooms - equip
	if members < 0 {
		guests, shared, rooms, equip, members = 0, 0, 0, 0, n-1
	}
	deleted := n * 3 / 100
	if n >= 10 {
		deleted += r.IntN(2)
	}
	users := make([]*User, 0, n+deleted)

	// the signed-in admin
	admin := g.newUser()
	if sp.partner {
		admin.GivenName, admin.Surname = "Sam", "Okafor"
		admin.UserPrincipalName = "sam.okafor@" + t.DefaultDomain
		admin.Department, admin.JobTitle = "Service Desk", "Senior Technician"
		admin.Mail = admin.UserPrincipalName
	} else {
		admin.UserPrincipalName = "admin@" + t.InitialDomain
		admin.Department, admin.JobTitle = "", ""
	}
	if admin.GivenName != "" {
		admin.DisplayName = admin.GivenName + " " + admin.Surname
	} else {
		admin.DisplayName = shortName(t.DisplayName) + " Admin"
	}
	g.upns[strings.ToLower(admin.UserPrincipalName)] = struct{}{}
	admin.Roles = []string{RoleGlobalAdministrator}
	admin.AccountEnabled = true
	admin.RecipientType = RecipientUser
	if admin.Mail == "" {
		admin.RecipientType = recipientNone
	}
	admin.Methods = MethodAuthenticatorPush | MethodPasskeyDeviceBound | MethodAuthenticatorPasswordless
	admin.PerUserMFA = perUserMFADisabled
	if sp.partner {
		g.license(admin, false)
	}
	g.activity(admin, recActive, admin.RecipientType != recipientNone || len(admin.AssignedLicenses) > 0)
	g.finishProxy(admin)
	t.Admin = admin
	users = append(users, admin)

	for i := 0; i < members; i++ {
		u := g.member(i == 0 && sp.partner)
		users = append(users, u)
	}
	// a couple of extra admins with lesser roles
	if members >= 20 {
		users[2].Roles = []string{RoleUserAdministrator}
		users[3].Roles = []string{RoleGlobalReader}
	}
	for i := 0; i < guests; i++ {
		users = append(users, g.guest())
	}
	for i := 0; i < shared; i++ {
		m := sharedMailboxes[i]
		users = append(users, g.resource(RecipientShared, m.Alias, m.Name))
	}
	for i := 0; i < rooms; i++ {
		m := roomMailboxes[i]
		users = append(users, g.resource(RecipientRoom, m.Alias, m.Name))
	}
	for i := 0; i < equip; i++ {
		m := equipmentMailboxes[i]
		users = append(users, g.resource(RecipientEquipment, m.Alias, m.Name))
	}
	for i := 0; i < deleted; i++ {
		u := g.member(false)
		u.Deleted = true
		u.DeletedDateTime = g.ref.Add(-time.Duration(1+r.IntN(25))*day + time.Duration(r.IntN(86400))*time.Second)
		users = append(users, u)
	}
	// Graph's order is stable but not alphabetical; keep the admin first.
	rest := users[1:]
	r.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
	t.Users = users

	nc := min(n/10+r.IntN(3), 40)
	if sp.partner {
		nc = 2
	}
	t.Contacts = make([]*Contact, 0, nc)
	for i := 0; i < nc; i++ {
		t.Contacts = append(t.Contacts, g.contact())
	}
	g.buildSKUs()
}

func clamp(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

func (g *userGen) newUser() *User {
	u := &User{ID: seededGUID(g.r), UserType: UserTypeMember, UsageLocation: "US", PerUserMFA: perUserMFADisabled}
	if g.sp.onPrem {
		v := true
		u.OnPremisesSyncEnabled = &v
	}
	return u
}

// uniqueUPN makes local@domain unique within the tenant.
func (g *userGen) uniqueUPN(local, domain string) string {
	upn := local + "@" + domain
	for k := 2; ; k++ {
		key := strings.ToLower(upn)
		if _, dup := g.upns[key]; !dup {
			g.upns[key] = struct{}{}
			return upn
		}
		upn = local + itoa(k) + "@" + domain
	}
}

// cleanName drops apostrophes, spaces and hyphens ("O'Brien" -> "OBrien").
func cleanName(s string) string {
	if !strings.ContainsAny(s, "' -") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != '\'' && c != ' ' && c != '-' {
			b = append(b, c)
		}
	}
	return string(b)
}

func (g *userGen) member(first bool) *User {
	r := g.r
	u := g.newUser()
	u.GivenName = firstNames[r.IntN(len(firstNames))]
	u.Surname = lastNames[r.IntN(len(lastNames))]
	u.DisplayName = u.GivenName + " " + u.Surname
	gn, sn := cleanName(u.GivenName), cleanName(u.Surname)
	var local string
	switch g.style {
	case 0:
		local = strings.ToLower(gn + "." + sn)
	case 1:
		local = gn + sn[:1]
	default:
		local = strings.ToLower(gn[:1] + sn)
	}
	u.UserPrincipalName = g.uniqueUPN(local, g.t.DefaultDomain)
	u.Mail = u.UserPrincipalName
	u.RecipientType = RecipientUser
	d := &departments[pickDept(r)]
	if r.IntN(10) > 0 {
		u.Department = d.Name
	}
	if r.IntN(20) > 0 {
		u.JobTitle = d.Titles[r.IntN(len(d.Titles))]
	}
	if g.sp.partner && first {
		u.Department, u.JobTitle = "Management", "Owner"
		u.Roles = []string{RoleGlobalAdministrator}
	}
	if r.IntN(3) > 0 {
		u.OfficeLocation = g.t.City
	}
	if r.IntN(2) == 0 {
		u.BusinessPhone = "+1 " + itoa(200+r.IntN(700)) + " 555 " + itoa(1000+r.IntN(9000))
	}
	if r.IntN(3) == 0 {
		u.MobilePhone = "+1 " + itoa(200+r.IntN(700)) + " 555 " + itoa(1000+r.IntN(9000))
	}
	if r.IntN(2) == 0 {
		u.PreferredLanguage = "en-US"
	}
	if u.OnPremisesSyncEnabled != nil && r.IntN(25) == 0 {
		v := false // was synced once
		u.OnPremisesSyncEnabled = &v
	}
	u.AccountEnabled = r.IntN(100) >= 7
	// MFA registration
	if r.Float64() < g.sp.mfaRate {
		u.Methods = registeredMix(r)
		switch x := r.IntN(20); {
		case x == 0:
			u.PerUserMFA = perUserMFAEnabled
		case x < 3:
			u.PerUserMFA = perUserMFAEnforced
		}
	} else {
		switch x := r.IntN(10); {
		case x < 3:
			u.Methods = MethodEmail
		case x == 3:
			u.Methods = MethodTemporaryAccessPass
		}
		if r.IntN(15) == 0 {
			u.PerUserMFA = perUserMFAEnabled // assigned but never registered
		}
	}
	licensed := g.license(u, !u.AccountEnabled)
	class := recNever
	x := r.IntN(100)
	switch {
	case u.AccountEnabled && x < 3:
		class = recNever // new hire, never signed in
	case u.AccountEnabled && x < 80:
		class = recActive
	case u.AccountEnabled && x < 89:
		class = recRecent
	case u.AccountEnabled:
		class = recStale
	case x < 10:
		class = recRecent
	case x < 70:
		class = recStale
	}
	g.activity(u, class, licensed)
	g.finishProxy(u)
	return u
}

// registeredMix picks a realistic set of MFA-capable methods.
func registeredMix(r *rand.Rand) MethodSet {
	var m MethodSet
	switch x := r.IntN(100); {
	case x < 50:
		m = MethodAuthenticatorPush | MethodMobilePhone
	case x < 65:
		m = MethodAuthenticatorPush | MethodAuthenticatorPasswordless
	case x < 80:
		m = MethodMobilePhone
	case x < 88:
		m = MethodSoftwareOTP | MethodAuthenticatorPush
	case x < 93:
		m = MethodPasskeyDeviceBound | MethodAuthenticatorPush
	case x < 96:
		m = MethodWindowsHello | MethodAuthenticatorPush
	case x < 98:
		m = MethodFido2
	default:
		m = MethodHardwareOTP
	}
	if r.IntN(4) == 0 {
		m |= MethodEmail
	}
	if r.IntN(20) == 0 {
		m |= MethodOfficePhone
	}
	if r.IntN(30) == 0 {
		m |= MethodAlternateMobilePhone
	}
	return m
}

func pickDept(r *rand.Rand) int {
	// weights: operations/sales heavy, legal rare
	w := [...]int{20, 18, 10, 8, 12, 5, 4, 4, 15, 4}
	x := r.IntN(100)
	for i, v := range w {
		if x < v {
			return i
		}
		x -= v
	}
	return 0
}

func (g *userGen) guest() *User {
	r := g.r
	u := g.newUser()
	u.OnPremisesSyncEnabled = nil
	u.UserType = UserTypeGuest
	u.UsageLocation = ""
	given := firstNames[r.IntN(len(firstNames))]
	sur := lastNames[r.IntN(len(lastNames))]
	ext := externalDomains[r.IntN(len(externalDomains))]
	local := strings.ToLower(cleanName(given) + "." + cleanName(sur))
	u.DisplayName = given + " " + sur
	if r.IntN(3) == 0 {
		u.GivenName, u.Surname = given, sur
	}
	if ext.Domain != "gmail.com" && ext.Domain != "outlook.com" {
		u.CompanyName = ext.Company
	}
	u.Mail = local + "@" + ext.Domain
	u.UserPrincipalName = g.uniqueUPN(local+"_"+ext.Domain+"#EXT#", g.t.InitialDomain)
	u.AccountEnabled = r.IntN(20) > 0
	class := [...]int{recActive, recActive, recRecent, recStale, recStale, recNever}[r.IntN(6)]
	if r.IntN(12) == 0 {
		u.Methods = MethodEmail
	}
	g.activity(u, class, false)
	u.ProxyAddresses = []string{"SMTP:" + u.Mail}
	return u
}

func (g *userGen) resource(kind, alias, name string) *User {
	r := g.r
	u := g.newUser()
	u.OnPremisesSyncEnabled = nil
	u.DisplayName = name
	u.UserPrincipalName = g.uniqueUPN(alias, g.t.DefaultDomain)
	u.Mail = u.UserPrincipalName
	u.RecipientType = kind
	u.AccountEnabled = r.IntN(10) == 0 // should be disabled; some are not
	u.UsageLocation = ""
	licensed := false
	if kind == RecipientShared && r.IntN(4) == 0 {
		licensed = g.license(u, false) // a licensed shared mailbox: reclaimable
	}
	g.resourceActivity(u, licensed)
	g.finishProxy(u)
	return u
}

func (g *userGen) contact() *Contact {
	r := g.r
	given := firstNames[r.IntN(len(firstNames))]
	sur := lastNames[r.IntN(len(lastNames))]
	ext := externalDomains[r.IntN(len(externalDomains)-2)]
	c := &Contact{
		ID:          seededGUID(r),
		DisplayName: given + " " + sur,
		GivenName:   given,
		Surname:     sur,
		Mail:        strings.ToLower(cleanName(given)+"."+cleanName(sur)) + "@" + ext.Domain,
		CompanyName: ext.Company,
		JobTitle:    [...]string{"Account Manager", "Partner", "Consultant", "Sales Representative", ""}[r.IntN(5)],
	}
	if r.IntN(2) == 0 {
		c.Phone = "+1 " + itoa(200+r.IntN(700)) + " 555 " + itoa(1000+r.IntN(9000))
	}
	c.ProxyAddresses = []string{"SMTP:" + c.Mail}
	return c
}

func (g *userGen) finishProxy(u *User) {
	if u.Mail == "" {
		return
	}
	local := u.Mail[:strings.IndexByte(u.Mail, '@')]
	u.ProxyAddresses = []string{"SMTP:" + u.Mail, "smtp:" + local + "@" + g.t.InitialDomain}
}

// offset draws a day offset inside a recency class.
func (g *userGen) offset(class int) int {
	rg := recRange[class]
	return rg[0] + g.r.IntN(rg[1]-rg[0]+1)
}

// within draws an offset in the same class at most `atMost` days ago.
func (g *userGen) within(class, atMost int) int {
	lo := recRange[class][0]
	if atMost < lo {
		return lo
	}
	return lo + g.r.IntN(atMost-lo+1)
}

func (g *userGen) at(offsetDays int) time.Time {
	return g.ref.Add(-time.Duration(offsetDays)*day + time.Duration(g.r.IntN(86400))*time.Second)
}

func (g *userGen) date(offsetDays int) time.Time {
	return g.ref.Add(-time.Duration(offsetDays) * day)
}

// activity sets sign-ins, usage and creation date for a person account.
func (g *userGen) activity(u *User, class int, inReports bool) {
	r := g.r
	oldest := 0
	if class != recNever {
		d := g.offset(class)
		oldest = d
		s := &SignInActivity{LastSignIn: g.at(d)}
		if r.IntN(10) < 7 {
			s.LastNonInteractive = g.at(g.within(class, d))
		}
		if r.IntN(25) == 0 {
			// only non-interactive sign-ins recorded
			s.LastSignIn = time.Time{}
			if s.LastNonInteractive.IsZero() {
				s.LastNonInteractive = g.at(d)
			}
		}
		if r.IntN(10) > 0 {
			s.LastSuccessful = s.latest()
		}
		u.SignIn = s
		if inReports && r.IntN(10) > 0 {
			g.usage(u, class)
		}
	}
	u.CreatedDateTime = g.created(oldest)
	u.LicenseAssignedAt = u.CreatedDateTime.Add(time.Duration(r.IntN(72)) * time.Hour)
	if inReports && u.Usage.MailboxItems == 0 && u.RecipientType != recipientNone {
		u.Usage.MailboxItems = int32(r.IntN(40))
		u.Usage.MailboxBytes = int64(u.Usage.MailboxItems) * 61440
		u.Usage.EmailReceive = int32(r.IntN(50))
	}
}

func (g *userGen) created(oldestSignal int) time.Time {
	c := g.ref.Add(-time.Duration(oldestSignal+1+g.r.IntN(1500))*day + time.Duration(g.r.IntN(86400))*time.Second)
	if c.Before(g.t.CreatedDateTime) {
		c = g.t.CreatedDateTime.Add(time.Duration(1+g.r.IntN(48)) * time.Hour)
	}
	return c
}

// usage fills report activity in the given class.
func (g *userGen) usage(u *User, class int) {
	r := g.r
	us := &u.Usage
	if u.RecipientType != recipientNone {
		us.ExchangeLast = g.date(g.offset(class))
	}
	if r.IntN(10) < 7 {
		us.TeamsLast = g.date(g.offset(class))
	}
	if r.IntN(2) == 0 {
		us.OneDriveLast = g.date(g.offset(class))
	}
	if r.IntN(5) < 2 {
		us.SharePointLast = g.date(g.offset(class))
	}
	if r.IntN(20) == 0 {
		us.YammerLast = g.date(g.offset(class))
	}
	if class == recActive && !us.ExchangeLast.IsZero() {
		us.EmailSend = int32(5 + r.IntN(300))
		us.EmailReceive = int32(50 + r.IntN(2000))
		us.EmailRead = int32(20 + r.IntN(1500))
		us.MeetingCreated = int32(r.IntN(20))
		us.MeetingInteracted = int32(r.IntN(60))
	} else if !us.ExchangeLast.IsZero() {
		us.EmailReceive = int32(r.IntN(300))
	}
	us.MailboxItems = int32(200 + r.IntN(60000))
	us.MailboxBytes = int64(us.MailboxItems) * int64(40000+r.IntN(160000))
	us.HasArchive = r.IntN(6) == 0
}

// resourceActivity: mail flows into shared/room mailboxes, nobody signs in.
func (g *userGen) resourceActivity(u *User, licensed bool) {
	r := g.r
	if r.IntN(5) > 0 {
		u.Usage.ExchangeLast = g.date(g.offset(recActive))
		if u.RecipientType == RecipientShared {
			u.Usage.EmailReceive = int32(20 + r.IntN(900))
			u.Usage.EmailSend = int32(r.IntN(120))
			u.Usage.EmailRead = int32(r.IntN(600))
		}
	}
	u.Usage.MailboxItems = int32(10 + r.IntN(20000))
	u.Usage.MailboxBytes = int64(u.Usage.MailboxItems) * int64(30000+r.IntN(90000))
	if u.AccountEnabled && r.IntN(2) == 0 {
		u.SignIn = &SignInActivity{LastNonInteractive: g.at(g.offset(recActive))}
	}
	u.CreatedDateTime = g.created(30)
	if licensed {
		u.LicenseAssignedAt = u.CreatedDateTime
	}
}
