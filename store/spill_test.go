package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/scan"
)

// TestColdLoadSpills: a cold load that writes its tail as a segment every
// few docs ends as a cold load that builds everything in the heap does,
// its docs read from segments; a result taken part way through reads the
// same articles after every renumbering; and the next warm start agrees.
func TestColdLoadSpills(t *testing.T) {
	dir, cache := cacheCorpus(t), t.TempDir()
	// Several batches of 512, which the load adds one at a time, spilling
	// after each.
	for i := range 2400 {
		writeFile(t, filepath.Join(dir, "2020", fmt.Sprintf("%02d", 1+i%12), fmt.Sprintf("n%04d.txt", i)),
			fmt.Sprintf("Monday, March %d, 2020 10:00 AM\nNote %d on the qatar%d story\nIts text, number %d.\n", 1+i%28, i, i%7, i))
	}
	cold, _ := loadWith(t, dir, "")

	roots, err := scan.OpenRoots([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	lib := NewLibrary()
	lib.CacheDir, lib.spillDocs = cache, 7
	var mid Result
	var midIDs []article.ID
	spills := 0
	lib.Load(context.Background(), roots, func(p Progress) {
		lib.mu.RLock()
		spills = len(lib.segs)
		lib.mu.RUnlock()
		if mid.lib == nil && spills > 0 && !p.Final {
			mid = lib.Search(query.Parse("story OR qat"), SearchOptions{Sort: SortTitle})
			for i := range mid.Len() {
				midIDs = append(midIDs, mid.At(i).ID)
			}
		}
	})
	if mid.lib == nil {
		t.Fatal("no spill before the load ended: the test tests nothing")
	}
	lib.mu.RLock()
	segs, tail := len(lib.segs), len(lib.docs)
	lib.mu.RUnlock()
	// The save merges none of them, which would keep the tail it wrote
	// the tail: merging is Compact's.
	if segs <= maxSegments || tail != 0 {
		t.Fatalf("after the load: %d segments, %d docs in the tail; want more than %d, and none", segs, tail, maxSegments)
	}
	if got, want := summary(lib), summary(cold); !slices.Equal(got, want) {
		t.Fatalf("a spilling cold load differs from one in the heap: %s", firstDiff(got, want))
	}
	if got := lib.Search(query.Parse("qatar3"), SearchOptions{}).Len(); got != 343 {
		t.Errorf("qatar3 found %d notes, want 343", got)
	}
	for i, id := range midIDs {
		if a := mid.At(i); a.ID != id {
			t.Fatalf("a result from part way through: article %d is %s, want %s", i, a.ID, id)
		}
	}
	warm, _ := loadWith(t, dir, cache)
	if got, want := summary(warm), summary(cold); !slices.Equal(got, want) {
		t.Fatalf("a warm start after a spilling load differs: %s", firstDiff(got, want))
	}
}

// TestSpillKeepsAFileWhole: a dataset's records come to the collector in
// parts as the file is read, and spills fall between them; the records
// written before a spill and those after are one file's, all found, and
// found again by a warm start.
func TestSpillKeepsAFileWhole(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	var b strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&b, `{"title": "Record %d", "text": "Body of record %d, qatar%d.", "date": "2024-01-%02d"}`+"\n", i, i, i%7, 1+i%28)
	}
	writeFile(t, filepath.Join(dir, "big.jsonl"), b.String())
	roots, err := scan.OpenRoots([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	lib := NewLibrary()
	lib.CacheDir, lib.spillDocs = cache, 7
	lib.Load(context.Background(), roots, nil)
	if got := lib.Search(query.Parse("qatar3"), SearchOptions{}).Len(); lib.Len() != 5000 || got != 714 {
		t.Fatalf("loaded %d records, qatar3 in %d; want 5000 and 714", lib.Len(), got)
	}
	warm, _ := loadWith(t, dir, cache)
	if got := warm.Search(query.Parse("qatar3"), SearchOptions{}).Len(); warm.Len() != 5000 || got != 714 {
		t.Fatalf("warm: %d records, qatar3 in %d; want 5000 and 714", warm.Len(), got)
	}
}

// TestCompactAfterSpills: the segments a spilling cold load leaves are
// merged into one, which the library then reads from, as a cold load of
// the folder would show it. A doc dead before the merge is left out of
// it, one whose file goes during it is dead in it, and what a rescan
// adds during it stays, after it; a result from before every change reads
// the same articles; the merged segment is what the next start maps; and
// once one segment holds most docs, Compact leaves it be.
func TestCompactAfterSpills(t *testing.T) {
	dir, cache := cacheCorpus(t), t.TempDir()
	var paths []string
	for i := range 2400 {
		p := filepath.Join(dir, "2020", fmt.Sprintf("%02d", 1+i%12), fmt.Sprintf("n%04d.txt", i))
		paths = append(paths, p)
		writeFile(t, p, fmt.Sprintf("Monday, March %d, 2020 10:00 AM\nNote %d on the qatar%d story\nIts text, number %d.\n", 1+i%28, i, i%7, i))
	}
	roots, err := scan.OpenRoots([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	lib := NewLibrary()
	lib.CacheDir, lib.spillDocs = cache, 600
	lib.Load(context.Background(), roots, nil)
	lib.mu.RLock()
	nsegs := len(lib.segs)
	lib.mu.RUnlock()
	if nsegs < 3 {
		t.Fatalf("the load left %d segments; want several", nsegs)
	}
	// Peeked, so that what is read of it after is read from the rows.
	before := lib.Search(query.Parse(""), SearchOptions{Sort: SortTitle})
	var ids []article.ID
	for i := range before.Len() {
		ids = append(ids, before.Peek(i).ID)
	}
	// Dead before the merge; and one of two files of an article goes, the
	// one its row names, so that it stands at the other.
	if err := os.Remove(paths[10]); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(paths[30], paths[30]+".moved.txt"); err != nil {
		t.Fatal(err)
	}
	// Its folder's stamp from well before the rescan that sees it, so
	// that a start checking folders trusts it, and what the manifest says
	// of its files: the moved file's old record gone.
	past := time.Now().Add(-time.Hour)
	if err := os.Chtimes(filepath.Dir(paths[30]), past, past); err != nil {
		t.Fatal(err)
	}
	lib.Load(context.Background(), roots, nil)
	lib.merged = func() {
		// During it: a file goes, one is added.
		if err := os.Remove(paths[20]); err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, "2020", "added.txt"), "Friday, May 1, 2020\nA zanzibar story added during the merge\nIts text.\n")
		lib.Load(context.Background(), roots, nil)
	}
	ok, err := lib.Compact()
	if err != nil || !ok {
		t.Fatalf("Compact: %v, %v; want a merge", ok, err)
	}
	lib.mu.RLock()
	nsegs, tail := len(lib.segs), len(lib.docs)
	lib.mu.RUnlock()
	if nsegs != 2 || tail != 0 {
		t.Fatalf("after Compact: %d segments, %d docs in the tail; want 2 (the merged and the rescan's), 0", nsegs, tail)
	}
	cold, _ := loadWith(t, dir, "")
	if got, want := summary(lib), summary(cold); !slices.Equal(got, want) {
		t.Fatalf("compacted, the library differs from a cold load: %s", firstDiff(got, want))
	}
	for i, id := range ids {
		if p, a := before.Peek(i), before.At(i); a.ID != id || p.ID != id {
			t.Fatalf("a result from before: article %d is %s (Peek %s), want %s", i, a.ID, p.ID, id)
		}
		if j := before.Find(id, ""); j != i {
			t.Fatalf("a result from before: Find(article %d) = %d", i, j)
		}
	}
	// Checking folders alone, the start trusts what the manifest says of
	// the files in folders that did not change since the save.
	byFolder, _ := loadWithCheck(t, dir, cache, CheckFolders)
	if got, want := summary(byFolder), summary(cold); !slices.Equal(got, want) {
		t.Fatalf("a warm start checking folders after Compact differs from a cold load: %s", firstDiff(got, want))
	}
	warm, _ := loadWith(t, dir, cache)
	if got, want := summary(warm), summary(cold); !slices.Equal(got, want) {
		t.Fatalf("a warm start after Compact differs from a cold load: %s", firstDiff(got, want))
	}
	warm.mu.RLock()
	nsegs = len(warm.segs)
	warm.mu.RUnlock()
	if nsegs != 2 {
		t.Fatalf("the warm start mapped %d segments; want 2", nsegs)
	}
	lib.merged = nil
	if ok, err := lib.Compact(); ok || err != nil {
		t.Fatalf("Compact of a library one segment dominates: %v, %v; want nothing done", ok, err)
	}
}

func TestWorthMerging(t *testing.T) {
	for _, c := range []struct {
		live []int
		want bool
	}{
		{[]int{100}, false},
		{[]int{125, 125, 125, 125, 125, 125, 125, 125}, true},
		{[]int{125, 75}, true},   // a spill and its rest
		{[]int{750, 250}, false}, // three quarters: the saves' to merge
		{[]int{749, 251}, true},
		{[]int{1000, 1, 2, 1}, false},
		{[]int{0, 0}, false},
	} {
		total := 0
		for _, n := range c.live {
			total += n
		}
		if got := worthMerging(c.live, total); got != c.want {
			t.Errorf("worthMerging(%v) = %v, want %v", c.live, got, c.want)
		}
	}
}

// TestMergeWaitsForTheUser: a search marks the library used, and the
// background merge's yield then waits until it has gone quiet.
func TestMergeWaitsForTheUser(t *testing.T) {
	lib := NewLibrary()
	lib.waitUnused() // never used: no wait
	lib.Search(query.Parse("anything"), SearchOptions{})
	used := time.Unix(0, lib.usedAt.Load())
	if time.Since(used) > time.Minute {
		t.Fatal("Search did not mark the library used")
	}
	lib.waitUnused()
	if quiet := time.Since(used); quiet < quietFor {
		t.Fatalf("the merge went on %v after a search; want %v at least", quiet, quietFor)
	}
}
