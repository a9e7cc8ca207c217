package store

import (
	"os"
	"path/filepath"
	"strings"
)

// A cold load streams into segments: every spillDocs docs it saves its
// tail as a segment and reads those docs from it (spill), as its save at
// the end does, and Compact merges the segments it leaves into one.

// spillDocs is a cold load's tail at most. A cold `list` of a million
// articles peaked at 636 MB spilling every 250,000 and at 467 MB every
// 125,000 (the whole million in the heap: 1.6 GB), and at 321 MB once the
// passes over the segments let go of their pages (Segment.Release); the
// segments it leaves, eight for a million, Compact merges into one.
const spillDocs = 125_000

// tailLen is how many docs the tail holds.
func (l *Library) tailLen() int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return len(l.docs)
}

// spill writes the tail as a segment beside the cache at path and adopts
// it, part way through a cold load, so that the heap holds no more than
// spillDocs docs' articles and postings at once: a cold load streams into
// segments rather than building the whole index first. The segment is
// named by no manifest until the load's save, which names it with the
// rest; a spill that fails leaves the tail as it was, for that save. It
// says whether it spilled.
func (l *Library) spill(path string) bool {
	lock, err := lockCache(path)
	if err != nil {
		return false
	}
	defer lock.Unlock()
	dir, stem := filepath.Dir(path), strings.TrimSuffix(filepath.Base(path), ".manifest")
	l.mu.RLock()
	gen := l.gen
	m, delta, renum, err := l.saveTail(dir, stem)
	l.mu.RUnlock()
	if err != nil || delta == nil {
		return false
	}
	name := m.segs[len(m.segs)-1].name
	if !l.adoptFreeing(m, delta, name, renum, gen, true) {
		delta.Close()
		os.Remove(filepath.Join(dir, name))
		return false
	}
	// Keeping the order, the load compares its new docs with the
	// segments' rows, and each spill's pages it read stayed in its memory
	// (40 MB a spill of 250,000): they are read again as needed.
	l.mu.RLock()
	for _, p := range l.segs {
		p.seg.Release()
	}
	l.mu.RUnlock()
	return true
}
