package store

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/scan"
)

// backdate sets every folder's and file's times under dir an hour back,
// as a collection left alone for a while is, so that no folder is too
// fresh to trust.
func backdate(t *testing.T, dir string) {
	t.Helper()
	then := time.Now().Add(-time.Hour)
	var paths []string
	filepath.WalkDir(dir, func(p string, _ fs.DirEntry, err error) error {
		paths = append(paths, p)
		return err
	})
	slices.Reverse(paths) // a folder's time after its entries'
	for _, p := range paths {
		if err := os.Chtimes(p, then, then); err != nil {
			t.Fatal(err)
		}
	}
}

// loadChecking loads dir with the cache in cacheDir, checking as check
// says, and returns the library and its final progress.
func loadChecking(t *testing.T, dir, cacheDir string, check Check) (*Library, Progress) {
	t.Helper()
	lib, ps := loadWithCheck(t, dir, cacheDir, check)
	return lib, ps[len(ps)-1]
}

func skipPaths(lib *Library) []string {
	var out []string
	for _, s := range lib.Skipped() {
		out = append(out, s.Path+": "+s.Reason())
	}
	slices.Sort(out)
	return out
}

// TestFolderCheckFindsWhatFilesCheckFinds changes a collection in each
// way that changes a folder, and checks that a start trusting unchanged
// folders sees what a start reading everything does: articles, order,
// queries and the files not loaded, twice (the second start reads the
// cache the first wrote).
func TestFolderCheckFindsWhatFilesCheckFinds(t *testing.T) {
	story := func(h string) string { return "Monday, March 4, 2024 10:00 AM\n" + h + "\nNew text about qatar.\n" }
	changes := map[string]func(t *testing.T, dir string){
		"nothing": func(*testing.T, string) {},
		"a file in the root": func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "top.txt"), story("A story at the top"))
		},
		"a file deep down": func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "2024", "03", "deep.txt"), story("A deep story"))
		},
		"a file removed": func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, "2024", "03", "s02.txt")) },
		"a file moved between folders": func(t *testing.T, dir string) {
			os.Rename(filepath.Join(dir, "2024", "04", "s03.txt"), filepath.Join(dir, "clips", "s03.txt"))
		},
		"a file saved by a rename": func(t *testing.T, dir string) {
			p := filepath.Join(dir, "2024", "05", "s04.txt")
			writeFile(t, p+".tmp", story("Story 4, rewritten"))
			os.Rename(p+".tmp", p)
		},
		"a new folder tree": func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "new", "deeper", "fresh.txt"), story("A fresh story"))
			writeFile(t, filepath.Join(dir, "new", "bad.txt"), "")
		},
		"a folder removed": func(t *testing.T, dir string) { os.RemoveAll(filepath.Join(dir, "2024", "06")) },
		"a folder renamed": func(t *testing.T, dir string) {
			os.Rename(filepath.Join(dir, "2024"), filepath.Join(dir, "old"))
		},
		"a folder replaced": func(t *testing.T, dir string) {
			os.RemoveAll(filepath.Join(dir, "clips"))
			writeFile(t, filepath.Join(dir, "clips", "other.txt"), story("Another clip"))
		},
		"a bad file mended, a good one broken": func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "bad.txt"))
			writeFile(t, filepath.Join(dir, "bad.txt"), story("Mended"))
			os.Remove(filepath.Join(dir, "2024", "07", "s06.txt"))
			writeFile(t, filepath.Join(dir, "2024", "07", "s06.txt"), "")
		},
		"a folder replaced by a link to another": func(t *testing.T, dir string) {
			other := t.TempDir()
			writeFile(t, filepath.Join(other, "linked.txt"), story("A story behind a link"))
			os.RemoveAll(filepath.Join(dir, "2024", "08"))
			if err := os.Symlink(other, filepath.Join(dir, "2024", "08")); err != nil {
				t.Skip(err)
			}
		},
		"hidden things": func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, ".hidden", "x.txt"), story("Hidden"))
			writeFile(t, filepath.Join(dir, "2024", ".y.txt"), story("Hidden too"))
		},
	}
	for name, change := range changes {
		t.Run(name, func(t *testing.T) {
			dir, cache := cacheCorpus(t), t.TempDir()
			backdate(t, dir)
			loadChecking(t, dir, cache, CheckFolders) // writes the folders' record
			change(t, dir)
			cold, _ := loadChecking(t, dir, "", CheckFiles)
			for round := range 2 {
				warm, _ := loadChecking(t, dir, cache, CheckFolders)
				if got, want := summary(warm), summary(cold); !slices.Equal(got, want) {
					t.Fatalf("round %d: %s", round, firstDiff(got, want))
				}
				if got, want := skipPaths(warm), skipPaths(cold); !slices.Equal(got, want) {
					t.Fatalf("round %d: skipped %q, want %q", round, got, want)
				}
			}
		})
	}
}

// TestFolderCheckReadsOnlyChangedFolders checks that a start trusting
// folders looks at the files of a changed folder alone, and that the
// limit it has is the one it says: a file rewritten in place in an
// unchanged folder is seen by a check of every file, not by it.
func TestFolderCheckReadsOnlyChangedFolders(t *testing.T) {
	dir, cache := cacheCorpus(t), t.TempDir()
	backdate(t, dir)
	loadChecking(t, dir, cache, CheckFolders)
	if _, p := loadChecking(t, dir, cache, CheckFolders); p.Found != 0 || p.Read != 0 || p.Loaded != 42 {
		t.Fatalf("nothing changed, yet the start found %d files and read %d (%d loaded)", p.Found, p.Read, p.Loaded)
	}
	writeFile(t, filepath.Join(dir, "2024", "03", "deep.txt"), "Monday, March 4, 2024 10:00 AM\nA deep story\nText.\n")
	_, p := loadChecking(t, dir, cache, CheckFolders)
	if p.Read != 1 || p.Found > 5 {
		t.Fatalf("one file added: found %d, read %d; want only 2024/03's files found, one read", p.Found, p.Read)
	}

	inPlace := filepath.Join(dir, "2024", "05", "s04.txt")
	later := time.Now().Add(-time.Minute)
	if err := os.WriteFile(inPlace, []byte("Monday, March 4, 2024 10:00 AM\nRewritten in place\nText.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(inPlace, later, later)
	byFolders, _ := loadChecking(t, dir, cache, CheckFolders)
	if countHeadlines(byFolders, "Rewritten in place") != 0 {
		t.Fatal("a folder check saw a file rewritten in place; the docs say it cannot, so fix them")
	}
	byFiles, _ := loadChecking(t, dir, cache, CheckFiles)
	if countHeadlines(byFiles, "Rewritten in place") != 1 {
		t.Fatal("a check of every file missed a file rewritten in place")
	}
}

// TestFolderCheckDistrustsFreshFolders checks the racy case: a folder
// that changed just before its listing may change again unseen in the
// same tick of the clock, so it is listed again until it is older.
func TestFolderCheckDistrustsFreshFolders(t *testing.T) {
	dir, cache := cacheCorpus(t), t.TempDir()
	loadChecking(t, dir, cache, CheckFolders) // every folder is fresh
	p := filepath.Join(dir, "2024", "05", "s04.txt")
	if err := os.WriteFile(p, []byte("Monday, March 4, 2024 10:00 AM\nRewritten at once\nText.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	lib, _ := loadChecking(t, dir, cache, CheckFolders)
	if countHeadlines(lib, "Rewritten at once") != 1 {
		t.Fatal("a folder listed moments ago was trusted")
	}
}

// TestCheckAuto checks that CheckAuto checks every file of a small
// library.
func TestCheckAuto(t *testing.T) {
	dir, cache := cacheCorpus(t), t.TempDir()
	backdate(t, dir)
	loadChecking(t, dir, cache, CheckAuto)
	if _, p := loadChecking(t, dir, cache, CheckAuto); p.Found != 43 {
		t.Fatalf("a small library's start found %d files, want every one checked", p.Found)
	}
}

func countHeadlines(lib *Library, h string) int {
	n := 0
	res := lib.Search(query.Parse(""), SearchOptions{})
	for i := range res.Len() {
		if strings.Contains(res.At(i).Headline, h) {
			n++
		}
	}
	return n
}

// TestOutermost checks that scopes held by others go, so that no file is
// walked twice: a watch's burst names a new folder and the files in it.
func TestOutermost(t *testing.T) {
	s := func(root int, name string, shallow bool) scan.Scope {
		return scan.Scope{Root: root, Name: name, Shallow: shallow}
	}
	got := outermost([]scan.Scope{
		s(0, "new/x.txt", false), s(0, "new", false), s(0, "new/deep", true),
		s(0, "a", true), s(0, "a/b", true), s(0, "a/c.txt", false), s(0, "a", false),
		s(1, "new", false), s(0, "news", false), s(0, "new", false), s(2, "q", true), s(2, "q/r", false),
	})
	// A shallow scope holds its folder's files, not its folders: q/r is
	// one found new in q, walked whole.
	want := []scan.Scope{s(0, "a", false), s(0, "new", false), s(0, "news", false), s(1, "new", false), s(2, "q", true), s(2, "q/r", false)}
	if !slices.Equal(got, want) {
		t.Fatalf("outermost:\n got %v\nwant %v", got, want)
	}
}

// TestRescanOfNestedScopes checks a rescan named a folder and a file in
// it, as a watch's burst does when a folder arrives with its files: the
// file is found once.
func TestRescanOfNestedScopes(t *testing.T) {
	dir := cacheCorpus(t)
	roots, err := scan.OpenRoots([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	lib := NewLibrary()
	lib.Load(context.Background(), roots, nil)
	writeFile(t, filepath.Join(dir, "new", "x.txt"), "Monday, March 4, 2024 10:00 AM\nA new story\nText.\n")
	var last Progress
	scopes, _ := scan.ScopesOf(roots, []string{filepath.Join(dir, "new"), filepath.Join(dir, "new", "x.txt")})
	lib.rescan(context.Background(), roots, scopes, func(p Progress) { last = p })
	if last.Found != 1 || last.Loaded != 43 || countHeadlines(lib, "A new story") != 1 {
		t.Fatalf("found %d files, %d loaded, %d of the new story; want 1, 43, 1", last.Found, last.Loaded, countHeadlines(lib, "A new story"))
	}
}

// TestFolderCheckAfterMerges checks that what a folder check trusts
// survives the merging of segments: a copy found after its article was
// saved is a file record the manifest keeps beside the segment, and a
// merge lets such records go; the copy's folder must then be looked at
// again, or the article would go with its first file though the copy
// stays.
func TestFolderCheckAfterMerges(t *testing.T) {
	dir, cache := cacheCorpus(t), t.TempDir()
	backdate(t, dir)
	loadChecking(t, dir, cache, CheckFolders)
	copied := filepath.Join(dir, "2024", "03", "s02.txt")
	data, err := os.ReadFile(copied)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "copies", "s02-copy.txt"), string(data))
	os.Mkdir(filepath.Join(dir, "more"), 0o755)
	backdate(t, dir)
	// The copy is a record beside the segment, and every folder is listed
	// long after it changed.
	loadChecking(t, dir, cache, CheckFolders)
	// New segments larger than the first, then merges, which take the
	// smallest.
	for i := range maxSegments + 2 {
		for j := range 60 {
			writeFile(t, filepath.Join(dir, "more", fmt.Sprintf("m%d-%d.txt", i, j)),
				fmt.Sprintf("Monday, March 4, 2024 10:00 AM\nMore %d-%d\nText.\n", i, j))
		}
		loadChecking(t, dir, cache, CheckFolders)
	}
	os.Remove(copied)
	cold, _ := loadChecking(t, dir, "", CheckFiles)
	warm, _ := loadChecking(t, dir, cache, CheckFolders)
	if got, want := summary(warm), summary(cold); !slices.Equal(got, want) {
		t.Fatalf("%s", firstDiff(got, want))
	}
}
