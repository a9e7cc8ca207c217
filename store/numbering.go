package store

import "github.com/broadsheet/broadsheet/store/article"

// A library numbers its docs, and a Result holds the numbers of the docs
// it found. The numbers change when a save makes the segment it wrote
// the library's in place of the tail (adopt), or a merge makes one
// segment of several (Compact): the docs take the new segment's numbers,
// which are in the default order rather than the load's. A result made
// before, still on screen, maps its numbers on through the numberings
// since its own. A doc whose file went before a renumbering has no number
// after it; the result reads it as it was (left), as a reader may still
// have it open.

// numbering is one numbering of a library's docs. Once the docs are
// renumbered, renum maps this numbering's doc numbers to next's, gone
// for a doc left out, whose article left returns; all are set once,
// under the write lock, and read under the read lock.
type numbering struct {
	next  *numbering
	renum []uint32
	left  func(doc uint32) *article.Article
}

// renumber starts a new numbering, renum mapping the current one's doc
// numbers to it and left reading the docs it leaves out. The caller
// holds the write lock.
func (l *Library) renumber(renum []uint32, left func(uint32) *article.Article) {
	next := &numbering{}
	l.num.renum, l.num.left, l.num.next = renum, left, next
	l.num = next
}

// now maps doc, numbered in num, to the library's numbering now; for a
// doc left out since, it returns gone and the doc's article. The caller
// holds the read lock.
func (l *Library) now(num *numbering, doc uint32) (uint32, *article.Article) {
	for n := num; n != nil && n.next != nil; n = n.next {
		next := n.renum[doc]
		if next == gone {
			return gone, n.left(doc)
		}
		doc = next
	}
	return doc, nil
}

// renumbered moves the order to the numbering renum maps to, and drops
// what was worked out from the old numbers. The caller holds the write
// lock.
func (l *Library) renumbered(renum []uint32) {
	for i, doc := range l.order {
		l.order[i] = renum[doc] // the order holds no dead doc
	}
	l.ranks.of = nil
	l.segPrefix = prefixCache{}
	l.gen++
}
