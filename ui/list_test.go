package ui

import (
	"testing"

	"github.com/broadsheet/broadsheet/store/state"
	"github.com/muesli/termenv"
)

// TestRowsDrawnAgainWhenTheyChange: after each key, and after a bookmark
// made behind the list's back (as another instance's would be), the
// screen with the rows kept from the last View is the screen drawn
// afresh, in colour, where the selection and the marks are styles.
func TestRowsDrawnAgainWhenTheyChange(t *testing.T) {
	m := newTestModel(t, 120, 20)
	m.sh.styles = newStyles(true, termenv.ANSI256)
	fresh := func(m Model) string {
		m.list.drawn = &rowCache{}
		return m.View()
	}
	steps := []string{"", "{down}", "b", "{down}{down}", "{tab}", "{tab}", "/", "m", "ü", "{backspace}", "{enter}", "{up}", "b", "{esc}"}
	for _, step := range steps {
		m.View() // keeps the rows
		m = settle(t, m, keys(step)...)
		if got, want := m.View(), fresh(m); got != want {
			t.Fatalf("after %q the rows kept from the last View are stale:\n%s\nwant\n%s", step, screen(m), want)
		}
	}
	a := m.list.Selected()
	m.View()
	m.sh.marks.Mark(state.BookmarkOf(a), !m.sh.marks.Has(a.ID))
	if got, want := m.View(), fresh(m); got != want {
		t.Fatalf("a bookmark made elsewhere does not show:\n%s", screen(m))
	}
}
