package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/testcorpus"
)

// storyText makes a body of about n words, news-like, from seed.
func storyText(seed uint64, n int) []string {
	words := testcorpus.ZipfWords(rand.New(rand.NewPCG(seed, 3)), testcorpus.Words())
	var sents []string
	for w := 0; w < n; w += 15 {
		sents = append(sents, words(15)+".")
	}
	return sents
}

// storyIDs lists each story's copies by the key that made their IDs.
func storyIDs(s Stories, keys map[article.ID]string) [][]string {
	var out [][]string
	for k := range s.Len() {
		var story []string
		for _, p := range s.Copies(k) {
			story = append(story, keys[s.Result().At(int(p)).ID])
		}
		if keys[s.At(k).ID] != story[0] {
			story = append(story, "(At is not the first copy)")
		}
		out = append(out, story)
	}
	return out
}

func TestStories(t *testing.T) {
	a, b, c := storyText(1, 300), storyText(2, 300), storyText(3, 300)
	join := func(s []string) string { return strings.Join(s, " ") }
	bChanged := slices.Clone(b)
	bChanged[4] = "An entirely different sentence stands where the fifth did, here."
	arts := map[string]*article.Article{
		"a1":     libArticle("a1", "Talks resume", join(a), libDay(10)),
		"a2":     libArticle("a2", "Talks resume, a line added", join(a)+" A line added later about kaloment.", libDay(12)),
		"a3":     libArticle("a3", "A new headline for the talks", join(a), libDay(8)),
		"b1":     libArticle("b1", "Storm nears", join(b), libDay(5)),
		"b2":     libArticle("b2", "Storm nears the coast", join(bChanged), libDay(6)),
		"c":      libArticle("c", "Another story", join(c), libDay(11)),
		"short":  libArticle("short", "Short", "A few words only.", libDay(9)),
		"short2": libArticle("short2", "Short again", "A few words only.", libDay(7)),
	}
	keys := map[article.ID]string{}
	lib := NewLibrary()
	for k, a := range arts {
		keys[a.ID] = k
		lib.Add(a)
	}
	tests := []struct {
		query string
		sort  Sort
		want  [][]string
	}{
		{"", SortNewest, [][]string{{"a2", "a1", "a3"}, {"c"}, {"short"}, {"short2"}, {"b2", "b1"}}},
		{"kaloment", SortNewest, [][]string{{"a2"}}},
		{"-kaloment", SortNewest, [][]string{{"c"}, {"a1", "a3"}, {"short"}, {"short2"}, {"b2", "b1"}}},
		// By title: a story stands where its first copy does, its copies
		// still newest first.
		{"", SortTitle, [][]string{{"a2", "a1", "a3"}, {"c"}, {"short"}, {"short2"}, {"b2", "b1"}}},
		{"", SortOldest, [][]string{{"b2", "b1"}, {"short2"}, {"a2", "a1", "a3"}, {"short"}, {"c"}}},
		{"nothing-matches-this", SortNewest, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q by %v", tt.query, tt.sort), func(t *testing.T) {
			r := lib.Search(query.Parse(tt.query), SearchOptions{Sort: tt.sort})
			if got := storyIDs(lib.Stories(r), keys); !slices.EqualFunc(got, tt.want, slices.Equal) {
				t.Errorf("stories %v, want %v", got, tt.want)
			}
		})
	}
	var copies []string
	for _, a := range lib.CopiesOf(arts["a1"]) {
		copies = append(copies, keys[a.ID])
	}
	if !slices.Equal(copies, []string{"a2", "a3"}) {
		t.Errorf("CopiesOf(a1) = %v, want [a2 a3]", copies)
	}
	if got := lib.CopiesOf(arts["c"]); len(got) != 0 {
		t.Errorf("CopiesOf(c) = %d articles, want none", len(got))
	}
}

// TestStoriesThroughTheCache: the sketches saved in the segments group
// as those just made do, and a copy that arrives later joins its story
// at the next load, without a file read again.
func TestStoriesThroughTheCache(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	write := func(name string, day int, headline string, body []string) {
		writeFile(t, filepath.Join(dir, name), fmt.Sprintf("Monday, November %d, 2024\n%s\n%s\n", day, headline, strings.Join(body, " ")))
	}
	a, b := storyText(11, 400), storyText(12, 400)
	write("a1.txt", 10, "Talks resume", a)
	write("a2.txt", 11, "Talks resume again", append(slices.Clone(a), "One line more."))
	write("b1.txt", 12, "Storm nears", b)
	stories := func(lib *Library) []string {
		s := lib.Stories(lib.Search(query.Parse(""), SearchOptions{}))
		var out []string
		for k := range s.Len() {
			var names []string
			for _, p := range s.Copies(k) {
				names = append(names, filepath.Base(s.Result().At(int(p)).Path))
			}
			out = append(out, strings.Join(names, " "))
		}
		return out
	}
	want := []string{"b1.txt", "a2.txt a1.txt"}
	cold, _ := loadWith(t, dir, cache)
	if got := stories(cold); !slices.Equal(got, want) {
		t.Fatalf("cold: stories %q, want %q", got, want)
	}
	warm, _ := loadWith(t, dir, cache)
	warm.mu.RLock()
	segDocs := warm.segDocs
	warm.mu.RUnlock()
	if segDocs == 0 {
		t.Fatal("the warm load read no segment")
	}
	if got := stories(warm); !slices.Equal(got, want) {
		t.Fatalf("from the cache: stories %q, want %q", got, want)
	}
	write("a3.txt", 13, "A new headline", a)
	write("b2.txt", 9, "Storm nears, a sentence changed", append([]string{"Quite another first sentence of it."}, b[1:]...))
	warm.Load(context.Background(), warm.roots, nil)
	want = []string{"a3.txt a2.txt a1.txt", "b1.txt b2.txt"}
	if got := stories(warm); !slices.Equal(got, want) {
		t.Fatalf("after new copies: stories %q, want %q", got, want)
	}
}
