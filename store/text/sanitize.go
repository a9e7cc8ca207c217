package text

import (
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Text from files reaches a terminal, where a stray ESC, an OSC 52 clipboard
// write or a C1 CSI would be obeyed rather than shown. The sanitisers turn
// every such character into something visible and inert, so a hostile file
// can neither drive the terminal nor hide what it contains.

// Sanitize makes multi-line text safe to print. It keeps '\n', turns a tab
// into four spaces, shows each other C0 control and DEL as its Unicode
// control picture (ESC as '␛'), and replaces C1 controls, invalid UTF-8 and
// the bidi controls (see IsBidiControl), which can make text read
// backwards, with U+FFFD. Text that needs no change is returned as is, without
// allocating.
func Sanitize(s string) string { return sanitize(s, false) }

// SanitizeLine is Sanitize for one-line fields such as headlines and paths:
// '\n', '\r' and '\t' each become a single space, so the result never
// breaks a row of a list.
func SanitizeLine(s string) string { return sanitize(s, true) }

// LineSafe says whether SanitizeLine would leave b as it is.
func LineSafe(b []byte) bool {
	return firstUnsafe(unsafe.String(unsafe.SliceData(b), len(b)), true) < 0
}

const (
	controlPictures = 0x2400 // U+2400 + c is the picture of C0 control c
	delPicture      = 0x2421 // '␡'
)

func sanitize(s string, line bool) string {
	i := firstUnsafe(s, line)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 0x20 && c < 0x7f:
				b.WriteByte(c)
			case c == '\n' && !line:
				b.WriteByte('\n')
			case line && (c == '\n' || c == '\r' || c == '\t'):
				b.WriteByte(' ')
			case c == '\t':
				b.WriteString("    ")
			case c == 0x7f:
				b.WriteRune(delPicture)
			default:
				b.WriteRune(controlPictures + rune(c))
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unsafeRune(r, size) {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// firstUnsafe returns the byte offset of the first byte the sanitiser must
// change, or -1.
func firstUnsafe(s string, line bool) int {
	for i := 0; i < len(s); {
		if i+8 <= len(s) && printableASCII8(load64(s[i:])) {
			i += 8
			continue
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 || c == 0x7f) && (line || c != '\n') {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unsafeRune(r, size) {
			return i
		}
		i += size
	}
	return -1
}

// printableASCII8 says whether each of the 8 bytes of x is printable
// ASCII, 0x20 to 0x7e: none is a control, DEL, or part of a longer UTF-8
// sequence, so none needs a second look from a sanitiser. For a byte b
// below 0x80, b + 0x60 has its top bit set just when b >= 0x20, and
// b + 0x01 just when b is 0x7f, with no carry into the next byte.
func printableASCII8(x uint64) bool {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	return x&tops == 0 && (x+0x60*ones)&^(x+ones)&tops == tops
}

// unsafeRune reports whether a non-ASCII rune decoded with the given size
// must be replaced.
func unsafeRune(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size == 1: // invalid UTF-8
		return true
	case r >= 0x80 && r <= 0x9f: // C1 controls
		return true
	case IsBidiControl(r):
		return true
	}
	return false
}

// IsBidiControl reports whether r is one of the bidi embeddings, overrides
// or isolates (U+202A–U+202E, U+2066–U+2069), which reorder the text after
// them and so can make a line read other than it is. The marks (U+200E,
// U+200F) change no order but their own and are kept.
func IsBidiControl(r rune) bool {
	return r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069'
}
