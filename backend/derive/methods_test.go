package derive

import (
	"reflect"
	"testing"
)

func TestMethodLabels(t *testing.T) {
	for in, want := range map[string]string{
		"microsoftAuthenticatorPush": "Microsoft Authenticator (push)",
		"mobilePhone":                "Mobile phone",
		"windowsHelloForBusiness":    "Windows Hello for Business",
		"softwareOath":               "Authenticator app code (OATH)",
		"somethingNewFromGraph":      "Something new from graph",
		"":                           "",
	} {
		if got := MethodLabel(in); got != want {
			t.Errorf("MethodLabel(%q) = %q, want %q", in, got, want)
		}
	}
	got := MethodLabels([]string{"softwareOath", "softwareOneTimePasscode", "email"})
	if want := []string{"Authenticator app code (OATH)", "Email"}; !reflect.DeepEqual(got, want) {
		t.Errorf("MethodLabels = %v, want %v", got, want)
	}
}
