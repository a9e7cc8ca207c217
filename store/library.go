package store

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Library holds the loaded articles, newest first, with an inverted index
// over their words. It is safe for one loader and many readers at once.
type Library struct {
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

// Add puts already parsed articles into the library, as Load does.
func (l *Library) Add(as ...*Article) { l.add(as, nil) }

// add indexes a batch and merges it into the date order. It returns how
// many articles were byte-identical copies of ones already held.
func (l *Library) add(batch []*Article, skips []Skip) int {
	// Tokenise outside the lock: it is the costly part.
	type prepared struct {
		a     *Article
		words []string
	}
	prep := make([]prepared, 0, len(batch))
	for _, a := range batch {
		prep = append(prep, prepared{a, uniqueWords(a)})
	}

	l.mu.Lock()
	defer l.mu.Unlock()
	l.skips = append(l.skips, skips...)
	dupes := 0
	fresh := make([]uint32, 0, len(prep))
	for _, p := range prep {
		if _, ok := l.byID[p.a.ID]; ok {
			dupes++
			continue
		}
		doc := uint32(len(l.docs))
		l.docs = append(l.docs, p.a)
		l.byID[p.a.ID] = doc
		l.idx.add(doc, p.words)
		fresh = append(fresh, doc)
	}
	if len(fresh) == 0 {
		return dupes
	}
	sort.Slice(fresh, func(i, j int) bool { return l.newer(fresh[i], fresh[j]) })
	// Merge the sorted batch into the order: linear in the library size,
	// where re-sorting everything would be n log n per batch.
	merged := make([]uint32, 0, len(l.order)+len(fresh))
	i, j := 0, 0
	for i < len(l.order) && j < len(fresh) {
		if l.newer(fresh[j], l.order[i]) {
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

// newer orders articles newest first; undated ones go last, and ties are
// broken by headline and then ID so the order never depends on load order.
func (l *Library) newer(x, y uint32) bool {
	a, b := l.docs[x], l.docs[y]
	if a.Undated != b.Undated {
		return !a.Undated
	}
	if !a.Date.Equal(b.Date) {
		return a.Date.After(b.Date)
	}
	if a.Headline != b.Headline {
		return a.Headline < b.Headline
	}
	return strings.Compare(a.ID.String(), b.ID.String()) < 0
}

// uniqueWords lists the distinct folded words of an article's headline and
// body.
func uniqueWords(a *Article) []string {
	seen := make(map[string]struct{}, 256)
	out := make([]string, 0, 256)
	for _, text := range [...]string{a.Headline, a.Body} {
		forEachWord(text, func(s, e int) {
			w := Fold(text[s:e])
			if _, ok := seen[w]; !ok {
				seen[w] = struct{}{}
				out = append(out, w)
			}
		})
	}
	return out
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
