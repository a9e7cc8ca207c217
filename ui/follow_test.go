package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/scan"
	"github.com/broadsheet/broadsheet/store/state"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
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
	if m.list.items.Len() != 1 || m.list.items.At(0).ID != now.ID || !strings.Contains(screen(m), "1 of 4 articles") {
		t.Errorf("B shows %d rows, want the edited article:\n%s", m.list.items.Len(), screen(m))
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

// TestOtherInstanceShows: a bookmark or a read mark made by another
// instance shows in a running reader within a second, in the stars, the
// counts, B and is:bookmarked; quitting ends the watch.
func TestOtherInstanceShows(t *testing.T) {
	corpus, marksDir, readDir := t.TempDir(), t.TempDir(), t.TempDir()
	writeCorpus(t, corpus)
	roots, err := scan.OpenRoots([]string{corpus})
	if err != nil {
		t.Fatal(err)
	}
	marks, _ := state.OpenBookmarks(marksDir)
	rs, _ := state.OpenReadState(readDir)
	m := New(Options{Roots: roots, Library: store.NewLibrary(), Bookmarks: marks, ReadState: rs, Style: "notty", Profile: termenv.Ascii})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40))
	waitForText(t, tm, "4 articles")

	// The other instance: the command line, say.
	lib := store.NewLibrary()
	lib.Load(context.Background(), roots, nil)
	qatar, ok := lib.ByPath(filepath.Join(corpus, "2024/11/qatar.txt"))
	if !ok {
		t.Fatal("no Qatar story")
	}
	other, _ := state.OpenBookmarks(marksDir)
	if err := other.Set(state.BookmarkOf(qatar), true); err != nil {
		t.Fatal(err)
	}
	waitWithin(t, tm, "★ 1", time.Second)
	otherRead, _ := state.OpenReadState(readDir)
	if err := otherRead.Set(qatar.ID, true); err != nil {
		t.Fatal(err)
	}
	waitWithin(t, tm, "3 unread", time.Second)
	tm.Type("B")
	waitForText(t, tm, "1 of 4 articles")
	// Out of the bookmarks view first, so that the status line shows
	// another count before the filter's: an unchanged line is not drawn
	// again, and all the keys may land in one frame.
	tm.Type("B")
	waitForText(t, tm, "All articles")
	tm.Type("/is:bookmarked")
	waitForText(t, tm, "1 of 4 articles")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	tm.Type("q")
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	if final.list.items.Len() != 1 || final.list.items.At(0).ID != qatar.ID {
		t.Errorf("is:bookmarked shows %d rows, want the Qatar story", final.list.items.Len())
	}
	if row := rowOf(t, final, "US pressures Qatar"); !strings.Contains(row, "★") {
		t.Errorf("the row has no star: %q", row)
	}
	if final.stateWatch.ctx.Err() == nil {
		t.Error("the watch of the state files goes on after quitting")
	}
}

// waitWithin waits for want on screen for at most d.
func waitWithin(t *testing.T, tm *teatest.TestModel, want string, d time.Duration) {
	t.Helper()
	start := time.Now()
	waitForText(t, tm, want)
	if took := time.Since(start); took > d {
		t.Errorf("%q took %v to show, want under %v", want, took.Round(time.Millisecond), d)
	}
}
