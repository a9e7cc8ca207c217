package segment

import (
	"strings"

	"github.com/broadsheet/broadsheet/store/index"
)

// cursor walks the dictionary's terms in order, decoding one front-coded
// block at a time; on a spoiled block it stops rather than read out of
// the section.
type cursor struct {
	s     *Segment
	t     uint32 // terms read so far
	off   uint64 // in dict, of the next term
	post  uint64 // in postings, of the next term's lists
	count uint64 // docs holding the current term, in the headline or body
	all   []byte // its lists, nil when out of the section
	title []byte

	// The current term is buf[:n], or long when it does not fit: a
	// cursor on the stack then walks without allocating, which a slice
	// it appended to would not.
	buf  [48]byte
	n    int
	long []byte
}

// newCursor returns a cursor before the first term of block b.
func (s *Segment) newCursor(b int) cursor {
	return cursor{s: s, t: uint32(b) * s.h.blockTerms}
}

// term is the current term; it changes with next.
func (c *cursor) term() []byte {
	if c.long != nil {
		return c.long
	}
	return c.buf[:c.n]
}

// setTerm makes the current term the first shared bytes of the last one
// and then rest.
func (c *cursor) setTerm(shared int, rest []byte) {
	if n := shared + len(rest); c.long == nil && n <= len(c.buf) {
		c.n = n
		copy(c.buf[shared:], rest)
		return
	}
	if c.long == nil {
		c.long = append([]byte(nil), c.buf[:shared]...)
	}
	c.long = append(c.long[:shared], rest...)
	if len(c.long) <= len(c.buf) {
		c.n = copy(c.buf[:], c.long)
		c.long = nil
	}
}

// next moves to the next term, saying whether there is one.
func (c *cursor) next() bool {
	s := c.s
	if c.t >= s.h.nterms {
		return false
	}
	var n uint64
	if c.t%s.h.blockTerms == 0 {
		c.off = s.blockStart(int(c.t / s.h.blockTerms))
		n, c.off = uvarint(s.dict, c.off)
		c.setTerm(0, span(s.dict, c.off, n))
		c.off += n
		c.post, c.off = uvarint(s.dict, c.off)
	} else {
		var shared uint64
		shared, c.off = uvarint(s.dict, c.off)
		n, c.off = uvarint(s.dict, c.off)
		if shared > uint64(len(c.term())) {
			return c.stop()
		}
		c.setTerm(int(shared), span(s.dict, c.off, n))
		c.off += n
	}
	var allLen, titleLen uint64
	c.count, c.off = uvarint(s.dict, c.off)
	allLen, c.off = uvarint(s.dict, c.off)
	titleLen, c.off = uvarint(s.dict, c.off)
	c.all = span(s.postings, c.post, allLen)
	c.post += allLen
	c.title = span(s.postings, c.post, titleLen)
	c.post += titleLen
	c.t++
	return true
}

func (c *cursor) stop() bool {
	c.t = c.s.h.nterms
	return false
}

// blockStart is where block b starts in dict.
func (s *Segment) blockStart(b int) uint64 { return le.Uint64(s.blocks[8*b:]) }

// firstTerm returns block b's first term, aliasing the mapping.
func (s *Segment) firstTerm(b int) string {
	n, off := uvarint(s.dict, s.blockStart(b))
	return aliasString(span(s.dict, off, n))
}

// seek moves c to the first term not below w, saying whether there is
// one: a binary search of the blocks' first terms in place, then a scan
// of one block.
func (s *Segment) seek(w string) (cursor, bool) {
	lo, hi := 0, len(s.blocks)/8 // the answer is the last block whose first term is <= w
	for hi-lo > 1 {
		if m := int(uint(lo+hi) >> 1); s.firstTerm(m) <= w {
			lo = m
		} else {
			hi = m
		}
	}
	c := s.newCursor(lo)
	for c.next() {
		if string(c.term()) >= w {
			return c, true
		}
	}
	return c, false
}

// lookup finds w's entry.
func (s *Segment) lookup(w string) (cursor, bool) {
	c, ok := s.seek(w)
	return c, ok && string(c.term()) == w
}

// Count is how many docs hold exactly w in the headline or body, from its
// dictionary entry alone.
func (s *Segment) Count(w string) int {
	if c, ok := s.lookup(w); ok {
		return int(min(c.count, uint64(s.h.ndocs)))
	}
	return 0
}

// EachDoc calls fn with each doc holding exactly w in the headline or
// body, in ascending order.
func (s *Segment) EachDoc(w string, fn func(doc uint32)) {
	if c, ok := s.lookup(w); ok {
		eachPosting(c.all, fn)
	}
}

// OrInto ORs into dst the docs holding w (a word starting with w when
// prefix is set; in the headline alone when title is), each shifted by
// base: dst is a set over the library's doc numbers, in which this
// segment's docs start at base. Docs past dst's end are left out. A
// prefix whose set is stored (see prefixes.go) reads that set alone.
func (s *Segment) OrInto(dst index.Bitset, base uint32, w string, prefix, title bool) {
	if prefix {
		if set, ok := s.prefixSet(w, title); ok {
			orPostings(dst, base, set)
			return
		}
	}
	c, ok := s.seek(w)
	for ok {
		if prefix && !strings.HasPrefix(string(c.term()), w) || !prefix && string(c.term()) != w {
			return
		}
		if title {
			orPostings(dst, base, c.title)
		} else {
			orPostings(dst, base, c.all)
		}
		ok = prefix && c.next()
	}
}

// Terms calls fn with every word in byte order until fn returns false.
func (s *Segment) Terms(fn func(word string) bool) {
	c := s.newCursor(0)
	for c.next() && fn(string(c.term())) {
	}
}
