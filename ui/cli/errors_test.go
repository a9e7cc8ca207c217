package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestErrorsSayWhatIsWrong: a target that is no article says what it is
// instead (no such file, a folder, a file where an ID goes), and what to
// give instead; never "no article has that ID" for a path.
func TestErrorsSayWhatIsWrong(t *testing.T) {
	dir := corpus(t)
	file := filepath.Join(dir, "2024/11/qatar.txt")
	out, _, _ := runCLI(t, "list", "--filter", "title:doha", dir)
	id := strings.Split(out, "\t")[0]
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{[]string{"show", "/nonexistent"}, []string{"/nonexistent: no such file or folder"}},
		{[]string{"show", "missing.md", dir}, []string{"missing.md: no such file or folder"}},
		{[]string{"show", dir}, []string{dir + " is a folder", "give a file, or an ID"}},
		{[]string{"related", "/nonexistent", dir}, []string{"/nonexistent: no such file or folder"}},
		{[]string{"related", dir}, []string{dir + " is a folder", "article ID"}},
		{[]string{"related", file, dir}, []string{file + " is a file", "broadsheet list " + file}},
		{[]string{"bookmark", "add", file, "--in", dir}, []string{file + " is a file", "broadsheet list " + file}},
		// Several problems at once: each is reported, one line each.
		{[]string{"show", "/nonexistent", "/no/folder", "/no/other"}, []string{
			"broadsheet: /nonexistent: no such file or folder\n",
			"broadsheet: /no/folder: no such file or folder\n",
			"broadsheet: /no/other: no such file or folder\n"}},
		{[]string{"show", id, "/no/folder", "/no/other"}, []string{
			"broadsheet: /no/folder: no such file or folder\n",
			"broadsheet: /no/other: no such file or folder\n"}},
		{[]string{"related", "zz", "/no/folder"}, []string{
			"zz", "no article has that ID\n",
			"broadsheet: /no/folder: no such file or folder\n"}},
		{[]string{"list", "/no/folder", dir, "/no/other"}, []string{
			"broadsheet: /no/folder: no such file or folder\n",
			"broadsheet: /no/other: no such file or folder\n"}},
	} {
		out, errOut, code := runCLI(t, tt.args...)
		if code != 1 || out != "" {
			t.Errorf("%q: exit %d, stdout %q", tt.args, code, out)
		}
		if strings.Contains(errOut, "no article has that ID") && tt.args[1] != "zz" {
			t.Errorf("%q says %q", tt.args, errOut)
		}
		for _, w := range tt.want {
			if !strings.Contains(errOut, w) {
				t.Errorf("%q: stderr %q lacks %q", tt.args, errOut, w)
			}
		}
	}
}

// TestBookmarkChecksEveryIDFirst: bookmark add and rm change nothing
// when any ID is bad, and name every bad one.
func TestBookmarkChecksEveryIDFirst(t *testing.T) {
	dir, data := corpus(t), t.TempDir()
	out, _, _ := runCLI(t, "list", dir)
	var ids []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		ids = append(ids, strings.Split(l, "\t")[0])
	}
	bookmarks := func() string {
		out, errOut, code := runCLI(t, "bookmarks", "--data-dir", data, dir)
		if code != 0 {
			t.Fatalf("bookmarks: exit %d: %s", code, errOut)
		}
		return out
	}
	_, errOut, code := runCLI(t, "bookmark", "add", ids[0], "bad1", ids[1], "ffff0000", "--in", dir, "--data-dir", data)
	if code != 1 || !hasLine(errOut, "bad1", "no article has that ID") || !hasLine(errOut, "ffff0000", "no article has that ID") {
		t.Errorf("add with bad IDs: exit %d, stderr %q", code, errOut)
	}
	if got := bookmarks(); got != "" {
		t.Errorf("add with a bad ID added:\n%s", got)
	}
	if _, errOut, code := runCLI(t, "bookmark", "add", ids[0], ids[1], "--in", dir, "--data-dir", data); code != 0 {
		t.Fatalf("add: exit %d: %s", code, errOut)
	}
	before := bookmarks()
	_, errOut, code = runCLI(t, "bookmark", "rm", ids[0], "bad2", "--in", dir, "--data-dir", data)
	if code != 1 || !hasLine(errOut, "bad2", "no article has that ID") {
		t.Errorf("rm with a bad ID: exit %d, stderr %q", code, errOut)
	}
	if got := bookmarks(); got != before {
		t.Errorf("rm with a bad ID removed some:\nbefore\n%s\nafter\n%s", before, got)
	}
}

// hasLine says whether a line of s holds every one of words.
func hasLine(s string, words ...string) bool {
	for _, l := range strings.Split(s, "\n") {
		all := true
		for _, w := range words {
			all = all && strings.Contains(l, w)
		}
		if all {
			return true
		}
	}
	return false
}
