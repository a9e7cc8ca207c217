package store

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/index"
	"github.com/broadsheet/broadsheet/store/segment"
)

// Compact merges the library's segments into one when the largest holds
// less than three quarters of their live docs, as a cold load that
// streamed into segments leaves them (spill), and reads from the merged
// segment in place of them. A query reads each segment's postings and the
// order interleaves their docs, so one is quicker than several; one that
// holds most already is left for the saves' own merges of the small ones
// (mergeSome), so that a large segment is rewritten only once the others
// add up to a good part of it.
//
// It is for the background of a session, after Load: the merge reads the
// mapped segments without the library's lock, and only taking the merged
// segment in holds it, while it renumbers the docs (see numbering). What
// changed meanwhile is kept: a doc whose file went during the merge is
// dead in the merged segment, and files a rescan added are saved first.
// It says whether it merged; an error is one of writing the cache, which
// only costs the next start time.
func (l *Library) Compact() (bool, error) {
	l.mu.RLock()
	path, roots := l.cachePath(l.roots), l.roots
	segs, dead := l.toCompact()
	l.mu.RUnlock()
	if path == "" || len(segs) < 2 {
		return false, nil
	}
	l.compacting.Store(true)
	defer l.compacting.Store(false)
	dir, stem := filepath.Dir(path), strings.TrimSuffix(filepath.Base(path), ".manifest")
	name := newSegName(stem)
	num, err := segment.MergeNumbered(filepath.Join(dir, name), segs, dead, l.waitUnused)
	if err != nil {
		return false, err
	}
	merged, err := segment.Open(filepath.Join(dir, name))
	if err != nil {
		os.Remove(filepath.Join(dir, name))
		return false, err
	}
	drop := func() {
		merged.Close()
		os.Remove(filepath.Join(dir, name))
	}
	if l.merged != nil {
		l.merged()
	}
	l.loading.Lock()
	defer l.loading.Unlock()
	lock, err := lockCache(path)
	if err != nil {
		drop()
		return false, err
	}
	defer lock.Unlock()
	if l.tailLen() > 0 {
		// What a rescan added during the merge is saved, and its segment
		// adopted, so that the tail is empty to renumber.
		if err := l.saveLocked(path, roots, false); err != nil {
			drop()
			return false, err
		}
	}
	if !l.adoptMerged(segs, merged, name, num) {
		drop()
		return false, nil
	}
	// The merge read every page of its inputs, which only results from
	// before read now.
	for _, s := range segs {
		s.Release()
	}
	// The manifest names the merged segment and what came after; the
	// inputs' files go once they are old enough (pruneCache), and this
	// library keeps them mapped, for the results made before.
	return true, l.saveLocked(path, roots, false)
}

// quietFor is how long a background merge waits after the last search or
// open. On two cores, a merge of the million beside someone typing made a
// keystroke's screen 20.7 ms at the median and 35 ms at worst (32-50 ms
// median on a busier hour), against 16.4 and 30 ms with the wait: it
// costs the merge the time someone spends typing, and no one a frame.
const quietFor = 300 * time.Millisecond

// used notes that the library was just searched or read from.
func (l *Library) used() { l.usedAt.Store(time.Now().UnixNano()) }

// waitUnused returns once the library has gone quietFor without a search
// or an open.
func (l *Library) waitUnused() {
	for {
		since := time.Duration(time.Now().UnixNano() - l.usedAt.Load())
		if since >= quietFor {
			return
		}
		time.Sleep(quietFor - since)
	}
}

// toCompact returns the segments Compact would merge, all of them or
// none (see worthMerging), and each one's dead docs. The caller holds the
// read lock.
func (l *Library) toCompact() ([]*segment.Segment, []index.Bitset) {
	if l.KeepBodies || len(l.segs) < 2 {
		return nil, nil
	}
	segs := make([]*segment.Segment, len(l.segs))
	dead := make([]index.Bitset, len(l.segs))
	live := make([]int, len(l.segs))
	total := 0
	for k, p := range l.segs {
		segs[k] = p.seg
		dead[k] = index.NewBitset(p.seg.Len())
		for i := range uint32(p.seg.Len()) {
			if l.dead.Has(p.base + i) {
				dead[k].Set(i)
			}
		}
		live[k] = p.seg.Len() - dead[k].Count()
		total += live[k]
	}
	if !worthMerging(live, total) {
		return nil, nil
	}
	return segs, dead
}

// worthMerging says whether segments of these live docs are worth
// merging into one: when the largest holds less than three quarters of
// them. A cold load's segments are of a size; a spill and its rest (two
// of five, say) are worth merging too, where every query would read two
// sets of postings. A merge makes the largest a third larger at least, so
// a doc is rewritten a few times over the life of a library, not once a
// save: the small segments the saves add are the saves' to merge
// (mergeSome), until they hold a quarter.
func worthMerging(live []int, total int) bool {
	return len(live) > 1 && 4*slices.Max(live) < 3*total
}

// adoptMerged makes merged, which merged the library's first len(inputs)
// segments as num numbers them, the library's first segment in their
// place, when they are still its first and the tail is empty; it says
// whether it did. Every doc and file number moves: the inputs' as num
// says, those of the segments after them by the difference in size. A
// doc dead before the merge is left out (the numbering's left reads it
// from its input, still mapped); one that died since is dead in merged.
func (l *Library) adoptMerged(inputs []*segment.Segment, merged *segment.Segment, name string, num *segment.Numbering) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.docs) > 0 || len(l.segs) < len(inputs) {
		return false
	}
	for k, s := range inputs {
		if l.segs[k].seg != s {
			return false
		}
	}
	after := l.segs[len(inputs):]
	endDocs, endFiles := l.segDocs, l.segFiles
	if len(after) > 0 {
		endDocs, endFiles = after[0].base, after[0].fileBase
	}
	n, nfiles := uint32(merged.Len()), merged.NumFiles()
	segDocs, segFiles := l.segDocs-endDocs+n, l.segFiles-endFiles+nfiles
	renum := make([]uint32, l.segDocs)
	fileRenum := make([]uint32, l.segFiles)
	for k := range inputs {
		p := l.segs[k]
		copy(renum[p.base:], num.Docs[k])
		copy(fileRenum[p.fileBase:], num.Files[k])
	}
	for doc := endDocs; doc < l.segDocs; doc++ {
		renum[doc] = doc - endDocs + n
	}
	for f := endFiles; f < l.segFiles; f++ {
		fileRenum[f] = uint32(f - endFiles + nfiles)
	}
	old, oldMade := slices.Clone(l.segs), l.made
	left := func(doc uint32) *article.Article {
		if a := oldMade.load(doc); a != nil {
			return a
		}
		p, i := partOf(old, doc)
		return l.fromRow(p.seg.Doc(i))
	}

	made := newMadeTable(segDocs)
	for c := range l.made.chunks {
		chunk := l.made.chunks[c].Load()
		if chunk == nil {
			continue
		}
		for j := range chunk {
			if a := chunk[j].Load(); a != nil {
				if doc := renum[c*madeDocs+j]; doc != gone {
					made.slot(doc).Store(a)
				}
			}
		}
	}
	dead := index.NewBitset(int(segDocs))
	for doc, ok := l.dead.Next(0); ok && doc < uint32(len(renum)); doc, ok = l.dead.Next(doc + 1) {
		if renum[doc] != gone {
			dead.Set(renum[doc])
		}
	}
	moveBits := func(b index.Bitset) index.Bitset {
		moved := index.NewBitset(segFiles)
		for f, ok := b.Next(0); ok && f < uint32(len(fileRenum)); f, ok = b.Next(f + 1) {
			if fileRenum[f] != segment.Dropped {
				moved.Set(fileRenum[f])
			}
		}
		return moved
	}
	segGone, segLive := moveBits(l.segGone), moveBits(l.segLive)
	// The file records kept for segment docs (a moved or grown file's)
	// follow their docs; a dead doc's go with it.
	files := l.files[:0]
	for _, f := range l.files {
		if f.doc = renum[f.doc]; f.doc != gone {
			files = append(files, f)
		}
	}
	clear(l.files[len(files):])

	segs := []segPart{{seg: merged, name: name}}
	for _, p := range after {
		p.base, p.fileBase = p.base-endDocs+n, p.fileBase-endFiles+nfiles
		segs = append(segs, p)
	}
	l.renumber(renum, left)
	l.segs, l.segDocs, l.segFiles = segs, segDocs, segFiles
	l.made, l.dead, l.segGone, l.segLive, l.files = made, dead, segGone, segLive, files
	l.renumbered(renum)
	return true
}
