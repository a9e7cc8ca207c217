package store

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/index"
	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/segment"
	"github.com/broadsheet/broadsheet/store/text"
)

// Sort is the order of a search's results.
type Sort int

const (
	SortNewest Sort = iota
	SortOldest
	SortTitle
	// SortRelevance ranks by BM25 over the query's words (the index keeps
	// whether a word occurs, not how often, so each counts once), with
	// words in the headline weighing double; without words, newest first.
	SortRelevance
)

// Sorts names the orders, as the CLI and the UI show them.
var Sorts = []string{"newest", "oldest", "title", "relevance"}

func (s Sort) String() string { return Sorts[s] }

// ParseSort reads an order's name.
func ParseSort(name string) (Sort, bool) {
	for i, n := range Sorts {
		if n == name {
			return Sort(i), true
		}
	}
	return 0, false
}

// SearchOptions narrow a search beyond its words, and answer is: terms.
type SearchOptions struct {
	Sort Sort
	// Only, when set, keeps just the articles it accepts (a bookmarks view).
	Only func(article.ID) bool
	// Bookmarked and Read answer is:bookmarked and is:unread; without
	// them no article is bookmarked and every one is unread.
	Bookmarked func(article.ID) bool
	Read       func(article.ID) bool
	// Tags gives the tags the user gave an article (state.Tags.Of), which
	// tag: finds as it finds the article's own.
	Tags func(article.ID) []string
	// Note gives the note the user wrote on an article (state.Notes.Of),
	// for note:.
	Note func(article.ID) string
	// Stale, when set, is asked now and then during a costly search (a
	// phrase is checked against each candidate's text, read from disk);
	// once it says true the search gives up, its result unwanted.
	Stale func() bool
}

// Search returns the articles matching q, in the order opt asks. In the
// date order, a result is the matching docs of each run of the order
// (see orderRuns), counted but not listed: a keystroke's query over a
// million docs then costs a pass over their bitsets, not over the order,
// and what the list reads of it is the rows on screen.
func (l *Library) Search(q query.Query, opt SearchOptions) Result {
	l.used()
	for {
		set, num, ok := l.match(q, opt)
		l.mu.RLock()
		if num == l.num {
			defer l.mu.RUnlock()
			return l.result(set, ok, q, opt)
		}
		// The docs were renumbered while a phrase was checked without the
		// lock (a save adopted its segment), so the set is in the old
		// numbers: the search is made again in the new.
		l.mu.RUnlock()
	}
}

// result is the Result of a search that found set (ok false when it
// gave up). The caller holds the read lock.
func (l *Library) result(set index.Bitset, ok bool, q query.Query, opt SearchOptions) Result {
	res := Result{Total: len(l.order), lib: l, num: l.num}
	if !ok {
		res.stale = true // superseded: the result is not wanted
		return res
	}
	if runs := l.orderRuns(); runs.few {
		res.fromRuns(set, runs, opt.Only)
	} else {
		res.docs = l.walkOrder(set, opt.Only)
	}
	// Every live doc says no when none has a site, a folder or an author.
	res.where = l.anyWhere() && !res.each(0, func(doc uint32) bool { return !l.hasWhere(doc) })
	if sorted(q, opt.Sort) {
		res.docs = res.list()
		res.lazy = false
		l.sortResults(res.docs, q, opt.Sort)
	}
	return res
}

// walkOrder lists the docs of the order in set (nil for all) that only
// (when set) accepts: for an order that does not cut into runs.
func (l *Library) walkOrder(set index.Bitset, only func(article.ID) bool) []uint32 {
	n := len(l.order)
	if set != nil {
		n = min(n, set.Count())
	}
	docs := make([]uint32, 0, n)
	for _, doc := range l.order {
		if set != nil && !set.Has(doc) {
			continue
		}
		if only != nil && !only(l.id(doc)) {
			continue
		}
		docs = append(docs, doc)
	}
	return docs
}

// sorted says whether sortResults changes the date order for q.
func sorted(q query.Query, by Sort) bool {
	return by == SortOldest || by == SortTitle || by == SortRelevance && len(q.Words) > 0
}

// sortResults reorders results, which are newest first, allocating
// nothing per article. The caller holds the read lock.
func (l *Library) sortResults(docs []uint32, q query.Query, by Sort) {
	switch by {
	case SortOldest:
		// Reversed, but the undated stay last.
		n := len(docs)
		for n > 0 && l.undated(docs[n-1]) {
			n--
		}
		slices.Reverse(docs[:n])
	case SortTitle:
		l.sortByTitle(docs)
	case SortRelevance:
		if len(q.Words) > 0 {
			sortByScore(docs, l.bm25(q))
		}
	}
}

// foldTitle is a headline as it sorts: case and accents ignored.
func foldTitle(h string) string { return strings.Join(text.Words(h), " ") }

// bm25 returns a scorer of docs for the words q looks for.
func (l *Library) bm25(q query.Query) func(doc uint32) float64 {
	const k1, b, titleWeight = 1.2, 0.75, 2.0
	prefix := q.Prefixes()
	type qword struct {
		all, title index.Bitset
		idf        float64
	}
	var words []qword
	for _, w := range q.Words {
		all := l.lookup(w, prefix[w], false)
		df := float64(all.Count())
		words = append(words, qword{
			all:   all,
			title: l.lookup(w, prefix[w], true),
			idf:   math.Log(1 + (float64(len(l.order))-df+0.5)/(df+0.5)),
		})
	}
	avg := max(1, float64(l.totalWords())/float64(max(1, len(l.order))))
	return func(doc uint32) float64 {
		s := 0.0
		norm := (k1 + 1) / (1 + k1*(1-b+b*float64(l.words(doc))/avg))
		for _, w := range words {
			if w.all.Has(doc) {
				weight := 1.0
				if w.title.Has(doc) {
					weight = titleWeight
				}
				s += w.idf * norm * weight
			}
		}
		return s
	}
}

// match evaluates q, nil for all: the index under the read lock, then, for
// a phrase, each candidate's text with the lock let go, since that may
// read files and a rescan waiting to write must not wait on the disk. It
// returns the numbering the set is in, and says false when opt.Stale
// gave the search up.
func (l *Library) match(q query.Query, opt SearchOptions) (index.Bitset, *numbering, bool) {
	l.mu.RLock()
	num := l.num
	if q.Empty() {
		l.mu.RUnlock()
		return nil, num, true
	}
	m := q.Eval(source{l, opt})
	var texts *docTexts
	if m.Phrases() {
		// Articles are never changed once added, only replaced, and
		// segments stay mapped once merged away, so the candidates may be
		// read without the lock, in the numbering of now.
		texts = l.texts()
	}
	l.mu.RUnlock()
	if texts != nil {
		ok := m.Check(texts, opt.Stale)
		texts.releasePairs(texts.behind(texts.stripe.Load()), texts.segDocs)
		if !ok {
			return nil, num, false
		}
	}
	return m.Result(), num, true
}

// source is the library as a query sees it. Its user holds the read lock.
type source struct {
	l   *Library
	opt SearchOptions
}

func (s source) Len() int { return s.l.ndocs() }

func (s source) Words(w string, prefix, title bool) index.Bitset {
	return s.l.lookup(w, prefix, title)
}

func (s source) Folder(doc uint32) string {
	if doc < s.l.segDocs && s.l.made.load(doc) == nil {
		p, i := s.l.segOf(doc)
		return p.seg.Folder(i)
	}
	return s.l.article(doc).Folder
}

// Date is the article's own date: a file's is not its.
func (s source) Date(doc uint32) (time.Time, bool) {
	if doc < s.l.segDocs {
		p, i := s.l.segOf(doc)
		own := p.seg.Flags(i)&(segment.FlagUndated|segment.FlagDateFromFile) == 0
		return time.Unix(0, p.seg.Date(i)).UTC(), own
	}
	a := s.l.article(doc)
	return a.Date, !a.Undated && !a.DateFromFile
}

// Tags, Author and Site read a segment's row without keeping it: a field
// query over a million rows must not build a million articles.
func (s source) Note(doc uint32) string {
	if s.opt.Note == nil {
		return ""
	}
	return s.opt.Note(s.l.id(doc))
}

func (s source) Tags(doc uint32) []string {
	own := s.l.where(doc).tags
	if s.opt.Tags == nil {
		return own
	}
	if user := s.opt.Tags(s.l.id(doc)); len(user) > 0 {
		return append(slices.Clip(own), user...)
	}
	return own
}

func (s source) Author(doc uint32) string { return s.l.where(doc).author }

func (s source) Site(doc uint32) (string, string) {
	w := s.l.where(doc)
	return w.site, w.source
}

func (s source) Is(doc uint32, what string) bool {
	id := s.l.id(doc)
	switch what {
	case "bookmarked":
		return s.opt.Bookmarked != nil && s.opt.Bookmarked(id)
	case "unread":
		return s.opt.Read == nil || !s.opt.Read(id)
	}
	return false
}
