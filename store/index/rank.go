package index

import "math/bits"

// Ranked is a bitset that can be read by position: the i'th doc in
// ascending order, and how many docs are below a doc, each in a few
// steps. A filter's result over a million docs is read a screenful at a
// time; listing every doc of it at each keystroke, to show forty, was
// most of what a keystroke cost.
type Ranked struct {
	set Bitset
	// before[k] is how many docs lie in the blocks of rankBlock words
	// before block k; its last entry is the set's count.
	before []uint32
}

// rankBlock is the words of a block: a count every 512 docs costs an
// eighth of the set's size, and a look-up reads at most 8 words.
const rankBlock = 8

// NewRanked counts b's docs block by block. b must not change after.
func NewRanked(b Bitset) Ranked {
	nb := (len(b) + rankBlock - 1) / rankBlock
	before := make([]uint32, nb+1)
	n := uint32(0)
	for k := range nb {
		before[k] = n
		for _, w := range b[k*rankBlock : min(len(b), (k+1)*rankBlock)] {
			n += uint32(bits.OnesCount64(w))
		}
	}
	before[nb] = n
	return Ranked{set: b, before: before}
}

// Set is the bitset counted.
func (r Ranked) Set() Bitset { return r.set }

// Count is how many docs the set holds.
func (r Ranked) Count() int {
	if len(r.before) == 0 {
		return 0
	}
	return int(r.before[len(r.before)-1])
}

// Rank is how many of the set's docs are below d.
func (r Ranked) Rank(d uint32) int {
	w := int(d >> 6)
	if w >= len(r.set) {
		return r.Count()
	}
	k := w / rankBlock
	n := int(r.before[k])
	for _, x := range r.set[k*rankBlock : w] {
		n += bits.OnesCount64(x)
	}
	return n + bits.OnesCount64(r.set[w]&(1<<(d&63)-1))
}

// Select returns the set's i'th doc, counting from 0 in ascending
// order; i must be below Count.
func (r Ranked) Select(i int) uint32 {
	// The last block starting at or before i.
	lo, hi := 0, len(r.before)-1
	for hi-lo > 1 {
		m := int(uint(lo+hi) >> 1)
		if int(r.before[m]) <= i {
			lo = m
		} else {
			hi = m
		}
	}
	left := i - int(r.before[lo])
	for w := lo * rankBlock; w < len(r.set); w++ {
		x := r.set[w]
		if c := bits.OnesCount64(x); left >= c {
			left -= c
			continue
		}
		for range left {
			x &= x - 1
		}
		return uint32(w*64 + bits.TrailingZeros64(x))
	}
	panic("index: Select past the set's count")
}

// Each calls fn with the set's docs from lo up to hi-1, in ascending
// order, until fn says false; it says whether fn always said true.
func (r Ranked) Each(lo, hi uint32, fn func(doc uint32) bool) bool {
	hi = min(hi, uint32(len(r.set))*64)
	for w := lo >> 6; lo < hi; w++ {
		x := r.set[w] &^ (1<<(lo&63) - 1)
		if end := (w + 1) * 64; hi < end {
			x &= 1<<(hi&63) - 1
		}
		for ; x != 0; x &= x - 1 {
			if !fn(w*64 + uint32(bits.TrailingZeros64(x))) {
				return false
			}
		}
		lo = (w + 1) * 64
	}
	return true
}
