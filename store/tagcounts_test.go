package store

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
)

// TestTagCounts: own and given tags count once an article whatever
// their spelling, unread apart, over segment rows and the tail alike.
func TestTagCounts(t *testing.T) {
	dir := t.TempDir()
	root := []article.Root{{Key: dir, Name: dir, FS: os.DirFS(dir)}}
	var all []*article.Article
	for i := range 30 {
		a := &article.Article{ID: article.IDOf(fmt.Appendf(nil, "tc %d", i)), Headline: fmt.Sprint("Story ", i),
			Body: "text", Date: time.Date(2024, 11, 1, i, 0, 0, 0, time.UTC), Format: "markdown"}
		if i%2 == 0 {
			a.Tags = []string{"Middle East", "middle-east"} // one tag, twice
		}
		if i%3 == 0 {
			a.Tags = append(a.Tags, "Energy")
		}
		a.Loc = article.Loc{Root: &root[0], Name: fmt.Sprintf("t%02d.md", i)}
		a.Path = a.Loc.Path()
		all = append(all, a)
	}
	lib := NewLibrary()
	lib.Add(all[:20]...)
	lib = saveAndMap(t, lib, root, filepath.Join(t.TempDir(), "lib-t.manifest"))
	lib.Add(all[20:]...)
	user := func(id article.ID) []string {
		if id == all[1].ID || id == all[25].ID {
			return []string{"energy", "to read"}
		}
		return nil
	}
	read := func(id article.ID) bool { return id == all[0].ID || id == all[1].ID }
	got := lib.TagCounts(user, read)
	want := []TagCount{{"Middle East", 15, 14}, {"Energy", 12, 10}, {"to read", 2, 1}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("TagCounts = %v, want %v", got, want)
	}
}
