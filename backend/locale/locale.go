// Package locale names the locale TenantLens formats numbers, dates and money
// in: the operating system's (Linux: LC_ALL, LC_NUMERIC, LANG; Windows: the
// user default locale), unless the Settings override it. The web view's own
// default differs between engines (WebKitGTK under a bare X session formats
// 2827 where Chromium formats 2,827), so the UI always formats with the
// explicit BCP 47 tag this package gives.
package locale

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"
)

// Fallback is used when the system names no usable locale ("C", "POSIX" or nothing).
const Fallback = "en-US"

// System is the operating system's locale as a BCP 47 tag, or Fallback.
func System() string {
	if t := system(); t != "" {
		return t
	}
	return Fallback
}

// FromEnv reads a POSIX locale the way the C library does for numbers:
// LC_ALL, then LC_NUMERIC, then LANG. "" when none names a usable locale.
func FromEnv(getenv func(string) string) string {
	for _, k := range []string{"LC_ALL", "LC_NUMERIC", "LANG"} {
		if v := strings.TrimSpace(getenv(k)); v != "" {
			// The first variable that is set wins, even when it says "C".
			return FromPOSIX(v)
		}
	}
	return ""
}

// FromPOSIX turns "de_DE.UTF-8@euro" into "de-DE"; "C", "POSIX" and
// unparsable names give "".
func FromPOSIX(v string) string {
	if i := strings.IndexAny(v, ".@"); i >= 0 {
		v = v[:i]
	}
	if v == "" || v == "C" || v == "POSIX" {
		return ""
	}
	t, err := Canonical(strings.ReplaceAll(v, "_", "-"))
	if err != nil {
		return ""
	}
	return t
}

// Canonical validates a BCP 47 tag and returns its canonical spelling
// ("en-us" → "en-US"). The error says what a valid tag looks like.
func Canonical(tag string) (string, error) {
	tag = strings.TrimSpace(tag)
	t, err := language.Parse(tag)
	if err != nil || t == language.Und {
		return "", fmt.Errorf("%q is not a locale: use a BCP 47 tag such as en-US, en-GB, de-DE or fr-FR, or leave it empty to follow the system", tag)
	}
	return t.String(), nil
}
