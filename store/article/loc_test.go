package article

import "testing"

// TestAppendDisplayPathIsDisplayPath: the quick join gives DisplayPath's
// answer for every root as typed and every name, clean or not.
func TestAppendDisplayPathIsDisplayPath(t *testing.T) {
	roots := []string{"", ".", "./", "news", "news/", "./news", "news//2024", "/", "/tmp/news", "/tmp/news/",
		"..", "../news", "a/../b", "a/..", "~/news", "news/."}
	names := []string{"a.txt", "2024/01/a.txt", "./a.txt", "a//b.txt", "a/./b", "a/../b", "../a", "/a",
		"a/", ".", "..", "", ".hidden/a.md", "a b/c d.txt", "é/ü.txt", "a/..b/c", "...", "a/b/.."}
	for _, rn := range roots {
		r := &Root{Name: rn}
		for _, name := range names {
			want := r.DisplayPath(name)
			if got := string(r.AppendDisplayPath([]byte("x"), r.DisplayDir(), name)); got != "x"+want {
				t.Errorf("root %q, name %q: %q, want x%q", rn, name, got, want)
			}
		}
	}
}
