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

// TestRelated: two stories sharing distinctive words are each other's
// top related story; everyday words do not make stories related.
func TestRelated(t *testing.T) {
	day := time.Date(2024, 11, 1, 9, 0, 0, 0, time.UTC)
	everyday := "The officials said on Monday that the talks would continue next week, and the government agreed. "
	var as []*article.Article
	add := func(headline, body string) *article.Article {
		a := &article.Article{ID: article.IDOf([]byte(headline + body)), Headline: headline, Body: body, Date: day.AddDate(0, 0, len(as))}
		a.Words = text.CountWords(headline) + text.CountWords(body)
		as = append(as, a)
		return a
	}
	glacier := add("Glacier in the Alps retreats a record distance", everyday+"Glaciologists measured the Rhône glacier's moraine and meltwater.")
	glacier2 := add("Scientists alarmed by Alpine meltwater", everyday+"The Rhône glacier lost mass; glaciologists blame warm summers and meltwater.")
	chess := add("Chess prodigy wins the Tata Steel tournament", everyday+"The grandmaster's endgame in Wijk aan Zee stunned the chess world.")
	chess2 := add("Grandmaster draws in Wijk aan Zee", everyday+"Another chess endgame at the Tata Steel tournament.")
	for i := range 30 {
		add(fmt.Sprintf("Council meeting %d", i), everyday+everyday)
	}
	lib := NewLibrary()
	lib.Add(as...)
	for _, tt := range []struct{ a, want *article.Article }{{glacier, glacier2}, {glacier2, glacier}, {chess, chess2}, {chess2, chess}} {
		got, err := lib.Related(tt.a, 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 || got[0] != tt.want {
			t.Errorf("related to %q: %q, want %q first", tt.a.Headline, libHeadlines(got), tt.want.Headline)
		}
		if slices.Contains(got, tt.a) {
			t.Errorf("%q is related to itself", tt.a.Headline)
		}
	}
	// Everyday words alone relate nothing.
	council, _ := lib.Related(as[10], 5)
	for _, r := range council {
		if r == glacier || r == chess {
			t.Errorf("a council meeting is related to %q", r.Headline)
		}
	}
}

// BenchmarkRelated is working out an article's five related stories over
// 10,000 and 100,000 articles (the body is read from disk, as in the app).
func BenchmarkRelated(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			lib := benchLibrary(b, n)
			all := lib.Search(query.Query{}, SearchOptions{})
			i := 0
			for b.Loop() {
				if _, err := lib.Related(all.At((i*7919)%all.Len()), 5); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
