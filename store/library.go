package store

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

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

	mu    sync.RWMutex
	docs  []*Article    // by doc number, in load order
	byID  map[ID]uint32 // live article ID to doc number
	order []uint32      // live doc numbers, newest first
	dead  bitset        // doc numbers whose files are gone
	files []fileRec     // the files behind the docs
	idx   *index        // words to doc numbers
	// indexed is false while a cache's articles are on show but its
	// index is still being read: searches then find nothing but all.
	indexed bool
	skips   []Skip // files not loaded
}

// NewLibrary returns an empty library.
func NewLibrary() *Library {
	return &Library{byID: make(map[ID]uint32), idx: newIndex(), indexed: true}
}

// Len is the number of articles loaded.
func (l *Library) Len() int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return len(l.order)
}

// Skipped lists the files that were not loaded, with reasons, by path.
func (l *Library) Skipped() []Skip {
	l.mu.RLock()
	defer l.mu.RUnlock()
	s := append([]Skip(nil), l.skips...)
	sortSkips(s)
	return s
}

// Add puts already parsed articles into the library, bodies and all, as
// tests and small callers need.
func (l *Library) Add(as ...*Article) {
	batch := make([]loaded, 0, len(as))
	t := newTermer(l.idx.dict)
	for _, a := range as {
		terms, title, _ := t.terms(a)
		batch = append(batch, loaded{a: a, terms: terms, title: title, file: -1, rec: fileRec{root: -1}})
	}
	l.add(batch, nil)
}

// loaded is one file's outcome in a load: a parsed article with its
// distinct term numbers and its file's record, or (a nil) a cached file
// found unchanged.
type loaded struct {
	a     *Article
	terms []uint32 // of the headline and body
	title []uint32 // of the headline
	file  int      // the cached file found unchanged, or -1
	rec   fileRec  // the file a was read from; root -1 for none
}

// fileRec is one file behind an article: several byte-identical files may
// stand behind one. A load keeps the record's size and modification time
// so that the next start can tell whether the file changed.
type fileRec struct {
	root  int // index of the root, in the roots given to Load
	name  string
	size  int64
	mtime int64 // UnixNano
	doc   uint32
	live  bool // found by the current load
}

type fileKey struct {
	root int
	name string
}

// fileUnchanged says whether cached file f still has this size and time.
func (l *Library) fileUnchanged(f int, size, mtime int64) bool {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.files[f].size == size && l.files[f].mtime == mtime
}

// add indexes a batch and merges it into the date order. It returns how
// many articles were byte-identical copies of ones already held, and how
// many were new.
func (l *Library) add(batch []loaded, skips []Skip) (dupes, fresh int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.skips = append(l.skips, skips...)
	added := make([]uint32, 0, len(batch))
	for _, p := range batch {
		if p.a == nil {
			l.files[p.file].live = true
			continue
		}
		doc, ok := l.byID[p.a.ID]
		if ok {
			dupes++
		} else {
			doc = uint32(len(l.docs))
			l.docs = append(l.docs, p.a)
			l.byID[p.a.ID] = doc
			l.idx.add(doc, p.terms, p.title)
			added = append(added, doc)
		}
		if p.rec.root >= 0 {
			p.rec.doc, p.rec.live = doc, true
			if len(l.files) == cap(l.files) {
				// A quarter to spare, not append's double.
				l.files = slices.Grow(l.files, len(l.files)/4+512)
			}
			l.files = append(l.files, p.rec)
		}
	}
	if len(added) == 0 {
		return dupes, 0
	}
	// Merge the sorted batch into the order: linear in the library size,
	// where re-sorting everything would be n log n per batch.
	slices.SortFunc(added, l.compare)
	l.order = mergeSorted(l.order, added, l.compare)
	return dupes, len(added)
}

// settle ends a load over roots: files it did not find are forgotten,
// articles left with no file go, and an article whose file went but whose
// byte-identical copy stayed now points at the copy. It reports whether
// anything changed.
func (l *Library) settle(roots []Root) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	hadFile := make([]bool, len(l.docs))
	liveFile := make([]int, len(l.docs)) // a live file of each doc, plus one
	ownFile := make([]bool, len(l.docs)) // the article's own file is live
	kept := l.files[:0]
	for _, f := range l.files {
		hadFile[f.doc] = true
		if !f.live {
			continue
		}
		liveFile[f.doc] = len(kept) + 1
		a := l.docs[f.doc]
		if a.root == &roots[f.root] && a.name == f.name {
			ownFile[f.doc] = true
		}
		kept = append(kept, f)
	}
	changed := len(kept) < len(l.files)
	l.files = kept
	var gone []uint32
	for doc := range l.docs {
		switch {
		case !hadFile[doc] || l.dead.has(uint32(doc)):
		case liveFile[doc] == 0:
			gone = append(gone, uint32(doc))
		case !ownFile[doc]:
			f := l.files[liveFile[doc]-1]
			moved := *l.docs[doc]
			moved.root, moved.name, moved.Path = &roots[f.root], f.name, roots[f.root].displayPath(f.name)
			moved.Folder = folderOf(f.name)
			l.docs[doc] = &moved
			changed = true
		}
	}
	if len(gone) == 0 {
		return changed
	}
	if len(l.dead) < len(l.docs)/64+1 {
		l.dead = append(l.dead, make(bitset, len(l.docs)/64+1-len(l.dead))...)
	}
	for _, doc := range gone {
		l.dead.set(doc)
		if id := l.docs[doc].ID; l.byID[id] == doc {
			delete(l.byID, id)
		}
	}
	l.order = slices.DeleteFunc(l.order, func(d uint32) bool { return l.dead.has(d) })
	return true
}

// compare orders articles newest first; undated ones go last, and ties are
// broken by headline and then ID so the order never depends on load order.
func (l *Library) compare(x, y uint32) int {
	a, b := l.docs[x], l.docs[y]
	if a.Undated != b.Undated {
		if a.Undated {
			return 1
		}
		return -1
	}
	if c := b.Date.Compare(a.Date); c != 0 {
		return c
	}
	if c := strings.Compare(a.Headline, b.Headline); c != 0 {
		return c
	}
	return bytes.Compare(a.ID[:], b.ID[:])
}

// WarmPrefixes works out the doc sets of the one-letter prefixes ahead of
// time, so that the first key typed in a filter is as quick as the rest.
func (l *Library) WarmPrefixes() {
	l.mu.RLock()
	defer l.mu.RUnlock()
	for _, c := range "abcdefghijklmnopqrstuvwxyz0123456789" {
		l.idx.prefixSet(&l.idx.all, false, string(c), len(l.docs))
	}
}

// Open returns the article with its body, reading it from disk again when
// the library dropped the body after indexing to save memory.
func (l *Library) Open(a *Article) (*Article, error) {
	if a.Body != "" || a.root == nil {
		return a, nil
	}
	full, err := readArticle(a.root, a.name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", text.SanitizeLine(a.Path), err)
	}
	return full, nil
}

// Result is what a search found: the matching articles in display order,
// out of Total in the library.
type Result struct {
	Articles []*Article
	Total    int
}

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
	Only func(ID) bool
	// Bookmarked and Read answer is:bookmarked and is:unread; without
	// them no article is bookmarked and every one is unread.
	Bookmarked func(ID) bool
	Read       func(ID) bool
	// Stale, when set, is asked now and then during a costly search (a
	// phrase is checked against each candidate's text, read from disk);
	// once it says true the search gives up, its result unwanted.
	Stale func() bool
}

// Search returns the articles matching q, newest first.
func (l *Library) Search(q Query, opt SearchOptions) Result {
	l.mu.RLock()
	defer l.mu.RUnlock()
	res := Result{Total: len(l.order)}
	var set bitset
	if !q.Empty() {
		set = l.eval(q.root, opt)
	}
	res.Articles = make([]*Article, 0, min(len(l.order), 1024))
	for _, doc := range l.order {
		if set != nil && !set.has(doc) {
			continue
		}
		a := l.docs[doc]
		if opt.Only != nil && !opt.Only(a.ID) {
			continue
		}
		res.Articles = append(res.Articles, a)
	}
	l.sortResults(res.Articles, q, opt.Sort)
	return res
}

// sortResults reorders results, which are newest first. The caller holds
// the read lock.
func (l *Library) sortResults(as []*Article, q Query, by Sort) {
	switch by {
	case SortOldest:
		// Reversed, but the undated stay last.
		n := len(as)
		for n > 0 && as[n-1].Undated {
			n--
		}
		slices.Reverse(as[:n])
	case SortTitle:
		slices.SortStableFunc(as, func(a, b *Article) int {
			return strings.Compare(foldTitle(a.Headline), foldTitle(b.Headline))
		})
	case SortRelevance:
		if len(q.Words) == 0 {
			return
		}
		score := l.bm25(q)
		slices.SortStableFunc(as, func(a, b *Article) int {
			return cmp.Compare(score(b), score(a))
		})
	}
}

// foldTitle is a headline as it sorts: case and accents ignored.
func foldTitle(h string) string { return strings.Join(text.Words(h), " ") }

// bm25 returns a scorer of articles for the words q looks for.
func (l *Library) bm25(q Query) func(*Article) float64 {
	const k1, b, titleWeight = 1.2, 0.75, 2.0
	ndocs := len(l.docs)
	prefix := map[string]bool{}
	collectPrefixes(q.root, prefix)
	type qword struct {
		all, title bitset
		idf        float64
	}
	var words []qword
	for _, w := range q.Words {
		all := l.idx.wordSet(w, prefix[w], false, ndocs)
		df := float64(all.count())
		words = append(words, qword{
			all:   all,
			title: l.idx.wordSet(w, prefix[w], true, ndocs),
			idf:   math.Log(1 + (float64(len(l.order))-df+0.5)/(df+0.5)),
		})
	}
	total := 0
	for _, doc := range l.order {
		total += l.docs[doc].Words
	}
	avg := max(1, float64(total)/float64(max(1, len(l.order))))
	scores := make(map[*Article]float64)
	return func(a *Article) float64 {
		if s, ok := scores[a]; ok {
			return s
		}
		doc, ok := l.byID[a.ID]
		s := 0.0
		if ok {
			norm := (k1 + 1) / (1 + k1*(1-b+b*float64(a.Words)/avg))
			for _, w := range words {
				if w.all.has(doc) {
					weight := 1.0
					if w.title.has(doc) {
						weight = titleWeight
					}
					s += w.idf * norm * weight
				}
			}
		}
		scores[a] = s
		return s
	}
}

// ByPath returns the live article whose file is at path, as shown: after
// an edit changes an article's bytes, and so its ID, this finds it again.
func (l *Library) ByPath(path string) (*Article, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	for _, doc := range l.order {
		if a := l.docs[doc]; a.Path == path {
			return a, true
		}
	}
	return nil, false
}

// CountUnread counts the library's articles that read does not accept.
func (l *Library) CountUnread(read func(ID) bool) int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	n := 0
	for _, doc := range l.order {
		if !read(l.docs[doc].ID) {
			n++
		}
	}
	return n
}

// Get returns the article with the given ID.
func (l *Library) Get(id ID) (*Article, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	doc, ok := l.byID[id]
	if !ok {
		return nil, false
	}
	return l.docs[doc], true
}

// ErrNotFound and ErrAmbiguous are what Resolve says of a bad ID.
var (
	ErrNotFound  = errors.New("no article has that ID")
	ErrAmbiguous = errors.New("that ID prefix names more than one article")
)

// Resolve finds the one article whose ID starts with prefix (hex, any
// case).
func (l *Library) Resolve(prefix string) (*Article, error) {
	p := strings.ToLower(prefix)
	if p == "" || strings.Trim(p, "0123456789abcdef") != "" {
		return nil, fmt.Errorf("%q: %w", text.SanitizeLine(prefix), ErrNotFound)
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	var found *Article
	for _, doc := range l.order {
		if a := l.docs[doc]; strings.HasPrefix(a.ID.String(), p) {
			if found != nil {
				return nil, fmt.Errorf("%s: %w", p, ErrAmbiguous)
			}
			found = a
		}
	}
	if found == nil {
		return nil, fmt.Errorf("%s: %w", p, ErrNotFound)
	}
	return found, nil
}
