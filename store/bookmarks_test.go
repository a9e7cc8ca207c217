package store

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/state"
)

func bkMark(key, headline string, date time.Time) state.Bookmark {
	return state.Bookmark{ID: article.IDOf([]byte(key)), Headline: headline, Date: date, Path: "folder/" + key + ".txt"}
}

func bkOpen(t *testing.T, dir string) *state.Bookmarks {
	t.Helper()
	b, err := state.OpenBookmarks(dir)
	if err != nil {
		t.Fatalf("OpenBookmarks(%s): %v", dir, err)
	}
	return b
}

func bkSet(t *testing.T, b *state.Bookmarks, bm state.Bookmark, on bool) {
	t.Helper()
	if err := b.Set(bm, on); err != nil {
		t.Fatalf("Set(%s, %v): %v", bm.Headline, on, err)
	}
}

func TestBookmarkSurvivesMove(t *testing.T) {
	a, b, data := t.TempDir(), t.TempDir(), t.TempDir()
	old := loadWrite(t, a, "2024/11/story.txt", loadSeedQatar, time.Time{})

	lib1, _ := loadRun(t, context.Background(), []article.Root{{FS: os.DirFS(a), Name: a}})
	arts := lib1.Search(query.Parse("qatar"), SearchOptions{}).Articles()
	if len(arts) != 1 {
		t.Fatalf("found %d articles in %s", len(arts), a)
	}
	marks := bkOpen(t, data)
	bkSet(t, marks, state.BookmarkOf(arts[0]), true)

	renamed := filepath.Join(b, "sub", "renamed.txt")
	if err := os.MkdirAll(filepath.Dir(renamed), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(old, renamed); err != nil {
		t.Fatal(err)
	}
	lib2, _ := loadRun(t, context.Background(), []article.Root{{FS: os.DirFS(b), Name: b}})
	moved := lib2.Search(query.Query{}, SearchOptions{}).Articles()
	if len(moved) != 1 || moved[0].Path != renamed {
		t.Fatalf("after the move, loaded %d articles: %v", len(moved), moved)
	}
	if moved[0].ID != arts[0].ID {
		t.Errorf("ID changed from %s to %s when the file moved", arts[0].ID, moved[0].ID)
	}
	marks = bkOpen(t, data)
	if !marks.Has(moved[0].ID) {
		t.Error("the moved article is not bookmarked")
	}
	if got := lib2.Search(query.Query{}, SearchOptions{Only: marks.Has}).Articles(); len(got) != 1 {
		t.Errorf("the bookmarks view shows %d articles", len(got))
	}
}

func TestBookmarkOfMissingArticleKept(t *testing.T) {
	dir := t.TempDir()
	lib := NewLibrary()
	present := libArticle("present", "Present", "text", libDay(2))
	lib.Add(present)
	missing := bkMark("missing", "Gone from the library", libDay(1))

	b := bkOpen(t, dir)
	bkSet(t, b, missing, true)
	bkSet(t, b, state.BookmarkOf(present), true)
	bkSet(t, b, state.BookmarkOf(present), false)
	bkSet(t, b, bkMark("other", "Other", libDay(3)), true)

	b = bkOpen(t, dir)
	if _, ok := lib.Get(missing.ID); ok {
		t.Fatal("fixture: the missing article is in the library")
	}
	if !b.Has(missing.ID) || !slices.ContainsFunc(b.List(), func(bm state.Bookmark) bool { return bm.ID == missing.ID }) {
		t.Fatalf("the bookmark of a missing article was dropped: %v", b.List())
	}
	if got, err := b.Resolve(missing.ID.Short()); err != nil || got.Headline != missing.Headline || got.Path != missing.Path {
		t.Errorf("Resolve = %+v, %v", got, err)
	}
}
