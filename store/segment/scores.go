package segment

import (
	"cmp"
	"math/bits"
	"slices"
)

// AddScores adds weights[i] to scores[base+doc] for each doc holding
// exactly words[i] in the headline or body: what calling EachDoc for
// each word in turn and adding its weight would do, each doc's weights
// added in the same order, but a container (65,536 docs) of every word
// at a time. A library's scores are megabytes, and adding a common
// word's docs all over them missed the cache at nearly every doc;
// calling a function for each doc cost as much again. Docs past the end
// of scores are left out.
func (s *Segment) AddScores(scores []float32, base uint32, words []string, weights []float32) {
	type part struct {
		key  uint64
		kind int
		data []byte
		word int
	}
	var parts []part
	for i, w := range words {
		if c, ok := s.lookup(w); ok {
			eachContainer(c.all, func(key uint64, kind int, data []byte) {
				parts = append(parts, part{key, kind, data, i})
			})
		}
	}
	// Stable: within a container's docs the words stay in order.
	slices.SortStableFunc(parts, func(a, b part) int { return cmp.Compare(a.key, b.key) })
	for _, p := range parts {
		addContainer(scores, uint64(base)+p.key, p.kind, p.data, weights[p.word])
	}
}

// addContainer adds weight to the score of each doc of one container,
// its docs counted from start.
func addContainer(scores []float32, start uint64, kind int, data []byte, weight float32) {
	n := uint64(len(scores))
	switch kind {
	case kindArray:
		for i := 0; i+2 <= len(data); i += 2 {
			if d := start + uint64(le.Uint16(data[i:])); d < n {
				scores[d] += weight
			}
		}
	case kindRun:
		for i := 0; i+4 <= len(data); i += 4 {
			lo := start + uint64(le.Uint16(data[i:]))
			for d := lo; d <= lo+uint64(le.Uint16(data[i+2:])) && d < n; d++ {
				scores[d] += weight
			}
		}
	case kindBitmap:
		for i := 0; i+8 <= len(data); i += 8 {
			for x := le.Uint64(data[i:]); x != 0; x &= x - 1 {
				if d := start + uint64(i*8+bits.TrailingZeros64(x)); d < n {
					scores[d] += weight
				}
			}
		}
	}
}
