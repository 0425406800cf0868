package graphsim

import (
	"strconv"
	"time"
	"unicode/utf8"
)

// jw is a tiny append-only JSON writer: fast enough to serve 999-user pages
// without reflection, and it keeps keys in the order Graph uses.
type jw struct {
	b        []byte
	comma    []bool // per open container: a member was written
	afterKey bool
}

func (w *jw) before() {
	if w.afterKey {
		w.afterKey = false
		return
	}
	if n := len(w.comma); n > 0 {
		if w.comma[n-1] {
			w.b = append(w.b, ',')
		}
		w.comma[n-1] = true
	}
}

func (w *jw) key(k string) {
	w.before()
	w.b = appendJSONString(w.b, k)
	w.b = append(w.b, ':')
	w.afterKey = true
}

func (w *jw) open(c byte) {
	w.before()
	w.b = append(w.b, c)
	w.comma = append(w.comma, false)
}

func (w *jw) close(c byte) {
	w.b = append(w.b, c)
	w.comma = w.comma[:len(w.comma)-1]
}

func (w *jw) obj()    { w.open('{') }
func (w *jw) endObj() { w.close('}') }
func (w *jw) arr()    { w.open('[') }
func (w *jw) endArr() { w.close(']') }

func (w *jw) str(v string) { w.before(); w.b = appendJSONString(w.b, v) }
func (w *jw) strOrNull(v string) {
	if v == "" {
		w.null()
		return
	}
	w.str(v)
}
func (w *jw) null()          { w.before(); w.b = append(w.b, "null"...) }
func (w *jw) boolean(v bool) { w.before(); w.b = strconv.AppendBool(w.b, v) }
func (w *jw) num(v int64)    { w.before(); w.b = strconv.AppendInt(w.b, v, 10) }
func (w *jw) raw(v []byte)   { w.before(); w.b = append(w.b, v...) }
func (w *jw) time(t time.Time) {
	if t.IsZero() {
		w.null()
		return
	}
	w.before()
	w.b = append(w.b, '"')
	w.b = t.UTC().AppendFormat(w.b, "2006-01-02T15:04:05Z")
	w.b = append(w.b, '"')
}
func (w *jw) strs(v []string) {
	w.arr()
	for _, s := range v {
		w.str(s)
	}
	w.endArr()
}

func (w *jw) kstr(k, v string)            { w.key(k); w.str(v) }
func (w *jw) kstrOrNull(k, v string)      { w.key(k); w.strOrNull(v) }
func (w *jw) kbool(k string, v bool)      { w.key(k); w.boolean(v) }
func (w *jw) knum(k string, v int64)      { w.key(k); w.num(v) }
func (w *jw) knull(k string)              { w.key(k); w.null() }
func (w *jw) ktime(k string, t time.Time) { w.key(k); w.time(t) }
func (w *jw) kstrs(k string, v []string)  { w.key(k); w.strs(v) }

const hexUpper = "0123456789abcdef"

func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexUpper[c>>4], hexUpper[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
