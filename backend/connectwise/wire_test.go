package connectwise

import (
	"bufio"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
)

const examples = "../../../shared/psa/examples/connectwise/"

// The example contact pages decode to the README's scenarios: emails from
// communicationType only (a "Personal Email" label counts), the default
// first, case-duplicates kept on separate contacts, inactive kept.
func TestExampleContacts(t *testing.T) {
	byID := map[int]Contact{}
	for _, f := range []string{"GET_company_contacts.page1.json", "GET_company_contacts.page2.json", "GET_company_contacts.page3.json"} {
		b, err := os.ReadFile(examples + f)
		if err != nil {
			t.Fatal(err)
		}
		var ws []wireContact
		if err := json.Unmarshal(b, &ws); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, w := range ws {
			byID[w.ID] = w.contact()
		}
	}
	if len(byID) != 6 {
		t.Fatalf("%d contacts, the README lists 6", len(byID))
	}
	check := func(id int, emails []string) {
		t.Helper()
		if got := byID[id].Emails; !reflect.DeepEqual(got, emails) {
			t.Errorf("contact %d emails %q, want %q", id, got, emails)
		}
	}
	if len(byID[1301].Emails) != 1 || byID[1301].CompanyID != 250 || byID[1301].CompanyName == "" {
		t.Errorf("1301: %+v", byID[1301])
	}
	a := byID[1302].Emails
	if len(a) != 2 || strings.Contains(strings.ToLower(a[0]), "outlook.com") || !strings.Contains(strings.ToLower(a[1]), "outlook.com") {
		t.Errorf("1302: default work email must come first, then the personal one: %q", a)
	}
	if c := byID[1303]; !c.Inactive || len(c.Emails) == 0 {
		t.Errorf("1303 inactive with an email: %+v", c)
	}
	check(1304, nil)
	shared := false
	for _, e := range byID[1306].Emails {
		shared = shared || (strings.EqualFold(e, byID[1305].Emails[0]) && e != byID[1305].Emails[0])
	}
	if !shared || byID[1306].LastName != "" {
		t.Errorf("1305/1306: %+v %+v", byID[1305], byID[1306])
	}
}

func TestExampleCompanies(t *testing.T) {
	var all []Company
	for _, f := range []string{"GET_company_companies.page1.json", "GET_company_companies.page2.json"} {
		b, err := os.ReadFile(examples + f)
		if err != nil {
			t.Fatal(err)
		}
		var ws []wireCompany
		if err := json.Unmarshal(b, &ws); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, w := range ws {
			all = append(all, w.company())
		}
	}
	var comma, inactive bool
	for _, c := range all {
		if c.ID == 0 || c.Identifier == "" || c.Name == "" || c.Status == "" || len(c.Types) == 0 {
			t.Errorf("incomplete: %+v", c)
		}
		comma = comma || strings.Contains(c.Name, ",")
		inactive = inactive || (c.Status == "Inactive" && slicesContains(c.Types, "Prospect"))
	}
	if !comma || !inactive {
		t.Errorf("README scenarios missing (comma name %v, inactive prospect %v): %+v", comma, inactive, all)
	}
}

func slicesContains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// Every Link header of LINK_HEADERS.txt gives the next URL it names, or
// none on last pages.
func TestNextLinkExamples(t *testing.T) {
	f, err := os.Open(examples + "LINK_HEADERS.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		v, ok := strings.CutPrefix(sc.Text(), "Link:")
		if !ok {
			continue
		}
		n++
		want := ""
		for _, e := range strings.Split(v, ", <") {
			if strings.Contains(e, `rel="next"`) {
				want = strings.TrimPrefix(strings.TrimSpace(e[:strings.Index(e, ">")]), "<")
			}
		}
		if got := nextLink(v); got != want {
			t.Errorf("%s\n got %q\nwant %q", v, got, want)
		}
	}
	if n < 5 {
		t.Fatalf("only %d Link lines read", n)
	}
}

func TestNextLinkForms(t *testing.T) {
	for in, want := range map[string]string{
		`<https://h/a?fields=id,name&pageSize=5&page=2>; rel="next", <https://h/a?fields=id,name&pageSize=5&page=9>; rel="last"`: "https://h/a?fields=id,name&pageSize=5&page=2",
		`<https://h/a?page=1>; rel="first", <https://h/a?page=3>;rel=next`:                                                       "https://h/a?page=3",
		`<https://h/a?page=1>; rel="prev first"`:                                                                                 "",
		`<https://h/a?pageId=7>; title="x"; rel="NEXT"`:                                                                          "https://h/a?pageId=7",
		``:                "",
		`<>; rel="next"`:  "",
		`garbage <no end`: "",
	} {
		if got := nextLink(in); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}

func TestEmailsOf(t *testing.T) {
	ref := func(n string) *wireRef { return &wireRef{Name: n} }
	items := []wireItem{
		{Type: ref("Email"), Value: "second@x.com", CommunicationType: "Email"},
		{Type: ref("Cell"), Value: "not@an.email", CommunicationType: "Phone"},
		{Type: ref("Personal Email"), Value: " Pers@Home.example ", CommunicationType: "email"},
		{Type: ref("Email"), Value: "john", Domain: "@x.com", DefaultFlag: true, CommunicationType: "Email"},
		{Type: ref("Email"), Value: "SECOND@X.COM", CommunicationType: "Email"},
		{Type: ref("Email"), Value: "  ", CommunicationType: "Email"},
		{Type: ref("Email"), Value: "other@x.com", DefaultFlag: true, CommunicationType: "Email"},
	}
	want := []string{"john@x.com", "second@x.com", "Pers@Home.example", "other@x.com"}
	if got := emailsOf(items); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := emailsOf(nil); got != nil {
		t.Errorf("no items: %q", got)
	}
}
