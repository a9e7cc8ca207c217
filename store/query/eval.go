package query

import (
	"math/bits"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/store/index"
	"github.com/broadsheet/broadsheet/store/text"
)

// Source is what a query is evaluated over: docs numbered from 0, the
// index of their words, and what the fields ask of each doc. A library
// answers it under its lock; tests answer it with a few docs by hand.
type Source interface {
	// Len is how many docs there are, live or not.
	Len() int
	// Words returns the docs holding w: in headlines alone when title,
	// or a word starting with w when prefix.
	Words(w string, prefix, title bool) index.Bitset
	// Folder is doc's folder below its root, as shown.
	Folder(doc uint32) string
	// Date is doc's own date; ok is false for a doc dated by its file, or
	// not at all.
	Date(doc uint32) (d time.Time, ok bool)
	// Is answers is:bookmarked and is:unread.
	Is(doc uint32, what string) bool
	// Tags, Author and Site answer tag:, author: and site:: the doc's tags,
	// its author, and its site's name and URL, as shown. They may alias
	// the Source's storage: good during the evaluation, never kept.
	Tags(doc uint32) []string
	Author(doc uint32) string
	Site(doc uint32) (name, url string)
	// Note is the note the user wrote on doc, "" for none: note:.
	Note(doc uint32) string
}

// Texts gives a phrase check the words of a doc: its headline, and its
// body, which may be read from disk and so is asked for only when the
// headline does not hold the phrase.
type Texts interface {
	Headline(doc uint32) string
	// Body calls fn with doc's body, good only during the call, and
	// says what fn said: a body read from a file may be in a buffer
	// that the next read reuses.
	Body(doc uint32, fn func(body string) bool) bool
	// Pairs is doc's filter of adjacent words (index.PairFilter), asked
	// before either text is read; nil lets every phrase through.
	Pairs(doc uint32) []byte
}

// Match is a query evaluated over a Source, with each phrase matched on
// its words alone so far. Check then reads the texts of a phrase's
// candidates, which needs none of the Source's locks, and Result combines
// the parts.
type Match struct {
	q      Query
	ndocs  int
	leaves map[*node]index.Bitset
}

// Eval evaluates q over src. The caller holds whatever lock src needs,
// and may let it go once Eval returns.
func (q Query) Eval(src Source) *Match {
	m := &Match{q: q, ndocs: src.Len(), leaves: map[*node]index.Bitset{}}
	m.leaf(q.root, src)
	return m
}

// leaf works out the doc set of every leaf below n.
func (m *Match) leaf(n *node, src Source) {
	if n == nil {
		return
	}
	switch n.kind {
	case nWords, nPhrase:
		m.leaves[n] = wordsSet(src, n)
	case nFolder:
		m.leaves[n] = m.each(func(doc uint32) bool {
			f := foldPath(src.Folder(doc))
			return f == n.folder || strings.HasPrefix(f, n.folder+"/")
		})
	case nDate:
		m.leaves[n] = m.each(func(doc uint32) bool {
			d, ok := src.Date(doc)
			return ok && (n.from.IsZero() || !d.Before(n.from)) && (n.to.IsZero() || d.Before(n.to))
		})
	case nIs:
		m.leaves[n] = m.each(func(doc uint32) bool { return src.Is(doc, n.is) })
	case nField:
		m.leaves[n] = m.each(func(doc uint32) bool { return fieldMatches(src, doc, n) })
	}
	for _, k := range n.kids {
		m.leaf(k, src)
	}
}

// wordsSet is the docs holding every word of n.
func wordsSet(src Source, n *node) index.Bitset {
	var set index.Bitset
	for i, w := range n.words {
		cur := src.Words(w, n.prefix && i == len(n.words)-1, n.title)
		if set == nil {
			set = cur
		} else {
			set.And(cur)
		}
	}
	return set
}

// each is the set of docs that ok accepts.
func (m *Match) each(ok func(doc uint32) bool) index.Bitset {
	set := index.NewBitset(m.ndocs)
	for doc := range uint32(m.ndocs) {
		if ok(doc) {
			set.Set(doc)
		}
	}
	return set
}

// Phrases says whether the query has phrases for Check to read.
func (m *Match) Phrases() bool {
	for n := range m.leaves {
		if n.kind == nPhrase {
			return true
		}
	}
	return false
}

// Check keeps, of each phrase's candidates, those that hold its words
// adjacent and in order. It asks stale, when set, now and then: once it
// says true the check gives up and reports false, its result unwanted.
// Texts are read on every core at once.
func (m *Match) Check(texts Texts, stale func() bool) bool {
	for n, cand := range m.leaves {
		if n.kind == nPhrase && !checkPhrase(texts, n, cand, stale) {
			return false
		}
	}
	return true
}

// checkPhrase clears the candidates of phrase n that do not hold it. Each
// check may read a file, so workers on every core take the candidates
// 64 docs (a word of cand) at a time, a word being one worker's alone.
func checkPhrase(texts Texts, n *node, cand index.Bitset, stale func() bool) bool {
	pairs := index.PhrasePairs(n.words, n.prefix)
	var next atomic.Int64
	var gaveUp atomic.Bool
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for !gaveUp.Load() {
				i := int(next.Add(1) - 1)
				if i >= len(cand) {
					return
				}
				if i%64 == 0 && stale != nil && stale() {
					gaveUp.Store(true)
					return
				}
				for w := cand[i]; w != 0; w &= w - 1 {
					doc := uint32(i*64 + bits.TrailingZeros64(w))
					if !index.MayHoldPairs(texts.Pairs(doc), pairs) || !hasPhrase(texts, doc, n) {
						cand[i] &^= 1 << (doc & 63)
					}
				}
			}
		})
	}
	wg.Wait()
	return !gaveUp.Load()
}

// Result is the docs the query accepts, nil for a query that accepts
// everything.
func (m *Match) Result() index.Bitset {
	if m.q.root == nil {
		return nil
	}
	return m.combine(m.q.root)
}

func (m *Match) combine(n *node) index.Bitset {
	switch n.kind {
	case nNot:
		set := m.combine(n.kids[0])
		set.Not(m.ndocs)
		return set
	case nAnd, nOr:
		set := m.combine(n.kids[0])
		for _, k := range n.kids[1:] {
			if n.kind == nAnd {
				set.And(m.combine(k))
			} else {
				set.Or(m.combine(k))
			}
		}
		return set
	}
	if set, ok := m.leaves[n]; ok {
		return set.Clone()
	}
	return index.NewBitset(m.ndocs)
}

// hasPhrase says whether doc holds n's words adjacent and in order, in its
// headline or (unless n is for titles) in its body.
func hasPhrase(texts Texts, doc uint32, n *node) bool {
	if phraseIn(texts.Headline(doc), n.words, n.prefix) {
		return true
	}
	return !n.title && texts.Body(doc, func(body string) bool { return phraseIn(body, n.words, n.prefix) })
}

// phraseIn says whether doc holds words adjacent and in order, the last
// one as a prefix when prefix is set. Each word of doc is compared with
// the phrase's last where it stands, and only where they agree are the
// words before it compared: folding every word of every candidate into a
// buffer was a third of a phrase check over thousands of bodies.
func phraseIn(doc string, words []string, prefix bool) bool {
	k := len(words)
	spans := make([][2]int, k) // word j of doc is at j%k
	var buf []byte
	seen, found := 0, false
	text.ForEachWord(doc, func(s, e int) {
		if found {
			return
		}
		spans[seen%k] = [2]int{s, e}
		if seen++; seen < k || !wordIs(doc[s:e], words[k-1], prefix, &buf) {
			return
		}
		for i, w := range words[:k-1] {
			sp := spans[(seen-k+i)%k]
			if !wordIs(doc[sp[0]:sp[1]], w, false, &buf) {
				return
			}
		}
		found = true
	})
	return found
}

// wordIs says whether word folds to w (text.AppendFolded), or to a word
// starting with w when prefix is set; w is folded and not empty. A word
// all ASCII is compared byte by byte, its case folded on the way; any
// other is folded into buf first. Folding keeps a leading ASCII byte, in
// lower case (accents that follow it are stripped), so most words are
// told apart by their first byte alone.
func wordIs(word, w string, prefix bool, buf *[]byte) bool {
	if c := word[0]; c < utf8.RuneSelf && lowerASCII(c) != w[0] {
		return false
	}
	for i := 0; i < len(word); i++ {
		if word[i] >= utf8.RuneSelf {
			*buf = text.AppendFolded((*buf)[:0], word)
			got := *buf
			return string(got) == w || prefix && len(got) >= len(w) && string(got[:len(w)]) == w
		}
	}
	if len(word) != len(w) && !(prefix && len(word) > len(w)) {
		return false
	}
	for i := 0; i < len(w); i++ {
		if lowerASCII(word[i]) != w[i] {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// fieldMatches answers tag:, author: and site: for one doc.
func fieldMatches(src Source, doc uint32, n *node) bool {
	switch n.field {
	case "tag":
		for _, t := range src.Tags(doc) {
			if strings.Join(text.Words(t), " ") == n.value {
				return true
			}
		}
	case "author":
		return containsWords(text.Words(src.Author(doc)), strings.Fields(n.value))
	case "note":
		note := src.Note(doc)
		return note != "" && containsWords(text.Words(note), strings.Fields(n.value))
	case "site":
		name, link := src.Site(doc)
		if host := hostOf(link); host != "" {
			if host == n.value || strings.HasSuffix(host, "."+n.value) || slices.Contains(strings.Split(host, "."), n.value) {
				return true
			}
		}
		return containsWords(text.Words(name), text.Words(n.value))
	}
	return false
}

// containsWords says whether want's words stand in have, in order and
// together.
func containsWords(have, want []string) bool {
	for i := 0; len(want) > 0 && i+len(want) <= len(have); i++ {
		if slices.Equal(have[i:i+len(want)], want) {
			return true
		}
	}
	return false
}

// hostOf is a URL's host, folded, without "www.".
func hostOf(link string) string {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.TrimPrefix(text.Fold(u.Hostname()), "www.")
}
