package segment

import (
	"cmp"
	"os"
	"path/filepath"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
)

// prefixWriter follows the terms a termWriter writes, in byte order, and
// as each run of terms sharing a key ends, writes the key's sets if they
// are stored: the terms starting with a key's bytes are consecutive, so
// one group of one character and one of two are open at a time. Write
// feeds it each term's lists as they are written (or), and a group's sets
// are their union; Merge sets fill instead, which makes a group's sets
// from the inputs' stored ones when the group ends. The sets stream to a
// spill file, copied in by finish; the table (a row a stored key) stays in
// memory until then, sorted at the end: a group of one character ends
// after those of two within it.
type prefixWriter struct {
	w      *fileWriter
	spill  *os.File
	sets   *secWriter // into spill
	rows   []prefixEntry
	groups [2]prefixGroup // of one character, and of two
	fill   func(g *prefixGroup)
}

// prefixEntry is a row of the prefix table.
type prefixEntry struct {
	key        string
	off        uint64
	all, title uint32
}

// prefixGroup is the run of terms starting with key ("": none is open).
type prefixGroup struct {
	key          string
	words, bytes uint64 // its terms, and the bytes of their lists
	all, title   *roaring.Bitmap
}

func newPrefixWriter(w *fileWriter) (*prefixWriter, error) {
	spill, err := os.CreateTemp(filepath.Dir(w.path), filepath.Base(w.path)+".prefix*")
	if err != nil {
		return nil, err
	}
	p := &prefixWriter{w: w, spill: spill, sets: newSecWriter(w, secPrefixSets, spill, 0)}
	for i := range p.groups {
		p.groups[i].all, p.groups[i].title = roaring.New(), roaring.New()
	}
	return p, nil
}

// next starts a term, first ending the groups it is not in.
func (p *prefixWriter) next(term string) {
	one, two := prefixKeys(term)
	if two != p.groups[1].key {
		p.end(1)
		p.groups[1].key = two
	}
	if one != p.groups[0].key {
		p.end(0)
		p.groups[0].key = one
	}
	for i := range p.groups {
		if p.groups[i].key != "" {
			p.groups[i].words++
		}
	}
}

// grow counts the bytes of the term's lists.
func (p *prefixWriter) grow(bytes uint64) {
	for i := range p.groups {
		p.groups[i].bytes += bytes
	}
}

// or adds the docs of the term's list, of its headline when title is
// set, to the open groups' sets: Write's way of making them.
func (p *prefixWriter) or(title bool, docs *roaring.Bitmap) {
	if p.fill != nil {
		return
	}
	for i := range p.groups {
		if g := &p.groups[i]; g.key != "" && title {
			g.title.Or(docs)
		} else if g.key != "" {
			g.all.Or(docs)
		}
	}
}

// end ends group i, writing its sets if they are stored: every group of
// one character, and those of two that twoLetter picks.
func (p *prefixWriter) end(i int) {
	g := &p.groups[i]
	if g.key != "" && (i == 0 || storeTwo(g.words, g.bytes, p.w.h.ndocs)) {
		if p.fill != nil {
			p.fill(g)
		}
		e := prefixEntry{key: g.key, off: p.sets.n} // before the write, which moves it
		e.all = p.set(g.all)
		if !g.title.IsEmpty() {
			e.title = p.set(g.title)
		}
		p.rows = append(p.rows, e)
	}
	g.key, g.words, g.bytes = "", 0, 0
	g.all.Clear()
	g.title.Clear()
}

// set writes docs, run-optimised as the postings are, and returns its
// length; a write error is kept by the section's buffer until finish.
func (p *prefixWriter) set(docs *roaring.Bitmap) uint32 {
	docs.RunOptimize()
	n, _ := docs.WriteTo(p.sets)
	return uint32(n)
}

// finish ends the open groups and writes the table and then the sets
// after the sections so far.
func (p *prefixWriter) finish() error {
	p.end(1)
	p.end(0)
	slices.SortFunc(p.rows, func(a, b prefixEntry) int { return cmp.Compare(a.key, b.key) })
	w := p.w
	size := uint64(len(p.rows) * prefixSize)
	table := w.section(secPrefixes, int64(size))
	for _, e := range p.rows {
		r := table.row[:prefixSize]
		clear(r)
		copy(r, e.key)
		le.PutUint64(r[8:], e.off)
		le.PutUint32(r[16:], e.all)
		le.PutUint32(r[20:], e.title)
		table.Write(r)
	}
	w.h.nprefixes = uint32(len(p.rows))
	if err := table.closeSized(size); err != nil {
		return err
	}
	return w.copySpill(p.sets, p.spill)
}

// cleanup removes the spill file, whether or not finish ran.
func (p *prefixWriter) cleanup() {
	p.spill.Close()
	os.Remove(p.spill.Name())
}
