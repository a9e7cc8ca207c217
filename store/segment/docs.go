package segment

import (
	"bytes"
	"os"
	"strings"
	"unsafe"

	"github.com/broadsheet/broadsheet/store/dedup"
)

// row returns doc i's row of the docs table; i must be below Len.
func (s *Segment) row(i uint32) []byte {
	off := uint64(i) * docSize
	return s.docs[off : off+docSize : off+docSize]
}

func (s *Segment) ID(i uint32) (id [16]byte) { copy(id[:], s.row(i)); return id }
func (s *Segment) Date(i uint32) int64       { return int64(le.Uint64(s.row(i)[16:])) }
func (s *Segment) Flags(i uint32) uint8      { return s.row(i)[68] }
func (s *Segment) Words(i uint32) uint32     { return le.Uint32(s.row(i)[56:]) }

// Offset is where doc i's record starts in its file (0 for a file of one).
func (s *Segment) Offset(i uint32) int64 { return int64(le.Uint64(s.row(i)[40:])) }

// TitleRank is doc i's place among the segment's distinct folded
// headlines (text.Words joined by " "), worked out by Write, so that
// sorting by title compares two numbers instead of folding strings.
func (s *Segment) TitleRank(i uint32) uint32 { return le.Uint32(s.row(i)[64:]) }

// ByTitle returns the doc at place r (below Len) of the title order, by
// TitleRank and then doc, so a list sorted by title reads it in order
// rather than sorting. A spoiled entry gives doc 0.
func (s *Segment) ByTitle(r int) uint32 {
	if d := le.Uint32(s.titles[4*r:]); d < s.h.ndocs {
		return d
	}
	return 0
}

// Headline returns doc i's headline, aliasing the mapping: it must not be
// kept past the loop that asked for it, nor after Close.
func (s *Segment) Headline(i uint32) string { return s.field(i, 0) }

// Folder returns doc i's folder, aliasing the mapping like Headline.
func (s *Segment) Folder(i uint32) string { return s.field(i, 1) }

// Name returns doc i's root and file name, the name aliasing the mapping
// like Headline.
func (s *Segment) Name(i uint32) (root uint32, name string) {
	return le.Uint32(s.row(i)[60:]), s.field(i, 2)
}

// Where returns doc i's source, author and site, aliasing the mapping
// like Headline: what tag:, author: and site: read of a million rows,
// without copying a row out.
func (s *Segment) Where(i uint32) (source, author, site string) {
	off := s.fieldOffset(i, 4)
	source, off = s.heapString(off)
	author, off = s.heapString(off)
	site, _ = s.heapString(off)
	return source, author, site
}

// HasWhere says whether doc i has a folder, an author or a site, what
// the list shows beside a headline, reading the lengths of its strings
// and nothing else: a pass over every row of a million, for a flat
// folder with none, is before the first screen.
func (s *Segment) HasWhere(i uint32) bool {
	off := le.Uint64(s.row(i)[48:])
	for k := range 7 { // headline, folder, name, format, source, author, site
		n, next := uvarint(s.heap, off)
		if span(s.heap, next, n) == nil {
			return false // the heap's end, as heapString reads it
		}
		if n > 0 && (k == 1 || k == 5 || k == 6) {
			return true
		}
		off = next + n
	}
	return false
}

// Tags returns doc i's tags, aliasing the mapping like Headline; nil
// when it has none.
func (s *Segment) Tags(i uint32) []string { return s.tagsAt(s.fieldOffset(i, 8)) }

// tagsAt returns the tag list at off in the heap, aliasing it; nil when
// it is empty.
func (s *Segment) tagsAt(off uint64) []string {
	n, off := uvarint(s.heap, off)
	// Each tag takes a byte at least, which bounds the count by the heap.
	n = min(n, uint64(len(s.heap))-min(off, uint64(len(s.heap))))
	if n == 0 {
		return nil
	}
	tags := make([]string, n)
	for k := range tags {
		tags[k], off = s.heapString(off)
	}
	return tags
}

// field returns the k-th string of doc i's run in the heap.
func (s *Segment) field(i uint32, k int) string {
	str, _ := s.heapString(s.fieldOffset(i, k))
	return str
}

// fieldOffset is where the k-th string of doc i's run starts in the heap.
func (s *Segment) fieldOffset(i uint32, k int) uint64 {
	off := le.Uint64(s.row(i)[48:])
	for range k {
		_, off = s.heapString(off)
	}
	return off
}

// heapString returns the string at off in the heap, aliasing it, and the
// offset after it; "" and the heap's end when it is not within the heap.
func (s *Segment) heapString(off uint64) (string, uint64) {
	n, off := uvarint(s.heap, off)
	b := span(s.heap, off, n)
	if b == nil {
		return "", uint64(len(s.heap))
	}
	return aliasString(b), off + n
}

// aliasString views b as a string without copying: the mapping is
// read-only, so the string cannot change under its holder.
func aliasString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// Pairs returns doc i's filter of adjacent words (Doc.Pairs), aliasing
// the mapping: none when the doc has none, or when the table is spoiled.
func (s *Segment) Pairs(i uint32) []byte {
	end := le.Uint64(s.pairEnds[8*i:])
	var start uint64
	if i > 0 {
		start = le.Uint64(s.pairEnds[8*(i-1):])
	}
	if start > end || end > uint64(len(s.pairs)) || (end-start)%8 != 0 {
		return nil
	}
	return s.pairs[start:end:end]
}

// Sketch returns doc i's sketch (Doc.Sketch), aliasing the mapping.
func (s *Segment) Sketch(i uint32) *dedup.Sketch {
	return (*dedup.Sketch)(s.sketches[sketchSize*i : sketchSize*(i+1)])
}

// Sketches returns every doc's sketch, by doc number, aliasing the
// mapping: for a dedup.Set, which reads them all at each grouping.
func (s *Segment) Sketches() []dedup.Sketch {
	if len(s.sketches) < sketchSize {
		return nil
	}
	return unsafe.Slice((*dedup.Sketch)(unsafe.Pointer(&s.sketches[0])), len(s.sketches)/sketchSize)
}

// ReleaseSketches lets go of the pages of the sketches (Release, for
// that section): grouping a million docs reads their 64 MB once, and
// the groups it makes hold no sketch, so the reader's memory need not
// keep them.
func (s *Segment) ReleaseSketches() {
	if s.unmap == nil || len(s.sketches) == 0 {
		return
	}
	page, base := uint64(os.Getpagesize()), s.h.secs[secSketches].off
	from, to := (base+page-1)/page*page, (base+uint64(len(s.sketches)))/page*page
	if from < to && to <= uint64(len(s.data)) {
		releaseFile(s.data[from:to])
	}
}

// ReleasePairs lets go of the pages that hold only the filters of docs lo
// up to hi (Release, for part of the file): a phrase check over most of
// a million docs touches most of their 220 MB of filters, once.
func (s *Segment) ReleasePairs(lo, hi uint32) {
	hi = min(hi, s.h.ndocs)
	if s.unmap == nil || lo >= hi {
		return
	}
	var start uint64
	if lo > 0 {
		start = le.Uint64(s.pairEnds[8*(lo-1):])
	}
	end := min(le.Uint64(s.pairEnds[8*(hi-1):]), uint64(len(s.pairs)))
	page, base := uint64(os.Getpagesize()), s.h.secs[secPairs].off
	from, to := (base+start+page-1)/page*page, (base+end)/page*page
	if from < to && to <= uint64(len(s.data)) {
		releaseFile(s.data[from:to])
	}
}

// Doc returns doc i whole, its strings copied out of the mapping, so it
// may be kept after Close.
func (s *Segment) Doc(i uint32) Doc {
	r := s.row(i)
	d := Doc{Date: int64(le.Uint64(r[16:])), ModTime: int64(le.Uint64(r[24:])),
		Size: int64(le.Uint64(r[32:])), Offset: int64(le.Uint64(r[40:])),
		Words: le.Uint32(r[56:]), Root: le.Uint32(r[60:]), Flags: r[68]}
	copy(d.ID[:], r)
	off := le.Uint64(r[48:])
	for _, p := range []*string{&d.Headline, &d.Folder, &d.Name, &d.Format, &d.Source, &d.Author, &d.Site, &d.Excerpt} {
		var str string
		str, off = s.heapString(off)
		*p = strings.Clone(str)
	}
	d.Tags = s.tagsAt(off)
	for k := range d.Tags {
		d.Tags[k] = strings.Clone(d.Tags[k])
	}
	return d
}

// Find returns the doc with this ID, by binary search of the ID table in
// place.
func (s *Segment) Find(id [16]byte) (uint32, bool) {
	lo, hi := 0, len(s.ids)/idSize
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if bytes.Compare(s.ids[m*idSize:m*idSize+16], id[:]) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == len(s.ids)/idSize || !bytes.Equal(s.ids[lo*idSize:lo*idSize+16], id[:]) {
		return 0, false
	}
	doc := le.Uint32(s.ids[lo*idSize+16:])
	return doc, doc < s.h.ndocs
}

// fileRow returns file j's row; j must be below NumFiles.
func (s *Segment) fileRow(j int) []byte { return s.files[j*fileSize : (j+1)*fileSize] }

// fileName returns file j's root and name, aliasing the mapping.
func (s *Segment) fileName(j int) (uint32, string) {
	r := s.fileRow(j)
	ref, doc := le.Uint64(r[48:]), le.Uint32(r[4:])
	if ref != sameName {
		name, _ := s.heapString(ref)
		return le.Uint32(r), name
	}
	if doc >= s.h.ndocs {
		return le.Uint32(r), ""
	}
	return le.Uint32(r), s.field(doc, 2)
}

// File returns file j, its name copied out of the mapping.
func (s *Segment) File(j int) File {
	r := s.fileRow(j)
	root, name := s.fileName(j)
	return File{Root: root, Name: strings.Clone(name), Doc: le.Uint32(r[4:]),
		Offset: int64(le.Uint64(r[8:])), Size: int64(le.Uint64(r[16:])),
		MTime: int64(le.Uint64(r[24:])), CTime: int64(le.Uint64(r[32:])), Ino: le.Uint64(r[40:])}
}

// FindFiles returns the range [lo,hi) of files with this root and name:
// a file of many articles has a row for each. A walk asks it of every
// file, so it searches a sparse table in memory first and the mapping
// only within one stretch of it (filerefs.go).
func (s *Segment) FindFiles(root uint32, name string) (lo, hi int) {
	lo = s.firstFile(root, name)
	return lo, s.firstFile(root, name+"\x00")
}
