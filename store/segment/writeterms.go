package segment

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/RoaringBitmap/roaring/v2"
)

// termWriter writes the postings and the dictionary, a term at a time in
// byte order, for Write and Merge alike. The lists stream into the
// postings section; the dictionary, which cannot grow in the same file at
// the same time, streams into a spill file beside it and is copied in at
// the end; the block table stays in memory, 8 bytes for every blockTerms
// terms. The prefix sets follow the terms (prefixwrite.go).
type termWriter struct {
	w      *fileWriter
	post   *secWriter
	spill  *os.File
	dict   *secWriter
	blocks []uint64
	n      uint32
	per    uint32 // terms a block
	prev   []byte
	bm     *roaring.Bitmap
	pre    *prefixWriter
}

// terms starts the postings section where the sections so far end.
func (w *fileWriter) terms() (*termWriter, error) {
	spill, err := os.CreateTemp(filepath.Dir(w.path), filepath.Base(w.path)+".dict*")
	if err != nil {
		return nil, err
	}
	pre, err := newPrefixWriter(w)
	if err != nil {
		spill.Close()
		os.Remove(spill.Name())
		return nil, err
	}
	return &termWriter{w: w, post: w.section(secPostings, -1), spill: spill,
		dict: newSecWriter(w, secDict, spill, 0), bm: roaring.New(), per: blockTerms, pre: pre}, nil
}

// add writes a term's lists, sorted and without repeats; a term no doc
// holds any more is left out.
func (t *termWriter) add(word string, all, title []uint32) error {
	if len(all) == 0 {
		return nil
	}
	if t.n > 0 && word <= string(t.prev) {
		return fmt.Errorf("segment term %q after %q: %w", word, t.prev, errOrder)
	}
	at := t.post.n
	t.pre.next(word)
	allLen := t.bitmap(all, false)
	titleLen := uint64(0)
	if len(title) > 0 {
		titleLen = t.bitmap(title, true)
	}
	t.pre.grow(allLen + titleLen)
	d := t.dict
	if t.n%t.per == 0 {
		t.blocks = append(t.blocks, d.n)
		d.str(word)
		d.uvarint(at)
	} else {
		shared := 0
		for shared < len(word) && shared < len(t.prev) && word[shared] == t.prev[shared] {
			shared++
		}
		d.uvarint(uint64(shared))
		d.str(word[shared:])
	}
	d.uvarint(uint64(len(all)))
	d.uvarint(allLen)
	d.uvarint(titleLen)
	t.prev = append(t.prev[:0], word...)
	t.n++
	return nil
}

// bitmap writes docs (a term's list, of its headline when title is set)
// as a roaring bitmap, run-optimised, and returns its length; a write
// error is kept by the section's buffer until close.
func (t *termWriter) bitmap(docs []uint32, title bool) uint64 {
	t.bm.Clear()
	t.bm.AddMany(docs)
	t.bm.RunOptimize()
	n, _ := t.bm.WriteTo(t.post)
	t.pre.or(title, t.bm)
	return uint64(n)
}

// cleanup removes the spill files, whether or not finish ran.
func (t *termWriter) cleanup() {
	t.spill.Close()
	os.Remove(t.spill.Name())
	t.pre.cleanup()
}

// finish closes the postings, copies the dictionary in after them,
// writes the block table, and then the prefix sets.
func (t *termWriter) finish() error {
	if err := t.post.close(); err != nil {
		return err
	}
	w := t.w
	if err := w.copySpill(t.dict, t.spill); err != nil {
		return err
	}
	b := w.section(secBlocks, int64(8*len(t.blocks)))
	for _, o := range t.blocks {
		b.Write(le.AppendUint64(b.tmp[:0], o))
	}
	w.h.nterms, w.h.blockTerms = t.n, t.per
	if err := b.closeSized(uint64(8 * len(t.blocks))); err != nil {
		return err
	}
	return t.pre.finish()
}
