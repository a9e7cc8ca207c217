package store

import (
	"math/bits"
	"sort"
	"strings"
	"sync"
)

// index maps each folded word to the sorted list of documents holding it,
// with a sorted dictionary for prefix look-ups.
type index struct {
	ids      map[string]uint32 // word to term number
	postings [][]uint32        // term number to ascending doc numbers
	words    []string          // term number to word
	// sorted holds term numbers in word order. It is rebuilt lazily, by
	// the first search after new words arrive, under sortMu since searches
	// share the library's read lock.
	sortMu sync.Mutex
	sorted []uint32
	stale  bool
}

func newIndex() *index { return &index{ids: make(map[string]uint32)} }

// add records doc under each of its distinct words. Docs arrive in
// ascending order, so every posting list stays sorted.
func (x *index) add(doc uint32, words []string) {
	for _, w := range words {
		t, ok := x.ids[w]
		if !ok {
			t = uint32(len(x.words))
			x.ids[w] = t
			x.words = append(x.words, w)
			x.postings = append(x.postings, nil)
			x.stale = true
		}
		x.postings[t] = append(x.postings[t], doc)
	}
}

// prefixed returns the term numbers of every word starting with p.
func (x *index) prefixed(p string) []uint32 {
	x.sortMu.Lock()
	defer x.sortMu.Unlock()
	if x.stale {
		x.sorted = x.sorted[:0]
		for t := range x.words {
			x.sorted = append(x.sorted, uint32(t))
		}
		sort.Slice(x.sorted, func(i, j int) bool { return x.words[x.sorted[i]] < x.words[x.sorted[j]] })
		x.stale = false
	}
	lo := sort.Search(len(x.sorted), func(i int) bool { return x.words[x.sorted[i]] >= p })
	hi := lo
	for hi < len(x.sorted) && strings.HasPrefix(x.words[x.sorted[hi]], p) {
		hi++
	}
	return x.sorted[lo:hi]
}

// match returns the set of docs holding every word of q, the last as a
// prefix.
func (x *index) match(q Query, ndocs int) bitset {
	var set bitset
	for i, w := range q.Words {
		cur := newBitset(ndocs)
		if i == len(q.Words)-1 {
			for _, t := range x.prefixed(w) {
				cur.addAll(x.postings[t])
			}
		} else if t, ok := x.ids[w]; ok {
			cur.addAll(x.postings[t])
		}
		if set == nil {
			set = cur
		} else {
			set.and(cur)
		}
	}
	return set
}

type bitset []uint64

func newBitset(n int) bitset { return make(bitset, (n+63)/64) }

func (b bitset) addAll(docs []uint32) {
	for _, d := range docs {
		b[d>>6] |= 1 << (d & 63)
	}
}

func (b bitset) has(d uint32) bool { return b[d>>6]&(1<<(d&63)) != 0 }

func (b bitset) and(o bitset) {
	for i := range b {
		b[i] &= o[i]
	}
}

func (b bitset) count() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}
