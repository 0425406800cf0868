package derive

import (
	"reflect"
	"strings"
	"testing"

	"tenantlens/backend/types"
)

// One test per row of DESIGN.md's MFA status table. Each row is checked
// through both sources where the row can arise from either: the
// userRegistrationDetails item (P1 tenants) and the per-user
// authentication methods (tenants without P1).

const (
	odPassword = "#microsoft.graph.passwordAuthenticationMethod"
	odEmail    = "#microsoft.graph.emailAuthenticationMethod"
	odTAP      = "#microsoft.graph.temporaryAccessPassAuthenticationMethod"
	odPhone    = "#microsoft.graph.phoneAuthenticationMethod"
	odApp      = "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod"
	odSoftOath = "#microsoft.graph.softwareOathAuthenticationMethod"
	odHardOath = "#microsoft.graph.hardwareOathAuthenticationMethod"
	odFido2    = "#microsoft.graph.fido2AuthenticationMethod"
	odHello    = "#microsoft.graph.windowsHelloForBusinessAuthenticationMethod"
	odPasskey  = "#microsoft.graph.passkeyAuthenticationMethod"
)

func wantStatus(t *testing.T, got MFA, status types.MFAStatus, source types.MFASource) {
	t.Helper()
	if got.Status != status || got.Source != source {
		t.Fatalf("got %s from %s, want %s from %s (%+v)", got.Status, got.Source, status, source, got)
	}
}

// Row: "MFA assigned, user has not registered" → Disabled. The admin turned
// per-user MFA on (perUserMfaState "enabled"), but the user never
// registered a second factor: only SSPR email in the report; only password
// (and email) as methods.
func TestMFATable_AssignedNotRegistered_Disabled(t *testing.T) {
	got := MFAFromRegistrationDetails(false, []string{"email"}, "", false)
	wantStatus(t, got, types.MFADisabled, types.MFASourceRegistrationDetails)
	if !reflect.DeepEqual(got.Methods, []string{"email"}) {
		t.Errorf("methods %v", got.Methods)
	}
	wantStatus(t, MFAFromMethods([]string{odPassword}), types.MFADisabled, types.MFASourceAuthMethods)
	wantStatus(t, MFAFromMethods([]string{odPassword, odEmail}), types.MFADisabled, types.MFASourceAuthMethods)
}

// Row: "MFA enforced, user has not completed setup" → Disabled. Enforcement
// (perUserMfaState "enforced" or a CA policy) without a completed
// registration — at most a temporary access pass handed out for setup.
func TestMFATable_EnforcedSetupNotCompleted_Disabled(t *testing.T) {
	wantStatus(t, MFAFromRegistrationDetails(false, []string{"temporaryAccessPass"}, "none", false),
		types.MFADisabled, types.MFASourceRegistrationDetails)
	got := MFAFromMethods([]string{odPassword, odTAP})
	wantStatus(t, got, types.MFADisabled, types.MFASourceAuthMethods)
	if !reflect.DeepEqual(got.Methods, []string{"temporaryAccessPass"}) {
		t.Errorf("methods %v (password must not be listed)", got.Methods)
	}
}

// Row: "user completed MFA registration" → Enabled, whatever was assigned.
func TestMFATable_CompletedRegistration_Enabled(t *testing.T) {
	got := MFAFromRegistrationDetails(true, []string{"microsoftAuthenticatorPush", "mobilePhone", "email"}, "microsoftAuthenticatorPush", true)
	wantStatus(t, got, types.MFAEnabled, types.MFASourceRegistrationDetails)
	if got.DefaultMethod != "microsoftAuthenticatorPush" || !got.IsAdmin ||
		!reflect.DeepEqual(got.Methods, []string{"email", "microsoftAuthenticatorPush", "mobilePhone"}) {
		t.Errorf("details %+v", got)
	}
	// Every MFA-capable method alone is enough through the fallback.
	for _, od := range []string{odPhone, odApp, odSoftOath, odHardOath, odFido2, odHello, odPasskey,
		"#microsoft.graph.platformCredentialAuthenticationMethod"} {
		if m := MFAFromMethods([]string{odPassword, od}); m.Status != types.MFAEnabled {
			t.Errorf("%s alone: %s", od, m.Status)
		}
	}
	got = MFAFromMethods([]string{odPassword, odPhone, odApp, odSoftOath})
	if !reflect.DeepEqual(got.Methods, []string{"microsoftAuthenticator", "phone", "softwareOath"}) {
		t.Errorf("methods %v", got.Methods)
	}
}

// Row: "contact (mail contact, not a user account)" → N/A.
func TestMFATable_Contact_NA(t *testing.T) {
	wantStatus(t, MFAForContact(), types.MFANotApplicable, types.MFASourceNone)
}

// Row: "deleted user" → Disabled, even when it had registered methods.
func TestMFATable_DeletedUser_Disabled(t *testing.T) {
	wantStatus(t, MFAForDeletedUser(), types.MFADisabled, types.MFASourceNone)
	got := DecideUserMFA(UserMFAInputs{Deleted: true, Registration: &Registration{IsMfaRegistered: true},
		Methods: []string{odApp}, MethodsRead: true})
	wantStatus(t, got, types.MFADisabled, types.MFASourceNone)
}

// Row: "guest, MFA not registered" → Disabled (the report lists guests with
// lowercase userType "guest" and no methods).
func TestMFATable_GuestNotRegistered_Disabled(t *testing.T) {
	wantStatus(t, DecideUserMFA(UserMFAInputs{Registration: &Registration{IsMfaRegistered: false}}),
		types.MFADisabled, types.MFASourceRegistrationDetails)
	wantStatus(t, DecideUserMFA(UserMFAInputs{MethodsRead: true}), types.MFADisabled, types.MFASourceAuthMethods)
}

// Row: "tenant whose registration data cannot be read at all" →
// Unavailable, with the reason and the fix.
func TestMFATable_TenantUnreadable_UnavailableWithReasonAndFix(t *testing.T) {
	for _, cause := range []UnavailableCause{CauseNoPermission, CauseNotConsented, CauseRequestFailed} {
		v := MFAUnavailable(cause, "403 Authorization_RequestDenied")
		wantStatus(t, v, types.MFAUnavailable, types.MFASourceNone)
		if !strings.Contains(v.Reason, "could not be read") || !strings.Contains(v.Reason, "Fix:") ||
			!strings.Contains(v.Reason, "403 Authorization_RequestDenied") {
			t.Errorf("%s: reason %q lacks why, fix or detail", cause, v.Reason)
		}
		got := DecideUserMFA(UserMFAInputs{Unavailable: &v})
		if !reflect.DeepEqual(got, v) {
			t.Errorf("%s: user verdict %+v", cause, got)
		}
		var u types.User
		got.Apply(&u)
		if u.MFAStatus != types.MFAUnavailable || u.MFAReason != v.Reason {
			t.Errorf("%s: applied %+v", cause, u)
		}
	}
	if MFAUnavailable(CauseNoPermission, "").Reason == MFAUnavailable(CauseNotConsented, "").Reason {
		t.Error("different causes give the same fix")
	}
}

func TestDecideUserMFASourceOrder(t *testing.T) {
	// Registration details win over methods when both were read.
	got := DecideUserMFA(UserMFAInputs{Registration: &Registration{IsMfaRegistered: false}, Methods: []string{odApp}, MethodsRead: true})
	wantStatus(t, got, types.MFADisabled, types.MFASourceRegistrationDetails)
	// Nothing read and no tenant verdict: still Unavailable with a reason.
	got = DecideUserMFA(UserMFAInputs{})
	if got.Status != types.MFAUnavailable || got.Reason == "" {
		t.Fatalf("no data: %+v", got)
	}
}

func TestAuthMethodNames(t *testing.T) {
	cases := []struct {
		in   string
		name string
		mfa  bool
	}{
		{odPassword, "password", false},
		{"microsoft.graph.emailAuthenticationMethod", "email", false},
		{"temporaryAccessPassAuthenticationMethod", "temporaryAccessPass", false},
		{odHello, "windowsHelloForBusiness", true},
		{"#microsoft.graph.futureThingAuthenticationMethod", "futureThing", false},
	}
	for _, c := range cases {
		name, mfa := AuthMethodName(c.in)
		if name != c.name || mfa != c.mfa {
			t.Errorf("%s → %s %v, want %s %v", c.in, name, mfa, c.name, c.mfa)
		}
	}
	// Duplicates (two phones) collapse; default "none" is no default.
	if m := MFAFromMethods([]string{odPhone, odPhone}); len(m.Methods) != 1 {
		t.Errorf("methods %v", m.Methods)
	}
	if m := MFAFromRegistrationDetails(true, nil, "none", false); m.DefaultMethod != "" {
		t.Errorf("default %q", m.DefaultMethod)
	}
}
