package state

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStateFileThroughSymlink: a bookmarks file linked from a dotfiles or
// sync folder keeps being the link, and its target gets every change.
func TestStateFileThroughSymlink(t *testing.T) {
	dir, sync := t.TempDir(), t.TempDir()
	target := filepath.Join(sync, "marks.json")
	link := filepath.Join(dir, BookmarksFile)
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	b := bkOpen(t, dir) // a dangling link: the target is made on first save
	bkSet(t, b, bkMark("x", "X", libDay(1)), true)
	bkSet(t, bkOpen(t, dir), bkMark("y", "Y", libDay(2)), true)
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v, %v", fi.Mode(), err)
	}
	data, err := os.ReadFile(target)
	if err != nil || !bytes.Contains(data, []byte(`"X"`)) || !bytes.Contains(data, []byte(`"Y"`)) {
		t.Errorf("the target holds %q, %v", data, err)
	}
	bkNoTemps(t, dir)
	bkNoTemps(t, sync)
}

// TestStateFileKeepsMode: a file the user made readable by others (or
// private) keeps its permissions; a new one is 0644.
func TestStateFileKeepsMode(t *testing.T) {
	dir := t.TempDir()
	b := bkOpen(t, dir)
	bkSet(t, b, bkMark("x", "X", libDay(1)), true)
	if fi, err := os.Stat(b.Path()); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("a new file has mode %v, %v; want 0644", fi.Mode().Perm(), err)
	}
	for _, mode := range []os.FileMode{0o640, 0o600, 0o664} {
		if err := os.Chmod(b.Path(), mode); err != nil {
			t.Fatal(err)
		}
		bkSet(t, b, bkMark("y", "Y", libDay(2)), true)
		if fi, err := os.Stat(b.Path()); err != nil || fi.Mode().Perm() != mode {
			t.Errorf("after a save the mode is %v, %v; want %v", fi.Mode().Perm(), err, mode)
		}
	}
}

// TestStateFileKeepsUnknownFields: what a newer broadsheet or the user
// added to a file is written back, at the top and in each entry.
func TestStateFileKeepsUnknownFields(t *testing.T) {
	dir := t.TempDir()
	x := bkMark("x", "X", libDay(1))
	file := filepath.Join(dir, BookmarksFile)
	in := `{"version": 1, "synced": {"by": "me"}, "bookmarks": [
		{"id": "` + x.ID.String() + `", "headline": "X", "note": "read later", "ID": "shadow", "stars": [1, 2]}]}`
	if err := os.WriteFile(file, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	b := bkOpen(t, dir)
	bkSet(t, b, bkMark("y", "Y", libDay(2)), true)
	bkSet(t, b, x, true) // set again from a fresh Bookmark: its extras stay
	var f struct {
		Synced    map[string]string            `json:"synced"`
		Bookmarks []map[string]json.RawMessage `json:"bookmarks"`
	}
	data, _ := os.ReadFile(file)
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if f.Synced["by"] != "me" {
		t.Errorf("the top-level field was dropped:\n%s", data)
	}
	found := false
	for _, e := range f.Bookmarks {
		if string(e["id"]) == `"`+x.ID.String()+`"` {
			found = true
			if string(e["note"]) != `"read later"` || string(e["ID"]) != `"shadow"` || !bytes.Equal(compact(e["stars"]), []byte("[1,2]")) {
				t.Errorf("the entry's own fields were dropped:\n%s", data)
			}
		}
	}
	if !found || len(f.Bookmarks) != 2 {
		t.Errorf("bookmarks written:\n%s", data)
	}

	rfile := filepath.Join(dir, ReadStateFile)
	rin := `{"version": 1, "read": {"` + x.ID.String() + `": "2024-11-01T00:00:00Z"}, "device": "laptop"}`
	os.WriteFile(rfile, []byte(rin), 0o644)
	r, err := OpenReadState(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Set(bkMark("y", "Y", libDay(2)).ID, true); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(rfile); !bytes.Contains(data, []byte(`"device": "laptop"`)) {
		t.Errorf("read state dropped a field:\n%s", data)
	}
}

// TestStateFileDuplicatesAreCorrupt: a file that says two things of one
// key cannot be understood, and is treated as any broken file.
func TestStateFileDuplicatesAreCorrupt(t *testing.T) {
	x := bkMark("x", "X", libDay(1)).ID.String()
	tests := []struct{ name, file, content string }{
		{"same bookmark twice", BookmarksFile, `{"version": 1, "bookmarks": [{"id": "` + x + `"}, {"id": "` + x + `"}]}`},
		{"same bookmark in two cases", BookmarksFile, `{"version": 1, "bookmarks": [{"id": "` + x + `"}, {"id": "` + strings.ToUpper(x) + `"}]}`},
		{"key twice in an entry", BookmarksFile, `{"version": 1, "bookmarks": [{"id": "` + x + `", "headline": "a", "headline": "b"}]}`},
		{"top-level key twice", BookmarksFile, `{"version": 1, "bookmarks": [], "bookmarks": []}`},
		{"read twice", ReadStateFile, `{"version": 1, "read": {"` + x + `": "2024-11-01T00:00:00Z", "` + x + `": "2024-11-02T00:00:00Z"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, tt.file)
			os.WriteFile(file, []byte(tt.content), 0o644)
			var err, serr error
			if tt.file == BookmarksFile {
				var b *Bookmarks
				b, err = OpenBookmarks(dir)
				serr = b.Set(bkMark("y", "Y", libDay(2)), true)
			} else {
				var r *ReadState
				r, err = OpenReadState(dir)
				serr = r.Set(bkMark("y", "Y", libDay(2)).ID, true)
			}
			if err == nil || !strings.Contains(err.Error(), "a copy is kept in") {
				t.Errorf("open: %v", err)
			}
			if serr == nil {
				t.Error("saved over a file with duplicates")
			}
			if got, _ := os.ReadFile(file); string(got) != tt.content {
				t.Errorf("the file changed to %s", got)
			}
		})
	}
}

// TestStateFileTooBig: a huge state file is refused without being read
// or copied, and the error names it and its size.
func TestStateFileTooBig(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, BookmarksFile)
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"version": 1, "bookmarks": []}`)
	if err := f.Truncate(maxStateFileSize + 1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	b, err := OpenBookmarks(dir)
	if err == nil || !strings.Contains(err.Error(), file) || !strings.Contains(err.Error(), "64 MB") {
		t.Fatalf("open: %v", err)
	}
	if copies, _ := filepath.Glob(file + ".broken-*"); len(copies) != 0 {
		t.Errorf("a huge file was copied: %v", copies)
	}
	if err := b.Set(bkMark("y", "Y", libDay(2)), true); err == nil {
		t.Error("saved over a huge file")
	}
	if fi, _ := os.Stat(file); fi.Size() != maxStateFileSize+1 {
		t.Errorf("the file is now %d bytes", fi.Size())
	}
}

func compact(raw []byte) []byte {
	var b bytes.Buffer
	json.Compact(&b, raw)
	return b.Bytes()
}

func writeFile(path string, data []byte) error { return os.WriteFile(path, data, 0o644) }
