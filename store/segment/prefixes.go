package segment

import (
	"strings"
	"unicode/utf8"
)

// A prefix of one or two characters spans thousands of words, and it is
// what every word of a filter begins as while it is typed: ORing all
// their lists reads most of the postings. So a segment also stores, as
// one roaring set, the docs of every first character of its terms, and
// of the first two characters where walking their words would read many
// lists or many entries (twoLetter says how many); OrInto of such a
// prefix reads that set alone. See doc.go for what they cost.
//
// A key is one or two characters of a term, each valid UTF-8 and not
// NUL: a term starts with a key's bytes exactly when its first
// characters are the key, which is what makes a stored set the same
// answer as the walk. A term whose first character is not valid UTF-8
// is in no set, and a query of such bytes walks, as it always did.

// twoLetter is the rule for storing a two-character prefix's sets: when
// at least words terms start with it, or their lists (headline or body,
// and headline) take at least denseBytes bytes a doc: 1 is as much as
// eight lists of every doc. What a segment holds decides, not what it was
// made from, so Merge stores what Write would. A test may change it.
var twoLetter = struct{ words, denseBytes uint64 }{256, 1}

// prefixKeys returns a term's keys: its first character, and its first
// two ("" where it has no such key).
func prefixKeys(term string) (one, two string) {
	n := 0
	for k := range 2 {
		r, size := utf8.DecodeRuneInString(term[n:])
		if size == 0 || r == 0 || r == utf8.RuneError && size == 1 {
			return one, two
		}
		n += size
		if k == 0 {
			one = term[:n]
		} else {
			two = term[:n]
		}
	}
	return one, two
}

// isKey says whether w could be a stored prefix.
func isKey(w string) bool {
	one, two := prefixKeys(w)
	return w != "" && (w == one || w == two)
}

// storeTwo applies twoLetter to a prefix of a segment of ndocs docs.
func storeTwo(words, bytes uint64, ndocs uint32) bool {
	return words >= twoLetter.words || bytes >= twoLetter.denseBytes*uint64(ndocs)
}

// prefixRow returns row i of the prefix table; i must be below nprefixes.
func (s *Segment) prefixRow(i int) []byte {
	off := i * prefixSize
	return s.prefixes[off : off+prefixSize : off+prefixSize]
}

// rowKey is a prefix row's key, aliasing the mapping.
func rowKey(r []byte) string {
	k := r[:8]
	n := 0
	for n < len(k) && k[n] != 0 {
		n++
	}
	return aliasString(k[:n])
}

// prefixSet returns the stored set of w, of the headline alone when title
// is set, and whether w has one: nil, true when w's words are in no
// headline. A set out of its section reads as nil.
func (s *Segment) prefixSet(w string, title bool) ([]byte, bool) {
	if !isKey(w) {
		return nil, false
	}
	lo, hi := 0, len(s.prefixes)/prefixSize
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if rowKey(s.prefixRow(m)) < w {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == len(s.prefixes)/prefixSize || rowKey(s.prefixRow(lo)) != w {
		return nil, false
	}
	r := s.prefixRow(lo)
	off, all := le.Uint64(r[8:]), uint64(le.Uint32(r[16:]))
	if title {
		return span(s.prefixSets, off+all, uint64(le.Uint32(r[20:]))), true
	}
	return span(s.prefixSets, off, all), true
}

// eachPrefixList calls fn with p's stored set, of the headline alone
// when title is set, or else with the list of each word starting with p.
func (s *Segment) eachPrefixList(p string, title bool, fn func(list []byte)) {
	if set, ok := s.prefixSet(p, title); ok {
		fn(set)
		return
	}
	for c, ok := s.seek(p); ok && strings.HasPrefix(string(c.term()), p); ok = c.next() {
		if title {
			fn(c.title)
		} else {
			fn(c.all)
		}
	}
}
