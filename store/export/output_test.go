package export

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
)

// TestWriteFailureKeepsOld: a write that fails partway leaves the old
// output whole and no temporary file, whether a file or a folder.
func TestWriteFailureKeepsOld(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "out.jsonl")
	must(t, os.WriteFile(file, []byte("old\n"), 0o644))
	boom := errors.New("boom")
	err := WriteFile(file, true, func(w io.Writer) error {
		io.WriteString(w, "half of the new")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("WriteFile: %v, want boom", err)
	}
	folder := filepath.Join(dir, "md")
	must(t, os.Mkdir(folder, 0o755))
	must(t, os.WriteFile(filepath.Join(folder, "a.md"), []byte("old\n"), 0o644))
	err = WriteFolder(folder, true, func(d string) error {
		must(t, os.WriteFile(filepath.Join(d, "b.md"), []byte("new\n"), 0o644))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("WriteFolder: %v, want boom", err)
	}
	if b, _ := os.ReadFile(file); string(b) != "old\n" {
		t.Errorf("the old file is now %q", b)
	}
	if names := list(t, folder); names != "a.md" {
		t.Errorf("the old folder now holds %s", names)
	}
	if names := list(t, dir); names != "md out.jsonl" {
		t.Errorf("left behind: %s", names)
	}
	// Without force, nothing is replaced; with it, all is.
	if err := WriteFile(file, false, func(io.Writer) error { return nil }); !errors.Is(err, ErrExists) {
		t.Errorf("WriteFile without force: %v", err)
	}
	must(t, WriteFolder(folder, true, func(d string) error { return os.WriteFile(filepath.Join(d, "c.md"), nil, 0o644) }))
	if names := list(t, folder); names != "c.md" {
		t.Errorf("the replaced folder holds %s", names)
	}
	if names := list(t, dir); names != "md out.jsonl" {
		t.Errorf("left behind after a replace: %s", names)
	}
}

func list(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	must(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return strings.Join(names, " ")
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestFileName(t *testing.T) {
	id := article.IDOf([]byte("x"))
	short := id.Short()
	dated := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		headline string
		undated  bool
		want     string
	}{
		{"US pressures Qatar", false, "us-pressures-qatar-" + short + ".md"},
		{"../../etc/passwd", false, "etc-passwd-" + short + ".md"},
		{"München: \x1b[2J talks", false, "münchen-2j-talks-" + short + ".md"},
		{"", false, "article-" + short + ".md"},
		{"2024-11-16 report", true, "undated-2024-11-16-report-" + short + ".md"},
		{"2024-11-16 report", false, "2024-11-16-report-" + short + ".md"},
		{strings.Repeat("word ", 40), false, strings.TrimSuffix(strings.Repeat("word-", 13), "-") + "-" + short + ".md"},
	} {
		a := &article.Article{ID: id, Headline: c.headline, Undated: c.undated}
		if !c.undated {
			a.Date = dated
		}
		if got := fileName(a, map[string]bool{}); got != c.want {
			t.Errorf("%q: %q, want %q", c.headline, got, c.want)
		}
	}
	// Two articles whose names and short IDs agree get longer IDs.
	used := map[string]bool{}
	a := &article.Article{ID: id, Headline: "Same", Date: dated}
	if first, second := fileName(a, used), fileName(a, used); first == second || !strings.HasPrefix(second, "same-"+id.String()[:12]) {
		t.Errorf("a clash: %q then %q", first, second)
	}
}
