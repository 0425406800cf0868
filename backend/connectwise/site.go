package connectwise

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// Site says which ConnectWise PSA to talk to.
type Site struct {
	// URL is the ConnectWise host: a cloud region host as typed in the
	// browser ("na.myconnectwise.net") or its API host
	// ("api-na.myconnectwise.net"), or an on-premises server
	// ("https://psa.example.com"). A pasted browser URL's path is ignored.
	URL string
	// CompanyID is the company id typed on the ConnectWise login screen.
	CompanyID string
	// ClientID is the integration's clientId GUID
	// (https://developer.connectwise.com/ClientID). ConnectWise asks to
	// treat it like a password, so it is masked in fmt output and never
	// appears in errors.
	ClientID string
}

// DefaultCloudHosts maps ConnectWise cloud browser hosts to their API hosts
// (PSA-FACTS 1.1). Calling the browser host gives "SSL is required" or 401.
var DefaultCloudHosts = map[string]string{
	"na.myconnectwise.net":       "api-na.myconnectwise.net",
	"eu.myconnectwise.net":       "api-eu.myconnectwise.net",
	"au.myconnectwise.net":       "api-au.myconnectwise.net",
	"aus.myconnectwise.net":      "api-aus.myconnectwise.net",
	"za.myconnectwise.net":       "api-za.myconnectwise.net",
	"staging.connectwisedev.com": "api-staging.connectwisedev.com",
}

// cloudDomains are the suffixes of ConnectWise-hosted sites.
var cloudDomains = []string{".myconnectwise.net", ".connectwisedev.com"}

// String shows the site with the clientId masked.
func (s Site) String() string {
	return fmt.Sprintf("connectwise.Site{URL:%q CompanyID:%q ClientID:%s}", s.URL, s.CompanyID, maskClientID(s.ClientID))
}

// GoString is String (%#v).
func (s Site) GoString() string { return s.String() }

// Format prints String under every verb.
func (s Site) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(s.String())) }

func maskClientID(id string) string {
	if id == "" {
		return `""`
	}
	if len(id) <= 4 {
		return "…"
	}
	return "…" + id[len(id)-4:]
}

// endpoints are the resolved origins: info serves /login/companyinfo, api
// the REST API (they differ only for cloud sites).
type endpoints struct {
	info, api string // scheme://host[:port]
	cloud     bool
}

func siteErr(reason, remedy string) *Error { return &Error{Reason: reason, Remedy: remedy} }

const typeSite = "Type your ConnectWise site: for ConnectWise cloud your region's host such as na.myconnectwise.net or eu.myconnectwise.net, " +
	"for an on-premises server its address such as https://psa.example.com"

// Validate checks the site's fields and says what to type when one is wrong.
func (s Site) Validate() error {
	if _, err := s.endpoints(DefaultCloudHosts); err != nil {
		return err
	}
	id := strings.TrimSpace(s.CompanyID)
	switch {
	case id == "":
		return siteErr("the company id is empty", "Type the company id you enter on the ConnectWise login screen (for example contoso_msp), not the company's full name")
	case strings.ContainsAny(id, " \t\r\n+:/\\?#%@\"'"):
		return siteErr(fmt.Sprintf("the company id %q contains spaces or characters a company id cannot have", id),
			"Type only the company id from the ConnectWise login screen (letters, digits, '_', '-', '.'), for example contoso_msp")
	}
	if !isGUID(strings.TrimSpace(s.ClientID)) {
		return siteErr("the Client ID is missing or is not a GUID",
			"Paste the Client ID of your ConnectWise integration from https://developer.connectwise.com/ClientID; it looks like 6c2f7a8e-3b1d-4e5f-9a0b-1c2d3e4f5a6b")
	}
	return nil
}

func isGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, c := range s {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// endpoints normalises URL. Plain http is allowed only for loopback
// addresses (the emulator in tests).
func (s Site) endpoints(cloudHosts map[string]string) (endpoints, error) {
	raw := strings.TrimSpace(s.URL)
	if raw == "" {
		return endpoints{}, siteErr("the site is empty", typeSite)
	}
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return endpoints{}, siteErr(fmt.Sprintf("%q is not a site address", strings.TrimSpace(s.URL)), typeSite)
	}
	if u.User != nil {
		return endpoints{}, siteErr("the site address contains a user name or password",
			"Type only the host (for example na.myconnectwise.net); enter the API keys in their own fields")
	}
	host := strings.ToLower(u.Hostname())
	loopback := host == "localhost"
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		loopback = true
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && loopback:
	case u.Scheme == "http":
		return endpoints{}, siteErr("the site address uses http://", "ConnectWise needs https://; type https://"+u.Host+" or just "+u.Host)
	default:
		return endpoints{}, siteErr(fmt.Sprintf("the site address uses %s://", u.Scheme), typeSite)
	}
	hostPort := strings.ToLower(u.Host)
	origin := func(h string) string { return u.Scheme + "://" + h }
	for browser, api := range cloudHosts {
		switch hostPort {
		case browser:
			return endpoints{info: origin(browser), api: origin(api), cloud: true}, nil
		case api:
			return endpoints{info: origin(browser), api: origin(api), cloud: true}, nil
		}
	}
	if u.Port() == "" {
		for _, d := range cloudDomains {
			if !strings.HasSuffix(host, d) {
				continue
			}
			if b, ok := strings.CutPrefix(host, "api-"); ok {
				return endpoints{info: origin(b), api: origin(host), cloud: true}, nil
			}
			return endpoints{info: origin(host), api: origin("api-" + host), cloud: true}, nil
		}
	}
	return endpoints{info: origin(hostPort), api: origin(hostPort)}, nil
}
