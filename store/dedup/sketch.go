package dedup

import (
	"encoding/binary"
	"math/bits"
)

// Two texts are the same story told twice when most of their runs of
// Shingle words are shared: the Jaccard similarity of the two sets of
// shingles. A sketch estimates it in a fixed 64 bytes, whatever the text's
// length, so that a million articles keep 64 MB of them on disk and none
// in the heap.
//
// The sketch is a one-permutation MinHash (Li, Owen and Zhang, 2012):
// each shingle is hashed once, the top bits of its hash pick one of Bins
// bins, and a bin keeps the least of its shingles' hashes; bins left
// empty by a short text borrow a filled bin's, picked by a fixed sequence
// of hashes of the bin's number (Shrivastava's optimal densification,
// 2017), so that two texts borrow alike. Two texts' bins agree with
// probability about their similarity J. Only the low Bits bits of each
// bin's least hash are kept (b-bit MinHash, Li and König, 2010): then
// they agree with probability J + (1-J)/2^Bits, which Similarity undoes.
// 128 bins of 4 bits estimate J near 0.8 with a standard error of about
// 0.037; 64 of 8 bits, in the same bytes, with 0.05, and 256 of 2 with
// 0.03 but bands that find fewer copies (BenchmarkTradeOff measures
// these).
//
// The shingles are those of the body: a copy with a new headline is still
// a copy. A body of fewer than MinShingles shingles has no sketch (all
// zero bytes): a few words alike say little, and a library of one-line
// notes must not become one story.
//
// The layout is part of the segment format (store/segment): changing the
// hash, the shingle, the bins or the bits must change its version.
const (
	Shingle     = 4
	Bins        = 128
	Bits        = 4
	Size        = Bins * Bits / 8
	MinShingles = 16
)

// Sketch is a text's sketch: bin i's Bits bits are the low or high half of
// byte i/2, as i is even or odd. The zero Sketch is none.
type Sketch [Size]byte

// None says whether s is no sketch: a text too short, or a doc sketched by
// no one.
func (s *Sketch) None() bool { return *s == Sketch{} }

// Sketcher builds a text's sketch from the hashes of its folded words, in
// order. Its zero value is ready for a first text; it is not safe for use
// by two goroutines at once.
type Sketcher struct {
	mins  [Bins]uint64 // each bin's least hash so far, less one: 0 is empty
	last  [Shingle - 1]uint64
	run   int // words since Start, up to Shingle-1
	n     int // shingles since Reset
	dirty bool
}

// Reset forgets the text so far, for the next doc.
func (s *Sketcher) Reset() {
	if s.dirty {
		s.mins = [Bins]uint64{}
	}
	s.run, s.n, s.dirty = 0, 0, false
}

// Start begins a new run of words: no shingle spans two.
func (s *Sketcher) Start() { s.run = 0 }

// Word adds the next word, by its hash (a well-mixed 64-bit one, as
// index.WordHash is).
func (s *Sketcher) Word(h uint64) {
	if s.run < Shingle-1 {
		s.last[s.run] = h
		s.run++
		return
	}
	x := shingleHash(s.last[0], s.last[1], s.last[2], h)
	s.last[0], s.last[1], s.last[2] = s.last[1], s.last[2], h
	bin, v := x>>(64-binBits), x&valueMask+1
	if m := s.mins[bin]; m == 0 || v < m {
		s.mins[bin] = v
	}
	s.n++
	s.dirty = true
}

// Shingles is how many shingles the text so far had, repeats and all.
func (s *Sketcher) Shingles() int { return s.n }

// Sketch returns the sketch of the text so far: none for fewer than
// MinShingles shingles.
func (s *Sketcher) Sketch() Sketch {
	var out Sketch
	if s.n < MinShingles {
		return out
	}
	for i := range Bins {
		m := s.mins[i]
		for a := uint64(0); m == 0 && a < maxBorrow; a++ {
			m = s.mins[borrow(uint64(i), a)]
		}
		for j := i; m == 0; j++ { // never met: a bound, not a path
			m = s.mins[j%Bins]
		}
		out[i/2] |= byte((m-1)&(1<<Bits-1)) << (Bits * (i % 2))
	}
	if out.None() {
		out[0] = 1 // 2^-512: a sketch of zero bytes would read as none
	}
	return out
}

const (
	binBits   = 7 // log2 Bins
	maxBorrow = 1 << 12
	valueMask = 1<<(64-binBits) - 1
	hashK0    = 0xa0761d6478bd642f // wyhash's
	hashK1    = 0xe7037ed1a0b428db
)

// mix is wyhash's mixing step: a 128-bit product folded in half.
func mix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// shingleHash is the hash of four words in a row, by their hashes: one
// multiply, the words told apart by their rotations.
func shingleHash(a, b, c, d uint64) uint64 {
	return mix(a^hashK0^bits.RotateLeft64(b, 21), c^hashK1^bits.RotateLeft64(d, 42))
}

// borrow is the a'th bin that an empty bin i looks to for a value: the
// same sequence for every text, which optimal densification needs.
func borrow(i, a uint64) uint64 { return mix(i^hashK0, a^hashK1) >> (64 - binBits) }

// Similarity estimates the Jaccard similarity of the shingles of the two
// texts a and b were made from, 0 when either is none.
func Similarity(a, b *Sketch) float64 {
	if a.None() || b.None() {
		return 0
	}
	p := float64(matches(a, b)) / Bins
	const chance = 1.0 / (1 << Bits)
	return max(0, (p-chance)/(1-chance))
}

// minMatches is how many bins must agree for an estimate of at least t.
func minMatches(t float64) int {
	const chance = 1.0 / (1 << Bits)
	m := int(float64(Bins)*(t*(1-chance)+chance) + 0.999999)
	return min(max(m, 1), Bins)
}

// matches counts the bins a and b agree on, eight bytes at a time.
func matches(a, b *Sketch) int {
	const lows = 0x1111111111111111
	differ := 0
	for i := 0; i < Size; i += 8 {
		x := binary.LittleEndian.Uint64(a[i:]) ^ binary.LittleEndian.Uint64(b[i:])
		differ += bits.OnesCount64((x | x>>1 | x>>2 | x>>3) & lows)
	}
	return Bins - differ
}
