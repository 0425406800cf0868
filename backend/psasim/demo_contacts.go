package psasim

import (
	"strconv"
	"strings"
	"time"

	"tenantlens/backend/graphsim"
)

var goneFirst = []string{"Avery", "Jordan", "Morgan", "Riley", "Casey", "Quinn", "Harper", "Rowan", "Emerson", "Finley", "Sawyer", "Reese"}
var goneLast = []string{"Whitfield", "Castellanos", "Abernathy", "Lindqvist", "Okonkwo", "Marchetti", "Vasquez-Hale", "Thornbury", "Delacroix", "Nakamura"}
var personalDomains = []string{"gmail.com", "outlook.com", "icloud.com", "yahoo.com"}

// staff creates the company's contacts from the tenant's users:
//   - most enabled members have a contact (email = mail, sometimes in other
//     case, sometimes the onmicrosoft.com proxy alias, sometimes with a
//     personal email too);
//   - some enabled members have none (new hires not yet in the PSA);
//   - most disabled and deleted members still have one (departed staff);
//   - the first shared mailbox has a no-last-name contact ("Accounts Payable");
//   - a few contacts have no account at all (left, account removed long ago)
//     and one has no email (phone only).
func (g *gen) staff(co *Company, t *graphsim.Tenant) {
	r, ct := g.r, g.cur
	taken := addrSet(t)
	accByID := map[string]*Account{}
	for _, a := range ct.accounts {
		accByID[a.UserID] = a
	}
	first := true
	sharedDone := false
	members := 0
	for _, u := range t.Users {
		if u.IsGuest() || u.Mail == "" {
			continue // guests are not the client's people; admin@ has no mailbox
		}
		if u.IsResource() {
			if u.RecipientType == graphsim.RecipientShared && !sharedDone {
				sharedDone = true
				c := g.contact(co, u.DisplayName, "", "")
				g.email(c, u.Mail, "Email", 1, true)
				ct.contacts = append(ct.contacts, contactTruth{id: c.ID, email: u.Mail, source: accByID[u.ID]})
			}
			continue
		}
		members++
		x := r.IntN(100)
		switch {
		case u.Deleted && x >= 80, !u.Deleted && !u.AccountEnabled && x >= 70:
			continue // departed and already removed from the PSA
		case !u.Deleted && u.AccountEnabled && x < 8:
			g.t.NewHires++
			continue // new hire, not in the PSA yet
		}
		c := g.contact(co, u.GivenName, u.Surname, u.JobTitle)
		if first {
			c.DefaultFlag, co.DefaultContact, first = true, c.ID, false
			c.Types = []string{"Approver"}
		}
		if u.Deleted || !u.AccountEnabled {
			g.t.Departed++
			c.InactiveFlag = r.IntN(10) < 4
		}
		email := u.Mail
		y := r.IntN(100)
		switch {
		case y < 10: // alias: the onmicrosoft.com proxy, other case
			for _, p := range u.ProxyAddresses {
				if a, ok := strings.CutPrefix(p, "smtp:"); ok {
					email = strings.ToUpper(a[:1]) + a[1:strings.IndexByte(a, '@')] + strings.ToUpper(a[strings.IndexByte(a, '@'):])
					g.t.Aliases++
					break
				}
			}
		case y < 25:
			email = mixCase(email)
		}
		if y >= 25 && y < 37 { // several emails: personal first, not default
			g.t.MultiEmail++
			pe := g.unique(strings.ToLower(cleanName(u.GivenName)+"."+cleanName(u.Surname))+"@"+personalDomains[r.IntN(len(personalDomains))], taken)
			g.email(c, pe, "Personal Email", 7, false)
		}
		g.email(c, email, "Email", 1, true)
		if u.BusinessPhone != "" {
			g.phone(c, u.BusinessPhone)
		}
		ct.contacts = append(ct.contacts, contactTruth{id: c.ID, email: email, source: accByID[u.ID]})
	}
	for k := 0; k < 1+members/40; k++ {
		g.gone(co, t, ct, taken)
		g.t.Departed++
	}
	if members >= 15 { // a contact with a phone only
		c := g.contact(co, goneFirst[r.IntN(len(goneFirst))], goneLast[r.IntN(len(goneLast))], "Office Manager")
		g.phone(c, "+1 "+strconv.Itoa(200+r.IntN(700))+" 555 "+strconv.Itoa(1000+r.IntN(9000)))
		ct.contacts = append(ct.contacts, contactTruth{id: c.ID})
		g.t.NoEmail++
	}
}

// gone adds a contact whose person has no account in the tenant: an email on
// the tenant's domain that no user has.
func (g *gen) gone(co *Company, t *graphsim.Tenant, ct *CompanyTruth, taken map[string]bool) *Contact {
	r := g.r
	fn, ln := goneFirst[r.IntN(len(goneFirst))], goneLast[r.IntN(len(goneLast))]
	c := g.contact(co, fn, ln, "")
	c.InactiveFlag = r.IntN(2) == 0
	e := g.unique(strings.ToLower(cleanName(fn)+"."+cleanName(ln))+"@"+t.DefaultDomain, taken)
	g.email(c, e, "Email", 1, true)
	ct.contacts = append(ct.contacts, contactTruth{id: c.ID, email: e})
	return c
}

// unique returns addr, or addr with a number, that is not in taken (and
// takes it).
func (g *gen) unique(addr string, taken map[string]bool) string {
	local, dom, _ := strings.Cut(addr, "@")
	for k := 2; taken[lower(addr)]; k++ {
		addr = local + strconv.Itoa(k) + "@" + dom
	}
	taken[lower(addr)] = true
	return addr
}

func (g *gen) contact(co *Company, first, last, title string) *Contact {
	c := &Contact{ID: g.nextCt, FirstName: first, LastName: last, CompanyID: co.ID, Title: title,
		Types:       []string{"End User"},
		DateEntered: co.DateEntered.Add(time.Duration(g.r.IntN(400*24)) * time.Hour)}
	if last == "" {
		c.Types = nil
	}
	c.LastUpdated = c.DateEntered.Add(time.Duration(g.r.IntN(300*24)) * time.Hour)
	g.nextCt++
	g.d.Contacts = append(g.d.Contacts, c)
	return c
}

func (g *gen) email(c *Contact, addr, typeName string, typeID int, def bool) {
	c.Items = append(c.Items, CommItem{ID: g.nextIt, TypeID: typeID, TypeName: typeName, Value: addr, DefaultFlag: def, CommunicationType: "Email"})
	g.nextIt++
}

func (g *gen) phone(c *Contact, num string) {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, num)
	digits = strings.TrimPrefix(digits, "1")
	c.Items = append(c.Items, CommItem{ID: g.nextIt, TypeID: 2, TypeName: "Direct", Value: digits, DefaultFlag: true, CommunicationType: "Phone"})
	g.nextIt++
}

// mixCase capitalises the local part's words and the domain's first letter.
func mixCase(e string) string {
	local, dom, _ := strings.Cut(e, "@")
	parts := strings.Split(local, ".")
	for i, p := range parts {
		if p != "" {
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return strings.Join(parts, ".") + "@" + strings.ToUpper(dom[:1]) + dom[1:]
}

func cleanName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\'' || r == ' ' || r == '-' {
			return -1
		}
		return r
	}, s)
}
