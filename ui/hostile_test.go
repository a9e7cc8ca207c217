package ui

import (
	"context"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/scan"
	"github.com/broadsheet/broadsheet/store/testcorpus"
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
// colour, and finds nothing on it that a terminal would take as a command.
func TestHostileCorpusViews(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := testcorpus.Hostile(dir); err != nil {
		t.Fatal(err)
	}
	roots, err := scan.OpenRoots([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	lib := store.NewLibrary()
	lib.Load(context.Background(), roots, nil)
	m := startModel(t, Options{Library: lib, Style: "dark", Profile: termenv.TrueColor}, 120, 40, loaded(lib))
	check := func(what string) {
		t.Helper()
		if bad := unsafeInView(m.View()); bad != "" {
			t.Errorf("%s: %q on screen", what, bad)
		}
		checkFits(t, m, 120, 40)
	}
	check("list")
	for i := range m.list.items {
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
}
