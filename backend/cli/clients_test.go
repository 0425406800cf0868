package cli

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"tenantlens/backend/graphsim"
	"tenantlens/backend/review"
	"tenantlens/backend/services"
	"tenantlens/backend/types"
)

// psaRow is one contact of the export the test writes (ConnectWise PSA's
// API field names, detected by the connectwise preset).
type psaRow struct {
	id, first, last, companyID, company, email string
}

var cwHeader = []string{"id", "firstName", "lastName", "company.id", "company.identifier", "company.name", "title", "inactiveFlag", "defaultEmail", "allEmails", "defaultPhoneNbr"}

func writeCW(t *testing.T, path string, rows []psaRow) {
	t.Helper()
	var b strings.Builder
	w := csv.NewWriter(&b)
	_ = w.Write(cwHeader)
	for _, r := range rows {
		_ = w.Write([]string{r.id, r.first, r.last, r.companyID, strings.ReplaceAll(r.company, " ", ""), r.company, "Staff", "false", r.email, r.email, ""})
	}
	w.Flush()
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
}

// expectMerge is what the test built for one client: the exact category
// counts of the accounts-first merge and the row each chosen email must
// land in.
type expectMerge struct {
	matched, contactOnly, accountOnly int
	upnOf                             map[string]string // contact email (lower) -> the account's UPN ("" = contact_only)
}

// The demo MSP (four tenants, all ready) synced over graphsim, then a
// ConnectWise contacts export the test writes: companies named like some
// tenants, contacts with real users' emails (mixed case, one UPN, one
// alias proxy address), one unknown address, one without email. Dry run,
// import, auto-map, a hand map, then every clients command is checked
// against what the test constructed and against the tenants' figures.
func TestClientsImportMapContacts(t *testing.T) {
	e := newCLIEnv(t, graphsim.New(graphsim.Options{Seed: 1, Tenants: 4, AutoConsent: true}))
	if code, out, errOut, _ := e.connect("--partner", "--no-browser"); code != 0 {
		t.Fatalf("connect --partner: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, errOut := e.cli("sync", "--all", "--json"); code != 0 {
		t.Fatalf("sync --all: exit %d\n%s\n%s", code, out, errOut)
	}
	byName := map[string]types.Tenant{}
	for _, tn := range e.storedTenants() {
		byName[tn.DisplayName] = tn
	}
	const harbor, cedar, summit, bright = "Harbor Dental Group", "Cedar & Pine Law LLP", "Summit Ridge Construction", "Brightwater Veterinary Clinic"
	for _, n := range []string{harbor, cedar, summit, bright} {
		if byName[n].ID == "" {
			t.Fatalf("the demo has no tenant %q (have %v)", n, byName)
		}
	}

	// The synced accounts as the merge sees them (review's rule: no
	// guests, no resource accounts, deleted users kept).
	ctx := context.Background()
	svc, err := services.Open(ctx, services.Options{Home: e.home})
	if err != nil {
		t.Fatal(err)
	}
	accounts := map[string]int{}
	users := map[string][]types.User{} // candidates for contacts: enabled members with a mailbox
	for _, n := range []string{harbor, cedar, bright} {
		snap, err := svc.Store.CurrentSnapshot(ctx, byName[n].ID)
		if err != nil {
			svc.Close()
			t.Fatal(err)
		}
		for i := range snap.Users {
			u := &snap.Users[i]
			if _, ok := review.MergeAccountOf(byName[n].ID, u); !ok {
				continue
			}
			accounts[n]++
			if !u.Deleted && u.Mail != "" && !strings.EqualFold(u.Mail, u.UserPrincipalName) {
				continue // keep the test's choice simple: mail = UPN
			}
			if !u.Deleted && u.Mail != "" {
				users[n] = append(users[n], *u)
			}
		}
	}
	svc.Close()
	alias := func(u types.User) string {
		for _, p := range u.ProxyAddresses {
			if a, ok := strings.CutPrefix(p, "smtp:"); ok && !strings.EqualFold(a, u.Mail) && !strings.EqualFold(a, u.UserPrincipalName) {
				return a
			}
		}
		return ""
	}
	if len(users[harbor]) < 5 || len(users[cedar]) < 3 || len(users[bright]) < 2 || alias(users[harbor][3]) == "" {
		t.Fatalf("demo too small for the test: %d/%d/%d candidate users, alias %q", len(users[harbor]), len(users[cedar]), len(users[bright]), alias(users[harbor][3]))
	}

	// The export: client H = Harbor Dental Group (later also Brightwater,
	// by hand), client C = "Cedar and Pine Law" (the matcher ignores "&"
	// and "LLP"), client N = a company with no tenant. Summit Ridge gets no
	// company and must stay unmapped.
	hu, cu, bu := users[harbor], users[cedar], users[bright]
	rows := []psaRow{
		{"11", hu[0].GivenName, hu[0].Surname, "100", "Harbor Dental Group", strings.ToUpper(hu[0].Mail)},
		{"12", hu[1].GivenName, hu[1].Surname, "100", "Harbor Dental Group", hu[1].Mail},
		{"13", hu[2].GivenName, hu[2].Surname, "100", "Harbor Dental Group", strings.ToLower(hu[2].Mail)},
		{"14", hu[3].GivenName, hu[3].Surname, "100", "Harbor Dental Group", alias(hu[3])},
		{"15", bu[0].GivenName, bu[0].Surname, "100", "Harbor Dental Group", bu[0].UserPrincipalName},
		{"16", "Nobody", "Here", "100", "Harbor Dental Group", "nobody.here.test@harbordental.com"},
		{"17", "Pat", "Noemail", "100", "Harbor Dental Group", ""},
		{"21", cu[0].GivenName, cu[0].Surname, "200", "Cedar and Pine Law", cu[0].Mail},
		{"22", cu[1].GivenName, cu[1].Surname, "200", "Cedar and Pine Law", cu[1].Mail},
		{"31", "Olive", "Outsider", "300", "Nowhere Holdings", "olive@nowhere-holdings.example"},
	}
	want := map[string]expectMerge{
		"Harbor Dental Group": {matched: 5, contactOnly: 2, accountOnly: accounts[harbor] + accounts[bright] - 5, upnOf: map[string]string{
			strings.ToLower(hu[0].Mail): hu[0].UserPrincipalName, strings.ToLower(alias(hu[3])): hu[3].UserPrincipalName,
			strings.ToLower(bu[0].UserPrincipalName): bu[0].UserPrincipalName, "nobody.here.test@harbordental.com": ""}},
		"Cedar and Pine Law": {matched: 2, contactOnly: 0, accountOnly: accounts[cedar] - 2, upnOf: map[string]string{strings.ToLower(cu[1].Mail): cu[1].UserPrincipalName}},
		"Nowhere Holdings":   {matched: 0, contactOnly: 1, accountOnly: 0, upnOf: map[string]string{"olive@nowhere-holdings.example": ""}},
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "contacts.csv")
	writeCW(t, good, rows)

	clients := func() []review.ClientRow {
		t.Helper()
		code, out, errOut := e.cli("clients", "--json")
		if code != 0 {
			t.Fatalf("clients --json: exit %d: %s", code, errOut)
		}
		var rs []review.ClientRow
		mustJSON(t, out, &rs)
		return rs
	}
	contacts := func(client string, extra ...string) []review.ContactRow {
		t.Helper()
		code, out, errOut := e.cli(append([]string{"contacts", "--client", client, "--json"}, extra...)...)
		if code != 0 {
			t.Fatalf("contacts --client %q: exit %d: %s", client, code, errOut)
		}
		var rs []review.ContactRow
		mustJSON(t, out, &rs)
		return rs
	}
	importJSON := func(args ...string) importView {
		t.Helper()
		code, out, errOut := e.cli(append([]string{"import", "contacts", "--json"}, args...)...)
		if code != 0 {
			t.Fatalf("import contacts %v: exit %d: %s", args, code, errOut)
		}
		var v importView
		mustJSON(t, out, &v)
		return v
	}

	t.Run("dry run changes nothing", func(t *testing.T) {
		v := importJSON("--file", good, "--dry-run")
		if !v.DryRun || v.File.Preset != "connectwise" || !v.File.Detected || v.File.Rows != len(rows) {
			t.Errorf("preview: dry %v, preset %q detected %v, %d rows (want %d)", v.DryRun, v.File.Preset, v.File.Detected, v.File.Rows, len(rows))
		}
		if v.Outcome.Added != len(rows) || v.Outcome.ClientsAdded != 3 || v.NoEmail != 1 {
			t.Errorf("preview outcome %+v, %d without email; want %d added, 3 clients, 1 without email", v.Outcome, v.NoEmail, len(rows))
		}
		if rs := clients(); len(rs) != 0 {
			t.Errorf("the dry run created %d clients", len(rs))
		}
		code, out, _ := e.cli("import", "contacts", "--file", good, "--dry-run")
		if code != 0 || !strings.Contains(out, "Dry run, nothing was changed") || !strings.Contains(out, "line 8") {
			t.Errorf("text dry run: exit %d (want the dry-run line and the no-email problem on line 8):\n%s", code, out)
		}
	})

	t.Run("import", func(t *testing.T) {
		v := importJSON("--file", good)
		if v.DryRun || v.Outcome.Added != len(rows) || v.Outcome.Updated != 0 || v.Outcome.ClientsAdded != 3 {
			t.Errorf("import outcome %+v", v.Outcome)
		}
	})

	t.Run("map --auto", func(t *testing.T) {
		code, out, errOut := e.cli("map", "--auto", "--dry-run", "--json")
		if code != 0 {
			t.Fatalf("map --auto --dry-run: exit %d: %s", code, errOut)
		}
		var dry autoMapView
		mustJSON(t, out, &dry)
		code, out, errOut = e.cli("map", "--auto", "--json")
		if code != 0 {
			t.Fatalf("map --auto: exit %d: %s", code, errOut)
		}
		var done autoMapView
		mustJSON(t, out, &done)
		if done.DryRun || !dry.DryRun || len(done.Tenants) != 4 || !reflect.DeepEqual(dry.Tenants, done.Tenants) {
			t.Errorf("the dry run and the auto-map differ:\n dry %+v\ndone %+v", dry, done)
		}
		got := map[string]services.AutoMapResult{}
		for _, r := range done.Tenants {
			got[r.TenantName] = r
		}
		if r := got[harbor]; !r.Mapped || r.ClientName != "Harbor Dental Group" {
			t.Errorf("Harbor: %+v", r)
		}
		if r := got[cedar]; !r.Mapped || r.ClientName != "Cedar and Pine Law" {
			t.Errorf("Cedar & Pine: %+v", r)
		}
		if r := got[summit]; r.Mapped || r.Reason == "" {
			t.Errorf("Summit Ridge (no company in the PSA) was mapped or left without a reason: %+v", r)
		}
		code, out, errOut = e.cli("map", "--auto")
		if code != 0 || !strings.Contains(out, summit+": left unmapped: ") {
			t.Errorf("map --auto (text, second time): exit %d: %s\n%s", code, errOut, out)
		}
	})

	t.Run("map by hand", func(t *testing.T) {
		if code, out, errOut := e.cli("map", "--tenant", byName[bright].ID, "--client", "harbor dental group"); code != 0 || !strings.Contains(out, "Mapped "+bright) {
			t.Fatalf("map --tenant --client: exit %d: %s%s", code, out, errOut)
		}
		if code, _, errOut := e.cli("map", "--tenant", byName[summit].DefaultDomain, "--client", "Nowhere Holdings"); code != 0 {
			t.Fatalf("map Summit: exit %d: %s", code, errOut)
		}
		if code, _, errOut := e.cli("map", "--unmap", "--tenant", summit); code != 0 {
			t.Fatalf("map --unmap: exit %d: %s", code, errOut)
		}
		code, out, errOut := e.cli("map", "--json")
		if code != 0 {
			t.Fatalf("map --json: exit %d: %s", code, errOut)
		}
		var v review.MappingView
		mustJSON(t, out, &v)
		if v.Total != 4 || v.Mapped != 3 || v.Unmapped != 1 {
			t.Errorf("mapping view: total %d, mapped %d, unmapped %d; want 4/3/1", v.Total, v.Mapped, v.Unmapped)
		}
		if code, _, errOut := e.cli("map", "--tenant", summit, "--client", "No Such Client"); code != 1 || !strings.Contains(errOut, "tenantlens clients") {
			t.Errorf("map to an unknown client: exit %d, stderr %q", code, errOut)
		}
		if code, _, _ := e.cli("map", "--tenant", summit); code != 2 {
			t.Errorf("map --tenant without --client: exit %d, want 2", code)
		}
	})

	wantTenants := map[string][]string{"Harbor Dental Group": {byName[bright].ID, byName[harbor].ID},
		"Cedar and Pine Law": {byName[cedar].ID}, "Nowhere Holdings": {}}
	wantContacts := map[string]int{}
	for _, r := range rows {
		wantContacts[r.company]++
	}
	tenantRows := map[string]review.TenantRow{}
	for _, r := range e.tenants() {
		tenantRows[r.ID] = r
	}
	var before []review.ClientRow
	t.Run("clients --json adds up its tenants", func(t *testing.T) {
		before = clients()
		if len(before) != 3 {
			t.Fatalf("%d clients, want 3: %+v", len(before), before)
		}
		for _, c := range before {
			ids, wt := sortedCopy(c.TenantIDs), sortedCopy(wantTenants[c.Name])
			if fmt.Sprint(ids) != fmt.Sprint(wt) || c.Tenants != len(wt) {
				t.Errorf("%s: tenants %v, want %v", c.Name, ids, wt)
			}
			var users, licensed int
			for _, id := range c.TenantIDs {
				users += tenantRows[id].Users
				licensed += tenantRows[id].Licensed
			}
			if c.Users != users || c.Licensed != licensed {
				t.Errorf("%s: clients --json shows %d users / %d licensed; its tenants' rows add up to %d / %d", c.Name, c.Users, c.Licensed, users, licensed)
			}
			m, ok := want[c.Name]
			if !ok {
				t.Fatalf("unexpected client %q", c.Name)
			}
			if c.Contacts != wantContacts[c.Name] {
				t.Errorf("%s: %d contacts, the export has %d", c.Name, c.Contacts, wantContacts[c.Name])
			}
			if c.Matched != m.matched || c.ContactOnly != m.contactOnly || c.AccountOnly != m.accountOnly {
				t.Errorf("%s: row says %d/%d/%d matched/contact_only/account_only, the test built %d/%d/%d",
					c.Name, c.Matched, c.ContactOnly, c.AccountOnly, m.matched, m.contactOnly, m.accountOnly)
			}
		}
		if before[0].Users == 0 {
			t.Errorf("the first client has no users: the sum check would be vacuous")
		}
	})

	t.Run("export --client and --all-clients", func(t *testing.T) {
		byClient := map[string]review.ClientRow{}
		for _, c := range before {
			byClient[c.Name] = c
		}
		first := func(rows [][]string, label string) string {
			for _, r := range rows {
				if len(r) > 1 && r[0] == label {
					return r[1]
				}
			}
			return ""
		}
		for _, name := range []string{"Harbor Dental Group", "Cedar and Pine Law"} {
			path := filepath.Join(dir, name+".xlsx")
			if code, out, errOut := e.cli("export", "--client", name, "--out", path); code != 0 || !strings.Contains(out, path) {
				t.Fatalf("export --client %q: exit %d: %s%s", name, code, out, errOut)
			}
			sum := sheetRows(t, path, "Summary")
			if len(sum) == 0 || len(sum[0]) == 0 || !strings.HasSuffix(sum[0][0], ": "+name) {
				t.Errorf("%s: Summary title %q does not name the client", name, sum[0])
			}
			c := byClient[name]
			if u, l := int(cellNum(first(sum, "Users"))), int(cellNum(first(sum, "Licensed Users"))); u != c.Users || l != c.Licensed {
				t.Errorf("%s: the client workbook totals %d users / %d licensed, clients --json %d / %d", name, u, l, c.Users, c.Licensed)
			}
		}
		all := filepath.Join(dir, "all-clients.xlsx")
		if code, out, errOut := e.cli("export", "--all-clients", "--out", all); code != 0 {
			t.Fatalf("export --all-clients: exit %d: %s%s", code, out, errOut)
		}
		rows := sheetRows(t, all, "Clients")
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		if len(rows)-1 != len(before) {
			t.Errorf("all-clients workbook has %d rows, clients --json %d", len(rows)-1, len(before))
		}
		for _, r := range rows[1:] {
			c, ok := byClient[at(r, col["Client"])]
			users, licensed := at(r, col["Users"]), at(r, col["Licensed Users"])
			if !ok || (c.Synced > 0 && (int(cellNum(users)) != c.Users || int(cellNum(licensed)) != c.Licensed)) {
				t.Errorf("all-clients row %q: users %s licensed %s; clients --json %+v", r, users, licensed, c)
			}
		}
		if code, _, errOut := e.cli("export", "--client", "Harbor Dental Group", "--all", "--out", all); code != 2 || !strings.Contains(errOut, "exactly one") {
			t.Errorf("export --client with --all: exit %d, stderr %q", code, errOut)
		}
	})

	t.Run("contacts --client", func(t *testing.T) {
		for name, m := range want {
			for _, from := range []string{"accounts", "contacts"} {
				rs := contacts(name, "--from", from)
				n := map[string]int{}
				upn := map[string]string{}
				for _, r := range rs {
					n[r.Match]++
					if r.Email != "" {
						upn[strings.ToLower(r.Email)] = r.UserPrincipalName
					}
					if (r.Match == "account_only") != (r.ContactName == "") || (r.Match == "contact_only") != (r.UserPrincipalName == "") ||
						(r.UserPrincipalName != "") != (r.AccountEnabled != nil) {
						t.Errorf("%s (%s): inconsistent row %+v", name, from, r)
					}
				}
				if n["matched"] != m.matched || n["contact_only"] != m.contactOnly || n["account_only"] != m.accountOnly || len(n) > 3 {
					t.Errorf("%s (from %s): %v, the test built %d matched, %d contact_only, %d account_only", name, from, n, m.matched, m.contactOnly, m.accountOnly)
				}
				for email, u := range m.upnOf {
					if got, ok := upn[email]; !ok || !strings.EqualFold(got, u) {
						t.Errorf("%s (from %s): %s joined to %q (present %v), want %q", name, from, email, got, ok, u)
					}
				}
			}
		}
		code, out, errOut := e.cli("contacts", "--client", "Harbor Dental Group")
		if code != 0 || !strings.Contains(out, fmt.Sprintf("%d matched, %d contacts without account", 5, 2)) {
			t.Errorf("contacts (text): exit %d: %s\n%s", code, errOut, out)
		}
	})

	t.Run("findings --client", func(t *testing.T) {
		code, out, errOut := e.cli("findings", "--client", "Nowhere Holdings", "--json")
		if code != 0 {
			t.Fatalf("findings: exit %d: %s", code, errOut)
		}
		var fs []findingRow
		mustJSON(t, out, &fs)
		if len(fs) != 1 || fs[0].Kind != "contact_without_account" || !strings.Contains(fs[0].Sentence, "olive@nowhere-holdings.example") {
			t.Errorf("Nowhere Holdings findings: %+v", fs)
		}
		code, out, _ = e.cli("findings", "--client", "Harbor Dental Group", "--json")
		mustJSON(t, out, &fs)
		kinds := map[string]int{}
		for _, f := range fs {
			kinds[f.Kind]++
		}
		if code != 0 || kinds["contact_without_account"] != 2 {
			t.Errorf("Harbor findings: exit %d, %v (want 2 contacts without account: the unknown address and the one without email)", code, kinds)
		}
	})

	contactsOf := func() map[string][]review.ContactRow {
		out := map[string][]review.ContactRow{}
		for name := range want {
			out[name] = contacts(name)
		}
		return out
	}
	stored := contactsOf()

	t.Run("dry run of a changed export", func(t *testing.T) {
		changed := append(append([]psaRow(nil), rows[:5]...), rows[6:]...) // the unknown address left the PSA
		changed = append(changed, psaRow{"18", hu[4].GivenName, hu[4].Surname, "100", "Harbor Dental Group", hu[4].Mail})
		path := filepath.Join(dir, "changed.csv")
		writeCW(t, path, changed)
		v := importJSON("--file", path, "--dry-run")
		if v.Outcome.Added != 1 || v.Outcome.Deactivated != 1 || v.Outcome.Updated != 0 || v.Outcome.ClientsAdded != 0 {
			t.Errorf("changed export preview %+v, want 1 added, 1 deactivated", v.Outcome)
		}
		if after := clients(); !reflect.DeepEqual(after, before) {
			t.Errorf("the dry run changed the clients:\n%+v\n%+v", before, after)
		}
		if got := contactsOf(); !reflect.DeepEqual(got, stored) {
			t.Errorf("the dry run changed the merged contacts")
		}
	})

	t.Run("malformed file changes nothing", func(t *testing.T) {
		bad := filepath.Join(dir, "bad.csv")
		text := strings.Join(cwHeader, ",") + "\n" +
			"41,Ann,Able,100,HarborDentalGroup,Harbor Dental Group,Staff,false,ann@harbordental.com,ann@harbordental.com,\n" +
			"42,Bo,Broken,100,HarborDentalGroup,Harbor Dental Group,St\"aff,false,bo@harbordental.com,bo@harbordental.com,\n"
		if err := os.WriteFile(bad, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		code, out, errOut := e.cli("import", "contacts", "--file", bad)
		if code == 0 || !strings.Contains(errOut, "line 3") || !strings.Contains(errOut, "export the file again") || !strings.Contains(errOut, "Nothing was imported") {
			t.Errorf("malformed file: exit %d\nstdout %s\nstderr %s", code, out, errOut)
		}
		if after := clients(); !reflect.DeepEqual(after, before) {
			t.Errorf("a malformed file changed the clients")
		}
		if got := contactsOf(); !reflect.DeepEqual(got, stored) {
			t.Errorf("a malformed file changed the contacts")
		}
	})

	t.Run("re-import updates nothing", func(t *testing.T) {
		v := importJSON("--file", good)
		if v.Outcome.Added != 0 || v.Outcome.Updated != 0 || v.Outcome.Deactivated != 0 || v.Outcome.Unchanged != len(rows) || v.Outcome.ClientsAdded != 0 {
			t.Errorf("re-import outcome %+v, want %d unchanged and nothing else", v.Outcome, len(rows))
		}
		if got := contactsOf(); !reflect.DeepEqual(got, stored) {
			t.Errorf("re-importing the same file changed the merged contacts")
		}
	})

	t.Run("clients add, rename, merge", func(t *testing.T) {
		steps := [][]string{{"clients", "add", "Temp Co"}, {"clients", "rename", "temp co", "Temp Company"},
			{"map", "--tenant", summit, "--client", "Temp Company"}, {"clients", "merge", "--into", "Nowhere Holdings", "--from", "Temp Company"}}
		for _, s := range steps {
			if code, out, errOut := e.cli(s...); code != 0 {
				t.Fatalf("%v: exit %d: %s%s", s, code, out, errOut)
			}
		}
		if code, _, errOut := e.cli("clients", "add", "nowhere holdings"); code != 1 || !strings.Contains(errOut, "already exists") {
			t.Errorf("adding a taken name: exit %d, stderr %q", code, errOut)
		}
		rs := clients()
		var names []string
		for _, c := range rs {
			names = append(names, c.Name)
			if c.Name == "Nowhere Holdings" && (len(c.TenantIDs) != 1 || c.TenantIDs[0] != byName[summit].ID) {
				t.Errorf("Nowhere Holdings after the merge has tenants %v, want Summit Ridge's", c.TenantIDs)
			}
		}
		if len(rs) != 3 {
			t.Errorf("after add+merge: clients %v, want the three imported", names)
		}
	})

	t.Run("usage errors", func(t *testing.T) {
		for _, args := range [][]string{{"import"}, {"import", "contacts"}, {"import", "contacts", "--file", good, "--preset", "salesforce"},
			{"import", "contacts", "--file", good, "--preset", "halo", "--map", "email=Email"}, {"import", "contacts", "--file", good, "--map", "colour=Email"},
			{"map", "--auto", "--min-confidence", "1.5"}, {"map", "--auto", "--tenant", summit}, {"contacts"}, {"contacts", "--client", "X", "--from", "both"},
			{"clients", "rename", "only-one"}, {"clients", "frobnicate"}} {
			if code, _, errOut := e.cli(args...); code != 2 || errOut == "" {
				t.Errorf("%v: exit %d (want 2), stderr %q", args, code, errOut)
			}
		}
	})
}

func sortedCopy(s []string) []string {
	out := append([]string{}, s...)
	sort.Strings(out)
	return out
}
