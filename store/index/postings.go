package index

import (
	"encoding/binary"
	"math/bits"
)

// postingSet maps term numbers to the documents holding them. A posting
// list is either delta-encoded varints in ascending document order, a
// byte or two a posting, or, once that would be longer, a Bitset over the
// documents (bit d of byte d/8): the few hundred commonest words hold a
// large share of all postings, and for them a bit a document is smaller
// than a byte a posting.
type postingSet struct {
	postings [][]byte // term number to encoded doc numbers
	dense    []bool   // term number to whether its postings are a Bitset
	last     []uint32 // term number to its last doc number plus one
}

// add records doc under each of its terms, in any order.
func (x *postingSet) add(doc uint32, terms []uint32) {
	for _, t := range terms {
		for int(t) >= len(x.postings) {
			x.postings = append(x.postings, nil)
			x.dense = append(x.dense, false)
			x.last = append(x.last, 0)
		}
		p := x.postings[t]
		if x.dense[t] {
			p = setBit(p, doc)
		} else {
			p = binary.AppendUvarint(p, uint64(doc+1-x.last[t]))
			if len(p) > DenseMin && len(p) > int(doc/8)+8 {
				p, x.dense[t] = toBitset(p, doc), true
			}
		}
		x.postings[t] = p
		x.last[t] = doc + 1
	}
}

// DenseMin is the length below which a list stays varints, whatever its
// density, so small libraries keep one form. Tests set it to 0 to cover
// the bitset form with a few docs.
var DenseMin = 512

// setBit sets bit doc of the byte Bitset b, growing it by whole words.
func setBit(b []byte, doc uint32) []byte {
	if need := (int(doc>>6) + 1) * 8; len(b) < need {
		if cap(b) < need {
			// An eighth to spare, not append's double: these are the
			// largest lists.
			grown := make([]byte, len(b), need+need/8)
			copy(grown, b)
			b = grown
		}
		b = b[:need]
	}
	b[doc>>3] |= 1 << (doc & 7)
	return b
}

// toBitset turns a varint list whose last doc is last into a Bitset.
func toBitset(p []byte, last uint32) []byte {
	b := make([]byte, 0, (int(last>>6)+1)*8*5/4)
	forEachPosting(p, func(doc uint32) { b = setBit(b, doc) })
	return b
}

// forEachPosting calls fn with each doc of a varint list.
func forEachPosting(p []byte, fn func(doc uint32)) {
	doc := uint64(0)
	for len(p) > 0 {
		d, n := binary.Uvarint(p)
		if n <= 0 {
			return
		}
		p = p[n:]
		doc += d
		fn(uint32(doc - 1))
	}
}

// docCount is how many docs hold term t.
func (x *postingSet) docCount(t uint32) int {
	if int(t) >= len(x.postings) {
		return 0
	}
	n := 0
	if x.dense[t] {
		for _, b := range x.postings[t] {
			n += bits.OnesCount8(b)
		}
		return n
	}
	for _, b := range x.postings[t] {
		if b < 0x80 { // each varint ends in one such byte
			n++
		}
	}
	return n
}

// eachDoc calls fn with each doc holding term t.
func (x *postingSet) eachDoc(t uint32, fn func(doc uint32)) {
	if int(t) >= len(x.postings) {
		return
	}
	p := x.postings[t]
	if !x.dense[t] {
		forEachPosting(p, fn)
		return
	}
	for i, b := range p {
		for ; b != 0; b &= b - 1 {
			fn(uint32(i*8 + bits.TrailingZeros8(b)))
		}
	}
}

// addDocs puts term t's docs into set.
func (x *postingSet) addDocs(set Bitset, t uint32) {
	if int(t) >= len(x.postings) {
		return
	}
	p := x.postings[t]
	if x.dense[t] {
		for i := 0; i+8 <= len(p) && i/8 < len(set); i += 8 {
			set[i/8] |= binary.LittleEndian.Uint64(p[i:])
		}
		return
	}
	doc := uint64(0)
	for len(p) > 0 {
		var d uint64
		if p[0] < 0x80 {
			d, p = uint64(p[0]), p[1:]
		} else {
			var n int
			d, n = binary.Uvarint(p)
			if n <= 0 {
				return
			}
			p = p[n:]
		}
		doc += d
		set[(doc-1)>>6] |= 1 << ((doc - 1) & 63)
	}
}
