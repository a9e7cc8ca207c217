package segment

import (
	"math/bits"

	"github.com/broadsheet/broadsheet/store/index"
)

// The posting lists are roaring bitmaps in their portable format
// (github.com/RoaringBitmap/RoaringFormatSpec), written by the roaring
// package and read here in place: roaring's FromBuffer builds a Bitmap and
// its container headers for every list it views, which is an allocation
// or more a word of a query, and trusts the lengths it finds, where this
// walker allocates nothing, bounds every container by the list, and can
// OR a bitmap container into a dense index.Bitset a 64-bit word at a time.
const (
	cookieRuns        = 12347 // low 16 bits; the high 16 are the count less one
	cookieNoRuns      = 12346 // followed by a uint32 count
	maxArray          = 4096  // an array container holds at most this many
	noOffsetThreshold = 4     // with runs, an offset header only from this many containers
)

// The kinds of container.
const (
	kindArray  = iota // sorted uint16 values
	kindBitmap        // 1024 uint64 words
	kindRun           // pairs of uint16: start, length less one
)

// eachContainer calls fn with each container of the bitmap p, in key
// order: its key (the high 16 bits of its values), kind and data. It stops
// at the first container that is not within p.
func eachContainer(p []byte, fn func(key uint64, kind int, data []byte)) {
	if len(p) < 4 {
		return
	}
	cookie := le.Uint32(p)
	var n, pos uint64
	var runs []byte
	switch {
	case cookie&0xffff == cookieRuns:
		n = uint64(cookie>>16) + 1
		if runs = span(p, 4, (n+7)/8); runs == nil {
			return
		}
		pos = 4 + (n+7)/8
	case cookie == cookieNoRuns && len(p) >= 8:
		n, pos = uint64(le.Uint32(p[4:])), 8
	default:
		return
	}
	keys := span(p, pos, 4*n)
	if keys == nil {
		return
	}
	pos += 4 * n
	if runs == nil || n >= noOffsetThreshold {
		pos += 4 * n // containers are laid end to end, so the offsets are not needed
	}
	for i := range n {
		key, card := uint64(le.Uint16(keys[4*i:])), uint64(le.Uint16(keys[4*i+2:]))+1
		kind, size := kindArray, 2*card
		switch {
		case runs != nil && runs[i/8]&(1<<(i%8)) != 0:
			nr := span(p, pos, 2)
			if nr == nil {
				return
			}
			kind, size = kindRun, 4*uint64(le.Uint16(nr))
			pos += 2
		case card > maxArray:
			kind, size = kindBitmap, 8192
		}
		data := span(p, pos, size)
		if data == nil {
			return
		}
		fn(key<<16, kind, data)
		pos += size
	}
}

// orPostings ORs the docs of the bitmap p, each shifted by base, into dst.
func orPostings(dst index.Bitset, base uint32, p []byte) {
	eachContainer(p, func(key uint64, kind int, data []byte) {
		start := uint64(base) + key
		switch kind {
		case kindArray:
			for i := 0; i+2 <= len(data); i += 2 {
				if d := start + uint64(le.Uint16(data[i:])); d>>6 < uint64(len(dst)) {
					dst[d>>6] |= 1 << (d & 63)
				}
			}
		case kindRun:
			for i := 0; i+4 <= len(data); i += 4 {
				lo := start + uint64(le.Uint16(data[i:]))
				setRange(dst, lo, lo+uint64(le.Uint16(data[i+2:]))+1)
			}
		case kindBitmap:
			orWords(dst, start, data)
		}
	})
}

// orWords ORs the 1024 words of a bitmap container into dst from bit
// start: word by word when start is a multiple of 64, else each word split
// across two.
func orWords(dst index.Bitset, start uint64, words []byte) {
	w0 := start >> 6
	if w0 >= uint64(len(dst)) {
		return
	}
	d := dst[w0:]
	n := min(len(words)/8, len(d))
	if sh := start & 63; sh == 0 {
		d = d[:n]
		for i := range d {
			d[i] |= le.Uint64(words[8*i:])
		}
	} else {
		for i := range n {
			x := le.Uint64(words[8*i:])
			d[i] |= x << sh
			if i+1 < len(d) {
				d[i+1] |= x >> (64 - sh)
			}
		}
	}
}

// setRange sets bits lo to hi-1 of dst, those within it.
func setRange(dst index.Bitset, lo, hi uint64) {
	hi = min(hi, uint64(len(dst))*64)
	for lo < hi {
		w, b := lo>>6, lo&63
		n := min(64-b, hi-lo)
		dst[w] |= (^uint64(0) >> (64 - n)) << b
		lo += n
	}
}

// eachPosting calls fn with each doc of the bitmap p, in ascending order.
func eachPosting(p []byte, fn func(doc uint32)) {
	eachContainer(p, func(key uint64, kind int, data []byte) {
		switch kind {
		case kindArray:
			for i := 0; i+2 <= len(data); i += 2 {
				fn(uint32(key) | uint32(le.Uint16(data[i:])))
			}
		case kindRun:
			for i := 0; i+4 <= len(data); i += 4 {
				lo := key | uint64(le.Uint16(data[i:]))
				for d := lo; d <= lo+uint64(le.Uint16(data[i+2:])); d++ {
					fn(uint32(d))
				}
			}
		case kindBitmap:
			for i := 0; i+8 <= len(data); i += 8 {
				for x := le.Uint64(data[i:]); x != 0; x &= x - 1 {
					fn(uint32(key) | uint32(i*8+bits.TrailingZeros64(x)))
				}
			}
		}
	})
}
