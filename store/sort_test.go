package store

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/text"
)

func sortCorpus() []*article.Article {
	day := func(d int) time.Time { return time.Date(2024, 11, d, 9, 0, 0, 0, time.UTC) }
	filler := "Officials said on Monday that talks would continue, and the minister said the government " +
		"would report to parliament on the matter next week, as the city council met again. "
	mk := func(i int, headline, body string, d int) *article.Article {
		return &article.Article{ID: article.IDOf(fmt.Appendf(nil, "sort %d", i)), Headline: headline, Body: body,
			Date: day(d), Words: text.CountWords(headline) + text.CountWords(body)}
	}
	return []*article.Article{
		mk(1, "Council approves the new budget", filler+filler, 20),
		mk(2, "Ceasefire talks in Doha stall over hostage release",
			"Mediators in Doha said the ceasefire proposal stalled. "+filler, 3),
		mk(3, "Minister reports to parliament", filler+"A hostage was mentioned once. "+filler+filler, 25),
		mk(4, "Zürich opens its winter market", filler, 10),
		mk(5, "Talks continue", filler+"Doha was named, and a ceasefire, in passing. "+filler+filler+filler, 28),
		mk(6, "apples and Bananas", filler, 12),
		{ID: article.IDOf([]byte("undated")), Headline: "An undated note", Body: filler, Undated: true},
	}
}

func TestSortOrders(t *testing.T) {
	lib := NewLibrary()
	lib.Add(sortCorpus()...)
	heads := func(by Sort, q string) []string {
		return libHeadlines(lib.Search(query.Parse(q), SearchOptions{Sort: by}).Articles())
	}
	newest := heads(SortNewest, "")
	oldest := heads(SortOldest, "")
	want := slices.Clone(newest[:len(newest)-1])
	slices.Reverse(want)
	want = append(want, "An undated note")
	if !slices.Equal(oldest, want) {
		t.Errorf("oldest first = %q, want %q", oldest, want)
	}
	if got := heads(SortTitle, ""); got[0] != "An undated note" || got[1] != "apples and Bananas" || got[len(got)-1] != "Zürich opens its winter market" {
		t.Errorf("by title = %q", got)
	}
	// Without words to rank by, relevance is newest first.
	if got := heads(SortRelevance, "-zzz"); !slices.Equal(got, newest) {
		t.Errorf("relevance without words = %q", got)
	}
}

// TestRelevance: a query naming a story's distinctive words puts it
// first, ahead of longer articles that mention them in passing, and newer
// ones that match fewer of them.
func TestRelevance(t *testing.T) {
	lib := NewLibrary()
	lib.Add(sortCorpus()...)
	for _, q := range []string{"doha ceasefire hostage", "hostage doha", "ceasefire doha", "doha"} {
		got := libHeadlines(lib.Search(query.Parse(q), SearchOptions{Sort: SortRelevance}).Articles())
		if len(got) == 0 || got[0] != "Ceasefire talks in Doha stall over hostage release" {
			t.Errorf("%q by relevance = %q, want the Doha story first", q, got)
		}
	}
	for _, name := range Sorts {
		if s, ok := ParseSort(name); !ok || s.String() != name {
			t.Errorf("ParseSort(%q) = %v, %v", name, s, ok)
		}
	}
}
