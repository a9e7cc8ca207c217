package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/state"
)

// TestEditKeepsBookmarkAndReadMark: appending a line to an article changes
// its ID; after Reconcile its bookmark, read mark and tags are on the new
// one, in the files too, the bookmark is not shown missing, and tag:
// finds it.
func TestEditKeepsBookmarkAndReadMark(t *testing.T) {
	dir, data := t.TempDir(), t.TempDir()
	file := loadWrite(t, dir, "2024/11/story.txt", loadSeedQatar, time.Time{})
	loadWrite(t, dir, "older.txt", loadSeedOlder, time.Time{})
	roots := []article.Root{{FS: os.DirFS(dir), Name: dir}}
	lib1, _ := loadRun(t, context.Background(), roots)
	a1 := lib1.Search(query.Parse("qatar"), SearchOptions{}).Articles()[0]
	marks := bkOpen(t, data)
	read, err := state.OpenReadState(data)
	if err != nil {
		t.Fatal(err)
	}
	bkSet(t, marks, state.BookmarkOf(a1), true)
	read.Mark(state.RefOf(a1), true)
	if err := read.Save(); err != nil {
		t.Fatal(err)
	}
	tags := must(state.OpenTags(data))
	if err := tags.Set(state.RefOf(a1), []string{"Gulf diplomacy"}, nil); err != nil {
		t.Fatal(err)
	}

	loadWrite(t, dir, "2024/11/story.txt", loadSeedQatar+"A line added later.\n", time.Time{})
	lib2, _ := loadRun(t, context.Background(), roots)
	a2, ok := lib2.ByPath(file)
	if !ok || a2.ID == a1.ID {
		t.Fatalf("the edited article: %v, same ID %v", ok, ok && a2.ID == a1.ID)
	}
	if _, ok := lib2.Find(state.RefOf(a1)); !ok {
		t.Error("Find does not find the edited article")
	}
	changed, err := Reconcile(lib2, Kept{Bookmarks: marks, Read: read, Tags: tags})
	if err != nil || !changed {
		t.Fatalf("Reconcile = %v, %v", changed, err)
	}
	marks, read, tags = bkOpen(t, data), must(state.OpenReadState(data)), must(state.OpenTags(data))
	if got := tags.Of(a2.ID); len(got) != 1 || len(tags.Of(a1.ID)) != 0 {
		t.Errorf("tags after the edit: %q on the new ID, %q on the old", got, tags.Of(a1.ID))
	}
	found := lib2.Search(query.Parse("tag:gulf-diplomacy"), SearchOptions{Tags: tags.Of}).Articles()
	if len(found) != 1 || found[0].ID != a2.ID {
		t.Errorf("tag: found %d articles, want the edited one", len(found))
	}
	if !marks.Has(a2.ID) || marks.Has(a1.ID) || marks.Len() != 1 {
		t.Errorf("bookmarks after the edit: %v", marks.List())
	}
	if !read.Has(a2.ID) || read.Has(a1.ID) || read.Len() != 1 {
		t.Errorf("read marks after the edit: has new %v, has old %v", read.Has(a2.ID), read.Has(a1.ID))
	}
	if got := lib2.CountUnread(read.Has); got != 1 {
		t.Errorf("%d unread, want 1", got)
	}
	if changed, err := Reconcile(lib2, Kept{Bookmarks: marks, Read: read, Tags: tags}); changed || err != nil {
		t.Errorf("a second Reconcile: %v, %v", changed, err)
	}
}

// TestFindOrder: each way of finding an article again, tried in turn.
func TestFindOrder(t *testing.T) {
	day := time.Date(2024, 11, 16, 20, 49, 0, 0, time.UTC)
	mk := func(key, path, url, headline string, d time.Time) *article.Article {
		return &article.Article{ID: article.IDOf([]byte(key)), Path: path, Source: url, Headline: headline, Date: d}
	}
	byID := mk("id", "a.txt", "", "By ID", day)
	byPath := mk("path", "b.txt", "", "By path", day)
	byURL := mk("url", "c.txt", "https://example.com/c", "By URL", day)
	byHead := mk("head", "d.txt", "", "By headline", day)
	other := mk("other", "e.txt", "Reuters", "Other", day.Add(time.Hour))
	lib := NewLibrary()
	lib.Add(byID, byPath, byURL, byHead, other)
	gone := article.IDOf([]byte("gone"))
	tests := []struct {
		name string
		ref  state.Ref
		want *article.Article
	}{
		{"the same ID wins over all", state.Ref{ID: byID.ID, Path: "b.txt", URL: byURL.Source}, byID},
		{"then the place", state.Ref{ID: gone, Path: "b.txt", URL: byURL.Source, Headline: "By headline", Date: day}, byPath},
		{"then the URL", state.Ref{ID: gone, Path: "nowhere.txt", URL: byURL.Source, Headline: "By headline", Date: day}, byURL},
		{"then the headline and date", state.Ref{ID: gone, Path: "nowhere.txt", Headline: "By headline", Date: day}, byHead},
		{"a headline on another day", state.Ref{ID: gone, Headline: "By headline", Date: day.Add(time.Minute)}, nil},
		{"a source that is no URL", state.Ref{ID: gone, URL: "Reuters"}, nil},
		{"another offset in the file", state.Ref{ID: gone, Path: "b.txt", Offset: 100}, nil},
		{"nothing", state.Ref{ID: gone}, nil},
	}
	res := lib.Resolver()
	for _, tt := range tests {
		for how, find := range map[string]func(state.Ref) (*article.Article, bool){"Library.Find": lib.Find, "Resolver.Find": res.Find} {
			got, ok := find(tt.ref)
			if ok != (tt.want != nil) || ok && got != tt.want {
				t.Errorf("%s: %s = %v, %v; want %v", tt.name, how, got, ok, tt.want)
			}
		}
	}
}

// BenchmarkReconcile100k: a reconcile over 100,000 articles and as many
// read marks, most of them found by ID, some moved.
func BenchmarkReconcile100k(b *testing.B) {
	lib := NewLibrary()
	var as []*article.Article
	for i := range 100_000 {
		as = append(as, &article.Article{ID: article.IDOf(fmt.Appendf(nil, "a%d", i)), Path: fmt.Sprintf("f/%d.txt", i),
			Headline: fmt.Sprint("Story ", i), Date: time.Unix(int64(i)*3600, 0).UTC()})
	}
	lib.Add(as...)
	refs := make([]state.Ref, len(as))
	for i, a := range as {
		refs[i] = state.RefOf(a)
		if i%100 == 0 {
			refs[i].ID = article.IDOf(fmt.Appendf(nil, "edited %d", i))
		}
	}
	b.ResetTimer()
	for range b.N {
		res := lib.Resolver()
		for _, r := range refs {
			res.FindRef(r)
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestResolverOverSegments: over a library read from its segments, a
// Resolver finds stale refs by place, URL and headline, the newest of
// two that share a URL, and builds no article but the ones it returns:
// it used to build one for every row, a million for one stale tag.
func TestResolverOverSegments(t *testing.T) {
	dir := t.TempDir()
	root := []article.Root{{Key: dir, Name: dir, FS: os.DirFS(dir)}}
	day := time.Date(2024, 11, 16, 20, 49, 0, 0, time.UTC)
	var all []*article.Article
	for i := range 3000 {
		a := &article.Article{ID: article.IDOf(fmt.Appendf(nil, "row %d", i)), Headline: fmt.Sprint("Story ", i),
			Body: "text", Date: day.Add(time.Duration(i) * time.Minute), Format: "markdown",
			Source: fmt.Sprintf("https://example.com/%d", i%1500)}
		a.Loc = article.Loc{Root: &root[0], Name: fmt.Sprintf("s%04d.md", i), Offset: int64(i % 3)}
		a.Path = a.Loc.Path()
		all = append(all, a)
	}
	all[2999].Undated, all[2999].Date = true, time.Time{}
	lib := NewLibrary()
	lib.Add(all...)
	lib = saveAndMap(t, lib, root, filepath.Join(t.TempDir(), "lib-r.manifest"))
	gone := article.IDOf([]byte("gone"))
	tests := []struct {
		name string
		ref  state.Ref
		want int // an index of all, or -1 for none
	}{
		{"the place", state.Ref{ID: gone, Path: all[1234].Path, Offset: all[1234].Loc.Offset, URL: all[7].Source}, 1234},
		{"the place, at another offset", state.Ref{ID: gone, Path: all[1234].Path, Offset: 9, URL: all[7].Source}, 1507},
		{"the newer of two with the URL", state.Ref{ID: gone, URL: all[100].Source}, 1600},
		{"the headline and date", state.Ref{ID: gone, Headline: "Story 42", Date: all[42].Date}, 42},
		{"the headline on another day", state.Ref{ID: gone, Headline: "Story 42", Date: all[43].Date}, -1},
		{"nothing like it", state.Ref{ID: gone, Path: "elsewhere.md", URL: "https://example.org/"}, -1},
		{"the ID", state.Ref{ID: all[5].ID}, 5},
	}
	r := lib.Resolver()
	for _, tt := range tests {
		a, ok := r.Find(tt.ref)
		single, sok := lib.Find(tt.ref)
		if tt.want < 0 {
			if ok || sok {
				t.Errorf("%s: found %v (Resolver), %v (Find)", tt.name, ok, sok)
			}
			continue
		}
		if !ok || a.ID != all[tt.want].ID || !sok || single.ID != a.ID {
			t.Errorf("%s: Resolver found %v %v, Find %v %v, want %q", tt.name, ok, a, sok, single, all[tt.want].Headline)
		}
	}
	built := 0
	for i := range lib.made.chunks {
		if c := lib.made.chunks[i].Load(); c != nil {
			for j := range c {
				if c[j].Load() != nil {
					built++
				}
			}
		}
	}
	if built > len(tests) {
		t.Errorf("%d articles built for %d look-ups", built, len(tests))
	}
}
