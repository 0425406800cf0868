package identity

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits of ParseTenantInput.
const (
	// MaxDomainLen is the longest domain name DNS allows (RFC 1035 §2.3.4,
	// without the trailing dot).
	MaxDomainLen = 253
	// MaxLabelLen is the longest label of a domain name.
	MaxLabelLen = 63
	// maxTenantInput bounds what is looked at at all: a domain with a
	// pasted scheme, a user name before an "@" and some spaces around it.
	maxTenantInput = 512
	// maxSuggest is the longest single word for which the error suggests
	// "<word>.onmicrosoft.com" (so the suggestion never repeats a long
	// input in full).
	maxSuggest = 30
	// quoteLen is the most characters of the input an error message quotes.
	quoteLen = 40
	// MaxTenantInputError bounds the length of the error text
	// ParseTenantInput returns, whatever the input.
	MaxTenantInputError = 400
)

// ParseTenantInput validates and normalises what a user typed to name a
// tenant: its tenant ID (a GUID) or one of its domain names. It is the one
// parser behind `tenantlens connect --tenant`, the Connect dialog and
// ResolveTenant.
//
// Accepted, after trimming white space: a GUID (also in braces, as some
// tools print it), returned lower-case; a domain name of at least two
// labels (letters, digits and hyphens, each label 1–63 characters, no
// leading or trailing hyphen, the last label starting with a letter, ≤ 253
// characters in all), returned lower-case. A pasted http:// or https:// in
// front, one trailing slash or dot, and a user name before "@" (a sign-in
// name such as admin@contoso.com) are removed first. The meta-tenants
// common, organizations and consumers are refused: a connection names one
// tenant.
//
// Errors are *Error values of KindInvalidInput (errors.Is ErrInvalidInput).
// Their text quotes at most a short, printable prefix of the input, says
// what is wrong and what to enter instead, and is never longer than
// MaxTenantInputError bytes.
func ParseTenantInput(in string) (string, error) {
	s := strings.TrimSpace(in)
	if s == "" {
		return "", tenantInputError(in, "nothing was entered")
	}
	if len(s) > maxTenantInput {
		return "", tenantInputError(in, "it is far too long; a domain name has at most "+strconv.Itoa(MaxDomainLen)+" characters")
	}
	if !utf8.ValidString(s) {
		return "", tenantInputError(in, "it is not valid text")
	}
	s = strings.ToLower(s)
	for _, p := range []string{"https://", "http://"} {
		if strings.HasPrefix(s, p) {
			s = s[len(p):]
			break
		}
	}
	s = strings.TrimSuffix(s, "/")
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:]
	}
	if len(s) == 38 && s[0] == '{' && s[37] == '}' {
		s = s[1:37]
	}
	switch {
	case IsGUID(s):
		return s, nil
	case s == "common" || s == "organizations" || s == "consumers":
		return "", tenantInputError(in, "“"+s+"” stands for many tenants, not one")
	}
	s = strings.TrimSuffix(s, ".") // a fully qualified name's root dot
	if reason := domainProblem(s); reason != "" {
		return "", tenantInputError(in, reason)
	}
	return s, nil
}

// domainProblem says what keeps s (lower-case) from being a domain name a
// tenant can have, or "" when it is one.
func domainProblem(s string) string {
	if s == "" {
		return "no domain name is left once the prefix is removed"
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '.':
		case c >= 0x80:
			return "it contains non-ASCII characters; enter the domain in its xn-- form or the tenant ID"
		case c == ' ' || c == '\t':
			return "it contains spaces"
		case c < 0x20 || c == 0x7f:
			return "it contains a control character"
		default:
			return "it contains “" + string(rune(c)) + "”, which a domain name cannot"
		}
	}
	if len(s) > MaxDomainLen {
		return "a domain name has at most " + strconv.Itoa(MaxDomainLen) + " characters, this has " + strconv.Itoa(len(s))
	}
	labels := strings.Split(s, ".")
	if len(labels) < 2 && looksLikeGUID(s) {
		return "it is not a complete tenant ID (32 hexadecimal digits as 8-4-4-4-12)"
	}
	if len(labels) < 2 {
		if len(s) <= maxSuggest && s[0] != '-' && s[len(s)-1] != '-' {
			return "it has no dot; did you mean " + s + ".onmicrosoft.com?"
		}
		return "a domain name has at least two parts separated by a dot"
	}
	for _, l := range labels {
		switch {
		case l == "":
			return "it has an empty part between dots"
		case len(l) > MaxLabelLen:
			return "a part between dots has at most " + strconv.Itoa(MaxLabelLen) + " characters, one has " + strconv.Itoa(len(l))
		case l[0] == '-' || l[len(l)-1] == '-':
			return "a part between dots cannot start or end with a hyphen"
		}
	}
	if tld := labels[len(labels)-1]; tld[0] < 'a' || tld[0] > 'z' {
		return "the last part must start with a letter"
	}
	return ""
}

// looksLikeGUID: hexadecimal digits and hyphens only, with at least one
// hyphen and roughly a GUID's length.
func looksLikeGUID(s string) bool {
	if len(s) < 20 || len(s) > 50 || !strings.Contains(s, "-") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c == '-') {
			return false
		}
	}
	return true
}

// tenantInputError builds the invalid-input error: a quoted, sanitised
// prefix of the input, the reason and what to enter instead.
func tenantInputError(in, reason string) *Error {
	e := newError(KindInvalidInput, "", nil)
	if q := quoteInput(in); q != "" {
		e.Message = q + " is not a tenant ID or domain: " + reason
		if !strings.HasSuffix(reason, "?") {
			e.Message += "."
		}
	} else {
		e.Message = "No tenant was entered."
	}
	return e
}

// quoteInput returns “prefix…” for the trimmed input: at most quoteLen
// characters, anything but printable ASCII shown as "?", with the total
// length when it was cut. Empty when nothing but spaces was entered.
func quoteInput(in string) string {
	s := strings.TrimSpace(in)
	if s == "" {
		return ""
	}
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == quoteLen {
			break
		}
		if r >= 0x20 && r < 0x7f {
			b.WriteRune(r)
		} else {
			b.WriteByte('?')
		}
		n++
	}
	total := utf8.RuneCountInString(s)
	if total > n {
		return "“" + b.String() + "…” (" + strconv.Itoa(total) + " characters)"
	}
	return "“" + b.String() + "”"
}
