package ui

import (
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store"
	tea "github.com/charmbracelet/bubbletea"
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

// TestOpenRelatedOnAnyKey: open_related bound to keys that are not 1-9
// opens the first related story; a digit opens that one when there is
// one; none of them crashes.
func TestOpenRelatedOnAnyKey(t *testing.T) {
	ctrlR := tea.KeyMsg{Type: tea.KeyCtrlR}
	for _, c := range []struct {
		name string
		key  tea.Msg
		nth  int // the related story it opens, from 0; -1 for none
	}{
		{"0", keys("0")[0], 0},
		{"ctrl+r", ctrlR, 0},
		{"2", keys("2")[0], 1},
		{"9", keys("9")[0], -1},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := remappedModel(t, map[string][]string{"open_related": {"0", "ctrl+r", "2", "9"}}, 80, 24)
			m = settle(t, m, keys("{down}{down}{enter}")...) // the Doha talks
			if len(m.reader.related) < 2 {
				t.Fatalf("%d related stories under %q, want 2 or more", len(m.reader.related), m.reader.shown.Headline)
			}
			before, want := m.reader.shown, m.reader.shown
			if c.nth >= 0 {
				want = m.reader.related[c.nth]
			}
			m = settle(t, m, c.key)
			if m.reader.shown == nil || m.reader.shown.ID != want.ID {
				t.Errorf("%s opened %v, want %q (from %q)", c.name, m.reader.shown, want.Headline, before.Headline)
			}
		})
	}
}
