package store

// A library numbers its docs, and a Result holds the numbers of the docs
// it found. The numbers change when a save makes the segment it wrote
// the library's in place of the tail (adopt): the tail's docs take the
// segment's numbers, which are in the default order rather than the
// load's; the segment docs keep theirs. A result made before, still on
// screen, maps its numbers on through the numberings since its own.

// numbering is one numbering of a library's docs. Once the docs are
// renumbered, renum maps this numbering's doc numbers to next's; both are
// set once, under the write lock, and read under the read lock.
type numbering struct {
	next  *numbering
	renum []uint32
}

// renumber starts a new numbering, renum mapping the current one's doc
// numbers to it. The caller holds the write lock.
func (l *Library) renumber(renum []uint32) {
	next := &numbering{}
	l.num.renum, l.num.next = renum, next
	l.num = next
}

// now maps doc, numbered in num, to the library's numbering now. The
// caller holds the read lock.
func (l *Library) now(num *numbering, doc uint32) uint32 {
	for n := num; n != nil && n.next != nil; n = n.next {
		doc = n.renum[doc]
	}
	return doc
}
