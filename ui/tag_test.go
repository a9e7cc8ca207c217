package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/state"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"
)

// tagModel is the UI over the test corpus with the user's tags in a
// folder of their own, where one other article is tagged already.
func tagModel(t *testing.T) (Model, string) {
	t.Helper()
	lib := store.NewLibrary()
	corpus := testCorpus(t)
	lib.Add(corpus...)
	dir := t.TempDir()
	tags, err := state.OpenTags(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := tags.Set(state.RefOf(corpus[3]), []string{"Middle East"}, nil); err != nil {
		t.Fatal(err)
	}
	return startModel(t, Options{Library: lib, Tags: tags, Style: "dark", Profile: termenv.Ascii}, 120, 40, loaded(lib)), dir
}

// TestTagPrompt: t opens a prompt for the selected article's tags; tab
// completes a tag another article has; enter keeps them, in the file
// too, the reader's header and a wide list show them, and tag: finds
// the article; taking a tag out of the prompt takes
// it away; esc changes nothing.
func TestTagPrompt(t *testing.T) {
	m, dir := tagModel(t)
	first := m.list.Selected()
	m = settle(t, m, keys("t")...)
	if !strings.Contains(screen(m), "tags: ") {
		t.Fatalf("no tag prompt:\n%s", screen(m))
	}
	m = settle(t, m, keys("gaza, mid{tab}{enter}")...)
	onDisk := func() []string {
		t.Helper()
		tags, err := state.OpenTags(dir)
		if err != nil {
			t.Fatal(err)
		}
		return tags.Of(first.ID)
	}
	if got, want := onDisk(), []string{"gaza", "Middle East"}; !slices.Equal(got, want) {
		t.Fatalf("the file holds %q, want %q", got, want)
	}
	if s := screen(m); !strings.Contains(s, "Tagged: gaza, Middle East.") {
		t.Errorf("no word of it on screen:\n%s", s)
	}
	m = settle(t, m, keys("{enter}")...)
	if s := screen(m); !strings.Contains(s, "tags: gaza, Middle East") {
		t.Errorf("the reader's header shows no tags:\n%s", s)
	}
	m = settle(t, m, keys("{esc}")...)
	// A list with room shows them beside the headline.
	m = settle(t, m, tea.WindowSizeMsg{Width: 200, Height: 40})
	if row := strings.Split(screen(m), "\n")[1]; !strings.Contains(row, "gaza, Middle East") {
		t.Errorf("a wide list's row shows no tags: %q", row)
	}
	m = settle(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	m = settle(t, m, keys("/tag:gaza{enter}")...)
	if n := m.list.items.Len(); n != 1 || m.list.Selected().ID != first.ID {
		t.Errorf("tag:gaza shows %d articles", n)
	}
	// The prompt holds the tags; one taken out goes.
	m = settle(t, m, keys("t")...)
	if v := m.tagIn.Value(); v != "gaza, Middle East, " {
		t.Errorf("the prompt opened with %q", v)
	}
	m = settle(t, m, keys("{backspace}{backspace}{backspace}{backspace}{backspace}{backspace}{backspace}{backspace}{backspace}{backspace}{backspace}{backspace}{backspace}{enter}")...)
	if got, want := onDisk(), []string{"gaza"}; !slices.Equal(got, want) {
		t.Errorf("after taking one out, the file holds %q, want %q", got, want)
	}
	m = settle(t, m, keys("tnothing{esc}")...)
	if got := onDisk(); !slices.Equal(got, []string{"gaza"}) {
		t.Errorf("esc saved %q", got)
	}
	if m.focus != focusList {
		t.Errorf("the keys went to %v, not the list", m.focus)
	}
}

// TestTagPromptOffersOwnTags: the prompt completes from the own tags
// (front matter's) of the articles on screen as well as the user's.
func TestTagPromptOffersOwnTags(t *testing.T) {
	lib := store.NewLibrary()
	corpus := testCorpus(t)
	corpus[2].Tags = []string{"County fairs"}
	lib.Add(corpus...)
	tags, err := state.OpenTags(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	m := startModel(t, Options{Library: lib, Tags: tags, Style: "dark", Profile: termenv.Ascii}, 120, 40, loaded(lib))
	m = settle(t, m, keys("tcou{tab}")...)
	if v := m.tagIn.Value(); v != "County fairs, " {
		t.Errorf("tab made the prompt %q", v)
	}
}

// TestTagPromptOffersOffScreenTags: a tag only an article off screen has
// (a front-matter tag of the last of many) is offered once the library's
// tags are counted.
func TestTagPromptOffersOffScreenTags(t *testing.T) {
	lib := store.NewLibrary()
	corpus := testCorpus(t)
	corpus[len(corpus)-1].Tags = []string{"Harvest festivals"}
	lib.Add(corpus...)
	tags, err := state.OpenTags(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	// Three rows on screen: the tagged article is not among them.
	m := startModel(t, Options{Library: lib, Tags: tags, Style: "dark", Profile: termenv.Ascii}, 80, 6, loaded(lib))
	for _, a := range m.list.onScreen() {
		if len(a.Tags) > 0 {
			t.Fatalf("%q is on screen", a.Headline)
		}
	}
	m = settle(t, m, keys("t")...) // the count comes back before the next key
	m = settle(t, m, keys("har{tab}")...)
	if v := m.tagIn.Value(); v != "Harvest festivals, " {
		t.Errorf("tab made the prompt %q", v)
	}
}
