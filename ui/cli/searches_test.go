package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/state"
)

// TestSearchesCommand: the configuration's searches and the saved ones,
// by name, each with what list finds and its unread; the configuration's
// query wins a name both have.
func TestSearchesCommand(t *testing.T) {
	dir, data, stateDir := corpus(t), t.TempDir(), t.TempDir()
	cfg := writeConfig(t, "[searches]\nQatar = \"qatar\"\n\"all of it\" = \"-zzzzqq\"\n")
	saved := mustGet(state.OpenSearches(data))
	if err := saved.Save("qatar", "hamas"); err != nil { // the configuration's wins
		t.Fatal(err)
	}
	if err := saved.Save("Nothing", "zzzzqq"); err != nil {
		t.Fatal(err)
	}
	common := []string{"--config", cfg, "--data-dir", data, "--state-dir", stateDir}
	run := func(args ...string) string {
		t.Helper()
		out, errOut, code := runCLI(t, append(args, common...)...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", strings.Join(args, " "), code, errOut)
		}
		return out
	}
	count := func(q string) int {
		return strings.Count(run("list", "--filter", q, dir), "\n")
	}
	nq, nall := count("qatar"), count("-zzzzqq")
	if nq == 0 || nq == nall {
		t.Fatalf("the corpus: %d with qatar of %d", nq, nall)
	}
	want := "all of it\t" + itoa(nall) + "\t" + itoa(nall) + "\t-zzzzqq\n" +
		"Nothing\t0\t0\tzzzzqq\n" +
		"Qatar\t" + itoa(nq) + "\t" + itoa(nq) + "\tqatar\n"
	if got := run("searches", dir); got != want {
		t.Errorf("searches printed\n%s\nwant\n%s", got, want)
	}
	// Read one article that qatar finds: its unread drops by one.
	var first articleOut
	if err := json.Unmarshal([]byte(strings.SplitN(run("list", "--json", "--filter", "qatar", dir), "\n", 2)[0]), &first); err != nil {
		t.Fatal(err)
	}
	read := mustGet(state.OpenReadState(stateDir))
	read.Mark(state.Ref{ID: mustID(t, first.ID)}, true)
	if err := read.Save(); err != nil {
		t.Fatal(err)
	}
	var got []searchCount
	dec := json.NewDecoder(strings.NewReader(run("searches", "--json", dir)))
	for dec.More() {
		var c searchCount
		if err := dec.Decode(&c); err != nil {
			t.Fatal(err)
		}
		got = append(got, c)
	}
	if len(got) != 3 || got[2] != (searchCount{"Qatar", "qatar", nq, nq - 1, "config"}) || got[1].From != "saved" {
		t.Errorf("searches --json gave %+v", got)
	}
	// --search runs a saved search, with --filter after it.
	if got, want := run("list", "--search", "QATAR", dir), run("list", "--filter", "qatar", dir); got != want {
		t.Errorf("list --search Qatar printed\n%s\nwant\n%s", got, want)
	}
	if got := strings.Count(run("list", "--search", "qatar", "--filter", "-qatar", dir), "\n"); got != 0 {
		t.Errorf("--search with a --filter that excludes it printed %d lines", got)
	}
	if got := strings.Count(run("export", "--format", "jsonl", "-o", "-", "--search", "Qatar", dir), "\n"); got != nq {
		t.Errorf("export --search printed %d records, want %d", got, nq)
	}
	_, errOut, code := runCLI(t, append([]string{"list", "--search", "nope", dir}, common...)...)
	if code != 2 || !strings.Contains(errOut, "there are: all of it, Nothing, Qatar") {
		t.Errorf("an unknown --search: exit %d, %q", code, errOut)
	}
	if data, err := os.ReadFile(filepath.Join(data, state.SearchesFile)); err != nil || !strings.Contains(string(data), `"hamas"`) {
		t.Errorf("the saved search the configuration shadows is lost: %s %v", data, err)
	}
}

func mustGet[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func mustID(t *testing.T, s string) article.ID {
	t.Helper()
	id, ok := article.ParseID(s)
	if !ok {
		t.Fatalf("%q is not an ID", s)
	}
	return id
}

func itoa(n int) string { return strconv.Itoa(n) }
