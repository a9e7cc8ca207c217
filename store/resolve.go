package store

import (
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/state"
)

// Resolver finds the articles that bookmarks and read marks name (see
// state.Ref) in a library. An ID still in the library is looked up as
// it is; only when some ID is not does the Resolver build, once, in one
// pass, the maps of places, URLs and headlines that find a moved or
// edited article, so that reconciling 100,000 marks against a million
// articles costs a look-up each, and nothing more while none has moved.
// Make a new one after each load.
type Resolver struct {
	l      *Library
	built  bool
	byLoc  map[locKey]*article.Article
	byURL  map[string]*article.Article
	byHead map[headKey]*article.Article
}

type locKey struct {
	path   string
	offset int64
}

type headKey struct {
	headline string
	date     int64 // UnixNano
}

// Resolver returns a Resolver over the library's live articles.
func (l *Library) Resolver() *Resolver { return &Resolver{l: l} }

// build indexes the live articles, under the library's read lock. Where
// two articles share a place, URL or headline and date, the first in the
// library's order (newest first) is the one found, whatever the load order.
func (r *Resolver) build() {
	l := r.l
	l.mu.RLock()
	defer l.mu.RUnlock()
	r.built = true
	r.byLoc = make(map[locKey]*article.Article)
	r.byURL = map[string]*article.Article{}
	r.byHead = map[headKey]*article.Article{}
	for _, doc := range l.order {
		a := l.article(doc)
		if k := (locKey{a.Path, a.Loc.Offset}); r.byLoc[k] == nil {
			r.byLoc[k] = a
		}
		if u := urlOf(a.Source); u != "" && r.byURL[u] == nil {
			r.byURL[u] = a
		}
		if k, ok := headOf(a.Headline, a.Date); ok && ownDate(a) && r.byHead[k] == nil {
			r.byHead[k] = a
		}
	}
}

// Find finds the article ref names: the one with the same ID wherever it
// is now (a move), else the one in the same place (an edit), else the one
// with the same URL, else the one with the same headline and date (an
// edited copy moved).
func (r *Resolver) Find(ref state.Ref) (*article.Article, bool) {
	if a, ok := r.l.Get(ref.ID); ok {
		return a, true
	}
	if !r.built {
		r.build()
	}
	if ref.Path != "" {
		if a := r.byLoc[locKey{ref.Path, ref.Offset}]; a != nil {
			return a, true
		}
	}
	if u := urlOf(ref.URL); u != "" {
		if a := r.byURL[u]; a != nil {
			return a, true
		}
	}
	if k, ok := headOf(ref.Headline, ref.Date); ok {
		if a := r.byHead[k]; a != nil {
			return a, true
		}
	}
	return nil, false
}

// FindRef is Find as a state.Finder: the found article's Ref as it is now.
func (r *Resolver) FindRef(ref state.Ref) (state.Ref, bool) {
	a, ok := r.Find(ref)
	if !ok {
		return state.Ref{}, false
	}
	return state.RefOf(a), true
}

// Find finds one article as Resolver.Find does, in one pass over the
// library when the ID is not found: for a single look-up, where building
// a Resolver would cost more.
func (l *Library) Find(ref state.Ref) (*article.Article, bool) {
	if a, ok := l.Get(ref.ID); ok {
		return a, true
	}
	u := urlOf(ref.URL)
	head, byHead := headOf(ref.Headline, ref.Date)
	l.mu.RLock()
	defer l.mu.RUnlock()
	var best *article.Article
	bestRank := 4 // 1 place, 2 URL, 3 headline and date; lower wins
	for _, doc := range l.order {
		a := l.article(doc)
		rank := 4
		switch {
		case ref.Path != "" && a.Path == ref.Path && a.Loc.Offset == ref.Offset:
			rank = 1
		case u != "" && urlOf(a.Source) == u:
			rank = 2
		case byHead && ownDate(a):
			if k, ok := headOf(a.Headline, a.Date); ok && k == head {
				rank = 3
			}
		}
		if rank < bestRank {
			best, bestRank = a, rank
			if rank == 1 {
				break
			}
		}
	}
	return best, best != nil
}

// urlOf is a source that is a URL, or "": a source naming only a paper
// would match every article from it.
func urlOf(source string) string {
	if !strings.Contains(source, "://") {
		return ""
	}
	return source
}

// headOf is the key of a headline and date, when both are there.
func headOf(headline string, date time.Time) (headKey, bool) {
	if headline == "" || date.IsZero() {
		return headKey{}, false
	}
	return headKey{headline, date.UnixNano()}, true
}

// ownDate says whether the article's date is its own, not its file's
// time, which an edit changes.
func ownDate(a *article.Article) bool { return !a.Undated && !a.DateFromFile }
