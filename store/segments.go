package store

import (
	"slices"
	"sync"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/index"
	"github.com/broadsheet/broadsheet/store/segment"
)

// A warm start maps the segments the last run saved (see manifest.go)
// and reads them in place: their docs come first in the doc numbering,
// each segment's after the one before, and the articles a load adds
// since go after them, in the heap, with an index of their own. Nothing
// of a segment is decoded up front; a query reads its words' postings
// where they lie. Segments are never changed: a doc of one whose file
// went is marked dead, and one whose file moved or grew has its new
// file record kept beside it (extras in the manifest). A segment a save
// wrote from the tail joins them the same way, in place of the tail
// (adopt).

// segPart is one mapped segment in the library.
type segPart struct {
	seg      *segment.Segment
	name     string // its file's name in the cache folder
	base     uint32 // the doc number of its first doc
	fileBase int    // the file number of its first file
}

// installSegments makes the mapped segments the library's content, which
// must be empty, dead docs and all.
func (l *Library) installSegments(m *manifest, segs []*segment.Segment, roots []article.Root) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.roots = roots
	l.segs = make([]segPart, len(segs))
	var docs uint32
	files := 0
	for i, s := range segs {
		l.segs[i] = segPart{seg: s, name: m.segs[i].name, base: docs, fileBase: files}
		docs += uint32(s.Len())
		files += s.NumFiles()
	}
	l.segDocs, l.segFiles = docs, files
	l.made = newMadeTable(docs)
	l.dead = index.NewBitset(int(docs))
	l.segGone = index.NewBitset(files)
	l.segLive = index.NewBitset(files)
	for i, ms := range m.segs {
		for _, d := range ms.dead {
			if d < uint32(segs[i].Len()) {
				l.dead.Set(l.segs[i].base + d)
			}
		}
		for _, k := range ms.goneFiles {
			if j, ok := segFile(segs[i], uint32(k.root), k.name, k.offset); ok {
				l.segGone.Set(uint32(l.segs[i].fileBase + j))
			}
		}
	}
	l.order = l.segmentOrder()
	l.gen++
	l.files = nil
	for _, x := range m.extras {
		if x.seg < len(segs) && x.doc < uint32(segs[x.seg].Len()) {
			x.rec.doc = l.segs[x.seg].base + x.doc
			l.files = append(l.files, x.rec)
		}
	}
	l.bad = m.bad
	l.skips = m.skips
	l.folders = m.folders
	// An article whose own file went and whose copy stayed points at the
	// copy from the start, as the settling that found it left it, and
	// not only once a check settles again: a check of a few folders may
	// find nothing to settle.
	for _, f := range l.files {
		if f.doc < docs && l.rowFileGone(f.doc) {
			l.move(f.doc, f, roots)
		}
	}
	l.ranks.of = nil
	l.segPrefix = prefixCache{}
}

// freeAfter is how many docs an adopted tail holds at least for its save
// to hand the heap it freed back to the system at once.
const freeAfter = 10_000

// adopt makes the segment a save just wrote, and the manifest names
// after the library's own, the library's in place of the tail it was
// written from, as the next warm start would have it: the rest of the
// session reads those docs in place instead of holding their articles and
// posting lists in the heap beside the file. It does so only when every
// doc of the tail was saved, no segment was merged, and nothing changed
// since the save read the library (gen); it says whether it did. The
// tail's doc numbers become the segment's, as renum maps them (see
// numbering); the file records the tail kept for segment docs (a moved
// or grown file's) stay the tail's. A save part way through a load
// (spill) keeps the tail's dictionary, which the load goes on with.
func (l *Library) adopt(m *manifest, seg *segment.Segment, name string, renum []uint32, gen uint64, loading bool) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.gen != gen || l.KeepBodies || len(m.segs) != len(l.segs)+1 || m.segs[len(l.segs)].name != name {
		return false
	}
	for i, p := range l.segs {
		if m.segs[i].name != p.name {
			return false
		}
	}
	base, fileBase := l.segDocs, l.segFiles
	// Every doc of the tail was saved, or is dead: one that has no file
	// to save (and is not dead) would be lost.
	left := map[uint32]*article.Article{}
	for doc := base; doc < uint32(len(renum)); doc++ {
		if renum[doc] == gone {
			if !l.dead.Has(doc) {
				return false
			}
			left[doc] = l.docs[doc-base]
		}
	}
	for doc := range base {
		renum[doc] = doc
	}
	for doc := base; doc < uint32(len(renum)); doc++ {
		if renum[doc] != gone {
			renum[doc] += base
		}
	}
	l.renumber(renum, func(doc uint32) *article.Article { return left[doc] })
	n, files := base+uint32(seg.Len()), fileBase+seg.NumFiles()
	l.segs = append(l.segs, segPart{seg: seg, name: name, base: base, fileBase: fileBase})
	l.segDocs, l.segFiles = n, files
	// The segment docs built so far stay built; the tail's never were.
	made := newMadeTable(n)
	for k := range l.made.chunks {
		made.chunks[k].Store(l.made.chunks[k].Load())
	}
	l.made = made
	// The tail's dead docs are no doc now: their bits go.
	l.dead = grown(l.dead, int(n))
	for doc := base; doc < n; doc++ {
		l.dead.Clear(doc)
	}
	l.segGone = grown(l.segGone, files)
	// The tail's files were found by the load that added them.
	l.segLive = grown(l.segLive, files)
	for f := fileBase; f < files; f++ {
		l.segLive.Set(uint32(f))
	}
	// What stays of the tail's file records are segment docs' (below
	// base, so not renumbered): the rest are the segment's now.
	l.files = slices.DeleteFunc(l.files, func(f fileRec) bool { return f.doc >= base })
	l.docs, l.pairs, l.byID = nil, nil, make(map[article.ID]uint32)
	if !loading {
		l.log.restart() // what is on its way to the tail is the load's
	}
	if loading {
		// The load's Termers, still reading, number words in this
		// dictionary: it stays, and the postings go.
		l.idx = l.idx.Emptied()
	} else {
		l.idx = index.New()
	}
	l.renumbered(renum)
	return true
}

// grown returns b, or a copy of it, holding n bits.
func grown(b index.Bitset, n int) index.Bitset {
	g := index.NewBitset(n)
	copy(g, b)
	return g
}

// rowFileGone says whether the file a segment doc's row names is gone.
// The caller holds the lock.
func (l *Library) rowFileGone(doc uint32) bool {
	p, i := l.segOf(doc)
	root, name := p.seg.Name(i)
	j, ok := segFile(p.seg, root, name, p.seg.Offset(i))
	return !ok || l.segGone.Has(uint32(p.fileBase+j))
}

// segFile returns the number in seg of the file record of a file and an
// offset in it, if seg holds one.
func segFile(seg *segment.Segment, root uint32, name string, offset int64) (int, bool) {
	lo, hi := seg.FindFiles(root, name)
	for j := lo; j < hi; j++ {
		if seg.File(j).Offset == offset {
			return j, true
		}
	}
	return 0, false
}

// segmentOrder is the live segment docs newest first: each segment is in
// that order already, so the segments are merged, linearly.
func (l *Library) segmentOrder() []uint32 {
	var order []uint32
	for _, p := range l.segs {
		run := make([]uint32, 0, p.seg.Len())
		for i := range uint32(p.seg.Len()) {
			if !l.dead.Has(p.base + i) {
				run = append(run, p.base+i)
			}
		}
		if order == nil {
			order = run
			continue
		}
		order = index.MergeSorted(order, run, l.compare)
	}
	return order
}

// findLive returns the live doc with this ID: the tail's, or else the
// newest segment's that holds it.
func (l *Library) findLive(id article.ID) (uint32, bool) {
	if doc, ok := l.byID[id]; ok {
		return doc, true
	}
	for k := len(l.segs) - 1; k >= 0; k-- {
		p := &l.segs[k]
		if i, ok := p.seg.Find(id); ok && !l.dead.Has(p.base+i) {
			return p.base + i, true
		}
	}
	return 0, false
}

// lookup returns the docs holding w (see index.Index.Words), over
// every segment and the tail.
func (l *Library) lookup(w string, prefix, title bool) index.Bitset {
	n := l.ndocs()
	var docs index.Bitset
	if len(l.docs) > 0 {
		docs = l.idx.Words(w, prefix, title, n)
	} else {
		docs = index.NewBitset(n)
	}
	if len(l.segs) == 0 {
		return docs
	}
	if prefix && len(w) <= 2 {
		docs.Or(l.segPrefix.get(l.segs, w, title, n))
		return docs
	}
	for _, p := range l.segs {
		p.seg.OrInto(docs, p.base, w, prefix, title)
	}
	return docs
}

// prefixCache keeps the segments' doc sets of prefixes of one or two
// letters, which span thousands of words and are what every word begins
// as while it is typed. The segments never change, so neither do these.
type prefixCache struct {
	mu   sync.Mutex
	sets map[string]index.Bitset
}

func (c *prefixCache) get(segs []segPart, p string, title bool, n int) index.Bitset {
	key := p
	if title {
		key = "title:" + p
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if set, ok := c.sets[key]; ok && len(set) == (n+63)/64 {
		return set
	}
	set := index.NewBitset(n)
	for _, s := range segs {
		s.seg.OrInto(set, s.base, p, true, title)
	}
	if c.sets == nil {
		c.sets = map[string]index.Bitset{}
	}
	c.sets[key] = set
	return set
}

// segFiles returns the file numbers of the segment records of this file,
// not gone.
func (l *Library) segFileRecs(root int, name string) []int {
	var recs []int
	for _, p := range l.segs {
		lo, hi := p.seg.FindFiles(uint32(root), name)
		for j := lo; j < hi; j++ {
			if !l.segGone.Has(uint32(p.fileBase + j)) {
				recs = append(recs, p.fileBase+j)
			}
		}
	}
	return recs
}

// file returns file record f: a segment's, or the tail's.
func (l *Library) file(f int) fileRec {
	if f >= l.segFiles {
		return l.files[f-l.segFiles]
	}
	k := len(l.segs) - 1
	for k > 0 && l.segs[k].fileBase > f {
		k--
	}
	p := &l.segs[k]
	sf := p.seg.File(f - p.fileBase)
	return fileRec{root: int(sf.Root), name: sf.Name, offset: sf.Offset, doc: p.base + sf.Doc,
		stamp: stampOf(sf), live: l.segLive.Has(uint32(f))}
}

// segFileCount is how many file records the segments hold.
func (l *Library) segFileCount() int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.segFiles
}
