package contactcsv

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

type field int

const (
	fID field = iota
	fCompanyID
	fCompany
	fFirst
	fLast
	fDisplay
	fTitle
	fEmail
	fPhone
	fActive
	fInactive
	nFields
)

var fieldNames = [nFields]string{"id", "companyId", "company", "firstName", "lastName", "displayName", "title", "email", "phone", "active", "inactive"}

// presetDef is one preset's alias table. Keys are normalised header names
// (see normHeader). signature holds the keys that point at this PSA when
// detecting.
type presetDef struct {
	preset    Preset
	label     string
	aliases   map[string]field
	signature []string
}

// ConnectWise PSA: API field names of /company/contacts flattened with a dot
// (examples/csv/connectwise_contacts.api-fields.csv) plus the list-view
// names of the contact screen. Emails come from defaultEmail/allEmails
// (several addresses joined with ';').
var connectWise = presetDef{
	preset: PresetConnectWise, label: "ConnectWise PSA",
	aliases: map[string]field{
		"id": fID, "contactid": fID, "contactrecid": fID,
		"companyid": fCompanyID, "companyrecid": fCompanyID, "companyidentifier": fCompanyID,
		"companyname": fCompany, "company": fCompany,
		"firstname": fFirst, "lastname": fLast, "name": fDisplay, "contactname": fDisplay,
		"title":        fTitle,
		"defaultemail": fEmail, "allemails": fEmail, "email": fEmail, "emailaddress": fEmail,
		"defaultphonenbr": fPhone, "phone": fPhone, "directphone": fPhone, "phonenumber": fPhone,
		"inactiveflag": fInactive, "inactive": fInactive,
	},
	signature: []string{"inactiveflag", "allemails", "defaultemail", "companyidentifier", "defaultphonenbr", "companyrecid", "contactrecid"},
}

// Autotask: REST field names of the Contacts entity and the descriptive
// names of the contact import template ("Organization Name", "Email
// Address 2", ...). isActive is 1/0.
var autotask = presetDef{
	preset: PresetAutotask, label: "Autotask",
	aliases: map[string]field{
		"id": fID, "contactid": fID,
		"companyid": fCompanyID, "organizationid": fCompanyID, "organisationid": fCompanyID, "accountid": fCompanyID,
		"organizationname": fCompany, "organisationname": fCompany, "companyname": fCompany, "accountname": fCompany, "organization": fCompany,
		"firstname": fFirst, "lastname": fLast, "title": fTitle,
		"emailaddress": fEmail, "emailaddress2": fEmail, "emailaddress3": fEmail, "email": fEmail, "email2": fEmail, "email3": fEmail,
		"phone": fPhone, "mobilephone": fPhone, "alternatephone": fPhone,
		"isactive": fActive, "active": fActive,
	},
	signature: []string{"isactive", "emailaddress2", "emailaddress3", "organizationid", "organizationname", "organisationname", "alternatephone", "mobilephone"},
}

// HaloPSA: field names of /api/Users (firstname, surname, emailaddress,
// email2, email3, client_name, inactive).
var halo = presetDef{
	preset: PresetHalo, label: "HaloPSA",
	aliases: map[string]field{
		"id": fID, "userid": fID,
		"clientid": fCompanyID, "clientname": fCompany, "client": fCompany, "customername": fCompany,
		"firstname": fFirst, "surname": fLast, "lastname": fLast, "name": fDisplay, "username": fDisplay,
		"title": fTitle, "jobtitle": fTitle,
		"emailaddress": fEmail, "email2": fEmail, "email3": fEmail, "email": fEmail,
		"phonenumber": fPhone, "mobilenumber": fPhone, "phone": fPhone,
		"inactive": fInactive,
	},
	signature: []string{"surname", "email2", "email3", "clientname", "clientid", "sitename", "siteid", "mobilenumber", "isimportantcontact"},
}

// generic: common spreadsheet names, used when no PSA is recognised and no
// mapping is given.
var generic = presetDef{
	preset: PresetGeneric, label: "generic",
	aliases: map[string]field{
		"id": fID, "contactid": fID, "externalid": fID, "psaid": fID, "ref": fID, "reference": fID,
		"companyid": fCompanyID, "clientid": fCompanyID, "customerid": fCompanyID, "accountid": fCompanyID,
		"company": fCompany, "companyname": fCompany, "client": fCompany, "clientname": fCompany, "customer": fCompany,
		"customername": fCompany, "organization": fCompany, "organisation": fCompany, "organizationname": fCompany, "account": fCompany, "accountname": fCompany,
		"firstname": fFirst, "givenname": fFirst, "forename": fFirst, "first": fFirst,
		"lastname": fLast, "surname": fLast, "familyname": fLast, "last": fLast,
		"name": fDisplay, "fullname": fDisplay, "displayname": fDisplay, "contactname": fDisplay, "contact": fDisplay,
		"title": fTitle, "jobtitle": fTitle,
		"email": fEmail, "emails": fEmail, "emailaddress": fEmail, "mail": fEmail, "primaryemail": fEmail, "workemail": fEmail,
		"email2": fEmail, "email3": fEmail, "emailaddress2": fEmail, "emailaddress3": fEmail, "secondaryemail": fEmail, "otheremail": fEmail,
		"phone": fPhone, "phonenumber": fPhone, "telephone": fPhone, "tel": fPhone, "mobile": fPhone, "mobilephone": fPhone, "mobilenumber": fPhone,
		"active": fActive, "isactive": fActive, "enabled": fActive, "status": fActive,
		"inactive": fInactive, "disabled": fInactive,
	},
}

var psaPresets = []*presetDef{&connectWise, &autotask, &halo}

func presetByName(p Preset) *presetDef {
	for _, d := range []*presetDef{&connectWise, &autotask, &halo, &generic} {
		if d.preset == p {
			return d
		}
	}
	return nil
}

// normHeader lower-cases a header and keeps only its letters and digits,
// after removing Autotask's "[required]" markers.
func normHeader(h string) string {
	h = strings.ToLower(h)
	for {
		i := strings.Index(h, "[")
		if i < 0 {
			break
		}
		j := strings.Index(h[i:], "]")
		if j < 0 {
			break
		}
		h = h[:i] + h[i+j+1:]
	}
	var b strings.Builder
	for _, r := range h {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// layout says which column index feeds which field.
type layout struct {
	single [nFields]int // -1 when absent; for fEmail/fPhone unused
	emails []int
	phones []int
}

func newLayout() layout {
	var l layout
	for i := range l.single {
		l.single[i] = -1
	}
	return l
}

func (l *layout) set(f field, col int) {
	switch f {
	case fEmail:
		l.emails = append(l.emails, col)
	case fPhone:
		l.phones = append(l.phones, col)
	case fActive, fInactive:
		if l.single[fActive] < 0 && l.single[fInactive] < 0 {
			l.single[f] = col
		}
	default:
		if l.single[f] < 0 {
			l.single[f] = col
		}
	}
}

func (l *layout) hasName() bool {
	return l.single[fFirst] >= 0 || l.single[fLast] >= 0 || l.single[fDisplay] >= 0
}

func (l *layout) columns(header []string) []Column {
	var out []Column
	for f := field(0); f < nFields; f++ {
		switch f {
		case fEmail:
			for _, c := range l.emails {
				out = append(out, Column{Field: fieldNames[f], Header: header[c], Index: c})
			}
		case fPhone:
			for _, c := range l.phones {
				out = append(out, Column{Field: fieldNames[f], Header: header[c], Index: c})
			}
		default:
			if c := l.single[f]; c >= 0 {
				out = append(out, Column{Field: fieldNames[f], Header: header[c], Index: c})
			}
		}
	}
	return out
}

func layoutFromAliases(header []string, d *presetDef) layout {
	l := newLayout()
	for i, h := range header {
		if f, ok := d.aliases[normHeader(h)]; ok {
			l.set(f, i)
		}
	}
	return l
}

func signatureScore(header []string, d *presetDef) int {
	n := 0
	for _, h := range header {
		k := normHeader(h)
		for _, s := range d.signature {
			if k == s {
				n++
				break
			}
		}
	}
	return n
}

// detect returns the PSA preset whose signature columns the header carries
// most, or nil when none or a tie.
func detect(header []string) (*presetDef, bool) {
	type scored struct {
		d *presetDef
		n int
	}
	var s []scored
	for _, d := range psaPresets {
		s = append(s, scored{d, signatureScore(header, d)})
	}
	sort.SliceStable(s, func(i, j int) bool { return s[i].n > s[j].n })
	if s[0].n == 0 {
		return nil, false
	}
	if s[0].n == s[1].n {
		return nil, true
	}
	return s[0].d, false
}

func headerList(header []string) string {
	const max = 12
	h := header
	more := ""
	if len(h) > max {
		h, more = h[:max], fmt.Sprintf(", … (%d columns)", len(header))
	}
	q := make([]string, len(h))
	for i, x := range h {
		q[i] = fmt.Sprintf("%q", truncate(x, 40))
	}
	return strings.Join(q, ", ") + more
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// resolveLayout picks the preset and maps the header onto fields.
func resolveLayout(header []string, line int, opt Options) (layout, Preset, bool, *Error) {
	p := opt.Preset
	if p == PresetAuto && opt.Mapping != nil {
		p = PresetGeneric
	}
	if p == PresetGeneric && opt.Mapping != nil {
		l, err := layoutFromMapping(header, line, opt.Mapping)
		return l, PresetGeneric, false, err
	}
	if p != PresetAuto {
		d := presetByName(p)
		if d == nil {
			return layout{}, "", false, fail(line, "choose one of connectwise, autotask, halo or generic, or leave the preset empty to detect it", "unknown preset %q", string(p))
		}
		if other, _ := detect(header); d != &generic && other != nil && other != d && signatureScore(header, d) == 0 {
			return layout{}, "", false, fail(line, fmt.Sprintf("import it with preset %s, or leave the preset empty to detect it", other.preset),
				"the header looks like a %s export, not %s (columns: %s)", other.label, d.label, headerList(header))
		}
		l := layoutFromAliases(header, d)
		if err := usable(l, header, line, d); err != nil {
			if other, _ := detect(header); other != nil && other != d && usable(layoutFromAliases(header, other), header, line, other) == nil {
				err.Remedy = fmt.Sprintf("this looks like a %s export: import it with preset %s, or leave the preset empty to detect it", other.label, other.preset)
			}
			return layout{}, "", false, err
		}
		return l, p, false, nil
	}
	d, tie := detect(header)
	if tie {
		return layout{}, "", false, fail(line, "choose the preset (connectwise, autotask, halo or generic) explicitly",
			"the header matches several PSAs equally well (columns: %s)", headerList(header))
	}
	if d == nil {
		d = &generic
	}
	l := layoutFromAliases(header, d)
	if err := usable(l, header, line, d); err != nil {
		return layout{}, "", false, err
	}
	return l, d.preset, true, nil
}

// usable requires an email column and a name column: the merge joins on
// email, and a contact needs a name to be shown.
func usable(l layout, header []string, line int, d *presetDef) *Error {
	if len(l.emails) > 0 && l.hasName() {
		return nil
	}
	what := "email column"
	if len(l.emails) > 0 {
		what = "name column (first name, last name or name)"
	} else if !l.hasName() {
		what = "email column and no name column"
	}
	return fail(line, "export the contacts with their names and email addresses, or use the generic preset with a column mapping",
		"the header is not a recognisable %s contact export: no %s was found (columns: %s)", d.label, what, headerList(header))
}

func layoutFromMapping(header []string, line int, m *Mapping) (layout, *Error) {
	idx := map[string]int{}
	for i, h := range header {
		k := normHeader(h)
		if _, dup := idx[k]; !dup && k != "" {
			idx[k] = i
		}
	}
	l := newLayout()
	var missing []string
	add := func(f field, name string) {
		if strings.TrimSpace(name) == "" {
			return
		}
		i, ok := idx[normHeader(name)]
		if !ok {
			missing = append(missing, fmt.Sprintf("%q", name))
			return
		}
		l.set(f, i)
	}
	add(fID, m.ID)
	add(fCompanyID, m.CompanyID)
	add(fCompany, m.Company)
	add(fFirst, m.FirstName)
	add(fLast, m.LastName)
	add(fDisplay, m.DisplayName)
	add(fTitle, m.Title)
	for _, e := range m.Emails {
		add(fEmail, e)
	}
	for _, p := range m.Phones {
		add(fPhone, p)
	}
	add(fActive, m.Active)
	add(fInactive, m.Inactive)
	if len(missing) > 0 {
		return layout{}, fail(line, "correct the column mapping to use names from the header",
			"mapped column %s is not in the header (columns: %s)", strings.Join(missing, ", "), headerList(header))
	}
	if err := usable(l, header, line, &generic); err != nil {
		err.Remedy = "map at least one email column and one name column"
		return layout{}, err
	}
	return l, nil
}
