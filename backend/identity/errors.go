package identity

import (
	"context"
	"errors"
	"net"
	"net/url"
	"strconv"
	"strings"

	"tenantlens/backend/fault"
)

// Kind classifies a failure by what the user has to do about it.
type Kind string

const (
	KindCancelled      Kind = "cancelled"        // user cancelled or declined consent
	KindConsent        Kind = "consent_required" // an administrator must consent (65001/90099)
	KindNoAccess       Kind = "no_access"        // account has no access to the tenant (50020)
	KindSessionExpired Kind = "session_expired"  // sign-in state reused or older than 15 minutes
	KindNoRefreshToken Kind = "no_refresh_token" // token response lacked a refresh token
	KindReauth         Kind = "reauth"           // refresh token expired or revoked
	KindTenantNotFound Kind = "tenant_not_found" // unknown tenant GUID or domain
	KindNetwork        Kind = "network"          // Microsoft could not be reached
	KindRetryable      Kind = "retryable"        // temporary failure at Microsoft (5xx, 429)
	KindMFAUnavailable Kind = "mfa_unavailable"  // MFA data cannot be read (role or P1 missing)
	KindPermission     Kind = "permission"       // Graph refused a call for lack of permission
	KindKeychain       Kind = "keychain"         // the OS keychain failed
	KindInvalidInput   Kind = "invalid_input"    // the user typed something unusable
	KindProtocol       Kind = "protocol"         // Microsoft answered something unexpected
	KindMFARequired    Kind = "mfa_required"     // a policy demands interactive MFA (50076)
)

// Sentinels for errors.Is. Every *Error matches exactly the sentinel of its
// Kind.
var (
	ErrCancelled      = errors.New("identity: sign-in cancelled")
	ErrConsent        = errors.New("identity: admin consent required")
	ErrNoAccess       = errors.New("identity: no access to tenant")
	ErrSessionExpired = errors.New("identity: sign-in session expired")
	ErrNoRefreshToken = errors.New("identity: no refresh token")
	ErrReauth         = errors.New("identity: authorization expired or revoked")
	ErrTenantNotFound = errors.New("identity: tenant not found")
	ErrNetwork        = errors.New("identity: network unreachable")
	ErrRetryable      = errors.New("identity: temporary failure")
	ErrMFAUnavailable = errors.New("identity: MFA data unavailable")
	ErrPermission     = errors.New("identity: permission denied")
	ErrKeychain       = errors.New("identity: keychain failure")
	ErrInvalidInput   = errors.New("identity: invalid input")
	ErrProtocol       = errors.New("identity: unexpected response")
	ErrMFARequired    = errors.New("identity: multi-factor authentication required")
)

var sentinels = map[Kind]error{
	KindCancelled:      ErrCancelled,
	KindConsent:        ErrConsent,
	KindNoAccess:       ErrNoAccess,
	KindSessionExpired: ErrSessionExpired,
	KindNoRefreshToken: ErrNoRefreshToken,
	KindReauth:         ErrReauth,
	KindTenantNotFound: ErrTenantNotFound,
	KindNetwork:        ErrNetwork,
	KindRetryable:      ErrRetryable,
	KindMFAUnavailable: ErrMFAUnavailable,
	KindPermission:     ErrPermission,
	KindKeychain:       ErrKeychain,
	KindInvalidInput:   ErrInvalidInput,
	KindProtocol:       ErrProtocol,
	KindMFARequired:    ErrMFARequired,
}

// User-facing messages. The ones quoted in issue 4 are reproduced exactly.
const (
	MsgCancelled      = "Sign-in was cancelled or access was denied."
	MsgConsent        = "An administrator of this tenant has not yet approved TenantLens."
	MsgNoAccess       = "Your account has no access to this tenant."
	MsgSessionExpired = "Your session has expired. Please try connecting again."
	MsgNoRefreshToken = "Microsoft did not provide a refresh token."
	MsgReauth         = "Your Microsoft authorization has expired or been revoked."
	MsgTenantNotFound = "Microsoft could not find that tenant."
	MsgNetwork        = "TenantLens could not reach Microsoft."
	MsgRetryable      = "Microsoft's sign-in service is temporarily unavailable."
	MsgMFARole        = "MFA data is unavailable: the account lacks a role that can read authentication methods."
	MsgMFANoP1        = "MFA registration details are unavailable: the tenant has no Entra ID P1 or P2 licence."
	MsgPermission     = "Microsoft Graph refused the request: TenantLens lacks a permission or role in this tenant."
	MsgKeychain       = "TenantLens could not use the system keychain."
	MsgMFARequired    = "A policy of this tenant requires multi-factor authentication."
	MsgProtocol       = "Microsoft answered in an unexpected way."
)

// Remedies (what to do), one per message.
const (
	RemedyCancelled      = "Start the connection again and choose Accept on Microsoft's consent page, or ask a Global Administrator to approve TenantLens."
	RemedyConsent        = "Sign in as a Global Administrator of the tenant and approve TenantLens on Microsoft's admin consent page."
	RemedyConsentPartner = "Ask a Global Administrator of the customer to open the admin consent link (or push consent from Partner Center), then connect again."
	RemedyNoAccess       = "Add your account's security group to an active GDAP relationship with this customer (Global Reader and Reports Reader), or sign in with an account of the tenant."
	RemedySessionExpired = "Start the connection again from TenantLens and finish signing in within 15 minutes."
	RemedyNoRefreshToken = "Connect again; if it repeats, make sure the app registration allows the offline_access permission."
	RemedyReauth         = "Reconnect the tenant; TenantLens keeps its data."
	RemedyTenantNotFound = "Check the tenant ID or domain (for example contoso.onmicrosoft.com) and try again."
	RemedyNetwork        = "Check the internet connection, proxy or firewall, then try again."
	RemedyRetryable      = "Wait a minute and try again."
	RemedyMFARole        = "Grant the Global Reader role (GDAP: Global Reader and Reports Reader), then sync again."
	RemedyMFANoP1        = "TenantLens falls back to reading each user's methods; assign Entra ID P1 for registration details."
	RemedyPermission     = "Make sure an administrator consented to TenantLens and your account has Global Reader in this tenant."
	RemedyKeychain       = "Unlock the keychain (or start a keyring service) and try again; TenantLens never stores tokens in files."
	RemedyMFARequired    = "Connect again and complete multi-factor authentication in the browser."
	RemedyProtocol       = "Try again; if it repeats, run `tenantlens doctor` and report the problem."
	RemedyInvalidInput   = "Enter the tenant's ID (a GUID) or one of its domains, for example contoso.onmicrosoft.com."
)

// Error is every failure the identity package returns. Message and Remedy
// are for the user; Code is the AADSTS number when Microsoft gave one. No
// field ever holds token text.
type Error struct {
	Kind    Kind
	Message string
	Remedy  string
	Code    int    // AADSTS code, 0 when none
	Tenant  string // tenant the failure concerns, when known
	Detail  string // short technical detail (HTTP status, Graph error code)
	Err     error  // underlying cause (token-free)
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Message)
	if e.Remedy != "" {
		b.WriteString(" ")
		b.WriteString(e.Remedy)
	}
	var tech []string
	if e.Code != 0 {
		tech = append(tech, "AADSTS"+strconv.Itoa(e.Code))
	}
	if e.Detail != "" {
		tech = append(tech, e.Detail)
	}
	if len(tech) > 0 {
		b.WriteString(" (")
		b.WriteString(strings.Join(tech, "; "))
		b.WriteString(")")
	}
	return b.String()
}

// FaultClass maps the Kind onto the project's one taxonomy, so a revoked
// refresh token met during a sync ends the tenant in the reconnect state.
func (e *Error) FaultClass() fault.Class {
	switch e.Kind {
	case KindReauth, KindNoRefreshToken, KindSessionExpired, KindMFARequired:
		return fault.Reconnect
	case KindConsent:
		return fault.Consent
	case KindNoAccess, KindPermission, KindMFAUnavailable:
		return fault.Permission
	case KindNetwork:
		return fault.Offline
	case KindRetryable:
		return fault.Retry
	case KindCancelled:
		return fault.Cancelled
	case KindProtocol:
		return fault.Malformed
	}
	return fault.Fatal
}

// Advice is the remedy (fault.Advised).
func (e *Error) Advice() string { return e.Remedy }

// Is matches the sentinel of e's Kind.
func (e *Error) Is(target error) bool { return sentinels[e.Kind] == target }

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// newError builds an Error with the standard message and remedy of kind.
func newError(kind Kind, detail string, cause error) *Error {
	e := &Error{Kind: kind, Detail: detail, Err: cause}
	switch kind {
	case KindCancelled:
		e.Message, e.Remedy = MsgCancelled, RemedyCancelled
	case KindConsent:
		e.Message, e.Remedy = MsgConsent, RemedyConsent
	case KindNoAccess:
		e.Message, e.Remedy = MsgNoAccess, RemedyNoAccess
	case KindSessionExpired:
		e.Message, e.Remedy = MsgSessionExpired, RemedySessionExpired
	case KindNoRefreshToken:
		e.Message, e.Remedy = MsgNoRefreshToken, RemedyNoRefreshToken
	case KindReauth:
		e.Message, e.Remedy = MsgReauth, RemedyReauth
	case KindTenantNotFound:
		e.Message, e.Remedy = MsgTenantNotFound, RemedyTenantNotFound
	case KindNetwork:
		e.Message, e.Remedy = MsgNetwork, RemedyNetwork
	case KindRetryable:
		e.Message, e.Remedy = MsgRetryable, RemedyRetryable
	case KindMFAUnavailable:
		e.Message, e.Remedy = MsgMFARole, RemedyMFARole
	case KindPermission:
		e.Message, e.Remedy = MsgPermission, RemedyPermission
	case KindKeychain:
		e.Message, e.Remedy = MsgKeychain, RemedyKeychain
	case KindMFARequired:
		e.Message, e.Remedy = MsgMFARequired, RemedyMFARequired
	case KindInvalidInput:
		e.Message, e.Remedy = "That is not a tenant ID or domain.", RemedyInvalidInput
	default:
		e.Kind = KindProtocol
		e.Message, e.Remedy = MsgProtocol, RemedyProtocol
	}
	return e
}

// AsError returns err's *Error, or nil.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// MFAUnavailable is the message sync shows when a tenant's MFA registration
// data cannot be read; noP1 selects the licence variant over the role one.
func MFAUnavailable(tenant string, noP1 bool) *Error {
	e := newError(KindMFAUnavailable, "", nil)
	e.Tenant = tenant
	if noP1 {
		e.Message, e.Remedy = MsgMFANoP1, RemedyMFANoP1
	}
	return e
}

// tokenError is the JSON body of a failed token (or authorize) request.
type tokenError struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
	Codes       []int  `json:"error_codes"`
	SubError    string `json:"suberror"`
}

// code returns the AADSTS number from error_codes or, failing that, from the
// description's "AADSTSnnnn:" prefix.
func (t tokenError) code() int {
	if len(t.Codes) > 0 {
		return t.Codes[0]
	}
	return aadstsFromText(t.Description)
}

func aadstsFromText(s string) int {
	i := strings.Index(s, "AADSTS")
	if i < 0 {
		return 0
	}
	j := i + len("AADSTS")
	k := j
	for k < len(s) && s[k] >= '0' && s[k] <= '9' {
		k++
	}
	n, _ := strconv.Atoi(s[j:k])
	return n
}

// classifyTokenError maps a token endpoint (or authorize redirect) error to
// an *Error. status is the HTTP status (0 for authorize redirects).
func classifyTokenError(status int, te tokenError, tenant string) *Error {
	code := te.code()
	kind := KindProtocol
	switch {
	case code == 65001 || code == 90099 || code == 500011 || code == 65005 || code == 90094 ||
		te.Error == "consent_required" || te.SubError == "consent_required":
		kind = KindConsent
	case code == 65004 || te.Error == "access_denied":
		kind = KindCancelled
	case code == 50020 || code == 530034 || code == 50177:
		kind = KindNoAccess
	case code == 90002 || code == 90023 || te.Error == "invalid_tenant":
		kind = KindTenantNotFound
	case code == 50076 || code == 50079 || te.SubError == "basic_action":
		kind = KindMFARequired
	case code == 501481 || code == 9002313 || code == 700025:
		kind = KindProtocol // PKCE mismatch, malformed request, secret sent: our bug, not the user's
	case code == 54005:
		kind = KindSessionExpired // the code was already redeemed
	case code == 700082 || code == 50173 || code == 70043 || code == 70008 ||
		code == 50132 || code == 50133 || code == 50089 || code == 700084:
		kind = KindReauth
	case te.Error == "temporarily_unavailable" || status == 429 || status >= 500:
		kind = KindRetryable
	case te.Error == "invalid_grant" || te.Error == "interaction_required" || te.Error == "login_required":
		kind = KindReauth
	}
	e := newError(kind, detailFor(status, te.Error), nil)
	e.Code = code
	e.Tenant = tenant
	if kind == KindNoAccess && code == 530034 {
		e.Message = "Microsoft blocked delegated admin access to this tenant because of sign-in risk."
		e.Remedy = "Resolve the risk for your account in the partner tenant (Entra ID Protection), then connect again."
	}
	return e
}

func detailFor(status int, oauthErr string) string {
	var parts []string
	if status != 0 {
		parts = append(parts, "HTTP "+strconv.Itoa(status))
	}
	if oauthErr != "" {
		parts = append(parts, oauthErr)
	}
	return strings.Join(parts, " ")
}

// classifyTransport turns an error from http.Client.Do into an *Error. The
// text kept is the operation and host only (never a URL query or body).
func classifyTransport(err error, host string) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var ue *url.Error
	cause := err
	if errors.As(err, &ue) {
		cause = ue.Err
	}
	var ne net.Error
	detail := host
	if errors.As(cause, &ne) && ne.Timeout() {
		detail = host + ": timed out"
	}
	return newError(KindNetwork, detail, errors.New(scrubbedCause(cause)))
}

// scrubbedCause keeps a transport error's class without anything that could
// echo a request: dial and DNS errors are short and token-free; anything
// else is reduced to its type.
func scrubbedCause(err error) string {
	var oe *net.OpError
	if errors.As(err, &oe) {
		return oe.Op + " " + oe.Net + ": " + errString(oe.Err)
	}
	var de *net.DNSError
	if errors.As(err, &de) {
		return "lookup " + de.Name + ": " + de.Err
	}
	return "transport error"
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
