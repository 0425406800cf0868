package graph

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/microsoftgraph/msgraph-sdk-go/models/odataerrors"
	"golang.org/x/oauth2"

	"tenantlens/backend/identity"
)

func TestClassifyTokenErrors(t *testing.T) {
	for _, c := range []struct {
		code, desc string
		want       Class
	}{
		{"invalid_grant", "AADSTS65001: The user or administrator has not consented to use the application.\r\nTrace ID: x", ClassConsent},
		{"invalid_grant", "AADSTS50173: The provided grant has expired due to it being revoked.\r\nTrace ID: x", ClassReauth},
		{"invalid_grant", "AADSTS700082: The refresh token has expired due to inactivity.", ClassReauth},
		{"invalid_client", "AADSTS90099: The application has not been authorized in the tenant.", ClassConsent},
		{"interaction_required", "AADSTS50076: Due to a configuration change...", ClassReauth},
		{"temporarily_unavailable", "AADSTS90033: busy", ClassRetryable},
	} {
		err := fmt.Errorf("wrapped: %w", &oauth2.RetrieveError{ErrorCode: c.code, ErrorDescription: c.desc})
		e := classify("GET /users", 1, err)
		if e.Class != c.want {
			t.Errorf("%s %q: class %s, want %s", c.code, c.desc[:12], e.Class, c.want)
		}
		if strings.Contains(e.Error(), "Trace ID") || !strings.Contains(e.Error(), c.desc[:11]) {
			t.Errorf("message %q should keep the AADSTS line only", e.Error())
		}
		if ClassOf(err) != c.want {
			t.Errorf("ClassOf = %s", ClassOf(err))
		}
	}
}

func TestErrorTextAndIs(t *testing.T) {
	e := &Error{Class: ClassLicense, Endpoint: "GET /reports/authenticationMethods/userRegistrationDetails", Page: 1,
		Status: 403, Code: CodeNoPremium, Message: "Neither tenant is B2C or tenant doesn't have premium license"}
	want := "graph: GET /reports/authenticationMethods/userRegistrationDetails page 1: Neither tenant is B2C or tenant doesn't have premium license (HTTP 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant)"
	if e.Error() != want {
		t.Errorf("got  %s\nwant %s", e.Error(), want)
	}
	wrapped := fmt.Errorf("sync: %w", e)
	if !errors.Is(wrapped, ErrNoP1) || errors.Is(wrapped, ErrMalformed) || !IsNoP1(wrapped) {
		t.Error("errors.Is mismatch")
	}
	if classify("x", 0, context.Canceled).Class != ClassCancelled {
		t.Error("context.Canceled not classified as cancelled")
	}
	if classify("x", 2, errors.New("invalid json type")).Class != ClassMalformed {
		t.Error("kiota's invalid json error not classified as malformed")
	}
}

func TestClassForStatus(t *testing.T) {
	for _, c := range []struct {
		status int
		code   string
		want   Class
	}{
		{401, CodeInvalidToken, ClassReauth},
		{403, CodeRequestDenied, ClassConsent},
		{403, CodeNoPremium, ClassLicense},
		{429, CodeTooManyRequests, ClassRetryable},
		{503, "", ClassRetryable},
		{400, "Request_UnsupportedQuery", ClassFatal},
	} {
		if got := classForStatus(c.status, c.code); got != c.want {
			t.Errorf("%d %s: %s, want %s", c.status, c.code, got, c.want)
		}
	}
}

// A refresh token revoked during a sync surfaces from the token source as
// an identity error; it must end the tenant in the reconnect class with
// identity's message and remedy, not as a generic failure.
func TestClassifyIdentityReauth(t *testing.T) {
	cause := &identity.Error{Kind: identity.KindReauth, Message: identity.MsgReauth, Remedy: identity.RemedyReauth, Code: 70008}
	err := classify("GET /users", 1, fmt.Errorf("requesting token: %w", cause))
	if err.Class != ClassReauth || ClassOf(err) != ClassReauth {
		t.Fatalf("class = %s, want %s", err.Class, ClassReauth)
	}
	if !strings.Contains(err.Error(), identity.MsgReauth) || !strings.Contains(err.Error(), identity.RemedyReauth) {
		t.Fatalf("message lost identity's words and remedy: %q", err.Error())
	}
	for kind, want := range map[identity.Kind]Class{
		identity.KindNetwork:    ClassOffline,
		identity.KindConsent:    ClassConsent,
		identity.KindPermission: ClassPermission,
		identity.KindCancelled:  ClassCancelled,
	} {
		if got := ClassOf(&identity.Error{Kind: kind}); got != want {
			t.Errorf("identity kind %s → %s, want %s", kind, got, want)
		}
	}
}

// An ODataError whose body has no error.message is named without calling
// its Error() (which dereferences the message unchecked): the recover in
// errText must not be what saves it, because in the window a recovered nil
// dereference is still a SIGSEGV that WebKit's handler turns into a crash.
func TestErrTextOfODataErrorWithoutMessage(t *testing.T) {
	bare := odataerrors.NewODataError()
	bare.ResponseStatusCode = 404
	coded := odataerrors.NewODataError()
	coded.ResponseStatusCode = 403
	main := odataerrors.NewMainError()
	code := "Authorization_RequestDenied"
	main.SetCode(&code)
	coded.SetErrorEscaped(main)
	for _, c := range []struct {
		err  error
		want string
	}{
		{bare, "Graph answered HTTP 404 without an error message"},
		{fmt.Errorf("groups: %w", bare), "Graph answered HTTP 404 without an error message"},
		{coded, "Graph answered HTTP 403 (Authorization_RequestDenied) without an error message"},
	} {
		if got := errText(c.err); got != c.want {
			t.Errorf("errText(%T) = %q, want %q", c.err, got, c.want)
		}
	}
	// With a message it is the SDK's own text.
	msg := "Insufficient privileges to complete the operation."
	main.SetMessage(&msg)
	if got := errText(coded); got != msg {
		t.Errorf("errText = %q, want %q", got, msg)
	}
}

// A nil error has no class and no text (asking must not dereference it).
func TestClassOfNil(t *testing.T) {
	if c := ClassOf(nil); c != "" || c == ClassCancelled {
		t.Errorf("ClassOf(nil) = %q, want none", c)
	}
	if s := errText(nil); s != "" {
		t.Errorf("errText(nil) = %q", s)
	}
}
