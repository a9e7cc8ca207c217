package ui

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/charmbracelet/bubbles/cursor"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// TestMain runs the tests with no "searching…" timer (see slowSearch):
// settle runs every command as it comes, so each timer would be waited
// for. TestSlowSearchSaysSo sends its message itself.
func TestMain(m *testing.M) {
	slowSearch = 0
	os.Exit(m.Run())
}

// fileTime is the modification time given to test files, so views that
// show a file's date do not depend on when the test runs.
var fileTime = time.Date(2024, 10, 2, 8, 0, 0, 0, time.UTC)

// testCorpus is a small library of every format, parsed as the loader
// would parse it.
func testCorpus(t *testing.T) []*article.Article {
	t.Helper()
	seed, err := os.ReadFile("../seeds/000_d5b0627365015324.txt")
	if err != nil {
		t.Fatal(err)
	}
	files := []struct {
		path, folder, text string
	}{
		{"news/2024/11/000_d5b0627365015324.txt", "2024/11", string(seed)},
		{"news/2024/11/munich.txt", "2024/11", "Friday, November 15, 2024 09:10 AM\nMünchen opens its Christmas markets early\nStalls in München and Zürich opened a week early this year.\nVisitors came from across Bavaria.\n"},
		{"news/2024/10/edwards.txt", "2024/10", "Tuesday, October 8, 2024 06:30 PM\nEdwards wins the county fair pie contest\nJudges praised the crust. Nobody mentioned any conflict.\n"},
		{"news/clips/hamas-talks.md", "clips", "---\ntitle: Hamas talks stall in Doha as mediators regroup\ndate: 2024-11-10\nauthor: A. Reporter\nsource: https://example.com/doha\n---\n\nTalks in **Doha** stalled again.\n\n- Qatar mediates\n- Egypt observes\n"},
		{"news/notes/plain.txt", "notes", "A headline-first note about the harvest\n\nThe harvest came in late.\n\nFarmers said *rain* delayed it by # weeks.\n"},
		{"news/2024/09/long.txt", "2024/09", "Monday, September 2, 2024 07:00 AM\n東京 markets rally as the yen slips; analysts expect a long and very uneventful autumn for traders everywhere\nStocks rose.\n"},
	}
	var out []*article.Article
	for _, f := range files {
		as, err := article.Parse(f.path[strings.LastIndex(f.path, "/")+1:], []byte(f.text), fileTime)
		if err != nil {
			t.Fatalf("%s: %v", f.path, err)
		}
		a := &as[0]
		a.Path, a.Folder = f.path, f.folder
		out = append(out, a)
	}
	return out
}

// newTestModel builds the UI over the test corpus, sized and loaded,
// without starting a program.
func newTestModel(t *testing.T, w, h int) Model {
	t.Helper()
	lib := store.NewLibrary()
	lib.Add(testCorpus(t)...)
	marks, err := state.OpenBookmarks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return startModel(t, Options{Library: lib, Bookmarks: marks, Style: "dark", Profile: termenv.Ascii}, w, h,
		store.Progress{Found: lib.Len(), Done: lib.Len(), Loaded: lib.Len(), Final: true})
}

// startModel builds the UI with opt, its text inputs' cursors still (a
// blinking one would sleep in settle), sized w by h and told that loading
// reached p.
func startModel(t testing.TB, opt Options, w, h int, p store.Progress) Model {
	t.Helper()
	m := New(opt)
	m.filter.input.Cursor.SetMode(cursor.CursorStatic)
	m.find.input.Cursor.SetMode(cursor.CursorStatic)
	m.tagIn.input.Cursor.SetMode(cursor.CursorStatic)
	m.nameIn.input.Cursor.SetMode(cursor.CursorStatic)
	return settle(t, m, tea.WindowSizeMsg{Width: w, Height: h}, articlesLoadedMsg{p: p})
}

// loaded is the report of a finished load of lib.
func loaded(lib *store.Library) store.Progress {
	return store.Progress{Loaded: lib.Len(), Skipped: len(lib.Skipped()), Searchable: true, Final: true}
}

// settle feeds msg to the model and then every message its commands
// produce, as the program would, until nothing is left to do.
func settle(t testing.TB, m Model, msgs ...tea.Msg) Model {
	t.Helper()
	queue := append([]tea.Msg(nil), msgs...)
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			t.Fatal("the model never settled")
		}
		msg := queue[0]
		queue = queue[1:]
		next, cmd := m.Update(msg)
		m = next.(Model)
		queue = append(queue, run(cmd)...)
	}
	return m
}

func run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil, tea.QuitMsg:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, run(c)...)
		}
		return out
	default:
		return []tea.Msg{msg}
	}
}

// keys turns typed text into key messages; names in braces are special
// keys: {enter}, {esc}, {tab}, {down}, {up}.
func keys(s string) []tea.Msg {
	special := map[string]tea.KeyType{"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab,
		"down": tea.KeyDown, "up": tea.KeyUp, "backspace": tea.KeyBackspace, "pgdown": tea.KeyPgDown,
		"delete": tea.KeyDelete, "ctrl+s": tea.KeyCtrlS, "ctrl+u": tea.KeyCtrlU}
	var out []tea.Msg
	for len(s) > 0 {
		if s[0] == '{' {
			end := strings.IndexByte(s, '}')
			out = append(out, tea.KeyMsg{Type: special[s[1:end]]})
			s = s[end+1:]
			continue
		}
		r := []rune(s)[0]
		out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		s = s[len(string(r)):]
	}
	return out
}

// screen is the view as a person sees it: ANSI stripped.
func screen(m Model) string { return ansi.Strip(m.View()) }

// checkFits fails when the view has other than h lines or a line wider
// than w: a row that wraps or overflows breaks the whole screen.
func checkFits(t *testing.T, m Model, w, h int) {
	t.Helper()
	lines := strings.Split(m.View(), "\n")
	if len(lines) != h {
		t.Errorf("view has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if got := ansi.StringWidth(l); got != w {
			t.Errorf("line %d is %d cells wide, want %d: %q", i+1, got, w, ansi.Strip(l))
		}
	}
}
