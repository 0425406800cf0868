package connectwise

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"tenantlens/backend/psasim"
)

// startSim runs a real psasim on 127.0.0.1 for the test.
func startSim(t *testing.T, o psasim.Options) *psasim.Sim {
	t.Helper()
	s := psasim.New(o)
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// simSite is the Site and Keys psasim accepts.
func simSite(s *psasim.Sim) (Site, Keys) {
	cr := s.Credentials()
	return Site{URL: s.URL(), CompanyID: cr.CompanyID, ClientID: cr.ClientID}, Keys{Public: cr.PublicKey, Private: cr.PrivateKey}
}

// fastOptions keep retries short so tests do not sleep for seconds where
// the server gives no Retry-After.
func fastOptions(pageSize int) Options {
	return Options{PageSize: pageSize, MinInterval: time.Millisecond, BaseBackoff: 5 * time.Millisecond, MaxBackoff: 20 * time.Millisecond}
}

func newClient(t *testing.T, site Site, keys Keys, o Options) *Client {
	t.Helper()
	c, err := NewWithOptions(site, keys, &http.Client{Timeout: time.Minute}, o)
	if err != nil {
		t.Fatalf("NewWithOptions: %v", err)
	}
	return c
}

// wantCompanies is psasim's company records in the Company shape, by id.
func wantCompanies(d *psasim.Data) []Company {
	var out []Company
	for _, c := range d.Companies {
		out = append(out, Company{ID: c.ID, Identifier: c.Identifier, Name: c.Name, Website: c.Website,
			Status: c.StatusName, Types: slices.Clone(c.Types), Deleted: c.DeletedFlag})
	}
	slices.SortFunc(out, func(a, b Company) int { return a.ID - b.ID })
	return out
}

// wantContacts is psasim's contact records in the Contact shape, by id:
// every Email-type item, the default first, each address once
// (case-insensitively); the phone is the default Phone item.
func wantContacts(d *psasim.Data) []Contact {
	names := map[int]string{}
	for _, c := range d.Companies {
		names[c.ID] = c.Name
	}
	var out []Contact
	for _, c := range d.Contacts {
		ct := Contact{ID: c.ID, CompanyID: c.CompanyID, CompanyName: names[c.CompanyID], FirstName: c.FirstName,
			LastName: c.LastName, Title: c.Title, Inactive: c.InactiveFlag}
		var def []string
		var rest []string
		for _, it := range c.Items {
			switch {
			case it.CommunicationType == "Phone" && it.DefaultFlag && ct.Phone == "":
				ct.Phone = it.Value
			case it.CommunicationType == "Email" && it.DefaultFlag && def == nil:
				def = []string{it.Value}
			case it.CommunicationType == "Email":
				rest = append(rest, it.Value)
			}
		}
		for _, e := range append(def, rest...) {
			if !slices.ContainsFunc(ct.Emails, func(x string) bool { return strings.EqualFold(x, e) }) {
				ct.Emails = append(ct.Emails, e)
			}
		}
		out = append(out, ct)
	}
	slices.SortFunc(out, func(a, b Contact) int { return a.ID - b.ID })
	return out
}

// apiRequests is the request log without /login/companyinfo calls.
func apiRequests(s *psasim.Sim, path string) []psasim.Request {
	var out []psasim.Request
	for _, r := range s.Requests() {
		if strings.HasSuffix(r.Path, path) {
			out = append(out, r)
		}
	}
	return out
}
