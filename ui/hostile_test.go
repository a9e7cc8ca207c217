package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/scan"
	"github.com/broadsheet/broadsheet/store/testcorpus"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// unsafeInView returns what in a rendered screen could act on a terminal:
// any control character, or an escape sequence other than the SGR colour
// and style ones the UI draws with.
func unsafeInView(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == 0x1b:
			j := sgrEnd(s, i)
			if j == 0 {
				return s[i:min(len(s), i+12)]
			}
			i = j - 1
		case c == '\n':
		case c < 0x20 || c == 0x7f:
			return s[i:min(len(s), i+12)]
		case c == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f:
			return s[i:min(len(s), i+12)] // a C1 control
		}
	}
	return ""
}

// TestHostileCorpusViews renders every screen over the hostile corpus, in
// colour, and finds nothing on it that a terminal would take as a command;
// with hyperlinks on, nothing but SGR and the reader's own hyperlinks,
// whose URLs are printable ASCII.
func TestHostileCorpusViews(t *testing.T) {
	for _, on := range []bool{false, true} {
		t.Run(fmt.Sprint("hyperlinks=", on), func(t *testing.T) { hostileCorpusViews(t, on) })
	}
}

func hostileCorpusViews(t *testing.T, hyperlinks bool) {
	dir := t.TempDir()
	if _, _, err := testcorpus.Hostile(dir); err != nil {
		t.Fatal(err)
	}
	// And links whose URLs and text are hostile, for the hyperlinks.
	evil := "---\ntitle: Hostile links\n---\n[a\x1b]8;;http://evil\x1b\\b](<https://x.org/\x1b]8;;\x07\x9c \"é>) and " +
		"<https://y.org/\x1b[2J> and [js](javascript:alert\\(1\\)) and \x1b]8;;http://evil\x1b\\raw\x1b]8;;\x1b\\.\n"
	if err := os.WriteFile(filepath.Join(dir, "hostile-links.md"), []byte(evil), 0o644); err != nil {
		t.Fatal(err)
	}
	roots, err := scan.OpenRoots([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	lib := store.NewLibrary()
	lib.Load(context.Background(), roots, nil)
	m := startModel(t, Options{Library: lib, Style: "dark", Profile: termenv.TrueColor, Hyperlinks: hyperlinks}, 120, 40, loaded(lib))
	links := 0 // hyperlinks seen
	check := func(what string) {
		t.Helper()
		view := m.View()
		if hyperlinks {
			osc, bad := oscSequences(view)
			links += len(osc)
			if bad != "" {
				t.Errorf("%s: %q on screen", what, bad)
			}
			for _, s := range osc {
				if s != linkClose && !strings.HasPrefix(s, "\x1b]8;id=broadsheet-") {
					t.Errorf("%s: %q on screen", what, s)
				}
			}
			view = ansi.Strip(view) // the text around them must be safe
		}
		if bad := unsafeInView(view); bad != "" {
			t.Errorf("%s: %q on screen", what, bad)
		}
		checkFits(t, m, 120, 40)
	}
	check("list")
	for i := range m.list.items.Len() {
		if i > 0 {
			m = settle(t, m, keys("{down}")...)
		}
		if m.reader.shown == nil || m.reader.shown.ID != m.list.Selected().ID {
			t.Fatalf("article %d (%q) did not render: %v", i, m.list.Selected().Headline, m.reader.err)
		}
		check("reader of " + m.list.Selected().Path)
	}
	m = settle(t, m, keys("!")...)
	if !strings.Contains(screen(m), "not loaded") {
		t.Error("! does not list the skipped files")
	}
	check("skipped files")
	m = settle(t, m, keys("!?")...)
	check("help")
	m = settle(t, m, keys("?/pwned")...)
	check("filter")
	if hyperlinks && links == 0 {
		t.Error("no hyperlink on any screen")
	}
}

// TestTypedControlsNotEchoed: what the user types or pastes into the
// filter or the find is echoed on screen sanitised: an ESC, an OSC 52 or
// a bidi override reaches View() as a visible stand-in, never raw.
func TestTypedControlsNotEchoed(t *testing.T) {
	hostile := "x\x1b]52;c;aGk=\a\x1b[2J\u202eevil\u202d"
	for _, open := range []string{"/", "{enter}/"} { // the filter, the find
		for _, paste := range []bool{false, true} {
			m := newTestModel(t, 120, 40)
			m = settle(t, m, keys(open)...)
			var typed []tea.Msg
			if paste {
				typed = []tea.Msg{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(hostile), Paste: true}}
			} else {
				for _, r := range hostile {
					typed = append(typed, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
				}
			}
			m = settle(t, m, typed...)
			in := m.filter
			if m.focus == focusFind {
				in = m.find
			}
			if !strings.Contains(in.Value(), "\u202e") {
				t.Fatalf("%q, paste %v: the input did not take the typed text: %q", open, paste, in.Value())
			}
			view := m.View()
			if bad := unsafeInView(view); bad != "" {
				t.Errorf("%q, paste %v: %q on screen", open, paste, bad)
			}
			for _, r := range []string{"\u202e", "\u202d"} {
				if strings.Contains(view, r) {
					t.Errorf("%q, paste %v: bidi override %U on screen", open, paste, []rune(r)[0])
				}
			}
			checkFits(t, m, 120, 40)
		}
	}
}
