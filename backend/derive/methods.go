package derive

import (
	"strings"
	"unicode"
)

// methodLabels are the names a client sees for Graph's authentication
// method identifiers (userRegistrationDetails' methodsRegistered and the
// short names of /authentication/methods types).
var methodLabels = map[string]string{
	"microsoftauthenticatorpush":         "Microsoft Authenticator (push)",
	"microsoftauthenticatorpasswordless": "Microsoft Authenticator (passwordless)",
	"microsoftauthenticator":             "Microsoft Authenticator",
	"mobilephone":                        "Mobile phone",
	"alternatemobilephone":               "Alternate mobile phone",
	"officephone":                        "Office phone",
	"phone":                              "Phone",
	"softwareonetimepasscode":            "Authenticator app code (OATH)",
	"softwareoath":                       "Authenticator app code (OATH)",
	"hardwareonetimepasscode":            "Hardware token (OATH)",
	"hardwareoath":                       "Hardware token (OATH)",
	"fido2":                              "Security key (FIDO2)",
	"passkey":                            "Passkey",
	"passkeydevicebound":                 "Passkey (device-bound)",
	"passkeydeviceboundauthenticator":    "Passkey in Authenticator",
	"passkeydeviceboundwindowshello":     "Passkey (Windows Hello)",
	"windowshelloforbusiness":            "Windows Hello for Business",
	"platformcredential":                 "Platform credential (macOS)",
	"macossecureenclavekey":              "macOS Secure Enclave key",
	"email":                              "Email",
	"temporaryaccesspass":                "Temporary Access Pass",
	"securityquestion":                   "Security questions",
	"password":                           "Password",
}

// MethodLabel is the display label of an authentication method identifier;
// unknown identifiers are split at their capitals ("fooBar" → "Foo bar").
func MethodLabel(method string) string {
	m := strings.TrimSpace(method)
	if l, ok := methodLabels[strings.ToLower(m)]; ok {
		return l
	}
	var b strings.Builder
	for i, r := range m {
		if i > 0 && unicode.IsUpper(r) {
			b.WriteByte(' ')
			r = unicode.ToLower(r)
		} else if i == 0 {
			r = unicode.ToUpper(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// MethodLabels maps MethodLabel over a list, dropping duplicates (two
// identifiers can share a label) and keeping the order.
func MethodLabels(methods []string) []string {
	out := make([]string, 0, len(methods))
	seen := map[string]bool{}
	for _, m := range methods {
		l := MethodLabel(m)
		if l != "" && !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out
}
