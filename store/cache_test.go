package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/index"
	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/scan"
	"github.com/broadsheet/broadsheet/store/testcorpus"
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
	roots, err := scan.OpenRoots([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	lib := NewLibrary()
	lib.CacheDir = cacheDir
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
		out = append(out, fmt.Sprintf("query %q: %d of %d", q, len(res.Articles), res.Total))
		for _, a := range res.Articles {
			out = append(out, fmt.Sprintf("%s|%s|%s|%s|%v|%v|%s|%d|%v|%s|%s|%v",
				a.ID, a.Headline, a.Date.Format(time.RFC3339Nano), a.Path, a.DateFromFile, a.Undated,
				a.Folder, a.Words, a.Format, a.Author, a.Source, a.Tags))
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

func cacheFiles(t *testing.T, dir string) []string {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(dir, "*"))
	return names
}

func TestCacheWarmEqualsCold(t *testing.T) {
	dir, cache := cacheCorpus(t), t.TempDir()
	cold, _ := loadWith(t, dir, "")
	first, _ := loadWith(t, dir, cache)
	if files := cacheFiles(t, cache); len(files) != 1 {
		t.Fatalf("cache folder holds %v, want one index", files)
	}
	warm, ps := loadWith(t, dir, cache)
	want := summary(cold)
	for name, lib := range map[string]*Library{"first": first, "warm": warm} {
		if got := summary(lib); !slices.Equal(got, want) {
			t.Errorf("%s load differs from a cold one: %s", name, firstDiff(got, want))
		}
	}
	// The cached articles are on show before the walk starts.
	if len(ps) < 2 || ps[0].Final || ps[0].Loaded != cold.Len() || ps[0].Searchable || !ps[1].Searchable {
		t.Errorf("progress %+v, want the %d cached articles shown before their index, then searchable", ps, cold.Len())
	}
	// A warm article's body still opens from disk.
	a := warm.Search(query.Parse("story 7"), SearchOptions{}).Articles[0]
	full, err := warm.Open(a)
	if err != nil || full.Body == "" {
		t.Errorf("Open after a warm load: %v, body %q", err, full.Body)
	}
}

func TestCacheTrustsUnchangedFiles(t *testing.T) {
	dir, cache := cacheCorpus(t), t.TempDir()
	loadWith(t, dir, cache)
	// Same size, same time, other bytes: a warm load must not read it
	// again, which is what makes it fast.
	name := filepath.Join(dir, "2024", "01", "s00.txt")
	fi, _ := os.Stat(name)
	old, _ := os.ReadFile(name)
	text := []byte(string(old))
	copy(text[len(text)-10:], "XXXXXXXXX\n")
	writeFile(t, name, string(text))
	os.Chtimes(name, fi.ModTime(), fi.ModTime())
	warm, _ := loadWith(t, dir, cache)
	if _, ok := warm.Get(article.IDOf(old)); !ok {
		t.Error("an unchanged (by size and time) file was read again")
	}
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
	if len(res.Articles) != 1 || res.Articles[0].Path != filepath.Join(dir, "b.txt") {
		t.Fatalf("after removing one of two copies: %d articles, path %q", len(res.Articles), res.Articles[0].Path)
	}
	if full, err := warm.Open(res.Articles[0]); err != nil || full.Body != "Text." {
		t.Errorf("the copy does not open: %v", err)
	}
	again, _ := loadWith(t, dir, cache)
	if a := again.Search(query.Query{}, SearchOptions{}).Articles; len(a) != 1 || a[0].Path != filepath.Join(dir, "b.txt") {
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
		"header":    func(b []byte) []byte { b[len(cacheMagic)+12] ^= 1; return b },
		"huge count": func(b []byte) []byte {
			i := len(cacheMagic) + 16
			for j := i; j < i+8 && j < len(b); j++ {
				b[j] = 0xff
			}
			return b
		},
	}
	for name, f := range spoil {
		t.Run(name, func(t *testing.T) {
			cache := t.TempDir()
			loadWith(t, dir, cache)
			file := cacheFiles(t, cache)[0]
			b, _ := os.ReadFile(file)
			if err := os.WriteFile(file, f(b), 0o644); err != nil {
				t.Fatal(err)
			}
			lib, _ := loadWith(t, dir, cache)
			if got := summary(lib); !slices.Equal(got, want) {
				t.Errorf("load over a %s cache differs from cold", name)
			}
			// It was rebuilt: a fresh library reads it whole.
			fresh := NewLibrary()
			roots, _ := scan.OpenRoots([]string{dir})
			if err := fresh.readCache(file, roots, nil); err != nil {
				t.Errorf("cache not rebuilt: %v", err)
			}
		})
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
	if err := lib.readCache(files[0], roots, nil); err != nil {
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
	for _, a := range lib.Search(query.Query{}, SearchOptions{}).Articles {
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
