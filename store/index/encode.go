package index

import (
	"encoding/binary"
	"math/bits"
)

// Encode writes the index, its words and then both posting sets, with
// each doc renumbered as renum says; ^uint32(0) leaves a doc out. renum
// covers every doc added; live is how many it keeps.
func (x *Index) Encode(e *Encoder, renum []uint32, live int) {
	words := x.dict.snapshot()
	e.Uvarint(uint64(len(words)))
	for _, w := range words {
		e.Str(w)
	}
	for _, set := range []*postingSet{&x.all, &x.title} {
		encodePostings(e, set, len(words), renum, live < len(renum))
	}
}

// Decode reads an index of ndocs docs that Encode wrote.
func Decode(d *Decoder, ndocs int) (*Index, error) {
	nterms := d.Count(2)
	words := make([]string, 0, nterms)
	for range nterms {
		words = append(words, d.Str())
	}
	x := New()
	for _, set := range []*postingSet{&x.all, &x.title} {
		if err := decodePostings(d, set, len(words), ndocs); err != nil {
			return nil, err
		}
	}
	for _, w := range words {
		x.dict.id([]byte(w))
	}
	return x, nil
}

// encodePostings writes one posting set's lists for nterms terms,
// renumbered when docs were dropped.
func encodePostings(e *Encoder, set *postingSet, nterms int, renum []uint32, dropped bool) {
	postings := make([][]byte, nterms)
	lasts := make([]uint32, nterms)
	dense := make([]bool, nterms)
	total := 0
	for t := range nterms {
		if t >= len(set.postings) {
			continue
		}
		postings[t], lasts[t], dense[t] = set.postings[t], set.last[t], set.dense[t]
		if dropped {
			postings[t], lasts[t] = renumber(postings[t], dense[t], renum)
		}
		total += len(postings[t])
	}
	e.Uvarint(uint64(total))
	for t := range nterms {
		e.Uvarint(uint64(lasts[t]))
		if dense[t] {
			e.Uvarint(1)
		} else {
			e.Uvarint(0)
		}
		e.Uvarint(uint64(len(postings[t])))
		e.Bytes(postings[t])
	}
}

// renumber re-encodes a posting list without dead docs, in the new
// numbering and the same form; it returns the list and its last doc plus
// one.
func renumber(p []byte, dense bool, renum []uint32) ([]byte, uint32) {
	var out []byte
	var prev uint32
	add := func(doc uint32) {
		nd := renum[doc]
		if nd == ^uint32(0) {
			return
		}
		if dense {
			out = setBit(out, nd)
		} else {
			out = binary.AppendUvarint(out, uint64(nd+1-prev))
		}
		prev = nd + 1
	}
	if dense {
		for i, b := range p {
			for ; b != 0; b &= b - 1 {
				add(uint32(i*8 + bits.TrailingZeros8(b)))
			}
		}
	} else {
		forEachPosting(p, add)
	}
	return out, prev
}

// decodePostings reads one posting set of nterms lists over ndocs docs.
func decodePostings(d *Decoder, set *postingSet, nterms, ndocs int) error {
	// All posting lists go into one block, each capped at its length so
	// that an append copies it out rather than overwrite its neighbour:
	// sixty thousand small allocations would waste a sixth in rounding.
	arena := make([]byte, 0, d.Count(1))
	set.postings = make([][]byte, 0, nterms)
	set.last = make([]uint32, 0, nterms)
	set.dense = make([]bool, 0, nterms)
	for range nterms {
		last := d.Uvarint()
		dense := d.Uvarint()
		n := d.Count(1)
		if d.err != nil || last > uint64(ndocs) || n > uint64(cap(arena)-len(arena)) || dense > 1 ||
			dense == 1 && (n%8 != 0 || n > uint64(ndocs/8+8)) {
			return ErrCorrupt
		}
		start := len(arena)
		arena = arena[:start+int(n)]
		d.Bytes(arena[start:])
		set.postings = append(set.postings, arena[start:len(arena):len(arena)])
		set.last = append(set.last, uint32(last))
		set.dense = append(set.dense, dense == 1)
	}
	if d.err != nil {
		return ErrCorrupt
	}
	return nil
}
