package graphsim

import (
	"errors"
	"strings"
	"time"
)

// userPred tests one user against a $filter.
type userPred func(*User) bool

// filterInfo describes what a filter used, for Graph's header rules.
type filterInfo struct {
	advanced bool // ne, not, endsWith, ... need ConsistencyLevel + $count
	signIn   bool // signInActivity/... (cannot be combined with other properties)
	other    bool // any non-signInActivity property
}

type filterParser struct {
	toks []string
	pos  int
	info filterInfo
}

// parseUserFilter parses the $filter forms the emulator supports.
func parseUserFilter(f string) (userPred, filterInfo, error) {
	toks, err := tokenizeFilter(f)
	if err != nil {
		return nil, filterInfo{}, err
	}
	p := &filterParser{toks: toks}
	pred, err := p.expr()
	if err != nil {
		return nil, p.info, err
	}
	if p.pos != len(p.toks) {
		return nil, p.info, errors.New("Invalid filter clause: syntax error at position " + itoa(p.pos) + ".")
	}
	return pred, p.info, nil
}

func tokenizeFilter(f string) ([]string, error) {
	var toks []string
	i := 0
	for i < len(f) {
		ch := f[i]
		switch {
		case ch == ' ' || ch == '\t':
			i++
		case ch == '(' || ch == ')' || ch == ',':
			toks = append(toks, string(ch))
			i++
		case ch == '\'':
			j := i + 1
			var b strings.Builder
			for {
				if j >= len(f) {
					return nil, errors.New("Invalid filter clause: unterminated string literal.")
				}
				if f[j] == '\'' {
					if j+1 < len(f) && f[j+1] == '\'' {
						b.WriteByte('\'')
						j += 2
						continue
					}
					break
				}
				b.WriteByte(f[j])
				j++
			}
			toks = append(toks, "'"+b.String())
			i = j + 1
		default:
			j := i
			for j < len(f) && !strings.ContainsRune(" \t(),'", rune(f[j])) {
				j++
			}
			toks = append(toks, f[i:j])
			i = j
		}
	}
	return toks, nil
}

func (p *filterParser) peek() string {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return ""
}

func (p *filterParser) next() string {
	t := p.peek()
	p.pos++
	return t
}

func (p *filterParser) expect(t string) error {
	if !strings.EqualFold(p.next(), t) {
		return errors.New("Invalid filter clause: expected '" + t + "'.")
	}
	return nil
}

func (p *filterParser) expr() (userPred, error) {
	left, err := p.term()
	if err != nil {
		return nil, err
	}
	for {
		op := strings.ToLower(p.peek())
		if op != "and" && op != "or" {
			return left, nil
		}
		p.pos++
		right, err := p.term()
		if err != nil {
			return nil, err
		}
		l, r := left, right
		if op == "and" {
			left = func(u *User) bool { return l(u) && r(u) }
		} else {
			left = func(u *User) bool { return l(u) || r(u) }
		}
	}
}

func (p *filterParser) term() (userPred, error) {
	t := p.peek()
	switch strings.ToLower(t) {
	case "not":
		p.pos++
		p.info.advanced = true
		inner, err := p.term()
		if err != nil {
			return nil, err
		}
		return func(u *User) bool { return !inner(u) }, nil
	case "(":
		p.pos++
		e, err := p.expr()
		if err != nil {
			return nil, err
		}
		return e, p.expect(")")
	case "startswith", "endswith":
		p.pos++
		if strings.EqualFold(t, "endswith") {
			p.info.advanced = true
		}
		if err := p.expect("("); err != nil {
			return nil, err
		}
		prop := p.next()
		if err := p.expect(","); err != nil {
			return nil, err
		}
		lit := p.next()
		if err := p.expect(")"); err != nil {
			return nil, err
		}
		get, err := p.stringProp(prop)
		if err != nil {
			return nil, err
		}
		if !strings.HasPrefix(lit, "'") {
			return nil, errors.New("Invalid filter clause: string literal expected.")
		}
		want := strings.ToLower(lit[1:])
		if strings.EqualFold(t, "startswith") {
			return func(u *User) bool { return strings.HasPrefix(strings.ToLower(get(u)), want) }, nil
		}
		return func(u *User) bool { return strings.HasSuffix(strings.ToLower(get(u)), want) }, nil
	}
	return p.comparison()
}

var stringProps = map[string]func(*User) string{
	"displayname":       func(u *User) string { return u.DisplayName },
	"userprincipalname": func(u *User) string { return u.UserPrincipalName },
	"mail":              func(u *User) string { return u.Mail },
	"department":        func(u *User) string { return u.Department },
	"jobtitle":          func(u *User) string { return u.JobTitle },
	"id":                func(u *User) string { return u.ID },
	"usertype":          func(u *User) string { return u.UserType },
	"givenname":         func(u *User) string { return u.GivenName },
	"surname":           func(u *User) string { return u.Surname },
	"companyname":       func(u *User) string { return u.CompanyName },
	"usagelocation":     func(u *User) string { return u.UsageLocation },
}

func (p *filterParser) stringProp(name string) (func(*User) string, error) {
	get, ok := stringProps[strings.ToLower(name)]
	if !ok {
		return nil, unsupportedProp(name)
	}
	p.info.other = true
	return get, nil
}

func unsupportedProp(name string) error {
	return errors.New("Unsupported or invalid query filter clause specified for property '" + name + "' of resource 'User'.")
}

func (p *filterParser) comparison() (userPred, error) {
	prop := p.next()
	low := strings.ToLower(prop)
	if strings.HasPrefix(low, "assignedlicenses/any") {
		return p.anyLicense(prop)
	}
	op := strings.ToLower(p.next())
	switch op {
	case "eq", "ge", "le", "gt", "lt":
	case "ne":
		p.info.advanced = true
	default:
		return nil, errors.New("Invalid filter clause: unknown operator '" + op + "'.")
	}
	lit := p.next()
	switch {
	case low == "accountenabled":
		p.info.other = true
		want := strings.EqualFold(lit, "true")
		if !want && !strings.EqualFold(lit, "false") {
			return nil, errors.New("Invalid filter clause: boolean literal expected.")
		}
		return boolCmp(op, func(u *User) bool { return u.AccountEnabled }, want)
	case low == "onpremisessyncenabled":
		p.info.other = true
		if strings.EqualFold(lit, "null") {
			return boolCmpNull(op, func(u *User) bool { return u.OnPremisesSyncEnabled == nil })
		}
		want := strings.EqualFold(lit, "true")
		return boolCmp(op, func(u *User) bool { return u.OnPremisesSyncEnabled != nil && *u.OnPremisesSyncEnabled }, want)
	case strings.HasPrefix(low, "signinactivity/"):
		p.info.signIn = true
		if op == "gt" || op == "lt" {
			return nil, unsupportedProp(prop)
		}
		var get func(*User) time.Time
		switch low {
		case "signinactivity/lastsignindatetime":
			get = func(u *User) time.Time {
				if u.SignIn == nil {
					return time.Time{}
				}
				return u.SignIn.LastSignIn
			}
		case "signinactivity/lastnoninteractivesignindatetime":
			get = func(u *User) time.Time {
				if u.SignIn == nil {
					return time.Time{}
				}
				return u.SignIn.LastNonInteractive
			}
		default:
			return nil, unsupportedProp(prop)
		}
		return timeCmp(op, get, lit)
	case low == "createddatetime":
		p.info.other = true
		return timeCmp(op, func(u *User) time.Time { return u.CreatedDateTime }, lit)
	}
	get, err := p.stringProp(prop)
	if err != nil {
		return nil, err
	}
	if op != "eq" && op != "ne" {
		return nil, unsupportedProp(prop)
	}
	if strings.EqualFold(lit, "null") {
		if op == "eq" {
			return func(u *User) bool { return get(u) == "" }, nil
		}
		return func(u *User) bool { return get(u) != "" }, nil
	}
	if !strings.HasPrefix(lit, "'") {
		return nil, errors.New("Invalid filter clause: string literal expected.")
	}
	want := lit[1:]
	if op == "eq" {
		return func(u *User) bool { return strings.EqualFold(get(u), want) }, nil
	}
	return func(u *User) bool { return !strings.EqualFold(get(u), want) }, nil
}

// anyLicense parses assignedLicenses/any(x:x/skuId eq <guid>).
func (p *filterParser) anyLicense(head string) (userPred, error) {
	p.info.other = true
	// head is "assignedLicenses/any"; then ( x:x/skuId eq guid )
	if err := p.expect("("); err != nil {
		return nil, err
	}
	v := p.next() // x:x/skuId
	if i := strings.IndexByte(v, ':'); i < 0 || !strings.EqualFold(v[i+1:], v[:i]+"/skuId") {
		return nil, unsupportedProp(head)
	}
	if err := p.expect("eq"); err != nil {
		return nil, err
	}
	sku := strings.TrimPrefix(p.next(), "'")
	if err := p.expect(")"); err != nil {
		return nil, err
	}
	if !isGUID(sku) {
		return nil, errors.New("Invalid filter clause: guid literal expected.")
	}
	return func(u *User) bool { return u.HasSku(strings.ToLower(sku)) }, nil
}

func boolCmp(op string, get func(*User) bool, want bool) (userPred, error) {
	switch op {
	case "eq":
		return func(u *User) bool { return get(u) == want }, nil
	case "ne":
		return func(u *User) bool { return get(u) != want }, nil
	}
	return nil, errors.New("Invalid filter clause: operator not supported for boolean.")
}

func boolCmpNull(op string, isNull func(*User) bool) (userPred, error) {
	switch op {
	case "eq":
		return isNull, nil
	case "ne":
		return func(u *User) bool { return !isNull(u) }, nil
	}
	return nil, errors.New("Invalid filter clause: operator not supported for null.")
}

func timeCmp(op string, get func(*User) time.Time, lit string) (userPred, error) {
	if strings.EqualFold(lit, "null") {
		return boolCmpNull(op, func(u *User) bool { return get(u).IsZero() })
	}
	want, err := time.Parse(time.RFC3339, strings.TrimPrefix(lit, "'"))
	if err != nil {
		return nil, errors.New("Invalid filter clause: DateTimeOffset literal expected.")
	}
	switch op {
	case "eq":
		return func(u *User) bool { t := get(u); return !t.IsZero() && t.Equal(want) }, nil
	case "ne":
		return func(u *User) bool { return !get(u).Equal(want) }, nil
	case "ge":
		return func(u *User) bool { t := get(u); return !t.IsZero() && !t.Before(want) }, nil
	case "le":
		return func(u *User) bool { t := get(u); return !t.IsZero() && !t.After(want) }, nil
	case "gt":
		return func(u *User) bool { return get(u).After(want) }, nil
	case "lt":
		return func(u *User) bool { t := get(u); return !t.IsZero() && t.Before(want) }, nil
	}
	return nil, errors.New("Invalid filter clause.")
}
