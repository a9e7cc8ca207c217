package store

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/index"
	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/scan"
	"github.com/broadsheet/broadsheet/store/testcorpus"
	"github.com/gofrs/flock"
)

// cacheCorpus writes testcorpus.Year and returns its folder.
func cacheCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := testcorpus.Year(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := testcorpus.WriteFile(name, text, time.Time{}); err != nil {
		t.Fatal(err)
	}
}

// loadWith loads dir with the cache in cacheDir ("" for none) and returns
// the library and every progress report.
func loadWith(t *testing.T, dir, cacheDir string) (*Library, []Progress) {
	t.Helper()
	return loadWithCheck(t, dir, cacheDir, CheckFiles)
}

// loadWithCheck is loadWith, checking the files on disk as check says.
func loadWithCheck(t *testing.T, dir, cacheDir string, check Check) (*Library, []Progress) {
	t.Helper()
	roots, err := scan.OpenRoots([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	lib := NewLibrary()
	lib.CacheDir, lib.Check = cacheDir, check
	var ps []Progress
	lib.Load(context.Background(), roots, func(p Progress) { ps = append(ps, p) })
	return lib, ps
}

// summary is what a user sees of a library: every row, in order, and the
// results of some queries.
func summary(lib *Library) []string {
	var out []string
	for _, q := range []string{"", "qat", "qatar", "zurich", "munchen story", "story 1", "hostage", "note", "a"} {
		res := lib.Search(query.Parse(q), SearchOptions{})
		out = append(out, fmt.Sprintf("query %q: %d of %d", q, len(res.Articles()), res.Total))
		for _, a := range res.Articles() {
			out = append(out, fmt.Sprintf("%s|%s|%s|%s|%v|%v|%s|%d|%v|%s|%s|%s|%v",
				a.ID, a.Headline, a.Date.Format(time.RFC3339Nano), a.Path, a.DateFromFile, a.Undated,
				a.Folder, a.Words, a.Format, a.Author, a.Site, a.Source, a.Tags))
		}
	}
	return out
}

// firstDiff describes where two summaries part.
func firstDiff(got, want []string) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i, got[i], want[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(got), len(want))
}

// cacheFiles returns the manifests in a cache folder.
func cacheFiles(t *testing.T, dir string) []string {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(dir, "*.manifest"))
	return names
}

// segmentFiles returns the segments in a cache folder.
func segmentFiles(t *testing.T, dir string) []string {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(dir, "*.seg"))
	return names
}

func TestCacheWarmEqualsCold(t *testing.T) {
	dir, cache := cacheCorpus(t), t.TempDir()
	cold, _ := loadWith(t, dir, "")
	first, _ := loadWith(t, dir, cache)
	if files, segs := cacheFiles(t, cache), segmentFiles(t, cache); len(files) != 1 || len(segs) != 1 {
		t.Fatalf("cache folder holds %v and %v, want one manifest and its segment", files, segs)
	}
	warm, ps := loadWith(t, dir, cache)
	want := summary(cold)
	for name, lib := range map[string]*Library{"first": first, "warm": warm} {
		if got := summary(lib); !slices.Equal(got, want) {
			t.Errorf("%s load differs from a cold one: %s", name, firstDiff(got, want))
		}
	}
	// The cached articles are on show, and searchable, before the walk
	// starts: the segments are mapped, not decoded.
	if len(ps) < 2 || ps[0].Final || ps[0].Loaded != cold.Len() || !ps[0].Searchable || ps[0].Found != 0 {
		t.Errorf("progress %+v, want the %d cached articles shown and searchable before the walk", ps, cold.Len())
	}
	// Until the check ends the count of files not loaded is the cache's,
	// so a screen settled on the cache does not change when it ends.
	skipped := len(cold.Skipped())
	for i, p := range ps {
		if last := i == len(ps)-1; p.Checking == last || p.Skipped != skipped {
			t.Errorf("progress %d of %d: %+v, want checking until the end and %d skipped throughout", i, len(ps), p, skipped)
		}
	}
	if got, want := warm.Skipped(), cold.Skipped(); len(got) != len(want) || len(got) > 0 && got[0].Path != want[0].Path {
		t.Errorf("a warm start lists %v as not loaded, want %v", got, want)
	}
	// A warm article's body still opens from disk.
	a := warm.Search(query.Parse("story 7"), SearchOptions{}).Articles()[0]
	full, err := warm.Open(a)
	if err != nil || full.Body == "" {
		t.Errorf("Open after a warm load: %v, body %q", err, full.Body)
	}
}

// TestCacheTrustsUnchangedFiles: a warm load reads no file that did not
// change, which is what makes it fast; only the files that could not be
// loaded (the corpus's empty one), which the cache does not hold, are
// tried again.
func TestCacheTrustsUnchangedFiles(t *testing.T) {
	dir, cache := cacheCorpus(t), t.TempDir()
	loadWith(t, dir, cache)
	_, ps := loadWith(t, dir, cache)
	if final := ps[len(ps)-1]; final.Read != final.Skipped || final.Skipped != 1 || final.Done == 0 {
		t.Errorf("a warm load over unchanged files read %d of %d (%d skipped)", final.Read, final.Done, final.Skipped)
	}
}

// TestCacheSeesSameSizeEdits: an edit that keeps the size and puts the
// modification time back (touch -r, or a file system with 2 s times) is
// still seen: its change time or inode tells.
func TestCacheSeesSameSizeEdits(t *testing.T) {
	dir, cache := cacheCorpus(t), t.TempDir()
	loadWith(t, dir, cache)
	for _, replace := range []bool{false, true} {
		name := filepath.Join(dir, "2024", "01", "s00.txt")
		fi, _ := os.Stat(name)
		old, _ := os.ReadFile(name)
		edited := []byte(string(old))
		copy(edited[len(edited)-10:], "XXXXXXXX"+string(rune('0'+btoi(replace)))+"\n")
		if replace { // an editor's atomic save: a new inode
			tmp := name + ".new"
			writeFile(t, tmp, string(edited))
			if err := os.Rename(tmp, name); err != nil {
				t.Fatal(err)
			}
		} else {
			time.Sleep(10 * time.Millisecond) // so the change time moves on
			writeFile(t, name, string(edited))
		}
		os.Chtimes(name, fi.ModTime(), fi.ModTime())
		warm, ps := loadWith(t, dir, cache)
		if _, ok := warm.Get(article.IDOf(edited)); !ok {
			t.Errorf("replace %v: a same-size edit with its time put back was served from the cache", replace)
		}
		if final := ps[len(ps)-1]; final.Read != 1+final.Skipped {
			t.Errorf("replace %v: read %d files, want the edited one and the %d skipped", replace, final.Read, final.Skipped)
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestCacheIsBounded: index files of folder sets not opened for a month go,
// and the folder is kept under its size by dropping the oldest first; a
// single file named alone (show FILE) is not cached at all.
func TestCacheIsBounded(t *testing.T) {
	dir, cache := cacheCorpus(t), t.TempDir()
	old := time.Now().AddDate(0, 0, -40)
	for i := range 20 {
		name := filepath.Join(cache, fmt.Sprintf("lib-old%02d.manifest", i))
		writeFile(t, name, "stale")
		os.Chtimes(name, old, old)
		writeFile(t, name+".lock", "")
	}
	// A segment no manifest names, old enough that no save is still
	// writing its manifest; and a cache of the format before segments.
	orphan := filepath.Join(cache, "lib-orphan-00.seg")
	writeFile(t, orphan, "orphan")
	os.Chtimes(orphan, old, old)
	writeFile(t, filepath.Join(cache, "index-0123.bin"), "the old format")
	big := filepath.Join(cache, "lib-big.manifest")
	writeFile(t, big, strings.Repeat("x", 4<<10))
	lib, _ := loadWith(t, dir, cache)
	live := lib.cachePath(mustRoots(t, dir))
	entries, _ := os.ReadDir(cache)
	if len(entries) != 4 {
		t.Errorf("cache folder holds %d files, want the live manifest, its writers' lock, its segment and the recent one", len(entries))
	}
	if _, err := os.Stat(filepath.Join(cache, "lib-old00.manifest.lock")); err == nil {
		t.Error("an old library's lock was kept")
	}
	// Over the size bound, the oldest go first and the live one stays.
	lib2 := NewLibrary()
	lib2.CacheDir, lib2.cacheMax = cache, 1<<10
	os.Chtimes(big, time.Now().Add(-time.Hour), time.Now().Add(-time.Hour))
	writeFile(t, filepath.Join(dir, "new.txt"), "Tuesday, March 5, 2024 10:00 AM\nA fresh story\nMore.\n")
	lib2.Load(context.Background(), mustRoots(t, dir), nil)
	if _, err := os.Stat(big); err == nil {
		t.Error("the oldest index was kept over the size bound")
	}
	if _, err := os.Stat(live); err != nil {
		t.Errorf("the live index went: %v", err)
	}

	// One file alone is a one-off: no index of its own.
	single := t.TempDir()
	loadWith(t, filepath.Join(dir, "2024", "01", "s00.txt"), single)
	if entries, _ := os.ReadDir(single); len(entries) != 0 {
		t.Errorf("a single file was cached: %v", entries)
	}
}

func mustRoots(t *testing.T, args ...string) []article.Root {
	t.Helper()
	roots, err := scan.OpenRoots(args)
	if err != nil {
		t.Fatal(err)
	}
	return roots
}

func TestCacheFollowsChanges(t *testing.T) {
	dir, cache := cacheCorpus(t), t.TempDir()
	loadWith(t, dir, cache)
	later := time.Now().Add(time.Minute)

	changed := filepath.Join(dir, "2024", "02", "s01.txt")
	writeFile(t, changed, "Monday, March 4, 2024 10:00 AM\nA changed story\nNew text.\n")
	os.Chtimes(changed, later, later)
	writeFile(t, filepath.Join(dir, "new", "fresh.txt"), "Tuesday, March 5, 2024 10:00 AM\nA fresh story\nMore.\n")
	os.Remove(filepath.Join(dir, "2024", "03", "s02.txt"))
	if err := os.Rename(filepath.Join(dir, "2024", "04", "s03.txt"), filepath.Join(dir, "moved.txt")); err != nil {
		t.Fatal(err)
	}
	// A touched file with the same bytes keeps its article.
	touched := filepath.Join(dir, "2024", "05", "s04.txt")
	os.Chtimes(touched, later, later)

	cold, _ := loadWith(t, dir, "")
	for round := range 2 { // the second warm load reads the cache the first wrote
		warm, _ := loadWith(t, dir, cache)
		if got, want := summary(warm), summary(cold); !slices.Equal(got, want) {
			t.Fatalf("round %d: warm load after changes differs from cold: %s", round, firstDiff(got, want))
		}
	}
}

func TestCacheKeepsCopies(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	text := "Monday, March 4, 2024 10:00 AM\nOne story in two files\nText.\n"
	writeFile(t, filepath.Join(dir, "a.txt"), text)
	writeFile(t, filepath.Join(dir, "b.txt"), text)
	loadWith(t, dir, cache)
	os.Remove(filepath.Join(dir, "a.txt"))
	warm, _ := loadWith(t, dir, cache)
	res := warm.Search(query.Query{}, SearchOptions{})
	if len(res.Articles()) != 1 || res.Articles()[0].Path != filepath.Join(dir, "b.txt") {
		t.Fatalf("after removing one of two copies: %d articles, path %q", len(res.Articles()), res.Articles()[0].Path)
	}
	if full, err := warm.Open(res.Articles()[0]); err != nil || full.Body != "Text." {
		t.Errorf("the copy does not open: %v", err)
	}
	again, _ := loadWith(t, dir, cache)
	if a := again.Search(query.Query{}, SearchOptions{}).Articles(); len(a) != 1 || a[0].Path != filepath.Join(dir, "b.txt") {
		t.Errorf("the next start lost the copy: %v", a)
	}
}

func TestCacheCorruptIsRebuilt(t *testing.T) {
	dir := cacheCorpus(t)
	cold, _ := loadWith(t, dir, "")
	want := summary(cold)
	spoil := map[string]func([]byte) []byte{
		"garbage":   func([]byte) []byte { return []byte("not a cache at all") },
		"empty":     func([]byte) []byte { return nil },
		"truncated": func(b []byte) []byte { return b[:len(b)/2] },
		"flipped":   func(b []byte) []byte { b[len(b)*2/3] ^= 0x40; return b },
		"header":    func(b []byte) []byte { b[len(manifestMagic)+12] ^= 1; return b },
		"huge count": func(b []byte) []byte {
			i := len(manifestMagic) + 16
			for j := i; j < i+8 && j < len(b); j++ {
				b[j] = 0xff
			}
			return b
		},
	}
	for name, f := range spoil {
		for _, which := range []string{"manifest", "segment"} {
			t.Run(name+" "+which, func(t *testing.T) {
				cache := t.TempDir()
				loadWith(t, dir, cache)
				file := cacheFiles(t, cache)[0]
				if which == "segment" {
					file = segmentFiles(t, cache)[0]
				}
				b, _ := os.ReadFile(file)
				if err := os.WriteFile(file, f(b), 0o644); err != nil {
					t.Fatal(err)
				}
				lib, _ := loadWith(t, dir, cache)
				if got := summary(lib); !slices.Equal(got, want) {
					t.Errorf("load over a %s %s differs from cold", name, which)
				}
				// It was rebuilt: a fresh library reads it whole.
				fresh := NewLibrary()
				roots, _ := scan.OpenRoots([]string{dir})
				if err := fresh.readCache(cacheFiles(t, cache)[0], roots); err != nil {
					t.Errorf("cache not rebuilt: %v", err)
				}
			})
		}
	}
	// A cache of other roots is not taken for this one's.
	other, cache := cacheCorpus(t), t.TempDir()
	loadWith(t, other, cache)
	src := cacheFiles(t, cache)[0]
	lib := NewLibrary()
	lib.CacheDir = cache
	roots, _ := scan.OpenRoots([]string{dir})
	b, _ := os.ReadFile(src)
	os.WriteFile(lib.cachePath(roots), b, 0o644)
	lib.Load(context.Background(), roots, nil)
	if got := summary(lib); !slices.Equal(got, want) {
		t.Error("a foreign cache was trusted")
	}
}

func TestCacheConcurrentInstances(t *testing.T) {
	dir, cache := cacheCorpus(t), t.TempDir()
	cold, _ := loadWith(t, dir, "")
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() { defer wg.Done(); loadWith(t, dir, cache) }()
	}
	wg.Wait()
	files := cacheFiles(t, cache)
	if len(files) != 1 {
		t.Fatalf("cache folder holds %v after concurrent loads", files)
	}
	roots, _ := scan.OpenRoots([]string{dir})
	lib := NewLibrary()
	if err := lib.readCache(files[0], roots); err != nil {
		t.Fatalf("concurrent writers left a bad cache: %v", err)
	}
	if got, want := summary(lib), summary(cold); !slices.Equal(got, want) {
		t.Error("the cache written concurrently differs from a cold load")
	}
}

// TestLoadCountsWordsAsParse: the loader counts words while indexing; the
// count must be Parse's, and Open's.
func TestLoadCountsWordsAsParse(t *testing.T) {
	dir := cacheCorpus(t)
	lib, _ := loadWith(t, dir, "")
	for _, a := range lib.Search(query.Query{}, SearchOptions{}).Articles() {
		data, err := os.ReadFile(a.Path)
		if err != nil {
			t.Fatal(err)
		}
		parsed, _ := article.Parse(filepath.Base(a.Path), data, time.Time{})
		want := parsed[0]
		full, err := lib.Open(a)
		if err != nil {
			t.Fatal(err)
		}
		if a.Words != want.Words || full.Words != want.Words || want.Words == 0 {
			t.Errorf("%s: loaded %d words, opened %d, Parse %d", a.Path, a.Words, full.Words, want.Words)
		}
	}
}

// TestDenseLists runs the brute-force property test and the cache tests
// with Bitset posting lists allowed from the first bytes, so that the few
// hundred words of a large library that take that form are covered too.
func TestDenseLists(t *testing.T) {
	old := index.DenseMin
	index.DenseMin = 0
	t.Cleanup(func() { index.DenseMin = old })
	t.Run("search", TestSearchMatchesBruteForce)
	t.Run("warm", TestCacheWarmEqualsCold)
	t.Run("changes", TestCacheFollowsChanges)
	t.Run("copies", TestCacheKeepsCopies)
	// Some lists must really be bitsets for this to mean anything.
	lib, _ := loadWith(t, cacheCorpus(t), "")
	dense := lib.idx.DenseLists()
	if dense == 0 {
		t.Error("no posting list became a Bitset")
	}
}

// TestCacheSavesTakeTurns checks that a save waits while another instance
// holds the library's writer lock, and goes on when it is let go.
func TestCacheSavesTakeTurns(t *testing.T) {
	dir, cache := cacheCorpus(t), t.TempDir()
	roots := mustRoots(t, dir)
	lib := NewLibrary()
	lib.CacheDir = cache
	other := flock.New(lib.cachePath(roots) + ".lock")
	if err := other.Lock(); err != nil {
		t.Fatal(err)
	}
	saved := make(chan struct{})
	go func() { lib.Load(context.Background(), roots, nil); close(saved) }()
	select {
	case <-saved:
		t.Fatal("a save went ahead while another instance held the lock")
	case <-time.After(300 * time.Millisecond):
	}
	if len(cacheFiles(t, cache)) != 0 {
		t.Fatal("a manifest was written while another instance held the lock")
	}
	other.Unlock()
	<-saved
	if len(cacheFiles(t, cache)) != 1 {
		t.Fatalf("after the lock was let go: %v", cacheFiles(t, cache))
	}
}

// TestCacheDropsWhatKilledSavesLeft checks that the temporary file and
// spills of a segment whose save was killed go once they are old, and
// that those of a save still writing stay.
func TestCacheDropsWhatKilledSavesLeft(t *testing.T) {
	dir, cache := cacheCorpus(t), t.TempDir()
	old := time.Now().Add(-time.Hour)
	var stale, fresh []string
	for _, n := range []string{"lib-x-00.seg.tmp123", "lib-x-00.seg.dict9", "lib-x-00.seg.prefix7"} {
		p := filepath.Join(cache, n)
		writeFile(t, p, "half a segment")
		os.Chtimes(p, old, old)
		stale = append(stale, p)
		writeFile(t, p+"0", "a segment being written")
		fresh = append(fresh, p+"0")
	}
	loadWith(t, dir, cache)
	for _, p := range stale {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s, left an hour ago, was kept", filepath.Base(p))
		}
	}
	for _, p := range fresh {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s, being written, went: %v", filepath.Base(p), err)
		}
	}
}

// TestWarmStartPrunes: a warm start that saves nothing still lets go of
// the segments no manifest names (a merge's inputs) once they are old
// enough, and keeps a recent one, which a save may still be naming.
func TestWarmStartPrunes(t *testing.T) {
	dir, cache := cacheCorpus(t), t.TempDir()
	then := time.Now().Add(-time.Hour) // files and folders long settled
	filepath.WalkDir(dir, func(p string, _ fs.DirEntry, _ error) error { return os.Chtimes(p, then, then) })
	loadWith(t, dir, cache) // cold: the manifest and its segment
	loadWith(t, dir, cache) // the folders' first look again, saved
	segs := func() []string {
		names, _ := filepath.Glob(filepath.Join(cache, "lib-*.seg"))
		return names
	}
	before := segs()
	old := time.Now().Add(-time.Hour)
	stale := filepath.Join(cache, "lib-merged-away-00.seg")
	writeFile(t, stale, "a merge's input")
	os.Chtimes(stale, old, old)
	recent := filepath.Join(cache, "lib-being-named-00.seg")
	writeFile(t, recent, "a save's, its manifest to come")
	lib, _ := loadWith(t, dir, cache)
	if lib.segDocs == 0 {
		t.Fatal("the last load read no segment")
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the old segment no manifest names is still there: %v", err)
	}
	if _, err := os.Stat(recent); err != nil {
		t.Errorf("the recent segment went: %v", err)
	}
	if got := segs(); len(got) != len(before)+1 { // and the recent one
		t.Errorf("the warm start wrote segments: %q, before %q", got, before)
	}
}
