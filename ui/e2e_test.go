package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/scan"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/broadsheet/broadsheet/store/testcorpus"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"
)

// writeCorpus puts the test corpus on disk, as files a user would have,
// with a real seed file as its Qatar story.
func writeCorpus(t *testing.T, dir string) {
	t.Helper()
	if err := testcorpus.Four(dir, mustRead(t, "../seeds/000_d5b0627365015324.txt")); err != nil {
		t.Fatal(err)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// startApp runs the real program on the corpus folder with its own data
// folder, as `broadsheet DIR` would.
func startApp(t *testing.T, corpus, data string) *teatest.TestModel {
	t.Helper()
	roots, err := scan.OpenRoots([]string{corpus})
	if err != nil {
		t.Fatal(err)
	}
	marks, err := state.OpenBookmarks(data)
	if err != nil {
		t.Fatal(err)
	}
	m := New(Options{Roots: roots, Library: store.NewLibrary(), Bookmarks: marks, Style: "notty", Profile: termenv.Ascii})
	return teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40))
}

func waitForText(t *testing.T, tm *teatest.TestModel, want string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains([]byte(ansi.Strip(string(b))), []byte(want))
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

// TestEndToEnd is a user's first session: filter for qatar, bookmark the
// story, quit, start again and find the bookmark.
func TestEndToEnd(t *testing.T) {
	corpus, data := t.TempDir(), t.TempDir()
	writeCorpus(t, corpus)

	tm := startApp(t, corpus, data)
	waitForText(t, tm, "4 articles")
	tm.Type("/qatar")
	waitForText(t, tm, "1 of 4 articles")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	tm.Type("b")
	waitForText(t, tm, "Bookmarked.")
	tm.Type("q")
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	if got := final.list.items.Len(); got != 1 {
		t.Errorf("%d rows after filtering for qatar, want 1", got)
	}
	if sel := final.list.Selected(); sel == nil || !strings.Contains(sel.Headline, "Qatar") {
		t.Fatalf("selected %v, want the Qatar story", sel)
	}
	qatar := final.list.Selected().ID

	saved, err := os.ReadFile(filepath.Join(data, state.BookmarksFile))
	if err != nil {
		t.Fatalf("no bookmarks file: %v", err)
	}
	if !strings.Contains(string(saved), qatar.String()) {
		t.Errorf("bookmarks file lacks the story:\n%s", saved)
	}

	// A second run finds the bookmark, in the list and in the bookmarks view.
	tm = startApp(t, corpus, data)
	waitForText(t, tm, "★ 1")
	tm.Type("B")
	waitForText(t, tm, "1 of 4 articles")
	tm.Type("q")
	final = tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	if final.list.items.Len() != 1 || final.list.items.At(0).ID != qatar {
		t.Errorf("bookmarks view shows %d rows, want the Qatar story", final.list.items.Len())
	}
}

// TestSkippedFiles: bad files are counted in the status line and listed,
// with their reasons, by !; nothing from their names reaches the screen
// as a control sequence.
func TestSkippedFiles(t *testing.T) {
	corpus := t.TempDir()
	writeCorpus(t, corpus)
	bad := map[string]string{
		"empty.txt":                "",
		"image.txt":                "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR",
		"evil\x1b]52;c;aGk=\a.txt": "",
	}
	for name, text := range bad {
		if err := os.WriteFile(filepath.Join(corpus, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tm := startApp(t, corpus, t.TempDir())
	waitForText(t, tm, "3 skipped (!)")
	tm.Type("!")
	waitForText(t, tm, "3 files not loaded")
	tm.Type("q")
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	view := final.View()
	for _, want := range []string{"empty.txt: no headline", "image.txt: not a text file", "evil␛]52;c;aGk=␇.txt: no headline"} {
		if !strings.Contains(ansi.Strip(view), want) {
			t.Errorf("skipped view lacks %q:\n%s", want, ansi.Strip(view))
		}
	}
	if strings.Contains(ansi.Strip(view), "\x1b") || strings.Contains(view, "\a") {
		t.Error("a control character from a file name reached the screen")
	}
	if final.list.items.Len() != 4 {
		t.Errorf("%d good articles listed, want 4", final.list.items.Len())
	}
}

// TestLiveReload: with the folders followed, a file copied in while the
// reader runs shows without a restart, and the filter applies to it.
func TestLiveReload(t *testing.T) {
	corpus, data := t.TempDir(), t.TempDir()
	writeCorpus(t, corpus)
	roots, err := scan.OpenRoots([]string{corpus})
	if err != nil {
		t.Fatal(err)
	}
	marks, _ := state.OpenBookmarks(data)
	m := New(Options{Roots: roots, Library: store.NewLibrary(), Bookmarks: marks, Style: "notty", Profile: termenv.Ascii, Follow: true})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40))
	waitForText(t, tm, "4 articles")
	tm.Type("/qatar")
	waitForText(t, tm, "1 of 4 articles")
	time.Sleep(200 * time.Millisecond) // the watches are set once loading ends
	text := "Sunday, November 17, 2024 09:00 AM\nQatar responds to the pressure\nA new story.\n"
	if err := os.WriteFile(filepath.Join(corpus, "2024/11/qatar-reply.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	waitForText(t, tm, "2 of 5 articles")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}
