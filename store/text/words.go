package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

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
// marks continue a word, so a decomposed "e\u0301" stays one word.
func ForEachWord(s string, fn func(start, end int)) {
	start := -1
	for i := 0; i < len(s); {
		c := s[i]
		var in bool
		size := 1
		if c < utf8.RuneSelf {
			in = asciiWord[c]
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			in = IsWordRune(r) || (start >= 0 && unicode.Is(unicode.Mn, r))
		}
		if in && start < 0 {
			start = i
		} else if !in && start >= 0 {
			fn(start, i)
			start = -1
		}
		i += size
	}
	if start >= 0 {
		fn(start, len(s))
	}
}

// asciiWord says which ASCII bytes are word characters: the fast path of
// ForEachWord, which meets mostly ASCII.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = IsWordRune(rune(c))
	}
	return t
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

// Fold lowers the case of a word and strips its accents.
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
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range norm.NFD.String(w) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return norm.NFC.String(b.String())
}
