package segment

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
	lo, hi := 0, s.NumFiles()
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		r, n := s.fileName(m)
		if r < root || r == root && n < name {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
