package store

import (
	"math/bits"
	"sort"
	"sync"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/index"
	"github.com/broadsheet/broadsheet/store/segment"
)

// Result is what a search found: the matching articles in display order,
// out of Total in the library. It holds doc numbers, not articles: an
// article is made from the library's rows only when asked for, so that
// only the rows on screen are ever built. In the date order it does not
// even list the doc numbers (see Search): the i'th is worked out when
// asked for.
type Result struct {
	Total int
	lib   *Library
	num   *numbering // the library's numbering the docs are in
	where bool
	stale bool // given up, by SearchOptions.Stale
	// docs lists the result, unless lazy: then it is the docs of set in
	// runs, run by run and each run's in ascending order; ends[k] is how
	// many docs runs 0 to k hold.
	docs []uint32
	lazy bool
	set  index.Ranked
	runs []docRun
	ends []int
}

// Stale says the search gave up when SearchOptions.Stale said its result
// was not wanted: it holds nothing, and is not the query's answer.
func (r Result) Stale() bool { return r.stale }

// Len is how many articles matched.
func (r Result) Len() int {
	if !r.lazy {
		return len(r.docs)
	}
	if len(r.ends) == 0 {
		return 0
	}
	return r.ends[len(r.ends)-1]
}

// doc is the i'th doc of the result.
func (r Result) doc(i int) uint32 {
	if !r.lazy {
		return r.docs[i]
	}
	k := sort.Search(len(r.ends), func(k int) bool { return r.ends[k] > i })
	before := 0
	if k > 0 {
		before = r.ends[k-1]
	}
	return r.set.Select(r.set.Rank(r.runs[k].lo) + i - before)
}

// each calls fn with the result's docs in order, from the i'th on, until
// fn says false; it says whether fn always said true.
func (r Result) each(i int, fn func(doc uint32) bool) bool {
	if !r.lazy {
		for _, doc := range r.docs[min(i, len(r.docs)):] {
			if !fn(doc) {
				return false
			}
		}
		return true
	}
	if i >= r.Len() {
		return true
	}
	// The run holding the i'th doc, from that doc on, then the rest.
	k := sort.Search(len(r.ends), func(k int) bool { return r.ends[k] > i })
	for lo := r.doc(i); k < len(r.runs); k++ {
		if !r.set.Each(lo, r.runs[k].hi, fn) {
			return false
		}
		if k+1 < len(r.runs) {
			lo = r.runs[k+1].lo
		}
	}
	return true
}

// list is the result's docs, listed, for a sort to reorder.
func (r Result) list() []uint32 {
	docs := make([]uint32, 0, r.Len())
	r.each(0, func(doc uint32) bool {
		docs = append(docs, doc)
		return true
	})
	return docs
}

// At returns the i'th article of the result.
func (r Result) At(i int) *article.Article {
	r.lib.mu.RLock()
	defer r.lib.mu.RUnlock()
	doc, a := r.lib.now(r.num, r.doc(i))
	if a != nil {
		return a
	}
	return r.lib.article(doc)
}

// Peek returns the i'th article as At does, but one not built before is
// built for the moment and not kept: for a caller that walks a long
// result once (the CLI's list), so that the library does not grow by an
// article a line.
func (r Result) Peek(i int) *article.Article {
	r.lib.mu.RLock()
	defer r.lib.mu.RUnlock()
	doc, a := r.lib.now(r.num, r.doc(i))
	if a != nil {
		return a
	}
	return r.lib.peek(doc)
}

// Articles returns every article of the result, for small results and
// tests; a caller walking a large one should use At.
func (r Result) Articles() []*article.Article {
	out := make([]*article.Article, r.Len())
	for i := range out {
		out[i] = r.At(i)
	}
	return out
}

// Find returns the position of the article with this ID, or else of the
// one whose file is at path (the file's new version after an edit), or
// -1.
func (r Result) Find(id article.ID, path string) int {
	if r.lib == nil {
		return -1
	}
	r.lib.mu.RLock()
	defer r.lib.mu.RUnlock()
	i, found := 0, -1
	r.each(0, func(doc uint32) bool {
		doc, a := r.lib.now(r.num, doc)
		if a != nil && (a.ID == id || path != "" && a.Path == path) ||
			a == nil && (r.lib.id(doc) == id || path != "" && r.lib.pathIs(doc, path)) {
			found = i
			return false
		}
		i++
		return true
	})
	return found
}

// Where says whether any article of the result has a site, a folder or
// an author to show beside its headline.
func (r Result) Where() bool { return r.where }

// fromRuns makes r the docs of set (nil for all) in the order's runs,
// those that only (when set) accepts. set is the caller's to change.
func (r *Result) fromRuns(set index.Bitset, o orderRuns, only func(article.ID) bool) {
	switch {
	case set == nil && only == nil:
		set = o.live // never changed: a new order makes a new one
	case set == nil:
		set = o.live.Clone()
	default:
		// A doc added since the match is in no set; one gone since is not
		// live.
		for i := range set {
			if i < len(o.live) {
				set[i] &= o.live[i]
			} else {
				set[i] = 0
			}
		}
	}
	if only != nil {
		for w, x := range set {
			for ; x != 0; x &= x - 1 {
				doc := uint32(w*64) + uint32(bits.TrailingZeros64(x))
				if !only(r.lib.id(doc)) {
					set.Clear(doc)
				}
			}
		}
	}
	r.set, r.runs, r.lazy = index.NewRanked(set), o.runs, true
	r.ends = make([]int, len(o.runs))
	n := 0
	for k, run := range o.runs {
		n += r.set.Rank(run.hi) - r.set.Rank(run.lo)
		r.ends[k] = n
	}
}

// A docRun is the live docs from lo to hi-1, which stand together in the
// order, in ascending order: a segment's docs are in the date order
// already, so the order of a library mapped from one segment is one run,
// its dead docs left out, and each file added since cuts it in two.
type docRun struct{ lo, hi uint32 }

// orderRuns is the order cut into runs, and the docs in it; few says
// whether the runs are few enough to read results by (see minRun).
type orderRuns struct {
	live index.Bitset
	runs []docRun
	few  bool
}

// minRun is the mean length of run below which a result is listed by
// walking the order, as for a library loaded into memory, whose docs are
// numbered as their files came.
const minRun = 8

// runsCache holds orderRuns' answer for the order of generation gen.
type runsCache struct {
	mu   sync.Mutex
	gen  uint64
	runs orderRuns
}

// orderRuns returns the order's runs, worked out once per change to it.
// The caller holds the read lock.
func (l *Library) orderRuns() orderRuns {
	c := &l.runsCache
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != l.gen || l.gen == 0 {
		c.runs = runsOf(l.order, l.ndocs())
		c.gen = l.gen
	}
	return c.runs
}

// runsOf cuts order, of docs below ndocs, into runs: each goes on while
// the next doc of the order is the next live doc.
func runsOf(order []uint32, ndocs int) orderRuns {
	most := len(order)/minRun + 1
	// Each fall in doc number starts a run: an order of many, as a cold
	// load's, is told without making anything.
	falls := 0
	for i := 1; i < len(order); i++ {
		if order[i] < order[i-1] {
			if falls++; falls > most {
				return orderRuns{}
			}
		}
	}
	live := index.NewBitset(ndocs)
	for _, doc := range order {
		live.Set(doc)
	}
	runs := []docRun{}
	for i := 0; i < len(order); {
		lo, last := order[i], order[i]
		for i++; i < len(order) && order[i] > last; i++ {
			if order[i] != last+1 {
				// Dead docs between go on the run; a live one ends it.
				if next, _ := live.Next(last + 1); next != order[i] {
					break
				}
			}
			last = order[i]
		}
		if runs = append(runs, docRun{lo, last + 1}); len(runs) > most {
			return orderRuns{live: live}
		}
	}
	return orderRuns{live: live, runs: runs, few: true}
}

// Count is how many of the result's articles accept says true of, by ID:
// the unread of a saved search, without building an article.
func (r Result) Count(accept func(article.ID) bool) int {
	r.lib.mu.RLock()
	defer r.lib.mu.RUnlock()
	n := 0
	r.each(0, func(doc uint32) bool {
		id := article.ID{}
		if now, a := r.lib.now(r.num, doc); a != nil {
			id = a.ID
		} else if now != gone {
			id = r.lib.id(now)
		} else {
			return true
		}
		if accept(id) {
			n++
		}
		return true
	})
	return n
}

// EachDate calls fn with the date (UnixNano, UTC) of each of the result's
// articles that has one, its own or its file's, reading rows in place:
// the reader's timeline counts a filter's million results by month.
func (r Result) EachDate(fn func(date int64)) {
	r.lib.mu.RLock()
	defer r.lib.mu.RUnlock()
	r.each(0, func(doc uint32) bool {
		now, a := r.lib.now(r.num, doc)
		switch {
		case a != nil:
			if !a.Undated {
				fn(a.Date.UnixNano())
			}
		case now != gone:
			if flags, date, _, _ := r.lib.sortKey(now); flags&segment.FlagUndated == 0 {
				fn(date)
			}
		}
		return true
	})
}
