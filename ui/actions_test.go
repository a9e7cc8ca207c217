package ui

import (
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store"
	"github.com/muesli/termenv"
)

// remappedModel is the UI over the test corpus with keys remapped as a
// configuration would.
func remappedModel(t *testing.T, keys map[string][]string, w, h int) Model {
	t.Helper()
	lib := store.NewLibrary()
	lib.Add(testCorpus(t)...)
	marks, err := store.OpenBookmarks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckKeys(keys); err != nil {
		t.Fatal(err)
	}
	return startModel(t, Options{Library: lib, Bookmarks: marks, Style: "dark", Profile: termenv.Ascii, Keys: keys}, w, h, loaded(lib))
}

// TestFullHelpShowsRemappedKeys: ? lists the keys in force, not the
// defaults.
func TestFullHelpShowsRemappedKeys(t *testing.T) {
	m := remappedModel(t, map[string][]string{"bookmark": {"x"}}, 120, 40)
	m = settle(t, m, keys("?")...)
	view := screen(m)
	if !strings.Contains(view, "x bookmark") || strings.Contains(view, "b bookmark") {
		t.Errorf("the full help does not show bookmark on x:\n%s", view)
	}
}
