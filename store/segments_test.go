package store

import (
	"encoding/json"
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

// TestSegmentsFollowManyChanges: start after start, each with a file
// added, one removed and one edited, the warm library equals a cold one;
// each save writes a segment of what changed, not the library again, and
// merges keep the manifest to a few segments.
func TestSegmentsFollowManyChanges(t *testing.T) {
	dir, cache := cacheCorpus(t), t.TempDir()
	loadWith(t, dir, cache)
	first := segmentFiles(t, cache)
	if len(first) != 1 {
		t.Fatalf("a first load wrote %v, want one segment", first)
	}
	fi, _ := os.Stat(first[0])
	full := fi.Size()
	for round := range 3 * maxSegments {
		later := time.Now().Add(time.Duration(round+1) * time.Minute)
		writeFile(t, filepath.Join(dir, "new", fmt.Sprintf("n%02d.txt", round)),
			fmt.Sprintf("Tuesday, March %d, 2024 10:00 AM\nFresh story %d\nMore words %d.\n", round+1, round, round))
		edited := filepath.Join(dir, "new", fmt.Sprintf("n%02d.txt", max(0, round-1)))
		writeFile(t, edited, fmt.Sprintf("Wednesday, March %d, 2024 11:00 AM\nEdited story %d\nOther words.\n", round+1, round))
		os.Chtimes(edited, later, later)
		if round%2 == 1 {
			os.Remove(filepath.Join(dir, "new", fmt.Sprintf("n%02d.txt", round-1)))
		}
		before := segmentFiles(t, cache)
		warm, ps := loadWith(t, dir, cache)
		if p := ps[len(ps)-1]; p.Read-p.Skipped > 2 {
			t.Errorf("round %d: a warm start read %d files, want the new and the edited one alone", round, p.Read-p.Skipped)
		}
		cold, _ := loadWith(t, dir, "")
		if got, want := summary(warm), summary(cold); !slices.Equal(got, want) {
			t.Fatalf("round %d: warm differs from cold: %s", round, firstDiff(got, want))
		}
		m, err := readManifest(cacheFiles(t, cache)[0], mustRoots(t, dir))
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if len(m.segs) > maxSegments {
			t.Fatalf("round %d: the manifest names %d segments, past %d", round, len(m.segs), maxSegments)
		}
		for _, s := range segmentFiles(t, cache) {
			if slices.Contains(before, s) {
				continue
			}
			if fi, _ := os.Stat(s); fi.Size() >= full && len(m.segs) > 1 {
				t.Errorf("round %d: a save of a few changes wrote %d bytes, the whole library's %d", round, fi.Size(), full)
			}
		}
	}
}

// TestSegmentsKeepRootsAndCopies: over two roots, a warm start puts each
// article under its own root, and a copy of a cached article made since
// (a file record the segment's doc gains) survives a second warm start,
// as does the article once its first file goes.
func TestSegmentsKeepRootsAndCopies(t *testing.T) {
	a, b, cache := cacheCorpus(t), t.TempDir(), t.TempDir()
	text := "Monday, March 4, 2024 10:00 AM\nA story of the second root\nIts text.\n"
	writeFile(t, filepath.Join(b, "only.txt"), text)
	load := func(cacheDir string) (*Library, []Progress) {
		t.Helper()
		lib := NewLibrary()
		lib.CacheDir = cacheDir
		var ps []Progress
		lib.Load(t.Context(), mustRoots(t, a, b), func(p Progress) { ps = append(ps, p) })
		return lib, ps
	}
	load(cache)
	writeFile(t, filepath.Join(a, "copy.txt"), text)
	for round := range 3 {
		if round == 2 {
			os.Remove(filepath.Join(b, "only.txt"))
		}
		warm, ps := load(cache)
		cold, _ := load("")
		// A cold load finds the copy first; a warm one keeps the file it
		// knew while that stands.
		if got, want := summary(warm), summary(cold); round == 2 && !slices.Equal(got, want) {
			t.Fatalf("round %d: warm differs from cold: %s", round, firstDiff(got, want))
		}
		if warm.Len() != cold.Len() {
			t.Fatalf("round %d: %d articles warm, %d cold", round, warm.Len(), cold.Len())
		}
		// Only the corpus's unreadable file is read at every start.
		if p := ps[len(ps)-1]; round == 1 && p.Read != p.Skipped {
			t.Errorf("round %d: %d files read again, want the %d unreadable", round, p.Read, p.Skipped)
		}
		for _, art := range warm.Search(query.Parse("second root"), SearchOptions{}).Articles() {
			if want := map[bool]string{true: filepath.Join(a, "copy.txt"), false: filepath.Join(b, "only.txt")}[round == 2]; art.Path != want || art.Loc.Root != &warm.roots[map[bool]int{true: 0, false: 1}[round == 2]] {
				t.Errorf("round %d: the story is at %s, want %s", round, art.Path, want)
			}
		}
	}
}

// saveAndMap saves lib under roots as the cache at path (a new segment,
// or merges) and returns the library mapped again from it.
func saveAndMap(t *testing.T, lib *Library, roots []article.Root, path string) *Library {
	t.Helper()
	lib.roots = roots
	if err := lib.writeCache(path, roots); err != nil {
		t.Fatal(err)
	}
	again := NewLibrary()
	if err := again.readCache(path, roots); err != nil {
		t.Fatal(err)
	}
	return again
}

// TestSegmentSearchMatchesBruteForce: the property test's queries, over
// a library saved as segments and mapped again, then after rounds of
// deaths and additions, each saved (a new segment, dead docs in the
// manifest, merges past maxSegments) and mapped again, agree with the
// brute force over the articles that stand.
func TestSegmentSearchMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(20261201, 12))
	all := propArticles(rng, 600)
	// Each article has a file, which a phrase check reads its body from:
	// a segment keeps no bodies.
	dir := t.TempDir()
	root := []article.Root{{Key: dir, Name: dir, FS: os.DirFS(dir)}}
	for i, a := range all {
		a.Loc = article.Loc{Root: &root[0], Name: fmt.Sprintf("a%04d.md", i)}
		a.Path, a.Format = a.Loc.Path(), "markdown"
		title, _ := json.Marshal(a.Headline)
		writeFile(t, filepath.Join(dir, a.Loc.Name), fmt.Sprintf("---\ntitle: %s\n---\n\n%s\n", title, a.Body))
	}
	path := filepath.Join(t.TempDir(), "lib-props.manifest")
	reopen := func(lib *Library) *Library {
		t.Helper()
		return saveAndMap(t, lib, root, path)
	}
	standing := map[article.ID]bool{}
	lib := NewLibrary()
	lib.Add(all[:300]...)
	for _, a := range all[:300] {
		standing[a.ID] = true
	}
	lib = reopen(lib)
	cache := map[*article.Article]*bruteText{}
	check := func(round int) {
		t.Helper()
		var live []*article.Article
		seen := map[article.ID]bool{}
		for _, a := range all {
			if standing[a.ID] && !seen[a.ID] {
				seen[a.ID] = true
				live = append(live, a)
			}
		}
		queries := 150
		if raceEnabled {
			queries = 30 // the race detector makes each a hundred times dearer
		}
		for range queries {
			typed := propQuery(rng)
			got := libIDs(lib.Search(query.Parse(typed), SearchOptions{}).Articles())
			if want := bruteSearch(live, cache, typed); !slices.Equal(got, want) {
				t.Fatalf("round %d: Search(%q): %d results, brute force %d\ngot  %s\nwant %s",
					round, typed, len(got), len(want), libShortIDs(got), libShortIDs(want))
			}
		}
	}
	check(0)
	next := 300
	for round := 1; round <= 2*maxSegments; round++ {
		// Some standing articles go, and new ones come.
		var gone []uint32
		for _, doc := range lib.order {
			if rng.IntN(12) == 0 {
				gone = append(gone, doc)
				standing[lib.id(doc)] = false
			}
		}
		lib.bury(gone)
		n := min(len(all)-next, 20+rng.IntN(20))
		lib.Add(all[next : next+n]...)
		for _, a := range all[next : next+n] {
			standing[a.ID] = true
		}
		next += n
		lib = reopen(lib)
		check(round)
		m, err := readManifest(path, root)
		if err != nil || len(m.segs) > maxSegments {
			t.Fatalf("round %d: the manifest names %d segments (%v)", round, len(m.segs), err)
		}
	}
}
