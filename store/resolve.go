package store

import (
	"hash/maphash"
	"slices"
	"strings"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/segment"
	"github.com/broadsheet/broadsheet/store/state"
)

// Resolver finds the articles that bookmarks and read marks name (see
// state.Ref) in a library. An ID still in the library is looked up as
// it is; only when some ID is not does the Resolver build, once, in one
// pass over the rows read in place, tables of the hashes of places, URLs
// and headlines that find a moved or edited article, so that reconciling
// 100,000 marks against a million articles costs a look-up each, and
// nothing more while none has moved. The tables hold doc numbers, 8
// bytes a key, never articles: one stale tag made a million of them
// (879 MB) when they held articles. Make a new one after each load; one
// used across a renumbering builds its tables again.
type Resolver struct {
	l     *Library
	gen   uint64 // the library's gen the tables were built at
	built bool
	seed  maphash.Seed
	dirs  []string // the roots' DisplayDirs, for keysOf
	// Each table is hash<<32 | doc, sorted: the place (path and offset),
	// the URL, and the headline with an own date.
	byLoc, byURL, byHead []uint64
}

// Resolver returns a Resolver over the library's live articles.
func (l *Library) Resolver() *Resolver { return &Resolver{l: l, seed: maphash.MakeSeed()} }

// refKeys is what finding doc again compares: its path as shown (in
// buf's bytes), the offset in the file, its source, and its headline and
// date when the date is its own. A segment row's strings alias the
// mapping; the caller holds the read lock and keeps none of them.
type refKeys struct {
	path     []byte
	offset   int64
	source   string
	headline string
	date     int64
	ownDate  bool
}

// keysOf reads doc's refKeys, appending its path to buf[:0]. dirs holds
// each root's DisplayDir, worked out once.
func (l *Library) keysOf(doc uint32, buf []byte, dirs []string) refKeys {
	a := l.peekBuilt(doc)
	if a != nil {
		k := refKeys{path: append(buf[:0], a.Path...), offset: a.Loc.Offset, source: a.Source,
			headline: a.Headline, ownDate: ownDate(a)}
		if !a.Date.IsZero() {
			k.date = a.Date.UnixNano()
		}
		return k
	}
	p, i := l.segOf(doc)
	flags := p.seg.Flags(i)
	k := refKeys{offset: p.seg.Offset(i), headline: p.seg.Headline(i), date: p.seg.Date(i),
		ownDate: flags&(segment.FlagUndated|segment.FlagDateFromFile) == 0}
	k.source, _, _ = p.seg.Where(i)
	if root, name := p.seg.Name(i); int(root) < len(l.roots) {
		k.path = l.roots[root].AppendDisplayPath(buf[:0], dirs[root], name)
	}
	return k
}

// peekBuilt returns doc's article when it is one already (the tail's, or
// a row built before), else nil.
func (l *Library) peekBuilt(doc uint32) *article.Article {
	if doc >= l.segDocs {
		return l.docs[doc-l.segDocs]
	}
	return l.made.load(doc)
}

// displayDirs is each root's DisplayDir, for keysOf.
func (l *Library) displayDirs() []string {
	dirs := make([]string, len(l.roots))
	for i := range l.roots {
		dirs[i] = l.roots[i].DisplayDir()
	}
	return dirs
}

// The tables' hashes: 32 bits, as a match is checked against the row.
func (r *Resolver) locHash(path string, offset int64) uint32    { return r.mixed(path, offset) }
func (r *Resolver) headHash(headline string, date int64) uint32 { return r.mixed(headline, date) }
func (r *Resolver) urlHash(u string) uint32                     { return r.mixed(u, 0) }

func (r *Resolver) mixed(s string, n int64) uint32 {
	return uint32((maphash.String(r.seed, s) ^ uint64(n)*0x9e3779b97f4a7c15) >> 32)
}

// build makes the tables, under the library's read lock.
func (r *Resolver) build() {
	l := r.l
	r.built, r.gen = true, l.gen
	r.byLoc, r.byURL, r.byHead = r.byLoc[:0], r.byURL[:0], r.byHead[:0]
	r.dirs = l.displayDirs()
	var buf []byte
	for _, doc := range l.order {
		k := l.keysOf(doc, buf, r.dirs)
		buf = k.path
		if len(k.path) > 0 {
			r.byLoc = append(r.byLoc, uint64(r.locHash(string(k.path), k.offset))<<32|uint64(doc))
		}
		if u := urlOf(k.source); u != "" {
			r.byURL = append(r.byURL, uint64(r.urlHash(u))<<32|uint64(doc))
		}
		if k.ownDate && k.headline != "" && k.date != 0 {
			r.byHead = append(r.byHead, uint64(r.headHash(k.headline, k.date))<<32|uint64(doc))
		}
	}
	slices.Sort(r.byLoc)
	slices.Sort(r.byURL)
	slices.Sort(r.byHead)
}

// first is the live doc of table under hash h that match accepts, the
// first in the library's order where several do. The caller holds the
// read lock.
func (r *Resolver) first(table []uint64, h uint32, match func(refKeys) bool) (uint32, bool) {
	l := r.l
	var buf []byte
	best, found := uint32(0), false
	i, _ := slices.BinarySearch(table, uint64(h)<<32)
	for ; i < len(table) && uint32(table[i]>>32) == h; i++ {
		doc := uint32(table[i])
		if l.dead.Has(doc) {
			continue
		}
		k := l.keysOf(doc, buf, r.dirs)
		buf = k.path
		if match(k) && (!found || l.compare(doc, best) < 0) {
			best, found = doc, true
		}
	}
	return best, found
}

// Find finds the article ref names: the one with the same ID wherever it
// is now (a move), else the one in the same place (an edit), else the one
// with the same URL, else the one with the same headline and date (an
// edited copy moved).
func (r *Resolver) Find(ref state.Ref) (*article.Article, bool) {
	l := r.l
	if a, ok := l.Get(ref.ID); ok {
		return a, true
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	if !r.built || r.gen != l.gen {
		r.build()
	}
	doc, ok := r.find(ref)
	if !ok {
		return nil, false
	}
	return l.article(doc), true
}

func (r *Resolver) find(ref state.Ref) (uint32, bool) {
	w := wantOf(ref)
	if w.path != "" {
		if doc, ok := r.first(r.byLoc, r.locHash(w.path, w.offset), w.place); ok {
			return doc, true
		}
	}
	if w.url != "" {
		if doc, ok := r.first(r.byURL, r.urlHash(w.url), w.sameURL); ok {
			return doc, true
		}
	}
	if w.byHead {
		if doc, ok := r.first(r.byHead, r.headHash(w.headline, w.date), w.sameHead); ok {
			return doc, true
		}
	}
	return 0, false
}

// refWant is what finding a ref's article again compares, and each way
// of finding it, as Resolver and Library.Find try them.
type refWant struct {
	path     string
	offset   int64
	url      string // a source that is a URL, or ""
	headline string
	date     int64
	byHead   bool // the ref has a headline and a date
}

func wantOf(ref state.Ref) refWant {
	w := refWant{path: ref.Path, offset: ref.Offset, url: urlOf(ref.URL), headline: ref.Headline}
	if w.byHead = ref.Headline != "" && !ref.Date.IsZero(); w.byHead {
		w.date = ref.Date.UnixNano()
	}
	return w
}

// place says whether k is in the ref's place: its file and offset.
func (w refWant) place(k refKeys) bool {
	return w.path != "" && string(k.path) == w.path && k.offset == w.offset
}

func (w refWant) sameURL(k refKeys) bool { return w.url != "" && k.source == w.url }

// sameHead says whether k has the ref's headline and, its own, its date.
func (w refWant) sameHead(k refKeys) bool {
	return w.byHead && k.ownDate && k.headline == w.headline && k.date == w.date
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
// library's rows, read in place, when the ID is not found: for a single
// look-up, where building a Resolver would cost more.
func (l *Library) Find(ref state.Ref) (*article.Article, bool) {
	if a, ok := l.Get(ref.ID); ok {
		return a, true
	}
	w := wantOf(ref)
	l.mu.RLock()
	defer l.mu.RUnlock()
	dirs := l.displayDirs()
	var buf []byte
	best, bestRank := uint32(0), 4 // 1 place, 2 URL, 3 headline and date; lower wins
	for _, doc := range l.order {
		k := l.keysOf(doc, buf, dirs)
		buf = k.path
		rank := 4
		switch {
		case w.place(k):
			rank = 1
		case w.sameURL(k):
			rank = 2
		case w.sameHead(k):
			rank = 3
		}
		if rank < bestRank {
			best, bestRank = doc, rank
			if rank == 1 {
				break
			}
		}
	}
	if bestRank == 4 {
		return nil, false
	}
	return l.article(best), true
}

// urlOf is a source that is a URL, or "": a source naming only a paper
// would match every article from it.
func urlOf(source string) string {
	if !strings.Contains(source, "://") {
		return ""
	}
	return source
}

// ownDate says whether the article's date is its own, not its file's
// time, which an edit changes.
func ownDate(a *article.Article) bool { return !a.Undated && !a.DateFromFile }
