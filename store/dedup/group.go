package dedup

import (
	"sort"
)

// Copies are found by banding (Leskovec, Rajaraman and Ullman, Mining of
// Massive Datasets, 3.4): a sketch's first Bands*Rows bins are cut into
// Bands bands of Rows bins, and two docs whose bins agree all through any
// one band are candidates, verified by Similarity. With bins agreeing
// with probability p = J + (1-J)/16, a pair is a candidate with
// probability 1-(1-p^6)^21: 0.999 at J = 0.8, 0.96 at 0.7, 0.37 at 0.5,
// and for two unrelated docs 21 in 2^24, so that a million docs make a
// few hundred thousand candidates to verify. A band is three bytes of
// the sketch, a 24-bit key; each band's keys are sorted (a radix sort,
// not a map of a million entries) and a run of equal keys is a bucket.
const (
	Bands = 21
	Rows  = 6 // 24 bits, three bytes
	// Threshold is the similarity at which two docs are one story,
	// by default.
	Threshold = 0.8
)

// maxLeaders bounds the docs of one bucket that its other docs are
// verified against: a bucket of a thousand copies of one notice is a
// thousand checks, not half a million.
const maxLeaders = 8

// Set is the sketches of docs 0 to Len()-1, in chunks of consecutive
// docs: a segment's section in place, the tail's slice.
type Set struct {
	chunks [][]Sketch
	bases  []uint32 // the first doc of each chunk
	n      uint32
}

// Add appends the sketches in b as the next docs: b is kept, not
// copied, and must not change while the Set is used.
func (s *Set) Add(b []Sketch) {
	if len(b) == 0 {
		return
	}
	s.chunks = append(s.chunks, b)
	s.bases = append(s.bases, s.n)
	s.n += uint32(len(b))
}

// Len is how many docs the set holds.
func (s *Set) Len() int { return int(s.n) }

// At returns doc's sketch, which is below Len.
func (s *Set) At(doc uint32) *Sketch {
	k := sort.Search(len(s.bases), func(k int) bool { return s.bases[k] > doc }) - 1
	return &s.chunks[k][doc-s.bases[k]]
}

// Groups says which docs are copies of one story: of[doc] is the least
// doc of doc's story, or Alone.
type Groups struct {
	of []uint32
}

// Alone is the story of a doc that has no copies.
const Alone = ^uint32(0)

// Of returns the least doc of doc's story, or Alone for a doc without
// copies or out of the set.
func (g Groups) Of(doc uint32) uint32 {
	if int(doc) >= len(g.of) {
		return Alone
	}
	return g.of[doc]
}

// Len is how many docs the groups cover.
func (g Groups) Len() int { return len(g.of) }

// Group finds the stories among the docs of s that keep says yes to (nil
// for all) and that have a sketch, joining two docs when their estimated
// similarity is at least threshold (Threshold by default), and the
// stories of two docs joined so: a story may hold two copies less alike
// than that, through a third like both. It holds 20 bytes a doc while it
// works and 4 after.
func Group(s *Set, keep func(doc uint32) bool, threshold float64) Groups {
	n := s.n
	parent := make([]uint32, n)
	var live []uint32 // docs grouped, ascending
	for k, c := range s.chunks {
		for i := range c {
			doc := s.bases[k] + uint32(i)
			parent[doc] = doc
			if !c[i].None() && (keep == nil || keep(doc)) {
				live = append(live, doc)
			}
		}
	}
	need := minMatches(threshold)
	keys := make([]uint64, len(live))
	tmp := make([]uint64, len(live))
	var leaders []leader
	for band := range Bands {
		j := 0
		for k, c := range s.chunks {
			// live is ascending, so each chunk's docs are a run of it.
			base, end := s.bases[k], s.bases[k]+uint32(len(c))
			for ; j < len(live) && live[j] < end; j++ {
				doc := live[j]
				keys[j] = uint64(bandKey(&c[doc-base], band))<<32 | uint64(doc)
			}
		}
		radixSort(keys, tmp)
		for lo := 0; lo < len(keys); {
			hi := lo + 1
			for hi < len(keys) && keys[hi]>>32 == keys[lo]>>32 {
				hi++
			}
			if hi-lo > 1 {
				leaders = leaders[:0]
				for _, key := range keys[lo:hi] {
					doc := uint32(key)
					rd := find(parent, doc)
					joined := false
					for k := range leaders {
						l := &leaders[k]
						if l.root == rd || find(parent, l.doc) == rd {
							joined = true
							break
						}
						if matches(s.At(l.doc), s.At(doc)) >= need {
							l.root = union(parent, l.doc, doc)
							joined = true
							break
						}
					}
					if !joined && len(leaders) < maxLeaders {
						leaders = append(leaders, leader{doc, rd})
					}
				}
			}
			lo = hi
		}
	}
	keys, tmp = nil, nil
	return settle(parent)
}

// settle makes a union-find's parents the groups: each doc's root, the
// least doc of its story, then Alone for a root no other doc has.
func settle(parent []uint32) Groups {
	n := uint32(len(parent))
	copied := make([]uint64, (n+63)/64)
	for doc := range n {
		r := find(parent, doc)
		parent[doc] = r
		if r != doc {
			copied[r/64] |= 1 << (r % 64)
		}
	}
	for doc := range n {
		if parent[doc] == doc && copied[doc/64]&(1<<(doc%64)) == 0 {
			parent[doc] = Alone
		}
	}
	return Groups{of: parent}
}

// Unknown is, in Regroup's prior, a doc not grouped before: one to
// compare.
const Unknown = Alone - 1

// Regroup makes the groups of s's docs from those made before, so that a
// change to a library costs a pass over the band keys, not their sort:
// prior gives each doc its story as then (any label shared by its
// copies, or Alone), or Unknown for a doc grouped since (a file that
// arrived), and only those are compared, with every doc, in one pass a
// band over all docs' keys, the fresh docs' keys marked in a bitmap of
// all 2^24 a band can hold. Where most docs are fresh, it is Group.
// A story another change has left with no doc in common stays one: the
// docs between them went, their likeness did not.
func Regroup(s *Set, prior []uint32, keep func(doc uint32) bool, threshold float64) Groups {
	n := s.n
	kept := func(doc uint32) bool { return keep == nil || keep(doc) }
	parent := make([]uint32, n)
	for doc := range n {
		parent[doc] = doc
	}
	rep := map[uint32]uint32{} // a label's first doc
	var fresh []uint32
	for doc := range n {
		label := Unknown
		if int(doc) < len(prior) {
			label = prior[doc]
		}
		switch {
		case !kept(doc) || label == Alone:
		case label == Unknown:
			if !s.At(doc).None() {
				fresh = append(fresh, doc)
			}
		default:
			if r, ok := rep[label]; ok {
				union(parent, r, doc)
			} else {
				rep[label] = doc
			}
		}
	}
	if len(fresh) > int(n)/8 {
		return Group(s, keep, threshold)
	}
	if len(fresh) > 0 {
		need := minMatches(threshold)
		marked := make([]uint64, 1<<24/64)
		byKey := map[uint32][]uint32{}
		for band := range Bands {
			key := func(sk *Sketch) uint32 { return bandKey(sk, band) }
			clear(marked)
			clear(byKey)
			for _, f := range fresh {
				k := key(s.At(f))
				marked[k/64] |= 1 << (k % 64)
				byKey[k] = append(byKey[k], f)
			}
			for c, chunk := range s.chunks {
				base := s.bases[c]
				for i := range chunk {
					sk := &chunk[i]
					k := key(sk)
					if marked[k/64]&(1<<(k%64)) == 0 {
						continue
					}
					doc := base + uint32(i)
					if sk.None() || !kept(doc) {
						continue
					}
					for _, f := range byKey[k] {
						if f != doc && find(parent, f) != find(parent, doc) && matches(s.At(f), sk) >= need {
							union(parent, f, doc)
						}
					}
				}
			}
		}
	}
	return settle(parent)
}

// bandKey is a sketch's key in a band: the band's three bytes, 24 bits.
func bandKey(sk *Sketch, band int) uint32 {
	o := band * Rows * Bits / 8
	return uint32(sk[o]) | uint32(sk[o+1])<<8 | uint32(sk[o+2])<<16
}

// leader is a doc of a bucket that its others are verified against, with
// its story's root when last looked at.
type leader struct{ doc, root uint32 }

// find returns doc's root, halving the path as it goes.
func find(parent []uint32, doc uint32) uint32 {
	for parent[doc] != doc {
		parent[doc] = parent[parent[doc]]
		doc = parent[doc]
	}
	return doc
}

// union joins the stories of a and b under the lesser root, which it
// returns.
func union(parent []uint32, a, b uint32) uint32 {
	ra, rb := find(parent, a), find(parent, b)
	if ra > rb {
		ra, rb = rb, ra
	}
	parent[rb] = ra
	return ra
}

// radixSort sorts keys by bits 32 to 55, stably, with tmp as room of the
// same length: two passes of 12 bits.
func radixSort(keys, tmp []uint64) {
	src, dst := keys, tmp
	var count [1 << 12]int
	for shift := 32; shift < 56; shift += 12 {
		clear(count[:])
		for _, k := range src {
			count[k>>shift&0xfff]++
		}
		sum := 0
		for i, c := range count {
			count[i] = sum
			sum += c
		}
		for _, k := range src {
			b := k >> shift & 0xfff
			dst[count[b]] = k
			count[b]++
		}
		src, dst = dst, src
	}
	// Two passes end in keys again.
}
