package state

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
)

func bkMark(key, headline string, date time.Time) Bookmark {
	return Bookmark{ID: article.IDOf([]byte(key)), Headline: headline, Date: date, Path: "folder/" + key + ".txt"}
}

func bkOpen(t *testing.T, dir string) *Bookmarks {
	t.Helper()
	b, err := OpenBookmarks(dir)
	if err != nil {
		t.Fatalf("OpenBookmarks(%s): %v", dir, err)
	}
	return b
}

func bkSet(t *testing.T, b *Bookmarks, bm Bookmark, on bool) {
	t.Helper()
	if err := b.Set(bm, on); err != nil {
		t.Fatalf("Set(%s, %v): %v", bm.Headline, on, err)
	}
}

func bkListIDs(b *Bookmarks) []article.ID {
	var ids []article.ID
	for _, bm := range b.List() {
		ids = append(ids, bm.ID)
	}
	return ids
}

// bkNoTemps fails if a temporary file was left in dir.
func bkNoTemps(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestBookmarksRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "broadsheet") // made on first save
	b := bkOpen(t, dir)
	if b.Len() != 0 || len(b.List()) != 0 {
		t.Fatalf("new bookmarks hold %d", b.Len())
	}
	if want := filepath.Join(dir, BookmarksFile); b.Path() != want {
		t.Errorf("Path = %s, want %s", b.Path(), want)
	}

	newest := bkMark("newest", "Newest", time.Date(2024, 11, 20, 10, 0, 0, 0, time.UTC))
	tieA := Bookmark{ID: article.ID{0x01}, Headline: "Tie A", Date: time.Date(2024, 11, 16, 20, 49, 0, 0, time.UTC)}
	tieB := Bookmark{ID: article.ID{0x02}, Headline: "Tie B", Date: time.Date(2024, 11, 16, 20, 49, 0, 0, time.UTC)}
	undated := bkMark("undated", "Undated", time.Time{})
	for _, bm := range []Bookmark{undated, tieB, newest, tieA} {
		bkSet(t, b, bm, true)
	}
	want := []article.ID{newest.ID, tieA.ID, tieB.ID, undated.ID}
	if got := bkListIDs(b); !slices.Equal(got, want) {
		t.Errorf("List = %v, want %v", got, want)
	}

	b2 := bkOpen(t, dir)
	if got := bkListIDs(b2); !slices.Equal(got, want) {
		t.Errorf("after reopening, List = %v, want %v", got, want)
	}
	for _, bm := range b2.List() {
		if !b2.Has(bm.ID) {
			t.Errorf("Has(%s) = false", bm.Headline)
		}
		if bm.Added.IsZero() || !bm.Added.Equal(bm.Added.Truncate(time.Second)) || time.Since(bm.Added) > time.Hour {
			t.Errorf("%s: Added = %v", bm.Headline, bm.Added)
		}
	}
	got := b2.List()[0]
	if got.ID != newest.ID || got.Headline != newest.Headline || got.Path != newest.Path || !got.Date.Equal(newest.Date) {
		t.Errorf("read back %+v, want %+v", got, newest)
	}

	// Setting again keeps when it was first added.
	added := got.Added
	again := newest
	again.Added = added.Add(time.Hour)
	bkSet(t, b2, again, true)
	if bm := bkOpen(t, dir).List()[0]; !bm.Added.Equal(added) {
		t.Errorf("Added changed from %v to %v", added, bm.Added)
	}

	bkSet(t, b2, tieA, false)
	bkSet(t, b2, bkMark("never set", "Never", time.Time{}), false)
	if b2.Has(tieA.ID) {
		t.Error("Has after Set off")
	}
	b3 := bkOpen(t, dir)
	if want := []article.ID{newest.ID, tieB.ID, undated.ID}; !slices.Equal(bkListIDs(b3), want) {
		t.Errorf("after Set off, List = %v, want %v", bkListIDs(b3), want)
	}

	// The file is JSON a person or a script can read.
	data, err := os.ReadFile(b.Path())
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Version   int `json:"version"`
		Bookmarks []struct {
			ID       string    `json:"id"`
			Headline string    `json:"headline"`
			Date     time.Time `json:"date"`
			Path     string    `json:"path"`
			Added    time.Time `json:"added"`
		} `json:"bookmarks"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatalf("bookmarks file is not JSON: %v\n%s", err, data)
	}
	if f.Version != 1 || len(f.Bookmarks) != 3 {
		t.Errorf("file has version %d and %d bookmarks:\n%s", f.Version, len(f.Bookmarks), data)
	}
	for _, j := range f.Bookmarks {
		if _, ok := article.ParseID(j.ID); !ok || j.Headline == "" || j.Added.IsZero() {
			t.Errorf("bookmark in file: %+v", j)
		}
	}
	bkNoTemps(t, dir)
}

func TestBookmarksMergeInstances(t *testing.T) {
	dir := t.TempDir()
	x, y := bkMark("x", "X", libDay(1)), bkMark("y", "Y", libDay(2))
	z, w := bkMark("z", "Z", libDay(3)), bkMark("w", "W", libDay(4))
	b1, b2 := bkOpen(t, dir), bkOpen(t, dir)
	bkSet(t, b1, x, true)
	bkSet(t, b2, y, true)
	if got := bkListIDs(bkOpen(t, dir)); !slices.Equal(got, []article.ID{y.ID, x.ID}) {
		t.Errorf("after two instances saved, List = %v, want Y and X", got)
	}
	// A save picks up what the other instance wrote meanwhile.
	bkSet(t, b1, z, true)
	if !b1.Has(y.ID) {
		t.Error("b1 does not see b2's bookmark after saving")
	}
	// A removal by one instance is not undone by the other's next save.
	bkSet(t, b2, x, false)
	bkSet(t, b1, w, true)
	if got := bkListIDs(bkOpen(t, dir)); !slices.Equal(got, []article.ID{w.ID, z.ID, y.ID}) {
		t.Errorf("List = %v, want W, Z and Y", got)
	}
}

func TestBookmarksConcurrentInstances(t *testing.T) {
	dir := t.TempDir()
	const n = 20
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, err := OpenBookmarks(dir)
			if err != nil {
				errs <- err
				return
			}
			errs <- b.Set(bkMark(fmt.Sprint("article ", i), fmt.Sprint("Article ", i), libDay(1+i)), true)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	b := bkOpen(t, dir)
	if b.Len() != n {
		t.Errorf("%d bookmarks survived of %d", b.Len(), n)
	}
	for i := range n {
		if !b.Has(article.IDOf([]byte(fmt.Sprint("article ", i)))) {
			t.Errorf("bookmark %d lost", i)
		}
	}
	bkNoTemps(t, dir)
}

func TestBookmarksBadFile(t *testing.T) {
	tests := []struct {
		name, content string
	}{
		{"garbage", "this is not JSON {"},
		{"empty", ""},
		{"blank", " \n\t\n"},
		{"newer version", `{"version": 99, "bookmarks": []}`},
		{"no version", `{"bookmarks": []}`},
		{"bad ID", `{"version": 1, "bookmarks": [{"id": "xyz", "headline": "H"}]}`},
		{"JSON of another shape", `[1, 2, 3]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, BookmarksFile)
			if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			b, err := OpenBookmarks(dir)
			if err == nil || !strings.Contains(err.Error(), path) {
				t.Errorf("OpenBookmarks error %v, want one naming %s", err, path)
			}
			if b == nil {
				t.Fatal("OpenBookmarks returned no bookmarks to use read-only")
			}
			if b.Len() != 0 || b.Has(article.IDOf([]byte("x"))) {
				t.Errorf("broken bookmarks hold %d", b.Len())
			}
			if err := b.Set(bkMark("x", "X", libDay(1)), true); err == nil {
				t.Error("Set on a broken file succeeded")
			}
			if err := b.Set(bkMark("x", "X", libDay(1)), false); err == nil {
				t.Error("Set off on a broken file succeeded")
			}
			if data, err := os.ReadFile(path); err != nil || string(data) != tt.content {
				t.Errorf("the file changed to %q (%v)", data, err)
			}
			bkNoTemps(t, dir)
		})
	}
}

func TestBookmarksFileBrokenAfterOpen(t *testing.T) {
	dir := t.TempDir()
	b := bkOpen(t, dir)
	bkSet(t, b, bkMark("x", "X", libDay(1)), true)
	garbage := []byte("{ truncated")
	if err := os.WriteFile(b.Path(), garbage, 0o644); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		err := b.Set(bkMark("y", "Y", libDay(2)), true)
		if err == nil || !strings.Contains(err.Error(), b.Path()) {
			t.Errorf("Set over a broken file: %v", err)
		}
	}
	if data, _ := os.ReadFile(b.Path()); !bytes.Equal(data, garbage) {
		t.Errorf("the broken file was overwritten with %q", data)
	}
}

func TestBookmarksResolve(t *testing.T) {
	dir := t.TempDir()
	b := bkOpen(t, dir)
	a1 := Bookmark{ID: article.ID{0xa1, 0x11}, Headline: "a1"}
	a2 := Bookmark{ID: article.ID{0xa2, 0x22}, Headline: "a2"}
	c := Bookmark{ID: article.ID{0x12, 0x34}, Headline: "c"}
	for _, bm := range []Bookmark{a1, a2, c} {
		bkSet(t, b, bm, true)
	}
	b = bkOpen(t, dir)
	tests := []struct {
		prefix string
		want   string
		err    error
	}{
		{prefix: "a1", want: "a1"},
		{prefix: "a2", want: "a2"},
		{prefix: "1", want: "c"},
		{prefix: a1.ID.String(), want: "a1"},
		{prefix: c.ID.Short(), want: "c"},
		{prefix: "a", err: article.ErrAmbiguous},
		{prefix: "", err: article.ErrNotFound},
		{prefix: "f", err: article.ErrNotFound},
		{prefix: "zz", err: article.ErrNotFound},
		{prefix: a1.ID.String() + "0", err: article.ErrNotFound},
		{prefix: "\x1b[31m", err: article.ErrNotFound},
	}
	for _, tt := range tests {
		got, err := b.Resolve(tt.prefix)
		if tt.err != nil {
			if !errors.Is(err, tt.err) {
				t.Errorf("Resolve(%q) = %+v, %v; want %v", tt.prefix, got, err, tt.err)
			} else if strings.ContainsRune(err.Error(), '\x1b') {
				t.Errorf("Resolve(%q) error %q holds a control character", tt.prefix, err)
			}
			continue
		}
		if err != nil || got.Headline != tt.want {
			t.Errorf("Resolve(%q) = %+v, %v; want %s", tt.prefix, got, err, tt.want)
		}
	}
}

// TestBookmarksResolveAnyCase checks that bookmarks accept an ID prefix in
// any case, as Library.Resolve does: "bookmark rm" tries the bookmarks
// first, and the library cannot help when the article is gone.
func TestBookmarksResolveAnyCase(t *testing.T) {
	dir := t.TempDir()
	b := bkOpen(t, dir)
	bm := Bookmark{ID: article.ID{0xab, 0xcd}, Headline: "ab"}
	bkSet(t, b, bm, true)
	for _, prefix := range []string{"ABCD", "AbCd", strings.ToUpper(bm.ID.String())} {
		if got, err := b.Resolve(prefix); err != nil || got.ID != bm.ID {
			t.Errorf("Resolve(%q) = %+v, %v", prefix, got, err)
		}
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "file.json")
	for _, content := range []string{"first\n", "second, longer\n", ""} {
		if err := WriteFileAtomic(path, []byte(content)); err != nil {
			t.Fatal(err)
		}
		if data, err := os.ReadFile(path); err != nil || string(data) != content {
			t.Errorf("read back %q, %v; want %q", data, err, content)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != "file.json" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %q, want only file.json", names)
	}

	// A rename that fails (over a folder) leaves no temporary file.
	folder := filepath.Join(dir, "folder")
	if err := os.MkdirAll(filepath.Join(folder, "inside"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(folder, []byte("x")); err == nil || !strings.Contains(err.Error(), folder) {
		t.Errorf("writing over a folder: %v", err)
	}
	bkNoTemps(t, dir)

	if err := WriteFileAtomic(filepath.Join(dir, "missing", "f"), []byte("x")); err == nil {
		t.Error("writing into a missing folder succeeded")
	}
}

func TestWriteFileAtomicUnwritableFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores folder permissions")
	}
	dir := t.TempDir()
	b := bkOpen(t, dir)
	bkSet(t, b, bkMark("x", "X", libDay(1)), true)
	before, err := os.ReadFile(b.Path())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })

	if err := WriteFileAtomic(filepath.Join(dir, "new.json"), []byte("x")); err == nil || !strings.Contains(err.Error(), dir) {
		t.Errorf("WriteFileAtomic in a read-only folder: %v", err)
	}
	if err := b.Set(bkMark("y", "Y", libDay(2)), true); err == nil {
		t.Error("Set in a read-only folder succeeded")
	}
	if after, _ := os.ReadFile(b.Path()); !bytes.Equal(after, before) {
		t.Errorf("the file changed to %q", after)
	}
	bkNoTemps(t, dir)
}

// TestBrokenBookmarksKeptCopy: a bookmarks file that cannot be understood
// is copied aside, once, and the error says where; the file itself is
// never touched.
func TestBrokenBookmarksKeptCopy(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, BookmarksFile)
	garbage := []byte(`{"version": 1, "bookmarks": [{"id": "zz`)
	if err := os.WriteFile(file, garbage, 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := OpenBookmarks(dir)
	if err == nil || !strings.Contains(err.Error(), file) || !strings.Contains(err.Error(), "a copy is kept in") {
		t.Fatalf("OpenBookmarks error %v, want one naming the file and the copy", err)
	}
	copies, _ := filepath.Glob(file + ".broken-*")
	if len(copies) != 1 {
		t.Fatalf("copies %v, want one", copies)
	}
	if got, _ := os.ReadFile(copies[0]); !bytes.Equal(got, garbage) {
		t.Errorf("the copy holds %q", got)
	}
	if err := b.Set(Bookmark{ID: article.IDOf([]byte("x"))}, true); err == nil {
		t.Error("Set saved over a broken file")
	}
	OpenBookmarks(dir)
	if copies, _ := filepath.Glob(file + ".broken-*"); len(copies) != 1 {
		t.Errorf("a second open made another copy: %v", copies)
	}
	if got, _ := os.ReadFile(file); !bytes.Equal(got, garbage) {
		t.Error("the broken file was changed")
	}
}

func libDay(d int) time.Time { return time.Date(2024, time.November, d, 12, 0, 0, 0, time.UTC) }
