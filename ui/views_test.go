package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/state"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"
)

// viewsModel starts the UI with a saved search, one of the
// configuration's, a tag and a read article.
func viewsTestModel(t *testing.T) (Model, string, []*article.Article) {
	t.Helper()
	lib := store.NewLibrary()
	corpus := testCorpus(t)
	lib.Add(corpus...)
	dir := t.TempDir()
	searches := must(state.OpenSearches(dir))
	if err := searches.Save("Markets", "markets"); err != nil {
		t.Fatal(err)
	}
	tags := must(state.OpenTags(dir))
	if err := tags.Set(state.RefOf(corpus[3]), []string{"Middle East"}, nil); err != nil {
		t.Fatal(err)
	}
	read := must(state.OpenReadState(t.TempDir()))
	marks := must(state.OpenBookmarks(dir))
	m := startModel(t, Options{Library: lib, Searches: searches, Tags: tags, ReadState: read, Bookmarks: marks,
		ConfigSearches: []state.Search{{Name: "Gulf", Query: "qatar OR doha", Config: true}},
		Style:          "dark", Profile: termenv.Ascii}, 100, 30, loaded(lib))
	return m, dir, corpus
}

// viewLine is the picker's line naming name, or "".
func viewLine(m Model, name string) string {
	for _, l := range strings.Split(screen(m), "\n")[1:] { // below the header
		if strings.Contains(l, name) {
			return l
		}
	}
	return ""
}

// TestViewsPicker: v lists All, Bookmarks, Unread, the searches and the
// tags with their unread and total counts; enter shows one, and the
// counts follow a read mark; S saves the filter as a search, which the
// picker then offers, and del removes it; the configuration's cannot be
// removed or shadowed.
func TestViewsPicker(t *testing.T) {
	m, dir, corpus := viewsTestModel(t)
	m = settle(t, m, keys("v")...)
	if m.overlay != overlayViews {
		t.Fatalf("v opened no picker:\n%s", screen(m))
	}
	for name, counts := range map[string]string{"All articles": "6 / 6", "Bookmarks": "0 / 0", "Unread": "6 / 6",
		"⌕ Gulf": "2 / 2", "⌕ Markets": "2 / 2", "#Middle East": "1 / 1"} {
		if l := viewLine(m, name); !strings.HasSuffix(strings.TrimRight(l, " "), counts) {
			t.Errorf("%s: line %q, want counts %s", name, l, counts)
		}
	}
	if l := viewLine(m, "⌕ Gulf"); !strings.Contains(l, "qatar OR doha (config)") {
		t.Errorf("the configuration's search does not show its query: %q", l)
	}
	// Down to Gulf (All, Bookmarks, Unread, Gulf) and show it.
	m = settle(t, m, keys("jjj{enter}")...)
	if m.overlay != overlayNone || m.filter.Value() != "qatar OR doha" || m.list.items.Len() != 2 {
		t.Fatalf("Gulf shows %d articles under %q:\n%s", m.list.items.Len(), m.filter.Value(), screen(m))
	}
	// A read mark moves the counts of the picker opened again.
	m.sh.read.Mark(state.RefOf(m.list.Selected()), true)
	m = settle(t, m, keys("v")...)
	if l := viewLine(m, "⌕ Gulf"); !strings.HasSuffix(strings.TrimRight(l, " "), "1 / 2") {
		t.Errorf("after a read mark, Gulf's line is %q", l)
	}
	if c := m.views.views[m.views.cursor]; c.name != "Gulf" {
		t.Errorf("the picker opened on %q, not the view in force", c.name)
	}
	m = settle(t, m, keys("{delete}")...)
	if !strings.Contains(screen(m), "in the configuration file") {
		t.Errorf("del on the configuration's search said nothing:\n%s", screen(m))
	}
	// The tag's view.
	m = settle(t, m, keys("G")...) // G is no key of the picker: nothing moves
	for m.views.views[m.views.cursor].kind != viewTag {
		m = settle(t, m, keys("j")...)
	}
	m = settle(t, m, keys("{enter}")...)
	if m.filter.Value() != `tag:"middle east"` || m.list.items.Len() != 1 || m.list.Selected().ID != corpus[3].ID {
		t.Errorf("the tag's view: %q, %d articles", m.filter.Value(), m.list.items.Len())
	}

	// Save a filter as a search, from the filter as it is typed.
	m = settle(t, m, keys("{esc}/pie{ctrl+s}")...)
	if m.focus != focusName || !strings.Contains(screen(m), "save search as:") {
		t.Fatalf("ctrl+s opened no prompt:\n%s", screen(m))
	}
	m = settle(t, m, keys("Pies{enter}")...)
	saved := must(state.OpenSearches(dir)).List()
	if len(saved) != 2 || saved[1].Name != "Pies" || saved[1].Query != "pie" {
		t.Fatalf("the file holds %+v", saved)
	}
	if !strings.Contains(screen(m), "Saved the search “Pies”") {
		t.Errorf("no word of the save:\n%s", screen(m))
	}
	// A name of the configuration's is refused. The prompt holds the
	// name the filter is saved under already.
	m = settle(t, m, keys("S")...)
	if v := m.nameIn.Value(); v != "Pies" {
		t.Errorf("the prompt for a saved filter holds %q", v)
	}
	m = settle(t, m, keys("{ctrl+u}gulf{enter}")...)
	if !strings.Contains(screen(m), "choose another name") || len(must(state.OpenSearches(dir)).List()) != 2 {
		t.Errorf("saving over the configuration's name:\n%s", screen(m))
	}
	m = settle(t, m, keys("v")...)
	if l := viewLine(m, "⌕ Pies"); !strings.HasSuffix(strings.TrimRight(l, " "), "1 / 1") {
		t.Errorf("the new search's line: %q", l)
	}
	if c := m.views.views[m.views.cursor]; c.name != "Pies" {
		t.Errorf("the cursor is on %q, not the view in force", c.name)
	}
	m = settle(t, m, keys("{delete}")...)
	if got := must(state.OpenSearches(dir)).List(); len(got) != 1 || viewLine(m, "⌕ Pies") != "" {
		t.Errorf("del left %+v, and the line %q", got, viewLine(m, "⌕ Pies"))
	}
	m = settle(t, m, keys("{esc}")...)
	if m.overlay != overlayNone || m.filter.Value() != "pie" {
		t.Errorf("esc: overlay %v, filter %q", m.overlay, m.filter.Value())
	}
}

// TestViewsCountAsFilesArrive: the picker's counts follow the library
// while it shows.
func TestViewsCountAsFilesArrive(t *testing.T) {
	m, _, corpus := viewsTestModel(t)
	m = settle(t, m, keys("v")...)
	extra := *corpus[0]
	extra.ID, extra.Headline, extra.Path = article.IDOf([]byte("one more")), "Markets open late", "late.md"
	m.sh.lib.Add(&extra)
	m = settle(t, m, articlesLoadedMsg{p: loaded(m.sh.lib)})
	if l := viewLine(m, "All articles"); !strings.HasSuffix(strings.TrimRight(l, " "), "7 / 7") {
		t.Errorf("after a file arrived, All reads %q", l)
	}
	if l := viewLine(m, "⌕ Markets"); !strings.HasSuffix(strings.TrimRight(l, " "), "3 / 3") {
		t.Errorf("after a file arrived, Markets reads %q", l)
	}
	// A tag that moves (an edit's reconcile) leaves the counts' sizes as
	// they were: the picker counts again all the same.
	if err := m.sh.tags.Set(state.RefOf(corpus[3]), nil, []string{"Middle East"}); err != nil {
		t.Fatal(err)
	}
	if err := m.sh.tags.Set(state.RefOf(corpus[1]), []string{"Middle East"}, nil); err != nil {
		t.Fatal(err)
	}
	m.saves++ // the reconcile's save
	before := m.views.seq
	m = settle(t, m, reconciledMsg{changed: true})
	if m.views.seq == before {
		t.Error("the picker did not count again after the tags moved")
	}
	checkFits(t, settle(t, m, tea.WindowSizeMsg{Width: 40, Height: 12}), 40, 12)
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestViewsGolden: the picker and the name prompt at the sizes people
// use, down to 40x12.
func TestViewsGolden(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{80, 24}, {40, 12}, {200, 60}} {
		for _, c := range []struct{ name, input string }{{"picker", "v"}, {"prompt", "/qatar{enter}S"}} {
			t.Run(fmt.Sprintf("%s-%dx%d", c.name, sz.w, sz.h), func(t *testing.T) {
				m, _, _ := viewsTestModel(t)
				m = settle(t, m, tea.WindowSizeMsg{Width: sz.w, Height: sz.h})
				m = settle(t, m, keys(c.input)...)
				checkFits(t, m, sz.w, sz.h)
				golden.RequireEqual(t, []byte(screen(m)))
			})
		}
	}
}
