package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/scan"
	"github.com/broadsheet/broadsheet/store/state"
)

// FuzzCacheFile feeds arbitrary bytes to the cache reader as a manifest,
// seeded with a real one (the segments it names are fuzzed in
// store/segment): it must never panic, hang or allocate past the file's size,
// and a library over a spoiled cache must still load every article.
func FuzzCacheFile(f *testing.F) {
	dir := f.TempDir()
	for i, text := range []string{
		"Monday, March 4, 2024 10:00 AM\nOne story\nBody one.\n",
		"Tuesday, March 5, 2024 10:00 AM\nTwo story\nBody two.\n",
		"---\ntitle: Three\ntags: [a]\n---\n\nBody three.\n",
	} {
		os.WriteFile(filepath.Join(dir, string(rune('a'+i))+".txt"), []byte(text), 0o644)
	}
	roots, err := scan.OpenRoots([]string{dir})
	if err != nil {
		f.Fatal(err)
	}
	cache := f.TempDir()
	lib := NewLibrary()
	lib.CacheDir = cache
	lib.Load(context.Background(), roots, nil)
	good, err := os.ReadFile(lib.cachePath(roots))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte(manifestMagic))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		// The manifest is fuzzed beside the real segments it names.
		file := filepath.Join(cache, "fuzz.manifest")
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		lib := NewLibrary()
		if err := lib.readCache(file, roots); err != nil {
			return
		}
		// A cache that reads must be whole: its articles and index agree.
		for _, a := range lib.Search(query.Query{}, SearchOptions{}).Articles() {
			if a.Loc.Root == nil || a.Path == "" {
				t.Fatalf("cached article without a file: %+v", a)
			}
		}
		lib.Search(query.Parse("one tw"), SearchOptions{})
	})
}

// FuzzBookmarksFile feeds arbitrary bytes as the bookmarks file: opening
// must never panic, and a file that does not read must be left as it was.
func FuzzBookmarksFile(f *testing.F) {
	f.Add([]byte(`{"version":1,"bookmarks":[{"id":"00112233445566778899aabbccddeeff","headline":"h"}]}`))
	f.Add([]byte(`{"version":2,"bookmarks":[]}`))
	f.Add([]byte(`{"version":1,"bookmarks":[{"id":"zz"}]}`))
	f.Add([]byte(`[]`))
	f.Add([]byte("\x00\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		file := filepath.Join(dir, state.BookmarksFile)
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		b, err := state.OpenBookmarks(dir)
		if err == nil {
			b.List()
			return
		}
		b.Set(state.Bookmark{ID: article.IDOf([]byte("x"))}, true)
		if got, _ := os.ReadFile(file); string(got) != string(data) {
			t.Fatalf("a bookmarks file that did not read was changed")
		}
	})
}
