package psasim

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// The conditions grammar (PSA-FACTS 1.5): slash paths, "strings", [dates],
// numbers, true/false/null; = != < <= > >= contains like in (..) not;
// and/or with parentheses. String comparison is case-insensitive
// (assumption, see README of the report).

type expr interface {
	eval(rec map[string]any, scope *childScope) (bool, error)
}

type childScope struct {
	root string         // e.g. "communicationItems"
	elem map[string]any // the child element bound to root
}

type andExpr struct{ l, r expr }
type orExpr struct{ l, r expr }
type notExpr struct{ e expr }
type cmpExpr struct {
	path   []string
	op     string
	values []any // one value, or several for in
	exact  bool  // case-sensitive string comparison
}

func (e andExpr) eval(m map[string]any, s *childScope) (bool, error) {
	a, err := e.l.eval(m, s)
	if err != nil || !a {
		return false, err
	}
	return e.r.eval(m, s)
}
func (e orExpr) eval(m map[string]any, s *childScope) (bool, error) {
	a, err := e.l.eval(m, s)
	if err != nil || a {
		return a, err
	}
	return e.r.eval(m, s)
}
func (e notExpr) eval(m map[string]any, s *childScope) (bool, error) {
	a, err := e.e.eval(m, s)
	return !a && err == nil, err
}

func (e cmpExpr) eval(m map[string]any, s *childScope) (bool, error) {
	var vals []any
	if s != nil && len(e.path) > 1 && e.path[0] == s.root {
		vals = lookup(s.elem, e.path[1:])
	} else {
		vals = lookup(m, e.path)
	}
	for _, v := range vals {
		if compareX(v, e.op, e.values, e.exact) {
			return true, nil
		}
	}
	return false, nil
}

// lookup follows a path; arrays fan out (any element may satisfy). Absent
// keys read as null; unknown fields are rejected earlier against the schema.
func lookup(v any, path []string) []any {
	cur := []any{v}
	for _, p := range path {
		var next []any
		for _, c := range cur {
			switch x := c.(type) {
			case map[string]any:
				if y, ok := x[p]; ok {
					next = append(next, y)
				}
			case []any:
				for _, el := range x {
					if mm, ok := el.(map[string]any); ok {
						if y, ok := mm[p]; ok {
							next = append(next, y)
						}
					}
				}
			}
		}
		cur = next
	}
	var out []any
	for _, c := range cur {
		if arr, ok := c.([]any); ok {
			out = append(out, arr...)
		} else {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		out = []any{nil}
	}
	return out
}

func compare(v any, op string, want []any) bool { return compareX(v, op, want, false) }

func compareX(v any, op string, want []any, exact bool) bool {
	if op == "in" {
		for _, w := range want {
			if compareX(v, "=", []any{w}, exact) {
				return true
			}
		}
		return false
	}
	w := want[0]
	if v == nil || w == nil {
		switch op {
		case "=":
			return v == nil && w == nil
		case "!=":
			return (v == nil) != (w == nil)
		}
		return false
	}
	switch x := v.(type) {
	case bool:
		b, ok := w.(bool)
		if !ok {
			return false
		}
		switch op {
		case "=":
			return x == b
		case "!=":
			return x != b
		}
		return false
	case int, float64:
		a := toFloat(x)
		b, ok := w.(float64)
		if !ok {
			if s, isStr := w.(string); isStr {
				var err error
				if b, err = strconv.ParseFloat(s, 64); err != nil {
					return false
				}
			} else {
				return false
			}
		}
		return cmpOrdered(a, b, op)
	case string:
		a := x
		if !exact {
			a = strings.ToLower(x)
		}
		var b string
		switch y := w.(type) {
		case string:
			b = y
			if !exact {
				b = strings.ToLower(y)
			}
		case float64:
			b = strconv.FormatFloat(y, 'f', -1, 64)
		case bool:
			b = strconv.FormatBool(y)
		}
		switch op {
		case "contains":
			return strings.Contains(a, b)
		case "like":
			return likeMatch(a, b)
		}
		return cmpOrdered(a, b, op)
	}
	return false
}

func toFloat(v any) float64 {
	switch x := v.(type) {
	case int:
		return float64(x)
	case float64:
		return x
	}
	return 0
}

func cmpOrdered[T int | float64 | string](a, b T, op string) bool {
	switch op {
	case "=":
		return a == b
	case "!=":
		return a != b
	case "<":
		return a < b
	case "<=":
		return a <= b
	case ">":
		return a > b
	case ">=":
		return a >= b
	}
	return false
}

// likeMatch: both * and % are wildcards (the sources disagree, accept both).
func likeMatch(s, pat string) bool {
	pat = strings.ReplaceAll(pat, "%", "*")
	parts := strings.Split(pat, "*")
	if len(parts) == 1 {
		return s == pat
	}
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	for i := 1; i < len(parts)-1; i++ {
		j := strings.Index(s, parts[i])
		if j < 0 {
			return false
		}
		s = s[j+len(parts[i]):]
	}
	return strings.HasSuffix(s, parts[len(parts)-1])
}

// ---- parser ----

type parser struct {
	s     string
	pos   int
	exact bool
}

func parseConditions(s string, exact bool) (expr, error) {
	p := &parser{s: s, exact: exact}
	e, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	p.ws()
	if p.pos < len(p.s) {
		return nil, fmt.Errorf("unexpected %q at position %d", p.s[p.pos:], p.pos+1)
	}
	return e, nil
}

func (p *parser) ws() {
	for p.pos < len(p.s) && (p.s[p.pos] == ' ' || p.s[p.pos] == '\t' || p.s[p.pos] == '\n' || p.s[p.pos] == '\r') {
		p.pos++
	}
}

// keyword consumes a case-insensitive word followed by a non-identifier char.
func (p *parser) keyword(w string) bool {
	p.ws()
	end := p.pos + len(w)
	if end > len(p.s) || !strings.EqualFold(p.s[p.pos:end], w) {
		return false
	}
	if end < len(p.s) && isIdent(p.s[end]) {
		return false
	}
	p.pos = end
	return true
}

func isIdent(c byte) bool {
	return c == '_' || c == '/' || c == '.' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

func (p *parser) parseOr() (expr, error) {
	l, err := p.parseAnd()
	if err != nil {
		return nil, err
	}
	for p.keyword("or") {
		r, err := p.parseAnd()
		if err != nil {
			return nil, err
		}
		l = orExpr{l, r}
	}
	return l, nil
}

func (p *parser) parseAnd() (expr, error) {
	l, err := p.parseUnary()
	if err != nil {
		return nil, err
	}
	for p.keyword("and") {
		r, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		l = andExpr{l, r}
	}
	return l, nil
}

func (p *parser) parseUnary() (expr, error) {
	if p.keyword("not") {
		e, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		return notExpr{e}, nil
	}
	p.ws()
	if p.pos < len(p.s) && p.s[p.pos] == '(' {
		p.pos++
		e, err := p.parseOr()
		if err != nil {
			return nil, err
		}
		p.ws()
		if p.pos >= len(p.s) || p.s[p.pos] != ')' {
			return nil, errors.New("missing )")
		}
		p.pos++
		return e, nil
	}
	return p.parseCmp()
}

func (p *parser) parseCmp() (expr, error) {
	p.ws()
	start := p.pos
	for p.pos < len(p.s) && isIdent(p.s[p.pos]) {
		p.pos++
	}
	if p.pos == start {
		return nil, fmt.Errorf("field name expected at position %d", start+1)
	}
	path := strings.Split(p.s[start:p.pos], "/")
	p.ws()
	var op string
	for _, o := range []string{"!=", "<=", ">=", "=", "<", ">"} {
		if strings.HasPrefix(p.s[p.pos:], o) {
			op = o
			p.pos += len(o)
			break
		}
	}
	if op == "" {
		switch {
		case p.keyword("contains"):
			op = "contains"
		case p.keyword("like"):
			op = "like"
		case p.keyword("not") && p.keyword("in"):
			return p.finishIn(path, true)
		case p.keyword("in"):
			return p.finishIn(path, false)
		default:
			return nil, fmt.Errorf("operator expected after %s", strings.Join(path, "/"))
		}
	}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	return cmpExpr{path: path, op: op, values: []any{v}, exact: p.exact}, nil
}

func (p *parser) finishIn(path []string, negate bool) (expr, error) {
	p.ws()
	if p.pos >= len(p.s) || p.s[p.pos] != '(' {
		return nil, errors.New("in expects (")
	}
	p.pos++
	var vals []any
	for {
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		vals = append(vals, v)
		p.ws()
		if p.pos < len(p.s) && p.s[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(p.s) && p.s[p.pos] == ')' {
			p.pos++
			break
		}
		return nil, errors.New("in list not closed")
	}
	var e expr = cmpExpr{path: path, op: "in", values: vals, exact: p.exact}
	if negate {
		e = notExpr{e}
	}
	return e, nil
}

func (p *parser) value() (any, error) {
	p.ws()
	if p.pos >= len(p.s) {
		return nil, errors.New("value expected")
	}
	switch c := p.s[p.pos]; {
	case c == '"':
		end := strings.IndexByte(p.s[p.pos+1:], '"')
		if end < 0 {
			return nil, errors.New("unterminated string")
		}
		v := p.s[p.pos+1 : p.pos+1+end]
		p.pos += end + 2
		return v, nil
	case c == '\'':
		return nil, errors.New("strings must be in double quotes")
	case c == '[':
		end := strings.IndexByte(p.s[p.pos:], ']')
		if end < 0 {
			return nil, errors.New("unterminated date")
		}
		v := p.s[p.pos+1 : p.pos+end]
		p.pos += end + 1
		return v, nil // stamps compare as strings (same format)
	}
	start := p.pos
	for p.pos < len(p.s) && (isIdent(p.s[p.pos]) || p.s[p.pos] == '-' || p.s[p.pos] == '+') {
		p.pos++
	}
	w := p.s[start:p.pos]
	switch strings.ToLower(w) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	}
	f, err := strconv.ParseFloat(w, 64)
	if err != nil {
		return nil, fmt.Errorf("invalid value %q (strings need double quotes)", w)
	}
	return f, nil
}

// fieldPaths collects every path of an expression.
func fieldPaths(e expr, out *[][]string) {
	switch x := e.(type) {
	case andExpr:
		fieldPaths(x.l, out)
		fieldPaths(x.r, out)
	case orExpr:
		fieldPaths(x.l, out)
		fieldPaths(x.r, out)
	case notExpr:
		fieldPaths(x.e, out)
	case cmpExpr:
		*out = append(*out, x.path)
	}
}

// ---- fields projection ----

type fieldTree map[string]fieldTree // nil value = take the whole subtree

func parseFields(s string) fieldTree {
	t := fieldTree{}
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		cur := t
		parts := strings.Split(f, "/")
		for i, p := range parts {
			if i == len(parts)-1 {
				cur[p] = nil
				break
			}
			sub, ok := cur[p]
			if !ok || sub == nil {
				if ok && sub == nil {
					break // whole subtree already requested
				}
				sub = fieldTree{}
				cur[p] = sub
			}
			cur = sub
		}
	}
	return t
}

// project keeps the listed fields; _info is dropped at every depth unless
// it is listed itself.
func project(v any, t fieldTree) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, sub := range t {
			val, ok := x[k]
			if !ok {
				continue
			}
			if sub == nil {
				if k == "_info" {
					out[k] = val
				} else {
					out[k] = stripInfo(val)
				}
			} else {
				out[k] = project(val, sub)
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, el := range x {
			out[i] = project(el, t)
		}
		return out
	}
	return v
}

func stripInfo(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, val := range x {
			if k != "_info" {
				out[k] = stripInfo(val)
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, el := range x {
			out[i] = stripInfo(el)
		}
		return out
	}
	return v
}
