package segment

import (
	"bytes"
	"cmp"
	"fmt"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/broadsheet/broadsheet/store/dedup"
	"github.com/broadsheet/broadsheet/store/index"
)

// Merge writes one segment holding the docs of segs that dead[k] (a set
// over segs[k]'s docs; dead may be short, and a set nil) does not hold, in
// Compare order, with every file, term and posting renumbered: the same
// file Write would make of those docs. It checks each input with Verify
// first. Every table is a k-way merge of the inputs' own, streamed from
// their mappings to the new file, so the heap holds a renumbering (4 bytes
// an input doc), the title ranks (4 bytes an output doc) and one term's
// postings at a time: no string or list of the whole library. The prefix
// sets are the inputs' stored ones united, a set at a time.
func Merge(path string, segs []*Segment, dead []index.Bitset) error {
	_, err := MergeNumbered(path, segs, dead, nil)
	return err
}

// Numbering is how a merge numbered its inputs' docs and files in the
// segment it wrote: Docs[k][i] is the number of doc i of input k, and
// Files[k][j] of its file j, Dropped for one left out.
type Numbering struct {
	Docs, Files [][]uint32
}

// Dropped is a doc or file a merge left out.
const Dropped = ^uint32(0)

// MergeNumbered is Merge, and returns how it numbered the inputs' docs
// and files, for a caller that reads the new segment in place of its
// inputs. It calls yield, if not nil, between rows and terms every so
// often: a merge in the background of a session waits there while the
// user types.
func MergeNumbered(path string, segs []*Segment, dead []index.Bitset, yield func()) (*Numbering, error) {
	for _, s := range segs {
		if err := s.Verify(); err != nil {
			return nil, err
		}
		s.Release()
	}
	m := newMerger(segs, dead)
	m.yield = yield
	if m.n >= 1<<32-1 || m.nfiles >= 1<<32-1 {
		return nil, fmt.Errorf("segment %s: %d docs and %d files: too many", path, m.n, m.nfiles)
	}
	w, err := create(path)
	if err != nil {
		return nil, err
	}
	defer w.abort()
	if err := m.writeTables(w); err != nil {
		return nil, err
	}
	if err := m.writePairs(w); err != nil {
		return nil, err
	}
	if err := m.writeSketches(w); err != nil {
		return nil, err
	}
	tw, err := w.terms()
	if err != nil {
		return nil, err
	}
	defer tw.cleanup()
	tw.pre.fill = m.fillPrefix
	if err := m.writeTerms(tw); err != nil {
		return nil, fmt.Errorf("segment %s: %w", path, err)
	}
	if err := tw.finish(); err != nil {
		return nil, err
	}
	if err := w.commit(); err != nil {
		return nil, err
	}
	return &Numbering{Docs: m.renum, Files: m.fileRenum}, nil
}

// merger is a merge's inputs and their renumbering.
type merger struct {
	segs      []*Segment
	renum     [][]uint32 // segs[k]'s doc to the new one, ^uint32(0) when dead
	fileRenum [][]uint32 // segs[k]'s file to the new one, as writeFiles numbers them
	n, nfiles int        // live docs, and their files

	buf []uint32        // a list renumbered, for fillPrefix
	one *roaring.Bitmap // and as a bitmap
	// steps counts rows and terms written, for step.
	steps int
	yield func() // see MergeNumbered
}

// releaseEvery is how many rows or terms a merge writes between letting
// go of the pages of its inputs it has read.
const releaseEvery = 1 << 13

// step counts a row or term written, and every releaseEvery lets the
// inputs' pages read so far go (Segment.Release): a merge reads each input
// whole, and would otherwise hold all their files in memory at the end,
// 0.6 GB for a million articles, where it reads a few pages at a time.
func (m *merger) step() {
	if m.steps++; m.steps%releaseEvery == 0 {
		for _, s := range m.segs {
			s.Release()
		}
	}
	if m.yield != nil && m.steps%yieldEvery == 0 {
		m.yield()
	}
}

// yieldEvery is how many rows or terms a merge writes between calls of
// its yield: a few milliseconds of work.
const yieldEvery = 256

func newMerger(segs []*Segment, dead []index.Bitset) *merger {
	m := &merger{segs: segs, renum: make([][]uint32, len(segs)), one: roaring.New()}
	for k, s := range segs {
		m.renum[k] = make([]uint32, s.Len())
		for i := range m.renum[k] {
			if k < len(dead) && dead[k].Has(uint32(i)) {
				m.renum[k][i] = ^uint32(0)
			}
		}
	}
	m.eachInOrder(func(k int, i uint32) {
		m.renum[k][i] = uint32(m.n)
		m.n++
	})
	for k, s := range segs {
		for j := range s.NumFiles() {
			if m.live(k, le.Uint32(s.fileRow(j)[4:])) {
				m.nfiles++
			}
		}
	}
	return m
}

// live says whether doc i of segs[k] is kept: a doc number out of range,
// from a spoiled table, is not.
func (m *merger) live(k int, i uint32) bool {
	return int(i) < len(m.renum[k]) && m.renum[k][i] != ^uint32(0)
}

// eachInOrder calls fn with every doc not marked dead in m.renum, in
// Compare order, comparing rows in place; ties go to the earlier segment.
func (m *merger) eachInOrder(fn func(k int, i uint32)) {
	m.kway(func(k int) int { return m.segs[k].Len() },
		func(k, i int) bool { return m.renum[k][i] != ^uint32(0) },
		func(a, i, b, j int) int { return m.compareDocs(a, uint32(i), b, uint32(j)) },
		func(k, i int) { fn(k, uint32(i)) })
}

// compareDocs is Compare of doc i of segs[a] and doc j of segs[b].
func (m *merger) compareDocs(a int, i uint32, b int, j uint32) int {
	sa, sb := m.segs[a], m.segs[b]
	ida, idb := sa.ID(i), sb.ID(j)
	return compareKeys(sa.Flags(i), sb.Flags(j), sa.Date(i), sb.Date(j), sa.Headline(i), sb.Headline(j), &ida, &idb)
}

// writeTables writes the docs, IDs, title order and files, and the heap.
func (m *merger) writeTables(w *fileWriter) error {
	w.h.ndocs, w.h.nfiles = uint32(m.n), uint32(m.nfiles)
	rows := w.section(secDocs, int64(m.n*docSize))
	ids := w.section(secIDs, int64(m.n*idSize))
	titles := w.section(secTitles, int64(m.n*4))
	fs := w.section(secFiles, int64(m.nfiles*fileSize))
	heap := w.section(secHeap, -1)
	ranks := m.writeTitles(titles)
	m.eachInOrder(func(k int, i uint32) {
		s := m.segs[k]
		r := &rows.row
		copy(r[:], s.row(i))
		le.PutUint64(r[48:], heap.n)
		le.PutUint32(r[64:], ranks[m.renum[k][i]])
		rows.Write(r[:])
		heap.Write(s.docStrings(i))
		w.h.totalWords += uint64(s.Words(i))
	})
	m.writeIDs(ids)
	m.writeFiles(fs, heap)
	return closeAll(rows.closeSized(uint64(m.n*docSize)), ids.closeSized(uint64(m.n*idSize)),
		titles.closeSized(uint64(m.n*4)), fs.closeSized(uint64(m.nfiles*fileSize)), heap.close())
}

// writePairs writes each doc's filter as it stands in its input.
func (m *merger) writePairs(w *fileWriter) error {
	src := m.sources()
	return writePairs(w, m.n, func(d int) []byte {
		m.step()
		return m.segs[src[d]>>32].Pairs(uint32(src[d]))
	})
}

// writeSketches writes each doc's sketch as it stands in its input.
func (m *merger) writeSketches(w *fileWriter) error {
	src := m.sources()
	return writeSketches(w, m.n, func(d int) *dedup.Sketch {
		m.step()
		return m.segs[src[d]>>32].Sketch(uint32(src[d]))
	})
}

// sources maps each new doc to its input, in the top half, and its
// number there.
func (m *merger) sources() []uint64 {
	src := make([]uint64, m.n)
	for k, renum := range m.renum {
		for i, d := range renum {
			if d != Dropped {
				src[d] = uint64(k)<<32 | uint64(i)
			}
		}
	}
	return src
}

// docStrings returns doc i's run of strings in the heap, to be copied
// whole; a spoiled run is cut where it leaves the heap.
func (s *Segment) docStrings(i uint32) []byte {
	start := min(le.Uint64(s.row(i)[48:]), uint64(len(s.heap)))
	off := start
	for range 8 {
		_, off = s.heapString(off)
	}
	ntags, off := uvarint(s.heap, off)
	for ntags > 0 && off < uint64(len(s.heap)) {
		_, off = s.heapString(off)
		ntags--
	}
	return s.heap[start:max(start, off)]
}

// writeTitles writes the title order, a k-way merge of the inputs' by
// folded headline and new doc number, and returns the new docs' ranks.
func (m *merger) writeTitles(titles *secWriter) []uint32 {
	ranks := make([]uint32, m.n)
	pos := make([]int, len(m.segs))
	keys := make([]string, len(m.segs))
	docs := make([]uint32, len(m.segs))
	next := func(k int) {
		s := m.segs[k]
		for keys[k] = ""; pos[k] < s.Len(); {
			d := le.Uint32(s.titles[4*pos[k]:])
			pos[k]++
			if m.live(k, d) {
				keys[k], docs[k] = foldTitle(s.Headline(d)), m.renum[k][d]
				return
			}
		}
		docs[k] = ^uint32(0)
	}
	for k := range m.segs {
		next(k)
	}
	rank, prev, first := uint32(0), "", true
	for {
		best := -1
		for k := range m.segs {
			if docs[k] != ^uint32(0) && (best < 0 || cmp.Or(strings.Compare(keys[k], keys[best]), cmp.Compare(docs[k], docs[best])) < 0) {
				best = k
			}
		}
		if best < 0 {
			return ranks
		}
		if !first && keys[best] != prev {
			rank++
		}
		first, prev = false, keys[best]
		ranks[docs[best]] = rank
		titles.Write(le.AppendUint32(titles.tmp[:0], docs[best]))
		next(best)
	}
}

// writeIDs writes the ID table, a k-way merge of the inputs'.
func (m *merger) writeIDs(ids *secWriter) {
	m.kway(func(k int) int { return m.segs[k].Len() },
		func(k, i int) bool { return m.live(k, le.Uint32(m.segs[k].ids[i*idSize+16:])) },
		func(a, i, b, j int) int {
			ra, rb := m.segs[a].ids[i*idSize:], m.segs[b].ids[j*idSize:]
			return cmp.Or(bytes.Compare(ra[:16], rb[:16]), cmp.Compare(m.renum[a][le.Uint32(ra[16:])], m.renum[b][le.Uint32(rb[16:])]))
		},
		func(k, i int) {
			r := m.segs[k].ids[i*idSize:]
			ids.Write(r[:16])
			ids.Write(le.AppendUint32(ids.tmp[:0], m.renum[k][le.Uint32(r[16:])]))
		})
}

// writeFiles writes the files table, a k-way merge of the inputs', with
// the names that are not their doc's into the heap.
func (m *merger) writeFiles(fs, heap *secWriter) {
	m.fileRenum = make([][]uint32, len(m.segs))
	for k, s := range m.segs {
		m.fileRenum[k] = make([]uint32, s.NumFiles())
		for j := range m.fileRenum[k] {
			m.fileRenum[k][j] = Dropped
		}
	}
	next := uint32(0)
	key := func(k, j int) (uint32, string, int64, uint32) {
		root, name := m.segs[k].fileName(j)
		r := m.segs[k].fileRow(j)
		return root, name, int64(le.Uint64(r[8:])), m.renum[k][le.Uint32(r[4:])]
	}
	m.kway(func(k int) int { return m.segs[k].NumFiles() },
		func(k, j int) bool { return m.live(k, le.Uint32(m.segs[k].fileRow(j)[4:])) },
		func(a, i, b, j int) int {
			ra, na, oa, da := key(a, i)
			rb, nb, ob, db := key(b, j)
			return cmp.Or(cmp.Compare(ra, rb), strings.Compare(na, nb), cmp.Compare(oa, ob), cmp.Compare(da, db))
		},
		func(k, j int) {
			m.fileRenum[k][j] = next
			next++
			r := fs.row[:fileSize]
			copy(r, m.segs[k].fileRow(j))
			le.PutUint32(r[4:], m.renum[k][le.Uint32(r[4:])])
			if le.Uint64(r[48:]) != sameName {
				_, name := m.segs[k].fileName(j)
				le.PutUint64(r[48:], heap.str(name))
			}
			fs.Write(r)
		})
}

// kway merges the rows of each input's sorted table: count gives a
// table's rows, keep says whether a row is kept, compare orders two rows
// and emit writes one.
func (m *merger) kway(count func(k int) int, keep func(k, i int) bool, compare func(a, i, b, j int) int, emit func(k, i int)) {
	pos := make([]int, len(m.segs))
	skip := func(k int) {
		for pos[k] < count(k) && !keep(k, pos[k]) {
			pos[k]++
		}
	}
	for k := range m.segs {
		skip(k)
	}
	for {
		best := -1
		for k := range m.segs {
			if pos[k] < count(k) && (best < 0 || compare(k, pos[k], best, pos[best]) < 0) {
				best = k
			}
		}
		if best < 0 {
			return
		}
		emit(best, pos[best])
		m.step()
		pos[best]++
		skip(best)
	}
}
