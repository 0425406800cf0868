package bridge

import (
	"strings"
	"testing"

	"tenantlens/backend/config"
)

// The formatting locale follows the system until Settings override it; a
// bad tag is refused with an example and nothing changes.
func TestLocaleSettingOverridesTheSystem(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_NUMERIC", "")
	t.Setenv("LANG", "fr_FR.UTF-8")
	svc, b := openCore(t)
	v, err := b.Settings.Get()
	if err != nil {
		t.Fatal(err)
	}
	row := valueOf(v, config.KeyLocale)
	if v.Locale != "fr-FR" || v.SystemLocale != "fr-FR" || row.Value != "fr-FR" || row.Source != "default" || b.Settings.Locale() != "fr-FR" {
		t.Fatalf("system locale: view %q/%q row %+v bound %q", v.Locale, v.SystemLocale, row, b.Settings.Locale())
	}
	if _, err := b.Settings.Save(map[string]string{config.KeyLocale: "not a locale"}); err == nil || !strings.Contains(err.Error(), "en-US") {
		t.Fatalf("bad locale: %v", err)
	}
	if b.Settings.Locale() != "fr-FR" {
		t.Fatalf("a refused locale changed the running one: %q", b.Settings.Locale())
	}
	v, err = b.Settings.Save(map[string]string{config.KeyLocale: "en-gb"})
	if err != nil {
		t.Fatal(err)
	}
	if v.Locale != "en-GB" || valueOf(v, config.KeyLocale).Source != "setting" || b.Settings.Locale() != "en-GB" || svc.Config().Locale != "en-GB" {
		t.Fatalf("after save: view %q row %+v bound %q", v.Locale, valueOf(v, config.KeyLocale), b.Settings.Locale())
	}
	v, err = b.Settings.Save(map[string]string{config.KeyLocale: ""})
	if err != nil {
		t.Fatal(err)
	}
	if v.Locale != "fr-FR" || valueOf(v, config.KeyLocale).Source != "default" {
		t.Fatalf("after reset: view %q row %+v", v.Locale, valueOf(v, config.KeyLocale))
	}
}
