package store

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/index"
	"github.com/broadsheet/broadsheet/store/scan"
)

// Progress reports how far a load has come.
type Progress struct {
	Found   int // files found so far
	Done    int // files seen to the end, loaded or not
	Read    int // of them, files read: new, or changed since the cache
	Skipped int // files not loaded, or records of them
	Ignored int // images, archives and media met beside the articles
	Dupes   int // byte-identical copies folded into one article
	Loaded  int // articles in the library
	// Searchable is false for the moment when articles are on show but
	// cannot be searched yet. A cache's segments are searchable as soon as
	// they are mapped, so no load reports false now; the UI keeps the
	// state for a source that would.
	Searchable bool
	// Checking is set from the moment a cache's articles are on show,
	// searchable, until the end of the check of every file behind them
	// (Final): a screen may settle on them, and what the check finds
	// comes as any change does. Skipped meanwhile is the cache's count.
	Checking bool
	Final    bool
	// Note says how the folders are followed after loading, when that is
	// worth telling: that they are checked now and then, not watched.
	Note string
}

// Load walks the roots, parses every article in parallel and adds them to
// the library in batches, calling notify after each batch and once more,
// with Final set, at the end. notify is called from one goroutine.
//
// With a CacheDir, the index saved by the last run over the same roots is
// put on show first; the walk then only checks each file's size and
// modification time, parses what is new or changed, and drops what is
// gone, and the cache is saved again if anything differed.
func (l *Library) Load(ctx context.Context, roots []article.Root, notify func(Progress)) {
	l.load(ctx, roots, nil, notify)
}

// load is Load over the scopes of the roots alone, or over all of them
// when scopes is nil: a rescan of what a watch saw change (see Watch)
// checks those files and folders, and leaves the rest as they are.
func (l *Library) load(ctx context.Context, roots []article.Root, scopes []scan.Scope, notify func(Progress)) {
	if notify == nil {
		notify = func(Progress) {}
	}
	l.loading.Lock()
	defer l.loading.Unlock()
	ld := &loader{l: l, ctx: ctx, roots: roots, scopes: scopes, notify: notify, p: Progress{Searchable: true}}
	cachePath := l.cachePath(roots)
	// A library already loaded is being checked again (Watch): its cache
	// is not read, and is written only if something changed.
	fromCache := l.Len() > 0
	l.mu.Lock()
	l.skips = slices.DeleteFunc(l.skips, func(s scan.Skip) bool { return inScopes(roots, scopes, s.Path) })
	// The roots the articles' Locs point into, and the segments' root
	// numbers index: a rescan passes the same ones.
	l.roots = roots
	l.mu.Unlock()
	if cachePath != "" && !fromCache {
		fromCache = ld.fromCache(cachePath)
		if fromCache && scopes == nil && l.trustFolders() {
			ld.scopes = l.quickScopes(roots)
		}
	}
	if cachePath != "" && !fromCache && l.Len() == 0 {
		// A cold load: its tail goes to a segment every spillDocs docs.
		ld.spillPath = cachePath
	}
	ld.folders = newFolderSeen()
	ld.known = l.unmarkFiles(ld.scopes)
	ld.segFiles = l.segFileCount()
	ld.anyBad = l.hasBadRecords()
	ld.jobs = make(chan scan.File, 256)
	ld.recs = make(chan recBatch, 2)
	ld.results = make(chan result, 256)
	ld.slow.late = map[fileKey]time.Time{}
	ld.slow.arrived = make(chan struct{}, 1)
	var walkers, watching sync.WaitGroup
	walkers.Go(ld.walk)
	for range runtime.GOMAXPROCS(0) {
		ld.startWorker()
	}
	stop := make(chan struct{})
	watching.Go(func() { ld.watch(stop) })
	go ld.finish(&walkers, &watching, stop)
	changed := ld.collect() || !fromCache
	if ctx.Err() == nil && l.noteFolders(ld.scopes, ld.folders) {
		changed = true
	}
	if cachePath != "" && changed && ctx.Err() == nil {
		// A cache that cannot be written only costs the next start time.
		// One that streamed into segments leaves them to Compact.
		_ = l.save(cachePath, roots, !ld.spilled)
	}
}

// loader is one Load: a walk feeding jobs to workers that read, parse and
// tokenise in parallel, and the collector that adds their results to the
// library in batches.
type loader struct {
	l       *Library
	ctx     context.Context
	roots   []article.Root
	notify  func(Progress)
	p       Progress
	scopes  []scan.Scope      // what to check; nil for everything
	folders *folderSeen       // the folders the walk listed
	known   map[fileKey][]int // the tail's files, to their records
	// segFiles is how many file records the segments hold, found by
	// name in them.
	segFiles int
	found    atomic.Int64
	ignored  atomic.Int64 // images, archives and media beside the articles
	jobs     chan scan.File
	recs     chan recBatch // a large file's records, for any worker
	results  chan result
	workers  sync.WaitGroup // the workers the load waits for
	anyBad   bool           // the library remembers bad records of some file
	// cachedSkips is how many files the cache said were not loaded: the
	// count shown while the check finds them again.
	cachedSkips int
	reading     atomic.Int32 // files being read, whose batches may still come
	// spillPath is the cache a cold load writes its tail to as a
	// segment each time it holds spillDocs docs (spill); "" for none.
	spillPath string
	spilled   bool // a spill was adopted
	slow      slowReads
}

// result is one file's outcome: its articles, a skip, or (kept) a cached
// file found unchanged.
type result struct {
	loaded []loaded
	skips  []scan.Skip // the file's
	// bad are the file's records that could not be read; key names the
	// file, which the library remembers them by, so that a warm start
	// that keeps the file still lists them.
	bad  []scan.Skip
	key  fileKey
	kept bool
	read bool // the file was read, not found unchanged
	part bool // more of the same file is to come
}

// fromCache puts the cache at path on show, reporting once when its
// articles are in and again when its index is; it says whether the cache
// was good. A bad cache leaves the library empty.
func (ld *loader) fromCache(path string) bool {
	if err := ld.l.readCache(path, ld.roots); err != nil {
		ld.l.reset()
		ld.p.Loaded = 0
		return false
	}
	// A library that no longer changes saves nothing, and so never
	// pruned the segments a merge left behind (a cold million left 800
	// MB of them beside its 920): a start prunes as a save does.
	ld.l.pruneCache(path)
	ld.p.Loaded, ld.p.Searchable, ld.p.Checking = ld.l.Len(), true, true
	ld.p.Skipped = len(ld.l.Skipped())
	ld.cachedSkips = ld.p.Skipped
	ld.notify(ld.p)
	ld.p.Skipped = 0 // the check counts them again
	return true
}

// send hands a result to the collector, unless the load is cancelled.
func (ld *loader) send(r result) bool {
	select {
	case ld.results <- r:
		return true
	case <-ld.ctx.Done():
		return false
	}
}

// walk finds the files of the load's scopes, or of every root, and
// notes the folders it lists.
func (ld *loader) walk() {
	defer close(ld.jobs)
	v := scan.Visit{Found: ld.found1, Failed: ld.failed, Folder: ld.folders.see}
	if ld.scopes != nil {
		scan.WalkScopes(ld.ctx, ld.roots, ld.scopes, v)
	} else {
		scan.Walk(ld.ctx, ld.roots, v)
	}
}

// found1 takes one file the walk found: a cached one unchanged in size and
// time is kept as it is; any other goes to the workers.
func (ld *loader) found1(f scan.File) {
	ld.found.Add(1)
	// Only a cached file needs its size and time here; a new one is
	// read, and stat'ed then, anyway.
	if recs := ld.knownFiles(fileKey{f.Root, f.Name}); len(recs) > 0 {
		fi, err := f.Stat()
		if err == nil && ld.l.filesUnchanged(recs, scan.StampOf(fi)) {
			ld.send(result{kept: true, key: fileKey{f.Root, f.Name}, loaded: []loaded{{files: recs}}})
			return
		}
		if err == nil && ld.resume(&f, recs, scan.StampOf(fi)) {
			ld.queue(f)
			return
		}
	}
	if ld.anyBad {
		ld.l.forgetBadRecords(fileKey{f.Root, f.Name}) // read again: found again
	}
	ld.queue(f)
}

// failed takes what the walk could not walk or read.
func (ld *loader) failed(root int, name string, err error) {
	if errors.Is(err, scan.ErrIgnored) {
		ld.ignored.Add(1)
		return
	}
	ld.found.Add(1)
	ld.send(result{skips: []scan.Skip{{Path: ld.roots[root].DisplayPath(name), Err: err}}})
}

// queue gives a file to the workers.
func (ld *loader) queue(f scan.File) {
	select {
	case ld.jobs <- f:
	case <-ld.ctx.Done():
	}
}

// resume sets f to be read from the end of its last known record when
// the file has only grown since the cache saw it (a dataset appended to):
// that record still stands at its offset, unchanged, so the records before
// it are kept, with the file's new stamp, and only the new ones are read.
func (ld *loader) resume(f *scan.File, recs []int, stamp scan.Stamp) bool {
	offset, id, size, ok := ld.l.lastRecord(recs)
	if !ok || stamp.Size <= size {
		return false
	}
	end, ok := scan.RecordEnd(&ld.roots[f.Root], f.Name, offset, id)
	if !ok {
		return false
	}
	ld.send(result{kept: true, part: true, key: fileKey{f.Root, f.Name}, loaded: []loaded{{files: recs, stamp: &stamp}}})
	f.From = end
	return true
}

// work reads, parses and tokenises the files it is given, until the jobs
// run out or a read takes so long that the watchdog gives up on it.
func (ld *loader) work(w *reader) {
	var bufs scan.Buffers
	t := index.NewTermer(ld.l.idx)
	for {
		var f scan.File
		select {
		case b := <-ld.recs:
			ld.sendBatch(t, b)
			continue
		case job, more := <-ld.jobs:
			if !more {
				ld.serveBatches(t) // before Done: the results are still open
				ld.workers.Done()
				return
			}
			f = job
		}
		w.file.Store(&f)
		res, ok := ld.readFile(w, t, f, &bufs)
		if !ok {
			ld.lateRead(f, res)
			return // another worker took this one's place
		}
		if !ld.send(res) {
			ld.drainBatches(t)
			ld.workers.Done()
			return
		}
	}
}

// chunk is how many articles of one file go to the collector at a time,
// so that a dataset of a million records loads as a folder does.
const chunk = 512

// index gives p its terms, its filter of adjacent words and its sketch,
// and its article its count of words, from t.
func (l *Library) index(p *loaded, t *index.Termer) {
	p.terms, p.title, p.a.Words = t.Terms(p.a.Headline, p.a.Body)
	sketch := t.Sketch()
	p.pairs = l.log.put(l.CacheDir, t.Pairs(), &sketch)
}

// readFile reads one file into a result. A file of many articles goes to
// the collector in chunks as it is read, each a sign of life to the
// watchdog; ok is false when the watchdog gave up on it meanwhile, and
// the result is what is left to hand in.
func (ld *loader) readFile(w *reader, t *index.Termer, f scan.File, bufs *scan.Buffers) (res result, ok bool) {
	ld.reading.Add(1) // until done, or until the watchdog gives up on it
	r := &ld.roots[f.Root]
	start := time.Now().UnixNano()
	w.since.Store(start)
	alive := true
	beat := func() bool {
		if alive {
			now := time.Now().UnixNano()
			if alive = w.since.CompareAndSwap(start, now); alive {
				start = now
			}
		}
		return alive
	}
	sp := &splitter{ld: ld, t: t, f: f, beat: beat}
	_, err := scan.ReadEach(r, f.Name, bufs, func(a *article.Article, stamp scan.Stamp) {
		p := loaded{a: a, rec: fileRec{root: f.Root, name: f.Name, offset: a.Loc.Offset, stamp: stamp}}
		ld.l.index(&p, t)
		if ld.l.KeepBodies {
			a.Own() // bufs are the next file's
		} else {
			a.DropBody()
		}
		res.loaded = append(res.loaded, p)
		if len(res.loaded) >= chunk && beat() {
			ld.send(result{loaded: res.loaded, part: true, key: fileKey{f.Root, f.Name}})
			res.loaded = nil
		}
	}, func(line int, err error) {
		res.bad = append(res.bad, scan.Skip{Path: fmt.Sprintf("%s:%d", r.DisplayPath(f.Name), line), Err: err})
	}, &scan.Split{From: f.From, Each: sp.add})
	sp.flush()
	res.read, res.key = true, fileKey{f.Root, f.Name}
	res.loaded, res.bad = append(res.loaded, sp.late.loaded...), append(res.bad, sp.late.bad...)
	if err != nil {
		res.skips = append(res.skips, scan.Skip{Path: r.DisplayPath(f.Name), Err: err})
	}
	ok = alive && w.since.CompareAndSwap(start, 0)
	if ok {
		ld.reading.Add(-1)
	}
	return res, ok
}

// count counts a result in the progress.
func (ld *loader) count(res result) {
	if !res.part {
		ld.p.Done++
		if res.read {
			ld.p.Read++
		}
	}
	ld.p.Skipped += len(res.skips)
}
