package contactcsv

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

func TestRejectsWholeFile(t *testing.T) {
	cases := []struct {
		name string
		data string
		opt  Options
		line int
		want string // part of the reason
	}{
		{"empty", "  \r\n", Options{}, 1, "empty"},
		{"no recognisable header", "foo,bar,baz\n1,2,3\n", Options{}, 1, "not a recognisable generic contact export"},
		{"data as header", "Megan,MeganB@contoso.com\nLee,LeeG@contoso.com\n", Options{}, 1, "not a recognisable"},
		{"wrong preset", "id,name,firstname,surname,client_name,emailaddress,email2,inactive\n1,A B,A,B,C,a@b.example,,false\n",
			Options{Preset: PresetConnectWise}, 1, "looks like a HaloPSA export, not ConnectWise PSA"},
		{"wrong preset after sep line", "sep=;\nid;firstName;lastName;allEmails;inactiveFlag\n1;A;B;a@b.example;false\n",
			Options{Preset: PresetAutotask}, 2, "looks like a ConnectWise PSA export"},
		{"unknown preset", "email,name\na@b.example,A\n", Options{Preset: "salesforce"}, 1, "unknown preset"},
		{"no email column", "firstName,lastName,inactiveFlag\nA,B,false\n", Options{}, 1, "no email column was found"},
		{"binary NUL", "email,name\na@b.example,A\nzz\x00zz,B\n", Options{}, 3, "NUL byte"},
		{"unclosed quote", "email,name\na@b.example,A\n\"b@c.example,B\nc@d.example,C\n", Options{}, 3, "quoted field starting on line 3"},
		{"bare quote", "email,name\na@b.example,A\nb@c.example,Bo\"b\n", Options{}, 3, "quote character appears inside an unquoted field"},
		{"text after closing quote", "email,name\na@b.example,A\nb@c.example,\"Bob\"x,\n", Options{}, 3, "quoted field is followed by text"},
		{"header only", "email,name\n", Options{}, 1, "no contact rows"},
		{"no usable rows", "\n\nemail,name\n,\nx,\n", Options{}, 4, "none of the 1 rows is a usable contact"},
		{"mapping names missing column", "Mail;Who\na@b.example;A\n", Options{Mapping: &Mapping{DisplayName: "Who", Emails: []string{"E-Mail"}}}, 1, `mapped column "E-Mail" is not in the header`},
		{"mapping without name", "Mail;Who\na@b.example;A\n", Options{Mapping: &Mapping{Emails: []string{"mail"}}}, 1, "no name column"},
		{"bad utf-8 after BOM", "\xEF\xBB\xBFemail,name\na@b.example,A\n\xff\xfe\xfd,B\n", Options{}, 3, "not UTF-8"},
		{"odd utf-16", "\xFF\xFEe\x00m\x00a", Options{}, 1, "odd number of bytes"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Parse([]byte(tc.data), tc.opt)
			if err == nil {
				t.Fatalf("accepted: %+v", res)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T %v is not *Error", err, err)
			}
			if e.Line != tc.line {
				t.Errorf("line = %d, want %d (%v)", e.Line, tc.line, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
			if !strings.Contains(err.Error(), "contacts CSV line ") || e.Remedy == "" {
				t.Errorf("error %q lacks the line or a remedy", err)
			}
			if res.Contacts != nil || res.Preset != "" {
				t.Errorf("partial result returned with the error: %+v", res)
			}
		})
	}
}

func TestAmbiguousHeader(t *testing.T) {
	// one ConnectWise and one HaloPSA signature column
	_, err := Parse([]byte("firstName,lastName,allEmails,email2\nA,B,a@b.example,\n"), Options{})
	if err == nil || !strings.Contains(err.Error(), "several PSAs") {
		t.Fatalf("err = %v, want an ambiguity error", err)
	}
	// HaloPSA reads email2 and ignores ConnectWise's allEmails
	res, err := Parse([]byte("firstName,lastName,allEmails,email2\nA,B,x@y.example,A@B.example\n"), Options{Preset: PresetHalo})
	if err != nil || len(res.Contacts) != 1 || res.Contacts[0].LastName != "B" || len(res.Contacts[0].Emails) != 1 || res.Contacts[0].Emails[0].Key != "a@b.example" {
		t.Fatalf("explicit preset: %+v %v", res, err)
	}
}

func TestWindows1252DetectedOnlyForInvalidUTF8(t *testing.T) {
	utf := "Email,First Name,Last Name\nj@x.example,Jürgen,Müller\n"
	res, err := Parse([]byte(utf), Options{})
	if err != nil || res.Encoding != "utf-8" || res.Contacts[0].FirstName != "Jürgen" {
		t.Fatalf("utf-8: %+v %v", res, err)
	}
	cp, _ := charmap.Windows1252.NewEncoder().String(utf + "e@x.example,Zoë,€uro\n")
	res, err = Parse([]byte(cp), Options{})
	if err != nil || res.Encoding != "windows-1252" || res.Contacts[0].LastName != "Müller" || res.Contacts[1].LastName != "€uro" {
		t.Fatalf("1252: %+v %v", res, err)
	}
}

func TestUTF16WithoutBOM(t *testing.T) {
	s := "email,name\r\na@b.example,Ä\r\n"
	le := make([]byte, 0, 2*len(s))
	for _, r := range s {
		le = append(le, byte(r), byte(r>>8))
	}
	res, err := Parse(le, Options{})
	if err != nil || res.Encoding != "utf-16le" || res.Contacts[0].DisplayName != "Ä" {
		t.Fatalf("%+v %v", res, err)
	}
}

func TestSkippedAndTolerantRows(t *testing.T) {
	data := "email,name\n" +
		"a@b.example,A,,\n" + // trailing empty fields: tolerated
		",,\n" + // all empty: skipped silently
		"c@d.example\n" + // too few fields: unusable
		"e@f.example,E,extra\n" // non-empty extra field: unusable
	res, err := Parse([]byte(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Contacts) != 1 || res.Contacts[0].Line != 2 || res.Rows != 3 {
		t.Fatalf("contacts %+v rows %d", res.Contacts, res.Rows)
	}
	var lines []int
	for _, p := range res.Problems {
		if p.Kind != ProblemUnusableRow {
			t.Errorf("unexpected problem %+v", p)
		}
		lines = append(lines, p.Line)
	}
	if len(lines) != 2 || lines[0] != 4 || lines[1] != 5 {
		t.Errorf("unusable lines = %v, want [4 5]", lines)
	}
}

func TestNormHeader(t *testing.T) {
	for in, want := range map[string]string{
		"[required] Organization Name": "organizationname",
		"E-Mail":                       "email",
		"company.identifier":           "companyidentifier",
		"Email Address 2 *":            "emailaddress2",
		" client_name ":                "clientname",
	} {
		if got := normHeader(in); got != want {
			t.Errorf("normHeader(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDuplicateMessageIsBounded(t *testing.T) {
	data := "email,name\n" + strings.Repeat("a@b.example,A\n", 50)
	res, err := Parse([]byte(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 || len(res.Problems[0].Lines) != 50 || res.Problems[0].Lines[49] != 51 {
		t.Fatalf("problems %+v", res.Problems)
	}
	if m := res.Problems[0].Message; !strings.Contains(m, "lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 40 more") {
		t.Errorf("message %q", m)
	}
}
