package store

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/segment"
)

// The library's rows are read through these accessors, by doc number,
// never by walking articles: searches, sorts and look-ups over a million
// rows must not build a million articles. A doc below segDocs is a row of
// a mapped segment (see segments.go), read in place; the rest, the tail,
// are articles in the heap, l.docs[doc-segDocs]. Their callers hold the
// read lock.

// ndocs is how many docs there are, live or not.
func (l *Library) ndocs() int { return int(l.segDocs) + len(l.docs) }

// article returns doc's article, building it from its segment's row the
// first time it is asked for.
func (l *Library) article(doc uint32) *article.Article {
	if doc >= l.segDocs {
		return l.docs[doc-l.segDocs]
	}
	if a := l.made.load(doc); a != nil {
		return a
	}
	p, i := l.segOf(doc)
	slot := l.made.slot(doc)
	slot.CompareAndSwap(nil, l.fromRow(p.seg.Doc(i)))
	return slot.Load()
}

// madeTable holds the articles built from segment rows, by doc number,
// in chunks made as the first article of each is built. The GC reads
// every pointer of the table at each cycle: a flat one, a slot a doc,
// made it read a million nil pointers (8 MB) for the screenful built,
// several milliseconds at each of the cycles that typing in a filter
// sets off.
type madeTable struct {
	chunks []atomic.Pointer[madeChunk]
}

// madeChunk is the slots of madeDocs docs in a row.
type madeChunk [madeDocs]atomic.Pointer[article.Article]

// madeDocs is a chunk's docs: 2 KB of slots, about what a screen of
// rows from all over the library costs it each.
const madeDocs = 256

// newMadeTable returns a table for n docs, none built.
func newMadeTable(n uint32) madeTable {
	return madeTable{chunks: make([]atomic.Pointer[madeChunk], (n+madeDocs-1)/madeDocs)}
}

// load returns doc's article, nil if it was not built.
func (t madeTable) load(doc uint32) *article.Article {
	if c := t.chunks[doc/madeDocs].Load(); c != nil {
		return c[doc%madeDocs].Load()
	}
	return nil
}

// slot returns doc's slot, making its chunk the first time.
func (t madeTable) slot(doc uint32) *atomic.Pointer[article.Article] {
	p := &t.chunks[doc/madeDocs]
	if p.Load() == nil {
		p.CompareAndSwap(nil, new(madeChunk))
	}
	return &p.Load()[doc%madeDocs]
}

// fromRow makes an article of a segment's row.
func (l *Library) fromRow(d segment.Doc) *article.Article {
	a := &article.Article{
		ID: article.ID(d.ID), Headline: d.Headline, Source: d.Source, Author: d.Author,
		Site: d.Site, Excerpt: d.Excerpt, Tags: d.Tags, Words: int(d.Words), Size: d.Size,
		ModTime:      time.Unix(0, d.ModTime),
		DateFromFile: d.Flags&segment.FlagDateFromFile != 0,
		Undated:      d.Flags&segment.FlagUndated != 0,
		Cut:          d.Flags&segment.FlagCut != 0,
		Format:       d.Format,
	}
	if f := article.Lookup(d.Format); f != nil {
		a.Format = f.Name // one copy of the name, not one an article
	}
	switch {
	case a.Undated:
	case a.DateFromFile:
		a.Date = time.Unix(0, d.Date)
	default:
		a.Date = time.Unix(0, d.Date).UTC()
	}
	if int(d.Root) < len(l.roots) {
		a.Loc = article.Loc{Root: &l.roots[d.Root], Name: d.Name, Offset: d.Offset}
		a.Path = a.Loc.Path()
		a.Folder = a.Loc.Folder()
	}
	return a
}

// segOf returns the segment holding doc, which is below segDocs, and
// doc's number in it.
func (l *Library) segOf(doc uint32) (*segPart, uint32) { return partOf(l.segs, doc) }

// partOf is segOf over segs, a library's segments now or before a merge.
func partOf(segs []segPart, doc uint32) (*segPart, uint32) {
	// The last segment starting at or before doc: an empty one starts
	// where the next does. There are a few segments, never many.
	k := len(segs) - 1
	for k > 0 && segs[k].base > doc {
		k--
	}
	return &segs[k], doc - segs[k].base
}

// id is doc's article ID.
func (l *Library) id(doc uint32) article.ID {
	if doc >= l.segDocs {
		return l.docs[doc-l.segDocs].ID
	}
	p, i := l.segOf(doc)
	return article.ID(p.seg.ID(i))
}

// undated says whether doc has no date at all.
func (l *Library) undated(doc uint32) bool {
	if doc >= l.segDocs {
		return l.docs[doc-l.segDocs].Undated
	}
	p, i := l.segOf(doc)
	return p.seg.Flags(i)&segment.FlagUndated != 0
}

// words is how many words doc's headline and body hold.
func (l *Library) words(doc uint32) int {
	if doc >= l.segDocs {
		return l.docs[doc-l.segDocs].Words
	}
	p, i := l.segOf(doc)
	return int(p.seg.Words(i))
}

// pathIs says whether doc's file is at path, as shown.
func (l *Library) pathIs(doc uint32, path string) bool {
	if doc >= l.segDocs {
		return l.docs[doc-l.segDocs].Path == path
	}
	if a := l.made.load(doc); a != nil {
		return a.Path == path
	}
	p, i := l.segOf(doc)
	root, name := p.seg.Name(i)
	return int(root) < len(l.roots) && strings.HasSuffix(path, name) && l.roots[root].DisplayPath(name) == path
}

// hasWhere says whether doc has a site, a folder or an author, which the
// list shows beside the headline.
func (l *Library) hasWhere(doc uint32) bool { return l.anyWhere() && l.docHasWhere(doc) }

// docHasWhere is hasWhere for one doc, a segment row not built yet read
// by the lengths of its strings alone.
func (l *Library) docHasWhere(doc uint32) bool {
	if doc < l.segDocs && l.made.load(doc) == nil {
		p, i := l.segOf(doc)
		return p.seg.HasWhere(i)
	}
	w := l.where(doc)
	return w.site != "" || w.folder != "" || w.author != ""
}

// anyWhere says whether any live doc has a site, a folder or an author,
// worked out once per change to the library: a dataset of a million
// records with none of them must not have every row read at each search.
func (l *Library) anyWhere() bool {
	c := &l.whereCache
	c.Lock()
	defer c.Unlock()
	if c.gen != l.gen || l.gen == 0 {
		// A flat folder of a million files, none with a site or an
		// author, has every row read here once, before its first screen.
		c.any = slices.ContainsFunc(l.order, l.docHasWhere)
		c.gen = l.gen
	}
	return c.any
}

// sortKey is what the default order compares of doc: the date (zero for
// the undated), whether it has one, the headline and the ID. The
// headline of a segment's row aliases the mapping: it must not be kept.
func (l *Library) sortKey(doc uint32) (flags uint8, date int64, headline string, id article.ID) {
	if doc >= l.segDocs {
		a := l.docs[doc-l.segDocs]
		if a.Undated {
			return segment.FlagUndated, 0, a.Headline, a.ID
		}
		return 0, a.Date.UnixNano(), a.Headline, a.ID
	}
	p, i := l.segOf(doc)
	return p.seg.Flags(i) & segment.FlagUndated, p.seg.Date(i), p.seg.Headline(i), article.ID(p.seg.ID(i))
}

// totalWords is the words of every live article, for BM25's mean length.
func (l *Library) totalWords() int {
	c := &l.totalCache
	c.Lock()
	defer c.Unlock()
	if c.gen != l.gen || l.gen == 0 {
		c.words = 0
		for _, doc := range l.order {
			c.words += l.words(doc)
		}
		c.gen = l.gen
	}
	return c.words
}

// titleRanks returns each doc's place in headline order (case and
// accents ignored), worked out once for the library as it stands, so
// that sorting a result by title compares two numbers and allocates
// nothing per article.
func (l *Library) titleRanks() []uint32 {
	l.ranks.mu.Lock()
	defer l.ranks.mu.Unlock()
	n := l.ndocs()
	if len(l.ranks.of) == n {
		return l.ranks.of
	}
	if len(l.segs) == 1 && len(l.docs) == 0 {
		// One segment alone: its rows know their places already.
		rank := make([]uint32, n)
		for i := range rank {
			rank[i] = l.segs[0].seg.TitleRank(uint32(i))
		}
		l.ranks.of = rank
		return rank
	}
	keys := make([]string, n)
	byTitle := make([]uint32, n)
	for doc := range n {
		h := ""
		if uint32(doc) >= l.segDocs {
			h = l.docs[uint32(doc)-l.segDocs].Headline
		} else {
			p, i := l.segOf(uint32(doc))
			h = p.seg.Headline(i)
		}
		keys[doc] = foldTitle(h)
		byTitle[doc] = uint32(doc)
	}
	slices.SortStableFunc(byTitle, func(a, b uint32) int { return strings.Compare(keys[a], keys[b]) })
	rank := make([]uint32, n)
	for i, doc := range byTitle {
		// Equal headlines share a rank, so a stable sort keeps them in
		// the order they came in.
		if i > 0 && keys[doc] == keys[byTitle[i-1]] {
			rank[doc] = rank[byTitle[i-1]]
			continue
		}
		rank[doc] = uint32(i)
	}
	l.ranks.of = rank
	return rank
}

// titleRankCache holds titleRanks' answer for a library of len(of) docs.
type titleRankCache struct {
	mu sync.Mutex
	of []uint32
}

// where is what tag:, author: and site: read of a doc, and what the list
// shows beside the headline.
type where struct {
	tags                 []string
	source, author, site string
	folder               string // a built article's; a row's is read apart
}

// where returns doc's tags, source, author and site: for a segment doc
// not built yet, read from its row in place, aliasing the mapping, so it
// is good only under the read lock and must not be kept. A field query
// over a million rows must not build or copy a million rows.
func (l *Library) where(doc uint32) where {
	var a *article.Article
	if doc >= l.segDocs {
		a = l.docs[doc-l.segDocs]
	} else {
		a = l.made.load(doc)
	}
	if a != nil {
		return where{tags: a.Tags, source: a.Source, author: a.Author, site: a.Site, folder: a.Folder}
	}
	p, i := l.segOf(doc)
	w := where{tags: p.seg.Tags(i)}
	w.source, w.author, w.site = p.seg.Where(i)
	return w
}

// peek returns doc's article, built from its segment's row but not kept
// when it was not built already: for a pass over many docs.
func (l *Library) peek(doc uint32) *article.Article {
	if doc >= l.segDocs {
		return l.docs[doc-l.segDocs]
	}
	if a := l.made.load(doc); a != nil {
		return a
	}
	p, i := l.segOf(doc)
	return l.fromRow(p.seg.Doc(i))
}
