package connectwise

import (
	"strconv"
	"strings"
)

// Error is a failed ConnectWise call, or a site/key problem found before
// one. Status is the HTTP status (0 when no HTTP answer came back). Reason
// says what happened, Remedy what the user should do next. Neither ever
// contains key material.
type Error struct {
	Status int
	Reason string
	Remedy string
	err    error // underlying cause (network error, context error), for errors.Is/As
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("connectwise: ")
	b.WriteString(e.Reason)
	if e.Status != 0 {
		b.WriteString(" (HTTP ")
		b.WriteString(strconv.Itoa(e.Status))
		b.WriteString(")")
	}
	if e.Remedy != "" {
		b.WriteString(". ")
		b.WriteString(e.Remedy)
	}
	return b.String()
}

// Unwrap returns the underlying cause, if any (e.g. context.Canceled).
func (e *Error) Unwrap() error { return e.err }

// apiBody is ConnectWise's error body {code, message, errors[]}.
type apiBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Errors  []struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Field   string `json:"field"`
	} `json:"errors"`
}

func (b apiBody) text() string {
	s := strings.TrimSpace(strings.Trim(b.Code+": "+b.Message, ": "))
	for _, e := range b.Errors {
		s += "; " + strings.Trim(e.Field+" "+e.Message, " ")
	}
	return s
}

const (
	remedyKeys = "Check the public and private key of the API member in ConnectWise (System > Members > API Members > API Keys); " +
		"the private key is shown only once, so if unsure create a new key pair and enter both keys again. " +
		"Also check the company id is the one typed on the ConnectWise login screen"
	remedyClientID = "Enter the Client ID of your ConnectWise integration (a GUID you register at https://developer.connectwise.com/ClientID; " +
		"a private Client ID only works on your own ConnectWise site). If the Client ID is right, give the API member's security role " +
		"Companies > Company Maintenance and Contacts at Inquire level"
	remedyRole = "In ConnectWise give the API member's security role Companies > Company Maintenance and Contacts at Inquire level (All), " +
		"then try again (System > Security Roles)"
	remedySite = "Check the site: for ConnectWise cloud type your region's host (na.myconnectwise.net, eu.myconnectwise.net, " +
		"au.myconnectwise.net, za.myconnectwise.net), for an on-premises server its https:// address; and check the company id. " +
		"Some ConnectWise cloud servers also answer 404 to wrong API keys, so check the keys too"
	remedyBusy    = "ConnectWise is rate-limiting this API member (other integrations using the same member share the limit); try again in a few minutes"
	remedyServer  = "ConnectWise had a server error; try again in a few minutes, and if it keeps failing check ConnectWise's status page or your on-premises server"
	remedyBug     = "ConnectWise refused TenantLens's query; this may be an older ConnectWise version. Please report it with this message"
	remedyNetwork = "Check the site address and that this computer can reach it (network, proxy, VPN for on-premises servers)"
)

// statusError turns a non-2xx answer into an *Error with a remedy. resource
// names what was read ("companies", "contacts").
func statusError(status int, body apiBody, resource string, redact func(string) string) *Error {
	msg := redact(body.text())
	with := func(s string) string {
		if msg != "" {
			return s + ": " + msg
		}
		return s
	}
	lower := strings.ToLower(body.Code + " " + body.Message)
	switch {
	case status == 401 && strings.Contains(lower, "clientid"):
		return &Error{Status: status, Reason: with("ConnectWise refused the Client ID"), Remedy: remedyClientID}
	case status == 401:
		return &Error{Status: status, Reason: with("ConnectWise did not accept the API keys"), Remedy: remedyKeys}
	case status == 403 && (strings.EqualFold(body.Code, "Security") || strings.Contains(lower, "security permission")):
		return &Error{Status: status, Reason: with("the API member may not read " + resource), Remedy: remedyRole}
	case status == 403:
		return &Error{Status: status, Reason: with("ConnectWise refused the request (missing or invalid Client ID)"), Remedy: remedyClientID}
	case status == 404:
		return &Error{Status: status, Reason: with("ConnectWise has no " + resource + " API at this site"), Remedy: remedySite}
	case status == 429:
		return &Error{Status: status, Reason: with("ConnectWise kept answering 'too many requests' while reading " + resource), Remedy: remedyBusy}
	case status >= 500:
		return &Error{Status: status, Reason: with("ConnectWise failed while reading " + resource), Remedy: remedyServer}
	default:
		return &Error{Status: status, Reason: with("ConnectWise refused reading " + resource), Remedy: remedyBug}
	}
}
