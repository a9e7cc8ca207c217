package scan

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
)

// TestReadsOwnTheirText: files read one after another into one buffer,
// their text parsed in place (ParseClaimedView), give articles that are
// what parsing each file alone gives, once the buffer has held the next
// files: nothing kept points into it.
func TestReadsOwnTheirText(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := range 12 {
		var body string
		switch i % 4 {
		case 0:
			body = fmt.Sprintf("Saturday, November %d, 2024 08:49 PM\nSeed headline %d\nA paragraph.\nAnother one %d.\n", 1+i, i, i)
		case 1:
			body = fmt.Sprintf("---\ntitle: Front matter %d\nauthor: \"[[Writer %d]]\"\ntags: [alpha%d, beta]\nsource: https://example.com/%d\ndescription: Excerpt %d\ndate: 2024-05-0%d\n---\n\nBody %d of markdown.\n", i, i, i, i, i, 1+i%9, i)
		case 2:
			body = fmt.Sprintf("+++\ntitle = \"TOML %d\"\nauthors = [\"A %d\", \"B\"]\n+++\nText %d\n", i, i, i)
		default:
			body = fmt.Sprintf("Headline first %d\n\n%s\n", i, strings.Repeat(fmt.Sprintf("word%d ", i), 50*i))
		}
		name := fmt.Sprintf("f%02d.md", i)
		if i%4 == 0 || i%4 == 3 {
			name = fmt.Sprintf("f%02d.txt", i)
		}
		files[name] = body
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root := &article.Root{FS: os.DirFS(dir), Name: dir}
	var bufs Buffers
	var got []*article.Article
	for name := range files {
		as, _, err := Read(root, name, &bufs)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, as...)
	}
	for _, a := range got {
		fi, err := os.Stat(filepath.Join(dir, a.Loc.Name))
		if err != nil {
			t.Fatal(err)
		}
		want, err := article.ParseUncounted(a.Loc.Name, []byte(files[a.Loc.Name]), fi.ModTime())
		if err != nil || len(want) != 1 {
			t.Fatalf("%s: %v", a.Loc.Name, err)
		}
		w := want[0]
		w.Loc, w.Path, w.Folder, w.ModTime, w.Format = a.Loc, a.Path, a.Folder, a.ModTime, a.Format
		a.ModTime, w.ModTime = time.Time{}, time.Time{}
		if !reflect.DeepEqual(*a, w) {
			t.Errorf("%s: read with others\n%+v\nalone\n%+v", a.Loc.Name, *a, w)
		}
	}
}
