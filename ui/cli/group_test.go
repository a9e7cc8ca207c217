package cli

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store/testcorpus"
)

// groupCorpus writes a story in three copies (a line added, a new
// headline), another in two (a sentence changed) and one told once.
func groupCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	words := testcorpus.ZipfWords(rand.New(rand.NewPCG(5, 5)), testcorpus.Words())
	body := func() []string {
		var s []string
		for range 25 {
			s = append(s, words(14)+".")
		}
		return s
	}
	a, b, c := body(), body(), body()
	b2 := slices.Clone(b)
	b2[3] = "A sentence that was not in the first copy stands here now."
	files := map[string]string{
		"a1.txt": "Monday, November 4, 2024\nTalks resume in Quuxville\n" + strings.Join(a, " "),
		"a2.txt": "Tuesday, November 5, 2024\nTalks resume in Quuxville, updated\n" + strings.Join(a, " ") + " One line more.",
		"a3.txt": "Sunday, November 3, 2024\nXylophonists meet again\n" + strings.Join(a, " "),
		"b1.txt": "Wednesday, November 6, 2024\nStorm nears the coast\n" + strings.Join(b, " "),
		"b2.txt": "Thursday, November 7, 2024\nStorm nears\n" + strings.Join(b2, " "),
		"c.txt":  "Friday, November 1, 2024\nSomething else\n" + strings.Join(c, " "),
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestListGroup(t *testing.T) {
	dir := groupCorpus(t)
	names := func(out string) []string {
		var got []string
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			f := strings.Split(line, "\t")
			got = append(got, filepath.Base(f[len(f)-1]))
		}
		return got
	}
	out, errOut, code := runCLI(t, "list", "--group", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if got, want := names(out), []string{"b2.txt", "a2.txt", "c.txt"}; !slices.Equal(got, want) {
		t.Errorf("list --group prints %q, want %q:\n%s", got, want, out)
	}
	all, _, _ := runCLI(t, "list", dir)
	if got := len(names(all)); got != 6 {
		t.Errorf("list without --group prints %d lines, want 6", got)
	}
	// Lines as list prints them: the grouped line is the ungrouped one.
	if first := strings.SplitN(out, "\n", 2)[0]; !strings.Contains(all, first+"\n") {
		t.Errorf("grouped line %q is not a line of list", first)
	}
	ids := map[string]string{} // file to ID
	jsonAll, _, _ := runCLI(t, "list", "--json", dir)
	for _, line := range strings.Split(strings.TrimSpace(jsonAll), "\n") {
		var a struct{ ID, Path string }
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatal(err)
		}
		ids[filepath.Base(a.Path)] = a.ID
	}
	tests := []struct {
		filter string
		want   []string // each story: its file, then its copies'
	}{
		{"", []string{"b2.txt b1.txt", "a2.txt a1.txt a3.txt", "c.txt"}},
		{"xylophonists", []string{"a3.txt"}},
		{"quuxville", []string{"a2.txt a1.txt"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q", tt.filter), func(t *testing.T) {
			out, errOut, code := runCLI(t, "list", "--group", "--json", "-f", tt.filter, dir)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var got []string
			for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
				var s struct {
					ID, Path string
					Copies   []string
				}
				if err := json.Unmarshal([]byte(line), &s); err != nil {
					t.Fatalf("%v: %s", err, line)
				}
				if s.Copies == nil || ids[filepath.Base(s.Path)] != s.ID {
					t.Fatalf("line %s: no copies array, or the ID is not the file's", line)
				}
				story := []string{filepath.Base(s.Path)}
				for _, id := range s.Copies {
					for name, fid := range ids {
						if fid == id {
							story = append(story, name)
						}
					}
				}
				got = append(got, strings.Join(story, " "))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("stories %q, want %q", got, tt.want)
			}
		})
	}
}
