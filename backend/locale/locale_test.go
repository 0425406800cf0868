package locale

import (
	"strings"
	"testing"
)

func TestFromPOSIX(t *testing.T) {
	for in, want := range map[string]string{
		"de_DE.UTF-8":       "de-DE",
		"en_US.utf8":        "en-US",
		"fr_CA":             "fr-CA",
		"sr_RS.UTF-8@latin": "sr-RS",
		"pt_BR.ISO-8859-1":  "pt-BR",
		"en":                "en",
		"C":                 "",
		"C.UTF-8":           "",
		"POSIX":             "",
		"!!":                "",
	} {
		if got := FromPOSIX(in); got != want {
			t.Errorf("FromPOSIX(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFromEnvFollowsTheCLibraryOrder(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	if got := FromEnv(env(map[string]string{"LANG": "en_GB.UTF-8", "LC_NUMERIC": "de_DE.UTF-8"})); got != "de-DE" {
		t.Errorf("LC_NUMERIC must win over LANG, got %q", got)
	}
	if got := FromEnv(env(map[string]string{"LC_ALL": "fr_FR.UTF-8", "LC_NUMERIC": "de_DE.UTF-8", "LANG": "en_GB"})); got != "fr-FR" {
		t.Errorf("LC_ALL must win, got %q", got)
	}
	if got := FromEnv(env(map[string]string{"LC_ALL": "C", "LANG": "en_GB"})); got != "" {
		t.Errorf("LC_ALL=C names no locale, got %q", got)
	}
	if got := FromEnv(env(nil)); got != "" {
		t.Errorf("nothing set gave %q", got)
	}
}

func TestSystemIsAValidTag(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_NUMERIC", "")
	t.Setenv("LANG", "")
	if got := System(); got != Fallback {
		t.Errorf("no locale in the environment: %q, want %q", got, Fallback)
	}
	t.Setenv("LANG", "nb_NO.UTF-8")
	if got := System(); got != "nb-NO" {
		t.Errorf("LANG=nb_NO.UTF-8 gave %q", got)
	}
}

func TestCanonical(t *testing.T) {
	for in, want := range map[string]string{"en-us": "en-US", " de-DE ": "de-DE", "zh-Hant-TW": "zh-Hant-TW"} {
		got, err := Canonical(in)
		if err != nil || got != want {
			t.Errorf("Canonical(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "english", "en_US_POSIX!", "und"} {
		if _, err := Canonical(bad); err == nil || !strings.Contains(err.Error(), "BCP 47") {
			t.Errorf("Canonical(%q) accepted or error without remedy: %v", bad, err)
		}
	}
}
