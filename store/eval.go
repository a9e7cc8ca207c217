package store

import (
	"math/bits"
	"strings"

	"github.com/broadsheet/broadsheet/store/text"
)

// eval returns the docs that node n accepts. The caller holds the read
// lock.
func (l *Library) eval(n *node, opt SearchOptions) bitset {
	ndocs := len(l.docs)
	switch n.kind {
	case nWords:
		var set bitset
		for i, w := range n.words {
			cur := l.idx.wordSet(w, n.prefix && i == len(n.words)-1, n.title, ndocs)
			if set == nil {
				set = cur
			} else {
				set.and(cur)
			}
		}
		return set
	case nPhrase:
		cand := l.eval(&node{kind: nWords, words: n.words, prefix: n.prefix, title: n.title}, opt)
		for i, w := range cand {
			if i%64 == 0 && opt.Stale != nil && opt.Stale() {
				return newBitset(ndocs) // superseded: the result is not wanted
			}
			for ; w != 0; w &= w - 1 {
				doc := uint32(i*64 + bits.TrailingZeros64(w))
				if !l.hasPhrase(doc, n) {
					cand[i] &^= 1 << (doc & 63)
				}
			}
		}
		return cand
	case nFolder:
		set := newBitset(ndocs)
		for doc, a := range l.docs {
			f := foldPath(a.Folder)
			if f == n.folder || strings.HasPrefix(f, n.folder+"/") {
				set.set(uint32(doc))
			}
		}
		return set
	case nDate:
		set := newBitset(ndocs)
		for doc, a := range l.docs {
			// Only the article's own date counts: a file's is not its.
			if a.Undated || a.DateFromFile {
				continue
			}
			d := a.Date
			if (n.from.IsZero() || !d.Before(n.from)) && (n.to.IsZero() || d.Before(n.to)) {
				set.set(uint32(doc))
			}
		}
		return set
	case nIs:
		set := newBitset(ndocs)
		for doc, a := range l.docs {
			var ok bool
			switch n.is {
			case "bookmarked":
				ok = opt.Bookmarked != nil && opt.Bookmarked(a.ID)
			case "unread":
				ok = opt.Read == nil || !opt.Read(a.ID)
			}
			if ok {
				set.set(uint32(doc))
			}
		}
		return set
	case nNot:
		set := l.eval(n.kids[0], opt)
		set.not(ndocs)
		return set
	case nAnd, nOr:
		set := l.eval(n.kids[0], opt)
		for _, k := range n.kids[1:] {
			if n.kind == nAnd {
				set.and(l.eval(k, opt))
			} else {
				set.or(l.eval(k, opt))
			}
		}
		return set
	}
	return newBitset(ndocs)
}

// hasPhrase says whether doc holds n's words adjacent and in order, in its
// headline or (unless n is for titles) in its body, which it reads from
// disk when the library does not keep it.
func (l *Library) hasPhrase(doc uint32, n *node) bool {
	a := l.docs[doc]
	if phraseIn(a.Headline, n.words, n.prefix) {
		return true
	}
	if n.title {
		return false
	}
	body := a.Body
	if body == "" && a.root != nil {
		full, err := readArticle(a.root, a.name)
		if err != nil {
			return false
		}
		body = full.Body
	}
	return phraseIn(body, n.words, n.prefix)
}

// phraseIn says whether doc holds words adjacent and in order, the last
// one as a prefix when prefix is set.
func phraseIn(doc string, words []string, prefix bool) bool {
	var run []string // the last len(words) folded words of doc
	found := false
	text.ForEachWord(doc, func(s, e int) {
		if found {
			return
		}
		if len(run) == len(words) {
			run = run[1:]
		}
		run = append(run, text.Fold(doc[s:e]))
		if len(run) < len(words) {
			return
		}
		for i, w := range words {
			got := run[i]
			if got != w && !(prefix && i == len(words)-1 && strings.HasPrefix(got, w)) {
				return
			}
		}
		found = true
	})

	return found
}
