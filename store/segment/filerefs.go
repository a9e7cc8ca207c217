package segment

import (
	"sort"
	"strings"
	"sync"
)

// FileDoc returns the doc file j stands behind, read in place; j must be
// below NumFiles.
func (s *Segment) FileDoc(j int) uint32 { return le.Uint32(s.fileRow(j)[4:]) }

// FileName returns file j's root and name without copying: the name
// aliases the mapping and must not be kept.
func (s *Segment) FileName(j int) (root uint32, name string) { return s.fileName(j) }

// FilesUnder returns the ranges of files, [lo,hi) each, that name holds:
// the file name itself, and every file below it were it a folder ("."
// holds every file of the root).
func (s *Segment) FilesUnder(root uint32, name string) [][2]int {
	if name == "." {
		return [][2]int{{s.firstFile(root, ""), s.firstFile(root+1, "")}}
	}
	lo, hi := s.FindFiles(root, name)
	// The names below name/ run from name/ up to name0, '0' being the
	// byte after '/'.
	return [][2]int{{lo, hi}, {s.firstFile(root, name+"/"), s.firstFile(root, name+"0")}}
}

// firstFile is the first file not before (root, name) in the table's
// order.
func (s *Segment) firstFile(root uint32, name string) int {
	before := func(j int) bool {
		r, n := s.fileName(j)
		return r < root || r == root && n < name
	}
	sp := s.sparse.get(s)
	// Sparse entry k is file k*sparseEvery: the answer lies after the
	// last entry before the key, and not past the next.
	k := sort.Search(len(sp), func(k int) bool {
		e := sp[k]
		return !(e.root < root || e.root == root && e.name < name)
	})
	lo, hi := max(0, (k-1)*sparseEvery), min(s.NumFiles(), k*sparseEvery)
	if k == len(sp) {
		hi = s.NumFiles()
	}
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if before(m) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// sparseEvery is how many files apart the sparse table's entries are.
const sparseEvery = 64

type sparseEntry struct {
	root uint32
	name string
}

// sparseFiles is a segment's sparse table of file names, copied out of
// the mapping the first time it is needed: a million files make 16,000
// entries.
type sparseFiles struct {
	once    sync.Once
	entries []sparseEntry
}

func (sf *sparseFiles) get(s *Segment) []sparseEntry {
	sf.once.Do(func() {
		for j := 0; j < s.NumFiles(); j += sparseEvery {
			r, n := s.fileName(j)
			sf.entries = append(sf.entries, sparseEntry{r, strings.Clone(n)})
		}
	})
	return sf.entries
}
