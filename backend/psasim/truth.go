package psasim

import "strings"

// Match categories of the contacts merge (issue 12).
const (
	Matched     = "matched"
	ContactOnly = "contact_only"
	AccountOnly = "account_only"
)

// Account is what the truth knows about one Microsoft 365 user of a tenant.
type Account struct {
	UserID            string
	UserPrincipalName string
	Mail              string
	Enabled           bool
	Deleted           bool
	Guest             bool
	Resource          bool // shared/room/equipment mailbox
	Licensed          bool
}

// Record is one row the merge must produce.
type Record struct {
	Match     string
	ContactID int      // 0 for account_only
	UserID    string   // "" for contact_only
	Email     string   // matched: the contact email that hits the account (as stored in the PSA); contact_only: first email or ""; account_only: UPN
	Account   *Account // nil for contact_only
}

// CompanyTruth is the generator's intent for one PSA company.
type CompanyTruth struct {
	CompanyID int
	Name      string
	TenantID  string // "" when the company has no tenant
	Own       bool   // the MSP's own company record (maps to the partner tenant)
	// contacts and their source account (nil => no account exists)
	contacts []contactTruth
	accounts []*Account
}

type contactTruth struct {
	id     int
	email  string // the email derived from the account (or first email)
	source *Account
}

// Scope says which tenant users count as accounts in the merge. The zero
// value counts every user the sync stores (deleted, guests and resource
// mailboxes included).
type Scope struct {
	ExcludeDeleted, ExcludeGuests, ExcludeResources bool
}

func (sc Scope) has(a *Account) bool {
	return !(sc.ExcludeDeleted && a.Deleted || sc.ExcludeGuests && a.Guest || sc.ExcludeResources && a.Resource)
}

// Records returns the merged rows for the scope: one per contact (matched
// or contact_only) then one per unclaimed in-scope account (account_only).
func (c *CompanyTruth) Records(sc Scope) []Record {
	var out []Record
	claimed := map[string]bool{}
	for _, ct := range c.contacts {
		if ct.source != nil && sc.has(ct.source) {
			claimed[ct.source.UserID] = true
			out = append(out, Record{Match: Matched, ContactID: ct.id, UserID: ct.source.UserID, Email: ct.email, Account: ct.source})
		} else {
			out = append(out, Record{Match: ContactOnly, ContactID: ct.id, Email: ct.email})
		}
	}
	for _, a := range c.accounts {
		if sc.has(a) && !claimed[a.UserID] {
			out = append(out, Record{Match: AccountOnly, UserID: a.UserID, Email: a.UserPrincipalName, Account: a})
		}
	}
	return out
}

// Counts returns matched, contact_only and account_only counts for the scope.
func (c *CompanyTruth) Counts(sc Scope) (matched, contactOnly, accountOnly int) {
	for _, r := range c.Records(sc) {
		switch r.Match {
		case Matched:
			matched++
		case ContactOnly:
			contactOnly++
		default:
			accountOnly++
		}
	}
	return
}

// Truth is the ground truth of a generated demo PSA.
type Truth struct {
	Companies []*CompanyTruth
	// TenantCompany maps each tenant that has a client to its company id.
	TenantCompany map[string]int
	// UnmappedTenants have no company in the PSA (new customers).
	UnmappedTenants []string
	// NoTenantCompanies have no tenant (e.g. a prospect).
	NoTenantCompanies []int
	// Ambiguous is the deliberately ambiguous pair: two companies whose
	// names normalise alike and share the website of one tenant; Ambiguous[0]
	// is the one TenantCompany names, a suggester must not auto-map.
	Ambiguous       [2]int
	AmbiguousTenant string
	// Scenario counters (for tests and the demo's story).
	Departed, Aliases, NewHires, MultiEmail, NoEmail int
}

// Company returns the truth of one company.
func (t *Truth) Company(id int) (*CompanyTruth, bool) {
	for _, c := range t.Companies {
		if c.CompanyID == id {
			return c, true
		}
	}
	return nil, false
}

func lower(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
