package segment

import (
	"bytes"
	"cmp"
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"sync"

	"github.com/broadsheet/broadsheet/store/dedup"
	"github.com/broadsheet/broadsheet/store/index"
	"github.com/broadsheet/broadsheet/store/text"
)

// Rows are the docs a segment is written from, in Compare order: Row
// fills d with doc i, all but its Pairs and Sketch, which Pairs and
// Sketch give, once a doc
// (it may be read from a file), good until the next call. Write reads
// each doc a few times rather than asking for them all at once, so that
// a caller's articles need not be copied into a second table of rows at
// the peak of a cold load; the strings Row gives must stand until Write
// returns.
type Rows interface {
	Len() int
	Row(i int, d *Doc)
	Pairs(i int) []byte
	Sketch(i int) *dedup.Sketch
}

// DocRows are docs listed, as Rows.
type DocRows []Doc

func (r DocRows) Len() int           { return len(r) }
func (r DocRows) Row(i int, d *Doc)  { *d = r[i] }
func (r DocRows) Pairs(i int) []byte { return r[i].Pairs }

func (r DocRows) Sketch(i int) *dedup.Sketch { return &r[i].Sketch }

// Write writes a segment atomically (a temporary file in the same folder,
// synced, then renamed). docs must already be in Compare order, which
// Write checks; files may come in any order, and are sorted in place by
// Root, Name and Offset. The postings come from x, whose doc numbers
// renum maps to docs' (^uint32(0) leaves a doc out); x may be nil for no
// words.
func Write(path string, docs Rows, files []File, x *index.Index, renum []uint32) error {
	if err := checkInput(docs, files); err != nil {
		return fmt.Errorf("segment %s: %w", path, err)
	}
	w, err := create(path)
	if err != nil {
		return err
	}
	defer w.abort()
	if err := writeTables(w, docs, files); err != nil {
		return err
	}
	if err := writePairs(w, docs.Len(), docs.Pairs); err != nil {
		return err
	}
	if err := writeSketches(w, docs.Len(), docs.Sketch); err != nil {
		return err
	}
	tw, err := w.terms()
	if err != nil {
		return err
	}
	defer tw.cleanup()
	if x != nil {
		if err := writeIndex(tw, x, renum, docs.Len()); err != nil {
			return fmt.Errorf("segment %s: %w", path, err)
		}
	}
	if err := tw.finish(); err != nil {
		return err
	}
	return w.commit()
}

func checkInput(docs Rows, files []File) error {
	n := docs.Len()
	if uint64(n) >= 1<<32-1 || uint64(len(files)) >= 1<<32-1 {
		return fmt.Errorf("%d docs and %d files: too many", n, len(files))
	}
	var prev, d Doc
	for i := range n {
		docs.Row(i, &d)
		if i > 0 && Compare(&prev, &d) > 0 {
			return fmt.Errorf("doc %d (%q) before doc %d (%q): %w", i-1, prev.Headline, i, d.Headline, errOrder)
		}
		prev = d
	}
	for j := range files {
		if int(files[j].Doc) >= n {
			return fmt.Errorf("file %q of doc %d, of %d docs", files[j].Name, files[j].Doc, n)
		}
	}
	return nil
}

// writeTables writes the docs, IDs, title order and files, and the
// strings of them all.
func writeTables(w *fileWriter, docs Rows, files []File) error {
	n, m := docs.Len(), len(files)
	w.h.ndocs, w.h.nfiles = uint32(n), uint32(m)
	rows := w.section(secDocs, int64(n*docSize))
	ids := w.section(secIDs, int64(n*idSize))
	titles := w.section(secTitles, int64(n*4))
	fs := w.section(secFiles, int64(m*fileSize))
	heap := w.section(secHeap, -1)
	// The three sorts, by title, by ID and of the files, each a pass of
	// n log n over a million rows, run side by side.
	var ranks, order []uint32
	var byID []idRow
	var wg sync.WaitGroup
	wg.Go(func() { ranks, order = titleOrder(docs) })
	wg.Go(func() {
		byID = make([]idRow, n)
		var d Doc
		for i := range byID {
			docs.Row(i, &d)
			byID[i] = idRow{d.ID, uint32(i)}
		}
		slices.SortFunc(byID, func(a, b idRow) int { return cmp.Or(bytes.Compare(a.id[:], b.id[:]), cmp.Compare(a.doc, b.doc)) })
	})
	slices.SortFunc(files, func(a, b File) int {
		return cmp.Or(cmp.Compare(a.Root, b.Root), strings.Compare(a.Name, b.Name), cmp.Compare(a.Offset, b.Offset), cmp.Compare(a.Doc, b.Doc))
	})
	wg.Wait()
	var d Doc
	for i := range n {
		docs.Row(i, &d)
		w.h.totalWords += uint64(d.Words)
		putDoc(rows, heap, &d, ranks[i])
	}
	for _, r := range byID {
		putID(ids, r.id, r.doc)
	}
	for _, doc := range order {
		titles.Write(le.AppendUint32(titles.tmp[:0], doc))
	}
	for j := range files {
		docs.Row(int(files[j].Doc), &d)
		putFile(fs, heap, &files[j], d.Name == files[j].Name)
	}
	return closeAll(rows.closeSized(uint64(n*docSize)), ids.closeSized(uint64(n*idSize)),
		titles.closeSized(uint64(n*4)), fs.closeSized(uint64(m*fileSize)), heap.close())
}

// writePairs writes the pair ends and the pairs of n docs, doc i's filter
// being pairs(i). It runs once the heap is closed, since the length of
// neither is known before.
func writePairs(w *fileWriter, n int, pairs func(i int) []byte) error {
	ends := w.section(secPairEnds, int64(8*n))
	ps := w.section(secPairs, -1)
	for i := range n {
		ps.Write(pairs(i))
		ends.Write(le.AppendUint64(ends.tmp[:0], ps.n))
	}
	return closeAll(ends.closeSized(uint64(8*n)), ps.close())
}

// writeSketches writes the sketches of n docs, doc i's being sketch(i).
func writeSketches(w *fileWriter, n int, sketch func(i int) *dedup.Sketch) error {
	ss := w.section(secSketches, int64(n*sketchSize))
	for i := range n {
		ss.Write(sketch(i)[:])
	}
	return ss.closeSized(uint64(n * sketchSize))
}

// idRow is a doc's ID and number, for the sort of the ID table.
type idRow struct {
	id  [16]byte
	doc uint32
}

func closeAll(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// titleOrder ranks the docs by folded headline: ranks[i] is doc i's place
// among the distinct folded headlines, order the docs by rank, then doc.
func titleOrder(docs Rows) (ranks, order []uint32) {
	n := docs.Len()
	folded := make([]string, n)
	order = make([]uint32, n)
	var d Doc
	for i := range n {
		docs.Row(i, &d)
		folded[i] = foldTitle(d.Headline)
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(a, b uint32) int { return cmp.Or(strings.Compare(folded[a], folded[b]), cmp.Compare(a, b)) })
	ranks = make([]uint32, n)
	r := uint32(0)
	for k, d := range order {
		if k > 0 && folded[d] != folded[order[k-1]] {
			r++
		}
		ranks[d] = r
	}
	return ranks, order
}

// foldTitle is the key a sort by title compares: the headline's folded
// words, one space apart.
func foldTitle(h string) string { return strings.Join(text.Words(h), " ") }

// putDoc writes a doc's row, with its strings at the heap's end.
func putDoc(rows, heap *secWriter, d *Doc, rank uint32) {
	r := &rows.row
	copy(r[:], d.ID[:])
	le.PutUint64(r[16:], uint64(d.Date))
	le.PutUint64(r[24:], uint64(d.ModTime))
	le.PutUint64(r[32:], uint64(d.Size))
	le.PutUint64(r[40:], uint64(d.Offset))
	le.PutUint64(r[48:], heap.n)
	le.PutUint32(r[56:], d.Words)
	le.PutUint32(r[60:], d.Root)
	le.PutUint32(r[64:], rank)
	r[68] = d.Flags
	rows.Write(r[:])
	for _, s := range [...]string{d.Headline, d.Folder, d.Name, d.Format, d.Source, d.Author, d.Site, d.Excerpt} {
		heap.str(s)
	}
	heap.uvarint(uint64(len(d.Tags)))
	for _, t := range d.Tags {
		heap.str(t)
	}
}

func putID(ids *secWriter, id [16]byte, doc uint32) {
	r := ids.row[:idSize]
	copy(r, id[:])
	le.PutUint32(r[16:], doc)
	ids.Write(r)
}

// putFile writes a file's row; its name goes to the heap unless it is
// its doc's, which the heap holds already.
func putFile(fs, heap *secWriter, f *File, docsName bool) {
	r := fs.row[:fileSize]
	le.PutUint32(r[0:], f.Root)
	le.PutUint32(r[4:], f.Doc)
	le.PutUint64(r[8:], uint64(f.Offset))
	le.PutUint64(r[16:], uint64(f.Size))
	le.PutUint64(r[24:], uint64(f.MTime))
	le.PutUint64(r[32:], uint64(f.CTime))
	le.PutUint64(r[40:], f.Ino)
	ref := sameName
	if !docsName {
		ref = heap.str(f.Name)
	}
	le.PutUint64(r[48:], ref)
	fs.Write(r)
}

// writeIndex writes x's words and postings, renumbered. Renumbering a
// term's lists, which reads them in load order and puts them in the
// segment's, and writing them (roaring bitmaps, the dictionary, the
// prefix sets) each took half of writing a million articles, one after
// the other; they run side by side, a batch of terms apart.
func writeIndex(tw *termWriter, x *index.Index, renum []uint32, ndocs int) error {
	free, full := make(chan *termBatch, termBatches), make(chan *termBatch, termBatches)
	for range termBatches {
		free <- &termBatch{}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(full)
		renumberTerms(x, renum, ndocs, free, full, done)
	}()
	var err error
	for b := range full {
		if err = b.err; err != nil {
			break
		}
		for k, word := range b.words {
			if err = tw.add(word, b.docs[b.ends[2*k]:b.ends[2*k+1]], b.docs[b.ends[2*k+1]:b.ends[2*k+2]]); err != nil {
				break
			}
		}
		if err != nil {
			break
		}
		free <- b
	}
	close(done)
	wg.Wait()
	return err
}

// termBatch is a run of terms whose lists renumberTerms has renumbered:
// term k's list of all docs is docs[ends[2k]:ends[2k+1]], its headline's
// docs[ends[2k+1]:ends[2k+2]].
type termBatch struct {
	words []string
	docs  []uint32
	ends  []int
	err   error
}

// termBatches is how many batches are in flight, and batchTerms the
// terms of each.
const (
	termBatches = 4
	batchTerms  = 256
)

// renumberTerms renumbers x's terms' lists in word order, in batches
// taken from free and handed on to full, until done is closed.
func renumberTerms(x *index.Index, renum []uint32, ndocs int, free <-chan *termBatch, full chan<- *termBatch, done <-chan struct{}) {
	var all, title []uint32
	seen := index.NewBitset(ndocs)
	b, stopped := <-free, false
	b.words, b.docs, b.ends, b.err = b.words[:0], b.docs[:0], append(b.ends[:0], 0), nil
	send := func() {
		select {
		case full <- b:
		case <-done:
			stopped = true
			return
		}
		select {
		case b = <-free:
			b.words, b.docs, b.ends = b.words[:0], b.docs[:0], append(b.ends[:0], 0)
		case <-done:
			stopped = true
		}
	}
	x.EachTerm(func(word string, eachAll, eachTitle func(yield func(doc uint32))) {
		if stopped {
			return
		}
		all, b.err = renumber(all[:0], eachAll, renum, ndocs, seen)
		if b.err == nil {
			title, b.err = renumber(title[:0], eachTitle, renum, ndocs, seen)
		}
		b.words = append(b.words, word)
		b.docs = append(b.docs, all...)
		b.ends = append(b.ends, len(b.docs))
		b.docs = append(b.docs, title...)
		b.ends = append(b.ends, len(b.docs))
		if b.err != nil {
			send()
			stopped = true
		} else if len(b.words) == batchTerms {
			send()
		}
	})
	if !stopped && len(b.words) > 0 {
		send()
	}
}

// renumber appends each doc's new number to dst, sorted and without
// repeats. A long list is put in order through seen, a bitset of ndocs
// bits, all clear, that it leaves clear: a million docs make 16,000 words
// to scan, which is quicker than sorting a list of more than a few
// thousand (sorting every list was most of writing a million articles).
func renumber(dst []uint32, each func(yield func(doc uint32)), renum []uint32, ndocs int, seen index.Bitset) ([]uint32, error) {
	var bad error
	each(func(doc uint32) {
		switch {
		case int(doc) >= len(renum):
			bad = fmt.Errorf("index doc %d past renum's %d", doc, len(renum))
		case renum[doc] == ^uint32(0):
		case int(renum[doc]) >= ndocs:
			bad = fmt.Errorf("index doc %d renumbered %d, of %d docs", doc, renum[doc], ndocs)
		default:
			dst = append(dst, renum[doc])
		}
	})
	if len(dst) < len(seen)/8 {
		slices.Sort(dst)
		return slices.Compact(dst), bad
	}
	for _, d := range dst {
		seen.Set(d)
	}
	dst = dst[:0]
	for w, set := range seen {
		for ; set != 0; set &= set - 1 {
			dst = append(dst, uint32(w<<6|bits.TrailingZeros64(set)))
		}
		seen[w] = 0
	}
	return dst, bad
}
