package segment

// A segment file, every integer little-endian:
//
//	header, 512 bytes
//	  0  magic "broadsheet segment\n" and a zero byte
//	 20  version uint32, 4 (older versions, which had no pair filters, no
//	     prefix sets or no sketches, are refused)
//	 24  ndocs, nfiles, nterms, blockTerms uint32 (terms per dictionary block)
//	 40  totalWords uint64, the docs' Words summed
//	 48  nsections uint32, 13; nprefixes uint32
//	 56  section table, 13 rows, one a section in the order below:
//	       offset uint64, length uint64, CRC-32C uint32, 4 bytes zero
//	368  zero bytes
//	504  CRC-32C (Castagnoli) of bytes 0-503; 4 bytes zero
//
//	the sections, each 8-aligned (zero bytes between):
//	docs      ndocs rows of 72 bytes in Compare order; a doc's number is its row
//	            0 ID [16]byte   16 Date int64    24 ModTime int64   32 Size int64
//	           40 Offset int64  48 strs uint64 (heap offset of its strings)
//	           56 Words uint32  60 Root uint32   64 TitleRank uint32
//	           68 Flags uint8, 3 bytes zero
//	ids       ndocs rows: ID [16]byte, doc uint32; sorted by ID
//	titles    ndocs doc numbers uint32 in title order: by TitleRank, then doc
//	files     nfiles rows of 56 bytes, sorted by Root, Name, Offset
//	            0 Root uint32   4 Doc uint32    8 Offset int64   16 Size int64
//	           24 MTime int64  32 CTime int64  40 Ino uint64
//	           48 name uint64: heap offset of a string, or ^0 for its doc's Name
//	heap      strings, each a uvarint length and its bytes; a doc's strings
//	          are one run: Headline, Folder, Name, Format, Source, Author,
//	          Site, Excerpt, a uvarint count of tags, the tags
//	pair ends ndocs uint64: where in pairs doc i's filter ends; it starts
//	          where doc i-1's ends, doc 0's at 0
//	pairs     each doc's filter of adjacent words (index.PairFilter), in
//	          doc order: 8-byte words, none for a doc of no pairs
//	sketches  ndocs rows of 64 bytes: each doc's sketch of its body
//	          (store/dedup.Sketch), all zero for none
//	postings  for each term in dictionary order, the docs holding it in the
//	          headline or body, then in the headline alone (none when no
//	          doc does), each a roaring bitmap in its portable format
//	dict      the terms in byte order, in blocks of blockTerms; a block is
//	            its first term: uvarint length, bytes
//	            uvarint offset in postings of that term's lists
//	            the term's entry: uvarint docs, uvarint all bytes, uvarint title bytes
//	          then, for each later term, uvarint bytes shared with the term
//	          before, uvarint length of the rest, the rest, its entry; a
//	          term's lists follow the one before's
//	blocks    for each dictionary block, uint64 offset in dict of its start
//	prefixes  nprefixes rows of 24 bytes, sorted by key: the prefixes whose
//	          doc sets are stored, every first character of a term and
//	          the first two of some (see prefixes.go for which)
//	            0 key [8]byte: those characters in UTF-8, then zero bytes
//	            8 off uint64 in prefix sets of its sets
//	           16 all uint32: bytes of the docs holding a term starting with
//	              key in the headline or body
//	           20 title uint32: bytes of those holding one in the headline
//	              (none when no doc does)
//	prefix sets  for each row, at its off, its all set and then its title
//	          set, each a roaring bitmap in its portable format
//
// Open trusts only what the header's CRC covers: the counts and section
// bounds. Every offset read from a section is bounded by that section
// when it is used, so a spoiled file reads as wrong answers, never a
// panic, and Verify's CRCs tell it apart.

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
)

// Segment is an open segment file, mapped read-only. Its methods may be
// called from many goroutines at once; none may run after Close. A doc
// number must be below Len and a file number below NumFiles, as an index
// of a slice must; nothing read from the file can make one panic.
type Segment struct {
	path  string
	data  []byte // the whole mapping
	unmap func([]byte) error
	h     *header

	docs, ids, titles, files, heap, pairEnds, pairs, sketches []byte
	postings, dict, blocks, prefixes, prefixSets              []byte

	sparse sparseFiles // every 64th file's name, for FindFiles
}

// Open maps the file and checks only its header and section table, so it
// costs the same at a thousand docs as at a million.
func Open(path string) (*Segment, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() < headerSize {
		return nil, fmt.Errorf("%s: %d bytes: %w", path, st.Size(), ErrCorrupt)
	}
	data, err := mapFile(f, int(st.Size()))
	if err != nil {
		return nil, fmt.Errorf("map %s: %w", path, err)
	}
	s, err := load(path, data)
	if err != nil {
		unmapFile(data)
		return nil, err
	}
	s.unmap = unmapFile
	return s, nil
}

// load checks data's header and section table and cuts it into sections.
func load(path string, data []byte) (*Segment, error) {
	h, err := decodeHeader(data, uint64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%s: %v: %w", path, err, ErrCorrupt)
	}
	s := &Segment{path: path, data: data, h: h}
	for i, p := range []*[]byte{&s.docs, &s.ids, &s.titles, &s.files, &s.heap, &s.pairEnds, &s.pairs, &s.sketches, &s.postings, &s.dict, &s.blocks, &s.prefixes, &s.prefixSets} {
		sec := h.secs[i]
		*p = data[sec.off : sec.off+sec.len : sec.off+sec.len]
	}
	return s, nil
}

// Close unmaps the file; strings from the allocation-free accessors die
// with it.
func (s *Segment) Close() error {
	if s.data == nil || s.unmap == nil {
		return nil
	}
	err := s.unmap(s.data)
	*s = Segment{path: s.path, h: &header{}}
	return err
}

// Release lets the pages of the file read so far go from the process's
// memory, to be read again from the page cache when next touched: for a
// segment read whole (Verify, a merge) that is rarely read from now on,
// such as one merged into another, whose pages would otherwise count in
// the process's memory for as long as it runs.
func (s *Segment) Release() {
	if s.data != nil && s.unmap != nil {
		releaseFile(s.data)
	}
}

// Verify checks every section's CRC, and that the bytes between sections
// are zero, so that no byte of the file goes unchecked: it reads the whole
// file, so it is for a background check and before a merge, not for Open.
func (s *Segment) Verify() error {
	at := uint64(headerSize - 4) // the header's CRC covers what is before
	for i, sec := range s.h.secs {
		b := s.data[sec.off : sec.off+sec.len]
		if crc32.Checksum(b, castagnoli) != sec.crc {
			return fmt.Errorf("%s: section %d checksum mismatch: %w", s.path, i, ErrCorrupt)
		}
		if sec.off < at || !zero(s.data[at:sec.off]) {
			return fmt.Errorf("%s: section %d overlaps or follows stray bytes: %w", s.path, i, ErrCorrupt)
		}
		at = sec.off + sec.len
	}
	if at != uint64(len(s.data)) {
		return fmt.Errorf("%s: %d bytes after the last section: %w", s.path, uint64(len(s.data))-at, ErrCorrupt)
	}
	return nil
}

func zero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// Len is how many docs the segment holds.
func (s *Segment) Len() int { return int(s.h.ndocs) }

// NumFiles is how many files the segment holds.
func (s *Segment) NumFiles() int { return int(s.h.nfiles) }

// TotalWords is the docs' Words summed, for BM25's average length.
func (s *Segment) TotalWords() int64 { return int64(s.h.totalWords) }

var le = binary.LittleEndian

// uvarint reads a uvarint at b[off:], giving len(b) as the next offset
// when there is none, so every later read fails too.
func uvarint(b []byte, off uint64) (v, next uint64) {
	if off >= uint64(len(b)) {
		return 0, uint64(len(b))
	}
	v, n := binary.Uvarint(b[off:])
	if n <= 0 {
		return 0, uint64(len(b))
	}
	return v, off + uint64(n)
}

// span returns b[off:off+n], or nil when that is not within b.
func span(b []byte, off, n uint64) []byte {
	if off > uint64(len(b)) || n > uint64(len(b))-off {
		return nil
	}
	return b[off : off+n]
}
