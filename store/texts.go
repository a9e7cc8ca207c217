package store

import (
	"slices"
	"sync"
	"sync/atomic"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/scan"
)

// The texts a phrase check reads (query.Texts), and the pages of the
// filters it lets go as it passes them.

// texts are the library's texts as they stand, for a phrase check. Its
// caller holds the read lock.
func (l *Library) texts() *docTexts {
	return &docTexts{segDocs: l.segDocs, segs: slices.Clone(l.segs), made: l.made, tail: l.docs, tailPairs: l.pairs, log: &l.log, roots: l.roots}
}

// docTexts are the texts of a phrase's candidates, by doc number, as the
// library held them when the check began: a segment's doc is read from
// its row in place, unless an article was made of it (one whose file
// moved), and no article is built for a candidate, which at a million
// articles took half a gigabyte for a phrase of common words. A body the
// library dropped is read from disk again, into buffers that the workers
// of a check take turns with.
type docTexts struct {
	segDocs   uint32
	segs      []segPart
	made      madeTable
	tail      []*article.Article
	tailPairs []pairRef
	log       *pairLog
	roots     []article.Root
	bufs      sync.Pool    // of *scan.Buffers
	reads     atomic.Int64 // bodies read from disk, for a test
	stripe    atomic.Uint32
}

// pairStripe is how many docs' filters a check reads before it lets go
// of the pages of those it has passed: 14 MB of them at a million. The
// workers take the candidates in order, a few words of 64 apart, so
// stripe k of docs is read only once one of them has reached stripe k,
// and then those before k-1 are behind them all.
const pairStripe = 1 << 16

// passed notes that a worker has reached doc, and lets go of the filters
// of the stripes it has left behind that no worker had left before.
func (t *docTexts) passed(doc uint32) {
	k := doc / pairStripe
	if old := t.stripe.Load(); k > old && t.stripe.CompareAndSwap(old, k) {
		t.releasePairs(t.behind(old), t.behind(k))
	}
}

// behind is the first doc not behind every worker once one reaches
// stripe k.
func (t *docTexts) behind(k uint32) uint32 {
	return uint32(min(uint64(max(k, 1)-1)*pairStripe, uint64(t.segDocs)))
}

// releasePairs lets go of the pages of the filters of segment docs lo up
// to hi.
func (t *docTexts) releasePairs(lo, hi uint32) {
	for k := range t.segs {
		p := &t.segs[k]
		end := t.segDocs
		if k+1 < len(t.segs) {
			end = t.segs[k+1].base
		}
		if from, to := max(lo, p.base), min(hi, end); from < to {
			p.seg.ReleasePairs(from-p.base, to-p.base)
		}
	}
}

// article is doc's article, if the library holds one: nil for a row.
func (t *docTexts) article(doc uint32) *article.Article {
	if doc >= t.segDocs {
		return t.tail[doc-t.segDocs]
	}
	return t.made.load(doc)
}

func (t *docTexts) Headline(doc uint32) string {
	if a := t.article(doc); a != nil {
		return a.Headline
	}
	p, i := partOf(t.segs, doc)
	return p.seg.Headline(i)
}

// Pairs is the row's filter for a segment's doc, even one with an
// article made of it: a moved file is a copy of the one the row was
// written from.
func (t *docTexts) Pairs(doc uint32) []byte {
	if doc >= t.segDocs {
		return t.log.get(t.tailPairs[doc-t.segDocs], nil)
	}
	t.passed(doc)
	p, i := partOf(t.segs, doc)
	return p.seg.Pairs(i)
}

func (t *docTexts) Body(doc uint32, fn func(string) bool) bool {
	var loc article.Loc
	if a := t.article(doc); a != nil {
		if a.Body != "" || a.Loc.Root == nil {
			return fn(a.Body)
		}
		loc = a.Loc
	} else {
		p, i := partOf(t.segs, doc)
		root, name := p.seg.Name(i)
		if int(root) >= len(t.roots) {
			return fn("") // as an article built from the row would have it
		}
		loc = article.Loc{Root: &t.roots[root], Name: name, Offset: p.seg.Offset(i)}
	}
	bufs, _ := t.bufs.Get().(*scan.Buffers)
	if bufs == nil {
		bufs = new(scan.Buffers)
	}
	defer t.bufs.Put(bufs)
	t.reads.Add(1)
	full, err := scan.ReadLocView(loc, bufs)
	if err != nil {
		return fn("")
	}
	return fn(full.Body)
}
