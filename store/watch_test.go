package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/scan"
	"github.com/fsnotify/fsnotify"
)

// watching loads dir, starts Watch, and returns the library, a way to wait
// for it to satisfy a condition, and the number of rescans so far.
func watching(t *testing.T, dir string) (*Library, func(what string, ok func() bool), func() int) {
	t.Helper()
	roots, err := scan.OpenRoots([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	lib := NewLibrary()
	lib.Load(context.Background(), roots, nil)
	ctx, cancel := context.WithCancel(context.Background())
	var mu sync.Mutex
	rescans := 0
	done := make(chan struct{})
	go func() {
		lib.Watch(ctx, roots, func(p Progress) {
			if p.Final {
				mu.Lock()
				rescans++
				mu.Unlock()
			}
		})
		close(done)
	}()
	t.Cleanup(func() { cancel(); <-done })
	time.Sleep(100 * time.Millisecond) // let the watches be set
	wait := func(what string, ok func() bool) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for !ok() {
			if time.Now().After(deadline) {
				t.Fatalf("after 10 s: %s", what)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	count := func() int {
		mu.Lock()
		defer mu.Unlock()
		return rescans
	}
	return lib, wait, count
}

func headlines(lib *Library) map[string]bool {
	out := map[string]bool{}
	for _, a := range lib.Search(query.Query{}, SearchOptions{}).Articles() {
		out[a.Headline] = true
	}
	return out
}

func TestWatchFollowsChanges(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), "Monday, March 4, 2024 10:00 AM\nStory A\nBody.\n")
	writeFile(t, filepath.Join(dir, "b.txt"), "Monday, March 4, 2024 11:00 AM\nStory B\nBody.\n")
	lib, wait, _ := watching(t, dir)

	writeFile(t, filepath.Join(dir, "new", "c.txt"), "Monday, March 4, 2024 12:00 PM\nStory C\nBody.\n")
	wait("a new file in a new folder shows", func() bool { return headlines(lib)["Story C"] })

	writeFile(t, filepath.Join(dir, "a.txt"), "Monday, March 4, 2024 10:00 AM\nStory A, revised\nBody.\n")
	wait("a changed file updates", func() bool { h := headlines(lib); return h["Story A, revised"] && !h["Story A"] })

	os.Remove(filepath.Join(dir, "b.txt"))
	wait("a deleted file goes", func() bool { return !headlines(lib)["Story B"] })

	os.Rename(filepath.Join(dir, "new", "c.txt"), filepath.Join(dir, "c-renamed.txt"))
	wait("a renamed file keeps its article at its new path", func() bool {
		res := lib.Search(query.Parse("title:c"), SearchOptions{})
		return len(res.Articles()) == 1 && res.Articles()[0].Path == filepath.Join(dir, "c-renamed.txt")
	})
	if lib.Len() != 2 {
		t.Errorf("%d articles, want 2", lib.Len())
	}
}

// TestWatchCoalescesBursts: a thousand files landing at once are taken in
// a few rescans, not one per file.
func TestWatchCoalescesBursts(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "first.txt"), "Monday, March 4, 2024 10:00 AM\nFirst\nBody.\n")
	lib, wait, rescans := watching(t, dir)
	const n = 1000
	for i := range n {
		writeFile(t, filepath.Join(dir, "burst", fmt.Sprintf("%04d.txt", i)),
			fmt.Sprintf("Monday, March 4, 2024 10:00 AM\nBurst story %d\nBody %d.\n", i, i))
	}
	wait("the burst shows", func() bool { return lib.Len() == n+1 })
	if r := rescans(); r > 10 {
		t.Errorf("%d rescans for one burst of %d files", r, n)
	}
}

// TestWatchFallsBackToPolling: where folders cannot be watched, they are
// checked now and then, and the progress says so.
func TestWatchFallsBackToPolling(t *testing.T) {
	w := scan.DefaultWatcher
	w.New = func() (*fsnotify.Watcher, error) { return nil, syscall.ENOSPC }
	w.Poll = 100 * time.Millisecond

	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), "Monday, March 4, 2024 10:00 AM\nStory A\nBody.\n")
	roots, _ := scan.OpenRoots([]string{dir})
	lib := NewLibrary()
	lib.watcher = &w
	lib.Load(context.Background(), roots, nil)
	ctx, cancel := context.WithCancel(context.Background())
	notes := make(chan string, 100)
	done := make(chan struct{})
	go func() {
		lib.Watch(ctx, roots, func(p Progress) {
			select {
			case notes <- p.Note:
			default:
			}
		})
		close(done)
	}()
	defer func() { cancel(); <-done }()
	if note := <-notes; !strings.Contains(note, "checked every") || !strings.Contains(note, "limit on watched folders") {
		t.Errorf("note %q", note)
	}
	writeFile(t, filepath.Join(dir, "b.txt"), "Monday, March 4, 2024 11:00 AM\nStory B\nBody.\n")
	deadline := time.Now().Add(5 * time.Second)
	for !headlines(lib)["Story B"] {
		if time.Now().After(deadline) {
			t.Fatal("polling did not pick up a new file")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestWatchFollowsItsRoot: a root folder deleted and made again, or moved
// away and back, is watched again and its articles come back.
func TestWatchFollowsItsRoot(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "news")
	story := "Monday, March 4, 2024 10:00 AM\nStory A\nBody.\n"
	writeFile(t, filepath.Join(dir, "a.txt"), story)
	lib, wait, _ := watching(t, dir)
	wait("the first load", func() bool { return lib.Len() == 1 })

	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	wait("the deleted root is empty", func() bool { return lib.Len() == 0 })
	writeFile(t, filepath.Join(dir, "b.txt"), "Monday, March 4, 2024 11:00 AM\nStory B\nBody.\n")
	wait("the root made again is read", func() bool { return headlines(lib)["Story B"] })
	// Its new folders are watched too.
	writeFile(t, filepath.Join(dir, "sub", "c.txt"), "Monday, March 4, 2024 12:00 PM\nStory C\nBody.\n")
	wait("a file in a new folder of the new root", func() bool { return headlines(lib)["Story C"] })

	away := filepath.Join(parent, "elsewhere")
	if err := os.Rename(dir, away); err != nil {
		t.Fatal(err)
	}
	wait("the moved root is empty", func() bool { return lib.Len() == 0 })
	if err := os.Rename(away, dir); err != nil {
		t.Fatal(err)
	}
	wait("the root moved back is read", func() bool { return lib.Len() == 2 })
	writeFile(t, filepath.Join(dir, "d.txt"), "Monday, March 4, 2024 01:00 PM\nStory D\nBody.\n")
	wait("a file in the root moved back", func() bool { return headlines(lib)["Story D"] })
}

// TestWatchChecksWhatChanged: a rescan checks the files and folders the
// watch saw change, not the whole library, and still sees a folder go
// and a file come back under a new name.
func TestWatchChecksWhatChanged(t *testing.T) {
	dir := cacheCorpus(t)
	roots := mustRoots(t, dir)
	lib := NewLibrary()
	lib.Load(t.Context(), roots, nil)
	total := lib.Len()
	ctx, cancel := context.WithCancel(t.Context())
	var mu sync.Mutex
	var finals []Progress
	done := make(chan struct{})
	go func() {
		lib.Watch(ctx, roots, func(p Progress) {
			if p.Final {
				mu.Lock()
				finals = append(finals, p)
				mu.Unlock()
			}
		})
		close(done)
	}()
	t.Cleanup(func() { cancel(); <-done })
	time.Sleep(100 * time.Millisecond)
	last := func() Progress {
		mu.Lock()
		defer mu.Unlock()
		if len(finals) == 0 {
			return Progress{}
		}
		return finals[len(finals)-1]
	}
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); !ok(); time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("after 10 s: %s", what)
			}
		}
	}
	writeFile(t, filepath.Join(dir, "dropped.txt"), "Monday, March 4, 2024 12:00 PM\nA dropped story\nBody.\n")
	waitFor("the dropped file shows", func() bool { return headlines(lib)["A dropped story"] })
	if p := last(); p.Found != 1 || p.Loaded != total+1 {
		t.Errorf("the rescan for one file found %d files and holds %d articles, want 1 and %d", p.Found, p.Loaded, total+1)
	}
	gone := filepath.Join(dir, "2024", "03")
	n := len(lib.Search(query.Parse("in:2024/03"), SearchOptions{}).Articles())
	if n == 0 {
		t.Fatal("no articles in 2024/03 to remove")
	}
	os.RemoveAll(gone)
	waitFor("a removed folder's articles go", func() bool { return lib.Len() == total+1-n })
	if p := last(); p.Found > 1 {
		t.Errorf("the rescan for a removed folder found %d files, want none", p.Found)
	}
	if got := lib.Skipped(); len(got) == 0 {
		t.Error("the corpus's unreadable file is no longer listed after scoped rescans")
	}
}

// TestWatchCatchesWhatTheLoadMissed: a file made after the load listed
// its folder and before the watches were in place sends no event; the
// watch finds it all the same, by the folders' stamps, once its watches
// are set.
func TestWatchCatchesWhatTheLoadMissed(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), "Monday, March 4, 2024 10:00 AM\nStory A\nBody.\n")
	writeFile(t, filepath.Join(dir, "sub", "b.txt"), "Monday, March 4, 2024 11:00 AM\nStory B\nBody.\n")
	roots, err := scan.OpenRoots([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	lib := NewLibrary()
	lib.Load(context.Background(), roots, nil)
	writeFile(t, filepath.Join(dir, "sub", "c.txt"), "Monday, March 4, 2024 12:00 PM\nStory C\nBody.\n")
	writeFile(t, filepath.Join(dir, "d.txt"), "Monday, March 4, 2024 01:00 PM\nStory D\nBody.\n")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		lib.Watch(ctx, roots, func(Progress) {})
		close(done)
	}()
	defer func() { cancel(); <-done }()
	deadline := time.Now().Add(10 * time.Second)
	for h := headlines(lib); !h["Story C"] || !h["Story D"]; h = headlines(lib) {
		if time.Now().After(deadline) {
			t.Fatalf("after 10 s, the files made before the watch are not found: %v", h)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
