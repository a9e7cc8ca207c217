package ui

import (
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// TestNoColourKeepsCues: with NO_COLOR or TERM=dumb (the Ascii profile)
// the screen keeps every cue colour gave: the selected row, the focused
// pane, the filter's matches and the read articles all still look
// different, by attributes and markers rather than colours.
func TestNoColourKeepsCues(t *testing.T) {
	rs, err := state.OpenReadState(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	lib := store.NewLibrary()
	lib.Add(testCorpus(t)...)
	// No read state yet: settle would wait out the read timer. Each cue
	// gets a model of its own, as the keys' state is shared.
	start := func() Model {
		return startModel(t, Options{Library: lib, Style: "notty", Profile: termenv.Ascii}, 120, 40, loaded(lib))
	}
	m := start()
	cols := listColumns(m.list.width, m.list.folders, false)
	a, b := m.list.items.At(0), m.list.items.At(1)

	// The selected row.
	if sel, un := m.list.row(a, true, cols, 1), m.list.row(a, false, cols, 1); sel == un {
		t.Errorf("the selected row looks like any other: %q", sel)
	} else if ansi.Strip(sel) == ansi.Strip(un) {
		t.Errorf("the selected row differs only in escape codes, which a dumb terminal may not show: %q", ansi.Strip(sel))
	}
	moved := settle(t, start(), keys("{down}")...)
	if moved.list.View() == m.list.View() {
		t.Error("moving the selection changed nothing in the list")
	}

	// The focused pane.
	reading := settle(t, start(), keys("{tab}")...)
	if reading.focus != focusReader {
		t.Fatalf("tab did not focus the reader")
	}
	panes := func(m Model) string { return m.list.View() + m.reader.View() }
	if panes(reading) == panes(m) {
		t.Error("focusing the reader changed nothing in the panes")
	} else if ansi.Strip(panes(reading)) == ansi.Strip(panes(m)) {
		t.Error("which pane has focus shows only in escape codes")
	}

	// A match.
	filtered := settle(t, start(), keys("/qatar")...)
	if len(filtered.list.query.Words) == 0 {
		t.Fatalf("the filter has no words: %d rows, %q typed\n%s", filtered.list.items.Len(), filtered.filter.Value(), screen(filtered))
	}
	row := filtered.list.row(a, false, cols, 1)
	filtered.list.query.Words = nil
	if plain := filtered.list.row(a, false, cols, 1); plain == row {
		t.Errorf("the filter's match is not marked: %q", row)
	}

	// A read article.
	m.sh.read = rs
	unread := m.list.row(b, false, cols, 1)
	if err := rs.Set(b.ID, true); err != nil {
		t.Fatal(err)
	}
	if read := m.list.row(b, false, cols, 1); read == unread {
		t.Errorf("a read row looks like an unread one: %q", read)
	}
	if !strings.Contains(unread, b.Headline[:10]) {
		t.Errorf("row %q lacks its headline", ansi.Strip(unread))
	}
}
