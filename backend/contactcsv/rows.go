package contactcsv

import (
	"fmt"
	"strings"
	"unicode"
)

// clean trims spaces and control characters and turns inner control
// characters (line breaks in a quoted cell) into single spaces.
func clean(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) || r == '\uFEFF' })
	if strings.IndexFunc(s, unicode.IsControl) < 0 {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, unicode.IsControl), " ")
}

func (l *layout) get(rec []string, f field) string {
	if i := l.single[f]; i >= 0 && i < len(rec) {
		return clean(rec[i])
	}
	return ""
}

// contact turns one record into a contact. ok is false when the row is
// skipped; a skipped all-empty row has no problems either.
func (l *layout) contact(rec []string, line, width int) (Contact, []Problem, bool) {
	allEmpty := true
	for _, v := range rec {
		if clean(v) != "" {
			allEmpty = false
			break
		}
	}
	if allEmpty {
		return Contact{}, nil, false
	}
	if len(rec) != width {
		extraEmpty := len(rec) > width
		for _, v := range rec[min(width, len(rec)):] {
			if clean(v) != "" {
				extraEmpty = false
			}
		}
		if !extraEmpty {
			return Contact{}, []Problem{{Kind: ProblemUnusableRow, Line: line,
				Message: fmt.Sprintf("line %d has %d fields but the header has %d; a field probably contains an unquoted delimiter or line break, so the row was skipped", line, len(rec), width)}}, false
		}
	}
	c := Contact{
		Line:        line,
		PSAID:       l.get(rec, fID),
		CompanyID:   l.get(rec, fCompanyID),
		Company:     l.get(rec, fCompany),
		FirstName:   l.get(rec, fFirst),
		LastName:    l.get(rec, fLast),
		DisplayName: l.get(rec, fDisplay),
		Title:       l.get(rec, fTitle),
		Emails:      []Email{},
		Active:      true,
	}
	if c.DisplayName == "" {
		c.DisplayName = strings.TrimSpace(c.FirstName + " " + c.LastName)
	}
	var probs []Problem
	seen := map[string]bool{}
	for _, i := range l.emails {
		for _, tok := range splitEmails(rec[i]) {
			if !validEmail(tok) {
				probs = append(probs, Problem{Kind: ProblemInvalidEmail, Line: line, Value: truncate(tok, 80),
					Message: fmt.Sprintf("line %d: %q is not an email address and was ignored", line, truncate(tok, 80))})
				continue
			}
			k := strings.ToLower(tok)
			if !seen[k] {
				seen[k] = true
				c.Emails = append(c.Emails, Email{Address: tok, Key: k})
			}
		}
	}
	for _, i := range l.phones {
		if p := clean(rec[i]); p != "" {
			c.Phone = p
			break
		}
	}
	if i := l.single[fActive]; i >= 0 {
		v := clean(rec[i])
		if b, ok := parseBool(v); ok {
			c.Active = b
		} else if v != "" {
			probs = append(probs, badValue(line, v))
		}
	} else if i := l.single[fInactive]; i >= 0 {
		v := clean(rec[i])
		if b, ok := parseBool(v); ok {
			c.Active = !b
		} else if v != "" {
			probs = append(probs, badValue(line, v))
		}
	}
	if c.DisplayName == "" && len(c.Emails) == 0 {
		return Contact{}, []Problem{{Kind: ProblemUnusableRow, Line: line,
			Message: fmt.Sprintf("line %d has neither a name nor a usable email, so the row was skipped", line)}}, false
	}
	if len(c.Emails) == 0 {
		probs = append(probs, Problem{Kind: ProblemNoEmail, Line: line, Value: c.DisplayName,
			Message: fmt.Sprintf("line %d: %s has no email address; the contact is kept but cannot be matched to a Microsoft 365 account", line, c.DisplayName)})
	}
	return c, probs, true
}

func badValue(line int, v string) Problem {
	return Problem{Kind: ProblemBadValue, Line: line, Value: truncate(v, 40),
		Message: fmt.Sprintf("line %d: active/inactive value %q is not understood; the contact is kept as active", line, truncate(v, 40))}
}

// splitEmails splits a cell that may hold several addresses ("a@x;b@y",
// "a@x, b@y") into trimmed tokens.
func splitEmails(cell string) []string {
	f := strings.FieldsFunc(cell, func(r rune) bool {
		return r == ';' || r == ',' || unicode.IsSpace(r) || unicode.IsControl(r)
	})
	out := f[:0]
	for _, t := range f {
		t = strings.Trim(t, "<>\"'")
		t = strings.TrimPrefix(strings.TrimPrefix(t, "mailto:"), "MAILTO:")
		if t != "" {
			out = append(out, t)
		}
	}
	return out
}

// validEmail accepts local@domain with one @, a dotted domain and no
// characters that cannot appear in an address.
func validEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	if at <= 0 || at != strings.LastIndexByte(s, '@') || len(s) > 320 {
		return false
	}
	dom := s[at+1:]
	if len(dom) < 3 || !strings.Contains(dom, ".") || strings.HasPrefix(dom, ".") || strings.HasSuffix(dom, ".") || strings.Contains(dom, "..") {
		return false
	}
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || strings.ContainsRune("()[]\\,;:<>\"", r) {
			return false
		}
	}
	return true
}

func parseBool(v string) (bool, bool) {
	switch strings.ToLower(v) {
	case "true", "1", "yes", "y", "active", "enabled", "-1", "t", "x", "wahr", "ja", "oui", "sí", "si":
		return true, true
	case "false", "0", "no", "n", "inactive", "disabled", "f", "falsch", "nein", "non":
		return false, true
	}
	return false, false
}
