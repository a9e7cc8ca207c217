package text

import (
	"math/bits"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// A word is a run of letters or digits. Words are compared folded: case
// and accents removed, so "München" and "munchen" are the same word.

func IsWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// Token is one word of a text: its byte span in the original and its
// folded form.
type Token struct {
	Start, End int
	Folded     string
}

// Tokens splits s into words, keeping their positions so that a caller can
// highlight them in the original text.
func Tokens(s string) []Token {
	var toks []Token
	ForEachWord(s, func(start, end int) {
		toks = append(toks, Token{Start: start, End: end, Folded: Fold(s[start:end])})
	})
	return toks
}

// Words returns the folded words of s in order.
func Words(s string) []string {
	var words []string
	ForEachWord(s, func(start, end int) { words = append(words, Fold(s[start:end])) })
	return words
}

// CountWords counts the words of s without allocating.
func CountWords(s string) int {
	n := 0
	ForEachWord(s, func(int, int) { n++ })
	return n
}

// ForEachWord calls fn with the byte span of each word in s. Combining
// marks continue a word, so a decomposed "e\u0301" stays one word. Han,
// Hiragana, Katakana and Hangul are written without spaces between words,
// so a run of them is split into overlapping bigrams of characters, as
// Lucene's CJK analyzer does: "東京都" gives "東京" and "京都", and a
// phrase of those bigrams is the run. A run of one character is one word.
func ForEachWord(s string, fn func(start, end int)) { forEachToken(s, fn, nil) }

// ForEachTerm is ForEachWord plus, for each run of CJK characters longer
// than one, its last character as a word of its own, given to extra, so
// that a prefix of one character finds a run that ends in it too. The
// index wants these; a phrase or a highlight must not see them.
func ForEachTerm(s string, fn, extra func(start, end int)) { forEachToken(s, fn, extra) }

// cjkRun is the run of CJK characters being read: how many characters so
// far, where the one before the last starts, and where the last starts
// and ends.
type cjkRun struct{ n, prev, cur, curEnd int }

// end gives the run's last bigram, or its one character, and with extra
// its last character.
func (r *cjkRun) end(fn, extra func(start, end int)) {
	switch {
	case r.n == 1:
		fn(r.cur, r.curEnd)
	case r.n > 1:
		fn(r.prev, r.curEnd)
		if extra != nil {
			extra(r.cur, r.curEnd)
		}
	}
	r.n = 0
}

// forEachToken is ForEachWord, and ForEachTerm with extra.
func forEachToken(s string, fn, extra func(start, end int)) {
	start := -1 // of the plain word being read
	var run cjkRun
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if run.n > 0 {
				run.end(fn, extra)
			}
			// The rest of a run of ASCII word bytes, or of other ASCII
			// bytes, changes nothing: skip it whole.
			if asciiWord[c] {
				if start < 0 {
					start = i
				}
				i = asciiWordEnd(s, i+1)
			} else {
				if start >= 0 {
					fn(start, i)
					start = -1
				}
				i = asciiGapEnd(s, i+1)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case run.n > 0 && unicode.Is(unicode.Mn, r): // a mark on the last character
			run.curEnd = i + size
		case isCJK(r):
			if start >= 0 {
				fn(start, i)
				start = -1
			}
			if run.n > 1 {
				fn(run.prev, run.curEnd)
			}
			run.prev, run.cur, run.curEnd = run.cur, i, i+size
			run.n++
		case IsWordRune(r) || start >= 0 && unicode.Is(unicode.Mn, r):
			run.end(fn, extra)
			if start < 0 {
				start = i
			}
		default:
			run.end(fn, extra)
			if start >= 0 {
				fn(start, i)
				start = -1
			}
		}
		i += size
	}
	run.end(fn, extra)
	if start >= 0 {
		fn(start, len(s))
	}
}

// asciiWordEnd is the offset of the first byte of s at or after i that
// is not an ASCII letter or digit, or len(s): eight bytes at a time,
// since a word's end, at a length the branch predictor cannot guess, cost
// a misprediction a word in a loop of bytes.
func asciiWordEnd(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		if m := notASCIIWord(load64(s[i:])); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	for i < len(s) && asciiWordByte[s[i]] {
		i++
	}
	return i
}

// asciiGapEnd is the offset of the first byte of s at or after i that is
// not ASCII or is an ASCII letter or digit, or len(s).
func asciiGapEnd(s string, i int) int {
	for i < len(s) && asciiGapByte[s[i]] {
		i++
	}
	return i
}

// load64 is the first 8 bytes of s, little-endian, in one load.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// notASCIIWord has the top bit of each byte of x set that is not an
// ASCII letter or digit, and no other bit. For a byte b below 0x80,
// b + 0x80 - lo has its top bit set just when b >= lo, with no carry into
// the next byte.
func notASCIIWord(x uint64) uint64 {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	low := x &^ tops
	l := low | 0x20*ones // letters to lower case
	letter := (l + (0x80-'a')*ones) &^ (l + (0x7f-'z')*ones)
	digit := (low + (0x80-'0')*ones) &^ (low + (0x7f-'9')*ones)
	return ^((letter | digit) &^ x) & tops
}

// isCJK says whether r is of a script written without spaces between
// words: Han (with its iteration mark), Hiragana, Katakana (with the
// prolonged sound mark) or Hangul.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		r == '\u30fc' || r == '\u3005'
}

// asciiWord says which ASCII bytes are word characters: the fast path of
// ForEachWord, which meets mostly ASCII.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = IsWordRune(rune(c))
	}
	return t
}()

// asciiWordByte and asciiGapByte are asciiWord and its opposite over
// every byte, false for those of UTF-8 sequences.
var asciiWordByte, asciiGapByte = func() (w, g [256]bool) {
	for c := range utf8.RuneSelf {
		w[c], g[c] = asciiWord[c], !asciiWord[c]
	}
	return w, g
}()

// AppendFolded appends the folded form of the word w to buf without
// allocating when w is ASCII.
func AppendFolded(buf []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return append(buf, Fold(w)...)
		}
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// Fold lowers the case of a word and strips its accents, with full
// Unicode case folding: "Straße" folds to "strasse", "ΣΊΣΥΦΟΣ" and
// "σίσυφος" to the same word. The voicing marks of kana are not accents:
// "で" stays "で", not "て".
func Fold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(w)
	}
	folder := folders.Get().(cases.Caser)
	folded := folder.String(w)
	folders.Put(folder)
	var b strings.Builder
	b.Grow(len(folded))
	cjk := false // the last base character is CJK, whose marks are letters
	for _, r := range norm.NFD.String(folded) {
		if !unicode.Is(unicode.Mn, r) {
			cjk = isCJK(r)
		} else if !cjk {
			continue // an accent
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// folders holds case folders: a Caser keeps state between calls, so each
// goroutine needs its own, and the loader folds on every core.
var folders = sync.Pool{New: func() any { return cases.Fold() }}
