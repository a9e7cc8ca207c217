package ui

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/scan"
	"github.com/broadsheet/broadsheet/store/state"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"
)

// linksDir holds three notes that link to each other, one link to a file
// that is not there, and web links.
const linksDir = "testdata/links"

// linkModel is the UI over linksDir, loaded, with the index selected
// (it is the oldest: the list's last row) and positions kept in pos.
func linkModel(t *testing.T, w, h int, pos *state.Positions) Model {
	t.Helper()
	return linkModelWith(t, w, h, Options{Positions: pos, Profile: termenv.Ascii})
}

// linkModelWith is linkModel with opt's settings.
func linkModelWith(t *testing.T, w, h int, opt Options) Model {
	t.Helper()
	roots, err := scan.OpenRoots([]string{linksDir})
	if err != nil {
		t.Fatal(err)
	}
	lib := store.NewLibrary()
	err = fs.WalkDir(roots[0].FS, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		as, _, err := scan.Read(&roots[0], name, nil)
		lib.Add(as...)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	opt.Roots, opt.Library, opt.Style = roots, lib, "dark"
	return startModel(t, opt, w, h, loaded(lib))
}

// TestLinkViews: the numbered links under the text, the links picker and
// the outline picker, at the sizes the app must support.
func TestLinkViews(t *testing.T) {
	cases := []struct{ name, input string }{
		{"reader-links", "G"},
		{"links-picker", "l"},
		{"outline-picker", "O"},
		{"followed", "l{enter}"},
		{"missing", "ljjjj{enter}"},
	}
	for _, sz := range []struct{ w, h int }{{80, 24}, {40, 12}, {120, 40}} {
		for _, c := range cases {
			t.Run(fmt.Sprintf("%s-%dx%d", c.name, sz.w, sz.h), func(t *testing.T) {
				m := linkModel(t, sz.w, sz.h, nil)
				m = press(t, m, "G{enter}") // the index, rendered
				for _, k := range keys(c.input) {
					m = settle(t, m, k) // each key after the last one's render
				}
				checkFits(t, m, sz.w, sz.h)
				golden.RequireEqual(t, []byte(screen(m)))
			})
		}
	}
}

// TestLinkViewsHyperlinks: with hyperlinks on, in colour, the reader's
// screens read as they do without them and still fit, with a find's marks
// on words inside the hyperlinked URLs too; the view holds hyperlinks to
// the web links only, and no escape but those and SGR.
func TestLinkViewsHyperlinks(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{80, 24}, {40, 12}, {120, 40}, {200, 60}} {
		for _, input := range []string{"G", "/example{enter}G", "/doc{enter}n"} {
			t.Run(fmt.Sprintf("%s-%dx%d", input, sz.w, sz.h), func(t *testing.T) {
				var views [2]Model
				for i, on := range []bool{false, true} {
					m := linkModelWith(t, sz.w, sz.h, Options{Profile: termenv.TrueColor, Hyperlinks: on})
					m = press(t, m, "G{enter}")
					for _, k := range keys(input) {
						m = settle(t, m, k)
					}
					checkFits(t, m, sz.w, sz.h)
					views[i] = m
				}
				if off, on := screen(views[0]), screen(views[1]); off != on {
					t.Fatalf("the screen changed with hyperlinks:\n%s\n---\n%s", off, on)
				}
				if osc, bad := oscSequences(views[0].View()); len(osc) > 0 || bad != "" {
					t.Errorf("hyperlinks off: %q, %q", osc, bad)
				}
				osc, bad := oscSequences(views[1].View())
				if bad != "" {
					t.Errorf("%q on screen", bad)
				}
				for _, s := range osc {
					if s == "\x1b]8;;\a" {
						continue
					}
					_, url, _ := strings.Cut(strings.TrimPrefix(s, "\x1b]8;id=broadsheet-"), ";")
					switch strings.TrimSuffix(url, "\a") {
					case "https://example.org/page", "https://go.dev/doc/", "https://example.org/a_b*c":
					default:
						t.Errorf("hyperlink %q", s)
					}
				}
				if sz.h >= 40 && len(osc) == 0 {
					t.Error("no hyperlink on screen")
				}
			})
		}
	}
}

// TestFollowLinkAndBack: enter on a relative link opens the library's
// article in place; another link goes deeper; backspace walks the
// history back, and does nothing once it is empty.
func TestFollowLinkAndBack(t *testing.T) {
	m := linkModel(t, 80, 24, nil)
	m = press(t, m, "G{enter}")
	if got := m.reader.shown.Headline; got != "Index of notes" {
		t.Fatalf("reading %q", got)
	}
	m = press(t, m, "lj{enter}") // the sub note, percent-encoded, with a #fragment
	if got := m.reader.shown.Headline; got != "Third note" {
		t.Fatalf("after the second link: %q\n%s", got, screen(m))
	}
	if _, ok := m.sh.lib.Get(m.reader.shown.ID); !ok {
		t.Error("the linked note is not the library's article")
	}
	m = press(t, m, "l{enter}") // ../index.md
	if got := m.reader.shown.Headline; got != "Index of notes" || len(m.reader.history) != 2 {
		t.Fatalf("after ../index.md: %q, history %d", got, len(m.reader.history))
	}
	for _, want := range []string{"Third note", "Index of notes", "Index of notes"} {
		m = press(t, m, "{backspace}")
		if got := m.reader.shown.Headline; got != want {
			t.Fatalf("back: %q, want %q", got, want)
		}
	}
	if m.focus != focusReader {
		t.Error("backspace with no history left the reader")
	}
}

// press types s, settling each key before the next: a key after enter
// then finds the article it opened rendered, as a person would.
func press(t *testing.T, m Model, s string) Model {
	t.Helper()
	for _, k := range keys(s) {
		m = settle(t, m, k)
	}
	return m
}

// TestLinkTarget: how a link becomes a file or a web address.
func TestLinkTarget(t *testing.T) {
	from := filepath.FromSlash("notes/a/index.md")
	tests := []struct {
		link, want string
		web, bad   bool
	}{
		{"b.md", "notes/a/b.md", false, false},
		{"../c%20d.md#part", "notes/c d.md", false, false},
		{"/abs/e.md", "/abs/e.md", false, false},
		{"file:///abs/f.md", "/abs/f.md", false, false},
		{"https://x.org/p?q=1#f", "https://x.org/p?q=1#f", true, false},
		{"mailto:a@b.org", "mailto:a@b.org", true, false},
		{"//x.org/p", "https://x.org/p", true, false},
		{"#only-a-fragment", "", false, true},
		{"javascript:alert(1)", "", false, true},
		{"file://other/f.md", "", false, true},
		{"%zz", "", false, true},
	}
	for _, tt := range tests {
		got, web, err := linkTarget(tt.link, from)
		if (err != nil) != tt.bad || web != tt.web || !tt.bad && got != filepath.FromSlash(tt.want) && got != tt.want {
			t.Errorf("linkTarget(%q) = %q, %v, %v; want %q, web %v, bad %v", tt.link, got, web, err, tt.want, tt.web, tt.bad)
		}
	}
	if _, _, err := linkTarget("b.md", ""); err == nil {
		t.Error("a relative link from an article with no file was followed")
	}
}

// TestHeadingKeys: ] and [ step through the headings as rendered, and
// the outline's enter goes to one.
func TestHeadingKeys(t *testing.T) {
	m := linkModel(t, 80, 12, nil)
	m = press(t, m, "G{enter}")
	lines := m.reader.headLines
	if len(lines) != 3 || lines[0] < 0 || lines[1] <= lines[0] || lines[2] <= lines[1] {
		t.Fatalf("heading lines %v for outline %v", lines, m.reader.outline)
	}
	m = press(t, m, "]")
	if m.reader.vp.YOffset != lines[1] || !strings.Contains(screen(m), "Section one") {
		t.Errorf("] went to line %d, want %d", m.reader.vp.YOffset, lines[1])
	}
	m = press(t, m, "[")
	if m.reader.vp.YOffset != lines[0] {
		t.Errorf("[ went to line %d, want %d", m.reader.vp.YOffset, lines[0])
	}
	m = press(t, m, "Ojj{enter}")
	if got := m.reader.vp.YOffset; got != min(lines[2], m.reader.vp.TotalLineCount()-m.reader.vp.Height) {
		t.Errorf("the outline went to line %d, want %d", got, lines[2])
	}
}

// TestPositionRemembered: the reader returns to where an article was
// left, after a restart, through the positions file.
func TestPositionRemembered(t *testing.T) {
	dir := t.TempDir()
	pos, err := state.OpenPositions(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := linkModel(t, 80, 12, pos)
	m = press(t, m, "G{enter}]]")
	left := m.reader.vp.YOffset
	if left == 0 {
		t.Fatal("] did not scroll")
	}
	m = press(t, m, "{esc}")
	again, err := state.OpenPositions(dir)
	if err != nil {
		t.Fatal(err)
	}
	if again.At(m.reader.shown.ID) == 0 {
		t.Fatal("leaving the article saved no position")
	}
	m2 := linkModel(t, 80, 12, again)
	m2 = press(t, m2, "G{enter}")
	if got := m2.reader.vp.YOffset; got != left {
		t.Errorf("came back at line %d, left at %d", got, left)
	}
}

// TestLinkEndToEnd runs the real program: open the index, follow a
// relative link to another note, and come back with backspace.
func TestLinkEndToEnd(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"index.md", "second.md", "sub/third note.md"} {
		data, err := os.ReadFile(filepath.Join(linksDir, name))
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	roots, err := scan.OpenRoots([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	m := New(Options{Roots: roots, Library: store.NewLibrary(), Style: "notty", Profile: termenv.Ascii})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 30))
	waitForText(t, tm, "3 articles")
	tm.Type("G")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitForText(t, tm, "the second note[1]")
	tm.Type("l")
	waitForText(t, tm, "[1] the second note · second.md")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitForText(t, tm, "Back to the index[1]")
	tm.Send(tea.KeyMsg{Type: tea.KeyBackspace})
	waitForText(t, tm, "Start with the second")
	tm.Type("q")
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	if got := final.reader.shown.Headline; got != "Index of notes" || len(final.reader.history) != 0 {
		t.Errorf("ended on %q with %d in the history", got, len(final.reader.history))
	}
}

// TestLinkLayoutFits: the reader over linked notes and both pickers fill
// the screen exactly at every size the app supports.
func TestLinkLayoutFits(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{40, 12}, {80, 24}, {99, 30}, {100, 30}, {120, 40}, {200, 60}} {
		for _, input := range []string{"G{enter}", "G{enter}l", "G{enter}T", "G{enter}l{enter}", "G{enter}ljjjj{enter}"} {
			t.Run(fmt.Sprintf("%dx%d/%s", sz.w, sz.h, input), func(t *testing.T) {
				m := press(t, linkModel(t, sz.w, sz.h, nil), input)
				checkFits(t, m, sz.w, sz.h)
			})
		}
	}
}
