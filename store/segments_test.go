package store

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

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
