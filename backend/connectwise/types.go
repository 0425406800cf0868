// Package connectwise is a read-only ConnectWise PSA (Manage) REST API v3
// client for TenantLens's client/contact import: companies, and contacts with
// every email address of their communication items. Wire facts follow
// ../shared/psa/PSA-FACTS.md section 1; the test emulator is backend/psasim.
//
// Key material (the API member's public and private key) lives only in the
// OS keychain (SaveKeys/LoadKeys) and in memory; it never appears in errors,
// logs or fmt output of any type of this package.
package connectwise

import "strings"

// Company is one /company/companies record, reduced to what the import uses.
type Company struct {
	ID         int
	Identifier string // the short unique company ID (max 30)
	Name       string
	Website    string   // free text: "www.x.com", "https://x.com" or ""
	Status     string   // tenant-defined status name, e.g. "Active", "Inactive"
	Types      []string // tenant-defined type names, e.g. "Client", "Prospect", "Owner"
	Deleted    bool     // deletedFlag
}

// Contact is one /company/contacts record, reduced to what the import uses.
type Contact struct {
	ID          int
	CompanyID   int // 0 when the contact has no company
	CompanyName string
	FirstName   string
	LastName    string // may be "" ("Accounts Payable")
	Title       string
	Phone       string // defaultPhoneNbr, else the default Phone communication item
	// Emails are the values of every communication item whose
	// communicationType is "Email": the default one first, then the others
	// in the PSA's order, each address once (compared case-insensitively,
	// the first spelling kept). Compare them with M365 addresses
	// case-insensitively.
	Emails   []string
	Inactive bool // inactiveFlag: kept, not filtered (an inactive contact matching an enabled user is a finding)
}

// wire shapes (decoded loosely: unknown fields ignored, nulls allowed)

type wireRef struct {
	ID         int    `json:"id"`
	Identifier string `json:"identifier"`
	Name       string `json:"name"`
}

type wireCompany struct {
	ID          int       `json:"id"`
	Identifier  string    `json:"identifier"`
	Name        string    `json:"name"`
	Website     string    `json:"website"`
	Status      *wireRef  `json:"status"`
	Types       []wireRef `json:"types"`
	DeletedFlag bool      `json:"deletedFlag"`
}

type wireItem struct {
	Type              *wireRef `json:"type"`
	Value             string   `json:"value"`
	Extension         string   `json:"extension"`
	DefaultFlag       bool     `json:"defaultFlag"`
	Domain            string   `json:"domain"`
	CommunicationType string   `json:"communicationType"`
}

type wireContact struct {
	ID                 int        `json:"id"`
	FirstName          string     `json:"firstName"`
	LastName           string     `json:"lastName"`
	Title              string     `json:"title"`
	InactiveFlag       bool       `json:"inactiveFlag"`
	Company            *wireRef   `json:"company"`
	DefaultPhoneNbr    string     `json:"defaultPhoneNbr"`
	CommunicationItems []wireItem `json:"communicationItems"`
}

// fields requested per resource (PSA-FACTS 1.5: fields trims the response
// and drops _info). Arrays are requested whole.
const (
	companyFields = "id,identifier,name,website,status/name,types,deletedFlag"
	contactFields = "id,firstName,lastName,title,inactiveFlag,company/id,company/name,defaultPhoneNbr,communicationItems"
)

func (w wireCompany) company() Company {
	c := Company{ID: w.ID, Identifier: w.Identifier, Name: w.Name, Website: strings.TrimSpace(w.Website), Deleted: w.DeletedFlag}
	if w.Status != nil {
		c.Status = w.Status.Name
	}
	for _, t := range w.Types {
		if t.Name != "" {
			c.Types = append(c.Types, t.Name)
		}
	}
	return c
}

func (w wireContact) contact() Contact {
	c := Contact{ID: w.ID, FirstName: w.FirstName, LastName: w.LastName, Title: w.Title,
		Phone: strings.TrimSpace(w.DefaultPhoneNbr), Inactive: w.InactiveFlag, Emails: emailsOf(w.CommunicationItems)}
	if w.Company != nil {
		c.CompanyID, c.CompanyName = w.Company.ID, w.Company.Name
	}
	if c.Phone == "" {
		for _, it := range w.CommunicationItems {
			if strings.EqualFold(it.CommunicationType, "Phone") && it.DefaultFlag && strings.TrimSpace(it.Value) != "" {
				c.Phone = strings.TrimSpace(it.Value)
				break
			}
		}
	}
	return c
}

// emailsOf selects items by communicationType (never by the tenant's type
// label), default first, each address once. A value without "@" is joined
// with the item's "@domain" (PSA-FACTS section 3, item 10).
func emailsOf(items []wireItem) []string {
	var def, rest []string
	for _, it := range items {
		if !strings.EqualFold(strings.TrimSpace(it.CommunicationType), "Email") {
			continue
		}
		v := strings.TrimSpace(it.Value)
		if v == "" {
			continue
		}
		if d := strings.TrimSpace(it.Domain); !strings.Contains(v, "@") && strings.HasPrefix(d, "@") {
			v += d
		}
		if it.DefaultFlag && len(def) == 0 {
			def = append(def, v)
		} else {
			rest = append(rest, v)
		}
	}
	var out []string
	for _, v := range append(def, rest...) {
		dup := false
		for _, o := range out {
			if strings.EqualFold(o, v) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, v)
		}
	}
	return out
}
