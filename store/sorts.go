package store

import (
	"math"
	"slices"

	"github.com/broadsheet/broadsheet/store/index"
)

// The orders other than the date's, over results of up to a million docs
// on every keystroke: a stable sort by a key moves each doc many times
// (BenchmarkSort at a million: 240 ms a query by title, 156 by
// relevance), so the sorts here are unstable ones over keys made unique
// by the doc's place in the date order, which gives the same order.

// sortByTitle puts docs, which are in the date order, in title order,
// equal headlines in the date order.
func (l *Library) sortByTitle(docs []uint32) {
	if len(l.segs) == 1 && len(l.docs) == 0 && len(docs) > l.ndocs()/32 {
		// One segment alone holds its docs in the date order, and its
		// stored title order (by headline, then doc) filtered by the
		// result is the answer: one pass, no sort.
		seg := l.segs[0].seg
		in := index.NewBitset(l.ndocs())
		for _, d := range docs {
			in.Set(d)
		}
		out := docs[:0]
		for r := range seg.Len() {
			if d := seg.ByTitle(r); in.Has(d) {
				in.Clear(d) // once, even from a spoiled table
				out = append(out, d)
			}
		}
		return
	}
	rank := l.titleRanks()
	sortByKey(docs, func(doc uint32) uint32 { return rank[doc] })
}

// sortByScore puts docs, which are in the date order, in order of their
// scores, highest first, equal scores in the date order. A score counts
// to a float32's precision (seven digits), so that it and the doc's place
// make one uint64 key, sorted with no comparison function: a million
// keys sort in a third of the time.
func sortByScore(docs []uint32, score func(doc uint32) float64) {
	sortByKey(docs, func(doc uint32) uint32 {
		// A score is not negative, so its bits rise with it; flipped,
		// the highest comes first.
		return ^math.Float32bits(float32(max(0, score(doc))))
	})
}

// sortByKey puts docs, which are in the date order, in order of key,
// lowest first, equal keys in the date order: each doc's key and place
// make one uint64, sorted unstably.
func sortByKey(docs []uint32, key func(doc uint32) uint32) {
	keys := make([]uint64, len(docs))
	for i, doc := range docs {
		keys[i] = uint64(key(doc))<<32 | uint64(i)
	}
	slices.Sort(keys)
	byDate := slices.Clone(docs)
	for i, k := range keys {
		docs[i] = byDate[uint32(k)]
	}
}
