package store

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/query"
)

// TestSortsAreStableSorts checks the title and relevance orders against
// stable sorts of the date order by the same keys, over one segment
// alone (whose stored title order is read), a segment and a tail, and
// headlines that tie: equal keys keep the date order.
func TestSortsAreStableSorts(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	all := propArticles(rng, 800)
	root := []article.Root{{Key: t.TempDir(), Name: "r"}}
	for i, a := range all {
		a.Loc = article.Loc{Root: &root[0], Name: fmt.Sprintf("a%04d.md", i)}
		a.Path = a.Loc.Path()
	}
	path := filepath.Join(t.TempDir(), "lib-sorts.manifest")
	lib := NewLibrary()
	lib.Add(all[:600]...)
	lib.roots = root
	if err := lib.writeCache(path, root); err != nil {
		t.Fatal(err)
	}
	warm := NewLibrary()
	if err := warm.readCache(path, root); err != nil || len(warm.segs) != 1 || warm.Len() < 500 {
		t.Fatalf("the saved library reads back as %d segments of %d articles (%v)", len(warm.segs), warm.Len(), err)
	}
	check := func(name string, lib *Library) {
		t.Helper()
		for range 60 {
			typed := propQuery(rng)
			if rng.IntN(4) == 0 {
				typed = "" // everything: one segment's title order is read
			}
			q := query.Parse(typed)
			byDate := lib.Search(q, SearchOptions{}).list()
			want := slices.Clone(byDate)
			slices.SortStableFunc(want, func(a, b uint32) int {
				return cmp.Compare(foldTitle(lib.article(a).Headline), foldTitle(lib.article(b).Headline))
			})
			if got := lib.Search(q, SearchOptions{Sort: SortTitle}).list(); !slices.Equal(got, want) {
				t.Fatalf("%s: %q by title:\n got %v\nwant %v", name, typed, got, want)
			}
			if len(q.Words) == 0 {
				continue
			}
			score := lib.bm25(q)
			want = slices.Clone(byDate)
			// Scores count to a float32's precision.
			slices.SortStableFunc(want, func(a, b uint32) int { return cmp.Compare(float32(score(b)), float32(score(a))) })
			if got := lib.Search(q, SearchOptions{Sort: SortRelevance}).list(); !slices.Equal(got, want) {
				t.Fatalf("%s: %q by relevance:\n got %v\nwant %v", name, typed, got, want)
			}
		}
	}
	check("one segment", warm)
	warm.Add(all[600:]...)
	check("a segment and a tail", warm)
	check("the heap alone", lib)
}
