package store

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/store/article"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// The property tests' reading of the word rules, written apart from
// store/text: a word is a run of letters or digits, with the combining
// marks of decomposed accents kept inside it; a run of CJK characters
// gives its overlapping bigrams, and the index also knows its last
// character; case is folded in full and accents dropped, but not the
// voicing marks of kana.

// bruteWordRE is the spec's word, before CJK runs are split out of it.
var bruteWordRE = regexp.MustCompile(`[\p{L}\p{Nd}][\p{L}\p{Nd}\p{Mn}]*`)

// bruteCJKRE says whether a character is of a script written without
// spaces.
var bruteCJKRE = regexp.MustCompile(`^[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\x{30FC}\x{3005}]`)

// bruteFold folds the case in full and strips accents, but not the marks
// on CJK characters.
func bruteFold(w string) string {
	var b strings.Builder
	keep := false
	for _, r := range norm.NFD.String(cases.Fold().String(w)) {
		if !unicode.Is(unicode.Mn, r) {
			keep = bruteCJKRE.MatchString(string(r))
		} else if !keep {
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// bruteToken is a word of a text with its span, as the brute force sees
// it.
type bruteToken struct {
	span   [2]int
	folded string
	extra  bool // a CJK run's last character, for the index alone
}

// bruteTokensOf splits s into its words, and with extras the last
// characters of CJK runs too.
func bruteTokensOf(s string, extras bool) []bruteToken {
	var out []bruteToken
	add := func(start, end int, extra bool) {
		out = append(out, bruteToken{[2]int{start, end}, bruteFold(s[start:end]), extra})
	}
	for _, loc := range bruteWordRE.FindAllStringIndex(s, -1) {
		// Characters (a base and its marks), then pieces of one kind.
		var chars [][2]int
		for i := loc[0]; i < loc[1]; {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.Is(unicode.Mn, r) && len(chars) > 0 {
				chars[len(chars)-1][1] = i + size
			} else {
				chars = append(chars, [2]int{i, i + size})
			}
			i += size
		}
		cjk := func(c [2]int) bool { return bruteCJKRE.MatchString(s[c[0]:c[1]]) }
		for i := 0; i < len(chars); {
			j := i + 1
			for j < len(chars) && cjk(chars[j]) == cjk(chars[i]) {
				j++
			}
			switch {
			case !cjk(chars[i]) || j-i == 1:
				add(chars[i][0], chars[j-1][1], false)
			default:
				for k := i; k+1 < j; k++ {
					add(chars[k][0], chars[k+1][1], false)
				}
				if extras {
					add(chars[j-1][0], chars[j-1][1], true)
				}
			}
			i = j
		}
	}
	return out
}

func bruteTokens(s string) []bruteToken { return bruteTokensOf(s, false) }

func bruteWords(s string) []string {
	var out []string
	for _, t := range bruteTokens(s) {
		out = append(out, t.folded)
	}
	return out
}

// bruteGroups splits what a query's words look for into groups: one word,
// or the bigrams of one CJK run, which must stand together as a phrase.
func bruteGroups(s string) [][]string {
	var groups [][]string
	prevEnd := -1
	for _, t := range bruteTokens(s) {
		if n := len(groups); n > 0 && t.span[0] < prevEnd {
			groups[n-1] = append(groups[n-1], t.folded)
		} else {
			groups = append(groups, []string{t.folded})
		}
		prevEnd = t.span[1]
	}
	return groups
}

// bruteText is an article as the brute force reads it.
type bruteText struct {
	head, body   []string // words, for phrases
	terms, title []string // words and run ends, for single words
}

func newBruteText(a *article.Article) *bruteText {
	d := &bruteText{head: bruteWords(a.Headline), body: bruteWords(a.Body)}
	for _, t := range bruteTokensOf(a.Headline, true) {
		d.title = append(d.title, t.folded)
	}
	d.terms = append(d.terms, d.title...)
	for _, t := range bruteTokensOf(a.Body, true) {
		d.terms = append(d.terms, t.folded)
	}
	return d
}

func bruteMatch(w, q string, prefix bool) bool { return w == q || prefix && strings.HasPrefix(w, q) }

// has says whether the text holds a group: its one word anywhere, or its
// words adjacent and in order; prefix lets the last word be the start of
// a longer one; inTitle looks in the headline alone.
func (d *bruteText) has(g []string, prefix, inTitle bool) bool {
	if len(g) == 1 {
		ws := d.terms
		if inTitle {
			ws = d.title
		}
		for _, w := range ws {
			if bruteMatch(w, g[0], prefix) {
				return true
			}
		}
		return false
	}
	return brutePhrase(d.head, g, prefix) || !inTitle && brutePhrase(d.body, g, prefix)
}

// brutePhrase says whether ws holds q's words adjacent and in order.
func brutePhrase(ws, q []string, prefix bool) bool {
	for i := 0; i+len(q) <= len(ws); i++ {
		ok := true
		for j := range q {
			if !bruteMatch(ws[i+j], q[j], prefix && j == len(q)-1) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
