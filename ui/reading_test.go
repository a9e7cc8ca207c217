package ui

import (
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/charmbracelet/bubbles/cursor"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"
)

// TestGoneArticleStaysOpen: in split view, when the file of the article
// in the reader is deleted, the reader keeps it open, as the status line
// says, until the user moves the selection.
func TestGoneArticleStaysOpen(t *testing.T) {
	all := testCorpus(t)
	lib := store.NewLibrary()
	lib.Add(all...)
	m := startModel(t, Options{Library: lib, Style: "dark", Profile: termenv.Ascii}, 120, 40, loaded(lib))
	m = settle(t, m, keys("{down}{down}")...)
	open := m.reader.shown
	if open == nil || open.ID != m.list.Selected().ID {
		t.Fatal("the reader does not show the selected article")
	}
	// The file goes: the library, rescanned, no longer has it.
	rest := store.NewLibrary()
	for _, a := range all {
		if a.ID != open.ID {
			rest.Add(a)
		}
	}
	m.sh.lib = rest
	m = settle(t, m, articlesLoadedMsg{p: loaded(rest)})
	if !strings.Contains(screen(m), "it stays open until you leave it") {
		t.Fatalf("the status line does not say the file is gone:\n%s", screen(m))
	}
	if m.reader.shown == nil || m.reader.shown.ID != open.ID || m.reader.want.ID != open.ID {
		t.Fatalf("the reader left the article whose file went for %q", m.reader.shown.Headline)
	}
	if !strings.Contains(screen(m), open.Headline) {
		t.Errorf("the article is not on screen:\n%s", screen(m))
	}
	// More files arriving do not move it either.
	m = settle(t, m, articlesLoadedMsg{p: store.Progress{Loaded: rest.Len() + 1, Final: true}})
	if m.reader.shown == nil || m.reader.shown.ID != open.ID {
		t.Fatalf("a later search moved the reader off the open article")
	}
	// Moving the selection leaves it.
	m = settle(t, m, keys("{down}")...)
	if m.reader.shown == nil || m.reader.shown.ID != m.list.Selected().ID {
		t.Errorf("the reader did not follow the selection once the user moved it")
	}
}

// TestOnlyLookingReads: an article becomes read when a person chose to
// look at it, not because it happened to be under the cursor of an idle
// split view while articles arrived.
func TestOnlyLookingReads(t *testing.T) {
	all := testCorpus(t)
	rs, err := state.OpenReadState(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	lib := store.NewLibrary()
	lib.Add(all[3:]...) // the older half first
	m := New(Options{Library: lib, ReadState: rs, Style: "dark", Profile: termenv.Ascii})
	m.sh.readAfter = 0 // settle waits out every timer: let them all fire
	m.filter.input.Cursor.SetMode(cursor.CursorStatic)
	m = settle(t, m, tea.WindowSizeMsg{Width: 120, Height: 40}, articlesLoadedMsg{p: store.Progress{Loaded: 3}})
	if m.reader.shown == nil {
		t.Fatal("the split view shows no article")
	}
	// Newer articles arrive above the untouched cursor, one by one.
	for i := 2; i >= 0; i-- {
		lib.Add(all[i])
		m = settle(t, m, articlesLoadedMsg{p: store.Progress{Loaded: lib.Len()}})
		if m.reader.shown == nil || m.reader.shown.ID != m.list.items.At(0).ID {
			t.Fatalf("the reader does not show the newest article %q", m.list.items.At(0).Headline)
		}
	}
	for _, a := range all {
		if rs.Has(a.ID) {
			t.Errorf("%q became read with nobody at the keys", a.Headline)
		}
	}
	// A key that selects an article reads it; the one left is not read.
	first := m.list.Selected().ID
	m = settle(t, m, keys("{down}")...)
	if picked := m.list.Selected().ID; !rs.Has(picked) {
		t.Errorf("the article the user moved to did not become read")
	}
	if rs.Has(first) {
		t.Errorf("the article the cursor merely stood on became read")
	}
	// A click too.
	m = settle(t, m, tea.MouseMsg{X: 5, Y: 4, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if !rs.Has(m.list.Selected().ID) {
		t.Errorf("the clicked article did not become read")
	}
}
