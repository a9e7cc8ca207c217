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

// TestStoriesFollowChanges: once grouped, a library whose docs a merge
// renumbers and that then gains a few copies groups again from its last
// groups, carried to the new numbers and comparing only the new docs
// (Regroup), and gets the stories a grouping from scratch gets.
func TestStoriesFollowChanges(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	write := func(name string, day int, headline string, body []string) {
		writeFile(t, filepath.Join(dir, name), fmt.Sprintf("Monday, November %d, 2024\n%s\n%s\n", day, headline, strings.Join(body, " ")))
	}
	texts := make([][]string, 40)
	for i := range texts {
		texts[i] = storyText(uint64(100+i), 300)
	}
	for i := range 20 {
		write(fmt.Sprintf("s%02d.txt", i), 1+i%28, fmt.Sprint("Story ", i), texts[i])
	}
	write("s05-copy.txt", 20, "Story 5, again", append(slices.Clone(texts[5]), "A line added."))
	lib, _ := loadWith(t, dir, cache)
	for i := 20; i < 40; i++ { // a second segment, its dates among the first's
		write(fmt.Sprintf("s%02d.txt", i), 1+i%28, fmt.Sprint("Story ", i), texts[i])
	}
	lib.Load(context.Background(), lib.roots, nil)
	count := func() (stories, grouped int) {
		s := lib.Stories(lib.Search(query.Parse(""), SearchOptions{}))
		for k := range s.Len() {
			if n := len(s.Copies(k)); n > 1 {
				grouped += n
			}
		}
		return s.Len(), grouped
	}
	if n, g := count(); n != 40 || g != 2 {
		t.Fatalf("before: %d stories, %d articles in stories of several", n, g)
	}
	lib.mu.RLock()
	before := lib.num
	lib.mu.RUnlock()
	if merged, err := lib.Compact(); !merged || err != nil {
		t.Fatalf("Compact = %v, %v", merged, err)
	}
	write("s07-copy.txt", 21, "Story 7 retold", append([]string{"A new first sentence here."}, texts[7][1:]...))
	write("s05-again.txt", 22, "Story 5, a third time", texts[5])
	lib.Load(context.Background(), lib.roots, nil)
	lib.mu.RLock()
	renumbered, carried := lib.num != before, lib.stories.num == before
	lib.mu.RUnlock()
	if !renumbered || !carried {
		t.Fatalf("renumbered %v, groups of the old numbers %v", renumbered, carried)
	}
	if n, g := count(); n != 40 || g != 5 {
		t.Errorf("after: %d stories, %d articles in stories of several; want 40 and 5", n, g)
	}
	// The same from scratch.
	lib.stories.Lock()
	lib.stories.num, lib.stories.gen = nil, 0
	lib.stories.Unlock()
	if n, g := count(); n != 40 || g != 5 {
		t.Errorf("from scratch: %d stories, %d in stories of several", n, g)
	}
}
