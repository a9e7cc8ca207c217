package cli

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/seeds"
	"github.com/broadsheet/broadsheet/store/testcorpus"
	"github.com/charmbracelet/x/ansi"
)

// corpus is testcorpus.Small in a fresh folder, with the real seed story.
func corpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	seed, err := fs.ReadFile(seeds.FS, "000_d5b0627365015324.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := testcorpus.Small(dir, string(seed)); err != nil {
		t.Fatal(err)
	}
	return dir
}

func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Run(args, &out, &errOut)
	return out.String(), errOut.String(), code
}

func TestList(t *testing.T) {
	dir := corpus(t)
	out, errOut, code := runCLI(t, "list", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("want 3 articles, got:\n%s", out)
	}
	f := strings.Split(lines[0], "\t")
	if len(f) != 4 || f[1] != "2024-11-16 20:49" || !strings.HasPrefix(f[2], "US pressures Qatar") ||
		f[3] != filepath.Join(dir, "2024/11/qatar.txt") || len(f[0]) < 8 {
		t.Errorf("first line %q", lines[0])
	}
	if !strings.Contains(lines[1], "2024-11-10 12:00\tHamas talks stall in Doha") ||
		!strings.Contains(lines[2], "2024-10-08 18:30\tEdwards wins") {
		t.Errorf("order or dates wrong:\n%s", out)
	}
	// Each bad file is reported on stderr with a reason, one line each.
	for _, bad := range []string{"empty.txt", "image.txt"} {
		if !strings.Contains(errOut, bad+": ") {
			t.Errorf("stderr does not report %s:\n%s", bad, errOut)
		}
	}
	if n := strings.Count(errOut, "\n"); n != 2 {
		t.Errorf("stderr has %d lines, want 2:\n%s", n, errOut)
	}
}

func TestListFilterAndJSON(t *testing.T) {
	dir := corpus(t)
	out, _, code := runCLI(t, "list", "--filter", "hama", "--json", dir)
	if code != 0 {
		t.Fatal(code)
	}
	var got []articleOut
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var a articleOut
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		got = append(got, a)
	}
	if len(got) != 2 || len(got[0].ID) != 32 || got[0].Words == 0 || got[0].Bookmarked {
		t.Errorf("got %+v", got)
	}
	// Where an article has them, its author, site, URL, tags and format.
	jsonl := filepath.Join(dir, "wire.jsonl")
	if err := os.WriteFile(jsonl, []byte(`{"title": "Wire story", "author": "Ann Lee", "site": "The Wire", "url": "https://wire.example/1", "tags": ["gaza", "talks"]}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, _ = runCLI(t, "list", "--json", "-f", "wire", dir)
	var wire articleOut
	if err := json.Unmarshal([]byte(strings.TrimSpace(out)), &wire); err != nil || wire.Author != "Ann Lee" || wire.Site != "The Wire" ||
		wire.URL != "https://wire.example/1" || strings.Join(wire.Tags, ",") != "gaza,talks" || wire.Format != "jsonl" {
		t.Errorf("list --json of a dataset record: %+v (%v) from %s", wire, err, out)
	}
	out, _, _ = runCLI(t, "list", dir, "--filter", "war")
	if out != "" {
		t.Errorf("war matched inside Edwards:\n%s", out)
	}
}

func TestBookmarkCommands(t *testing.T) {
	dir, data := corpus(t), t.TempDir()
	out, _, _ := runCLI(t, "list", "--filter", "edwards", dir)
	id := strings.Split(out, "\t")[0]
	if _, errOut, code := runCLI(t, "bookmark", "add", id[:8], "--in", dir, "--data-dir", data); code != 0 {
		t.Fatalf("bookmark add: exit %d: %s", code, errOut)
	}
	out, _, _ = runCLI(t, "list", "--bookmarked", "--data-dir", data, dir)
	if !strings.Contains(out, "Edwards wins") || strings.Count(out, "\n") != 1 {
		t.Errorf("list --bookmarked:\n%s", out)
	}
	// The article moves away: the bookmark is kept and listed as missing.
	if err := os.Rename(filepath.Join(dir, "2024/10/pie.txt"), filepath.Join(t.TempDir(), "pie.txt")); err != nil {
		t.Fatal(err)
	}
	out, _, code := runCLI(t, "bookmarks", "--data-dir", data, dir)
	if code != 0 || !strings.Contains(out, "Edwards wins") || !strings.Contains(out, "(missing)") {
		t.Errorf("bookmarks after the file moved away (exit %d):\n%s", code, out)
	}
	// It can still be removed by ID.
	if _, errOut, code := runCLI(t, "bookmark", "rm", id, "--in", dir, "--data-dir", data); code != 0 {
		t.Fatalf("bookmark rm: exit %d: %s", code, errOut)
	}
	out, _, _ = runCLI(t, "bookmarks", "--json", "--data-dir", data, dir)
	if out != "" {
		t.Errorf("bookmark not removed:\n%s", out)
	}
}

func TestShow(t *testing.T) {
	dir := corpus(t)
	out, _, _ := runCLI(t, "list", "--filter", "qatar", dir)
	id := strings.Split(out, "\t")[0]
	out, errOut, code := runCLI(t, "show", "--width", "60", id, dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "US pressures Qatar") || !strings.Contains(out, "Saturday, 16 November 2024") {
		t.Errorf("show output lacks headline or date:\n%s", out)
	}
	for i, l := range strings.Split(out, "\n") {
		if w := ansi.StringWidth(l); w > 60 {
			t.Errorf("line %d is %d wide: %q", i+1, w, l)
		}
	}
	// A file path works as well as an ID.
	out2, _, code := runCLI(t, "show", "--width", "60", filepath.Join(dir, "2024/11/qatar.txt"))
	if code != 0 || out2 != out {
		t.Errorf("show FILE differs from show ID (exit %d)", code)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"list", "--nope"},
		{"show"},
		{"bookmark", "frob", "x"},
		{"--style", "purple"},
		{"show", "--width", "5", "abc"},
		{"bogus"},
		{"lsit", "--filter", "x"},
		{"config", "extra"},
		{"completion"},
		{"bookmark"},
		{"bookmark", "add"},
	} {
		out, errOut, code := runCLI(t, args...)
		if code != 2 || out != "" || !strings.HasPrefix(errOut, "broadsheet: ") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
	_, errOut, code := runCLI(t, "list", "/no/such/folder")
	if code != 1 || !strings.Contains(errOut, "/no/such/folder") {
		t.Errorf("missing folder: exit %d, %q", code, errOut)
	}
	out, _, code := runCLI(t, "--version")
	if code != 0 || !strings.HasPrefix(out, "broadsheet ") {
		t.Errorf("--version: %d %q", code, out)
	}
	out, _, code = runCLI(t, "--help")
	if code != 0 || !strings.Contains(out, "Usage:") {
		t.Errorf("--help: %d %q", code, out)
	}
}

func TestDefaultLibraryIsTheSamples(t *testing.T) {
	t.Setenv("BROADSHEET_PATH", "")
	out, errOut, code := runCLI(t, "list")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "US pressures Qatar to expel Hamas") || strings.Count(out, "\n") < 4 {
		t.Errorf("samples:\n%s", out)
	}
	t.Setenv("BROADSHEET_PATH", corpus(t))
	out, _, _ = runCLI(t, "list")
	if strings.Contains(out, "Sample:") || !strings.Contains(out, "Edwards") {
		t.Errorf("BROADSHEET_PATH not used:\n%s", out)
	}
}

// TestMain keeps the tests' caches and data out of the user's folders.
func TestMain(m *testing.M) {
	// The test binary stands in for broadsheet in tests that need other
	// processes.
	if args := os.Getenv("BROADSHEET_TEST_ARGS"); args != "" {
		os.Exit(Run(strings.Split(args, "\x1f"), os.Stdout, os.Stderr))
	}
	if data := os.Getenv("BROADSHEET_TEST_CHURN"); data != "" {
		churnBookmarks(data)
	}
	dir, err := os.MkdirTemp("", "broadsheet-main-test")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", filepath.Join(dir, "cache"))
	os.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	os.Setenv("XDG_STATE_HOME", filepath.Join(dir, "state"))
	os.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// TestBrokenBookmarksFailCommands: commands that show bookmarks exit 1,
// naming the file, when it cannot be read; the file is left as it was.
func TestBrokenBookmarksFailCommands(t *testing.T) {
	dir, data := corpus(t), t.TempDir()
	file := filepath.Join(data, "bookmarks.json")
	if err := os.WriteFile(file, []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, _ := runCLI(t, "list", dir)
	id := strings.Split(out, "\t")[0]
	for _, args := range [][]string{
		{"bookmarks"},
		{"bookmark", "add", id, "--in", dir},
		{"list", "--bookmarked", dir},
		{"list", "--json", dir},
	} {
		_, errOut, code := runCLI(t, append(args, "--data-dir", data)...)
		if code != 1 || !strings.Contains(errOut, file) {
			t.Errorf("%q: exit %d, stderr %q", args, code, errOut)
		}
	}
	if got, _ := os.ReadFile(file); string(got) != "{not json" {
		t.Errorf("the broken file became %q", got)
	}
	// Plain list does not need bookmarks.
	if _, _, code := runCLI(t, "list", "--data-dir", data, dir); code != 0 {
		t.Errorf("list exits %d over a broken bookmarks file", code)
	}
}

func TestListSort(t *testing.T) {
	dir := corpus(t)
	out, _, code := runCLI(t, "list", "--sort", "oldest", dir)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || !strings.Contains(lines[0], "Edwards") {
		t.Errorf("--sort oldest: exit %d\n%s", code, out)
	}
	out, _, _ = runCLI(t, "list", "--sort", "relevance", "--filter", "doha talks", dir)
	if !strings.HasPrefix(strings.Split(out, "\t")[2], "Hamas talks stall in Doha") {
		t.Errorf("--sort relevance:\n%s", out)
	}
	if _, _, code := runCLI(t, "list", "--sort", "random", dir); code != 2 {
		t.Errorf("--sort random: exit %d, want 2", code)
	}
}

func TestRelatedCommand(t *testing.T) {
	dir := corpus(t)
	out, _, _ := runCLI(t, "list", "--filter", "title:doha", dir)
	id := strings.Split(out, "\t")[0]
	out, errOut, code := runCLI(t, "related", id, dir)
	if code != 0 || !strings.Contains(out, "US pressures Qatar") || strings.Contains(out, "Hamas talks stall") {
		t.Errorf("related %s: exit %d %s\n%s", id, code, errOut, out)
	}
	if _, _, code := runCLI(t, "related"); code != 2 {
		t.Errorf("related without an ID: exit %d", code)
	}
}

func TestReadingList(t *testing.T) {
	dir, data := corpus(t), t.TempDir()
	out, _, _ := runCLI(t, "list", dir)
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		runCLI(t, "bookmark", "add", strings.Split(l, "\t")[0], "--in", dir, "--data-dir", data)
	}
	md, errOut, code := runCLI(t, "bookmarks", "--markdown", "--data-dir", data, dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"# Reading list",
		"- [US pressures Qatar to expel Hamas after rejecting hostage negotiations, signaling a shift in Middle Eastern diplomatic dynamics.](<file://" + filepath.ToSlash(dir) + "/2024/11/qatar.txt>) · 16 November 2024",
		"In recent weeks, tensions have escalated between the United States and the Palestinian militant group Hamas, particularly following Hamas's rejection of a proposed ceasefire and hostage deal.",
		"- [Hamas talks stall in Doha](<file://",
		"Judges praised the crust.",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("reading list lacks %q:\n%s", want, md)
		}
	}
	if c := controls(md); len(c) > 0 {
		t.Errorf("control characters %q", c)
	}
	if _, _, code := runCLI(t, "bookmarks", "--json", "--markdown", "--data-dir", data); code != 2 {
		t.Errorf("--json --markdown: exit %d, want 2", code)
	}
}

// TestFlagForms: --flag=value, the short forms and flags anywhere among
// the arguments all mean the same.
func TestFlagForms(t *testing.T) {
	dir := corpus(t)
	want, _, code := runCLI(t, "list", "--filter", "hama", "--json", "--sort", "oldest", dir)
	if code != 0 || strings.Count(want, "\n") != 2 {
		t.Fatalf("exit %d:\n%s", code, want)
	}
	for _, args := range [][]string{
		{"list", "--filter=hama", "--json", "--sort=oldest", dir},
		{"list", "-f", "hama", "-j", "-s", "oldest", dir},
		{"list", dir, "-jf", "hama", "-s=oldest"},
		{"list", "-j", dir, "-f", "hama", "--sort", "oldest"},
	} {
		if got, errOut, code := runCLI(t, args...); code != 0 || got != want {
			t.Errorf("%q: exit %d %s\n%s", args, code, errOut, got)
		}
	}
}

// TestShowListsLinks: show numbers the article's links in the text and
// lists them under it, as the reader does, with nothing of a URL's bytes
// reaching the terminal as a control.
func TestShowListsLinks(t *testing.T) {
	dir := t.TempDir()
	md := "---\ntitle: Links\ndate: 2024-05-01\n---\nSee [the other](other.md) and [the web](https://example.org/x) " +
		"and [other again](other.md) and [bad](https://e.org/\x1b]8;;evil\x07).\n"
	if err := os.WriteFile(filepath.Join(dir, "links.md"), []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, "show", "--width", "60", filepath.Join(dir, "links.md"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"the other[1]", "the web[2]", "other again[1]", "bad[3]",
		"• [1] other.md", "• [2] https://example.org/x", "• [3] https://e.org/"} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "[4]") || strings.Contains(out, "\x1b]") || strings.Contains(out, "\x07") {
		t.Errorf("show numbered a link twice or let a control through:\n%q", out)
	}
}
