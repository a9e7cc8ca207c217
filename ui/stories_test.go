package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/query"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"
)

// storyBody is a news-length text of its own words for seed n.
func storyBody(n int) string {
	var b strings.Builder
	for i := range 120 {
		fmt.Fprintf(&b, "w%dx%d ", n, i%37+i/5)
	}
	return b.String()
}

// TestStoriesOneRowEach: three copies of a story (one with a line added,
// one with a new headline) are one row, the newest, with their count;
// the reader lists the other two, a digit opens one; c shows every copy.
func TestStoriesOneRowEach(t *testing.T) {
	day := time.Date(2024, 11, 16, 9, 0, 0, 0, time.UTC)
	mk := func(key, headline, body string, at time.Time) *article.Article {
		return &article.Article{ID: article.IDOf([]byte(key)), Headline: headline, Body: body, Date: at,
			Path: key + ".md", Format: "markdown", Words: 120}
	}
	body := storyBody(1)
	all := []*article.Article{
		mk("wire", "Talks resume in Doha", body, day),
		mk("repost", "Talks resume in Doha", body+" An editor's line added at the end.", day.Add(time.Hour)),
		mk("update", "Doha talks go on into the night", body+" More.", day.Add(2*time.Hour)),
		mk("other", "Markets slip", storyBody(2), day.Add(3*time.Hour)),
		mk("third", "Pie contest", storyBody(3), day.Add(-time.Hour)),
	}
	lib := store.NewLibrary()
	lib.Add(all...)
	m := startModel(t, Options{Library: lib, Style: "dark", Profile: termenv.Ascii}, 120, 30, loaded(lib))
	s := screen(m)
	if n := m.list.items.Len(); n != 3 {
		t.Fatalf("%d rows, want 3 stories:\n%s", n, s)
	}
	if !strings.Contains(s, "×3 Doha talks go on") || strings.Contains(s, "Talks resume in Doha") {
		t.Errorf("the story's row is not its newest copy with the count:\n%s", s)
	}
	if !strings.Contains(s, "5 articles · 3 stories") {
		t.Errorf("the status line does not count the stories:\n%s", s)
	}
	// The story is the second row (Markets slip is newest).
	m = settle(t, m, keys("j")...)
	if a := m.list.Selected(); a.ID != all[2].ID {
		t.Fatalf("the story's row selects %q", a.Headline)
	}
	s = screen(m)
	if !strings.Contains(s, "Other copies of this story") || strings.Count(s, "Talks resume in Doha") != 2 {
		t.Errorf("the reader does not list the other copies:\n%s", s)
	}
	m = settle(t, m, keys("{tab}1")...)
	if a := m.reader.shown; a == nil || a.ID != all[1].ID {
		t.Errorf("1 opened %v, want the newest other copy", a)
	}
	m = settle(t, m, keys("{tab}c")...)
	if n := m.list.items.Len(); n != 5 || strings.Contains(screen(m), "×3") {
		t.Errorf("c shows %d rows:\n%s", n, screen(m))
	}
	m = settle(t, m, keys("c")...)
	if n := m.list.items.Len(); n != 3 {
		t.Errorf("c again shows %d rows", n)
	}
	checkFits(t, m, 120, 30)

	// A library too large to group in a search has its rows found
	// ungrouped at once, and asks for the groups to be worked out in a
	// command of their own, after which the search groups them.
	lib.Add(mk("late", "Talks resume in Doha", body+" Late copy.", day.Add(4*time.Hour)))
	search := func() resultsFoundMsg {
		return runSearch(lib, query.Query{}, store.SearchOptions{}, 1, onScreen{}, true, 0)().(resultsFoundMsg)
	}
	if msg := search(); !msg.needGroups || msg.stories.Len() != 6 {
		t.Errorf("a search before the groups: asks %v, %d rows", msg.needGroups, msg.stories.Len())
	}
	m = settle(t, m, groupsPreparedMsg{}) // as prepareGroups reports
	if msg := search(); msg.needGroups || msg.stories.Len() != 3 {
		t.Errorf("a search after the groups: asks %v, %d rows", msg.needGroups, msg.stories.Len())
	}
	if !strings.Contains(screen(m), "×4 ") {
		t.Errorf("the story of four does not show:\n%s", screen(m))
	}
}

// TestCopiesComeWithTheGroups: an article rendered before a large
// library's groups were there (its related stories with no copies) asks
// again once they come, and lists its copies.
func TestCopiesComeWithTheGroups(t *testing.T) {
	day := time.Date(2024, 11, 16, 9, 0, 0, 0, time.UTC)
	body := storyBody(1)
	mk := func(key, headline, body string, at time.Time) *article.Article {
		return &article.Article{ID: article.IDOf([]byte(key)), Headline: headline, Body: body, Date: at,
			Path: key + ".md", Format: "markdown", Words: 120}
	}
	lib := store.NewLibrary()
	lib.Add(mk("wire", "Talks resume in Doha", body, day), mk("repost", "Talks resume, again", body+" More.", day.Add(time.Hour)),
		mk("other", "Markets slip", storyBody(2), day.Add(-time.Hour)))
	m := New(Options{Library: lib, Style: "dark", Profile: termenv.Ascii})
	m.sh.groupInline = 0
	m = settle(t, m, tea.WindowSizeMsg{Width: 120, Height: 30}, articlesLoadedMsg{p: loaded(lib)})
	if s := screen(m); !strings.Contains(s, "×2 ") || !strings.Contains(s, "Other copies of this story") {
		t.Fatalf("no story of two, or no copies listed:\n%s", s)
	}
	// As the reader had it before the groups: related stories, no copy.
	m.reader.related, m.reader.copies = m.reader.related[m.reader.copies:], 0
	m.reader.cache.drop(m.reader.shown.ID)
	m.reader.mark()
	if strings.Contains(screen(m), "Other copies of this story") {
		t.Fatal("the copies are still listed")
	}
	m = settle(t, m, groupsPreparedMsg{})
	if s := screen(m); !strings.Contains(s, "Other copies of this story") {
		t.Errorf("once the groups came, no copies:\n%s", s)
	}
}
