package config

import (
	"strings"
	"testing"
)

func TestLocaleSettingIsValidatedAndCanonical(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_NUMERIC", "")
	t.Setenv("LANG", "de_DE.UTF-8")
	c, err := Resolve("/x", nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Locale != "" || c.EffectiveLocale() != "de-DE" {
		t.Fatalf("no setting: locale %q effective %q, want the system's de-DE", c.Locale, c.EffectiveLocale())
	}
	c, err = Resolve("/x", map[string]string{KeyLocale: " en-gb "})
	if err != nil {
		t.Fatal(err)
	}
	if c.Locale != "en-GB" || c.EffectiveLocale() != "en-GB" {
		t.Fatalf("setting en-gb: locale %q effective %q, want en-GB", c.Locale, c.EffectiveLocale())
	}
	_, err = Resolve("/x", map[string]string{KeyLocale: "English please"})
	if err == nil || !strings.Contains(err.Error(), KeyLocale) || !strings.Contains(err.Error(), "en-US") {
		t.Fatalf("a bad locale must be refused with the key and an example, got %v", err)
	}
}
