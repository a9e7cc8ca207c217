package store

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/query"
)

// TestHugeFilesAreCut: a 50 MB file and a file whose one line is 2 MB load
// as articles cut at MaxArticleSize, say so, and never read whole.
func TestHugeFilesAreCut(t *testing.T) {
	dir := t.TempDir()
	line := "Paragraph about the talks in Doha, with Café and £600m in it.\n"
	big := "Monday, March 4, 2024 10:00 AM\nA very long report\n" + strings.Repeat(line, 50<<20/len(line))
	writeFile(t, filepath.Join(dir, "big.txt"), big)
	// Same start, other end: still another article.
	writeFile(t, filepath.Join(dir, "big2.txt"), big[:len(big)-len(line)]+"The end differs.\n")
	oneLine := strings.Repeat("wörd ", 2<<20/6)
	writeFile(t, filepath.Join(dir, "line.txt"), oneLine)

	lib, _ := loadWith(t, dir, "")
	res := lib.Search(query.Query{}, SearchOptions{})
	if len(res.Articles()) != 3 {
		t.Fatalf("%d articles, want 3: %v", len(res.Articles()), lib.Skipped())
	}
	for _, a := range res.Articles() {
		fi, _ := os.Stat(a.Path)
		if !a.Cut || a.Size != fi.Size() {
			t.Errorf("%s: cut %v, size %d of %d", a.Path, a.Cut, a.Size, fi.Size())
		}
		full, err := lib.Open(a)
		if err != nil {
			t.Fatal(err)
		}
		// The body may outgrow the bytes read by the blank lines put
		// between paragraphs, never by more than that.
		if len(full.Body) > article.MaxArticleSize*9/8 || !utf8.ValidString(full.Body) || full.ID != a.ID {
			t.Errorf("%s: body of %d bytes, valid %v, article.ID kept %v", a.Path, len(full.Body), utf8.ValidString(full.Body), full.ID == a.ID)
		}
		if md := full.Markdown(); !strings.Contains(md, "This article was cut") {
			t.Errorf("%s: the reader does not say the article was cut", a.Path)
		}
	}
	if a := lib.Search(query.Parse("cafe 600m"), SearchOptions{}); len(a.Articles()) != 2 {
		t.Errorf("the cut articles' text is not searchable: %d found", len(a.Articles()))
	}
}

func (v vanishingFS) Open(name string) (fs.File, error) {
	if v.gone[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return v.FS.Open(name)
}

func TestFilesVanishingWhileLoading(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		writeFile(t, filepath.Join(dir, name), "Monday, March 4, 2024 10:00 AM\nStory "+name+"\nBody.\n")
	}
	lib := NewLibrary()
	roots := []article.Root{{FS: vanishingFS{os.DirFS(dir), map[string]bool{"b.txt": true}}, Name: dir}}
	lib.Load(context.Background(), roots, nil)
	if lib.Len() != 2 {
		t.Errorf("%d articles loaded, want the 2 still there", lib.Len())
	}
	skips := lib.Skipped()
	if len(skips) != 1 || !strings.Contains(skips[0].String(), "b.txt: ") || !errors.Is(skips[0].Err, fs.ErrNotExist) {
		t.Errorf("skipped %v, want b.txt, not found", skips)
	}
}

// vanishingFS lists files that are gone by the time they are opened, as
// when a sync tool deletes them while broadsheet loads.
type vanishingFS struct {
	fs.FS
	gone map[string]bool
}
