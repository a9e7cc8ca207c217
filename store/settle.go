package store

import (
	"slices"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/index"
)

// A load ends by settling the library: what its walk did not find again
// goes, and an article whose own file went follows a copy that stayed.

// settle ends a load over roots: files it did not find are forgotten,
// articles left with no file go, and an article whose file went but whose
// byte-identical copy stayed now points at the copy. It reports whether
// anything changed.
func (l *Library) settle(roots []article.Root) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.unmarked != nil && !l.anyWent() {
		return false
	}
	n := l.ndocs()
	hadFile := make([]bool, n)
	liveFile := make([]int, n) // a live file of each doc, plus one
	ownFile := make([]bool, n) // the article's own file is live
	see := func(f fileRec, num int) {
		hadFile[f.doc] = true
		if !f.live {
			return
		}
		liveFile[f.doc] = num + 1
		if l.ownsFile(f, roots) {
			ownFile[f.doc] = true
		}
	}
	changed := l.settleSegFiles(hadFile, liveFile, ownFile)
	kept := l.files[:0]
	for _, f := range l.files {
		if f.live {
			see(f, l.segFiles+len(kept))
			kept = append(kept, f)
		} else {
			hadFile[f.doc] = true
		}
	}
	changed = changed || len(kept) < len(l.files)
	l.files = kept
	var gone []uint32
	for doc := range n {
		switch {
		case !hadFile[doc] || l.dead.Has(uint32(doc)):
		case liveFile[doc] == 0:
			gone = append(gone, uint32(doc))
		case !ownFile[doc]:
			l.move(uint32(doc), l.file(liveFile[doc]-1), roots)
			changed = true
		}
	}
	if len(gone) == 0 {
		return changed
	}
	l.bury(gone)
	return true
}

// settleSegFiles is settle's pass over the segments' file records, in
// place: one not found by this load is gone. It says whether any went.
func (l *Library) settleSegFiles(hadFile []bool, liveFile []int, ownFile []bool) bool {
	changed := false
	for _, p := range l.segs {
		for j := range p.seg.NumFiles() {
			f := p.fileBase + j
			if l.segGone.Has(uint32(f)) {
				continue
			}
			doc := p.base + p.seg.FileDoc(j)
			if int(doc) >= len(hadFile) {
				continue // a corrupt row
			}
			hadFile[doc] = true
			if !l.segLive.Has(uint32(f)) {
				l.segGone.Set(uint32(f))
				changed = true
				continue
			}
			liveFile[doc] = f + 1
			if l.made.load(doc) == nil {
				root, name := p.seg.FileName(j)
				rowRoot, rowName := p.seg.Name(doc - p.base)
				ownFile[doc] = ownFile[doc] || root == rowRoot && name == rowName
			} else {
				ownFile[doc] = ownFile[doc] || l.ownsFile(l.file(f), l.roots)
			}
		}
		// The pass read the segment's every file record and row, 25 MB
		// of pages for 100,000 files, which would otherwise stay in the
		// process's memory for as long as it runs.
		p.seg.Release()
	}
	return changed
}

// ownsFile says whether f is its article's own file.
func (l *Library) ownsFile(f fileRec, roots []article.Root) bool {
	if f.doc < l.segDocs && l.made.load(f.doc) == nil {
		p, i := l.segOf(f.doc)
		root, name := p.seg.Name(i)
		return int(root) == f.root && name == f.name // the offset is the row's own
	}
	a := l.peek(f.doc)
	return a.Loc == (article.Loc{Root: &roots[f.root], Name: f.name, Offset: f.offset})
}

// move points doc at the file f, a byte-identical copy of its own, which
// went.
func (l *Library) move(doc uint32, f fileRec, roots []article.Root) {
	moved := *l.article(doc)
	moved.Loc = article.Loc{Root: &roots[f.root], Name: f.name, Offset: f.offset}
	moved.Path = moved.Loc.Path()
	moved.Folder = article.FolderOf(f.name)
	if doc < l.segDocs {
		l.made.slot(doc).Store(&moved)
	} else {
		l.docs[doc-l.segDocs] = &moved
	}
	l.gen++
}

// bury marks docs whose every file went as dead.
func (l *Library) bury(gone []uint32) {
	n := l.ndocs()
	if len(l.dead) < n/64+1 {
		l.dead = append(l.dead, make(index.Bitset, n/64+1-len(l.dead))...)
	}
	for _, doc := range gone {
		l.dead.Set(doc)
		if id := l.id(doc); doc >= l.segDocs && l.byID[id] == doc {
			delete(l.byID, id)
		}
	}
	l.order = slices.DeleteFunc(l.order, func(d uint32) bool { return l.dead.Has(d) })
	l.gen++
}
