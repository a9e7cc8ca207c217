package index

import (
	"slices"
	"sort"
	"strings"
	"sync"
)

// Index maps words to the documents holding them, in the headline or
// body (all) and in the headline alone (title), all in memory. Docs are
// numbered by the caller, from 0, in the order they are added.
type Index struct {
	dict  *dict
	all   postingSet
	title postingSet

	// sorted lists term numbers in word order, for prefix look-ups; terms
	// numbered since it was built wait in a tail that the next look-up
	// sorts and merges in.
	sortMu sync.Mutex
	sorted []uint32
	nterms int // terms covered by sorted

	// pCache holds the doc sets of short prefixes for a library of pDocs
	// docs; a change in the number of docs empties it.
	pMu    sync.Mutex
	pCache map[string]Bitset
	pDocs  int
}

// New returns an empty index.
func New() *Index { return &Index{dict: newDict()} }

// Emptied returns an index of no docs with x's terms: a caller that has
// written x's postings out (a segment) and goes on adding docs, with
// Termers that number terms in x's dictionary, adds them to it. x must
// not be added to after.
func (x *Index) Emptied() *Index {
	x.sortMu.Lock()
	defer x.sortMu.Unlock()
	return &Index{dict: x.dict, sorted: x.sorted, nterms: x.nterms}
}

// Add records doc under each of its terms and its headline's, as a
// Termer made them. Docs arrive in ascending order. Add may not run at
// the same time as anything else on x but a Termer's work; the caller's
// lock sees to it.
func (x *Index) Add(doc uint32, terms, title []uint32) {
	x.all.add(doc, terms)
	x.title.add(doc, title)
}

// MergeSorted merges two slices sorted by cmp into a new one, b's items
// going before a's equal ones: linear, where sorting both again would be
// n log n.
func MergeSorted(a, b []uint32, cmp func(x, y uint32) int) []uint32 {
	merged := make([]uint32, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if cmp(b[j], a[i]) < 0 {
			merged = append(merged, b[j])
			j++
		} else {
			merged = append(merged, a[i])
			i++
		}
	}
	merged = append(merged, a[i:]...)
	return append(merged, b[j:]...)
}

// MergeInto merges b into a, both sorted by cmp, a's items going before
// b's equal ones as in MergeSorted, and returns the result, which reuses
// a's array when it has room. Each of b's items is placed by a binary
// search, from the back: a few items into many cost their count times
// the log of a's in comparisons, and one move of a's tail, where a linear
// merge compares every item of a (a cold load of a million articles in
// batches of 512 made a billion comparisons that way).
func MergeInto(a, b []uint32, cmp func(x, y uint32) int) []uint32 {
	n := len(a)
	a = slices.Grow(a, len(b))[:n+len(b)]
	end, i := len(a), n // a[end:] is merged; a[:i] is what is left of a
	for j := len(b) - 1; j >= 0; j-- {
		// a's items from k on go after b[j].
		k := sort.Search(i, func(k int) bool { return cmp(b[j], a[k]) < 0 })
		end -= i - k
		copy(a[end:], a[k:i])
		i = k
		end--
		a[end] = b[j]
	}
	return a
}

// Prefixed returns the term numbers of every word starting with p.
func (x *Index) Prefixed(p string) []uint32 {
	x.sortMu.Lock()
	defer x.sortMu.Unlock()
	// Taken under sortMu, so it covers every term that sorted holds.
	words := x.dict.snapshot()
	if x.nterms < len(words) {
		tail := make([]uint32, 0, len(words)-x.nterms)
		for t := x.nterms; t < len(words); t++ {
			tail = append(tail, uint32(t))
		}
		byWord := func(a, b uint32) int { return strings.Compare(words[a], words[b]) }
		slices.SortFunc(tail, byWord)
		x.sorted, x.nterms = MergeSorted(x.sorted, tail, byWord), len(words)
	}
	sorted := x.sorted
	lo, _ := slices.BinarySearchFunc(sorted, p, func(t uint32, p string) int { return strings.Compare(words[t], p) })
	hi := lo
	for hi < len(sorted) && strings.HasPrefix(words[sorted[hi]], p) {
		hi++
	}
	return sorted[lo:hi]
}

// Words returns the docs holding word w, in the headline alone when
// title is set, or a word starting with w when prefix is set, as a set
// over ndocs docs.
func (x *Index) Words(w string, prefix, title bool, ndocs int) Bitset {
	set := &x.all
	if title {
		set = &x.title
	}
	if prefix {
		return x.prefixSet(set, title, w, ndocs)
	}
	docs := NewBitset(ndocs)
	if t, ok := x.dict.lookup(w); ok {
		set.addDocs(docs, t)
	}
	return docs
}

// prefixSet returns the docs holding a word that starts with p. A prefix
// of one or two letters spans thousands of words and a good share of all
// postings, and it is what every word begins as while it is typed, so
// those sets are kept until the library changes.
func (x *Index) prefixSet(set *postingSet, title bool, p string, ndocs int) Bitset {
	short := len(p) <= 2
	key := p
	if title {
		key = "title:" + p
	}
	if short {
		x.pMu.Lock()
		cached, ok := x.pCache[key]
		ok = ok && x.pDocs == ndocs
		x.pMu.Unlock()
		if ok {
			return slices.Clone(cached)
		}
	}
	docs := NewBitset(ndocs)
	for _, t := range x.Prefixed(p) {
		set.addDocs(docs, t)
	}
	if short {
		x.pMu.Lock()
		if x.pDocs != ndocs || x.pCache == nil {
			x.pCache, x.pDocs = make(map[string]Bitset), ndocs
		}
		x.pCache[key] = slices.Clone(docs)
		x.pMu.Unlock()
	}
	return docs
}

// Lookup returns the term number of the folded word w, if known.
func (x *Index) Lookup(w string) (uint32, bool) { return x.dict.lookup(w) }

// Count is how many docs hold term t in their headline or body.
func (x *Index) Count(t uint32) int { return x.all.docCount(t) }

// EachDoc calls fn with each doc holding term t in its headline or body.
func (x *Index) EachDoc(t uint32, fn func(doc uint32)) { x.all.eachDoc(t, fn) }

// Warm works out the doc sets of the one-letter prefixes ahead of time,
// for an index of ndocs docs, so that the first key typed in a filter is
// as quick as the rest.
func (x *Index) Warm(ndocs int) {
	for _, c := range "abcdefghijklmnopqrstuvwxyz0123456789" {
		x.prefixSet(&x.all, false, string(c), ndocs)
	}
}

// DenseLists is how many posting lists are bitsets, of headlines and
// bodies: for tests that must know the bitset form is in use.
func (x *Index) DenseLists() int {
	n := 0
	for _, d := range x.all.dense {
		if d {
			n++
		}
	}
	return n
}
