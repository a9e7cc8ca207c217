package segment

import (
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
)

// writeTerms writes the union of the inputs' dictionaries, a k-way merge
// of their cursors, each term's lists renumbered and united; a term only
// dead docs held is left out.
func (m *merger) writeTerms(tw *termWriter) error {
	curs := make([]cursor, len(m.segs))
	more := make([]bool, len(m.segs))
	for k, s := range m.segs {
		curs[k] = s.newCursor(0)
		more[k] = curs[k].next()
	}
	var all, title []uint32
	for {
		best := -1
		for k := range curs {
			if more[k] && (best < 0 || string(curs[k].term()) < string(curs[best].term())) {
				best = k
			}
		}
		if best < 0 {
			return nil
		}
		word := string(curs[best].term())
		all, title = all[:0], title[:0]
		for k := range curs {
			if more[k] && string(curs[k].term()) == word {
				all = m.appendPostings(all, k, curs[k].all)
				title = m.appendPostings(title, k, curs[k].title)
				more[k] = curs[k].next()
			}
		}
		// Each input's docs keep their order, so this sorts runs already
		// sorted; a spoiled input's lists may not be.
		slices.Sort(all)
		slices.Sort(title)
		if err := tw.add(word, slices.Compact(all), slices.Compact(title)); err != nil {
			return err
		}
		m.step()
	}
}

// appendPostings appends the new numbers of the live docs of segs[k]'s
// list p.
func (m *merger) appendPostings(dst []uint32, k int, p []byte) []uint32 {
	eachPosting(p, func(d uint32) {
		if m.live(k, d) {
			dst = append(dst, m.renum[k][d])
		}
	})
	return dst
}

// fillPrefix makes the sets of a prefix group the output stores from the
// inputs': each one's stored set of the key, renumbered and without its
// dead docs, or where it stores none (in that input the key's words were
// too few and their lists too small for twoLetter) those words' lists, as
// a query would read them. Each input's docs keep their order, so each
// list renumbered is sorted and ORs in container by container.
func (m *merger) fillPrefix(g *prefixGroup) {
	for k, s := range m.segs {
		s.eachPrefixList(g.key, false, func(p []byte) { m.orLive(g.all, k, p) })
		s.eachPrefixList(g.key, true, func(p []byte) { m.orLive(g.title, k, p) })
	}
}

// orLive ORs into dst the new numbers of the live docs of segs[k]'s list p.
func (m *merger) orLive(dst *roaring.Bitmap, k int, p []byte) {
	m.buf = m.appendPostings(m.buf[:0], k, p)
	m.one.Clear()
	m.one.AddMany(m.buf)
	dst.Or(m.one)
}
