package derive

import (
	"sort"
	"strconv"
	"strings"

	"tenantlens/backend/types"
)

// MatchKind says which side(s) of the contacts merge a row carries.
type MatchKind string

const (
	MatchMatched     MatchKind = "matched"      // contact and account joined on an email
	MatchContactOnly MatchKind = "contact_only" // PSA contact without a Microsoft 365 account
	MatchAccountOnly MatchKind = "account_only" // Microsoft 365 account without a PSA contact
)

// MergeAccount is one Microsoft 365 account as the merge sees it. The caller
// adapts its users to it (AccountFromUser does so for types.User, which has
// no proxy addresses).
type MergeAccount struct {
	ID             string
	TenantID       string
	DisplayName    string
	UPN            string
	Mail           string
	ProxyAddresses []string // Graph proxyAddresses: "SMTP:primary", "smtp:alias", "SIP:...", "X500:..."
	Enabled        bool
	Deleted        bool
	Licensed       bool
	MFAStatus      types.MFAStatus
}

// MergeContact is one PSA contact with every email it has (ConnectWise:
// every communication item of type Email, not just the default one).
type MergeContact struct {
	ID     string
	Name   string
	Emails []string
	Active bool
}

// AccountFromUser adapts a synced user. proxyAddresses may be nil when the
// caller has none; Licensed means at least one assigned licence.
func AccountFromUser(tenantID string, u types.User, proxyAddresses []string) MergeAccount {
	return MergeAccount{
		ID: u.ID, TenantID: tenantID, DisplayName: u.DisplayName,
		UPN: u.UserPrincipalName, Mail: u.Mail, ProxyAddresses: proxyAddresses,
		Enabled: u.AccountEnabled, Deleted: u.Deleted, Licensed: len(u.Licenses) > 0,
		MFAStatus: u.MFAStatus,
	}
}

// ConflictKind names an ambiguity the merge reports instead of resolving.
type ConflictKind string

const (
	// ConflictSharedMailbox: several contacts claim the row's account.
	ConflictSharedMailbox ConflictKind = "several_contacts_one_account"
	// ConflictSeveralAccounts: the row's contact matches several accounts.
	ConflictSeveralAccounts ConflictKind = "one_contact_several_accounts"
)

// Conflict is attached to every row involved in an ambiguous join.
type Conflict struct {
	Kind ConflictKind
	// ContactIDs: for ConflictSharedMailbox, the OTHER contacts that claim
	// the same account (sorted).
	ContactIDs []string
	// AccountIDs: for ConflictSeveralAccounts, ALL accounts the contact
	// matches, this row's included (sorted).
	AccountIDs []string
}

// MergeRow is one line of the merged view. A contact matching two accounts
// yields two rows (one per account), both carrying a conflict; likewise two
// contacts claiming one account. Nothing is dropped and nothing is guessed.
type MergeRow struct {
	Match   MatchKind
	Contact *MergeContact // nil for account_only
	Account *MergeAccount // nil for contact_only
	// Email: for matched rows the address that joined them (lower case, the
	// smallest when several did); otherwise the side's display address.
	Email     string
	Conflicts []Conflict
}

// MergeResult is the output of either build direction.
type MergeResult struct {
	Rows []MergeRow
}

// Count returns how many rows have the given match kind.
func (m MergeResult) Count(k MatchKind) int {
	n := 0
	for _, r := range m.Rows {
		if r.Match == k {
			n++
		}
	}
	return n
}

// Only returns the rows of the given kinds, order kept (a template that
// wants a strict "contacts only" list drops account_only rows this way).
func (m MergeResult) Only(kinds ...MatchKind) []MergeRow {
	var out []MergeRow
	for _, r := range m.Rows {
		for _, k := range kinds {
			if r.Match == k {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// NormalizeEmail trims and lower-cases an address; "" when it has no "@".
func NormalizeEmail(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if at := strings.IndexByte(s, '@'); at <= 0 || at == len(s)-1 {
		return ""
	}
	return s
}

// ProxySMTP returns the address of an SMTP proxy address ("SMTP:" primary or
// "smtp:" alias, any case), "" for other types (SIP:, X500:, X400:, EUM:,
// SPO: ...). A bare address without a type prefix is taken as SMTP.
func ProxySMTP(p string) string {
	p = strings.TrimSpace(p)
	colon := strings.IndexByte(p, ':')
	at := strings.IndexByte(p, '@')
	if colon >= 0 && (at < 0 || colon < at) {
		if !strings.EqualFold(p[:colon], "smtp") {
			return ""
		}
		p = p[colon+1:]
	}
	return NormalizeEmail(p)
}

// accountKeys is every normalised address an account answers to.
func accountKeys(a *MergeAccount) []string {
	keys := []string{NormalizeEmail(a.Mail), NormalizeEmail(a.UPN)}
	for _, p := range a.ProxyAddresses {
		keys = append(keys, ProxySMTP(p))
	}
	return uniqueSorted(keys)
}

func contactKeys(c *MergeContact) []string {
	keys := make([]string, 0, len(c.Emails))
	for _, e := range c.Emails {
		keys = append(keys, NormalizeEmail(e))
	}
	return uniqueSorted(keys)
}

func uniqueSorted(in []string) []string {
	sort.Strings(in)
	out := in[:0]
	for i, s := range in {
		if s != "" && (i == 0 || s != in[i-1]) {
			out = append(out, s)
		}
	}
	return out
}

func contactLess(a, b *MergeContact) bool {
	an, bn := strings.ToLower(a.Name), strings.ToLower(b.Name)
	if an != bn {
		return an < bn
	}
	return a.ID < b.ID
}

func accountLess(a, b *MergeAccount) bool {
	au, bu := strings.ToLower(a.UPN), strings.ToLower(b.UPN)
	if au != bu {
		return au < bu
	}
	if a.TenantID != b.TenantID {
		return a.TenantID < b.TenantID
	}
	return a.ID < b.ID
}

// contactEmail is the display address of a contact: its first email.
func contactEmail(c *MergeContact) string {
	for _, e := range c.Emails {
		if n := NormalizeEmail(e); n != "" {
			return n
		}
	}
	return ""
}

func accountEmail(a *MergeAccount) string {
	if n := NormalizeEmail(a.Mail); n != "" {
		return n
	}
	return NormalizeEmail(a.UPN)
}

// pairing is the join of all contacts and accounts, independent of direction.
type pairing struct {
	contacts []*MergeContact // sorted
	accounts []*MergeAccount // sorted
	byC      map[int][]int   // contact idx -> account idxs (sorted)
	byA      map[int][]int   // account idx -> contact idxs (sorted)
	via      map[[2]int]string
}

func join(contacts []MergeContact, accounts []MergeAccount) *pairing {
	p := &pairing{byC: map[int][]int{}, byA: map[int][]int{}, via: map[[2]int]string{}}
	for i := range contacts {
		p.contacts = append(p.contacts, &contacts[i])
	}
	for i := range accounts {
		p.accounts = append(p.accounts, &accounts[i])
	}
	sort.SliceStable(p.contacts, func(i, j int) bool { return contactLess(p.contacts[i], p.contacts[j]) })
	sort.SliceStable(p.accounts, func(i, j int) bool { return accountLess(p.accounts[i], p.accounts[j]) })

	index := map[string][]int{}
	for ai, a := range p.accounts {
		for _, k := range accountKeys(a) {
			index[k] = append(index[k], ai)
		}
	}
	for ci, c := range p.contacts {
		for _, k := range contactKeys(c) { // sorted: the first key that joins is the smallest
			for _, ai := range index[k] {
				key := [2]int{ci, ai}
				if _, seen := p.via[key]; seen {
					continue
				}
				p.via[key] = k
				p.byC[ci] = append(p.byC[ci], ai)
				p.byA[ai] = append(p.byA[ai], ci)
			}
		}
	}
	for _, v := range p.byC {
		sort.Ints(v)
	}
	for _, v := range p.byA {
		sort.Ints(v)
	}
	return p
}

func (p *pairing) matchedRow(ci, ai int) MergeRow {
	r := MergeRow{Match: MatchMatched, Contact: p.contacts[ci], Account: p.accounts[ai], Email: p.via[[2]int{ci, ai}]}
	if cs := p.byA[ai]; len(cs) > 1 {
		var others []string
		for _, o := range cs {
			if o != ci {
				others = append(others, p.contacts[o].ID)
			}
		}
		sort.Strings(others)
		r.Conflicts = append(r.Conflicts, Conflict{Kind: ConflictSharedMailbox, ContactIDs: others})
	}
	if as := p.byC[ci]; len(as) > 1 {
		ids := make([]string, len(as))
		for i, o := range as {
			ids[i] = p.accounts[o].ID
		}
		sort.Strings(ids)
		r.Conflicts = append(r.Conflicts, Conflict{Kind: ConflictSeveralAccounts, AccountIDs: ids})
	}
	return r
}

// BuildFromContacts leads with the contacts: one row per contact (one per
// matched account when it matches several), contacts sorted by name then id,
// their accounts by UPN; then the accounts no contact claims
// (account_only), sorted by UPN, tenant, id. Inputs are not modified; rows
// point into the input slices.
func BuildFromContacts(contacts []MergeContact, accounts []MergeAccount) MergeResult {
	p := join(contacts, accounts)
	var out MergeResult
	for ci, c := range p.contacts {
		as := p.byC[ci]
		if len(as) == 0 {
			out.Rows = append(out.Rows, MergeRow{Match: MatchContactOnly, Contact: c, Email: contactEmail(c)})
			continue
		}
		for _, ai := range as {
			out.Rows = append(out.Rows, p.matchedRow(ci, ai))
		}
	}
	for ai, a := range p.accounts {
		if len(p.byA[ai]) == 0 {
			out.Rows = append(out.Rows, MergeRow{Match: MatchAccountOnly, Account: a, Email: accountEmail(a)})
		}
	}
	return out
}

// BuildFromAccounts leads with the Microsoft 365 accounts: one row per
// account (one per claiming contact when several do), accounts sorted by
// UPN, tenant, id, their contacts by name; then the contacts without an
// account (contact_only), sorted by name then id.
func BuildFromAccounts(contacts []MergeContact, accounts []MergeAccount) MergeResult {
	p := join(contacts, accounts)
	var out MergeResult
	for ai, a := range p.accounts {
		cs := p.byA[ai]
		if len(cs) == 0 {
			out.Rows = append(out.Rows, MergeRow{Match: MatchAccountOnly, Account: a, Email: accountEmail(a)})
			continue
		}
		for _, ci := range cs {
			out.Rows = append(out.Rows, p.matchedRow(ci, ai))
		}
	}
	for ci, c := range p.contacts {
		if len(p.byC[ci]) == 0 {
			out.Rows = append(out.Rows, MergeRow{Match: MatchContactOnly, Contact: c, Email: contactEmail(c)})
		}
	}
	return out
}

// FindingKind is the stable id of a reconciliation finding.
type FindingKind string

const (
	FindingLicensedNoContact        FindingKind = "licensed_account_without_contact"
	FindingContactAccountDeleted    FindingKind = "contact_account_deleted"
	FindingContactAccountDisabled   FindingKind = "contact_account_disabled"
	FindingContactAccountUnlicensed FindingKind = "contact_account_unlicensed"
	FindingContactNoAccount         FindingKind = "contact_without_account"
	FindingInactiveContactActive    FindingKind = "inactive_contact_enabled_account"
	FindingSharedMailbox            FindingKind = "several_contacts_one_account"
	FindingSeveralAccounts          FindingKind = "one_contact_several_accounts"
)

// findingOrder fixes the order kinds are listed in.
var findingOrder = map[FindingKind]int{
	FindingLicensedNoContact: 0, FindingContactAccountDeleted: 1, FindingContactAccountDisabled: 2,
	FindingContactAccountUnlicensed: 3, FindingContactNoAccount: 4, FindingInactiveContactActive: 5,
	FindingSharedMailbox: 6, FindingSeveralAccounts: 7,
}

// Finding is one reconciliation finding of a client's merge.
type Finding struct {
	Kind      FindingKind
	ContactID string // "" for FindingLicensedNoContact
	AccountID string // "" for FindingContactNoAccount
	TenantID  string
	Sentence  string // what an MSP reads in the UI and the workbook
}

func contactLabel(c *MergeContact) string {
	if e := contactEmail(c); e != "" {
		return c.Name + " (" + e + ")"
	}
	return c.Name
}

// Findings derives the reconciliation findings from a merge (either
// direction gives the same set). Rules:
//   - licensed, not deleted account with no contact -> licensed_account_without_contact;
//   - ACTIVE contact whose matched account is deleted / disabled / unlicensed
//     -> one finding per pair, the first that applies in that order;
//   - active contact with no account -> contact_without_account (an inactive
//     contact without an account is the expected state of a departed person);
//   - inactive contact whose account is still enabled and not deleted ->
//     inactive_contact_enabled_account;
//   - each conflict once: several contacts on one account (per account), one
//     contact on several accounts (per contact).
//
// Sorted by kind (the order above), then contact name, account UPN, ids.
func Findings(m MergeResult) []Finding {
	var out []Finding
	seenShared := map[*MergeAccount]bool{}
	seenSeveral := map[*MergeContact]bool{}
	type keyed struct {
		f    Finding
		name string
		upn  string
	}
	var ks []keyed
	upnOf := map[string]string{}
	for _, r := range m.Rows {
		if r.Account != nil {
			upnOf[r.Account.ID] = r.Account.UPN
		}
	}
	add := func(f Finding, c *MergeContact, a *MergeAccount) {
		k := keyed{f: f}
		if c != nil {
			k.name = strings.ToLower(c.Name)
			k.f.ContactID = c.ID
		}
		if a != nil {
			k.upn = strings.ToLower(a.UPN)
			k.f.AccountID, k.f.TenantID = a.ID, a.TenantID
		}
		ks = append(ks, k)
	}
	for _, r := range m.Rows {
		c, a := r.Contact, r.Account
		switch r.Match {
		case MatchAccountOnly:
			if a.Licensed && !a.Deleted {
				add(Finding{Kind: FindingLicensedNoContact,
					Sentence: "Licensed account " + a.UPN + " has no contact in the PSA."}, nil, a)
			}
		case MatchContactOnly:
			if c.Active {
				add(Finding{Kind: FindingContactNoAccount,
					Sentence: "Contact " + contactLabel(c) + " has no Microsoft 365 account."}, c, nil)
			}
		case MatchMatched:
			switch {
			case !c.Active:
				if a.Enabled && !a.Deleted {
					add(Finding{Kind: FindingInactiveContactActive,
						Sentence: "Contact " + c.Name + " is inactive in the PSA but account " + a.UPN + " is still enabled."}, c, a)
				}
			case a.Deleted:
				add(Finding{Kind: FindingContactAccountDeleted,
					Sentence: "Contact " + c.Name + " is active but account " + a.UPN + " is deleted."}, c, a)
			case !a.Enabled:
				add(Finding{Kind: FindingContactAccountDisabled,
					Sentence: "Contact " + c.Name + " is active but account " + a.UPN + " is disabled."}, c, a)
			case !a.Licensed:
				add(Finding{Kind: FindingContactAccountUnlicensed,
					Sentence: "Contact " + c.Name + " is active but account " + a.UPN + " has no licence."}, c, a)
			}
			for _, cf := range r.Conflicts {
				switch cf.Kind {
				case ConflictSharedMailbox:
					if !seenShared[a] {
						seenShared[a] = true
						add(Finding{Kind: FindingSharedMailbox,
							Sentence: "Account " + a.UPN + " is claimed by " + itoaInt(len(cf.ContactIDs)+1) +
								" contacts; pick the right one in the PSA (a shared mailbox needs no contact)."}, nil, a)
					}
				case ConflictSeveralAccounts:
					if !seenSeveral[c] {
						seenSeveral[c] = true
						add(Finding{Kind: FindingSeveralAccounts,
							Sentence: "Contact " + c.Name + " matches " + itoaInt(len(cf.AccountIDs)) +
								" accounts (" + strings.Join(upns(cf.AccountIDs, upnOf), ", ") + "); remove the stale email from the contact or the account."}, c, nil)
					}
				}
			}
		}
	}
	sort.SliceStable(ks, func(i, j int) bool {
		a, b := ks[i], ks[j]
		if oa, ob := findingOrder[a.f.Kind], findingOrder[b.f.Kind]; oa != ob {
			return oa < ob
		}
		if a.name != b.name {
			return a.name < b.name
		}
		if a.upn != b.upn {
			return a.upn < b.upn
		}
		if a.f.ContactID != b.f.ContactID {
			return a.f.ContactID < b.f.ContactID
		}
		return a.f.AccountID < b.f.AccountID
	})
	for _, k := range ks {
		out = append(out, k.f)
	}
	return out
}

func upns(ids []string, upnOf map[string]string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = upnOf[id]
		if out[i] == "" {
			out[i] = id
		}
	}
	return out
}

func itoaInt(n int) string { return strconv.Itoa(n) }
