package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/query"
)

// TestColdLoadServesFromItsSegment: once a cold load has saved its
// segment, the library reads its docs from it, as a warm start would,
// and holds no article or posting list of its own; what it shows does not
// change, and a rescan after it (files added, one copied, one deleted),
// whose save adopts its segment too, comes out as a cold load of the
// changed folder does.
func TestColdLoadServesFromItsSegment(t *testing.T) {
	dir, cache := cacheCorpus(t), t.TempDir()
	cold, _ := loadWith(t, dir, "")
	lib, _ := loadWith(t, dir, cache)
	lib.mu.RLock()
	segDocs, tail, words := int(lib.segDocs), len(lib.docs), 0
	lib.idx.EachTerm(func(string, func(func(uint32)), func(func(uint32))) { words++ })
	lib.mu.RUnlock()
	if segDocs != cold.Len() || tail != 0 || words != 0 {
		t.Fatalf("after the save: %d segment docs, %d in the tail, %d words in the heap; want %d, 0, 0",
			segDocs, tail, words, cold.Len())
	}
	if got, want := summary(lib), summary(cold); !slices.Equal(got, want) {
		t.Fatalf("served from its segment, the library differs: %s", firstDiff(got, want))
	}
	// A rescan adds files, a new one and a copy of a saved one (a file
	// record of a segment doc, which stays the tail's), and loses one;
	// its save adopts a second segment, renumbering the docs again.
	before := lib.Search(query.Parse("story"), SearchOptions{Sort: SortTitle})
	var beforeIDs []article.ID
	for i := range before.Len() {
		beforeIDs = append(beforeIDs, before.At(i).ID)
	}
	writeFile(t, filepath.Join(dir, "2024", "new.txt"), "Monday, November 25, 2024\nA qatar story added later\nIts text.\n")
	writeFile(t, filepath.Join(dir, "2024", "newer.txt"), "Tuesday, November 26, 2024\nA zurich story added later\nIts text.\n")
	orig := cold.Search(query.Parse("story 3"), SearchOptions{}).Articles()[0]
	copied, copyPath := orig.Path, filepath.Join(dir, "copies", "copy.txt")
	data, err := os.ReadFile(copied)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, copyPath, string(data))
	// An article in two files shows at whichever a load read first: a
	// cold load's choice between the two is the workers'. So the copy is
	// read as the original where the two are compared.
	asOrig := func(lines []string) []string {
		from := fmt.Sprintf("|%s|%v|%v|copies|", copyPath, orig.DateFromFile, orig.Undated)
		to := fmt.Sprintf("|%s|%v|%v|%s|", orig.Path, orig.DateFromFile, orig.Undated, orig.Folder)
		for i := range lines {
			lines[i] = strings.Replace(lines[i], from, to, 1)
		}
		return lines
	}
	gone := cold.Search(query.Parse("story 7"), SearchOptions{}).Articles()[0].Path
	if err := os.Remove(gone); err != nil {
		t.Fatal(err)
	}
	lib.Load(context.Background(), lib.roots, nil)
	again, _ := loadWith(t, dir, "")
	if got, want := asOrig(summary(lib)), asOrig(summary(again)); !slices.Equal(got, want) {
		t.Fatalf("a rescan after the save differs from a cold load: %s", firstDiff(got, want))
	}
	lib.mu.RLock()
	segs, tail, extras := len(lib.segs), len(lib.docs), len(lib.files)
	lib.mu.RUnlock()
	if segs != 2 || tail != 0 || extras != 1 {
		t.Fatalf("after the rescan's save: %d segments, %d docs in the tail, %d file records; want 2, 0, 1 (the copy's)",
			segs, tail, extras)
	}
	for i, id := range beforeIDs {
		if a := before.At(i); a.ID != id {
			t.Fatalf("a result from before both renumberings: article %d is %s, want %s", i, a.ID, id)
		}
	}
	// The copy's record kept: with the saved file gone, its article
	// stands, at the copy.
	if err := os.Remove(copied); err != nil {
		t.Fatal(err)
	}
	lib.Load(context.Background(), lib.roots, nil)
	again, _ = loadWith(t, dir, "")
	if got, want := summary(lib), summary(again); !slices.Equal(got, want) {
		t.Fatalf("with the copied file gone, the library differs from a cold load: %s", firstDiff(got, want))
	}
	warm, _ := loadWith(t, dir, cache)
	if got, want := asOrig(summary(warm)), asOrig(summary(again)); !slices.Equal(got, want) {
		t.Fatalf("a warm start after the rescan's save differs from a cold load: %s", firstDiff(got, want))
	}
}

// renumberedLibrary loads dir without a cache, so that its docs are the
// tail's, and returns it with a save that makes it serve them from the
// segment, renumbered.
func renumberedLibrary(t *testing.T, dir string) (*Library, func()) {
	t.Helper()
	lib, _ := loadWith(t, dir, "")
	path := filepath.Join(t.TempDir(), "lib-t.manifest")
	return lib, func() {
		t.Helper()
		if err := lib.writeCache(path, lib.roots); err != nil {
			t.Fatal(err)
		}
		lib.mu.RLock()
		defer lib.mu.RUnlock()
		if len(lib.docs) != 0 {
			t.Fatal("the save did not adopt its segment")
		}
	}
}

// TestResultsOutliveRenumbering: a result made before the docs were
// renumbered, still on screen, reads the same articles and lines after.
// The second time, the tail is what a rescan added to the segment the
// first made, and results from before both still read the same.
func TestResultsOutliveRenumbering(t *testing.T) {
	dir := cacheCorpus(t)
	lib, save := renumberedLibrary(t, dir)
	type seen struct {
		res   Result
		ids   []article.ID
		lines []Line
	}
	var before []seen
	look := func() {
		for _, q := range []string{"", "story", "qatar OR zurich", "-story", "later"} {
			for _, by := range []Sort{SortNewest, SortOldest, SortTitle, SortRelevance} {
				r := lib.Search(query.Parse(q), SearchOptions{Sort: by})
				s := seen{res: r}
				for i := range r.Len() {
					s.ids = append(s.ids, r.At(i).ID)
				}
				r.EachLine(0, func(ln *Line) error { s.lines = append(s.lines, *ln); return nil })
				before = append(before, s)
			}
		}
	}
	look()
	save()
	writeFile(t, filepath.Join(dir, "2024", "new.txt"), "Monday, November 25, 2024\nA qatar story added later\nIts text.\n")
	writeFile(t, filepath.Join(dir, "2023", "old.txt"), "Monday, January 2, 2023\nA zurich story added later\nIts text.\n")
	lib.Load(context.Background(), lib.roots, nil) // a rescan, which saves nothing with no CacheDir
	look()
	lib.mu.RLock()
	base := lib.segDocs
	lib.mu.RUnlock()
	save()
	lib.mu.RLock()
	if len(lib.segs) != 2 || lib.segs[1].base != base || lib.segDocs != base+2 {
		t.Fatalf("after the second save: %d segments, the second from doc %d, %d docs; want 2, %d, %d",
			len(lib.segs), lib.segs[len(lib.segs)-1].base, lib.segDocs, base, base+2)
	}
	lib.mu.RUnlock()
	moved := 0
	for k, s := range before {
		r := s.res
		for i := range r.Len() {
			if a, p := r.At(i), r.Peek(i); a.ID != s.ids[i] || p.ID != s.ids[i] {
				t.Fatalf("result %d, article %d: At %s, Peek %s, want %s", k, i, a.ID, p.ID, s.ids[i])
			}
			if j := r.Find(s.ids[i], ""); j != i {
				t.Fatalf("result %d: Find(article %d) = %d", k, i, j)
			}
			lib.mu.RLock()
			if lib.id(r.doc(i)) != s.ids[i] {
				moved++
			}
			lib.mu.RUnlock()
		}
		var lines []Line
		r.EachLine(0, func(ln *Line) error { lines = append(lines, *ln); return nil })
		if !slices.Equal(lines, s.lines) {
			t.Fatalf("result %d: its lines changed with the numbering", k)
		}
	}
	if moved == 0 {
		t.Fatal("no doc changed its number: the test tests nothing")
	}
}

// TestPhraseSearchAcrossRenumbering: a phrase is checked with the lock
// let go, and the docs may be renumbered meanwhile; the result is in the
// new numbers all the same.
func TestPhraseSearchAcrossRenumbering(t *testing.T) {
	dir := cacheCorpus(t)
	cold, _ := loadWith(t, dir, "")
	want := libIDs(cold.Search(query.Parse(`"story 7"`), SearchOptions{}).Articles())
	if len(want) == 0 {
		t.Fatal("the phrase finds nothing: the test tests nothing")
	}
	lib, save := renumberedLibrary(t, dir)
	var once sync.Once
	res := lib.Search(query.Parse(`"story 7"`), SearchOptions{Stale: func() bool {
		once.Do(save)
		return false
	}})
	lib.mu.RLock()
	renumbered := len(lib.docs) == 0
	lib.mu.RUnlock()
	if !renumbered {
		t.Fatal("the check asked nothing of Stale: the save did not run during it")
	}
	if got := libIDs(res.Articles()); !slices.Equal(got, want) {
		t.Fatalf("found %s, want %s", libShortIDs(got), libShortIDs(want))
	}
}

// TestResultsKeepTheirGoneDocs: a result on screen holds a doc whose
// file went before a save renumbered the docs, which left it out of the
// segment. The result reads it still, as it did before the save (the
// article a reader had open), and lists it.
func TestResultsKeepTheirGoneDocs(t *testing.T) {
	dir := cacheCorpus(t)
	lib, _ := loadWith(t, dir, "")
	path := filepath.Join(t.TempDir(), "lib-t.manifest")
	save := func() {
		t.Helper()
		if err := lib.writeCache(path, lib.roots); err != nil {
			t.Fatal(err)
		}
	}
	res := lib.Search(query.Parse(""), SearchOptions{})
	var ids []article.ID
	var lines []Line
	for i := range res.Len() {
		ids = append(ids, res.At(i).ID)
	}
	res.EachLine(0, func(ln *Line) error { lines = append(lines, *ln); return nil })
	gone := res.At(3)
	if err := os.Remove(gone.Path); err != nil {
		t.Fatal(err)
	}
	lib.Load(context.Background(), lib.roots, nil)
	if lib.Len() != res.Len()-1 {
		t.Fatalf("after the rescan: %d articles, want %d", lib.Len(), res.Len()-1)
	}
	save()
	lib.mu.RLock()
	tail := len(lib.docs)
	lib.mu.RUnlock()
	if tail != 0 {
		t.Fatal("the save did not adopt its segment")
	}
	cold, _ := loadWith(t, dir, "")
	if got, want := summary(lib), summary(cold); !slices.Equal(got, want) {
		t.Fatalf("after the save, the library differs from a cold load: %s", firstDiff(got, want))
	}
	// Saved again, it reads back the same: the gone doc's number is
	// another doc's now, and not dead.
	save()
	warm := NewLibrary()
	if err := warm.readCache(path, lib.roots); err != nil {
		t.Fatal(err)
	}
	if got, want := summary(warm), summary(cold); !slices.Equal(got, want) {
		t.Fatalf("saved again and read back, the library differs from a cold load: %s", firstDiff(got, want))
	}
	for i, id := range ids {
		if a, p := res.At(i), res.Peek(i); a.ID != id || p.ID != id {
			t.Fatalf("article %d: At %s, Peek %s, want %s", i, a.ID, p.ID, id)
		}
	}
	if j := res.Find(gone.ID, ""); j != 3 {
		t.Fatalf("Find(the gone article) = %d, want 3", j)
	}
	var after []Line
	res.EachLine(0, func(ln *Line) error { after = append(after, *ln); return nil })
	if !slices.Equal(after, lines) {
		t.Fatal("the result's lines changed with the numbering")
	}
}
