package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"

	abs "github.com/microsoft/kiota-abstractions-go"
	"github.com/microsoftgraph/msgraph-sdk-go/models/odataerrors"
	"golang.org/x/oauth2"

	"tenantlens/backend/fault"
)

// Class says what a caller can do about an error: the project's one
// taxonomy (package fault), shared with identity and sync.
type Class = fault.Class

// The classes, as graph has always named them.
const (
	ClassRetryable  = fault.Retry
	ClassReauth     = fault.Reconnect
	ClassConsent    = fault.Consent
	ClassPermission = fault.Permission
	ClassLicense    = fault.License
	ClassMalformed  = fault.Malformed
	ClassCancelled  = fault.Cancelled
	ClassOffline    = fault.Offline
	ClassFatal      = fault.Fatal
)

// Graph error codes the fetchers react to.
const (
	CodeNoPremium         = "Authentication_RequestFromNonPremiumTenantOrB2CTenant"
	CodePermissionMissing = "Authentication_MSGraphPermissionMissing"
	CodeUnsupportedRole   = "Authentication_RequestFromUnsupportedUserRole"
	CodeRequestDenied     = "Authorization_RequestDenied"
	CodeInvalidToken      = "InvalidAuthenticationToken"
	CodeTooManyRequests   = "TooManyRequests"
)

var (
	// ErrNoP1 matches (errors.Is) a 403 saying the tenant has no Entra ID
	// P1/P2 (userRegistrationDetails, signInActivity).
	ErrNoP1 = errors.New("the tenant has no Microsoft Entra ID P1 or P2 licence")
	// ErrMalformed matches a response that could not be parsed.
	ErrMalformed = errors.New("malformed response")
)

// Error is a classified Graph failure. Its text names the endpoint and page
// and never contains a token.
type Error struct {
	Class    Class
	Endpoint string // e.g. "GET /users"
	Page     int    // 1-based page of a collection; 0 when not paged
	Status   int    // HTTP status; 0 when none was received
	Code     string // Graph error code or OAuth error code
	Message  string
	Err      error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("graph: ")
	b.WriteString(e.Endpoint)
	if e.Page > 0 {
		fmt.Fprintf(&b, " page %d", e.Page)
	}
	b.WriteString(": ")
	b.WriteString(e.Message)
	switch {
	case e.Status != 0 && e.Code != "":
		fmt.Fprintf(&b, " (HTTP %d %s)", e.Status, e.Code)
	case e.Status != 0:
		fmt.Fprintf(&b, " (HTTP %d)", e.Status)
	case e.Code != "":
		fmt.Fprintf(&b, " (%s)", e.Code)
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// FaultClass makes *Error a fault.Classed.
func (e *Error) FaultClass() fault.Class { return e.Class }

// Is lets errors.Is(err, ErrNoP1) and errors.Is(err, ErrMalformed) work.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrNoP1:
		return e.Code == CodeNoPremium
	case ErrMalformed:
		return e.Class == ClassMalformed
	}
	return false
}

// ClassOf returns the class of any error (ClassFatal when unknown; none,
// "", for nil — callers ask before they know whether a call failed).
func ClassOf(err error) Class {
	if err == nil {
		return ""
	}
	var ge *Error
	if errors.As(err, &ge) {
		return ge.Class
	}
	return classify("", 0, err).Class
}

// classify turns whatever the SDK, the token source or the transport
// returned into an *Error.
func classify(endpoint string, page int, err error) *Error {
	var already *Error
	if errors.As(err, &already) {
		if already.Endpoint == "" {
			already.Endpoint = endpoint
		}
		return already
	}
	e := &Error{Endpoint: endpoint, Page: page, Err: err, Class: ClassFatal, Message: errText(err)}
	var oe *odataerrors.ODataError
	var re *oauth2.RetrieveError
	var api *abs.ApiError
	var syn *json.SyntaxError
	var netErr net.Error
	classed, hasClass := fault.Of(err)
	switch {
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		e.Class, e.Message = ClassCancelled, "cancelled"
	case hasClass:
		// the identity layer (token refresh) already said what it means
		e.Class = classed
	case errors.As(err, &oe):
		e.Status = oe.ResponseStatusCode
		if m := oe.GetErrorEscaped(); m != nil {
			if m.GetCode() != nil {
				e.Code = *m.GetCode()
			}
			if m.GetMessage() != nil {
				e.Message = *m.GetMessage()
			}
		}
		if e.Message == "" || e.Message == errText(oe) {
			e.Message = "request failed"
		}
		e.Class = classForStatus(e.Status, e.Code)
	case errors.As(err, &re):
		e.Code = re.ErrorCode
		e.Message = tokenErrorMessage(re)
		e.Class = classForTokenError(re)
	case errors.As(err, &api):
		e.Status = api.ResponseStatusCode
		e.Message = api.Message
		e.Class = classForStatus(e.Status, "")
	case errors.As(err, &syn), errors.Is(err, io.ErrUnexpectedEOF),
		strings.Contains(e.Message, "invalid json"):
		e.Class = ClassMalformed
		e.Message = "the response is not valid JSON (truncated or malformed): " + errText(err)
	case isURLParseError(err):
		// a next-page link (or redirect) that is not a URL: Graph's answer
		// is broken, not the network (url.Error also passes as net.Error)
		e.Class = ClassMalformed
		e.Message = "Microsoft sent a link that is not a valid URL: " + errText(err)
	case fault.Unreachable(err):
		// no answer at all (DNS, refused, timeout): offline, not a hiccup
		e.Class = ClassOffline
		e.Message = "network unreachable: " + errText(err)
	case errors.As(err, &netErr), errors.Is(err, io.EOF):
		e.Class = ClassRetryable
		e.Message = "network error: " + errText(err)
	}
	return e
}

// errText is err.Error() that survives the SDK: ODataError.Error()
// dereferences the body's error.message unchecked, so an error body without
// it (e.g. a 404 answering {}) would panic (found by FuzzGraphPages). That
// case is named without calling Error(): even a recovered nil dereference
// is a SIGSEGV, and in the desktop app WebKit's JavaScriptCore may hold the
// SIGSEGV handler (installed without SA_ONSTACK), which turns it into a
// fatal "non-Go code set up signal handler" crash of the whole window. The
// recover stays as a last resort for other SDK types.
func errText(err error) (s string) {
	if err == nil {
		return ""
	}
	var oe *odataerrors.ODataError
	if errors.As(err, &oe) && oe != nil {
		if main := oe.GetErrorEscaped(); main == nil || main.GetMessage() == nil {
			code := ""
			if main != nil && main.GetCode() != nil {
				code = " (" + *main.GetCode() + ")"
			}
			return fmt.Sprintf("Graph answered HTTP %d%s without an error message", oe.ResponseStatusCode, code)
		}
	}
	defer func() {
		if recover() != nil {
			s = "the error response carries no message"
		}
	}()
	return err.Error()
}

// isURLParseError reports a URL that could not be parsed (url.Error with
// Op "parse", or a bare url.EscapeError / InvalidHostError).
func isURLParseError(err error) bool {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Op == "parse" {
		return true
	}
	var esc url.EscapeError
	var host url.InvalidHostError
	return errors.As(err, &esc) || errors.As(err, &host)
}

func classForStatus(status int, code string) Class {
	switch {
	case code == CodeNoPremium:
		return ClassLicense
	case status == 401 || code == CodeInvalidToken:
		return ClassReauth
	case status == 403:
		return ClassConsent
	case status == 429 || status == 502 || status == 503 || status == 504:
		return ClassRetryable
	}
	return ClassFatal
}

// tokenErrorMessage keeps the AADSTS line of Entra's description: the rest
// (trace and correlation ids, timestamps) is noise in a UI.
func tokenErrorMessage(re *oauth2.RetrieveError) string {
	d := re.ErrorDescription
	if i := strings.IndexAny(d, "\r\n"); i >= 0 {
		d = d[:i]
	}
	if d == "" {
		d = "token request failed"
	}
	return "sign-in token refused: " + d
}

func classForTokenError(re *oauth2.RetrieveError) Class {
	d := re.ErrorDescription
	switch {
	case strings.Contains(d, "AADSTS65001"), strings.Contains(d, "AADSTS90099"),
		strings.Contains(d, "AADSTS50020"), strings.Contains(d, "AADSTS500011"),
		re.ErrorCode == "consent_required", re.ErrorCode == "unauthorized_client":
		return ClassConsent
	case re.ErrorCode == "temporarily_unavailable":
		return ClassRetryable
	case re.ErrorCode == "invalid_grant", re.ErrorCode == "interaction_required",
		re.ErrorCode == "invalid_client", re.ErrorCode == "login_required":
		return ClassReauth
	}
	if re.Response != nil && re.Response.StatusCode >= 500 {
		return ClassRetryable
	}
	return ClassReauth
}
