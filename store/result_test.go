package store

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/query"
)

// TestResultRunsMatchWalk: a result read by the order's runs holds what
// walking the order finds, in every sort and view, position by
// position, over libraries whose orders are one run, a run cut by dead
// docs and by files added since, several segments, and docs in no order
// at all.
func TestResultRunsMatchWalk(t *testing.T) {
	defer func(n int) { linesLocked = n }(linesLocked)
	linesLocked = 7 // lines read in many holds of the lock
	rng := rand.New(rand.NewPCG(20261201, 7))
	all := propArticles(rng, 400)
	// A segment keeps the articles that have files; these need not be
	// there, as both searches read the same texts.
	dir := t.TempDir()
	root := []article.Root{{Key: dir, Name: dir, FS: os.DirFS(dir)}}
	for i, a := range all {
		a.Loc = article.Loc{Root: &root[0], Name: fmt.Sprintf("a%04d.md", i)}
		a.Path, a.Format = a.Loc.Path(), "markdown"
		if rng.IntN(40) == 0 {
			a.Author = "A. Writer" // some rows have a where, most not
		}
		if rng.IntN(10) == 0 && !a.Undated {
			a.DateFromFile, a.Date = true, a.Date.Local() // a file's time, as the loader has it
		}
	}
	path := filepath.Join(t.TempDir(), "lib-runs.manifest")
	reopen := func(lib *Library) *Library {
		t.Helper()
		lib.roots = root
		if err := lib.writeCache(path, root); err != nil {
			t.Fatal(err)
		}
		again := NewLibrary()
		if err := again.readCache(path, root); err != nil {
			t.Fatal(err)
		}
		return again
	}
	kill := func(lib *Library, oneIn int) {
		var gone []uint32
		for _, doc := range lib.order {
			if rng.IntN(oneIn) == 0 {
				gone = append(gone, doc)
			}
		}
		lib.mu.Lock()
		lib.bury(gone)
		lib.mu.Unlock()
	}

	memory := NewLibrary()
	memory.Add(all[:200]...)
	checkRuns(t, rng, "in memory", memory, false)

	lib := reopen(memory)
	checkRuns(t, rng, "one segment", lib, true)
	kill(lib, 10)
	checkRuns(t, rng, "one segment, dead docs", lib, true)
	lib.Add(all[200:203]...)
	checkRuns(t, rng, "one segment and a tail", lib, true)
	lib = reopen(lib)
	lib.Add(all[203:208]...)
	lib = reopen(lib)
	kill(lib, 15)
	checkRuns(t, rng, "segments", lib, true)
	lib.Add(all[208:]...)
	checkRuns(t, rng, "segments and a long tail", lib, false)
}

// checkRuns compares lib's results with the order walked, for many
// queries; runs says whether lib's order must read by runs.
func checkRuns(t *testing.T, rng *rand.Rand, shape string, lib *Library, runs bool) {
	t.Helper()
	lib.mu.RLock()
	few := lib.orderRuns().few
	lib.mu.RUnlock()
	if runs && !few {
		t.Fatalf("%s: the order does not cut into runs", shape)
	}
	half := func(id article.ID) bool { return id[0]&1 == 0 }
	for range 150 {
		typed := propQuery(rng)
		if rng.IntN(8) == 0 {
			typed = ""
		}
		q := query.Parse(typed)
		opt := SearchOptions{Sort: Sort(rng.IntN(len(Sorts)))}
		if rng.IntN(3) == 0 {
			opt.Only = half
		}
		res := lib.Search(q, opt)
		want, where := walkedSearch(lib, q, opt)
		got := make([]uint32, res.Len())
		for i := range got {
			got[i] = res.doc(i)
		}
		if !slices.Equal(got, want) || !slices.Equal(res.list(), want) || res.Where() != where {
			t.Fatalf("%s: Search(%q, %v, only %v): %v (where %v), walking the order %v (where %v)",
				shape, typed, opt.Sort, opt.Only != nil, got, res.Where(), want, where)
		}
		if len(want) > 0 {
			checkLines(t, shape, typed, res, rng.IntN(len(want)+1))
			i := rng.IntN(len(want))
			if a := res.At(i); res.Find(a.ID, "") != i || res.Find(article.ID{}, a.Path+"x") != -1 {
				t.Fatalf("%s: Search(%q): Find of row %d says %d", shape, typed, i, res.Find(a.ID, ""))
			}
		}
	}
}

// checkLines compares the result's lines from the i'th on with its
// articles': a line is read from its row, or its article when built.
func checkLines(t *testing.T, shape, typed string, res Result, i int) {
	t.Helper()
	var docs []uint32
	res.each(i, func(doc uint32) bool { docs = append(docs, doc); return true })
	if want := res.list()[i:]; !slices.Equal(docs, want) {
		t.Fatalf("%s: Search(%q): from %d, each gives %v, want %v", shape, typed, i, docs, want)
	}
	var lines []Line
	var paths []string
	res.EachLine(i, func(ln *Line) error {
		lines, paths = append(lines, *ln), append(paths, string(ln.AppendPath(nil)))
		return nil
	})
	if len(lines) != res.Len()-i {
		t.Fatalf("%s: Search(%q): %d lines from %d, of %d", shape, typed, len(lines), i, res.Len())
	}
	for k, ln := range lines {
		a := res.At(i + k)
		want := LineOf(a)
		want.path = ""
		ln.root, ln.dir, ln.name, ln.path = nil, "", "", ""
		if !ln.Date.Equal(want.Date) || ln.Date.Location() != want.Date.Location() || paths[k] != a.Path {
			t.Fatalf("%s: Search(%q): line %d is %+v at %q, want %+v at %q", shape, typed, i+k, ln, paths[k], want, a.Path)
		}
		ln.Date, want.Date = time.Time{}, time.Time{}
		if ln != want {
			t.Fatalf("%s: Search(%q): line %d is %+v, want %+v", shape, typed, i+k, ln, want)
		}
	}
}

// walkedSearch is Search as it was before results were read by runs: the
// order walked, each doc asked of.
func walkedSearch(l *Library, q query.Query, opt SearchOptions) ([]uint32, bool) {
	set, _, _ := l.match(q, opt)
	l.mu.RLock()
	defer l.mu.RUnlock()
	docs := l.walkOrder(set, opt.Only)
	where := false
	for _, doc := range docs {
		if l.hasWhere(doc) {
			where = true
			break
		}
	}
	l.sortResults(docs, q, opt.Sort)
	return docs, where
}
