package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/store/text"
)

// MaxArticleSize caps what is read of one file: a huge file cannot exhaust
// memory or keep the reader rendering for long. A larger file is cut at a
// line end before this size and its article says so.
const MaxArticleSize = 512 << 10

// Root is one place articles come from: a folder or a single file given on
// the command line, or the embedded samples.
type Root struct {
	FS fs.FS
	// Name is how paths under this root are shown: the argument as typed.
	Name string
	// File, when set, is the one file of FS this root stands for.
	File string
	// Key names the root for the cache: its absolute path. Roots without
	// one (the embedded samples) are not cached.
	Key string
}

// OpenRoots turns command-line arguments into roots. A missing argument is
// an error naming it.
func OpenRoots(args []string) ([]Root, error) {
	roots := make([]Root, 0, len(args))
	for _, arg := range args {
		fi, err := os.Stat(arg)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", arg, err)
		}
		key, err := filepath.Abs(arg)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", arg, err)
		}
		if fi.IsDir() {
			roots = append(roots, Root{FS: os.DirFS(arg), Name: filepath.Clean(arg), Key: key})
			continue
		}
		dir, file := filepath.Split(arg)
		if dir == "" {
			dir = "."
		}
		roots = append(roots, Root{FS: os.DirFS(dir), Name: filepath.Clean(dir), File: file, Key: key})
	}
	return roots, nil
}

// displayPath is how a file under the root is shown to people.
func (r *Root) displayPath(name string) string {
	if r.Name == "" || r.Name == "." {
		return filepath.FromSlash(name)
	}
	return filepath.Join(r.Name, filepath.FromSlash(name))
}

// Skip records a file that was not loaded and why.
type Skip struct {
	Path string
	Err  error
}

func (s Skip) String() string { return text.SanitizeLine(s.Path) + ": " + s.Reason() }

// Reason says why the file was skipped, sanitised, without the file's
// name that Parse's errors begin with: the path says it better.
func (s Skip) Reason() string {
	return strings.TrimPrefix(text.SanitizeLine(s.Err.Error()), text.SanitizeLine(path.Base(filepath.ToSlash(s.Path)))+": ")
}

// Progress reports how far a load has come.
type Progress struct {
	Found   int // files found so far
	Done    int // files read, loaded or not
	Skipped int // files not loaded
	Dupes   int // byte-identical copies folded into one article
	Loaded  int // articles in the library
	// Searchable is false for the moment when a cache's articles are on
	// show before its index is read.
	Searchable bool
	Final      bool
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
func (l *Library) Load(ctx context.Context, roots []Root, notify func(Progress)) {
	if notify == nil {
		notify = func(Progress) {}
	}
	p := Progress{Searchable: true}
	cachePath := l.cachePath(roots)
	// A library already loaded is being checked again (Watch): its cache
	// is not read, and is written only if something changed.
	fromCache := l.Len() > 0
	l.mu.Lock()
	l.skips = nil // the walk finds the bad files again
	l.mu.Unlock()
	if cachePath != "" && !fromCache {
		err := l.readCache(cachePath, roots, func() {
			p.Loaded, p.Searchable = l.Len(), false
			notify(p)
		})
		if err == nil {
			fromCache = true
			p.Searchable = true
			notify(p)
		} else {
			l.reset()
			p.Loaded = 0
		}
	}
	// Every file must be found again by this walk to stay.
	l.mu.Lock()
	known := make(map[fileKey]int, len(l.files))
	for i := range l.files {
		l.files[i].live = false
		known[fileKey{l.files[i].root, l.files[i].name}] = i
	}
	l.mu.Unlock()

	type job struct {
		root int
		name string
	}
	type result struct {
		loaded
		skip *Skip
		kept bool // a cached file found unchanged
	}
	jobs := make(chan job, 256)
	results := make(chan result, 256)
	send := func(r result) bool {
		select {
		case results <- r:
			return true
		case <-ctx.Done():
			return false
		}
	}

	var found atomic.Int64
	type walkFn struct {
		file func(string, func() (fs.FileInfo, error))
		fail func(string, error)
	}
	walkFns := make([]walkFn, len(roots))
	// The walk checks every file's size and time, a system call each,
	// which is most of a warm start: the top folders of each root are
	// walked on every core.
	var walkers sync.WaitGroup
	walkers.Add(1)
	go func() {
		defer walkers.Done()
		defer close(jobs)
		type task struct {
			root  int
			start string
		}
		var tasks []task
		for i := range roots {
			r := &roots[i]
			file := func(name string, stat func() (fs.FileInfo, error)) {
				found.Add(1)
				// Only a cached file needs its size and time here; a new
				// one is read, and stat'ed then, anyway.
				if f, ok := known[fileKey{i, name}]; ok {
					fi, err := stat()
					if err == nil && l.fileUnchanged(f, fi.Size(), fi.ModTime().UnixNano()) {
						send(result{kept: true, loaded: loaded{file: f}})
						return
					}
				}
				select {
				case jobs <- job{i, name}:
				case <-ctx.Done():
				}
			}
			fail := func(name string, err error) {
				found.Add(1)
				send(result{skip: &Skip{Path: r.displayPath(name), Err: err}})
			}
			var subdirs []string
			walkRoot(ctx, r, ".", &subdirs, file, fail)
			for _, d := range subdirs {
				tasks = append(tasks, task{i, d})
			}
			walkFns[i] = walkFn{file, fail}
		}
		var next atomic.Int64
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					n := int(next.Add(1)) - 1
					if n >= len(tasks) {
						return
					}
					t := tasks[n]
					walkRoot(ctx, &roots[t.root], t.start, nil, walkFns[t.root].file, walkFns[t.root].fail)
				}
			}()
		}
		wg.Wait()
	}()

	var workers sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		workers.Add(1)
		go func() {
			defer workers.Done()
			var data []byte
			t := newTermer(l.idx.dict)
			for j := range jobs {
				r := &roots[j.root]
				a, b, err := readArticleBuf(r, j.name, data)
				data = b
				var res result
				if err != nil {
					res.skip = &Skip{Path: r.displayPath(j.name), Err: err}
				} else {
					res.a = a
					res.file = -1
					res.rec = fileRec{root: j.root, name: j.name, size: a.Size, mtime: a.ModTime.UnixNano()}
					res.terms, res.title, a.Words = t.terms(a)
					if !l.KeepBodies {
						a.dropBody()
					}
				}
				if !send(res) {
					return
				}
			}
		}()
	}
	go func() { walkers.Wait(); workers.Wait(); close(results) }()

	batch := make([]loaded, 0, 512)
	var skips []Skip
	kept := 0 // unchanged cached files in batch
	last := time.Now()
	changed := !fromCache
	flush := func(final bool) {
		dupes, fresh := l.add(batch, skips)
		if fresh > 0 {
			changed = true
		}
		batch, skips = batch[:0], nil
		p.Dupes += dupes
		p.Found = int(found.Load())
		if final && ctx.Err() == nil && l.settle(roots) {
			changed = true
		}
		p.Loaded = l.Len()
		p.Final = final
		last = time.Now()
		notify(p)
	}
	for res := range results {
		p.Done++
		switch {
		case res.skip != nil:
			p.Skipped++
			skips = append(skips, *res.skip)
		case res.kept:
			kept++
			batch = append(batch, res.loaded)
		default:
			batch = append(batch, res.loaded)
		}
		// Flush on a full batch of new articles, or now and then for the
		// progress count; files found unchanged only need counting.
		if len(batch)-kept >= 512 || time.Since(last) > 100*time.Millisecond {
			flush(false)
			kept = 0
		}
	}
	flush(true)
	if cachePath != "" && changed && ctx.Err() == nil {
		// A cache that cannot be written only costs the next start time.
		_ = l.writeCache(cachePath, roots)
	}
}

// walkRoot calls file for each candidate article under start in r, in
// lexical order, with a way to stat it, skipping hidden files and folders,
// and fail for what cannot be walked. With subdirs, folders below start
// are listed there instead of walked.
func walkRoot(ctx context.Context, r *Root, start string, subdirs *[]string,
	file func(name string, stat func() (fs.FileInfo, error)), fail func(name string, err error)) {
	if r.File != "" {
		file(r.File, func() (fs.FileInfo, error) { return fs.Stat(r.FS, r.File) })
		return
	}
	_ = fs.WalkDir(r.FS, start, func(name string, d fs.DirEntry, err error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			fail(name, err)
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if name != "." && strings.HasPrefix(path.Base(name), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if subdirs != nil && name != start {
				*subdirs = append(*subdirs, name)
				return fs.SkipDir
			}
			return nil
		}
		if !isCandidate(name) {
			return nil
		}
		switch mode := d.Type(); {
		case mode.IsRegular():
			file(name, d.Info)
		case mode&fs.ModeSymlink != 0:
			// A link to a file is read; a link to a folder is not
			// followed, so a loop or a link to a parent cannot recur.
			fi, err := fs.Stat(r.FS, name)
			switch {
			case err != nil:
				fail(name, err)
			case fi.Mode().IsRegular():
				file(name, func() (fs.FileInfo, error) { return fi, nil })
			}
		default:
			fail(name, errors.New("not a regular file"))
		}
		return nil
	})
}

// isCandidate says whether a file name looks like an article: the text and
// markdown extensions, or no extension at all.
func isCandidate(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt", ".md", ".markdown", ".text", "":
		return true
	}
	return false
}

func readArticle(r *Root, name string) (*Article, error) {
	a, _, err := readArticleBuf(r, name, nil)
	if err != nil {
		return nil, err
	}
	a.Words = text.CountWords(a.Headline) + text.CountWords(a.Body)
	return a, nil
}

// readArticleBuf reads and parses one file, reading into buf (grown as
// needed and returned for the next file), since parse copies what it keeps.
// It leaves Words for the caller to count.
func readArticleBuf(r *Root, name string, buf []byte) (*Article, []byte, error) {
	f, err := r.FS.Open(name)
	if err != nil {
		return nil, buf, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, buf, err
	}
	if !fi.Mode().IsRegular() {
		return nil, buf, errors.New("not a regular file")
	}
	// Read to the end, not just Size bytes: the file may grow meanwhile;
	// but never more than one byte past the cap.
	data := buf[:0]
	if want := min(int(fi.Size()), MaxArticleSize) + 512; cap(data) < want {
		data = make([]byte, 0, want)
	}
	for len(data) <= MaxArticleSize {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := f.Read(data[len(data):min(cap(data), MaxArticleSize+1)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, data, err
		}
	}
	cut := len(data) > MaxArticleSize
	if cut {
		data = data[:cutPoint(data[:MaxArticleSize])]
	}
	buf = data
	a, err := parse(path.Base(name), data, fi.ModTime())
	if err != nil {
		return nil, buf, err
	}
	if a.DateFromFile && a.ModTime.IsZero() {
		// Embedded files have no modification time to stand in.
		a.DateFromFile, a.Undated = false, true
	}
	if cut {
		// Two files that differ only past the cut are still two articles.
		a.ID = IDOf(fmt.Appendf(data, "\x00cut of %d bytes", fi.Size()))
		a.Cut, a.Size = true, fi.Size()
	}
	a.Path = r.displayPath(name)
	a.Folder = folderOf(name)
	a.root, a.name = r, name
	return &a, buf, nil
}

// cutPoint is where to cut data, which is too long: after its last line
// end in the second half, or else at its last whole UTF-8 character, so
// that a cut never splits a character or makes the text look like another
// encoding.
func cutPoint(data []byte) int {
	if i := bytes.LastIndexByte(data, '\n'); i >= len(data)/2 {
		return i + 1
	}
	for n := len(data); n > 0 && n > len(data)-utf8.UTFMax; n-- {
		if utf8.RuneStart(data[n-1]) {
			if utf8.FullRune(data[n-1:]) {
				return len(data)
			}
			return n - 1
		}
	}
	return len(data)
}

// sortSkips orders skipped files by path for stable reporting.
func sortSkips(s []Skip) { sort.Slice(s, func(i, j int) bool { return s[i].Path < s[j].Path }) }
