package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/scan"
	"github.com/broadsheet/broadsheet/store/state"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"
)

// librarianDir holds four notes with front matter tags: an index linking
// to a note beside it (other.md) and to one in another folder
// (../sub/third.md), and a fourth that shares a word with the index.
const librarianDir = "testdata/librarian"

// The patience of the librarian run: the machine is slow and shared, and
// the tests run under -race. A wait ends as soon as its text shows.
const (
	librarianWait  = 60 * time.Second
	librarianFinal = 30 * time.Second
)

// librarianDirs are a user's folders: the notes, and the data and state
// folders broadsheet keeps its files in.
type librarianDirs struct{ corpus, data, state string }

// startLibrarian runs the real program over the notes with every kind of
// state the CLI gives it, each opened from the user's folders as
// `broadsheet DIR` opens them, at a size with one pane at a time (so
// every change of pane repaints the whole screen).
func startLibrarian(t *testing.T, d librarianDirs) *teatest.TestModel {
	t.Helper()
	roots, err := scan.OpenRoots([]string{d.corpus})
	if err != nil {
		t.Fatal(err)
	}
	m := New(Options{
		Roots:     roots,
		Library:   store.NewLibrary(),
		Bookmarks: must(state.OpenBookmarks(d.data)),
		ReadState: must(state.OpenReadState(d.state)),
		Positions: must(state.OpenPositions(d.state)),
		Tags:      must(state.OpenTags(d.data)),
		Notes:     must(state.OpenNotes(d.data)),
		Searches:  must(state.OpenSearches(d.data)),
		Style:     "notty",
		Profile:   termenv.Ascii,
	})
	return teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 30))
}

// waitScreen waits for the output since the last wait to hold every one
// of want. The renderer repaints only lines that changed, so each want is
// text that the keys just sent put on a line.
func waitScreen(t *testing.T, tm *teatest.TestModel, want ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		s := ansi.Strip(string(b))
		for _, w := range want {
			if !strings.Contains(s, w) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(librarianWait), teatest.WithCheckInterval(25*time.Millisecond))
}

// waitFile waits for ok to hold of the file's state as opened afresh: a
// save runs in a command, after the flash that announces it.
func waitFile[T any](t *testing.T, what string, open func() (T, error), ok func(T) bool) T {
	t.Helper()
	deadline := time.Now().Add(librarianWait)
	for {
		v, err := open()
		if err == nil && ok(v) {
			return v
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not on disk after %s (error %v)", what, librarianWait, err)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// copyNotes puts the notes where the test may edit them.
func copyNotes(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(librarianDir)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// tagsOn is the user's tags as the file in data holds them: each tagged
// article's Ref, with its tags.
func tagsOn(t *testing.T, data string) []state.Tagged {
	t.Helper()
	return must(state.OpenTags(data)).List()
}

// special is the press of a key that types nothing: enter, esc, ctrl+s.
func special(k tea.KeyType) tea.KeyMsg { return tea.KeyMsg{Type: k} }

// TestLibrarianEndToEnd is issue 13's run: tag an article, save a
// filter as a search, switch to it from the views picker, follow a
// relative link from an article it finds and come back; then, after a
// restart and an edit of the tagged file, the tag and the search are
// still there, and the tag has followed the file to its new ID.
func TestLibrarianEndToEnd(t *testing.T) {
	d := librarianDirs{copyNotes(t), t.TempDir(), t.TempDir()}
	tm := startLibrarian(t, d)
	// Newest first: the survey, the pilot's log, the tides, the index.
	waitScreen(t, tm, "4 articles", "Lighthouse survey", "Pilot's log", "Spring tides", "Harbour index")

	// Tag the second row, the pilot's log.
	tm.Type("jt")
	waitScreen(t, tm, "tags: ")
	tm.Type("watch")
	tm.Send(special(tea.KeyEnter))
	waitScreen(t, tm, "Tagged: watch.")
	tagged := waitFile(t, state.TagsFile, func() ([]state.Tagged, error) {
		tags, err := state.OpenTags(d.data)
		if err != nil {
			return nil, err
		}
		return tags.List(), nil
	}, func(l []state.Tagged) bool { return len(l) > 0 })
	if len(tagged) != 1 || tagged[0].Ref.Headline != "Pilot's log" || !slices.Equal(tagged[0].Tags, []string{"watch"}) {
		t.Fatalf("%s holds %+v, want the pilot's log tagged watch", state.TagsFile, tagged)
	}
	logID := tagged[0].Ref.ID

	// Filter, and save the filter as a search from the filter (ctrl+s).
	tm.Type("/ferry")
	waitScreen(t, tm, "2 of 4 articles")
	tm.Send(special(tea.KeyCtrlS))
	waitScreen(t, tm, "save search as: ")
	tm.Type("Ferries")
	tm.Send(special(tea.KeyEnter))
	waitScreen(t, tm, "Saved the search “Ferries”")
	// The flash comes once the save has returned: the file holds it now.
	searches := must(state.OpenSearches(d.data)).List()
	if len(searches) != 1 || searches[0].Name != "Ferries" || searches[0].Query != "ferry" {
		t.Fatalf("%s holds %+v, want Ferries = ferry", state.SearchesFile, searches)
	}

	// Clear the filter, then show the search from the views picker: All,
	// Bookmarks, Unread, then the saved searches.
	tm.Send(special(tea.KeyEsc))
	waitScreen(t, tm, "All articles", "4 articles")
	tm.Type("v")
	waitScreen(t, tm, "Views", "> All articles", "⌕ Ferries  ferry")
	tm.Type("jjj")
	waitScreen(t, tm, "> ⌕ Ferries")
	tm.Send(special(tea.KeyEnter))
	waitScreen(t, tm, "2 of 4 articles", "Spring tides", "Harbour index")

	// The index is the older of the two: open it, follow its link to
	// ../sub/third.md, and come back.
	tm.Type("G")
	tm.Send(special(tea.KeyEnter))
	waitScreen(t, tm, "The ferry timetable changes in June", "the lighthouse survey[2]")
	tm.Type("l")
	waitScreen(t, tm, "[1] the pilot's log · other.md", "[2] the lighthouse survey · ../sub/third.md")
	tm.Type("j")
	waitScreen(t, tm, "› [2] the lighthouse survey")
	tm.Send(special(tea.KeyEnter))
	waitScreen(t, tm, "Lighthouse survey", "The lamp was cleaned")
	tm.Send(special(tea.KeyBackspace))
	waitScreen(t, tm, "Harbour index", "The ferry timetable changes in June")

	tm.Type("q")
	final := tm.FinalModel(t, teatest.WithFinalTimeout(librarianFinal)).(Model)
	if got := final.reader.shown; got == nil || got.Headline != "Harbour index" || len(final.reader.history) != 0 {
		t.Errorf("ended reading %v with %d in the history, want the index and none", got, len(final.reader.history))
	}
	if q := final.filter.Value(); q != "ferry" {
		t.Errorf("the list's filter is %q after showing Ferries, want ferry", q)
	}
	if got, want := headlines(final), []string{"Spring tides", "Harbour index"}; !slices.Equal(got, want) {
		t.Errorf("the saved search shows %q, want %q", got, want)
	}
	// After the quit, which waits for every save, the files hold it all.
	if got := tagsOn(t, d.data); len(got) != 1 || got[0].Ref.ID != logID || !slices.Equal(got[0].Tags, []string{"watch"}) {
		t.Errorf("after quitting, %s holds %+v", state.TagsFile, got)
	}
	if got := must(state.OpenSearches(d.data)).List(); len(got) != 1 || got[0].Name != "Ferries" || got[0].Query != "ferry" {
		t.Errorf("after quitting, %s holds %+v", state.SearchesFile, got)
	}

	// Edit the tagged file, as a user would between runs: its ID changes.
	logPath := filepath.Join(d.corpus, "notes", "other.md")
	appendLine(t, logPath, "\nThe fog lifted at noon.\n")
	editedID := idOf(t, logPath)
	if editedID == logID {
		t.Fatal("appending a line left the pilot's log its ID")
	}

	// A second run: the search is in the picker, and tag: finds the
	// edited log by the tag it was given under its old ID.
	// Its row shows the front matter's tag and the user's as one set,
	// once the tag has moved to the log's new ID.
	tm = startLibrarian(t, d)
	waitScreen(t, tm, "4 articles", "Pilot's log", "harbour, watch")
	tm.Type("v")
	waitScreen(t, tm, "Views", "⌕ Ferries  ferry")
	tm.Send(special(tea.KeyEsc))
	waitScreen(t, tm, "Harbour index") // the list, repainted over the picker
	tm.Type("/tag:watch")
	waitScreen(t, tm, "1 of 4 articles", "Pilot's log")
	tm.Send(special(tea.KeyEnter))
	tm.Type("q")
	final = tm.FinalModel(t, teatest.WithFinalTimeout(librarianFinal)).(Model)
	if got := headlines(final); !slices.Equal(got, []string{"Pilot's log"}) {
		t.Fatalf("tag:watch finds %q after the edit, want the pilot's log", got)
	}
	newID := final.list.items.At(0).ID
	if newID != editedID {
		t.Fatalf("the library has the log as %s, want its edited bytes' ID %s (was %s)", newID, editedID, logID)
	}
	if got := final.sh.tags.Of(newID); !slices.Equal(got, []string{"watch"}) {
		t.Errorf("the edited log's tags are %q, want watch", got)
	}
	// The quit waited for the reconcile's save: the file names the new ID.
	if got := tagsOn(t, d.data); len(got) != 1 || got[0].Ref.ID != newID || !slices.Equal(got[0].Tags, []string{"watch"}) {
		t.Errorf("after the second run, %s holds %+v, want watch on %s", state.TagsFile, got, newID)
	}
	if got := must(state.OpenSearches(d.data)).List(); len(got) != 1 || got[0].Name != "Ferries" {
		t.Errorf("after the second run, %s holds %+v", state.SearchesFile, got)
	}
}

// headlines is the list's rows, top to bottom.
func headlines(m Model) []string {
	var out []string
	for i := 0; i < m.list.items.Len(); i++ {
		out = append(out, m.list.items.At(i).Headline)
	}
	return out
}

// appendLine adds s to the end of the file.
func appendLine(t *testing.T, path, s string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(s); err != nil {
		f.Close()
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// idOf is the ID the file's article has, parsed as the loader parses it.
func idOf(t *testing.T, path string) article.ID {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	as, err := article.Parse(filepath.Base(path), data, time.Time{})
	if err != nil || len(as) != 1 {
		t.Fatalf("%s: %d articles, %v", path, len(as), err)
	}
	return as[0].ID
}
