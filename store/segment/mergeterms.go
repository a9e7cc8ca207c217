package segment

import "slices"

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
