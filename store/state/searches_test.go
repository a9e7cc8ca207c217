package state

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSearchesRoundTrip: searches saved, replaced and removed read back
// from the file as they were left; a name is one search whatever its
// case, two instances' saves are both kept, and members this build does
// not know survive, with the file's permissions.
func TestSearchesRoundTrip(t *testing.T) {
	dir := t.TempDir()
	one := must(OpenSearches(dir))
	two := must(OpenSearches(dir)) // another instance, opened before any save
	for _, s := range []struct{ name, query string }{
		{"Gaza", "gaza -sport"}, {"energy  prices", "oil OR gas"}, {"gaza", "gaza -sport after:2024"},
	} {
		if err := one.Save(s.name, s.query); err != nil {
			t.Fatal(err)
		}
	}
	if err := two.Save("Brexit", "brexit"); err != nil {
		t.Fatal(err)
	}
	if ok, err := one.Remove("ENERGY PRICES"); !ok || err != nil {
		t.Fatalf("Remove = %v, %v", ok, err)
	}
	if ok, _ := one.Remove("never saved"); ok {
		t.Error("Remove found a search never saved")
	}
	path := filepath.Join(dir, SearchesFile)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// A member of a newer build, at the top and in an entry.
	data = []byte(strings.Replace(string(data), `"version": 1,`, `"version": 1, "colour": "blue",`, 1))
	data = []byte(strings.Replace(string(data), `"name": "Brexit",`, `"name": "Brexit", "pinned": true,`, 1))
	if err := os.WriteFile(path, data, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	again := must(OpenSearches(dir))
	got := again.List()
	if len(got) != 2 || got[0].Name != "Brexit" || got[0].Query != "brexit" ||
		got[1].Name != "gaza" || got[1].Query != "gaza -sport after:2024" || got[1].Saved.IsZero() {
		t.Fatalf("read back %+v", got)
	}
	if err := again.Save("later", "x"); err != nil {
		t.Fatal(err)
	}
	data, _ = os.ReadFile(path)
	if !strings.Contains(string(data), `"colour": "blue"`) || !strings.Contains(string(data), `"pinned": true`) {
		t.Errorf("unknown members lost:\n%s", data)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o640 {
		t.Errorf("permissions after a save: %v, %v", fi.Mode(), err)
	}
}

// TestSearchesRefuse: a bad name or an empty query is an error that
// writes nothing, and a file that does not read is never written over.
func TestSearchesRefuse(t *testing.T) {
	dir := t.TempDir()
	s := must(OpenSearches(dir))
	for _, bad := range [][2]string{{"", "x"}, {"!!!", "x"}, {strings.Repeat("n", 65), "x"}, {"ok", "  "}} {
		if err := s.Save(bad[0], bad[1]); err == nil {
			t.Errorf("Save(%q, %q) took it", bad[0], bad[1])
		}
	}
	if _, err := os.Stat(filepath.Join(dir, SearchesFile)); !os.IsNotExist(err) {
		t.Errorf("a refused save wrote the file: %v", err)
	}
	if name, ok := CleanSearchName("a\x1b[2Jb \n c"); !ok || strings.ContainsAny(name, "\x1b\n") {
		t.Errorf("CleanSearchName kept a control character: %q", name)
	}
	path := filepath.Join(dir, SearchesFile)
	broken := []byte(`{"version": 1, "searches": [{"name": "a", "query": "x"},`)
	if err := os.WriteFile(path, broken, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenSearches(dir); err == nil {
		t.Error("a truncated file read without an error")
	}
	s2, _ := OpenSearches(dir)
	if err := s2.Save("b", "y"); err == nil {
		t.Error("a save over a broken file succeeded")
	}
	if data, _ := os.ReadFile(path); string(data) != string(broken) {
		t.Errorf("the broken file was written over: %s", data)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
