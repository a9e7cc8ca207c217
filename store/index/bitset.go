package index

import (
	"math/bits"
	"slices"
)

// Bitset is a set of doc numbers, a bit each.
type Bitset []uint64

func NewBitset(n int) Bitset { return make(Bitset, (n+63)/64) }

// has says whether d is in the set; a set too short to hold d does not.
func (b Bitset) Has(d uint32) bool { return int(d>>6) < len(b) && b[d>>6]&(1<<(d&63)) != 0 }

func (b Bitset) Set(d uint32) { b[d>>6] |= 1 << (d & 63) }

func (b Bitset) And(o Bitset) {
	for i := range b {
		b[i] &= o[i]
	}
}

func (b Bitset) Or(o Bitset) {
	for i := range b {
		b[i] |= o[i]
	}
}

// not complements b over docs 0 to n-1.
func (b Bitset) Not(n int) {
	for i := range b {
		b[i] = ^b[i]
	}
	if r := n % 64; r != 0 && len(b) > 0 {
		b[len(b)-1] &= 1<<r - 1
	}
}

func (b Bitset) Count() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

// Clone returns a copy of b.
func (b Bitset) Clone() Bitset { return slices.Clone(b) }

func (b Bitset) Clear(d uint32) {
	if int(d>>6) < len(b) {
		b[d>>6] &^= 1 << (d & 63)
	}
}

// Next returns the first doc of the set at or after d, if there is one.
func (b Bitset) Next(d uint32) (uint32, bool) {
	w := int(d >> 6)
	if w >= len(b) {
		return 0, false
	}
	x := b[w] &^ (1<<(d&63) - 1)
	for x == 0 {
		if w++; w == len(b) {
			return 0, false
		}
		x = b[w]
	}
	return uint32(w*64 + bits.TrailingZeros64(x)), true
}
