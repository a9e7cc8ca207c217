package store

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Library holds the loaded articles, newest first, with an inverted index
// over their words. It is safe for one loader and many readers at once.
type Library struct {
	// KeepBodies keeps every article's body in memory after Load; by
	// default bodies are dropped once indexed and Open reads them again.
	KeepBodies bool

	mu    sync.RWMutex
	docs  []*Article    // by doc number, in load order
	byID  map[ID]uint32 // article ID to doc number
	order []uint32      // doc numbers, newest first
	idx   *index        // words to doc numbers
	skips []Skip        // files not loaded
}

// NewLibrary returns an empty library.
func NewLibrary() *Library {
	return &Library{byID: make(map[ID]uint32), idx: newIndex()}
}

// Len is the number of articles loaded.
func (l *Library) Len() int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return len(l.docs)
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
	var buf []byte
	for _, a := range as {
		var terms []uint32
		terms, buf = l.idx.dict.termsOf(a, buf, nil)
		batch = append(batch, loaded{a, terms})
	}
	l.add(batch, nil)
}

// loaded is a parsed article with its distinct term numbers.
type loaded struct {
	a     *Article
	terms []uint32
}

// add indexes a batch and merges it into the date order. It returns how
// many articles were byte-identical copies of ones already held.
func (l *Library) add(batch []loaded, skips []Skip) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.skips = append(l.skips, skips...)
	dupes := 0
	fresh := make([]uint32, 0, len(batch))
	for _, p := range batch {
		if _, ok := l.byID[p.a.ID]; ok {
			dupes++
			continue
		}
		doc := uint32(len(l.docs))
		l.docs = append(l.docs, p.a)
		l.byID[p.a.ID] = doc
		l.idx.add(doc, p.terms)
		fresh = append(fresh, doc)
	}
	if len(fresh) == 0 {
		return dupes
	}
	slices.SortFunc(fresh, l.compare)
	// Merge the sorted batch into the order: linear in the library size,
	// where re-sorting everything would be n log n per batch.
	merged := make([]uint32, 0, len(l.order)+len(fresh))
	i, j := 0, 0
	for i < len(l.order) && j < len(fresh) {
		if l.compare(fresh[j], l.order[i]) < 0 {
			merged = append(merged, fresh[j])
			j++
		} else {
			merged = append(merged, l.order[i])
			i++
		}
	}
	merged = append(merged, l.order[i:]...)
	merged = append(merged, fresh[j:]...)
	l.order = merged
	return dupes
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

// Open returns the article with its body, reading it from disk again when
// the library dropped the body after indexing to save memory.
func (l *Library) Open(a *Article) (*Article, error) {
	if a.Body != "" || a.root == nil {
		return a, nil
	}
	full, err := readArticle(a.root, a.name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", SanitizeLine(a.Path), err)
	}
	return full, nil
}

// Result is what a search found: the matching articles in display order,
// out of Total in the library.
type Result struct {
	Articles []*Article
	Total    int
}

// SearchOptions narrow a search beyond its words.
type SearchOptions struct {
	// Only, when set, keeps just the articles it accepts (a bookmarks view).
	Only func(ID) bool
}

// Search returns the articles matching q, newest first.
func (l *Library) Search(q Query, opt SearchOptions) Result {
	l.mu.RLock()
	defer l.mu.RUnlock()
	res := Result{Total: len(l.docs)}
	var set bitset
	if !q.Empty() {
		set = l.idx.match(q, len(l.docs))
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
	return res
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
		return nil, fmt.Errorf("%q: %w", SanitizeLine(prefix), ErrNotFound)
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	var found *Article
	for _, a := range l.docs {
		if strings.HasPrefix(a.ID.String(), p) {
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
