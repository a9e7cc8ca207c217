package store

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/index"
	"github.com/broadsheet/broadsheet/store/scan"
	"github.com/broadsheet/broadsheet/store/text"
)

// Library holds the loaded articles, newest first, with an inverted index
// over their words. It is safe for one loader and many readers at once.
type Library struct {
	// KeepBodies keeps every article's body in memory after Load; by
	// default bodies are dropped once indexed and Open reads them again.
	KeepBodies bool
	// CacheDir, when set, is where Load keeps its index between runs.
	CacheDir string
	// Check is how Load checks the files on disk against the cache: every
	// file (the default), or the folders (see Check).
	Check Check

	mu sync.RWMutex
	// loading is held by a load from start to end, and by Compact while
	// it renumbers: a load holds doc and file numbers of its own.
	loading sync.Mutex
	// compacting is set while Compact merges, for saves to leave the
	// segments to it.
	compacting atomic.Bool
	// usedAt is when a search or an open last came, in Unix nanoseconds:
	// a background merge waits while they come (see Compact).
	usedAt atomic.Int64
	// num is how the docs are numbered now (numbering.go).
	num *numbering
	// The mapped segments (segments.go) hold docs 0 to segDocs-1 and
	// file records 0 to segFiles-1; the tail, what loads added since,
	// holds the rest.
	segs     []segPart
	segDocs  uint32
	segFiles int
	made     madeTable    // segment docs built so far
	segLive  index.Bitset // segment files found by this load
	segGone  index.Bitset // segment files no longer standing
	// unmarked are the ranges of segment files a load over scopes
	// unmarked; nil when it unmarked them all.
	unmarked [][2]int
	roots    []article.Root // what the segments' root numbers index
	// segPrefix keeps the segments' sets of short prefixes.
	segPrefix prefixCache

	docs  []*article.Article // the tail's, by doc number less segDocs
	pairs []pairRef          // their filters of adjacent words and sketches, in log
	log   pairLog
	byID  map[article.ID]uint32   // the tail's live article IDs to doc numbers
	order []uint32                // live doc numbers, newest first
	dead  index.Bitset            // doc numbers whose files are gone
	files []fileRec               // the tail's file records, by file number less segFiles
	idx   *index.Index            // the tail's words to doc numbers
	skips []scan.Skip             // files not loaded
	bad   map[fileKey][]scan.Skip // bad records, by the file they are in
	// folders are the folders' stamps when last listed (folders.go).
	folders map[folderKey]folderStamp
	ranks   titleRankCache // docs' places in headline order
	// gen counts changes to the order, for what is worked out from it.
	gen        uint64
	totalCache struct {
		sync.Mutex
		gen   uint64
		words int
	}
	whereCache struct {
		sync.Mutex
		gen uint64
		any bool
	}
	runsCache runsCache  // the order cut into runs, for results
	stories   storyCache // near-copies grouped, for Stories
	// watcher is how Watch follows the roots; nil for the default.
	watcher *scan.Watcher
	// slowRead and giveUp, when set, replace the load's limits on one
	// slow file (see slow.go), for tests.
	slowRead, giveUp time.Duration
	// cacheMax, when set, replaces the cache folder's size bound, for
	// tests.
	cacheMax int64
	// spillDocs is how many docs a cold load holds in the heap before it
	// writes them as a segment and reads them from it (spill); tests
	// make it small.
	spillDocs int
	// merged, when set, is called by Compact between its merge and
	// taking the merged segment in, for tests.
	merged func()
}

// NewLibrary returns an empty library.
func NewLibrary() *Library {
	return &Library{byID: make(map[article.ID]uint32), idx: index.New(), num: &numbering{}, spillDocs: spillDocs}
}

// Len is the number of articles loaded.
func (l *Library) Len() int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return len(l.order)
}

// Skipped lists the files that were not loaded, with reasons, by path.
func (l *Library) Skipped() []scan.Skip {
	l.mu.RLock()
	defer l.mu.RUnlock()
	s := append([]scan.Skip(nil), l.skips...)
	scan.SortSkips(s)
	return s
}

// Add puts already parsed articles into the library, bodies and all, as
// tests and small callers need.
func (l *Library) Add(as ...*article.Article) {
	batch := make([]loaded, 0, len(as))
	t := index.NewTermer(l.idx)
	for _, a := range as {
		p := loaded{a: a, rec: fileRec{root: -1}}
		l.index(&p, t)
		batch = append(batch, p)
	}
	l.add(batch, nil)
}

// loaded is one article's outcome in a load: a parsed article with its
// distinct term numbers and its file's record, or (a nil) the records of
// a cached file found unchanged.
type loaded struct {
	a     *article.Article
	terms []uint32    // of the headline and body
	title []uint32    // of the headline
	pairs pairRef     // a's filter of adjacent words and sketch, in the log
	files []int       // with a nil: the cached records found unchanged
	stamp *scan.Stamp // with files: their file's stamp now, if it moved on
	rec   fileRec     // the file a was read from; root -1 for none
}

// fileRec is one file behind an article: several byte-identical files may
// stand behind one. A load keeps the record's size and modification time
// so that the next start can tell whether the file changed.
type fileRec struct {
	root   int // index of the root, in the roots given to Load
	name   string
	offset int64 // of the article's record, in a file of many
	stamp  scan.Stamp
	doc    uint32
	live   bool // found by the current load
}

type fileKey struct {
	root int
	name string
}

// lastRecord is the offset, ID and file size of the last record of a
// cached file of a format that splits, the one resume checks.
func (l *Library) lastRecord(recs []int) (offset int64, id article.ID, size int64, ok bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	var rec fileRec
	found := false
	for _, f := range recs {
		if r := l.file(f); !found || r.offset > rec.offset {
			rec, found = r, true
		}
	}
	if !found {
		return 0, id, 0, false
	}
	a := l.article(rec.doc)
	if format := article.Lookup(a.Format); format == nil || format.Split == nil {
		return 0, id, 0, false
	}
	return rec.offset, a.ID, rec.stamp.Size, true
}

// filesUnchanged says whether the cached records of one file still have
// this stamp.
func (l *Library) filesUnchanged(recs []int, stamp scan.Stamp) bool {
	l.mu.RLock()
	defer l.mu.RUnlock()
	for _, f := range recs {
		if l.file(f).stamp != stamp {
			return false
		}
	}
	return true
}

// add indexes a batch and merges it into the date order. It returns how
// many articles were byte-identical copies of ones already held, and how
// many were new or (a copy found) gained a file, which the cache must
// learn.
func (l *Library) add(batch []loaded, skips []scan.Skip) (dupes, fresh int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.skips = append(l.skips, skips...)
	added := make([]uint32, 0, len(batch))
	for _, p := range batch {
		if p.a == nil {
			l.keepFiles(p.files, p.stamp)
			continue
		}
		doc, ok := l.findLive(p.a.ID)
		if ok {
			dupes++
			if p.rec.root >= 0 {
				fresh++
			}
		} else {
			doc = uint32(l.ndocs())
			l.docs, l.pairs = append(l.docs, p.a), append(l.pairs, p.pairs)
			l.byID[p.a.ID] = doc
			l.idx.Add(doc, p.terms, p.title)
			added = append(added, doc)
		}
		if p.rec.root >= 0 {
			p.rec.doc, p.rec.live = doc, true
			l.addFile(p.rec)
		}
	}
	if len(added) == 0 {
		return dupes, fresh
	}
	// Merge the sorted batch into the order in place: a batch's length
	// times the log of the library's in comparisons, where re-sorting
	// everything would be n log n per batch. Readers copy the order under
	// the read lock, so none sees it moved.
	slices.SortFunc(added, l.compare)
	l.order = index.MergeInto(l.order, added, l.compare)
	l.gen++
	return dupes, fresh + len(added)
}

// addFile appends a file record to the tail's.
func (l *Library) addFile(rec fileRec) {
	if len(l.files) == cap(l.files) {
		// A quarter to spare, not append's double.
		l.files = slices.Grow(l.files, len(l.files)/4+512)
	}
	l.files = append(l.files, rec)
}

// keepFiles marks file records found unchanged as live; with a stamp,
// their file has grown and they take the stamp. A segment's record
// cannot change: it goes, and a copy with the new stamp joins the tail's.
// The caller holds the lock.
func (l *Library) keepFiles(recs []int, stamp *scan.Stamp) {
	for _, f := range recs {
		if f >= l.segFiles {
			l.files[f-l.segFiles].live = true
			if stamp != nil {
				l.files[f-l.segFiles].stamp = *stamp
			}
			continue
		}
		if stamp == nil {
			l.segLive.Set(uint32(f))
			continue
		}
		rec := l.file(f)
		rec.stamp, rec.live = *stamp, true
		l.segGone.Set(uint32(f))
		l.addFile(rec)
	}
}

// compare orders articles newest first; undated ones go last, and ties are
// broken by headline and then ID so the order never depends on load order.
func (l *Library) compare(x, y uint32) int {
	fa, da, ha, ia := l.sortKey(x)
	fb, db, hb, ib := l.sortKey(y)
	if fa != fb {
		if fa != 0 {
			return 1
		}
		return -1
	}
	if c := cmp.Compare(db, da); c != 0 {
		return c
	}
	if c := strings.Compare(ha, hb); c != 0 {
		return c
	}
	return bytes.Compare(ia[:], ib[:])
}

// WarmPrefixes works out the doc sets of the one-letter prefixes ahead of
// time, so that the first key typed in a filter is as quick as the rest.
func (l *Library) WarmPrefixes() {
	l.mu.RLock()
	defer l.mu.RUnlock()
	l.idx.Warm(l.ndocs())
	if len(l.segs) > 0 {
		for _, c := range "abcdefghijklmnopqrstuvwxyz0123456789" {
			l.segPrefix.get(l.segs, string(c), false, l.ndocs())
		}
	}
}

// Open returns the article with its body, reading it from disk again when
// the library dropped the body after indexing to save memory.
func (l *Library) Open(a *article.Article) (*article.Article, error) {
	l.used()
	if a.Body != "" || a.Loc.Root == nil {
		return a, nil
	}
	return scan.ReadLoc(a.Loc)
}

// ByPath returns the live article whose file is at path, as shown: after
// an edit changes an article's bytes, and so its ID, this finds it again.
func (l *Library) ByPath(path string) (*article.Article, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	for _, doc := range l.order {
		if l.pathIs(doc, path) {
			return l.article(doc), true
		}
	}
	return nil, false
}

// CountUnread counts the library's articles that read does not accept.
func (l *Library) CountUnread(read func(article.ID) bool) int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	n := 0
	for _, doc := range l.order {
		if !read(l.id(doc)) {
			n++
		}
	}
	return n
}

// Get returns the article with the given ID.
func (l *Library) Get(id article.ID) (*article.Article, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	doc, ok := l.findLive(id)
	if !ok {
		return nil, false
	}
	return l.article(doc), true
}

// ErrNotFound and ErrAmbiguous are what Resolve says of a bad ID.
var (
	ErrNotFound  = errors.New("no article has that ID")
	ErrAmbiguous = errors.New("that article.ID prefix names more than one article")
)

// Resolve finds the one article whose ID starts with prefix (hex, any
// case).
func (l *Library) Resolve(prefix string) (*article.Article, error) {
	p := strings.ToLower(prefix)
	if p == "" || strings.Trim(p, "0123456789abcdef") != "" {
		return nil, fmt.Errorf("%q: %w", text.SanitizeLine(prefix), article.ErrNotFound)
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	found, n := uint32(0), 0
	for _, doc := range l.order {
		if idHasPrefix(l.id(doc), p) {
			if n++; n > 1 {
				return nil, fmt.Errorf("%s: %w", p, article.ErrAmbiguous)
			}
			found = doc
		}
	}
	if n == 0 {
		return nil, fmt.Errorf("%s: %w", p, article.ErrNotFound)
	}
	return l.article(found), nil
}

// idHasPrefix says whether id's hex form starts with p, lower-case hex,
// without writing the hex out: Resolve asks it of every article.
func idHasPrefix(id article.ID, p string) bool {
	const digits = "0123456789abcdef"
	if len(p) > 2*len(id) {
		return false
	}
	for i := 0; i < len(p); i++ {
		nib := id[i/2] >> 4
		if i%2 == 1 {
			nib = id[i/2] & 0xf
		}
		if digits[nib] != p[i] {
			return false
		}
	}
	return true
}
