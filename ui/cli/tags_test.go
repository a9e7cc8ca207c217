package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/state"
)

// TestTagCommands: tags given with tag add are found by tag: and counted
// by tags, taken away by tag rm, printed by list --json, and still found
// once the article's file is edited (its ID changed); a bad tag changes
// nothing.
func TestTagCommands(t *testing.T) {
	dir, data := corpus(t), t.TempDir()
	run := func(args ...string) string {
		t.Helper()
		out, errOut, code := runCLI(t, append(args, "--data-dir", data)...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", strings.Join(args, " "), code, errOut)
		}
		return out
	}
	ids := func(out string) []string {
		var got []string
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			if l != "" {
				got = append(got, strings.Split(l, "\t")[0])
			}
		}
		return got
	}
	all := ids(run("list", dir))
	if len(all) != 3 {
		t.Fatalf("%d articles", len(all))
	}
	run("tag", "add", all[0], "gaza", "Middle East", "--in", dir)
	run("tag", "add", all[1], "#middle-east", "--in", dir)
	if got := ids(run("list", "--filter", "tag:middle-east", dir)); !slices.Equal(got, all[:2]) {
		t.Errorf("tag:middle-east found %v, want %v", got, all[:2])
	}
	if got := ids(run("list", "--filter", `tag:"middle east" -tag:gaza`, dir)); !slices.Equal(got, all[1:2]) {
		t.Errorf(`tag:"middle east" -tag:gaza found %v, want %v`, got, all[1:2])
	}
	if got, want := run("tags", dir), "Middle East\t2\ngaza\t1\n"; got != want {
		t.Errorf("tags printed %q, want %q", got, want)
	}
	var counts []tagCount
	dec := json.NewDecoder(strings.NewReader(run("tags", "--json", dir)))
	for dec.More() {
		var c tagCount
		if err := dec.Decode(&c); err != nil {
			t.Fatal(err)
		}
		counts = append(counts, c)
	}
	if len(counts) != 2 || counts[0] != (tagCount{"Middle East", 2}) {
		t.Errorf("tags --json gave %+v", counts)
	}
	var first articleOut
	if err := json.Unmarshal([]byte(strings.SplitN(run("list", "--json", dir), "\n", 2)[0]), &first); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(first.Tags, []string{"gaza", "Middle East"}) {
		t.Errorf("list --json gave the first article tags %q", first.Tags)
	}

	_, errOut, code := runCLI(t, "tag", "add", all[2], "fine", "a,b", "--in", dir, "--data-dir", data)
	if code == 0 || !strings.Contains(errOut, `"a,b" is not a tag`) {
		t.Errorf("a bad tag: exit %d, %q", code, errOut)
	}
	if got := ids(run("list", "--filter", "tag:fine", dir)); len(got) != 0 {
		t.Errorf("a command refused still tagged %v", got)
	}

	run("tag", "rm", all[0][:10], "MIDDLE EAST", "--in", dir)
	if got := ids(run("list", "--filter", "tag:middle-east", dir)); !slices.Equal(got, all[1:2]) {
		t.Errorf("after rm, tag:middle-east found %v, want %v", got, all[1:2])
	}

	// An edit changes the article's ID; its tags follow it.
	path := strings.TrimSpace(strings.Split(strings.Split(run("list", "--filter", "tag:gaza", dir), "\n")[0], "\t")[3])
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("A paragraph added later.\n")
	f.Close()
	got := ids(run("list", "--filter", "tag:gaza", dir))
	if len(got) != 1 || got[0] == all[0] {
		t.Errorf("after an edit, tag:gaza found %v (the old ID was %s)", got, all[0])
	}
	if _, err := os.Stat(filepath.Join(data, "tags.json")); err != nil {
		t.Error(err)
	}
}

// TestListFindsNotes: list --filter note: finds the notes the reader
// keeps, and show prints them.
func TestListFindsNotes(t *testing.T) {
	dir, data := corpus(t), t.TempDir()
	out, _, _ := runCLI(t, "list", "--json", dir, "--data-dir", data)
	var first articleOut
	if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &first); err != nil {
		t.Fatal(err)
	}
	id, _ := article.ParseID(first.ID)
	notes, err := state.OpenNotes(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := notes.Set(state.Ref{ID: id, Path: first.Path}, "Ask the embassy."); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, "list", "--filter", "note:embassy", dir, "--data-dir", data)
	if code != 0 || strings.Count(out, "\n") != 1 || !strings.HasPrefix(out, first.ID[:10]) {
		t.Errorf("note:embassy: exit %d, %q, %s", code, out, errOut)
	}
	// show prints the note and the user's tags as the reader does.
	if _, errOut, code := runCLI(t, "tag", "add", first.ID, "diplomacy", "--in", dir, "--data-dir", data); code != 0 {
		t.Fatal(errOut)
	}
	out, errOut, code = runCLI(t, "show", first.ID, dir, "--data-dir", data, "--style", "notty")
	if code != 0 || !strings.Contains(out, "Note:** Ask the embassy.") || !strings.Contains(out, "tags: diplomacy") {
		t.Errorf("show: exit %d, %s\n%s", code, errOut, out)
	}
}

// TestStats: stats counts the articles list prints, by each period,
// oldest first, the undated last, and its counts add up to list's, with
// a filter too.
func TestStats(t *testing.T) {
	dir, data := corpus(t), t.TempDir()
	for _, tt := range []struct {
		by, filter, want string
	}{
		{"month", "", "2024-10\t1\n2024-11\t2\n"},
		{"year", "", "2024\t3\n"},
		{"day", "", "2024-10-08\t1\n2024-11-10\t1\n2024-11-16\t1\n"},
		{"week", "", "2024-W41\t1\n2024-W45\t1\n2024-W46\t1\n"},
		{"month", "doha", "2024-11\t2\n"},
	} {
		args := []string{"stats", "--by", tt.by, dir, "--data-dir", data}
		if tt.filter != "" {
			args = append(args, "--filter", tt.filter)
		}
		out, errOut, code := runCLI(t, args...)
		if code != 0 || out != tt.want {
			t.Errorf("stats --by %s %q: exit %d, %q, want %q (%s)", tt.by, tt.filter, code, out, tt.want, errOut)
		}
		listed, _, _ := runCLI(t, "list", dir, "--filter", tt.filter, "--data-dir", data)
		sum := 0
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			var n int
			fmt.Sscan(strings.Split(l, "\t")[1], &n)
			sum += n
		}
		if sum != strings.Count(listed, "\n") {
			t.Errorf("stats --by %s %q adds up to %d, list prints %d", tt.by, tt.filter, sum, strings.Count(listed, "\n"))
		}
	}
	if _, _, code := runCLI(t, "stats", "--by", "fortnight", dir); code != 2 {
		t.Errorf("--by fortnight: exit %d, want 2", code)
	}
}
