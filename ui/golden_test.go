package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/state"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"
)

var sizes = []struct{ w, h int }{{80, 24}, {120, 40}}

// TestViews renders each screen a user meets at the sizes people use, and
// compares it with the golden file (go test ./ui -update rewrites them).
func TestViews(t *testing.T) {
	cases := []struct {
		name  string
		input string
	}{
		{"list", ""},
		{"reader", "{down}{down}{enter}"},
		{"filter", "/qatar"},
		{"filter-kept", "/qatar hama{enter}"},
		{"no-match", "/zzzz"},
		{"help", "?"},
		{"bookmarked", "b{down}b/B"},
		{"bookmarks-view", "{down}bB"},
	}
	for _, sz := range sizes {
		for _, c := range cases {
			t.Run(fmt.Sprintf("%s-%dx%d", c.name, sz.w, sz.h), func(t *testing.T) {
				m := newTestModel(t, sz.w, sz.h)
				m = settle(t, m, keys(c.input)...)
				checkFits(t, m, sz.w, sz.h)
				golden.RequireEqual(t, []byte(screen(m)))
			})
		}
	}
}

// TestLayoutFits checks that every screen fills the terminal exactly, with
// no wrapped rows and nothing past the edge, at the sizes the app must
// support, down to 40x12.
func TestLayoutFits(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{40, 12}, {80, 24}, {99, 30}, {100, 30}, {120, 40}, {200, 60}} {
		for _, input := range []string{"", "{enter}", "/qat", "?", "{down}{enter}{pgdown}", "{enter}l", "{enter}T"} {
			t.Run(fmt.Sprintf("%dx%d/%s", sz.w, sz.h, input), func(t *testing.T) {
				m := newTestModel(t, sz.w, sz.h)
				m = settle(t, m, keys(input)...)
				checkFits(t, m, sz.w, sz.h)
			})
		}
	}
}

func TestResizeRerendersReader(t *testing.T) {
	m := newTestModel(t, 120, 40)
	m = settle(t, m, keys("{enter}")...)
	if m.reader.shown == nil {
		t.Fatal("nothing shown in the reader")
	}
	m = settle(t, m, tea.WindowSizeMsg{Width: 160, Height: 40})
	checkFits(t, m, 160, 40)
	if m.reader.width != 160-listWidth(160)-dividerWidth {
		t.Errorf("reader width %d after resize", m.reader.width)
	}
	m = settle(t, m, tea.WindowSizeMsg{Width: 60, Height: 20})
	checkFits(t, m, 60, 20)
}

func TestSplitReaderFollowsSelection(t *testing.T) {
	m := newTestModel(t, 120, 40)
	first := m.reader.shown
	if first == nil || first.ID != m.list.Selected().ID {
		t.Fatal("the reader does not show the selected article at start")
	}
	m = settle(t, m, keys("{down}")...)
	if m.reader.shown == nil || m.reader.shown.ID != m.list.Selected().ID {
		t.Fatal("the reader did not follow the selection")
	}
	if !strings.Contains(screen(m), m.list.Selected().Headline[:20]) {
		t.Error("the reader's headline is not on screen")
	}
}

func TestFilterSemanticsOnScreen(t *testing.T) {
	cases := []struct {
		query string
		want  int
	}{
		{"qat", 2},         // prefix of Qatar while typing
		{"qatar hama", 2},  // whole word, then a prefix
		{"munchen", 1},     // accents do not matter
		{"MÜNCHEN", 1},     // nor case
		{"war", 0},         // never inside Edwards
		{"edwards pie", 1}, // AND across headline and body
		{"edwards doha", 0},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			m := newTestModel(t, 80, 24)
			m = settle(t, m, keys("/"+c.query)...)
			if got := m.list.items.Len(); got != c.want {
				t.Errorf("%q: %d rows, want %d", c.query, got, c.want)
			}
			if want := fmt.Sprintf("%d of 6 articles", c.want); !strings.Contains(screen(m), want) {
				t.Errorf("%q: status line lacks %q", c.query, want)
			}
		})
	}
}

func TestEscClearsFilter(t *testing.T) {
	m := newTestModel(t, 80, 24)
	m = settle(t, m, keys("/qatar{esc}")...)
	if m.list.items.Len() != 6 || m.filter.Value() != "" {
		t.Errorf("esc left %d rows and filter %q", m.list.items.Len(), m.filter.Value())
	}
	m = settle(t, m, keys("/qatar{enter}")...)
	if m.list.items.Len() != 2 || m.focus != focusList {
		t.Errorf("enter should keep the filter and return to the list: %d rows, focus %d", m.list.items.Len(), m.focus)
	}
	m = settle(t, m, keys("{esc}")...)
	if m.list.items.Len() != 6 {
		t.Errorf("esc in the list should clear a kept filter: %d rows", m.list.items.Len())
	}
}

func TestAppKeysDoNotFireInFilter(t *testing.T) {
	m := newTestModel(t, 80, 24)
	next, cmd := m.Update(keys("/")[0])
	m = next.(Model)
	m = settle(t, m, run(cmd)...)
	for _, k := range keys("qbB?") {
		next, cmd := m.Update(k)
		m = next.(Model)
		if msgs := run(cmd); len(msgs) > 0 {
			for _, msg := range msgs {
				if _, ok := msg.(bookmarkSavedMsg); ok {
					t.Fatal("b bookmarked while typing in the filter")
				}
			}
			m = settle(t, m, msgs...)
		}
	}
	if m.filter.Value() != "qbB?" || m.sh.marks.Len() != 0 || m.bookmarksOnly || m.overlay == overlayHelp {
		t.Errorf("filter %q, %d bookmarks, bookmarks view %v, help %v", m.filter.Value(), m.sh.marks.Len(), m.bookmarksOnly, m.overlay == overlayHelp)
	}
}

func TestStaleSearchIsDropped(t *testing.T) {
	m := newTestModel(t, 80, 24)
	m = settle(t, m, keys("/qatar")...)
	old := m.searchSeq
	// A result from an older query arriving late must not replace the
	// newer one's.
	m = settle(t, m, resultsFoundMsg{seq: old - 1, res: m.sh.lib.Search(query.Parse(""), store.SearchOptions{})})
	if m.list.items.Len() != 2 {
		t.Errorf("a stale result replaced the current one: %d rows", m.list.items.Len())
	}
}

func TestMouse(t *testing.T) {
	m := newTestModel(t, 120, 40)
	m = settle(t, m, tea.MouseMsg{X: 5, Y: 3, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if m.list.cursor != 2 {
		t.Errorf("clicking the third row selected row %d", m.list.cursor+1)
	}
	if m.reader.shown == nil || m.reader.shown.ID != m.list.Selected().ID {
		t.Error("the reader did not follow the click")
	}
	before := m.reader.vp.YOffset
	m = settle(t, m, tea.MouseMsg{X: 100, Y: 10, Action: tea.MouseActionPress, Button: tea.MouseButtonWheelDown})
	if m.reader.vp.YOffset <= before && m.reader.vp.TotalLineCount() > m.reader.vp.Height {
		t.Error("the wheel over the reader did not scroll it")
	}
}

// TestBurstOfKeys covers keys that arrive in one read, as tmux send-keys
// and fast typists produce: "/qat" must open the filter and type "qat".
func TestBurstOfKeys(t *testing.T) {
	m := newTestModel(t, 80, 24)
	m = settle(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("/qat")})
	if m.focus != focusFilter || m.filter.Value() != "qat" || m.list.items.Len() != 2 {
		t.Errorf("focus %d, filter %q, %d rows", m.focus, m.filter.Value(), m.list.items.Len())
	}
}

// TestSlowSearchSaysSo: a search still running past slowSearch says so
// in the status line, and in the list while it has no rows, until its
// results come; an older search's lateness says nothing.
func TestSlowSearchSaysSo(t *testing.T) {
	lib := store.NewLibrary()
	lib.Add(testCorpus(t)...)
	m := startModel(t, Options{Library: lib, Style: "dark", Profile: termenv.Ascii}, 80, 24, loaded(lib))
	m = settle(t, m, keys("/qat")...)
	// A key whose search has not come back yet, then its time runs out.
	next, pending := m.Update(keys("z")[0])
	m = next.(Model)
	m = settle(t, m, searchSlowMsg(m.searchSeq-1)) // the search before it: done
	if strings.Contains(m.View(), "searching") {
		t.Fatal("a search that came back says it is searching")
	}
	m = settle(t, m, searchSlowMsg(m.searchSeq))
	if v := m.View(); !strings.Contains(v, "searching…") {
		t.Fatalf("a slow search says nothing:\n%s", v)
	}
	m = settle(t, m, run(pending)...)
	if v := m.View(); strings.Contains(v, "earching") || !strings.Contains(v, "No article matches") {
		t.Fatalf("its results came, yet:\n%s", v)
	}
	// With no rows on screen, the list says so too.
	next, pending = m.Update(keys("z")[0])
	m = settle(t, next.(Model), searchSlowMsg(next.(Model).searchSeq))
	if v := m.View(); !strings.Contains(v, "Searching…") {
		t.Fatalf("an empty list under a slow search:\n%s", v)
	}
	m = settle(t, m, run(pending)...)
	if strings.Contains(m.View(), "earching") {
		t.Fatal("still searching once the results came")
	}
}

// TestGivenUpSearchShowsNothing: a search that gave up for a newer one
// (a phrase, superseded as it read files) leaves the rows on screen as
// they are, though it is newer than they are.
func TestGivenUpSearchShowsNothing(t *testing.T) {
	lib := store.NewLibrary()
	lib.KeepBodies = true
	lib.Add(testCorpus(t)...)
	m := startModel(t, Options{Library: lib, Style: "dark", Profile: termenv.Ascii}, 80, 24, loaded(lib))
	m = settle(t, m, keys("/qat")...)
	rows := m.list.items.Len()
	if rows == 0 {
		t.Fatal("the filter finds nothing to begin with")
	}
	q := query.Parse(`"qatar to"`)
	gaveUp := lib.Search(q, store.SearchOptions{Stale: func() bool { return true }})
	m = settle(t, m, resultsFoundMsg{seq: m.searchSeq + 1, q: q, res: gaveUp})
	if m.list.items.Len() != rows || strings.Contains(m.View(), "No article matches") {
		t.Fatalf("a search that gave up put %d rows on screen, of %d:\n%s", m.list.items.Len(), rows, m.View())
	}
}

// TestRowsArriving: until the user moves, the first row stays selected as
// newer articles arrive; once they pick an article, it stays selected.
func TestRowsArriving(t *testing.T) {
	all := testCorpus(t)
	lib := store.NewLibrary()
	lib.Add(all[3:]...) // the older half first
	m := startModel(t, Options{Library: lib, Style: "dark", Profile: termenv.Ascii}, 80, 24, store.Progress{Loaded: 3})
	lib.Add(all[:3]...)
	m = settle(t, m, articlesLoadedMsg{p: store.Progress{Loaded: 6}})
	if m.list.cursor != 0 || m.list.Selected().ID != all[0].ID {
		t.Errorf("untouched list: cursor %d on %q, want the newest", m.list.cursor, m.list.Selected().Headline)
	}

	lib = store.NewLibrary()
	lib.Add(all[3:]...)
	m = startModel(t, Options{Library: lib, Style: "dark", Profile: termenv.Ascii}, 80, 24, store.Progress{Loaded: 3})
	m = settle(t, m, keys("{down}")...)
	picked := m.list.Selected().ID
	lib.Add(all[:3]...)
	m = settle(t, m, articlesLoadedMsg{p: store.Progress{Loaded: 6}})
	if m.list.Selected().ID != picked {
		t.Errorf("the picked article lost the cursor to %q", m.list.Selected().Headline)
	}
	// A new filter starts at its first result.
	m = settle(t, m, keys("/a")...)
	if m.list.cursor != 0 {
		t.Errorf("cursor %d after a new filter, want 0", m.list.cursor)
	}
}

// TestBookmarkNotSaved: when the bookmarks cannot be written, the user is
// told, and the article is not shown as bookmarked.
func TestBookmarkNotSaved(t *testing.T) {
	m := newTestModel(t, 80, 24)
	dir := t.TempDir()
	marks, err := state.OpenBookmarks(dir)
	if err != nil {
		t.Fatal(err)
	}
	// A folder where the lock file should be: every write fails.
	if err := os.Mkdir(filepath.Join(dir, state.BookmarksFile+".lock"), 0o755); err != nil {
		t.Fatal(err)
	}
	m.sh.marks = marks
	m = settle(t, m, keys("b")...)
	view := screen(m)
	if !strings.Contains(view, "bookmarks not saved") || marks.Has(m.list.Selected().ID) || strings.Contains(view, "★ U") {
		t.Errorf("a failed save is not reported, or the article shows as bookmarked:\n%s", view)
	}
	if _, err := os.Stat(filepath.Join(dir, state.BookmarksFile)); err == nil {
		t.Error("a bookmarks file was written")
	}
}

func TestSkippedViewCloses(t *testing.T) {
	for _, closeKey := range []string{"{esc}", "!"} {
		m := newTestModel(t, 80, 24)
		m = settle(t, m, keys("!")...)
		if m.overlay != overlaySkipped || !strings.Contains(screen(m), "No file was skipped") {
			t.Fatalf("! did not open the skipped files:\n%s", screen(m))
		}
		m = settle(t, m, keys(closeKey)...)
		if m.overlay == overlaySkipped {
			t.Errorf("%s did not close the skipped files", closeKey)
		}
	}
}

// TestReadState: an article shown in the reader becomes read; m toggles
// it; U shows only unread articles; is:unread finds them; it all persists.
func TestReadState(t *testing.T) {
	dir := t.TempDir()
	open := func() Model {
		rs, err := state.OpenReadState(dir)
		if err != nil {
			t.Fatal(err)
		}
		lib := store.NewLibrary()
		lib.Add(testCorpus(t)...)
		m := startModel(t, Options{Library: lib, ReadState: rs, Style: "dark", Profile: termenv.Ascii}, 80, 24, loaded(lib))
		m.sh.readAfter = 0 // no article is on show yet: the narrow list has the screen
		return m
	}
	m := open()
	if !strings.Contains(screen(m), "6 unread") {
		t.Fatalf("status line lacks the unread count:\n%s", screen(m))
	}
	first := m.list.Selected().ID
	m = settle(t, m, keys("{enter}")...) // read it
	if !m.sh.read.Has(first) || !strings.Contains(screen(m), "5 unread") {
		t.Fatalf("an article shown in the reader is not read:\n%s", screen(m))
	}
	m = settle(t, m, keys("{esc}{down}m")...) // mark the second read by hand
	second := m.list.Selected().ID
	if !m.sh.read.Has(second) || !strings.Contains(screen(m), "Marked read.") {
		t.Fatalf("m did not mark the article read:\n%s", screen(m))
	}
	m = settle(t, m, keys("U")...)
	if m.list.items.Len() != 4 || !strings.Contains(screen(m), "Unread") {
		t.Errorf("U shows %d articles, want the 4 unread", m.list.items.Len())
	}
	m = settle(t, m, keys("U/is:unread")...)
	if m.list.items.Len() != 4 {
		t.Errorf("is:unread finds %d articles, want 4", m.list.items.Len())
	}
	// A restart finds the same state.
	m = open()
	if !m.sh.read.Has(first) || !m.sh.read.Has(second) || !strings.Contains(screen(m), "4 unread") {
		t.Errorf("read state lost on restart:\n%s", screen(m))
	}
	m = settle(t, m, keys("m")...) // the first row: read, so now unread
	if m.sh.read.Has(first) || !strings.Contains(screen(m), "Marked unread.") {
		t.Errorf("m did not mark a read article unread")
	}
}

// TestSortKey: s cycles newest, oldest, headline and, with words to rank
// by, relevance; the status line says which.
func TestSortKey(t *testing.T) {
	m := newTestModel(t, 80, 24)
	newest := m.list.items.At(0).ID
	m = settle(t, m, keys("s")...)
	if !strings.Contains(screen(m), "by oldest") || m.list.items.At(m.list.items.Len()-1).ID != newest {
		t.Errorf("s did not sort oldest first:\n%s", screen(m))
	}
	m = settle(t, m, keys("s")...)
	if !strings.Contains(screen(m), "by title") || m.list.items.At(0).Headline != "A headline-first note about the harvest" {
		t.Errorf("s did not sort by headline: first %q", m.list.items.At(0).Headline)
	}
	m = settle(t, m, keys("s")...) // no words: relevance is skipped
	if m.sort != store.SortNewest || strings.Contains(screen(m), "· by ") || m.list.items.At(0).ID != newest {
		t.Errorf("without a query s should come back to newest first:\n%s", screen(m))
	}
	m = settle(t, m, keys("/hamas doha{enter}sss")...)
	if !strings.Contains(screen(m), "by relevance") || m.list.items.At(0).Headline != "Hamas talks stall in Doha as mediators regroup" {
		t.Errorf("relevance: first %q\n%s", m.list.items.At(0).Headline, screen(m))
	}
}

// TestFindInArticle: / in the reader marks the words typed, on what
// glamour rendered, with a counter; n and N move between the matches.
func TestFindInArticle(t *testing.T) {
	m := newTestModel(t, 80, 24)
	m = settle(t, m, keys("{enter}/hostage")...) // the Qatar story, full screen
	if m.focus != focusFind || len(m.reader.matches) < 3 {
		t.Fatalf("focus %d, %d matches of hostage", m.focus, len(m.reader.matches))
	}
	if !strings.Contains(screen(m), fmt.Sprintf("0/%d", len(m.reader.matches))) {
		t.Errorf("no match counter:\n%s", screen(m))
	}
	m = settle(t, m, keys("{enter}")...) // keep, and go to the first
	if m.focus != focusReader || m.reader.current != 0 || !strings.Contains(screen(m), fmt.Sprintf("1/%d", len(m.reader.matches))) {
		t.Fatalf("enter did not go to the first match:\n%s", screen(m))
	}
	m = settle(t, m, keys("nn")...)
	if m.reader.current != 2 {
		t.Errorf("n n: match %d, want 2", m.reader.current)
	}
	// N goes back, and past the first to the last, which it scrolls to.
	last := m.reader.matches[len(m.reader.matches)-1].line
	m = settle(t, m, keys("N")...)
	if m.reader.current != 1 {
		t.Errorf("N: match %d, want 1", m.reader.current)
	}
	m = settle(t, m, keys("gNN")...)
	if m.reader.current != len(m.reader.matches)-1 || last < m.reader.vp.YOffset || last >= m.reader.vp.YOffset+m.reader.vp.Height {
		t.Errorf("N from the top did not bring the last match (line %d) into view (offset %d)", last, m.reader.vp.YOffset)
	}
	// Every match is marked, and only the marks were added to the line.
	view := m.reader.vp.View()
	if !strings.Contains(view, markOn+"hostage") && !strings.Contains(view, markOn+"\x1b") {
		t.Errorf("no marked match on screen")
	}
	for i, l := range m.reader.lines {
		marked := strings.Split(strings.Join(mustMark(m.reader.lines, m.reader.find), "\n"), "\n")[i]
		if strings.ReplaceAll(strings.ReplaceAll(marked, markOn, ""), markOff, "") != l {
			t.Fatalf("line %d: marking changed more than the marks", i)
		}
	}
	m = settle(t, m, keys("/{esc}")...)
	if len(m.reader.matches) != 0 || m.focus != focusReader {
		t.Errorf("esc left %d matches, focus %d", len(m.reader.matches), m.focus)
	}
}

func mustMark(lines []string, q query.Query) []string {
	out, _ := highlightLines(lines, q)
	return out
}

// TestFilterWordsInReader: an article opened from a filtered list shows
// the filter's words marked, and n goes to the first.
func TestFilterWordsInReader(t *testing.T) {
	m := newTestModel(t, 80, 24)
	m = settle(t, m, keys("/hostage{enter}{enter}")...)
	if len(m.reader.matches) == 0 || m.reader.current != -1 {
		t.Fatalf("%d matches marked from the filter, current %d", len(m.reader.matches), m.reader.current)
	}
	m = settle(t, m, keys("n")...)
	if m.reader.current != 0 {
		t.Errorf("n went to match %d, want the first", m.reader.current)
	}
}

// TestHighlightKeepsStyling marks words inside styled text without
// touching the styling codes around them.
func TestHighlightKeepsStyling(t *testing.T) {
	line := "\x1b[38;5;252mThe \x1b[0m\x1b[1;38;5;39mhostage\x1b[0m\x1b[38;5;252m deal, Hostages\x1b[0m"
	out, matches := highlightLines([]string{line}, query.Parse("hostage"))
	want := "\x1b[38;5;252mThe \x1b[0m\x1b[1;38;5;39m" + markOn + "hostage" + markOff + "\x1b[0m\x1b[38;5;252m deal, " +
		markOn + "Hostages" + markOff + "\x1b[0m"
	if out[0] != want || len(matches) != 2 || matches[0].col != 4 || matches[1].col != 18 {
		t.Errorf("got %q %v\nwant %q", out[0], matches, want)
	}
}

// TestRelatedInReader: under an article, its related stories, each
// opened by its number.
func TestRelatedInReader(t *testing.T) {
	m := newTestModel(t, 80, 24)
	m = settle(t, m, keys("{down}{down}{enter}")...) // the Doha talks
	if len(m.reader.related) == 0 || !strings.Contains(strings.Join(m.reader.relatedLines(), "\n"), "Related") {
		t.Fatalf("no related stories under %q", m.reader.shown.Headline)
	}
	first := m.reader.related[0]
	m = settle(t, m, keys("G1")...)
	if m.reader.shown == nil || m.reader.shown.ID != first.ID {
		t.Errorf("1 did not open the first related story %q", first.Headline)
	}
}

// TestFindPhraseAcrossLines: a phrase is found where the wrapping split
// it, and its words are not marked where they stand apart.
func TestFindPhraseAcrossLines(t *testing.T) {
	lines := []string{"\x1b[1mThe hostage\x1b[0m", "deal was signed; a deal", "for the hostage."}
	out, matches := highlightLines(lines, query.Parse(`"hostage deal"`))
	want := []string{"\x1b[1mThe " + markOn + "hostage" + markOff + "\x1b[0m", markOn + "deal" + markOff + " was signed; a deal", "for the hostage."}
	if !slices.Equal(out, want) || len(matches) != 1 || matches[0] != (findMatch{line: 0, col: 4}) {
		t.Errorf("got %q %v\nwant %q", out, matches, want)
	}
}

// TestHelpScrolls: where all the keys do not fit, the help scrolls, and
// ? or esc close it.
func TestHelpScrolls(t *testing.T) {
	m := newTestModel(t, 80, 24)
	m = settle(t, m, keys("?")...)
	if m.overlay != overlayHelp || strings.Contains(screen(m), "q quit\n") && !strings.Contains(screen(m), "More keys below") {
		t.Fatalf("help at 80x24:\n%s", screen(m))
	}
	for range 20 {
		m = settle(t, m, keys("j")...)
	}
	if !strings.Contains(screen(m), "y copy URL or path") {
		t.Errorf("scrolling the help does not reach its end:\n%s", screen(m))
	}
	m = settle(t, m, keys("{esc}")...)
	if m.overlay == overlayHelp {
		t.Error("esc did not close the help")
	}
}

func TestRemapKeys(t *testing.T) {
	if err := CheckKeys(nil); err != nil {
		t.Fatalf("the default keys conflict: %v", err)
	}
	var unknown *UnknownActionError
	if err := CheckKeys(map[string][]string{"fly": {"x"}}); !errors.As(err, &unknown) || unknown.Action != "fly" {
		t.Errorf("unknown action: %v", err)
	}
	var conflict *KeyConflictError
	if err := CheckKeys(map[string][]string{"bookmark": {"q"}}); !errors.As(err, &conflict) {
		t.Errorf("b remapped onto quit's key: %v", err)
	}
	// Keys live in different places may be shared: j scrolls the reader
	// and moves in the list.
	if err := CheckKeys(map[string][]string{"down": {"J"}, "scroll_down": {"J"}}); err != nil {
		t.Errorf("a key shared across places: %v", err)
	}
	m := newTestModel(t, 80, 24)
	if err := m.sh.keys.remap(map[string][]string{"quit": {"x"}, "bookmark": {"q"}}); err != nil {
		t.Fatal(err)
	}
	m.syncFocus()
	m = settle(t, m, keys("q")...)
	if !m.sh.marks.Has(m.list.Selected().ID) {
		t.Error("q, remapped to bookmark, did not bookmark")
	}
	if !strings.Contains(ansi.Strip(m.helpView()), "x quit") {
		t.Errorf("help does not show the new key: %s", ansi.Strip(m.helpView()))
	}
}

// TestOptionsKeysAndDates: a configuration's keys and date format reach
// the screen.
func TestOptionsKeysAndDates(t *testing.T) {
	lib := store.NewLibrary()
	lib.Add(testCorpus(t)...)
	m := startModel(t, Options{Library: lib, Style: "dark", Profile: termenv.Ascii,
		Keys: map[string][]string{"quit": {"x"}}, DateFormat: "2006-01-02"}, 80, 24, loaded(lib))
	view := screen(m)
	if !strings.Contains(view, "2024-11-16") || !strings.Contains(view, "x quit") {
		t.Errorf("configured date format or quit key not on screen:\n%s", view)
	}
	if _, cmd := m.Update(keys("x")[0]); cmd == nil {
		t.Error("x, configured to quit, did nothing")
	}
}

// TestEditedArticleKeepsSelection: an article whose file was edited comes
// back with a new ID; the cursor stays on it, found by its path.
func TestEditedArticleKeepsSelection(t *testing.T) {
	m := newTestModel(t, 120, 40)
	m = settle(t, m, keys("{down}{down}")...)
	old := m.list.Selected()
	edited := *old
	edited.ID = article.IDOf([]byte("edited"))
	edited.Headline = old.Headline + " (updated)"
	items := m.list.items.Result().Articles()
	for i, a := range items {
		if a.ID == old.ID {
			items[i] = &edited
		}
	}
	lib := store.NewLibrary()
	lib.Add(items...)
	m.list.SetItems(store.Ungrouped(lib.Search(m.list.query, store.SearchOptions{})), m.list.query)
	if m.list.Selected() != &edited {
		t.Errorf("the cursor left the edited article for %q", m.list.Selected().Headline)
	}
}

// TestListColumns: the headline gets what the other columns leave, and
// the folder column's room when no article in view has a folder.
func TestListColumns(t *testing.T) {
	cases := []struct {
		w       int
		folders bool
		want    columns
	}{
		{80, true, columns{headline: 80 - markWidth - dateWidth - minutesWidth - folderMax - 1, date: dateWidth, folder: folderMax + 1, minutes: minutesWidth}},
		{80, false, columns{headline: 80 - markWidth - dateWidth - minutesWidth, date: dateWidth, minutes: minutesWidth}},
		{54, true, columns{headline: 54 - markWidth - dateWidth - minutesWidth, date: dateWidth, minutes: minutesWidth}},
		{54, false, columns{headline: 54 - markWidth - dateWidth - minutesWidth, date: dateWidth, minutes: minutesWidth}},
		{40, false, columns{headline: 40 - markWidth - dateWidth, date: dateWidth}},
		{30, false, columns{headline: 30 - markWidth}},
		{20, true, columns{headline: 20 - markWidth}},
	}
	for _, c := range cases {
		if got := listColumns(c.w, c.folders, false); got != c.want {
			t.Errorf("listColumns(%d, folders %v) = %+v, want %+v", c.w, c.folders, got, c.want)
		}
	}
	// Tags take their column before the folder's, where room allows.
	wide := columns{headline: 100 - markWidth - dateWidth - minutesWidth - folderMax - 1 - tagsMax - 1, date: dateWidth,
		folder: folderMax + 1, tags: tagsMax + 1, minutes: minutesWidth}
	if got := listColumns(100, true, true); got != wide {
		t.Errorf("listColumns(100, folders, tags) = %+v, want %+v", got, wide)
	}
	if got := listColumns(80, true, true); got.tags == 0 || got.folder != 0 {
		t.Errorf("listColumns(80, folders, tags) = %+v: the folder goes first", got)
	}
	if got := listColumns(54, true, true); got.tags != 0 {
		t.Errorf("listColumns(54, folders, tags) = %+v: no room for tags", got)
	}
}

// TestListWithoutFolders: articles from one folder, or none, have no
// folder to show, and their headlines take the column's room.
func TestListWithoutFolders(t *testing.T) {
	lib := store.NewLibrary()
	for _, a := range testCorpus(t) {
		a.Folder, a.Author = "", ""
		lib.Add(a)
	}
	m := startModel(t, Options{Library: lib, Style: "dark", Profile: termenv.Ascii}, 80, 24, loaded(lib))
	checkFits(t, m, 80, 24)
	if !strings.Contains(screen(m), "München opens its Christmas markets early") {
		t.Errorf("a headline that fits in 80 columns without the folder is cut:\n%s", screen(m))
	}
	golden.RequireEqual(t, []byte(screen(m)))
}

// TestListShowsWhereFrom: where a row has no folder, the column shows its
// site, else its author: a dataset's or a feed's rows say where they are
// from.
func TestListShowsWhereFrom(t *testing.T) {
	lib := store.NewLibrary()
	for i, a := range testCorpus(t) {
		a.Folder = ""
		if i == 0 {
			a.Site = "The Wire"
		}
		lib.Add(a)
	}
	m := startModel(t, Options{Library: lib, Style: "dark", Profile: termenv.Ascii}, 80, 24, loaded(lib))
	checkFits(t, m, 80, 24)
	for _, want := range []string{"The Wire", "A. Reporter"} {
		if !strings.Contains(screen(m), want) {
			t.Errorf("the list does not show %q:\n%s", want, screen(m))
		}
	}
}
