package article

import (
	"encoding/json"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

// ---- a dataset's records, read fast ---------------------------------------

// readObject reads rec as one JSON object and nothing after it but white
// space, into what encoding/json's Decoder, with UseNumber, makes of it
// in a map[string]any: strings, json.Numbers, bools, nils, []any and
// map[string]any, a later duplicate key winning. It reads a record of a
// dataset in one pass, where encoding/json scans it twice and then
// builds it by reflection, a third of a JSON Lines load. ok is false for
// anything else (not an object, not JSON, nested deeper than it goes),
// which the caller gives to encoding/json for its answer and its error,
// so that what is read is never different.
func readObject(rec []byte) (obj map[string]any, ok bool) {
	buf := unquoteBufs.Get().(*[]byte)
	r := objReader{b: rec, buf: (*buf)[:0]}
	defer func() {
		*buf = r.buf[:0]
		unquoteBufs.Put(buf)
	}()
	r.space()
	if r.i >= len(r.b) || r.b[r.i] != '{' {
		return nil, false
	}
	obj, ok = r.object()
	r.space()
	if !ok || r.i != len(r.b) {
		return nil, false
	}
	return obj, true
}

// unquoteBufs hold objReader's bufs between records: a record's text is
// unquoted into one, then copied out.
var unquoteBufs = sync.Pool{New: func() any { return new([]byte) }}

// objReader reads JSON from b, at i.
type objReader struct {
	b     []byte
	i     int
	depth int    // of the arrays and objects open
	buf   []byte // a string with escapes, unquoted
}

// maxObjDepth is how deeply readObject follows arrays and objects; a
// record's fields are rarely more than two deep.
const maxObjDepth = 32

// space skips JSON's white space.
func (r *objReader) space() {
	for r.i < len(r.b) {
		switch r.b[r.i] {
		case ' ', '\t', '\n', '\r':
			r.i++
		default:
			return
		}
	}
}

// next skips white space and says whether the byte after it is c, and
// if so takes it.
func (r *objReader) next(c byte) bool {
	r.space()
	if r.i < len(r.b) && r.b[r.i] == c {
		r.i++
		return true
	}
	return false
}

// object reads an object, at its '{'.
func (r *objReader) object() (map[string]any, bool) {
	if r.depth++; r.depth > maxObjDepth {
		return nil, false
	}
	r.i++
	obj := map[string]any{}
	if r.next('}') {
		r.depth--
		return obj, true
	}
	for {
		r.space()
		if r.i >= len(r.b) || r.b[r.i] != '"' {
			return nil, false
		}
		k, ok := r.str()
		if !ok || !r.next(':') {
			return nil, false
		}
		if obj[k], ok = r.value(); !ok {
			return nil, false
		}
		if r.next('}') {
			r.depth--
			return obj, true
		}
		if !r.next(',') {
			return nil, false
		}
	}
}

// array reads an array, at its '['.
func (r *objReader) array() ([]any, bool) {
	if r.depth++; r.depth > maxObjDepth {
		return nil, false
	}
	r.i++
	a := []any{}
	if r.next(']') {
		r.depth--
		return a, true
	}
	for {
		v, ok := r.value()
		if !ok {
			return nil, false
		}
		a = append(a, v)
		if r.next(']') {
			r.depth--
			return a, true
		}
		if !r.next(',') {
			return nil, false
		}
	}
}

// value reads any value, after white space.
func (r *objReader) value() (any, bool) {
	r.space()
	if r.i >= len(r.b) {
		return nil, false
	}
	switch c := r.b[r.i]; {
	case c == '"':
		return r.str()
	case c == '{':
		return r.object()
	case c == '[':
		return r.array()
	case c == '-' || '0' <= c && c <= '9':
		return r.number()
	}
	for _, lit := range [...]struct {
		word string
		v    any
	}{{"true", true}, {"false", false}, {"null", nil}} {
		if len(r.b)-r.i >= len(lit.word) && string(r.b[r.i:r.i+len(lit.word)]) == lit.word {
			r.i += len(lit.word)
			return lit.v, true
		}
	}
	return nil, false
}

// number reads a number as JSON writes it, kept as its text.
func (r *objReader) number() (json.Number, bool) {
	start := r.i
	r.take('-')
	switch {
	case r.take('0'):
	case r.digits() == 0:
		return "", false
	}
	if r.take('.') && r.digits() == 0 {
		return "", false
	}
	if r.take('e') || r.take('E') {
		if !r.take('+') {
			r.take('-')
		}
		if r.digits() == 0 {
			return "", false
		}
	}
	return json.Number(r.b[start:r.i]), true
}

// take takes the next byte if it is c.
func (r *objReader) take(c byte) bool {
	if r.i < len(r.b) && r.b[r.i] == c {
		r.i++
		return true
	}
	return false
}

// digits takes the decimal digits that follow and says how many.
func (r *objReader) digits() int {
	start := r.i
	for r.i < len(r.b) && '0' <= r.b[r.i] && r.b[r.i] <= '9' {
		r.i++
	}
	return r.i - start
}

// str reads a string, at its '"'. One of plain ASCII is its bytes; any
// other is unquoted as encoding/json unquotes it.
func (r *objReader) str() (string, bool) {
	start := r.i + 1
	i := start
	for i < len(r.b) && plainJSON[r.b[i]] {
		i++
	}
	if i < len(r.b) && r.b[i] == '"' {
		r.i = i + 1
		return string(r.b[start:i]), true
	}
	if cap(r.buf) < len(r.b)-start {
		// Room for the rest of the record, which this string is most
		// of: the text, with a newline escaped a paragraph.
		r.buf = make([]byte, 0, len(r.b)-start)
	}
	r.buf = append(r.buf[:0], r.b[start:i]...)
	r.i = i
	return r.unquote()
}

// unquote reads the rest of a string into r.buf: escapes decoded, and
// each byte that is not of valid UTF-8 read as U+FFFD, as encoding/json
// reads them.
func (r *objReader) unquote() (string, bool) {
	for r.i < len(r.b) {
		j := r.i
		for j < len(r.b) && plainJSON[r.b[j]] {
			j++
		}
		r.buf = append(r.buf, r.b[r.i:j]...)
		r.i = j
		if j == len(r.b) {
			break
		}
		switch c := r.b[j]; {
		case c == '"':
			r.i++
			return string(r.buf), true
		case c < ' ':
			return "", false
		case c == '\\':
			if !r.escape() {
				return "", false
			}
		default:
			rr, size := utf8.DecodeRune(r.b[r.i:])
			r.buf = utf8.AppendRune(r.buf, rr)
			r.i += size
		}
	}
	return "", false
}

// plainJSON says which bytes stand for themselves in a JSON string: ASCII
// but for controls, '"' and '\\'.
var plainJSON = func() (t [256]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// escape decodes the escape at r.i into r.buf. A \u escape of half a
// surrogate pair not followed by the other half is U+FFFD.
func (r *objReader) escape() bool {
	if r.i+1 >= len(r.b) {
		return false
	}
	if c := unescape1(r.b[r.i+1]); c != 0 {
		r.buf = append(r.buf, c)
		r.i += 2
		return true
	}
	rr := hex4(r.b[r.i:])
	if rr < 0 {
		return false
	}
	r.i += 6
	if utf16.IsSurrogate(rr) {
		rr = utf16.DecodeRune(rr, hex4(r.b[r.i:])) // U+FFFD unless a pair
		if rr != utf8.RuneError {
			r.i += 6
		}
	}
	r.buf = utf8.AppendRune(r.buf, rr)
	return true
}

// unescape1 is what the one-letter escape \c stands for, or 0.
func unescape1(c byte) byte {
	switch c {
	case '"', '\\', '/':
		return c
	case 'b':
		return '\b'
	case 'f':
		return '\f'
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	}
	return 0
}

// hex4 is the character of the \u escape that b starts with, or -1.
func hex4(b []byte) rune {
	if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range b[2:6] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}
