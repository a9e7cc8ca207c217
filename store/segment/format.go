package segment

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"strings"

	"github.com/broadsheet/broadsheet/store/dedup"
)

// ErrCorrupt is what Open and Verify say of a file they cannot trust:
// torn, foreign, spoiled, or of a newer version. It is wrapped with the
// file's name.
var ErrCorrupt = errors.New("not a usable segment")

// Flags of a doc.
const (
	FlagUndated      = 1 << 0
	FlagDateFromFile = 1 << 1
	FlagCut          = 1 << 2
)

// Doc is one article's row.
type Doc struct {
	ID      [16]byte
	Date    int64 // Unix nanoseconds
	Flags   uint8
	Words   uint32 // words in headline and body (BM25 length)
	Size    int64
	ModTime int64  // Unix nanoseconds
	Root    uint32 // index of the root it was loaded under
	Name    string // slash-separated file name within the root
	Offset  int64  // of its record in a file of many articles

	Format, Headline, Folder, Source, Author, Site, Excerpt string
	Tags                                                    []string

	// Pairs is the filter of the words adjacent in its headline or body
	// (index.PairFilter), which a phrase check asks before reading the
	// file; none lets every phrase through. Segment.Doc leaves it out:
	// Segment.Pairs reads it in place. Write asks Rows.Pairs for it.
	Pairs []byte

	// Sketch is the body's sketch (store/dedup), by which near-copies are
	// grouped; the zero Sketch is none. Segment.Doc leaves it out:
	// Segment.Sketch reads it in place. Write asks Rows.Sketch for it.
	Sketch dedup.Sketch
}

// File is one file behind a doc (several byte-identical files may share
// a doc).
type File struct {
	Root               uint32
	Name               string
	Offset             int64
	Size, MTime, CTime int64
	Ino                uint64
	Doc                uint32
}

// Compare orders docs as the library's default order: newest first,
// undated (FlagUndated) last, ties by Headline then ID, so the order never
// depends on load order.
func Compare(a, b *Doc) int {
	return compareKeys(a.Flags, b.Flags, a.Date, b.Date, a.Headline, b.Headline, &a.ID, &b.ID)
}

// compareKeys is Compare on the fields it reads, so a merge can compare
// rows in place without building Docs.
func compareKeys(fa, fb uint8, da, db int64, ha, hb string, ia, ib *[16]byte) int {
	if ua, ub := fa&FlagUndated != 0, fb&FlagUndated != 0; ua != ub {
		if ua {
			return 1
		}
		return -1
	}
	switch {
	case da > db:
		return -1
	case da < db:
		return 1
	}
	if c := strings.Compare(ha, hb); c != 0 {
		return c
	}
	return bytes.Compare(ia[:], ib[:])
}

// The layout's constants: see the comment at the top of open.go.
const (
	magic             = "broadsheet segment\n"
	version           = 4
	headerSize        = 512
	headerCRC         = headerSize - 8 // where the header's CRC is
	defaultBlockTerms = 16             // terms per dictionary block: see doc.go

	docSize    = 72 // a docs table row
	idSize     = 20 // an ID table row
	fileSize   = 56 // a files table row
	prefixSize = 24 // a prefix table row
	sketchSize = dedup.Size

	sameName = ^uint64(0) // a file row's name is its doc's
)

// The sections, in the order of the section table and of the file.
const (
	secDocs = iota
	secIDs
	secTitles
	secFiles
	secHeap
	secPairEnds
	secPairs
	secSketches
	secPostings
	secDict
	secBlocks
	secPrefixes
	secPrefixSets
	numSections
)

// blockTerms is how many terms Write puts in a dictionary block; the
// header records it, so a benchmark may write others.
var blockTerms uint32 = defaultBlockTerms

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// section is one row of the section table.
type section struct {
	off, len uint64
	crc      uint32
}

// header is what the first headerSize bytes hold.
type header struct {
	ndocs, nfiles, nterms, blockTerms uint32
	totalWords                        uint64
	nprefixes                         uint32
	secs                              [numSections]section
}

// encode lays h out as the file's first headerSize bytes.
func (h *header) encode() []byte {
	b := make([]byte, headerSize)
	copy(b, magic)
	le := binary.LittleEndian
	le.PutUint32(b[20:], version)
	le.PutUint32(b[24:], h.ndocs)
	le.PutUint32(b[28:], h.nfiles)
	le.PutUint32(b[32:], h.nterms)
	le.PutUint32(b[36:], h.blockTerms)
	le.PutUint64(b[40:], h.totalWords)
	le.PutUint32(b[48:], numSections)
	le.PutUint32(b[52:], h.nprefixes)
	for i, s := range h.secs {
		p := b[56+24*i:]
		le.PutUint64(p, s.off)
		le.PutUint64(p[8:], s.len)
		le.PutUint32(p[16:], s.crc)
	}
	le.PutUint32(b[headerCRC:], crc32.Checksum(b[:headerCRC], castagnoli))
	return b
}

// decodeHeader reads and checks the header of a file of size bytes: its
// magic, version (an older one too is refused, so that it is rebuilt) and
// CRC, that each section lies within the file, 8-aligned and past the
// header, and that the fixed-width tables are as long as the counts say.
func decodeHeader(b []byte, size uint64) (*header, error) {
	le := binary.LittleEndian
	if len(b) < headerSize || string(b[:len(magic)]) != magic || b[19] != 0 {
		return nil, errors.New("no segment header")
	}
	if v := le.Uint32(b[20:]); v != version {
		return nil, errors.New("segment version not known")
	}
	if le.Uint32(b[headerCRC:]) != crc32.Checksum(b[:headerCRC], castagnoli) {
		return nil, errors.New("header checksum mismatch")
	}
	h := &header{ndocs: le.Uint32(b[24:]), nfiles: le.Uint32(b[28:]), nterms: le.Uint32(b[32:]),
		blockTerms: le.Uint32(b[36:]), totalWords: le.Uint64(b[40:]), nprefixes: le.Uint32(b[52:])}
	if le.Uint32(b[48:]) != numSections || h.blockTerms == 0 || h.blockTerms > 1<<12 {
		return nil, errors.New("bad section count or block size")
	}
	for i := range h.secs {
		p := b[56+24*i:]
		s := section{off: le.Uint64(p), len: le.Uint64(p[8:]), crc: le.Uint32(p[16:])}
		if s.off < headerSize || s.off%8 != 0 || s.off > size || s.len > size-s.off {
			return nil, errors.New("section out of the file")
		}
		h.secs[i] = s
	}
	nblocks := (uint64(h.nterms) + uint64(h.blockTerms) - 1) / uint64(h.blockTerms)
	for _, want := range []struct {
		sec int
		len uint64
	}{
		{secDocs, uint64(h.ndocs) * docSize}, {secIDs, uint64(h.ndocs) * idSize},
		{secTitles, uint64(h.ndocs) * 4}, {secFiles, uint64(h.nfiles) * fileSize}, {secPairEnds, uint64(h.ndocs) * 8},
		{secSketches, uint64(h.ndocs) * sketchSize},
		{secBlocks, nblocks * 8}, {secPrefixes, uint64(h.nprefixes) * prefixSize},
	} {
		if h.secs[want.sec].len != want.len {
			return nil, errors.New("table length disagrees with its count")
		}
	}
	return h, nil
}
