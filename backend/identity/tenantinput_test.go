package identity

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseTenantInputAccepts(t *testing.T) {
	for in, want := range map[string]string{
		"contoso.onmicrosoft.com":                  "contoso.onmicrosoft.com",
		"  Contoso.OnMicrosoft.com\n":              "contoso.onmicrosoft.com",
		"2F4A9C71-6B3E-4D8A-9F12-7C5E8B1A3D60":     "2f4a9c71-6b3e-4d8a-9f12-7c5e8b1a3d60",
		"{2f4a9c71-6b3e-4d8a-9f12-7c5e8b1a3d60}":   "2f4a9c71-6b3e-4d8a-9f12-7c5e8b1a3d60",
		"https://fabrikam.com/":                    "fabrikam.com",
		"HTTP://Fabrikam.co.uk":                    "fabrikam.co.uk",
		"admin@northwind-traders.com":              "northwind-traders.com",
		"contoso.com.":                             "contoso.com",
		"xn--mnchen-3ya.de":                        "xn--mnchen-3ya.de",
		"a1.b2.example":                            "a1.b2.example",
		strings.Repeat("a", 63) + ".com":           strings.Repeat("a", 63) + ".com",
		strings.Repeat("abcdefghi.", 24) + "co.uk": strings.Repeat("abcdefghi.", 24) + "co.uk", // 245 chars
	} {
		got, err := ParseTenantInput(in)
		if err != nil || got != want {
			t.Errorf("%.30q → %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestParseTenantInputRejects(t *testing.T) {
	for in, wantReason := range map[string]string{
		"":                                       "No tenant was entered",
		"   ":                                    "No tenant was entered",
		"common":                                 "many tenants",
		"Organizations":                          "many tenants",
		"contoso":                                "did you mean contoso.onmicrosoft.com?",
		"con toso.com":                           "spaces",
		"a/b.com":                                "“/”",
		"x.com?y=1":                              "“?”",
		"../etc.com":                             "“/”",
		"a..com":                                 "empty part",
		"-contoso.com":                           "hyphen",
		"contoso-.com":                           "hyphen",
		"contoso.123":                            "last part must start with a letter",
		"münchen.de":                             "non-ASCII",
		"bad\x00name.com":                        "control character",
		strings.Repeat("a", 64) + ".com":         "at most 63",
		strings.Repeat("abcdefghi.", 26) + "com": "at most 253",
		"2f4a9c71-6b3e-4d8a-9f12-7c5e8b1a3d6":    "not a complete tenant ID", // one digit short: not a GUID, not a domain
		"https://":                               "no domain name is left",
	} {
		got, err := ParseTenantInput(in)
		if !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%.30q accepted as %q (err %v)", in, got, err)
			continue
		}
		if !strings.Contains(err.Error(), wantReason) || !strings.Contains(err.Error(), RemedyInvalidInput) {
			t.Errorf("%.30q: error %q lacks %q or the remedy", in, err, wantReason)
		}
	}
}

// A 5 KB paste is refused with a short message that quotes a short prefix.
func TestParseTenantInputLongInputShortError(t *testing.T) {
	for _, in := range []string{
		strings.Repeat("a", 5*1024),
		strings.Repeat("abc.", 1300) + "com",
		"eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9." + strings.Repeat("x", 5000),
		strings.Repeat("ü", 3000),
	} {
		_, err := ParseTenantInput(in)
		if !errors.Is(err, ErrInvalidInput) {
			t.Fatalf("%d-byte input: err=%v", len(in), err)
		}
		msg := err.Error()
		if len(msg) > MaxTenantInputError || strings.Contains(msg, in[:200]) {
			t.Errorf("%d-byte input: %d-byte error (limit %d): %s", len(in), len(msg), MaxTenantInputError, msg)
		}
		if !strings.Contains(msg, "characters)") || !strings.Contains(msg, "…") {
			t.Errorf("error does not say the input was cut: %s", msg)
		}
		t.Logf("%d bytes → %d-byte error: %s", len(in), len(msg), msg)
	}
}

// The old entry point keeps working through the one parser.
func TestNormalizeTenantIsParseTenantInput(t *testing.T) {
	for _, in := range []string{"Contoso.com", "common", strings.Repeat("z", 600), "{2F4A9C71-6B3E-4D8A-9F12-7C5E8B1A3D60}"} {
		a, errA := normalizeTenant(in)
		b, errB := ParseTenantInput(in)
		if a != b || (errA == nil) != (errB == nil) || (errA != nil && errA.Error() != errB.Error()) {
			t.Errorf("%.20q: normalizeTenant %q %v, ParseTenantInput %q %v", in, a, errA, b, errB)
		}
	}
}

func FuzzTenantInput(f *testing.F) {
	for _, s := range []string{
		"contoso.onmicrosoft.com", "Contoso.OnMicrosoft.com ", "fabrikam.com", "https://fabrikam.com/",
		"admin@contoso.com", "2f4a9c71-6b3e-4d8a-9f12-7c5e8b1a3d60", "{2F4A9C71-6B3E-4D8A-9F12-7C5E8B1A3D60}",
		"common", "organizations", "contoso", "con toso.com", "xn--mnchen-3ya.de", "münchen.de", "a.b",
		"contoso.com.", "http://", "@", "-a.com", "a-.com", "a..com", ".com", "x.123", "\x00", "\xff\xfe",
		strings.Repeat("a", 64) + ".com", strings.Repeat("a.", 127) + "com", strings.Repeat("x", 5000),
		"https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0", "user@sub.contoso.co.uk",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := ParseTenantInput(in)
		if err != nil {
			if !errors.Is(err, ErrInvalidInput) || out != "" {
				t.Fatalf("error %v (kind) with output %q", err, out)
			}
			msg := err.Error()
			if len(msg) > MaxTenantInputError {
				t.Fatalf("%d-byte error text (limit %d)", len(msg), MaxTenantInputError)
			}
			if !utf8.ValidString(msg) {
				t.Fatalf("error text is not valid UTF-8: %q", msg)
			}
			for _, r := range msg {
				if r < 0x20 || r == 0x7f {
					t.Fatalf("error text has control character %q: %q", r, msg)
				}
			}
			if trimmed := strings.TrimSpace(in); len(trimmed) > quoteLen+10 && strings.Contains(msg, trimmed) {
				t.Fatalf("error echoes the whole %d-byte input", len(trimmed))
			}
			return
		}
		if !IsGUID(out) && domainProblem(out) != "" {
			t.Fatalf("accepted %q, which is neither a GUID nor a domain", out)
		}
		if len(out) > MaxDomainLen || out != strings.ToLower(out) {
			t.Fatalf("accepted output %q is too long or not lower-case", out)
		}
		for _, l := range strings.Split(out, ".") {
			if len(l) == 0 || len(l) > MaxLabelLen {
				t.Fatalf("accepted %q with a label of %d characters", out, len(l))
			}
		}
		if again, err := ParseTenantInput(out); err != nil || again != out {
			t.Fatalf("not idempotent: %q → %q → %q, %v", in, out, again, err)
		}
	})
}
