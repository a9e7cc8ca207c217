package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/scan"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/muesli/termenv"
)

// TestEditKeepsMarks: an article bookmarked and read keeps its star and
// stays read when its file is edited and the library loads it again, in
// the list, the bookmarks view, the status line and the files.
func TestEditKeepsMarks(t *testing.T) {
	corpus, marksDir, readDir := t.TempDir(), t.TempDir(), t.TempDir()
	writeCorpus(t, corpus)
	roots, err := scan.OpenRoots([]string{corpus})
	if err != nil {
		t.Fatal(err)
	}
	lib := store.NewLibrary()
	lib.Load(context.Background(), roots, nil)
	marks, _ := state.OpenBookmarks(marksDir)
	rs, _ := state.OpenReadState(readDir)
	m := startModel(t, Options{Roots: roots, Library: lib, Bookmarks: marks, ReadState: rs, Style: "dark", Profile: termenv.Ascii},
		120, 40, loaded(lib))
	m = settle(t, m, keys("/qatar{enter}bm")...)
	old := m.list.Selected()
	if old == nil || !marks.Has(old.ID) || !rs.Has(old.ID) {
		t.Fatalf("the Qatar story is not bookmarked and read")
	}

	file := filepath.Join(corpus, "2024/11/qatar.txt")
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("\nA line added later.\n")
	f.Close()
	lib.Load(context.Background(), roots, nil) // the rescan a watcher makes
	m = settle(t, m, keys("{esc}")...)
	m = settle(t, m, articlesLoadedMsg{p: loaded(lib)})

	now, ok := lib.ByPath(old.Path)
	if !ok || now.ID == old.ID {
		t.Fatalf("the edit did not give the article a new ID")
	}
	if !marks.Has(now.ID) || !rs.Has(now.ID) {
		t.Errorf("after the edit: bookmarked %v, read %v; want both", marks.Has(now.ID), rs.Has(now.ID))
	}
	if !onDisk(t, "b", marksDir, readDir, now.ID) || !onDisk(t, "m", marksDir, readDir, now.ID) {
		t.Errorf("the files do not follow the edited article")
	}
	row := rowOf(t, m, now.Headline[:20])
	if !strings.Contains(row, "★") {
		t.Errorf("the edited article's row lost its star: %q", row)
	}
	if !strings.Contains(screen(m), "★ 1") || !strings.Contains(screen(m), "3 unread") {
		t.Errorf("the status line does not count the marks:\n%s", screen(m))
	}
	m = settle(t, m, keys("B")...)
	if len(m.list.items) != 1 || m.list.items[0].ID != now.ID || !strings.Contains(screen(m), "1 of 4 articles") {
		t.Errorf("B shows %d rows, want the edited article:\n%s", len(m.list.items), screen(m))
	}
}

// rowOf is the screen's line holding s.
func rowOf(t *testing.T, m Model, s string) string {
	t.Helper()
	for _, l := range strings.Split(screen(m), "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	t.Fatalf("no line holds %q:\n%s", s, screen(m))
	return ""
}
