package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"
)

// remappedModel is the UI over the test corpus with keys remapped as a
// configuration would.
func remappedModel(t *testing.T, keys map[string][]string, w, h int) Model {
	t.Helper()
	lib := store.NewLibrary()
	lib.Add(testCorpus(t)...)
	marks, err := state.OpenBookmarks(t.TempDir())
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

// TestActionTable: every action is whole, and where it lives no other
// action shares its keys.
func TestActionTable(t *testing.T) {
	names := map[string]bool{}
	for id, a := range actionTable() {
		switch {
		case a.name == "":
			t.Errorf("action %d has no name", id)
		case names[a.name]:
			t.Errorf("two actions are called %s", a.name)
		case len(a.keys) == 0 || slices.Contains(a.keys, ""):
			t.Errorf("%s has no keys: %q", a.name, a.keys)
		case a.help == "" || a.desc == "":
			t.Errorf("%s has no help: %q %q", a.name, a.help, a.desc)
		case a.in == 0:
			t.Errorf("%s lives nowhere", a.name)
		case a.do == nil && a.in&^inPanes != 0:
			t.Errorf("%s leaves the key to a pane, but lives outside the panes", a.name)
		}
		names[a.name] = true
	}
	for p := inList; p <= lastPane; p <<= 1 {
		owner := map[string]string{}
		for _, a := range actionTable() {
			if a.in&p == 0 {
				continue
			}
			for _, k := range a.keys {
				if other, ok := owner[k]; ok {
					t.Errorf("pane %b: %q does both %s and %s", p, k, other, a.name)
				}
				owner[k] = a.name
			}
		}
	}
	// Every name a configuration used before the table stays.
	for _, name := range []string{"up", "down", "page_up", "page_down", "top", "bottom", "open", "clear_filter",
		"filter", "scroll_up", "scroll_down", "reader_page_up", "reader_page_down", "half_page_up",
		"half_page_down", "reader_top", "reader_bottom", "back", "find", "next_match", "previous_match",
		"open_related", "switch_pane", "bookmark", "bookmarks_view", "toggle_read", "unread_view", "sort",
		"edit", "browse", "copy", "skipped", "help", "quit", "tag", "note", "views", "save_search", "view_remove", "timeline", "copies",
		"links", "link_back", "outline", "next_heading", "previous_heading"} {
		if !slices.Contains(Actions(), name) {
			t.Errorf("the action %s is gone", name)
		}
	}
	if got := len(Actions()); got != 46 || len(DefaultKeys()) != got {
		t.Errorf("%d actions to remap, %d with default keys, want 46", got, len(DefaultKeys()))
	}
}

// TestRemapChangesMatchAndHelp: a remapped action fires on its new key,
// not its old one, and every help says so.
func TestRemapChangesMatchAndHelp(t *testing.T) {
	for _, c := range []struct {
		name, key, old, help string
		id                   actionID
		in                   pane
	}{
		{"bookmark", "x", "b", "x bookmark", actBookmark, inList},
		{"next_match", "ctrl+n", "n", "ctrl+n next match", actNextMatch, inReader},
		{"quit", "Q", "q", "Q quit", actQuit, inHelp},
	} {
		t.Run(c.name, func(t *testing.T) {
			k := defaultKeyMap()
			if err := k.remap(map[string][]string{c.name: {c.key}}); err != nil {
				t.Fatal(err)
			}
			k.setFocus(keyState{focus: inList | inReader, over: c.in & inHelp})
			if a := k.match(keyMsg(c.key), c.in); a == nil || a.name != c.name {
				t.Errorf("%s does not do %s: %v", c.key, c.name, a)
			}
			if a := k.match(keyMsg(c.old), c.in); a != nil && a.name == c.name {
				t.Errorf("%s still does %s", c.old, c.name)
			}
			var help []string
			for _, h := range keyHelp(k) {
				help = append(help, h[0]+" "+h[1])
			}
			if !slices.Contains(help, c.help) {
				t.Errorf("KeyHelp lacks %q: %q", c.help, help)
			}
			short := false
			for _, b := range k.ShortHelp() {
				short = short || b.Enabled() && b.Help().Key == c.key
			}
			if !short && k.acts[c.id].short > 0 {
				t.Errorf("the one-line help lacks %s", c.key)
			}
		})
	}
	if KeyHelp()[0] != [2]string{"↑/k", "up"} {
		t.Errorf("KeyHelp starts with %q", KeyHelp()[0])
	}
}

// keyMsg is the key that key.Matches names name.
func keyMsg(name string) tea.KeyMsg {
	for t, n := range map[tea.KeyType]string{tea.KeyCtrlN: "ctrl+n", tea.KeyCtrlR: "ctrl+r", tea.KeyEsc: "esc"} {
		if n == name {
			return tea.KeyMsg{Type: t}
		}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name)}
}

// TestKeysLiveWhereTheTableSays: each state enables the table's
// bindings for its panes, and an overlay keeps the keys to itself.
func TestKeysLiveWhereTheTableSays(t *testing.T) {
	m := newTestModel(t, 80, 24)
	enabled := func(id actionID) bool { return m.sh.keys.b[id].Enabled() }
	if !enabled(actFilter) || enabled(actFind) || enabled(actSwitchPane) || enabled(actClearFilter) {
		t.Error("the list at 80 columns: filter on; find, switch pane and clear filter off")
	}
	m = settle(t, m, keys("{enter}")...)
	if enabled(actFilter) || !enabled(actFind) || !enabled(actOpenRelated) || enabled(actUp) {
		t.Error("the reader: find and open_related on; filter and the list's moves off")
	}
	m = settle(t, m, keys("?")...)
	if !enabled(actCloseOverlay) || m.keyPane() != inHelp {
		t.Error("the help: close on, and the help has the keys")
	}
	m = settle(t, m, keys("b")...) // b does not bookmark under the help
	if m.sh.marks.Len() != 0 {
		t.Error("b bookmarked through the help overlay")
	}
	if !key.Matches(keyMsg("!"), m.sh.keys.b[actCloseOverlay]) {
		t.Error("! does not close the help")
	}
}
