package psasim

import (
	"strconv"
	"strings"
	"time"
)

// Data is one emulated ConnectWise PSA: the login company (the MSP's
// "companyId") and its company and contact records.
type Data struct {
	Companies []*Company
	Contacts  []*Contact
}

// Company is a /company/companies record (only the fields the import uses
// and the ones the examples show are modelled).
type Company struct {
	ID             int
	Identifier     string // max 30
	Name           string // max 50
	StatusID       int
	StatusName     string   // "Active", "Inactive", ...
	Types          []string // "Client", "Prospect", "Owner", ...
	Website        string   // free text, may be ""
	Phone          string
	AddressLine1   string
	City, State    string
	Zip            string
	DefaultContact int // contact id, 0 => none
	DeletedFlag    bool
	DateEntered    time.Time
	LastUpdated    time.Time
}

// Contact is a /company/contacts record.
type Contact struct {
	ID           int
	FirstName    string
	LastName     string // "" => key omitted (e.g. "Accounts Payable")
	CompanyID    int
	Title        string
	InactiveFlag bool
	DefaultFlag  bool // the company's default contact (not about email)
	Types        []string
	Items        []CommItem
	DateEntered  time.Time
	LastUpdated  time.Time
}

// CommItem is one communicationItems entry.
type CommItem struct {
	ID                int
	TypeID            int
	TypeName          string // tenant label: "Email", "Personal Email", "Direct", "Cell"
	Value             string
	Extension         string
	DefaultFlag       bool
	CommunicationType string // "Email", "Phone", "Fax"
}

// Emails returns the contact's email values in item order.
func (c *Contact) Emails() []string {
	var out []string
	for _, it := range c.Items {
		if it.CommunicationType == "Email" {
			out = append(out, it.Value)
		}
	}
	return out
}

var contactTypeIDs = map[string]int{"End User": 3, "Approver": 5, "Billing": 6}
var companyTypeIDs = map[string]int{"Client": 1, "Owner": 2, "Prospect": 4, "Vendor": 5}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

func ref(id int, name, hrefKey, href string) map[string]any {
	return map[string]any{"id": id, "name": name, "_info": map[string]any{hrefKey: href}}
}

func domainOf(email string) string {
	if i := strings.LastIndexByte(email, '@'); i >= 0 {
		return email[i:]
	}
	return ""
}

// companyJSON renders a company the way the examples show it; api is the
// absolute .../apis/3.0 base used in hrefs.
func companyJSON(c *Company, byID map[int]*Contact, api string) map[string]any {
	id := strconv.Itoa(c.ID)
	types := []any{}
	for _, t := range c.Types {
		types = append(types, ref(companyTypeIDs[t], t, "type_href", api+"/company/companies/types/"+strconv.Itoa(companyTypeIDs[t])))
	}
	m := map[string]any{
		"id":              c.ID,
		"identifier":      c.Identifier,
		"name":            c.Name,
		"status":          ref(c.StatusID, c.StatusName, "status_href", api+"/company/companies/statuses/"+strconv.Itoa(c.StatusID)),
		"addressLine1":    c.AddressLine1,
		"city":            c.City,
		"state":           c.State,
		"zip":             c.Zip,
		"country":         ref(1, "United States", "country_href", api+"/company/countries/1"),
		"phoneNumber":     c.Phone,
		"faxNumber":       "",
		"website":         c.Website,
		"territory":       ref(11, "Main", "location_href", api+"/system/locations/11"),
		"accountNumber":   id,
		"dateAcquired":    stamp(c.DateEntered),
		"annualRevenue":   0.0,
		"leadFlag":        false,
		"unsubscribeFlag": false,
		"deletedFlag":     c.DeletedFlag,
		"mobileGuid":      guidFor("company", c.ID),
		"isVendorFlag":    false,
		"types":           types,
		"site":            ref(1000+c.ID, "Main", "site_href", api+"/company/companies/"+id+"/sites/"+strconv.Itoa(1000+c.ID)),
		"billToCompany": map[string]any{"id": c.ID, "identifier": c.Identifier, "name": c.Name,
			"_info": map[string]any{"company_href": api + "/company/companies/" + id}},
		"_info": map[string]any{
			"lastUpdated":   stamp(c.LastUpdated),
			"updatedBy":     "APIMember1",
			"dateEntered":   stamp(c.DateEntered),
			"enteredBy":     "jsmith",
			"contacts_href": api + "/company/contacts?conditions=company/id=" + id,
			"sites_href":    api + "/company/companies/" + id + "/sites",
			"notes_href":    api + "/company/companies/" + id + "/notes",
		},
		"customFields": []any{},
	}
	if dc, ok := byID[c.DefaultContact]; ok {
		m["defaultContact"] = ref(dc.ID, strings.TrimSpace(dc.FirstName+" "+dc.LastName), "contact_href", api+"/company/contacts/"+strconv.Itoa(dc.ID))
	}
	return m
}

func itemJSON(it CommItem) map[string]any {
	m := map[string]any{
		"id":                it.ID,
		"type":              map[string]any{"id": it.TypeID, "name": it.TypeName},
		"value":             it.Value,
		"defaultFlag":       it.DefaultFlag,
		"communicationType": it.CommunicationType,
	}
	if it.Extension != "" {
		m["extension"] = it.Extension
	}
	if it.CommunicationType == "Email" {
		m["domain"] = domainOf(it.Value)
	}
	return m
}

// communicationJSON renders an item of /company/contacts/{id}/communications.
func communicationJSON(c *Contact, it CommItem) map[string]any {
	m := itemJSON(it)
	m["contactId"] = c.ID
	m["mobileGuid"] = guidFor("item", it.ID)
	m["_info"] = map[string]any{"lastUpdated": stamp(c.LastUpdated), "updatedBy": "APIMember1", "contactMobileGuid": guidFor("contact", c.ID)}
	return m
}

func contactJSON(c *Contact, co *Company, api string) map[string]any {
	id := strconv.Itoa(c.ID)
	items := []any{}
	phoneType, phone, ext := "", "", ""
	for _, it := range c.Items {
		items = append(items, itemJSON(it))
		if it.CommunicationType == "Phone" && it.DefaultFlag && phone == "" {
			phoneType, phone, ext = it.TypeName, it.Value, it.Extension
		}
	}
	types := []any{}
	for _, t := range c.Types {
		types = append(types, ref(contactTypeIDs[t], t, "type_href", api+"/company/contacts/types/"+strconv.Itoa(contactTypeIDs[t])))
	}
	m := map[string]any{
		"id":                     c.ID,
		"firstName":              c.FirstName,
		"inactiveFlag":           c.InactiveFlag,
		"marriedFlag":            false,
		"childrenFlag":           false,
		"portalSecurityLevel":    1,
		"disablePortalLoginFlag": false,
		"unsubscribeFlag":        false,
		"mobileGuid":             guidFor("contact", c.ID),
		"defaultBillingFlag":     false,
		"defaultFlag":            c.DefaultFlag,
		"companyLocation":        ref(11, "Main", "location_href", api+"/system/locations/11"),
		"communicationItems":     items,
		"types":                  types,
		"_info": map[string]any{
			"lastUpdated":         stamp(c.LastUpdated),
			"updatedBy":           "APIMember1",
			"dateEntered":         stamp(c.DateEntered),
			"enteredBy":           "jsmith",
			"communications_href": api + "/company/contacts/" + id + "/communications",
			"notes_href":          api + "/company/contacts/" + id + "/notes",
			"tracks_href":         api + "/company/contacts/" + id + "/tracks",
			"portalSecurity_href": api + "/company/contacts/" + id + "/portalSecurity",
			"activities_href":     api + "/sales/activities?conditions=contact/id=" + id,
			"documents_href":      api + "/system/documents?recordType=Contact&recordId=" + id,
			"configurations_href": api + "/company/configurations?conditions=contact/id=" + id,
			"tickets_href":        api + "/service/tickets?conditions=contact/id=" + id,
			"opportunities_href":  api + "/sales/opportunities?conditions=contact/id=" + id,
			"projects_href":       api + "/project/projects?conditions=contact/id=" + id,
			"image_href":          api + "/company/contacts/" + id + "/image?lastmodified=" + c.LastUpdated.UTC().Format("20060102"),
		},
	}
	if c.LastName != "" {
		m["lastName"] = c.LastName
	}
	if c.Title != "" {
		m["title"] = c.Title
	}
	if phone != "" {
		m["defaultPhoneType"], m["defaultPhoneNbr"] = phoneType, phone
		if ext != "" {
			m["defaultPhoneExtension"] = ext
		}
	}
	if co != nil {
		cid := strconv.Itoa(co.ID)
		m["company"] = map[string]any{"id": co.ID, "identifier": co.Identifier, "name": co.Name,
			"_info": map[string]any{"company_href": api + "/company/companies/" + cid}}
		m["site"] = ref(1000+co.ID, "Main", "site_href", api+"/company/companies/"+cid+"/sites/"+strconv.Itoa(1000+co.ID))
	}
	return m
}

// guidFor makes a stable GUID-shaped id from a kind and a number.
func guidFor(kind string, n int) string {
	var h uint64 = 1469598103934665603
	for i := 0; i < len(kind); i++ {
		h = (h ^ uint64(kind[i])) * 1099511628211
	}
	h ^= uint64(n) * 0x9e3779b97f4a7c15
	s := strconv.FormatUint(h, 16)
	for len(s) < 16 {
		s = "0" + s
	}
	t := strconv.FormatUint(uint64(n), 16)
	for len(t) < 16 {
		t = "0" + t
	}
	x := s + t
	return x[0:8] + "-" + x[8:12] + "-4" + x[13:16] + "-8" + x[17:20] + "-" + x[20:32]
}
