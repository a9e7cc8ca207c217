package store

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/dedup"
	"github.com/broadsheet/broadsheet/store/index"
	"github.com/broadsheet/broadsheet/store/segment"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/gofrs/flock"
)

// maxSegments is how many segments a save leaves before it merges some:
// a query reads each segment's postings, so few is quick, and merging
// rewrites what it merges, so rarely is cheap.
const maxSegments = 4

// readCache maps the segments the manifest at path names, for roots,
// into l, which must be empty. Nothing is decoded but the manifest; on an
// error l is left empty.
func (l *Library) readCache(path string, roots []article.Root) error {
	m, err := readManifest(path, roots)
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	var segs []*segment.Segment
	for _, ms := range m.segs {
		s, err := segment.Open(filepath.Join(dir, ms.name))
		if err == nil && s.Len() != ms.ndocs {
			s.Close()
			err = index.ErrCorrupt
		}
		if err != nil {
			for _, o := range segs {
				o.Close()
			}
			return err
		}
		segs = append(segs, s)
	}
	l.installSegments(m, segs, roots)
	// Marked as used, so that pruning keeps what is read but never
	// rewritten (a library that did not change).
	now := time.Now()
	_ = os.Chtimes(path, now, now)
	return nil
}

// writeCache saves what changed since the segments were mapped: the
// tail's live articles as a new segment, and a manifest naming it, the
// mapped segments with their dead docs and gone files, and the file
// records segment docs gained. Past maxSegments the smaller segments are
// merged into one. Instances take turns under a lock beside the
// manifest; the later one's manifest, of what it holds, stands, and what
// only the earlier one had found is found again by the next start's
// check. An instance reading keeps the segments it mapped, even once a
// merge has let them go.
func (l *Library) writeCache(path string, roots []article.Root) error {
	return l.save(path, roots, true)
}

// save is writeCache, merging segments only if merge is set (see
// saveLocked).
func (l *Library) save(path string, roots []article.Root, merge bool) error {
	lock, err := lockCache(path)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	return l.saveLocked(path, roots, merge)
}

// lockCache makes the cache folder of the manifest at path and takes the
// lock beside the manifest. One instance writes a library at a time
// (saves, spills, Compact taking its merge in), so that no save's merge,
// manifest or pruning runs into another's; the later writes a manifest of
// what it holds, which stands whole (the earlier's changes are found
// again by the next start's check).
func lockCache(path string) (*flock.Flock, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	lock := flock.New(path + ".lock")
	if err := lock.Lock(); err != nil {
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	return lock, nil
}

// saveLocked is writeCache's work, for a caller holding the lock beside
// the manifest at path. It merges segments past maxSegments only if merge
// is set and Compact is not merging them all meanwhile: the segments a
// cold load streamed into (spill) are Compact's to merge, whole and in the
// background, and a merge of some of them here, with the lock held, would
// also keep the tail just written from being adopted.
func (l *Library) saveLocked(path string, roots []article.Root, merge bool) error {
	dir := filepath.Dir(path)
	state.RemoveStaleTemps(filepath.Join(dir, ".*.tmp"))
	stem := strings.TrimSuffix(filepath.Base(path), ".manifest")
	l.mu.RLock()
	gen := l.gen
	m, delta, renum, err := l.saveTail(dir, stem)
	adopted, deltaName := false, ""
	if err == nil && delta != nil {
		deltaName = m.segs[len(m.segs)-1].name
		defer func() {
			if !adopted {
				delta.Close()
			}
		}()
	}
	if err == nil && merge && !l.compacting.Load() {
		err = l.mergeSome(dir, stem, m, delta)
	}
	l.mu.RUnlock()
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	data, err := encodeManifest(m, roots)
	if err == nil {
		err = writeAtomic(path, data)
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	adopted = delta != nil && l.adoptFreeing(m, delta, deltaName, renum, gen, false)
	l.pruneCache(path)
	return nil
}

// adoptFreeing is adopt, which when the tail it let go was large hands
// the heap back to the system: the tail of a cold load (or of a spill) is
// most of the heap, and handing it back now, rather than as the runtime
// gets round to it, keeps the session that reads on from the mapping
// from holding both. It is a collection over what stays, and a few
// files' tail is not worth one.
func (l *Library) adoptFreeing(m *manifest, seg *segment.Segment, name string, renum []uint32, gen uint64, loading bool) bool {
	if !l.adopt(m, seg, name, renum, gen, loading) {
		return false
	}
	if seg.Len() >= freeAfter {
		debug.FreeOSMemory()
	}
	return true
}

// newSegName names a new segment file of the library stem.
func newSegName(stem string) string {
	var b [8]byte
	rand.Read(b[:])
	return stem + "-" + hex.EncodeToString(b[:]) + ".seg"
}

// segNameOK says whether a manifest's segment name is one newSegName
// makes: a plain name in the cache folder.
func segNameOK(name string) bool {
	return strings.HasPrefix(name, "lib-") && strings.HasSuffix(name, ".seg") && !strings.ContainsAny(name, `/\`)
}

// saveTail writes the tail's live articles as a segment, when there are
// any, and returns the manifest of the mapped segments and it, and how
// the tail's doc numbers map to the segment's. The caller holds the read
// lock.
func (l *Library) saveTail(dir, stem string) (*manifest, *segment.Segment, []uint32, error) {
	m := &manifest{bad: l.keptBad(), skips: l.skips, folders: l.folders}
	for _, p := range l.segs {
		ms := manifestSeg{name: p.name, ndocs: p.seg.Len()}
		for i := range uint32(p.seg.Len()) {
			if l.dead.Has(p.base + i) {
				ms.dead = append(ms.dead, i)
			}
		}
		for j := range p.seg.NumFiles() {
			if f := p.fileBase + j; l.segGone.Has(uint32(f)) {
				r := l.file(f)
				ms.goneFiles = append(ms.goneFiles, fileKeyAt{r.root, r.name, r.offset})
			}
		}
		m.segs = append(m.segs, ms)
	}
	docs, files, renum := l.tailRows()
	for _, f := range l.files {
		if f.doc < l.segDocs {
			p, i := l.segOf(f.doc)
			m.extras = append(m.extras, extraFile{seg: l.segIndex(p), doc: i, rec: f})
		}
	}
	if docs.Len() == 0 {
		return m, nil, nil, nil
	}
	name := newSegName(stem)
	if err := segment.Write(filepath.Join(dir, name), docs, files, l.idx, renum); err != nil {
		return nil, nil, nil, err
	}
	s, err := segment.Open(filepath.Join(dir, name))
	if err != nil {
		return nil, nil, nil, err
	}
	m.segs = append(m.segs, manifestSeg{name: name, ndocs: s.Len()})
	return m, s, renum, nil
}

func (l *Library) segIndex(p *segPart) int {
	for k := range l.segs {
		if &l.segs[k] == p {
			return k
		}
	}
	return -1
}

// tailRows returns the tail's live articles with a file, as rows in the
// default order, their files, and how the index's doc numbers map to the
// rows'. The caller holds the read lock.
func (l *Library) tailRows() (tailRowSet, []segment.File, []uint32) {
	var live []uint32
	for _, doc := range l.order {
		if doc >= l.segDocs && l.docs[doc-l.segDocs].Loc.Root != nil {
			live = append(live, doc)
		}
	}
	renum := make([]uint32, l.ndocs())
	for i := range renum {
		renum[i] = gone
	}
	rootIdx := make(map[*article.Root]int, len(l.roots))
	for i := range l.roots {
		rootIdx[&l.roots[i]] = i
	}
	docs := tailRowSet{arts: make([]*article.Article, len(live)), pairs: make([]pairRef, len(live)), rootIdx: rootIdx,
		log: &l.log, buf: new([]byte), sketch: new(dedup.Sketch)}
	for i, doc := range live {
		renum[doc] = uint32(i)
		docs.arts[i], docs.pairs[i] = l.docs[doc-l.segDocs], l.pairs[doc-l.segDocs]
	}
	// Counted first: grown by appending, the list of a million files
	// left twice its size in garbage at the peak of a cold load.
	n := 0
	for _, f := range l.files {
		if f.doc >= l.segDocs && renum[f.doc] != gone {
			n++
		}
	}
	files := make([]segment.File, 0, n)
	for _, f := range l.files {
		if f.doc >= l.segDocs && renum[f.doc] != gone {
			files = append(files, segment.File{Root: uint32(f.root), Name: f.name, Offset: f.offset,
				Size: f.stamp.Size, MTime: f.stamp.MTime, CTime: f.stamp.CTime, Ino: f.stamp.Ino, Doc: renum[f.doc]})
		}
	}
	return docs, files, renum
}

// tailRowSet is the tail's articles as a segment's rows, each made as
// Write reads it: a table of a million rows made at once was 206 MB at
// the peak of a cold load, beside the articles it was made from.
type tailRowSet struct {
	arts    []*article.Article
	pairs   []pairRef
	rootIdx map[*article.Root]int
	log     *pairLog
	buf     *[]byte
	sketch  *dedup.Sketch // the one Sketch reads into
}

func (t tailRowSet) Len() int                  { return len(t.arts) }
func (t tailRowSet) Row(i int, d *segment.Doc) { *d = rowOf(t.arts[i], t.rootIdx) }

// Sketch reads doc i's sketch from the log, into the one sketch.
func (t tailRowSet) Sketch(i int) *dedup.Sketch {
	*t.sketch = t.log.sketch(t.pairs[i])
	return t.sketch
}

// Pairs reads doc i's filter from the log, into the one buffer.
func (t tailRowSet) Pairs(i int) []byte {
	b := t.log.get(t.pairs[i], *t.buf)
	if b != nil {
		*t.buf = b
	}
	return b
}

// gone marks a doc left out of a segment in a renumbering.
const gone = ^uint32(0)

// rowOf is an article as a segment keeps it.
func rowOf(a *article.Article, rootIdx map[*article.Root]int) segment.Doc {
	d := segment.Doc{
		ID: a.ID, Words: uint32(a.Words), Size: a.Size, ModTime: a.ModTime.UnixNano(),
		Root: uint32(rootIdx[a.Loc.Root]), Name: a.Loc.Name, Offset: a.Loc.Offset,
		Format: a.Format, Headline: a.Headline, Folder: a.Folder, Source: a.Source,
		Author: a.Author, Site: a.Site, Excerpt: a.Excerpt, Tags: a.Tags,
	}
	if !a.Undated {
		d.Date = a.Date.UnixNano()
	}
	if a.Undated {
		d.Flags |= segment.FlagUndated
	}
	if a.DateFromFile {
		d.Flags |= segment.FlagDateFromFile
	}
	if a.Cut {
		d.Flags |= segment.FlagCut
	}
	return d
}

// writeAtomic replaces path with data: a temporary file in its folder,
// synced, renamed into place.
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".manifest-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// sortBySize returns the manifest's segments' indexes, smallest first.
func sortBySize(m *manifest) []int {
	idx := make([]int, len(m.segs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		return (m.segs[a].ndocs - len(m.segs[a].dead)) - (m.segs[b].ndocs - len(m.segs[b].dead))
	})
	return idx
}

// mergeSome merges segments when the manifest names more than
// maxSegments, or names one whose file went (another instance merged it
// away; this one still has it mapped): the smallest, so that the work of
// a merge is bounded by the small segments a few saves made, and a large
// one is rewritten only once the small ones add up. delta is the segment
// saveTail wrote, the manifest's last, or nil. The caller holds the read
// lock.
func (l *Library) mergeSome(dir, stem string, m *manifest, delta *segment.Segment) error {
	mapped := func(i int) *segment.Segment {
		if i < len(l.segs) {
			return l.segs[i].seg
		}
		return delta
	}
	pick := toMerge(dir, m)
	if len(pick) == 0 || len(pick) == 1 && len(m.segs) <= maxSegments {
		return nil
	}
	var segs []*segment.Segment
	var dead []index.Bitset
	for i, ms := range m.segs {
		if !pick[i] {
			continue
		}
		segs = append(segs, mapped(i))
		d := index.NewBitset(ms.ndocs)
		for _, doc := range ms.dead {
			d.Set(doc)
		}
		dead = append(dead, d)
	}
	name := newSegName(stem)
	if err := segment.Merge(filepath.Join(dir, name), segs, dead); err != nil {
		return err
	}
	merged, err := segment.Open(filepath.Join(dir, name))
	if err != nil {
		return err
	}
	ndocs := merged.Len()
	merged.Close()
	kept := &manifest{bad: m.bad, skips: m.skips, folders: m.folders}
	newIdx := make([]int, len(m.segs))
	for i, ms := range m.segs {
		newIdx[i] = -1
		if !pick[i] {
			newIdx[i] = len(kept.segs)
			kept.segs = append(kept.segs, ms)
		}
	}
	keepExtras(m, kept, newIdx)
	kept.segs = append(kept.segs, manifestSeg{name: name, ndocs: ndocs})
	*m = *kept
	return nil
}

// keepExtras moves m's extras to kept, whose segments newIdx numbers (-1
// for one merged away).
func keepExtras(m, kept *manifest, newIdx []int) {
	cloned := false
	for _, x := range m.extras {
		// An extra of a merged segment is let go: its file is read again
		// at the next start, as a file the cache does not know, its
		// folder no longer trusted so that a check of folders lists it.
		if newIdx[x.seg] >= 0 {
			x.seg = newIdx[x.seg]
			kept.extras = append(kept.extras, x)
		} else if k := (folderKey{x.rec.root, path.Dir(x.rec.name)}); kept.folders[k] != (folderStamp{}) {
			if !cloned {
				kept.folders, cloned = maps.Clone(m.folders), true // l's, shared
			}
			kept.folders[k] = folderStamp{}
		}
	}
}

// toMerge picks the manifest's segments to merge: any whose file went,
// and past maxSegments the smallest, enough to leave half as many.
func toMerge(dir string, m *manifest) map[int]bool {
	pick := map[int]bool{}
	for i, ms := range m.segs {
		if _, err := os.Stat(filepath.Join(dir, ms.name)); err != nil {
			pick[i] = true
		}
	}
	if over := len(m.segs) - maxSegments; over > 0 {
		for _, i := range sortBySize(m)[:over+maxSegments/2] {
			pick[i] = true
		}
	}
	return pick
}
