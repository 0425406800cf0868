package derive

import (
	"reflect"
	"strings"
	"testing"

	"tenantlens/backend/types"
)

func acct(id, upn, mail string, proxies ...string) MergeAccount {
	return MergeAccount{ID: id, TenantID: "t1", UPN: upn, Mail: mail, ProxyAddresses: proxies,
		Enabled: true, Licensed: true, MFAStatus: types.MFAEnabled}
}

func contact(id, name string, emails ...string) MergeContact {
	return MergeContact{ID: id, Name: name, Emails: emails, Active: true}
}

// rowKey is "match contactID/accountID" for compact comparisons.
func rowKeys(m MergeResult) []string {
	var out []string
	for _, r := range m.Rows {
		c, a := "-", "-"
		if r.Contact != nil {
			c = r.Contact.ID
		}
		if r.Account != nil {
			a = r.Account.ID
		}
		out = append(out, string(r.Match)+" "+c+"/"+a)
	}
	return out
}

func TestProxySMTP(t *testing.T) {
	cases := map[string]string{
		"SMTP:Ann.Lee@Contoso.com":     "ann.lee@contoso.com",
		"smtp:ANN@contoso.COM":         "ann@contoso.com",
		"SmTp:ann@contoso.com":         "ann@contoso.com",
		"SIP:ann@contoso.com":          "",
		"sip:ann@contoso.com":          "",
		"X500:/o=ExchangeLabs/ou=x":    "",
		"x400:c=US;a= ;p=Contoso;":     "",
		"EUM:1234;phone-context=x":     "",
		" ann@contoso.com ":            "ann@contoso.com", // bare address: SMTP
		"SMTP:":                        "",
		"smtp:not-an-address":          "",
		"SPO:SPO_abc@SPO_tenant-guid":  "",
		"X500:/o=First Org/cn=a@b.com": "",
	}
	for in, want := range cases {
		if got := ProxySMTP(in); got != want {
			t.Errorf("ProxySMTP(%q) = %q, want %q", in, got, want)
		}
	}
}

// The fixture exercises every category: a match on mail, one on UPN only,
// one on a mixed-case smtp alias, a contact whose second email matches, a
// SIP/X500-only "match" that must not join, a contact without account and
// an account without contact.
func mergeFixture() ([]MergeContact, []MergeAccount) {
	contacts := []MergeContact{
		contact("c-zoe", "Zoe Park", "zoe.park@contoso.com"),                    // mail
		contact("c-bob", "Bob Stone", "BOB@CONTOSO.COM"),                        // UPN, case
		contact("c-al", "Al Vega", "Alberto.Vega@Contoso.com"),                  // smtp alias
		contact("c-eve", "Eve Kim", "eve.kim@gmail.com", "Eve.Kim@contoso.com"), // second email
		contact("c-sip", "Sam Ip", "sam@contoso.com"),                           // SIP/X500 only: no join
		contact("c-new", "Nia New", "nia@contoso.com"),                          // contact_only
		contact("c-noemail", "Accounts Payable"),                                // no email at all
	}
	accounts := []MergeAccount{
		acct("a-zoe", "zpark@contoso.onmicrosoft.com", "Zoe.Park@contoso.com"),
		acct("a-bob", "bob@contoso.com", ""),
		acct("a-al", "al@contoso.com", "al@contoso.com", "SMTP:al@contoso.com", "smtp:ALBERTO.vega@CONTOSO.com"),
		acct("a-eve", "eve.kim@contoso.com", "eve.kim@contoso.com"),
		acct("a-sam", "samuel@contoso.com", "samuel@contoso.com", "SIP:sam@contoso.com", "X500:/o=x/cn=sam@contoso.com"),
		acct("a-old", "old@contoso.com", "old@contoso.com"), // account_only
	}
	return contacts, accounts
}

func TestBuildFromContactsCategoriesAndOrder(t *testing.T) {
	c, a := mergeFixture()
	m := BuildFromContacts(c, a)
	want := []string{
		"contact_only c-noemail/-", // "accounts payable" sorts first
		"matched c-al/a-al",
		"matched c-bob/a-bob",
		"matched c-eve/a-eve",
		"contact_only c-new/-",
		"contact_only c-sip/-",
		"matched c-zoe/a-zoe",
		"account_only -/a-old",
		"account_only -/a-sam",
	}
	if got := rowKeys(m); !reflect.DeepEqual(got, want) {
		t.Fatalf("rows:\n got %q\nwant %q", got, want)
	}
	if m.Count(MatchMatched) != 4 || m.Count(MatchContactOnly) != 3 || m.Count(MatchAccountOnly) != 2 {
		t.Fatalf("counts %d/%d/%d", m.Count(MatchMatched), m.Count(MatchContactOnly), m.Count(MatchAccountOnly))
	}
	emails := map[string]string{}
	for _, r := range m.Rows {
		if r.Match == MatchMatched {
			emails[r.Contact.ID] = r.Email
		}
		if len(r.Conflicts) != 0 {
			t.Errorf("unexpected conflict on %+v", r)
		}
	}
	wantEmails := map[string]string{"c-al": "alberto.vega@contoso.com", "c-bob": "bob@contoso.com",
		"c-eve": "eve.kim@contoso.com", "c-zoe": "zoe.park@contoso.com"}
	if !reflect.DeepEqual(emails, wantEmails) {
		t.Errorf("join emails %v, want %v", emails, wantEmails)
	}
	if got := len(m.Only(MatchMatched, MatchContactOnly)); got != 7 {
		t.Errorf("Only(matched, contact_only) = %d rows, want 7", got)
	}
}

func TestBuildFromAccountsCategoriesAndOrder(t *testing.T) {
	c, a := mergeFixture()
	m := BuildFromAccounts(c, a)
	want := []string{
		"matched c-al/a-al",
		"matched c-bob/a-bob",
		"matched c-eve/a-eve",
		"account_only -/a-old",
		"account_only -/a-sam",
		"matched c-zoe/a-zoe", // zpark@contoso.onmicrosoft.com sorts last
		"contact_only c-noemail/-",
		"contact_only c-new/-",
		"contact_only c-sip/-",
	}
	if got := rowKeys(m); !reflect.DeepEqual(got, want) {
		t.Fatalf("rows:\n got %q\nwant %q", got, want)
	}
	for _, r := range m.Rows {
		if r.Match == MatchAccountOnly && r.Account.ID == "a-old" && r.Email != "old@contoso.com" {
			t.Errorf("account_only email = %q", r.Email)
		}
	}
}

func TestMergeIsIndependentOfInputOrder(t *testing.T) {
	c, a := mergeFixture()
	base := rowKeys(BuildFromContacts(c, a))
	baseA := rowKeys(BuildFromAccounts(c, a))
	// reverse both inputs
	rc := make([]MergeContact, len(c))
	ra := make([]MergeAccount, len(a))
	for i := range c {
		rc[len(c)-1-i] = c[i]
	}
	for i := range a {
		ra[len(a)-1-i] = a[i]
	}
	if got := rowKeys(BuildFromContacts(rc, ra)); !reflect.DeepEqual(got, base) {
		t.Errorf("contacts direction depends on input order:\n%q\n%q", got, base)
	}
	if got := rowKeys(BuildFromAccounts(rc, ra)); !reflect.DeepEqual(got, baseA) {
		t.Errorf("accounts direction depends on input order:\n%q\n%q", got, baseA)
	}
}

func TestMergeConflicts(t *testing.T) {
	contacts := []MergeContact{
		contact("c-it1", "IT Department", "it@contoso.com"),
		contact("c-it2", "Helpdesk", "IT@Contoso.com"),
		contact("c-it3", "Support Team", "smtp:it@contoso.com"), // not a valid address: no join
		contact("c-dan", "Dan Roe", "dan@contoso.com", "dan.roe@fabrikam.com"),
	}
	accounts := []MergeAccount{
		acct("a-it", "it@contoso.com", "it@contoso.com"),
		acct("a-dan1", "dan@contoso.com", "dan@contoso.com"),
		func() MergeAccount {
			x := acct("a-dan2", "droe@fabrikam.com", "", "smtp:Dan.Roe@Fabrikam.com")
			x.TenantID = "t2"
			return x
		}(),
	}
	for name, m := range map[string]MergeResult{
		"contacts": BuildFromContacts(contacts, accounts),
		"accounts": BuildFromAccounts(contacts, accounts),
	} {
		got := map[string][]Conflict{}
		for _, r := range m.Rows {
			if r.Match == MatchMatched {
				got[r.Contact.ID+"/"+r.Account.ID] = r.Conflicts
			}
		}
		both := []string{"a-dan1", "a-dan2"}
		want := map[string][]Conflict{
			"c-it1/a-it":   {{Kind: ConflictSharedMailbox, ContactIDs: []string{"c-it2"}}},
			"c-it2/a-it":   {{Kind: ConflictSharedMailbox, ContactIDs: []string{"c-it1"}}},
			"c-dan/a-dan1": {{Kind: ConflictSeveralAccounts, AccountIDs: both}},
			"c-dan/a-dan2": {{Kind: ConflictSeveralAccounts, AccountIDs: both}},
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s direction conflicts:\n got %+v\nwant %+v", name, got, want)
		}
		if m.Count(MatchContactOnly) != 1 || m.Count(MatchAccountOnly) != 0 {
			t.Errorf("%s: contact_only %d account_only %d", name, m.Count(MatchContactOnly), m.Count(MatchAccountOnly))
		}
	}
}

func TestFindingsPerKind(t *testing.T) {
	disabled := acct("a-dis", "dis@contoso.com", "dis@contoso.com")
	disabled.Enabled = false
	deleted := acct("a-del", "del@contoso.com", "del@contoso.com")
	deleted.Deleted, deleted.Enabled, deleted.Licensed = true, false, false
	unlic := acct("a-unl", "unl@contoso.com", "unl@contoso.com")
	unlic.Licensed = false
	freeNoContact := acct("a-free", "free@contoso.com", "free@contoso.com")
	freeNoContact.Licensed = false
	gone := MergeContact{ID: "c-gone", Name: "Gone Person", Emails: []string{"gone@contoso.com"}, Active: false}
	left := MergeContact{ID: "c-left", Name: "Left Still", Emails: []string{"ok2@contoso.com"}, Active: false}
	contacts := []MergeContact{
		contact("c-ok", "Okay Fine", "ok@contoso.com"),
		contact("c-dis", "Dis Abled", "dis@contoso.com"),
		contact("c-del", "Del Eted", "del@contoso.com"),
		contact("c-unl", "Un Licensed", "unl@contoso.com"),
		contact("c-none", "No Account", "none@contoso.com"),
		gone, left,
		contact("c-s1", "Shared One", "shared@contoso.com"),
		contact("c-s2", "Shared Two", "shared@contoso.com"),
	}
	accounts := []MergeAccount{
		acct("a-ok", "ok@contoso.com", "ok@contoso.com"),
		disabled, deleted, unlic, freeNoContact,
		acct("a-orphan", "orphan@contoso.com", "orphan@contoso.com"),
		acct("a-ok2", "ok2@contoso.com", "ok2@contoso.com"),
		acct("a-shared", "shared@contoso.com", "shared@contoso.com"),
	}
	want := []struct {
		kind FindingKind
		c, a string
	}{
		{FindingLicensedNoContact, "", "a-orphan"},
		{FindingContactAccountDeleted, "c-del", "a-del"},
		{FindingContactAccountDisabled, "c-dis", "a-dis"},
		{FindingContactAccountUnlicensed, "c-unl", "a-unl"},
		{FindingContactNoAccount, "c-none", ""},
		{FindingInactiveContactActive, "c-left", "a-ok2"},
		{FindingSharedMailbox, "", "a-shared"},
	}
	for name, m := range map[string]MergeResult{
		"contacts": BuildFromContacts(contacts, accounts),
		"accounts": BuildFromAccounts(contacts, accounts),
	} {
		fs := Findings(m)
		if len(fs) != len(want) {
			for _, f := range fs {
				t.Logf("%s %s/%s: %s", f.Kind, f.ContactID, f.AccountID, f.Sentence)
			}
			t.Fatalf("%s: %d findings, want %d", name, len(fs), len(want))
		}
		for i, w := range want {
			f := fs[i]
			if f.Kind != w.kind || f.ContactID != w.c || f.AccountID != w.a {
				t.Errorf("%s finding %d = %s %s/%s, want %s %s/%s", name, i, f.Kind, f.ContactID, f.AccountID, w.kind, w.c, w.a)
			}
			if f.Sentence == "" || !strings.HasSuffix(f.Sentence, ".") {
				t.Errorf("%s finding %d has no sentence: %q", name, i, f.Sentence)
			}
		}
	}
	// the sentences name the people/accounts
	fs := Findings(BuildFromContacts(contacts, accounts))
	if !strings.Contains(fs[0].Sentence, "orphan@contoso.com") || !strings.Contains(fs[2].Sentence, "Dis Abled") ||
		!strings.Contains(fs[4].Sentence, "none@contoso.com") {
		t.Errorf("sentences do not name their subjects: %q / %q / %q", fs[0].Sentence, fs[2].Sentence, fs[4].Sentence)
	}
}

func TestFindingSeveralAccountsNamesUPNs(t *testing.T) {
	contacts := []MergeContact{contact("c", "Dan Roe", "dan@a.com", "dan@b.com")}
	accounts := []MergeAccount{acct("a1", "dan@a.com", ""), acct("a2", "dan@b.com", "")}
	fs := Findings(BuildFromAccounts(contacts, accounts))
	if len(fs) != 1 || fs[0].Kind != FindingSeveralAccounts || fs[0].ContactID != "c" {
		t.Fatalf("findings %+v", fs)
	}
	if !strings.Contains(fs[0].Sentence, "dan@a.com, dan@b.com") {
		t.Errorf("sentence %q does not list the UPNs", fs[0].Sentence)
	}
}

func TestAccountFromUser(t *testing.T) {
	u := types.User{ID: "u1", UserPrincipalName: "a@x.com", Mail: "A@x.com", AccountEnabled: true,
		Licenses: []types.AssignedLicense{{SkuID: "s"}}, MFAStatus: types.MFADisabled}
	a := AccountFromUser("t9", u, []string{"smtp:alias@x.com"})
	if a.ID != "u1" || a.TenantID != "t9" || !a.Enabled || !a.Licensed || a.Deleted || a.MFAStatus != types.MFADisabled {
		t.Fatalf("adapted %+v", a)
	}
	m := BuildFromContacts([]MergeContact{contact("c", "Al", "ALIAS@x.com")}, []MergeAccount{a})
	if m.Count(MatchMatched) != 1 {
		t.Errorf("alias from the adapter did not join: %q", rowKeys(m))
	}
	u.Licenses = nil
	if AccountFromUser("t9", u, nil).Licensed {
		t.Error("a user without licences is Licensed")
	}
}
